import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accountChanges,
  destinationAfterSignIn,
  isCodeShape,
  isSecretShape,
  LOGIN_TOKEN_TTL_MS,
  MAX_CODE_ATTEMPTS,
  SESSION_TOUCH_MS,
  SESSION_TTL_MS,
  safeNext,
  sessionExpiresAt,
  sessionState,
  tokenExpiresAt,
  tokenFailure,
} from './rules.ts';

const NOW = new Date('2026-03-02T12:00:00.000Z');

describe('sign-in timings and limits', () => {
  it('lets a link and code live 20 minutes and a session 30 days', () => {
    expect(LOGIN_TOKEN_TTL_MS).toBe(20 * 60_000);
    expect(tokenExpiresAt(NOW).toISOString()).toBe('2026-03-02T12:20:00.000Z');
    expect(SESSION_TTL_MS).toBe(30 * 24 * 3600_000);
    expect(sessionExpiresAt(NOW).toISOString()).toBe('2026-04-01T12:00:00.000Z');
    expect(MAX_CODE_ATTEMPTS).toBe(5);
  });

  it('says why a stored token’s link could not be spent; wrong codes never block the link', () => {
    const live = { used_at: null, expires_at: '2026-03-02T12:20:00.000Z', attempts: 0 };
    expect(tokenFailure(undefined, NOW)).toBe('unknown');
    expect(tokenFailure({ ...live, used_at: NOW.toISOString() }, NOW)).toBe('used');
    expect(tokenFailure(live, new Date('2026-03-02T12:20:00.000Z'))).toBe('expired');
    const codeDisabled = { ...live, attempts: MAX_CODE_ATTEMPTS };
    expect(tokenFailure(codeDisabled, NOW)).toBe('unknown');
  });

  it('ends a session at its 30-day maximum or after the idle days, and touches it at most hourly', () => {
    const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
    const day = 24 * 3600_000;
    const fresh = { expires_at: at(SESSION_TTL_MS), last_seen_at: NOW.toISOString() };
    expect(sessionState(fresh, NOW, 7)).toBe('live');
    expect(sessionState(fresh, new Date(NOW.getTime() + SESSION_TOUCH_MS - 1), 7)).toBe('live');
    expect(sessionState(fresh, new Date(NOW.getTime() + SESSION_TOUCH_MS), 7)).toBe('touch');
    expect(sessionState(fresh, new Date(NOW.getTime() + 7 * day - 1), 7)).toBe('touch');
    expect(sessionState(fresh, new Date(NOW.getTime() + 7 * day), 7)).toBe('ended');
    expect(sessionState(fresh, new Date(NOW.getTime() + 2 * day), 2)).toBe('ended');
    // Used every day, it still ends at the maximum.
    const busy = { ...fresh, last_seen_at: at(SESSION_TTL_MS - 1000) };
    expect(sessionState(busy, new Date(NOW.getTime() + SESSION_TTL_MS), 7)).toBe('ended');
    expect(sessionState({ ...fresh, last_seen_at: null }, NOW, 7)).toBe('ended');
  });

  it('knows the shape of secrets and codes', () => {
    expect(isSecretShape('a'.repeat(43))).toBe(true);
    expect(isSecretShape('a'.repeat(42))).toBe(false);
    expect(isSecretShape(`${'a'.repeat(42)}=`)).toBe(false);
    expect(isSecretShape(undefined)).toBe(false);
    expect(isCodeShape('012345')).toBe(true);
    expect(isCodeShape('12345')).toBe(false);
    expect(isCodeShape('12345a')).toBe(false);
  });
});

describe('where to go after signing in', () => {
  it('defaults to Min side for participants and the organiser pages for organisers', () => {
    expect(destinationAfterSignIn('participant', undefined)).toBe('/min-side');
    expect(destinationAfterSignIn('organiser', undefined)).toBe('/arrangoer');
    expect(destinationAfterSignIn('participant', '/serier/x?lang=en')).toBe('/serier/x?lang=en');
  });

  it.each([
    '//evil.example',
    '//evil.example/min-side',
    '/\\evil.example',
    '\\\\evil.example',
    'https://evil.example',
    'http:/evil.example',
    'javascript:alert(1)',
    'min-side',
    '',
    ' /min-side',
    '/\t/evil.example',
    '/\n/evil.example',
    '/%2F%2Fevil.example',
    '/%5cevil.example',
    '/min side',
    '/"><script>',
    '/log-ind',
    '/log-ind/abc',
    '/log-ud',
    `/${'a'.repeat(1000)}`,
  ])('refuses %j', (next) => {
    expect(safeNext(next)).toBeNull();
    expect(destinationAfterSignIn('participant', next)).toBe('/min-side');
  });

  it('refuses anything that is not a string', () => {
    for (const next of [undefined, null, 42, ['/min-side'], { path: '/' }]) expect(safeNext(next)).toBeNull();
  });

  it('only ever returns a path on this site (property)', () => {
    const anything = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 60 }),
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.webUrl(),
      fc.webPath().map((p) => `/${p}`),
      fc
        .tuple(fc.constantFrom('/', '//', '/\\', '\\', '/\t/', 'http:', '/%2f'), fc.domain())
        .map(([a, b]) => a + b),
    );
    fc.assert(
      fc.property(anything, (next) => {
        const safe = safeNext(next);
        if (safe === null) return;
        expect(safe).toBe(next);
        expect(safe.startsWith('/')).toBe(true);
        expect(safe.startsWith('//')).toBe(false);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is that none get through
        expect(safe).not.toMatch(/[\\\s\u0000-\u001f\u007f]/);
        // Resolved against the site, it stays on the site.
        expect(new URL(safe, 'https://holdet.example').origin).toBe('https://holdet.example');
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps ordinary local paths (property)', () => {
    const segment = fc.stringMatching(/^[a-z0-9-]{1,20}$/);
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 4 }), (parts) => {
        const path = `/${parts.join('/')}`;
        if (path === '/log-ud' || path.startsWith('/log-ind')) return;
        expect(safeNext(path)).toBe(path);
      }),
    );
  });
});

describe('account changes', () => {
  const participant = { name: 'Ane', role: 'participant' as const, organiser_id: null };
  const organiser = { name: 'Bo', role: 'organiser' as const, organiser_id: 'o1' };

  it('never downgrades or renames an organiser from a registration', () => {
    expect(accountChanges(organiser, { name: 'Someone', role: 'participant', organiserId: null })).toBeNull();
  });

  it('upgrades a participant to organiser, tied to the organiser', () => {
    expect(accountChanges(participant, { name: '', role: 'organiser', organiserId: 'o1' })).toEqual({
      role: 'organiser',
      organiser_id: 'o1',
    });
  });

  it('updates a name only when one is given and differs', () => {
    expect(accountChanges(participant, { name: 'Ane', role: 'participant', organiserId: null })).toBeNull();
    expect(accountChanges(participant, { name: '', role: 'participant', organiserId: null })).toBeNull();
    expect(accountChanges(participant, { name: 'Ane B', role: 'participant', organiserId: null })).toEqual({
      name: 'Ane B',
    });
  });
});
