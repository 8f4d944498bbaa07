import { isMember, type Membership } from '../people/service.ts';
import type { Addressee, AuthorRole, QuestionState } from './table.ts';

// Pure decisions about expert Q&A (issue 11). Members of a series (participants, experts, the facilitator,
// the organiser) see its questions; a substitute only those asked about their session. Waitlisted, awaiting,
// other series and strangers see nothing (the routes answer 404; a stranger is sent to sign in first).

type M = Membership | null | undefined;

export interface QuestionFacts {
  /** Null: about the whole series. */
  sessionId: string | null;
  addressedTo: Addressee;
  expertAccountId: string | null;
  askerId: string | null;
}

export interface PostFacts {
  kind: 'question' | 'reply';
  authorId: string | null;
  createdAt: string;
  deleted: boolean;
}

/** Whether the person sees every question of the series: any role but substitute. */
export function seesAllQuestions(m: M): boolean {
  return isMember(m) && m.roles.some((r) => r !== 'substitute');
}

/** One question: a member who sees them all, or a substitute when it is about their session. */
export function maySeeQuestion(m: M, question: Pick<QuestionFacts, 'sessionId'>): boolean {
  if (!isMember(m)) return false;
  if (seesAllQuestions(m)) return true;
  return question.sessionId !== null && m.substituteSessionIds.includes(question.sessionId);
}

/** The series' list of questions: every member (a substitute's list holds only their session's). */
export function maySeeQuestionList(m: M): boolean {
  return isMember(m);
}

/**
 * Ask: every member. `sessionId` null: about the whole series, which a substitute may not (their questions
 * are about their session, the only thing of the series they see).
 */
export function mayAsk(m: M, sessionId: string | null): boolean {
  if (!isMember(m)) return false;
  if (seesAllQuestions(m)) return true;
  return sessionId !== null && m.substituteSessionIds.includes(sessionId);
}

/** Whether the person may ask anything at all (the "Stil et spørgsmål" link). */
export function mayAskAnything(m: M): boolean {
  return seesAllQuestions(m) || (isMember(m) && m.substituteSessionIds.length > 0);
}

/** Reply in the thread: anyone who sees the question (only an expert's or the facilitator's reply answers it). */
export function mayReply(m: M, question: Pick<QuestionFacts, 'sessionId'>): boolean {
  return maySeeQuestion(m, question);
}

/** What the author is in the thread: an expert of the series or the facilitator answers; others add to it. */
export function authorRole(m: M): AuthorRole {
  if (!isMember(m)) return 'member';
  if (m.roles.includes('facilitator')) return 'facilitator';
  if (m.roles.includes('expert')) return 'expert';
  if (m.roles.includes('organiser')) return 'organiser';
  return 'member';
}

/** A reply by an expert or the facilitator answers the question. */
export function answers(role: AuthorRole): boolean {
  return role === 'expert' || role === 'facilitator';
}

/** Mark the reply that helped (solved): the asker or the organiser. */
export function maySolve(m: M, question: QuestionFacts, accountId: string): boolean {
  if (!maySeeQuestion(m, question)) return false;
  if (m?.roles.includes('organiser')) return true;
  return question.askerId !== null && question.askerId === accountId;
}

/** Follow or unfollow: anyone who sees the question. */
export function mayFollow(m: M, question: Pick<QuestionFacts, 'sessionId'>): boolean {
  return maySeeQuestion(m, question);
}

/** Edit a post: its author, while it stands. */
export function mayEditPost(
  m: M,
  question: Pick<QuestionFacts, 'sessionId'>,
  post: PostFacts,
  accountId: string,
): boolean {
  if (!maySeeQuestion(m, question) || post.deleted) return false;
  return post.authorId !== null && post.authorId === accountId;
}

/** An author may delete their own post this long after writing it; the organiser any post, any time. */
export const OWN_DELETE_MINUTES = 15;

export type DeleteRight = 'organiser' | 'author' | null;

/** Who deletes: the organiser (with a reason shown in place), or the author within OWN_DELETE_MINUTES. */
export function mayDeletePost(
  m: M,
  question: Pick<QuestionFacts, 'sessionId'>,
  post: PostFacts,
  accountId: string,
  now: Date,
): DeleteRight {
  if (!maySeeQuestion(m, question) || post.deleted) return null;
  if (m?.roles.includes('organiser')) return 'organiser';
  if (post.authorId === null || post.authorId !== accountId) return null;
  const age = now.getTime() - Date.parse(post.createdAt);
  return age <= OWN_DELETE_MINUTES * 60_000 ? 'author' : null;
}

/** A post's earlier versions: its author and the organiser. */
export function mayViewHistory(
  m: M,
  question: Pick<QuestionFacts, 'sessionId'>,
  post: Pick<PostFacts, 'authorId'>,
  accountId: string,
): boolean {
  if (!maySeeQuestion(m, question)) return false;
  if (m?.roles.includes('organiser')) return true;
  return post.authorId !== null && post.authorId === accountId;
}

/** Whether a question waits for this person: addressed to them, to every expert (they being one), or to the facilitator (they being it). */
export function isAddressedTo(m: M, question: QuestionFacts, accountId: string): boolean {
  if (!isMember(m)) return false;
  if (question.addressedTo === 'expert') return question.expertAccountId === accountId;
  if (question.addressedTo === 'experts') return m.roles.includes('expert');
  return m.roles.includes('facilitator');
}

/** The "til mig" filter's query condition for this person (null: nothing is addressed to them). */
export interface QueueScope {
  accountId: string;
  experts: boolean;
  facilitator: boolean;
}

export function queueScope(m: M, accountId: string): QueueScope {
  return {
    accountId,
    experts: isMember(m) && m.roles.includes('expert'),
    facilitator: isMember(m) && m.roles.includes('facilitator'),
  };
}

/** The queue's condition in JavaScript (tested against isAddressedTo). */
export function inQueue(scope: QueueScope, question: QuestionFacts): boolean {
  if (question.addressedTo === 'expert') return question.expertAccountId === scope.accountId;
  if (question.addressedTo === 'experts') return scope.experts;
  return scope.facilitator;
}

/** Which questions a list may load for this person: all, or only those about these sessions (a substitute). */
export function listScope(m: M): { sessionIds: string[] | null } | null {
  if (!isMember(m)) return null;
  return seesAllQuestions(m) ? { sessionIds: null } : { sessionIds: [...m.substituteSessionIds] };
}

/** The state after a change: solved while a standing reply is marked; answered once an expert or the facilitator replied. */
export function stateOf(input: { firstReplyAt: string | null; solvedPostId: string | null }): QuestionState {
  if (input.solvedPostId !== null) return 'solved';
  return input.firstReplyAt !== null ? 'answered' : 'unanswered';
}

/** Whole days since `from` (0 on the first day). */
export function ageInDays(from: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(from)) / 86_400_000));
}

/** The median of durations (ms); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Questions per page of the series' list. */
export const PAGE_SIZE = 20;
/** Newest questions on Mit hold. */
export const HOME_COUNT = 5;
/** The organiser's list and an expert's waiting box show at most this many. */
export const QUEUE_LIMIT = 100;
