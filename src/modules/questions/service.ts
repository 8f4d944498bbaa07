import type { Kysely } from 'kysely';
import type { DB, Executor, Tx } from '../../db/database.ts';
import { type Actor, writeAudit } from '../../shared/audit.ts';
import type { Lang } from '../../shared/danish.ts';
import { newId } from '../../shared/ids.ts';
import type { SignedInAccount } from '../../web/account.ts';
import { actorFor, type Membership, membershipIn, seriesAudience } from '../people/service.ts';
import * as series from '../series/service.ts';
import type { AskFields } from './forms.ts';
import { indexQuestion } from './index.ts';
import { auditPost, auditQuestion, type Post, type Question, toPost, toQuestion } from './model.ts';
import { notifyAsked, notifyReplied } from './notify.ts';
import * as q from './queries.ts';
import {
  answers,
  authorRole,
  HOME_COUNT,
  isAddressedTo,
  listScope,
  maySeeQuestion,
  median,
  PAGE_SIZE,
  QUEUE_LIMIT,
  queueScope,
  seesAllQuestions,
  stateOf,
} from './rules.ts';
import type { QuestionState } from './table.ts';

// The questions module's door (issue 11): a series' questions as one person may see them, one question and
// its thread, and the writes — ask, reply, edit (keeping the earlier version), delete (soft, with the
// organiser's reason), mark the reply that helped, follow — each audited in its transaction with the search
// entry kept in step and the notifications stored through the notifications module.

export type { AskFields } from './forms.ts';
export type { Post, Question } from './model.ts';
export { askPath, ORGANISER_QUESTIONS_PATH, questionPath, questionsBase } from './paths.ts';
export {
  mayAsk,
  mayAskAnything,
  mayDeletePost,
  mayEditPost,
  mayFollow,
  mayReply,
  maySeeQuestion,
  maySolve,
  mayViewHistory,
  OWN_DELETE_MINUTES,
} from './rules.ts';
export type { Addressee, QuestionState } from './table.ts';
export { QuestionsSection } from './views/home.tsx';

/** Who writes: the account, its name as shown on the post, its label in the audit log. */
export interface QuestionActor {
  accountId: string;
  name: string;
  label: string;
}

/** The demo writes in the name of people with no account. */
export type QuestionWriter = QuestionActor | { accountId: null; name: string; label: string };

export function questionActor(account: SignedInAccount): QuestionActor {
  return { accountId: account.id, name: account.name, label: account.email };
}

const audited = (a: QuestionWriter): Actor => ({ accountId: a.accountId, label: a.label });

// ——— Reads ———

export interface HoldSessionRef {
  id: string;
  ordinal: number;
  question: string;
  cancelled: boolean;
}

/** One series as the questions pages need it: the person's membership and the series' sessions. */
export interface QuestionsHold {
  seriesId: string;
  slug: string;
  title: string;
  membership: Membership;
  accountId: string;
  sessions: HoldSessionRef[];
}

/** The series (public) and the person's membership of it; null when they have nothing to do with it. */
export async function questionsHold(
  db: Executor,
  account: SignedInAccount,
  slug: string,
  lang: Lang,
  now: Date,
): Promise<QuestionsHold | null> {
  const found = await series.sessionsForEditing(db, slug);
  if (!found) return null;
  const heading = await series.seriesHeading(db, found.seriesId, lang);
  if (!heading || !series.isPublic(heading.status)) return null;
  const membership = await membershipIn(db, account, found.seriesId, now);
  if (!membership) return null;
  return {
    seriesId: found.seriesId,
    slug,
    title: heading.titleWithYear,
    membership,
    accountId: account.id,
    sessions: found.sessions.map((s) => ({
      id: s.id,
      ordinal: s.ordinal,
      question: lang === 'da' ? s.questionDa : s.questionEn,
      cancelled: s.status === 'cancelled',
    })),
  };
}

/** Whom a question may be addressed to: the series' experts with an account (with their first session), and the facilitator. */
export interface Addressees {
  experts: { accountId: string; name: string; ordinal: number }[];
  facilitator: { accountId: string; name: string } | null;
}

export async function addressees(db: Executor, hold: QuestionsHold, now: Date): Promise<Addressees> {
  const audience = await seriesAudience(db, hold.seriesId, now);
  const ordinal = (ids: readonly string[]) =>
    Math.min(...ids.map((id) => hold.sessions.find((s) => s.id === id)?.ordinal ?? 99), 99);
  const experts = audience
    .filter((a) => a.roles.includes('expert') && a.expertSessionIds.length > 0)
    .map((a) => ({ accountId: a.accountId, name: a.name, ordinal: ordinal(a.expertSessionIds) }))
    .sort((a, b) => a.ordinal - b.ordinal || a.name.localeCompare(b.name, 'da'));
  const f = audience.find((a) => a.roles.includes('facilitator'));
  return { experts, facilitator: f ? { accountId: f.accountId, name: f.name } : null };
}

