import type { ExpressionBuilder, Insertable, Selectable, Updateable } from 'kysely';
import type { DB, Executor } from '../../db/database.ts';
import type { QueueScope } from './rules.ts';
import type {
  QuestionFollowTable,
  QuestionPostTable,
  QuestionRevisionTable,
  QuestionState,
  QuestionTable,
} from './table.ts';

// All SQL of the questions module: its own tables only (question, question_post, question_revision,
// question_follow). Every list walks an index from its start and stops at a limit.

export type QuestionRow = Selectable<QuestionTable>;
export type PostRow = Selectable<QuestionPostTable>;
export type RevisionRow = Selectable<QuestionRevisionTable>;

export function insertQuestion(db: Executor, row: Insertable<QuestionTable>) {
  return db.insertInto('question').values(row).execute();
}

export function insertPost(db: Executor, row: Insertable<QuestionPostTable>) {
  return db.insertInto('question_post').values(row).execute();
}

export function insertRevision(db: Executor, row: Insertable<QuestionRevisionTable>) {
  return db.insertInto('question_revision').values(row).execute();
}

/** One question, deleted or not (a deleted one shows its tombstone). */
export function questionRow(db: Executor, id: string): Promise<QuestionRow | undefined> {
  return db.selectFrom('question').selectAll().where('id', '=', id).executeTakeFirst();
}

export function updateQuestion(db: Executor, id: string, set: Updateable<QuestionTable>) {
  return db.updateTable('question').set(set).where('id', '=', id).execute();
}

/** Every post of a thread, in order (deleted ones too: they show in place). */
export function postsOf(db: Executor, questionId: string): Promise<PostRow[]> {
  return db
    .selectFrom('question_post')
    .selectAll()
    .where('question_id', '=', questionId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function postRow(db: Executor, id: string): Promise<PostRow | undefined> {
  return db.selectFrom('question_post').selectAll().where('id', '=', id).executeTakeFirst();
}

export function updatePost(db: Executor, id: string, set: Updateable<QuestionPostTable>) {
  return db.updateTable('question_post').set(set).where('id', '=', id).execute();
}

export function revisionsOf(db: Executor, postId: string): Promise<RevisionRow[]> {
  return db
    .selectFrom('question_revision')
    .selectAll()
    .where('post_id', '=', postId)
    .orderBy('replaced_at', 'desc')
    .orderBy('id')
    .limit(200)
    .execute();
}

export function follow(db: Executor, row: Selectable<QuestionFollowTable>) {
  return db
    .insertInto('question_follow')
    .values(row)
    .onConflict((oc) => oc.columns(['question_id', 'account_id']).doNothing())
    .execute();
}

export function unfollow(db: Executor, questionId: string, accountId: string) {
  return db
    .deleteFrom('question_follow')
    .where('question_id', '=', questionId)
    .where('account_id', '=', accountId)
    .execute();
}

export async function isFollowing(db: Executor, questionId: string, accountId: string): Promise<boolean> {
  const row = await db
    .selectFrom('question_follow')
    .select('account_id')
    .where('question_id', '=', questionId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function followers(db: Executor, questionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('question_follow')
    .select('account_id')
    .where('question_id', '=', questionId)
    .limit(10_000)
    .execute();
  return rows.map((r) => r.account_id);
}

/** The list's page: newest first from a keyset cursor (created_at, id), one more than asked. */
export interface ListFilter {
  seriesId: string;
  /** Null: every session and the series; otherwise only questions about these sessions. */
  sessionIds: string[] | null;
  state: QuestionState | null;
  queue: QueueScope | null;
  before: { createdAt: string; id: string } | null;
  limit: number;
}

function inQueue(queue: QueueScope) {
  return (eb: ExpressionBuilder<DB, 'question'>) =>
    eb.or([
      eb.and([eb('addressed_to', '=', 'expert'), eb('expert_account_id', '=', queue.accountId)]),
      ...(queue.experts ? [eb('addressed_to', '=', 'experts')] : []),
      ...(queue.facilitator ? [eb('addressed_to', '=', 'facilitator')] : []),
    ]);
}

export function listQuestions(db: Executor, filter: ListFilter): Promise<QuestionRow[]> {
  let query = db
    .selectFrom('question')
    .selectAll()
    .where('series_id', '=', filter.seriesId)
    .where('deleted_at', 'is', null);
  if (filter.state) query = query.where('state', '=', filter.state);
  if (filter.sessionIds !== null) {
    if (filter.sessionIds.length === 0) return Promise.resolve([]);
    query = query.where('session_id', 'in', filter.sessionIds);
  }
  if (filter.queue) query = query.where(inQueue(filter.queue));
  const before = filter.before;
  if (before) {
    query = query.where((eb) =>
      eb.or([
        eb('created_at', '<', before.createdAt),
        eb.and([eb('created_at', '=', before.createdAt), eb('id', '<', before.id)]),
      ]),
    );
  }
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
}

/** What waits for this person in one series: unanswered and addressed to them, oldest first. */
export function waitingFor(
  db: Executor,
  input: { seriesId: string; queue: QueueScope; limit: number },
): Promise<QuestionRow[]> {
  return db
    .selectFrom('question')
    .selectAll()
    .where('series_id', '=', input.seriesId)
    .where('state', '=', 'unanswered')
    .where('deleted_at', 'is', null)
    .where(inQueue(input.queue))
    .orderBy('created_at')
    .orderBy('id')
    .limit(input.limit)
    .execute();
}

/** The organiser's list: unanswered questions of these series, oldest first. */
export function unansweredIn(db: Executor, seriesIds: readonly string[], limit: number) {
  if (seriesIds.length === 0) return Promise.resolve([] as QuestionRow[]);
  return db
    .selectFrom('question')
    .selectAll()
    .where('state', '=', 'unanswered')
    .where('deleted_at', 'is', null)
    .where('series_id', 'in', seriesIds)
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The questions answered by an expert or the facilitator (the newest `limit`), for the median. */
export function replyTimes(db: Executor, seriesIds: readonly string[], limit: number) {
  if (seriesIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('question')
    .select(['created_at', 'first_reply_at'])
    .where('series_id', 'in', seriesIds)
    .where('first_reply_at', 'is not', null)
    .where('deleted_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

export async function anyQuestion(db: Executor, seriesId: string): Promise<boolean> {
  const row = await db
    .selectFrom('question')
    .select('id')
    .where('series_id', '=', seriesId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
