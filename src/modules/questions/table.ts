import type { Generated } from 'kysely';

// Expert Q&A (issue 11, migration 0014): the question (the thread), its posts, each post's earlier versions,
// and who follows a question. Deleting is soft: the row stays for the audit log and the reason shown in place.

export const ADDRESSEES = ['expert', 'experts', 'facilitator'] as const;
export type Addressee = (typeof ADDRESSEES)[number];
export const QUESTION_STATES = ['unanswered', 'answered', 'solved'] as const;
export type QuestionState = (typeof QUESTION_STATES)[number];
/** What the author was in the series when they wrote the post: an expert's or the facilitator's reply answers. */
export type AuthorRole = 'expert' | 'facilitator' | 'organiser' | 'member';

export interface QuestionTable {
  id: string;
  series_id: string;
  /** Null: about the whole series. */
  session_id: string | null;
  addressed_to: Addressee;
  /** The one expert asked (addressed_to 'expert'). */
  expert_account_id: string | null;
  expert_name: Generated<string>;
  /** Null: the demo seed. */
  asker_id: string | null;
  asker_name: string;
  title: string;
  state: QuestionState;
  /** The first reply by an expert or the facilitator (the organiser's figures). */
  first_reply_at: string | null;
  solved_post_id: string | null;
  reply_count: Generated<number>;
  created_at: string;
  last_post_at: string;
  deleted_at: string | null;
}

export interface QuestionPostTable {
  id: string;
  question_id: string;
  kind: 'question' | 'reply';
  author_id: string | null;
  author_name: string;
  author_role: AuthorRole;
  body_md: string;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
  deleted_by: string | null;
  /** Null: deleted by its author; otherwise the organiser's reason. */
  delete_reason: string | null;
}

/** A post's earlier version (the opening post's carries the title it had). */
export interface QuestionRevisionTable {
  id: string;
  post_id: string;
  title: string | null;
  body_md: string;
  replaced_at: string;
  replaced_by: string | null;
}

export interface QuestionFollowTable {
  question_id: string;
  account_id: string;
  created_at: string;
}
