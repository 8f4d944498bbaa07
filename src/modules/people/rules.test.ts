import { describe, expect, it } from 'vitest';
import {
  httpsUrl,
  invitationExpiresAt,
  invitationFailure,
  isExpertOf,
  isMember,
  type Membership,
  mayAcceptInvitation,
  mayEditProfile,
  maySeeSession,
  membershipOf,
  rolesLabel,
  seesEverything,
} from './rules.ts';

const base: Membership = {
  seriesId: 's1',
  seriesSlug: 'hold',
  roles: [],
  expertSessionIds: [],
  substituteSessionIds: [],
  registration: null,
};
const as = (patch: Partial<Membership>): Membership => ({ ...base, ...patch });

const NAMES = {
  organiser: 'arrangør',
  facilitator: 'facilitator',
  expert: 'ekspert',
  participant: 'deltager',
  substitute: 'stedfortræder',
};

describe('who is a member and what they see', () => {
  it('a member holds a role; waitlisted and awaiting people hold none', () => {
    expect(isMember(as({ roles: ['participant'] }))).toBe(true);
    expect(isMember(as({ registration: { status: 'waitlisted', position: 2, awaitingUntil: null } }))).toBe(
      false,
    );
    expect(isMember(null)).toBe(false);
  });

  it('the organiser and the facilitator see everything; experts and participants do not', () => {
    expect(seesEverything(as({ roles: ['organiser'] }))).toBe(true);
    expect(seesEverything(as({ roles: ['facilitator'] }))).toBe(true);
    expect(seesEverything(as({ roles: ['expert'], expertSessionIds: ['x1'] }))).toBe(false);
    expect(seesEverything(as({ roles: ['participant'] }))).toBe(false);
    expect(seesEverything(undefined)).toBe(false);
  });

  it('every member sees every session, except a substitute, who sees only theirs', () => {
    for (const role of ['organiser', 'facilitator', 'expert', 'participant'] as const) {
      expect(maySeeSession(as({ roles: [role] }), 'x2')).toBe(true);
    }
    const substitute = as({ roles: ['substitute'], substituteSessionIds: ['x3'] });
    expect(maySeeSession(substitute, 'x3')).toBe(true);
    expect(maySeeSession(substitute, 'x2')).toBe(false);
    expect(
      maySeeSession(as({ registration: { status: 'awaiting', position: null, awaitingUntil: 'x' } }), 'x2'),
    ).toBe(false);
    expect(maySeeSession(null, 'x2')).toBe(false);
  });

  it('knows which sessions an expert is the expert of', () => {
    const expert = as({ roles: ['expert'], expertSessionIds: ['x4'] });
    expect(isExpertOf(expert, 'x4')).toBe(true);
    expect(isExpertOf(expert, 'x1')).toBe(false);
  });
});

describe('rolesLabel', () => {
  it('orders the roles and joins them with the language’s "and"', () => {
    expect(rolesLabel(['expert', 'facilitator'], NAMES, 'og')).toBe('facilitator og ekspert');
    expect(rolesLabel(['participant', 'expert', 'organiser'], NAMES, 'og')).toBe(
      'arrangør, ekspert og deltager',
    );
    expect(rolesLabel(['substitute'], NAMES, 'and')).toBe('stedfortræder');
    expect(rolesLabel([], NAMES, 'og')).toBe('');
  });
});

describe('membershipOf', () => {
  const grants = [
    { role: 'facilitator' as const, seriesId: 's1', sessionId: null },
    { role: 'expert' as const, seriesId: 's1', sessionId: 'x4' },
    { role: 'expert' as const, seriesId: 's2', sessionId: 'y1' },
  ];

  it('one person with several roles has each once, in order, with their sessions', () => {
    const m = membershipOf({
      seriesId: 's1',
      seriesSlug: 'hold',
      organiser: false,
      grants,
      registration: null,
    });
    expect(m.roles).toEqual(['facilitator', 'expert']);
    expect(m.expertSessionIds).toEqual(['x4']);
    expect(m.substituteSessionIds).toEqual([]);
  });

  it('a confirmed registration makes a participant; a place in line does not', () => {
    const confirmed = { status: 'confirmed' as const, position: null, awaitingUntil: null };
    const line = { status: 'waitlisted' as const, position: 3, awaitingUntil: null };
    const none = { seriesId: 's3', seriesSlug: 'h', organiser: false, grants };
    expect(membershipOf({ ...none, registration: confirmed }).roles).toEqual(['participant']);
    expect(membershipOf({ ...none, registration: line }).roles).toEqual([]);
    expect(membershipOf({ ...none, registration: line }).registration).toEqual(line);
  });

  it('the staff mark makes an organiser of the series', () => {
    expect(
      membershipOf({ seriesId: 's3', seriesSlug: 'h', organiser: true, grants: [], registration: null })
        .roles,
    ).toEqual(['organiser']);
  });
});

describe('invitations', () => {
  const now = new Date('2026-03-02T12:00:00.000Z');

  it('are valid for 7 days, once', () => {
    const expires = invitationExpiresAt(now).toISOString();
    expect(expires).toBe('2026-03-09T12:00:00.000Z');
    expect(invitationFailure({ used_at: null, expires_at: expires }, now)).toBeNull();
    expect(
      invitationFailure({ used_at: null, expires_at: expires }, new Date('2026-03-09T12:00:00.000Z')),
    ).toBe('expired');
    expect(invitationFailure({ used_at: now.toISOString(), expires_at: expires }, now)).toBe('used');
    expect(invitationFailure(undefined, now)).toBe('unknown');
  });

  it('tell someone else signed in that the invitation is not theirs', () => {
    expect(mayAcceptInvitation('dorte@example.dk', null)).toBe('accept');
    expect(mayAcceptInvitation('dorte@example.dk', { email: 'Dorte@Example.dk' })).toBe('accept');
    expect(mayAcceptInvitation('dorte@example.dk', { email: 'ane@example.dk' })).toBe('someone-else');
  });
});

describe('profiles', () => {
  it('only the linked account edits a person', () => {
    expect(mayEditProfile({ accountId: 'a1' }, 'a1')).toBe(true);
    expect(mayEditProfile({ accountId: 'a1' }, 'a2')).toBe(false);
    expect(mayEditProfile({ accountId: null }, 'a1')).toBe(false);
    expect(mayEditProfile(null, 'a1')).toBe(false);
  });

  it('links must be https addresses with a host', () => {
    expect(httpsUrl(' https://vbn.aau.dk/da/ ')).toBe('https://vbn.aau.dk/da/');
    expect(httpsUrl('http://vbn.aau.dk/')).toBeNull();
    expect(httpsUrl('javascript:alert(1)')).toBeNull();
    expect(httpsUrl('https://localhost/')).toBeNull();
    expect(httpsUrl('https://user:pw@example.dk/')).toBeNull();
    expect(httpsUrl('https://exa mple.dk/')).toBeNull();
    expect(httpsUrl('')).toBeNull();
    expect(httpsUrl(`https://example.dk/${'a'.repeat(600)}`)).toBeNull();
  });
});
