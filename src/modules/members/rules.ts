import type { Membership } from '../people/service.ts';

// Pure decisions for Mit hold.

export interface ProgrammeSession {
  id: string;
}

/** What the person sees of the programme: which sessions, in which order, and which are theirs. */
export function programmeFor<S extends ProgrammeSession>(
  membership: Pick<Membership, 'roles' | 'expertSessionIds' | 'substituteSessionIds'>,
  sessions: readonly S[],
): { session: S; yours: boolean }[] {
  const { roles } = membership;
  const yours = (s: S) =>
    membership.expertSessionIds.includes(s.id) || membership.substituteSessionIds.includes(s.id);
  const seesAll = roles.some((r) => r !== 'substitute');
  const visible = seesAll ? sessions : sessions.filter((s) => membership.substituteSessionIds.includes(s.id));
  const marked = visible.map((session) => ({ session, yours: yours(session) }));
  // The organiser and the facilitator run the whole series: the programme stays in order for them.
  const firstOwn = roles.includes('expert') && !roles.includes('organiser') && !roles.includes('facilitator');
  if (!firstOwn) return marked;
  return [...marked.filter((s) => s.yours), ...marked.filter((s) => !s.yours)];
}
