import type { AgendaRow, CommentRow, DilemmaRow } from './queries.ts';
import type { DilemmaFacts } from './rules.ts';
import type { DilemmaKind, DilemmaStatus } from './table.ts';

// Rows → domain objects: what the service hands out (camelCase, booleans, nothing of the table's shape).

export interface Dilemma extends DilemmaFacts {
  id: string;
  kind: DilemmaKind;
  title: string;
  situationMd: string;
  dilemmaMd: string;
  triedMd: string;
  wantedMd: string;
  authorName: string;
  status: DilemmaStatus;
  followupId: string | null;
  commentCount: number;
  createdAt: string;
  updatedAt: string;
}

export function toDilemma(row: DilemmaRow): Dilemma {
  return {
    id: row.id,
    seriesId: row.series_id,
    sessionId: row.session_id,
    kind: row.kind,
    title: row.title,
    situationMd: row.situation_md,
    dilemmaMd: row.dilemma_md,
    triedMd: row.tried_md,
    wantedMd: row.wanted_md,
    anonymous: row.anonymous === 1,
    authorId: row.author_id,
    authorName: row.author_name,
    status: row.status,
    followupId: row.followup_id,
    commentCount: row.comment_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface DilemmaComment {
  id: string;
  dilemmaId: string;
  authorId: string;
  authorName: string;
  anonymous: boolean;
  bodyMd: string;
  createdAt: string;
}

export function toComment(row: CommentRow): DilemmaComment {
  return {
    id: row.id,
    dilemmaId: row.dilemma_id,
    authorId: row.author_id,
    authorName: row.author_name,
    anonymous: row.anonymous === 1,
    bodyMd: row.body_md,
    createdAt: row.created_at,
  };
}

export interface AgendaItem {
  id: string;
  sessionId: string;
  position: number;
  dilemmaId: string | null;
  text: string;
}

export function toAgendaItem(row: AgendaRow): AgendaItem {
  return {
    id: row.id,
    sessionId: row.session_id,
    position: row.position,
    dilemmaId: row.dilemma_id,
    text: row.text,
  };
}

/** What the audit log keeps of a dilemma: never its text, nor (for an anonymous one) anything but its id. */
export function auditView(row: DilemmaRow) {
  return {
    kind: row.kind,
    anonymous: row.anonymous === 1,
    status: row.status,
    session_id: row.session_id,
    followup_id: row.followup_id,
  };
}