/** One question of this series the person may see (deleted ones too: their page shows the tombstone). */
export async function questionFor(db: Executor, hold: QuestionsHold, id: string): Promise<Question | null> {
  const row = await q.questionRow(db, id);
  if (!row || row.series_id !== hold.seriesId) return null;
  const question = toQuestion(row);
  return maySeeQuestion(hold.membership, question) ? question : null;
}

export interface Thread {
  question: Question;
  /** The opening post. */
  opening: Post;
  /** The replies in order, the one that helped first. */
  replies: Post[];
  following: boolean;
}

export async function threadOf(db: Executor, hold: QuestionsHold, question: Question): Promise<Thread> {
  const [rows, following] = await Promise.all([
    q.postsOf(db, question.id),
    q.isFollowing(db, question.id, hold.accountId),
  ]);
  const posts = rows.map(toPost);
  const opening = posts.find((p) => p.kind === 'question');
  if (!opening) throw new Error('a question without its opening post');
  const replies = posts.filter((p) => p.kind === 'reply');
  const solved = replies.find((p) => p.id === question.solvedPostId);
  return {
    question,
    opening,
    replies: solved ? [solved, ...replies.filter((p) => p !== solved)] : replies,
    following,
  };
}

/** One post of a question (null: not of this question). */
export async function postOf(db: Executor, question: Question, postId: string): Promise<Post | null> {
  const row = await q.postRow(db, postId);
  return row && row.question_id === question.id ? toPost(row) : null;
}

export interface Revision {
  title: string | null;
  bodyMd: string;
  replacedAt: string;
}

export async function historyOf(db: Executor, post: Post): Promise<Revision[]> {
  return (await q.revisionsOf(db, post.id)).map((r) => ({
    title: r.title,
    bodyMd: r.body_md,
    replacedAt: r.replaced_at,
  }));
}

export type ListFilter = 'all' | 'unanswered' | 'solved';

