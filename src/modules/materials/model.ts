import type { MaterialRow } from './queries.ts';
import type { MaterialKind, Phase } from './table.ts';

// Rows → domain objects: what the service hands out (camelCase, booleans, nothing of the table's shape).

export interface Material {
  id: string;
  seriesId: string;
  /** Null: the whole series. */
  sessionId: string | null;
  phase: Phase;
  kind: MaterialKind;
  title: string;
  description: string;
  url: string | null;
  authors: string;
  year: number | null;
  publisher: string;
  identifier: string;
  bodyMd: string;
  fileId: string | null;
  addedBy: string | null;
  addedByName: string;
  /** Shared by a participant or a substitute (the organiser or facilitator may hide it). */
  shared: boolean;
  reuse: boolean;
  copiedFrom: string | null;
  createdAt: string;
  updatedAt: string;
  hidden: boolean;
}

export function toMaterial(row: MaterialRow): Material {
  return {
    id: row.id,
    seriesId: row.series_id,
    sessionId: row.session_id,
    phase: row.phase,
    kind: row.kind,
    title: row.title,
    description: row.description,
    url: row.url,
    authors: row.authors,
    year: row.year,
    publisher: row.publisher,
    identifier: row.identifier,
    bodyMd: row.body_md,
    fileId: row.file_id,
    addedBy: row.added_by,
    addedByName: row.added_by_name,
    shared: row.shared === 1,
    reuse: row.reuse === 1,
    copiedFrom: row.copied_from,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    hidden: row.hidden_at !== null,
  };
}

/** The audit's picture of a material: its own fields, no text bodies beyond their length. */
export function auditView(row: MaterialRow) {
  return {
    series_id: row.series_id,
    session_id: row.session_id,
    phase: row.phase,
    kind: row.kind,
    title: row.title,
    description: row.description,
    url: row.url,
    authors: row.authors,
    year: row.year,
    publisher: row.publisher,
    identifier: row.identifier,
    body_length: row.body_md.length,
    file_id: row.file_id,
    added_by: row.added_by,
    shared: row.shared,
    reuse: row.reuse,
    hidden_at: row.hidden_at,
    deleted_at: row.deleted_at,
  };
}
