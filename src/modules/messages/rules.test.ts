import { describe, expect, it } from 'vitest';
import type { MemberRole, Membership } from '../people/service.ts';
import {
  AUDIENCE_GROUPS,
  type Audience,
  announcementScope,
  hasAudience,
  inAnnouncementScope,
  mayAnnounce,
  mayAnswerThread,
  maySeeAnnouncement,
  maySeeThread,
  mayWriteToOrganiser,
} from './rules.ts';

// Every kind of person against every rule: who writes and sees announcements, who writes to the organiser and
// who sees a private thread. "Other series" is a person whose membership is of another series: the service
// finds no membership of this one, which the rules get as null (as the stranger).

const membership = (roles: MemberRole[], registration: Membership['registration'] = null): Membership => ({
  seriesId: 's1',
  seriesSlug: 'hold',
  roles,
  expertSessionIds: roles.includes('expert') ? ['x1'] : [],
  substituteSessionIds: roles.includes('substitute') ? ['x1'] : [],
  registration,
});

const PEOPLE = {
  participant: membership(['participant'], { status: 'confirmed', position: null, awaitingUntil: null }),
  otherSeries: null,
  substitute: membership(['substitute']),
  expert: membership(['expert']),
  facilitator: membership(['facilitator', 'expert']),
  organiser: membership(['organiser']),
  waitlisted: membership([], { status: 'waitlisted', position: 2, awaitingUntil: null }),
  awaiting: membership([], { status: 'awaiting', position: null, awaitingUntil: '2027-01-01T00:00:00.000Z' }),
  stranger: null,
} as const;
type Who = keyof typeof PEOPLE;
const WHO = Object.keys(PEOPLE) as Who[];

/** Every combination of the three groups. */
const AUDIENCES: Audience[] = [0, 1, 2, 3, 4, 5, 6, 7].map((n) => ({
  participants: (n & 1) !== 0,
  substitutes: (n & 2) !== 0,
  experts: (n & 4) !== 0,
}));

describe('announcements', () => {
  it('are written by the organiser and the facilitator only', () => {
    const may = WHO.filter((w) => mayAnnounce(PEOPLE[w]));
    expect(may).toEqual(['facilitator', 'organiser']);
  });

  it('reach each group only when it was chosen; staff always; non-members never', () => {
    const sees = (who: Who, a: Partial<Audience>) =>
      maySeeAnnouncement(PEOPLE[who], { participants: false, substitutes: false, experts: false, ...a });
    for (const who of ['facilitator', 'organiser'] as const) {
      for (const a of AUDIENCES) expect(maySeeAnnouncement(PEOPLE[who], a)).toBe(true);
    }
    expect(sees('participant', { participants: true })).toBe(true);
    expect(sees('participant', { substitutes: true, experts: true })).toBe(false);
    expect(sees('substitute', { substitutes: true })).toBe(true);
    expect(sees('substitute', { participants: true, experts: true })).toBe(false);
    expect(sees('expert', { experts: true })).toBe(true);
    expect(sees('expert', { participants: true, substitutes: true })).toBe(false);
    for (const who of ['otherSeries', 'waitlisted', 'awaiting', 'stranger'] as const) {
      for (const a of AUDIENCES) expect(maySeeAnnouncement(PEOPLE[who], a), who).toBe(false);
    }
  });

  it('reach someone in two groups when either was chosen', () => {
    const both = membership(['participant', 'expert']);
    expect(maySeeAnnouncement(both, { participants: false, substitutes: false, experts: true })).toBe(true);
    expect(maySeeAnnouncement(both, { participants: true, substitutes: false, experts: false })).toBe(true);
    expect(maySeeAnnouncement(both, { participants: false, substitutes: true, experts: false })).toBe(false);
  });

  it("the list query's scope is the same rule, for every person and audience", () => {
    for (const who of WHO) {
      for (const a of AUDIENCES) {
        expect(inAnnouncementScope(announcementScope(PEOPLE[who]), a), `${who} ${JSON.stringify(a)}`).toBe(
          maySeeAnnouncement(PEOPLE[who], a),
        );
      }
    }
  });

  it('must go to at least one group', () => {
    expect(hasAudience({ participants: false, substitutes: false, experts: false })).toBe(false);
    for (const g of AUDIENCE_GROUPS) {
      expect(hasAudience({ participants: false, substitutes: false, experts: false, [g]: true })).toBe(true);
    }
  });
});

describe('private threads with the organiser', () => {
  it('any member but the organiser may write; non-members may not', () => {
    const may = WHO.filter((w) => mayWriteToOrganiser(PEOPLE[w]));
    expect(may).toEqual(['participant', 'substitute', 'expert', 'facilitator']);
  });

  it('only the member it belongs to and the organisers see a thread — not the facilitator', () => {
    const thread = { accountId: 'owner' };
    const sees = WHO.filter((w) => maySeeThread(PEOPLE[w], thread, 'someone-else'));
    expect(sees).toEqual(['organiser']);
    for (const who of WHO) expect(maySeeThread(PEOPLE[who], thread, 'owner'), who).toBe(true);
  });

  it('only the organisers answer', () => {
    expect(WHO.filter((w) => mayAnswerThread(PEOPLE[w]))).toEqual(['organiser']);
  });
});