export interface Cursor {
  createdAt: string;
  id: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.createdAt}|${c.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(text: unknown): Cursor | null {
  if (typeof text !== 'string' || text.length > 200) return null;
  const [createdAt, id] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if (!createdAt || !id || !/^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(createdAt) || !/^[\w-]{1,64}$/.test(id))
    return null;
  return { createdAt, id };
}

export interface QuestionPage {
  questions: Question[];
  /** The cursor of the next (older) page; null at the end. */
  next: string | null;
}

const STATE_OF_FILTER: Record<ListFilter, QuestionState | null> = {
  all: null,
  unanswered: 'unanswered',
  solved: 'solved',
};

/**
 * One page of the series' list for this person, newest first: every question, or a state, or those addressed
 * to them (`mine`), after a cursor. One query on the series' index, stopping at PAGE_SIZE + 1.
 */
export async function questionList(
  db: Executor,
  hold: QuestionsHold,
  input: { filter: ListFilter; mine: boolean; before: Cursor | null },
): Promise<QuestionPage> {
  const scope = listScope(hold.membership);
  if (!scope) return { questions: [], next: null };
  const rows = await q.listQuestions(db, {
    seriesId: hold.seriesId,
    sessionIds: scope.sessionIds,
    state: STATE_OF_FILTER[input.filter],
    queue: input.mine ? queueScope(hold.membership, hold.accountId) : null,
    before: input.before,
    limit: PAGE_SIZE + 1,
  });
  const questions = rows
    .slice(0, PAGE_SIZE)
    .map(toQuestion)
    .filter((x) => maySeeQuestion(hold.membership, x));
  const last = rows[PAGE_SIZE - 1];
  return {
    questions,
    next: rows.length > PAGE_SIZE && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
  };
}

/** An expert's or the facilitator's queue: unanswered questions addressed to them, oldest first. */
export async function waitingForMe(
  db: Executor,
  hold: QuestionsHold,
  limit = QUEUE_LIMIT,
): Promise<Question[]> {
  const scope = queueScope(hold.membership, hold.accountId);
  if (!seesAllQuestions(hold.membership)) return [];
  const rows = await q.waitingFor(db, { seriesId: hold.seriesId, queue: scope, limit });
  return rows.map(toQuestion).filter((x) => isAddressedTo(hold.membership, x, hold.accountId));
}

/** The "Spørgsmål" section of Mit hold: the newest few the person sees, and what waits for them. */
export interface HomeQuestions {
  newest: Question[];
  waiting: Question[];
}

export async function homeQuestions(
  db: Executor,
  input: { seriesId: string; slug: string; membership: Membership; accountId: string },
): Promise<HomeQuestions> {
  const hold: QuestionsHold = { ...input, title: '', sessions: [] };
  const scope = listScope(input.membership);
  if (!scope) return { newest: [], waiting: [] };
  const addressee = input.membership.roles.some((r) => r === 'expert' || r === 'facilitator');
  const [rows, waiting] = await Promise.all([
    q.listQuestions(db, {
      seriesId: input.seriesId,
      sessionIds: scope.sessionIds,
      state: null,
      queue: null,
      before: null,
      limit: HOME_COUNT,
    }),
    addressee ? waitingForMe(db, hold, HOME_COUNT) : Promise.resolve([]),
  ]);
  return { newest: rows.map(toQuestion).filter((x) => maySeeQuestion(input.membership, x)), waiting };
}

/** The organiser's list: every series of theirs, its unanswered questions, oldest first, with the series. */
export interface UnansweredItem extends Question {
  seriesSlug: string;
  seriesTitle: string;
}

export async function organiserUnanswered(
  db: Executor,
  account: SignedInAccount,
  lang: Lang,
  now: Date,
): Promise<{ items: UnansweredItem[]; medianMs: number | null }> {
  const actor = await actorFor(db, account, now);
  const ids = actor.memberships.filter((m) => m.roles.includes('organiser')).map((m) => m.seriesId);
  const [rows, medianMs, headings] = await Promise.all([
    q.unansweredIn(db, ids, QUEUE_LIMIT),
    medianFirstReplyMs(db, ids),
    ids.length > 0 ? series.seriesHeadings(db, lang, ids) : Promise.resolve([]),
  ]);
  const byId = new Map(headings.map((h) => [h.id, h]));
  const items = rows.flatMap((r) => {
    const h = byId.get(r.series_id);
    return h ? [{ ...toQuestion(r), seriesSlug: h.slug, seriesTitle: h.titleWithYear }] : [];
  });
  return { items, medianMs };
}

/** The median time (ms) from a question to its first expert or facilitator reply, over the newest 10,000 answered. */
export async function medianFirstReplyMs(db: Executor, seriesIds: readonly string[]): Promise<number | null> {
  const rows = await q.replyTimes(db, seriesIds, 10_000);
  return median(rows.map((r) => Date.parse(r.first_reply_at as string) - Date.parse(r.created_at)));
}

// ——— Writes ———

async function reindex(tx: Executor, questionId: string, slug: string): Promise<q.QuestionRow> {
  const row = await q.questionRow(tx, questionId);
  if (!row) throw new Error('question vanished in its own transaction');
  await indexQuestion(tx, row, await q.postsOf(tx, questionId), slug);
  return row;
}

/**
 * Recomputes a question's reply facts from its standing posts: the number of replies, the first reply by an
 * expert or the facilitator, the reply that helped (cleared when it was deleted), and so the state.
 */
async function recount(tx: Executor, questionId: string): Promise<void> {
  const row = await q.questionRow(tx, questionId);
  if (!row) return;
  const replies = (await q.postsOf(tx, questionId)).filter(
    (p) => p.kind === 'reply' && p.deleted_at === null,
  );
  const firstReplyAt = replies.find((p) => answers(p.author_role))?.created_at ?? null;
  const solvedPostId = replies.some((p) => p.id === row.solved_post_id) ? row.solved_post_id : null;
  await q.updateQuestion(tx, questionId, {
    reply_count: replies.length,
    first_reply_at: firstReplyAt,
    solved_post_id: solvedPostId,
    state: stateOf({ firstReplyAt, solvedPostId }),
    last_post_at: replies[replies.length - 1]?.created_at ?? row.created_at,
  });
}

export interface NewQuestion {
  hold: { seriesId: string; slug: string; membership: Membership | null };
  fields: AskFields;
  /** The name of the expert asked (addressed_to 'expert'), shown as "Til …". */
  expertName?: string;
}

/** Asks: the question, its opening post, the asker following it, audit, search entry and notifications in one transaction. */
export async function askQuestion(
  db: Kysely<DB>,
  input: NewQuestion,
  actor: QuestionWriter,
  now: Date,
): Promise<Question> {
  return db.transaction().execute((tx) => askQuestionIn(tx, input, actor, now));
}

export async function askQuestionIn(
  tx: Tx,
  input: NewQuestion,
  actor: QuestionWriter,
  now: Date,
  options: { notify?: boolean } = {},
): Promise<Question> {
  const at = now.toISOString();
  const id = newId();
  const postId = newId();
  const f = input.fields;
  await q.insertQuestion(tx, {
    id,
    series_id: input.hold.seriesId,
    session_id: f.sessionId,
    addressed_to: f.addressedTo,
    expert_account_id: f.addressedTo === 'expert' ? f.expertAccountId : null,
    expert_name: f.addressedTo === 'expert' ? (input.expertName ?? '') : '',
    asker_id: actor.accountId,
    asker_name: actor.name,
    title: f.title,
    state: 'unanswered',
    first_reply_at: null,
    solved_post_id: null,
    reply_count: 0,
    created_at: at,
    last_post_at: at,
    deleted_at: null,
  });
  await q.insertPost(tx, {
    id: postId,
    question_id: id,
    kind: 'question',
    author_id: actor.accountId,
    author_name: actor.name,
    author_role: authorRole(input.hold.membership),
    body_md: f.bodyMd,
    created_at: at,
    edited_at: null,
    deleted_at: null,
    deleted_by: null,
    delete_reason: null,
  });
  if (actor.accountId) await q.follow(tx, { question_id: id, account_id: actor.accountId, created_at: at });
  const row = await reindex(tx, id, input.hold.slug);
  const post = await q.postRow(tx, postId);
  if (!post) throw new Error('post vanished in its own transaction');
  await writeAudit(tx, {
    actor: audited(actor),
    action: 'question.ask',
    entity: 'question',
    entityId: id,
    after: { ...auditQuestion(row), body_length: f.bodyMd.length },
    at: now,
  });
  if (options.notify === false) return toQuestion(row);
  const [da, en] = await Promise.all([
    series.seriesHeading(tx, input.hold.seriesId, 'da'),
    series.seriesHeading(tx, input.hold.seriesId, 'en'),
  ]);
  await notifyAsked(
    tx,
    {
      question: row,
      post,
      slug: input.hold.slug,
      seriesTitle: { da: da?.titleWithYear ?? '', en: en?.titleWithYear ?? '' },
    },
    now,
  );
  return toQuestion(row);
}

/**
 * A reply: stored, the replier following the question, the question's facts recounted (an expert's or the
 * facilitator's reply answers it), audited, re-indexed, the asker and followers told. Null: the question is
 * gone.
 */
export async function replyTo(
  db: Kysely<DB>,
  input: { hold: { slug: string; membership: Membership | null }; questionId: string; bodyMd: string },
  actor: QuestionWriter,
  now: Date,
): Promise<Post | null> {
  return db.transaction().execute((tx) => replyIn(tx, input, actor, now));
}

export async function replyIn(
  tx: Tx,
  input: { hold: { slug: string; membership: Membership | null }; questionId: string; bodyMd: string },
  actor: QuestionWriter,
  now: Date,
  options: { notify?: boolean } = {},
): Promise<Post | null> {
  const before = await q.questionRow(tx, input.questionId);
  if (!before || before.deleted_at !== null) return null;
  const at = now.toISOString();
  const id = newId();
  await q.insertPost(tx, {
    id,
    question_id: before.id,
    kind: 'reply',
    author_id: actor.accountId,
    author_name: actor.name,
    author_role: authorRole(input.hold.membership),
    body_md: input.bodyMd,
    created_at: at,
    edited_at: null,
    deleted_at: null,
    deleted_by: null,
    delete_reason: null,
  });
  if (actor.accountId)
    await q.follow(tx, { question_id: before.id, account_id: actor.accountId, created_at: at });
  await recount(tx, before.id);
  const after = await reindex(tx, before.id, input.hold.slug);
  const post = await q.postRow(tx, id);
  if (!post) throw new Error('post vanished in its own transaction');
  await writeAudit(tx, {
    actor: audited(actor),
    action: 'question.reply',
    entity: 'question_post',
    entityId: id,
    before: auditQuestion(before),
    after: { ...auditPost(post), question: auditQuestion(after) },
    at: now,
  });
  if (options.notify === false) return toPost(post);
  await notifyReplied(
    tx,
    { question: after, post, slug: input.hold.slug, followers: await q.followers(tx, before.id) },
    now,
  );
  return toPost(post);
}

/** Saves an edit (the earlier version kept as a revision); the opening post's title is the question's. */
export async function editPost(
  db: Kysely<DB>,
  input: { slug: string; postId: string; title: string | null; bodyMd: string },
  actor: QuestionActor,
  now: Date,
): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const before = await q.postRow(tx, input.postId);
    if (!before || before.deleted_at !== null) return false;
    const question = await q.questionRow(tx, before.question_id);
    if (!question || question.deleted_at !== null) return false;
    const at = now.toISOString();
    const opening = before.kind === 'question';
    await q.insertRevision(tx, {
      id: newId(),
      post_id: before.id,
      title: opening ? question.title : null,
      body_md: before.body_md,
      replaced_at: at,
      replaced_by: actor.accountId,
    });
    await q.updatePost(tx, before.id, { body_md: input.bodyMd, edited_at: at });
    if (opening && input.title !== null) await q.updateQuestion(tx, question.id, { title: input.title });
    await reindex(tx, question.id, input.slug);
    const after = await q.postRow(tx, before.id);
    if (!after) throw new Error('post vanished in its own transaction');
    await writeAudit(tx, {
      actor: audited(actor),
      action: 'question.edit',
      entity: 'question_post',
      entityId: before.id,
      before: auditPost(before),
      after: { ...auditPost(after), title_changed: opening && input.title !== question.title },
      at: now,
    });
    return true;
  });
}

