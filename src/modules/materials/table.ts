import type { Generated } from 'kysely';

// Materials of a series (issue 10): each belongs to one session or to the whole series (`session_id` null),
// before it (preparation) or after (follow-up). Deleting and hiding are soft, so the audit log and the copy
// of a series can still name them.

export const MATERIAL_KINDS = ['literature', 'article', 'podcast', 'video', 'document', 'note'] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];
export const PHASES = ['before', 'after'] as const;
export type Phase = (typeof PHASES)[number];

export interface MaterialTable {
  id: string;
  series_id: string;
  session_id: string | null;
  phase: Phase;
  kind: MaterialKind;
  title: string;
  description: Generated<string>;
  /** A link (literature, article, podcast, video). */
  url: string | null;
  /** Literature: authors, year, publisher or journal, DOI or ISBN. */
  authors: Generated<string>;
  year: number | null;
  publisher: Generated<string>;
  identifier: Generated<string>;
  /** A note's Markdown (rendered with raw HTML off). */
  body_md: Generated<string>;
  /** The uploaded file (files module), when there is one. */
  file_id: string | null;
  /** The account that added it; null for the demo seed. */
  added_by: string | null;
  /** The name shown as who added it, as it was when added. */
  added_by_name: string;
  /** 1: shared by a participant (or substitute) with the others; the organiser or facilitator may hide it. */
  shared: Generated<number>;
  /** 1: the staff marked it to be taken along when the series is copied. */
  reuse: Generated<number>;
  copied_from: string | null;
  created_at: string;
  updated_at: string;
  hidden_at: string | null;
  hidden_by: string | null;
  deleted_at: string | null;
  deleted_by: string | null;
}

/** When a person last opened a series' members' home: what is newer is marked new for them. */
export interface MaterialVisitTable {
  account_id: string;
  series_id: string;
  seen_at: string;
}
