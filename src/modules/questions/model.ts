import type { PostRow, QuestionRow } from './queries.ts';
import type { Addressee, AuthorRole, QuestionState } from './table.ts';

// Rows → domain objects: what the service hands out (camelCase, booleans, nothing of the table's shape).

export interface Question {
  id: string;
  seriesId: string;
  sessionId: string | null;
  addressedTo: Addressee;
  expertAccountId: string | null;
  expertName: string;
  askerId: string | null;
  askerName: string;
  title: string;
  state: QuestionState;
  firstReplyAt: string | null;
  solvedPostId: string | null;
  replyCount: number;
  createdAt: string;
  lastPostAt: string;
  deleted: boolean;
}

export interface Post {
  id: string;
  questionId: string;
  kind: 'question' | 'reply';
  authorId: string | null;
  authorName: string;
  authorRole: AuthorRole;
  bodyMd: string;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  /** Deleted by the organiser: their reason (shown in place); null otherwise. */
  deleteReason: string | null;
}

export function toQuestion(row: QuestionRow): Question {
  return {
    id: row.id,
    seriesId: row.series_id,
    sessionId: row.session_id,
    addressedTo: row.addressed_to,
    expertAccountId: row.expert_account_id,
    expertName: row.expert_name,
    askerId: row.asker_id,
    askerName: row.asker_name,
    title: row.title,
    state: row.state,
    firstReplyAt: row.first_reply_at,
    solvedPostId: row.solved_post_id,
    replyCount: Number(row.reply_count),
    createdAt: row.created_at,
    lastPostAt: row.last_post_at,
    deleted: row.deleted_at !== null,
  };
}

export function toPost(row: PostRow): Post {
  const deleted = row.deleted_at !== null;
  return {
    id: row.id,
    questionId: row.question_id,
    kind: row.kind,
    authorId: row.author_id,
    authorName: row.author_name,
    authorRole: row.author_role,
    // A deleted post's text never leaves the service.
    bodyMd: deleted ? '' : row.body_md,
    createdAt: row.created_at,
    editedAt: row.edited_at,
    deleted,
    deleteReason: deleted ? row.delete_reason : null,
  };
}

/** The audit's picture of a question: its facts, no text. */
export function auditQuestion(row: QuestionRow) {
  return {
    series_id: row.series_id,
    about_session: row.session_id !== null,
    addressed_to: row.addressed_to,
    expert_account_id: row.expert_account_id,
    asker_id: row.asker_id,
    state: row.state,
    first_reply_at: row.first_reply_at,
    solved_post_id: row.solved_post_id,
    deleted_at: row.deleted_at,
  };
}

/** The audit's picture of a post: who, what kind, how long — never its text. */
export function auditPost(row: PostRow) {
  return {
    question_id: row.question_id,
    kind: row.kind,
    author_id: row.author_id,
    author_role: row.author_role,
    body_length: row.body_md.length,
    edited_at: row.edited_at,
    deleted_at: row.deleted_at,
    deleted_by: row.deleted_by,
    with_reason: row.delete_reason !== null,
  };
}