/**
 * Soft-deletes a post: by its author (no reason) or by the organiser (the reason, shown in place). Deleting
 * the opening post deletes the question: it leaves the lists and search. The reply facts are recounted.
 */
export async function deletePost(
  db: Kysely<DB>,
  input: { slug: string; postId: string; reason: string | null },
  actor: QuestionActor,
  now: Date,
): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const before = await q.postRow(tx, input.postId);
    if (!before || before.deleted_at !== null) return false;
    const at = now.toISOString();
    await q.updatePost(tx, before.id, {
      deleted_at: at,
      deleted_by: actor.accountId,
      delete_reason: input.reason,
    });
    if (before.kind === 'question') await q.updateQuestion(tx, before.question_id, { deleted_at: at });
    else await recount(tx, before.question_id);
    await reindex(tx, before.question_id, input.slug);
    const after = await q.postRow(tx, before.id);
    if (!after) throw new Error('post vanished in its own transaction');
    await writeAudit(tx, {
      actor: audited(actor),
      action: 'question.delete',
      entity: 'question_post',
      entityId: before.id,
      before: auditPost(before),
      after: auditPost(after),
      at: now,
    });
    return true;
  });
}

/** Marks the reply that helped (solved), or removes the mark (`postId` null). False: no such standing reply. */
export async function markSolved(
  db: Kysely<DB>,
  input: { questionId: string; postId: string | null },
  actor: QuestionWriter,
  now: Date,
): Promise<boolean> {
  return db.transaction().execute((tx) => markSolvedIn(tx, input, actor, now));
}

