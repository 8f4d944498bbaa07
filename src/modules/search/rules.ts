import type { Membership } from '../people/service.ts';

// Who finds what (decision 0014). Pure: the scope a person searches in, from their memberships.

export interface SearchScope {
  seriesIds: string[];
  sessionIds: string[];
}

/**
 * A series where the person holds a role other than substitute (organiser, facilitator, expert, participant)
 * is searched whole; where they only substitute, only those sessions (nothing that belongs to the whole
 * series). Waitlisted and awaiting people hold no role: nothing.
 */
export function searchScope(memberships: readonly Membership[]): SearchScope {
  const seriesIds: string[] = [];
  const sessionIds: string[] = [];
  for (const m of memberships) {
    if (m.roles.some((r) => r !== 'substitute')) seriesIds.push(m.seriesId);
    else if (m.roles.includes('substitute')) sessionIds.push(...m.substituteSessionIds);
  }
  return { seriesIds: [...new Set(seriesIds)], sessionIds: [...new Set(sessionIds)] };
}

/** Nothing to search in. */
export function isEmptyScope(scope: SearchScope): boolean {
  return scope.seriesIds.length === 0 && scope.sessionIds.length === 0;
}
