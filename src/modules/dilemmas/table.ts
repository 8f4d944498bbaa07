// The dilemmas module's tables (issue 11, migration 0015): dilemmas (and visions, problems) members put forward,
// their comments, the agenda of each session (dilemmas and free-text points, in order), and the follow-ups the
// facilitator writes after a session (each kept as a note material of that session, by the materials module).

export const DILEMMA_KINDS = ['dilemma', 'vision', 'problem'] as const;
export type DilemmaKind = (typeof DILEMMA_KINDS)[number];

/** new → on the agenda → discussed → followed up (off the agenda again: back to new). */
export const DILEMMA_STATUSES = ['new', 'agenda', 'discussed', 'followed_up'] as const;
export type DilemmaStatus = (typeof DILEMMA_STATUSES)[number];

export interface DilemmaTable {
  id: string;
  series_id: string;
  /** The session whose agenda it is on (null: on no agenda yet). */
  session_id: string | null;
  kind: DilemmaKind;
  title: string;
  /** The template's four fields, Markdown. */
  situation_md: string;
  dilemma_md: string;
  tried_md: string;
  wanted_md: string;
  /** 1: the author is hidden from other members (never from the organiser and the facilitator). */
  anonymous: number;
  author_id: string;
  /** The author's name as it was then (shown only where anonymity allows). */
  author_name: string;
  status: DilemmaStatus;
  /** The follow-up that took it up (status followed_up). */
  followup_id: string | null;
  comment_count: number;
  created_at: string;
  updated_at: string;
}

export interface DilemmaCommentTable {
  id: string;
  dilemma_id: string;
  author_id: string;
  author_name: string;
  /** 1: the dilemma's own (anonymous) author, hidden from members here too. */
  anonymous: number;
  body_md: string;
  created_at: string;
}

export interface AgendaItemTable {
  id: string;
  series_id: string;
  session_id: string;
  /** Order on the agenda, from 1; moved by swapping with the neighbour. */
  position: number;
  /** A dilemma on the agenda, or null: a free-text point (`text`). */
  dilemma_id: string | null;
  text: string;
  created_at: string;
}

export interface DilemmaFollowupTable {
  id: string;
  series_id: string;
  session_id: string;
  /** The note material (phase after, on the session) the materials module keeps the text in. */
  material_id: string;
  title: string;
  written_by: string;
  created_at: string;
}
