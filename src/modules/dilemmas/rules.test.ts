import { describe, expect, it } from 'vitest';
import type { Membership } from '../people/service.ts';
import {
  agendaTitleShown,
  authorShown,
  type DilemmaFacts,
  mayComment,
  mayCommentAnonymously,
  mayListDilemmas,
  mayManageAgenda,
  mayMarkDiscussed,
  mayMove,
  mayPlace,
  maySeeAgenda,
  maySeeDilemma,
  maySubmitDilemma,
  mayWriteFollowup,
  reordered,
} from './rules.ts';

const S = 'serie';
const m = (over: Partial<Membership>): Membership => ({
  seriesId: S,
  seriesSlug: 'hold',
  roles: [],
  expertSessionIds: [],
  substituteSessionIds: [],
  registration: null,
  ...over,
});

const people = {
  participant: m({ roles: ['participant'] }),
  facilitator: m({ roles: ['facilitator'] }),
  organiser: m({ roles: ['organiser'] }),
  expertOfS1: m({ roles: ['expert'], expertSessionIds: ['s1'] }),
  expertOfS2: m({ roles: ['expert'], expertSessionIds: ['s2'] }),
  substituteS1: m({ roles: ['substitute'], substituteSessionIds: ['s1'] }),
  substituteS2: m({ roles: ['substitute'], substituteSessionIds: ['s2'] }),
  waitlisted: m({ registration: { status: 'waitlisted', position: 1, awaitingUntil: null } }),
  awaiting: m({
    registration: { status: 'awaiting', position: null, awaitingUntil: '2026-01-01T00:00:00Z' },
  }),
  otherSeries: m({ seriesId: 'andet', roles: ['participant'] }),
};
type Person = keyof typeof people;

const onS1: DilemmaFacts = { seriesId: S, sessionId: 's1', anonymous: true, authorId: 'a', status: 'agenda' };
const unplaced: DilemmaFacts = { ...onS1, sessionId: null, status: 'new' };

describe('who sees a dilemma', () => {
  const table: [Person, boolean, boolean, boolean][] = [
    // person, sees the one on session 1, sees the unplaced one, may list
    ['participant', true, true, true],
    ['facilitator', true, true, true],
    ['organiser', true, true, true],
    ['expertOfS1', true, false, true],
    ['expertOfS2', false, false, true],
    ['substituteS1', false, false, false],
    ['substituteS2', false, false, false],
    ['waitlisted', false, false, false],
    ['awaiting', false, false, false],
    ['otherSeries', false, false, true],
  ];
  it.each(table)('%s', (who, placed, notPlaced, list) => {
    const p = people[who];
    expect(maySeeDilemma(p, onS1)).toBe(placed);
    expect(maySeeDilemma(p, unplaced)).toBe(notPlaced);
    expect(mayComment(p, onS1)).toBe(placed);
    expect(mayListDilemmas(p)).toBe(list);
  });
  it('nobody without a membership', () => {
    expect(maySeeDilemma(null, onS1)).toBe(false);
    expect(mayListDilemmas(undefined)).toBe(false);
  });
});

describe('the agenda', () => {
  it('shows to whoever sees the session, a substitute only theirs', () => {
    expect(maySeeAgenda(people.participant, 's1')).toBe(true);
    expect(maySeeAgenda(people.expertOfS2, 's1')).toBe(true);
    expect(maySeeAgenda(people.substituteS1, 's1')).toBe(true);
    expect(maySeeAgenda(people.substituteS2, 's1')).toBe(false);
    expect(maySeeAgenda(people.waitlisted, 's1')).toBe(false);
  });
  it("shows a dilemma's title to those who may open it and the session's substitute, not to another expert", () => {
    expect(agendaTitleShown(people.participant, onS1)).toBe(true);
    expect(agendaTitleShown(people.expertOfS1, onS1)).toBe(true);
    expect(agendaTitleShown(people.substituteS1, onS1)).toBe(true);
    expect(agendaTitleShown(people.expertOfS2, onS1)).toBe(false);
    expect(agendaTitleShown(people.substituteS2, onS1)).toBe(false);
  });
  it('is kept by the facilitator and the organiser only', () => {
    for (const who of Object.keys(people) as Person[])
      expect(mayManageAgenda(people[who]), who).toBe(who === 'facilitator' || who === 'organiser');
  });
});

