import { isMember, type Membership, maySeeSession, seesEverything } from '../people/service.ts';
import type { MaterialKind } from './table.ts';

// Pure decisions about materials (issue 10): who sees one, who may add what where, who edits, hides and marks
// for reuse. Everyone else — waitlisted, awaiting, cancelled, other series, strangers — gets nothing (the
// routes answer 404; a stranger is sent to sign in by the access gate first).

/** The kinds a participant (or a substitute) may share with the others: a link or a file. */
export const SHAREABLE_KINDS: readonly MaterialKind[] = ['article', 'podcast', 'video', 'document'];

export interface MaterialFacts {
  /** Null: the whole series. */
  sessionId: string | null;
  hidden: boolean;
  addedBy: string | null;
}

type M = Membership | null | undefined;

const staff = (m: M) => seesEverything(m);

/** Whether the person sees what belongs to the whole series: any member except one who only substitutes. */
export function seesSeriesWide(m: M): boolean {
  return isMember(m) && m.roles.some((r) => r !== 'substitute');
}

/**
 * A session's material: whoever may see the session (a substitute only theirs); the series' own: every member
 * but a substitute-only. Hidden: only the organiser, the facilitator and the one who added it.
 */
export function maySeeMaterial(m: M, material: MaterialFacts, accountId: string): boolean {
  if (!isMember(m)) return false;
  const sees = material.sessionId === null ? seesSeriesWide(m) : maySeeSession(m, material.sessionId);
  if (!sees) return false;
  if (!material.hidden) return true;
  return staff(m) || (material.addedBy !== null && material.addedBy === accountId);
}

/** What adding a material there means: as staff (an expert counts), or shared by a member. Null: not allowed. */
export type AddRight = { shared: boolean } | null;

/**
 * The organiser and the facilitator add anything anywhere; an expert anything to their own sessions; a
 * participant a link or a file to any session or the whole series (shared); a substitute the same to their
 * session only.
 */
export function mayAddMaterial(m: M, sessionId: string | null, kind: MaterialKind): AddRight {
  if (!isMember(m)) return null;
  if (staff(m)) return { shared: false };
  if (sessionId !== null && m.expertSessionIds.includes(sessionId)) return { shared: false };
  if (!SHAREABLE_KINDS.includes(kind)) return null;
  if (m.roles.includes('participant')) return { shared: true };
  if (sessionId !== null && m.roles.includes('substitute') && m.substituteSessionIds.includes(sessionId)) {
    return { shared: true };
  }
  return null;
}

/** Whether the person may add anything at all there (the form's choice of place, the "Tilføj" links). */
export function mayAddAnything(m: M, sessionId: string | null): boolean {
  const kinds: readonly MaterialKind[] = ['note', ...SHAREABLE_KINDS];
  return kinds.some((k) => mayAddMaterial(m, sessionId, k) !== null);
}

/** The kinds the person may add there. */
export function kindsFor(m: M, sessionId: string | null, kinds: readonly MaterialKind[]): MaterialKind[] {
  return kinds.filter((k) => mayAddMaterial(m, sessionId, k) !== null);
}

/** Edit and delete: the one who added it, or the organiser — of a material they may see. */
export function mayEditMaterial(m: M, material: MaterialFacts, accountId: string): boolean {
  if (!maySeeMaterial(m, material, accountId)) return false;
  if (m?.roles.includes('organiser')) return true;
  return material.addedBy !== null && material.addedBy === accountId;
}

/** Hide or show again: the organiser or the facilitator, for what a member shared. */
export function mayHideMaterial(m: M, material: { shared: boolean }): boolean {
  return staff(m) && material.shared;
}

/** Mark "reuse next hold": the organiser or the facilitator. */
export function mayMarkReuse(m: M): boolean {
  return staff(m);
}

/** The newest materials each place and phase lists on Mit hold (the rest: "Vis alle"). */
export const TIMELINE_PER_LIST = 20;
/** "New since your last visit" is counted up to this many. */
export const NEW_COUNT_CAP = 100;

/** "New since your last visit": added after the previous visit, by someone else. No visit before: none. */
export function isNewSince(
  material: { createdAt: string; addedBy: string | null },
  previousVisit: string | null,
  accountId: string,
): boolean {
  if (previousVisit === null) return false;
  if (material.addedBy === accountId) return false;
  return material.createdAt > previousVisit;
}

/** Newest first; the same instant by title, so the order is stable. */
export function newestFirst<T extends { createdAt: string; title: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) =>
    a.createdAt === b.createdAt ? a.title.localeCompare(b.title, 'da') : a.createdAt < b.createdAt ? 1 : -1,
  );
}

/**
 * What the timeline's query may load for this person: `maySeeMaterial` as a filter (tested against it).
 * `sessionIds` null: every session; `hidden` 'all': staff see hidden ones too, 'own': only those they added.
 */
export interface TimelineScope {
  sessionIds: string[] | null;
  seriesWide: boolean;
  hidden: 'all' | 'own';
}

export function timelineScope(m: M): TimelineScope | null {
  if (!isMember(m)) return null;
  const everySession = m.roles.some((r) => r !== 'substitute');
  return {
    sessionIds: everySession ? null : [...m.substituteSessionIds],
    seriesWide: seesSeriesWide(m),
    hidden: staff(m) ? 'all' : 'own',
  };
}

/** Whether a material falls in a scope (the query's condition, in JavaScript, for the tests). */
export function inScope(scope: TimelineScope, material: MaterialFacts, accountId: string): boolean {
  const place =
    material.sessionId === null
      ? scope.seriesWide
      : scope.sessionIds === null || scope.sessionIds.includes(material.sessionId);
  if (!place) return false;
  return !material.hidden || scope.hidden === 'all' || material.addedBy === accountId;
}
