import { isMember, type Membership } from '../people/service.ts';

// Pure decisions about the member directory (issue 11). Everyone else — waitlisted, awaiting, cancelled,
// other series, strangers — gets nothing (the route answers 404; a stranger is sent to sign in first).

type M = Pick<Membership, 'roles'> | null | undefined;

/**
 * The directory of a series: its members — participants, experts, the facilitator, the organisers. Not a
 * substitute who only stands in for one session: they see what belongs to their session, and the list of
 * the whole hold is not that (as the series-wide materials).
 */
export function maySeeDirectory(m: M): boolean {
  return isMember(m as Membership | null | undefined) && !!m && m.roles.some((r) => r !== 'substitute');
}

/**
 * Who may be listed: a participant, by the consent on their confirmed registration (the one the form asked
 * for). Experts and the facilitator are on the public programme already.
 */
export function mayJoinDirectory(m: M): boolean {
  return !!m && m.roles.includes('participant');
}

/** "What I work on": at most this many characters. */
export const WORK_ON_MAX = 300;
