import { type Membership, seesEverything } from '../people/service.ts';
import type { DilemmaStatus } from './table.ts';

// Who sees, writes and moves dilemmas (issue 11). Pure: a person's membership of the series and the dilemma.
//
// Visibility is narrower than the series: the participants, the facilitator, the organisers, and the expert of
// the session the dilemma is placed on (other experts do not see it). A substitute sees the agenda of their own
// session (the titles, as the agenda lists them) but opens no dilemma: a dilemma is a member's own case, and a
// substitute is there for one session only (CONTEXT.md). The author of an anonymous dilemma is hidden from
// everyone but the organiser and the facilitator (and the author).

/** What the rules need of a dilemma. */
export interface DilemmaFacts {
  seriesId: string;
  /** The session whose agenda it is on (null: none). */
  sessionId: string | null;
  anonymous: boolean;
  authorId: string;
  status: DilemmaStatus;
}

const has = (m: Membership | null | undefined, role: Membership['roles'][number]) =>
  !!m && m.roles.includes(role);

/** The dilemmas list: participants, the facilitator, organisers, and experts (who find only their sessions'). */
export function mayListDilemmas(m: Membership | null | undefined): boolean {
  return has(m, 'participant') || seesEverything(m) || has(m, 'expert');
}

/** Whether the person may open this dilemma (and its comments). Anyone else: 404. */
export function maySeeDilemma(m: Membership | null | undefined, d: DilemmaFacts): boolean {
  if (!m || m.seriesId !== d.seriesId) return false;
  if (has(m, 'participant') || seesEverything(m)) return true;
  return d.sessionId !== null && has(m, 'expert') && m.expertSessionIds.includes(d.sessionId);
}

/** Only participants put forward dilemmas (the members the source speaks of). */
export function maySubmitDilemma(m: Membership | null | undefined): boolean {
  return has(m, 'participant');
}

/** Everyone who may see it takes part: members, the facilitator, organisers, and the placed session's expert. */
export function mayComment(m: Membership | null | undefined, d: DilemmaFacts): boolean {
  return maySeeDilemma(m, d);
}

/** Only the author of an anonymous dilemma comments on it anonymously. */
export function mayCommentAnonymously(accountId: string, d: DilemmaFacts): boolean {
  return d.anonymous && d.authorId === accountId;
}

/** How the author (of a dilemma or of a comment) is shown to this person. */
export type AuthorShown =
  /** The name (a named post, or the person's own). */
  | { kind: 'named'; name: string }
  /** The name, marked "skjult for medlemmerne": the organiser and the facilitator see who wrote it. */
  | { kind: 'hidden-from-members'; name: string }
  /** The author themself, on their own anonymous post. */
  | { kind: 'you-anonymous'; name: string }
  /** "En deltager": everyone else. */
  | { kind: 'anonymous' };

export function authorShown(
  m: Membership | null | undefined,
  viewerId: string,
  post: { anonymous: boolean; authorId: string; authorName: string },
): AuthorShown {
  if (!post.anonymous) return { kind: 'named', name: post.authorName };
  if (post.authorId === viewerId) return { kind: 'you-anonymous', name: post.authorName };
  if (seesEverything(m)) return { kind: 'hidden-from-members', name: post.authorName };
  return { kind: 'anonymous' };
}

/** The facilitator and the organisers keep the agenda and move dilemmas through their steps. */
export function mayManageAgenda(m: Membership | null | undefined): boolean {
  return seesEverything(m);
}

/** Whoever sees the session sees its agenda (a substitute their own session's only). */
export function maySeeAgenda(m: Membership | null | undefined, sessionId: string): boolean {
  if (!m) return false;
  if (m.roles.some((r) => r === 'organiser' || r === 'facilitator' || r === 'participant' || r === 'expert'))
    return true;
  return has(m, 'substitute') && m.substituteSessionIds.includes(sessionId);
}

/**
 * Whether a dilemma's title shows on the agenda this person sees: to those who may open it, and to the
 * session's substitute (the agenda of their session). Another session's expert sees "a dilemma from a member".
 */
export function agendaTitleShown(m: Membership | null | undefined, d: DilemmaFacts): boolean {
  if (maySeeDilemma(m, d)) return true;
  return d.sessionId !== null && has(m, 'substitute') && !!m && m.substituteSessionIds.includes(d.sessionId);
}

/** The steps: new → on the agenda → discussed → followed up; off the agenda goes back to new. */
const MOVES: Record<DilemmaStatus, readonly DilemmaStatus[]> = {
  new: ['agenda'],
  agenda: ['agenda', 'new', 'discussed'],
  discussed: ['followed_up'],
  followed_up: [],
};

export function mayMove(from: DilemmaStatus, to: DilemmaStatus): boolean {
  return MOVES[from].includes(to);
}

/** Placing on (or moving to another session's) agenda: the agenda's keepers, while not yet discussed. */
export function mayPlace(m: Membership | null | undefined, d: DilemmaFacts): boolean {
  return mayManageAgenda(m) && mayMove(d.status, 'agenda');
}

/** Marking discussed: the agenda's keepers, once the session it is on has begun. */
export function mayMarkDiscussed(
  m: Membership | null | undefined,
  d: DilemmaFacts,
  session: { startsAt: string } | null,
  now: Date,
): boolean {
  return (
    mayManageAgenda(m) &&
    d.status === 'agenda' &&
    session !== null &&
    Date.parse(session.startsAt) <= now.getTime()
  );
}

/** The follow-up of a session: the agenda's keepers, once the session has begun. */
export function mayWriteFollowup(
  m: Membership | null | undefined,
  session: { startsAt: string } | null,
  now: Date,
): boolean {
  return mayManageAgenda(m) && session !== null && Date.parse(session.startsAt) <= now.getTime();
}

/** Moving an agenda point up or down: swap with the neighbour, if there is one. */
export function reordered<T>(items: readonly T[], index: number, direction: 'up' | 'down'): T[] | null {
  const other = direction === 'up' ? index - 1 : index + 1;
  if (index < 0 || index >= items.length || other < 0 || other >= items.length) return null;
  const next = [...items];
  [next[index], next[other]] = [next[other] as T, next[index] as T];
  return next;
}

/** Dilemmas per page of the list (the list is read a page at a time, by the series' index). */
export const LIST_PAGE_SIZE = 25;
/** Comments per page of a dilemma (a dilemma may gather many). */
export const COMMENTS_PAGE_SIZE = 50;
/** At most this many points on one session's agenda. */
export const AGENDA_MAX = 30;
