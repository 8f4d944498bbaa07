import { describe, expect, it } from 'vitest';
import type { MemberRole, Membership } from '../people/service.ts';
import { mayJoinDirectory, maySeeDirectory } from './rules.ts';

// Every kind of person: who sees a series' directory and who may be listed in it. "Other series": the service
// finds no membership of this series for them, which the rules get as null.

const membership = (roles: MemberRole[], registration: Membership['registration'] = null): Membership => ({
  seriesId: 's1',
  seriesSlug: 'hold',
  roles,
  expertSessionIds: [],
  substituteSessionIds: roles.includes('substitute') ? ['x1'] : [],
  registration,
});

const PEOPLE = {
  participant: membership(['participant'], { status: 'confirmed', position: null, awaitingUntil: null }),
  otherSeries: null,
  substitute: membership(['substitute']),
  expert: membership(['expert']),
  facilitator: membership(['facilitator']),
  organiser: membership(['organiser']),
  waitlisted: membership([], { status: 'waitlisted', position: 1, awaitingUntil: null }),
  awaiting: membership([], { status: 'awaiting', position: null, awaitingUntil: '2027-01-01T00:00:00.000Z' }),
  stranger: null,
} as const;
type Who = keyof typeof PEOPLE;
const WHO = Object.keys(PEOPLE) as Who[];

describe('member directory', () => {
  it('is seen by participants, experts, the facilitator and organisers — not substitutes or non-members', () => {
    expect(WHO.filter((w) => maySeeDirectory(PEOPLE[w]))).toEqual([
      'participant',
      'expert',
      'facilitator',
      'organiser',
    ]);
  });

  it('a substitute who is also a participant sees it', () => {
    expect(maySeeDirectory(membership(['participant', 'substitute']))).toBe(true);
  });

  it('lists participants only (the consent is on their registration)', () => {
    expect(WHO.filter((w) => mayJoinDirectory(PEOPLE[w]))).toEqual(['participant']);
  });
});
