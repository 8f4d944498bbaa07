import type { Membership } from '../people/service.ts';

// Who finds what (decision 0014). Pure: the scope a person searches in, from their memberships.

export interface SearchScope {
  seriesIds: string[];
  sessionIds: string[];
  /**
   * The audience tokens the person holds (audienceTokensOf): they find a document with an audience (one
   * narrower than its series or session, such as a dilemma) only when they hold one of its tokens. Absent or
   * empty: no such document.
   */
  audience?: string[];
}

/**
 * A series where the person holds a role other than substitute (organiser, facilitator, expert, participant)
 * is searched whole; where they only substitute, only those sessions (nothing that belongs to the whole
 * series). Waitlisted and awaiting people hold no role: nothing. Documents with an audience are found by the
 * holders of its tokens only (audienceTokensOf), whatever the series and session.
 */
export function searchScope(memberships: readonly Membership[]): SearchScope {
  const seriesIds: string[] = [];
  const sessionIds: string[] = [];
  for (const m of memberships) {
    if (m.roles.some((r) => r !== 'substitute')) seriesIds.push(m.seriesId);
    else if (m.roles.includes('substitute')) sessionIds.push(...m.substituteSessionIds);
  }
  return {
    seriesIds: [...new Set(seriesIds)],
    sessionIds: [...new Set(sessionIds)],
    audience: audienceTokensOf(memberships),
  };
}

/** Nothing to search in. */
export function isEmptyScope(scope: SearchScope): boolean {
  return scope.seriesIds.length === 0 && scope.sessionIds.length === 0 && (scope.audience ?? []).length === 0;
}

// ——— Audiences: a document narrower than its series or session ———

/** Letters and digits only (FTS5 splits on anything else), lower case. */
const bare = (id: string) => id.replace(/[^0-9a-z]/gi, '').toLowerCase();

/**
 * The tokens a feeding module names a document's audience with (any of them finds it): a series' participants,
 * its facilitator, its organisers, one session's expert, one session's substitutes. Each starts with `za`,
 * which no stem of a typed word is matched against (tokens are matched in their own column only).
 */
export const audience = {
  participantsOf: (seriesId: string) => `zap${bare(seriesId)}`,
  facilitatorOf: (seriesId: string) => `zaf${bare(seriesId)}`,
  organisersOf: (seriesId: string) => `zao${bare(seriesId)}`,
  expertOf: (sessionId: string) => `zae${bare(sessionId)}`,
  substitutesOf: (sessionId: string) => `zau${bare(sessionId)}`,
} as const;

/** The audience tokens a person holds: one per role in each series (experts and substitutes per session). */
export function audienceTokensOf(memberships: readonly Membership[]): string[] {
  const tokens = new Set<string>();
  for (const m of memberships) {
    if (m.roles.includes('participant')) tokens.add(audience.participantsOf(m.seriesId));
    if (m.roles.includes('facilitator')) tokens.add(audience.facilitatorOf(m.seriesId));
    if (m.roles.includes('organiser')) tokens.add(audience.organisersOf(m.seriesId));
    if (m.roles.includes('expert')) for (const s of m.expertSessionIds) tokens.add(audience.expertOf(s));
    if (m.roles.includes('substitute'))
      for (const s of m.substituteSessionIds) tokens.add(audience.substitutesOf(s));
  }
  return [...tokens].sort();
}

/** Only well-formed audience tokens are stored or matched (nothing else reaches FTS5 or SQL as a token). */
export function isAudienceToken(token: string): boolean {
  return /^za[pfoeu][0-9a-z]+$/.test(token);
}

/**
 * Whether an entry is within the scope — what the statement's condition says, checked again on every hit:
 * an entry with an audience by sharing one of its tokens, any other by its series (or a substitute's session).
 */
export function entryInScope(
  scope: SearchScope,
  entry: { seriesId: string; sessionId: string | null; audience: string },
): boolean {
  const tokens = entry.audience.split(' ').filter(isAudienceToken);
  if (tokens.length > 0) return tokens.some((t) => (scope.audience ?? []).includes(t));
  return (
    scope.seriesIds.includes(entry.seriesId) ||
    (entry.sessionId !== null && scope.sessionIds.includes(entry.sessionId))
  );
}

/**
 * The series of the scope the person organises: there they see everything, with an audience or without (every
 * audience names the series' organisers). A search whose index holds only these needs no scope condition.
 */
export function organisedSeries(scope: SearchScope): string[] {
  const held = new Set(scope.audience ?? []);
  return scope.seriesIds.filter((id) => held.has(audience.organisersOf(id)));
}