describe('writing', () => {
  it('participants put dilemmas forward', () => {
    for (const who of Object.keys(people) as Person[])
      expect(maySubmitDilemma(people[who]), who).toBe(who === 'participant' || who === 'otherSeries');
  });
  it('only the author of an anonymous dilemma comments anonymously', () => {
    expect(mayCommentAnonymously('a', onS1)).toBe(true);
    expect(mayCommentAnonymously('b', onS1)).toBe(false);
    expect(mayCommentAnonymously('a', { ...onS1, anonymous: false })).toBe(false);
  });
});

describe('the author as each person sees them', () => {
  const post = { anonymous: true, authorId: 'a', authorName: 'Karen' };
  it('is "a participant" to peers and experts, named and marked to the organiser and facilitator', () => {
    expect(authorShown(people.participant, 'b', post)).toEqual({ kind: 'anonymous' });
    expect(authorShown(people.expertOfS1, 'e', post)).toEqual({ kind: 'anonymous' });
    expect(authorShown(people.substituteS1, 's', post)).toEqual({ kind: 'anonymous' });
    expect(authorShown(people.facilitator, 'f', post)).toEqual({
      kind: 'hidden-from-members',
      name: 'Karen',
    });
    expect(authorShown(people.organiser, 'o', post)).toEqual({ kind: 'hidden-from-members', name: 'Karen' });
    expect(authorShown(people.participant, 'a', post)).toEqual({ kind: 'you-anonymous', name: 'Karen' });
  });
  it('a named post is named to everyone', () => {
    expect(authorShown(people.participant, 'b', { ...post, anonymous: false })).toEqual({
      kind: 'named',
      name: 'Karen',
    });
  });
});

describe('status moves', () => {
  it('new → on the agenda → discussed → followed up; off the agenda back to new; never backwards', () => {
    expect(mayMove('new', 'agenda')).toBe(true);
    expect(mayMove('agenda', 'discussed')).toBe(true);
    expect(mayMove('agenda', 'new')).toBe(true);
    expect(mayMove('discussed', 'followed_up')).toBe(true);
    expect(mayMove('new', 'discussed')).toBe(false);
    expect(mayMove('new', 'followed_up')).toBe(false);
    expect(mayMove('discussed', 'agenda')).toBe(false);
    expect(mayMove('followed_up', 'new')).toBe(false);
  });
  it('places while new or on the agenda, by the keepers', () => {
    expect(mayPlace(people.facilitator, unplaced)).toBe(true);
    expect(mayPlace(people.organiser, onS1)).toBe(true);
    expect(mayPlace(people.participant, unplaced)).toBe(false);
    expect(mayPlace(people.facilitator, { ...onS1, status: 'discussed' })).toBe(false);
  });
  it('discussed and the follow-up once the session has begun', () => {
    const session = { startsAt: '2027-02-01T08:00:00.000Z' };
    const before = new Date('2027-02-01T07:59:00.000Z');
    const after = new Date('2027-02-01T08:00:00.000Z');
    expect(mayMarkDiscussed(people.facilitator, onS1, session, before)).toBe(false);
    expect(mayMarkDiscussed(people.facilitator, onS1, session, after)).toBe(true);
    expect(mayMarkDiscussed(people.participant, onS1, session, after)).toBe(false);
    expect(mayMarkDiscussed(people.facilitator, unplaced, null, after)).toBe(false);
    expect(mayWriteFollowup(people.organiser, session, after)).toBe(true);
    expect(mayWriteFollowup(people.organiser, session, before)).toBe(false);
    expect(mayWriteFollowup(people.expertOfS1, session, after)).toBe(false);
  });
});

describe('reordering', () => {
  it('swaps with the neighbour, and not past the ends', () => {
    expect(reordered(['a', 'b', 'c'], 1, 'up')).toEqual(['b', 'a', 'c']);
    expect(reordered(['a', 'b', 'c'], 1, 'down')).toEqual(['a', 'c', 'b']);
    expect(reordered(['a', 'b', 'c'], 0, 'up')).toBeNull();
    expect(reordered(['a', 'b', 'c'], 2, 'down')).toBeNull();
    expect(reordered(['a'], 5, 'up')).toBeNull();
  });
});
