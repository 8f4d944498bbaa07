import { isMember, type Membership, seesEverything } from '../people/service.ts';

// Pure decisions about messages (issue 11): who writes announcements and who sees them, who writes to the
// organiser and who sees a private thread. Everyone else — waitlisted, awaiting, cancelled, other series,
// strangers — gets nothing (the routes answer 404; a stranger is sent to sign in by the access gate first).

type M = Pick<Membership, 'roles'> | null | undefined;

/** The groups an announcement may be addressed to (the facilitator and the organisers always see it). */
export const AUDIENCE_GROUPS = ['participants', 'substitutes', 'experts'] as const;
export type AudienceGroup = (typeof AUDIENCE_GROUPS)[number];
export type Audience = Record<AudienceGroup, boolean>;

const member = (m: M): m is Pick<Membership, 'roles'> => isMember(m as Membership | null | undefined);
const staff = (m: M) => seesEverything(m as Membership | null | undefined);

/** The organiser and the facilitator write announcements. */
export function mayAnnounce(m: M): boolean {
  return staff(m);
}

/**
 * An announcement: the organiser and the facilitator always; a participant, a substitute or an expert when
 * their group was chosen (someone in two groups sees it when either was). Non-members never.
 */
export function maySeeAnnouncement(m: M, audience: Audience): boolean {
  if (!member(m)) return false;
  if (staff(m)) return true;
  return (
    (m.roles.includes('participant') && audience.participants) ||
    (m.roles.includes('substitute') && audience.substitutes) ||
    (m.roles.includes('expert') && audience.experts)
  );
}

/** What the list query may load for this person: maySeeAnnouncement as a filter (tested against it). */
export interface AnnouncementScope {
  /** Every announcement of the series (the staff). */
  all: boolean;
  /** Otherwise: those addressed to any of these groups. */
  groups: AudienceGroup[];
}

export function announcementScope(m: M): AnnouncementScope | null {
  if (!member(m)) return null;
  if (staff(m)) return { all: true, groups: [] };
  const groups: AudienceGroup[] = [];
  if (m.roles.includes('participant')) groups.push('participants');
  if (m.roles.includes('substitute')) groups.push('substitutes');
  if (m.roles.includes('expert')) groups.push('experts');
  return groups.length > 0 ? { all: false, groups } : null;
}

/** Whether an announcement falls in a scope (the query's condition, in JavaScript, for the tests). */
export function inAnnouncementScope(scope: AnnouncementScope | null, audience: Audience): boolean {
  if (!scope) return false;
  return scope.all || scope.groups.some((g) => audience[g]);
}

/** An announcement must go to at least one group. */
export function hasAudience(audience: Audience): boolean {
  return AUDIENCE_GROUPS.some((g) => audience[g]);
}

/**
 * Writing to the organiser: any member of the series who is not its organiser (participants, substitutes,
 * experts, the facilitator). Waitlisted and awaiting people are not members yet; they use the organiser's
 * address on the public page.
 */
export function mayWriteToOrganiser(m: M): boolean {
  return member(m) && !m.roles.includes('organiser');
}

/**
 * A private thread: the member it belongs to, and the organisers of its series — nobody else, not the
 * facilitator (what a member tells the organiser — illness, an invoice, a colleague — is between them).
 */
export function maySeeThread(m: M, thread: { accountId: string }, accountId: string): boolean {
  if (thread.accountId === accountId) return true;
  return !!m && m.roles.includes('organiser');
}

/** Answering a thread: the organisers of its series. */
export function mayAnswerThread(m: M): boolean {
  return !!m && m.roles.includes('organiser');
}

/** How many announcements the Mit hold section shows (newest first; the rest on the list page). */
export const HOME_ANNOUNCEMENTS = 5;
/** How many the list page shows. */
export const LIST_ANNOUNCEMENTS = 100;
/** How many threads the organiser's list shows (unanswered first). */
export const ORGANISER_THREADS = 200;

export const TITLE_MAX = 200;
export const BODY_MAX = 10_000;