export async function markSolvedIn(
  tx: Tx,
  input: { questionId: string; postId: string | null },
  actor: QuestionWriter,
  now: Date,
): Promise<boolean> {
  const before = await q.questionRow(tx, input.questionId);
  if (!before || before.deleted_at !== null) return false;
  if (input.postId !== null) {
    const post = await q.postRow(tx, input.postId);
    if (!post || post.question_id !== before.id || post.kind !== 'reply' || post.deleted_at !== null)
      return false;
  }
  await q.updateQuestion(tx, before.id, {
    solved_post_id: input.postId,
    state: stateOf({ firstReplyAt: before.first_reply_at, solvedPostId: input.postId }),
  });
  const after = await q.questionRow(tx, before.id);
  if (!after) return false;
  await writeAudit(tx, {
    actor: audited(actor),
    action: 'question.solve',
    entity: 'question',
    entityId: before.id,
    before: auditQuestion(before),
    after: auditQuestion(after),
    at: now,
  });
  return true;
}

/** Whether a series holds any question (the demo seeds only into one that holds none). */
export async function hasQuestions(db: Executor, seriesId: string): Promise<boolean> {
  return q.anyQuestion(db, seriesId);
}

/** Follows or stops following (not audited: it changes only what the person is told). */
export async function setFollowing(
  db: Executor,
  input: { questionId: string; accountId: string; follow: boolean },
  now: Date,
): Promise<void> {
  if (input.follow)
    await q.follow(db, {
      question_id: input.questionId,
      account_id: input.accountId,
      created_at: now.toISOString(),
    });
  else await q.unfollow(db, input.questionId, input.accountId);
}
