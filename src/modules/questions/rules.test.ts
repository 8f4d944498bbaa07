import { describe, expect, it } from 'vitest';
import type { Membership } from '../people/service.ts';
import {
  ageInDays,
  answers,
  authorRole,
  inQueue,
  isAddressedTo,
  listScope,
  mayAsk,
  mayAskAnything,
  mayDeletePost,
  mayEditPost,
  mayFollow,
  mayReply,
  maySeeQuestion,
  maySeeQuestionList,
  maySolve,
  mayViewHistory,
  median,
  type QuestionFacts,
  queueScope,
  stateOf,
} from './rules.ts';

// Every rule for every kind of person: the participant, one of another series, a substitute of this session
// and of another, the expert, the facilitator, the organiser, the waitlisted, the awaiting and the stranger.

const S1 = 'session-1';
const S2 = 'session-2';

const member = (roles: Membership['roles'], over: Partial<Membership> = {}): Membership => ({
  seriesId: 'series',
  seriesSlug: 'hold',
  roles,
  expertSessionIds: [],
  substituteSessionIds: [],
  registration: null,
  ...over,
});

const PEOPLE: Record<string, Membership | null> = {
  participant: member(['participant']),
  // Someone of another series holds no membership of this one.
  otherSeries: null,
  substitute: member(['substitute'], { substituteSessionIds: [S1] }),
  otherSubstitute: member(['substitute'], { substituteSessionIds: [S2] }),
  expert: member(['expert'], { expertSessionIds: [S1] }),
  facilitator: member(['facilitator', 'expert'], { expertSessionIds: [S2] }),
  organiser: member(['organiser']),
  waitlisted: member([], { registration: { status: 'waitlisted', position: 2, awaitingUntil: null } }),
  awaiting: member([], {
    registration: { status: 'awaiting', position: null, awaitingUntil: '2026-03-03T12:00:00Z' },
  }),
  stranger: null,
};

const ME = 'me';
const question = (over: Partial<QuestionFacts> = {}): QuestionFacts => ({
  sessionId: S1,
  addressedTo: 'experts',
  expertAccountId: null,
  askerId: 'asker',
  ...over,
});

const table = (f: (m: Membership | null) => boolean) =>
  Object.fromEntries(Object.entries(PEOPLE).map(([who, m]) => [who, f(m)]));

describe('who sees questions', () => {
  it('a question about session 1: every member but the other session’s substitute', () => {
    expect(table((m) => maySeeQuestion(m, question()))).toEqual({
      participant: true,
      otherSeries: false,
      substitute: true,
      otherSubstitute: false,
      expert: true,
      facilitator: true,
      organiser: true,
      waitlisted: false,
      awaiting: false,
      stranger: false,
    });
  });

  it('a question about the whole series: no substitute', () => {
    expect(table((m) => maySeeQuestion(m, question({ sessionId: null })))).toEqual({
      participant: true,
      otherSeries: false,
      substitute: false,
      otherSubstitute: false,
      expert: true,
      facilitator: true,
      organiser: true,
      waitlisted: false,
      awaiting: false,
      stranger: false,
    });
  });

  it('the list: every member (a substitute’s is narrowed to their session)', () => {
    expect(table(maySeeQuestionList)).toEqual({
      participant: true,
      otherSeries: false,
      substitute: true,
      otherSubstitute: true,
      expert: true,
      facilitator: true,
      organiser: true,
      waitlisted: false,
      awaiting: false,
      stranger: false,
    });
    expect(listScope(PEOPLE.substitute)).toEqual({ sessionIds: [S1] });
    expect(listScope(PEOPLE.participant)).toEqual({ sessionIds: null });
    expect(listScope(PEOPLE.waitlisted)).toBeNull();
    expect(listScope(null)).toBeNull();
  });

  it('reply and follow go with seeing', () => {
    for (const q of [question(), question({ sessionId: null }), question({ sessionId: S2 })]) {
      expect(table((m) => mayReply(m, q))).toEqual(table((m) => maySeeQuestion(m, q)));
      expect(table((m) => mayFollow(m, q))).toEqual(table((m) => maySeeQuestion(m, q)));
    }
  });
});

describe('who asks', () => {
  it('about the whole series: members but substitutes', () => {
    expect(table((m) => mayAsk(m, null))).toEqual({
      participant: true,
      otherSeries: false,
      substitute: false,
      otherSubstitute: false,
      expert: true,
      facilitator: true,
      organiser: true,
      waitlisted: false,
      awaiting: false,
      stranger: false,
    });
  });

  it('about session 1: its substitute too, not the other one', () => {
    expect(table((m) => mayAsk(m, S1))).toMatchObject({ substitute: true, otherSubstitute: false });
    expect(table(mayAskAnything)).toMatchObject({
      participant: true,
      substitute: true,
      otherSubstitute: true,
      waitlisted: false,
      stranger: false,
    });
  });
});

describe('answered, solved', () => {
  it('only an expert’s or the facilitator’s reply answers', () => {
    expect(table((m) => answers(authorRole(m)))).toEqual({
      participant: false,
      otherSeries: false,
      substitute: false,
      otherSubstitute: false,
      expert: true,
      facilitator: true,
      organiser: false,
      waitlisted: false,
      awaiting: false,
      stranger: false,
    });
  });

  it('the asker or the organiser marks the reply that helped', () => {
    const mine = question({ askerId: ME });
    expect(table((m) => maySolve(m, mine, ME))).toEqual({
      participant: true,
      otherSeries: false,
      substitute: true,
      otherSubstitute: false,
      expert: true,
      facilitator: true,
      organiser: true,
      waitlisted: false,
      awaiting: false,
      stranger: false,
    });
    // Someone else's question: only the organiser.
    expect(table((m) => maySolve(m, question(), ME))).toEqual({
      participant: false,
      otherSeries: false,
      substitute: false,
      otherSubstitute: false,
      expert: false,
      facilitator: false,
      organiser: true,
      waitlisted: false,
      awaiting: false,
      stranger: false,
    });
  });

  it('states follow the first reply and the mark', () => {
    expect(stateOf({ firstReplyAt: null, solvedPostId: null })).toBe('unanswered');
    expect(stateOf({ firstReplyAt: '2026-03-01T10:00:00Z', solvedPostId: null })).toBe('answered');
    expect(stateOf({ firstReplyAt: '2026-03-01T10:00:00Z', solvedPostId: 'p' })).toBe('solved');
  });
});

describe('edit, delete, history', () => {
  const at = '2026-03-02T12:00:00.000Z';
  const own = { kind: 'reply' as const, authorId: ME, createdAt: at, deleted: false };
  const other = { ...own, authorId: 'someone' };
  const minutes = (n: number) => new Date(Date.parse(at) + n * 60_000);

  it('the author edits their own standing post; nobody else, not even the organiser', () => {
    expect(mayEditPost(PEOPLE.participant, question(), own, ME)).toBe(true);
    expect(mayEditPost(PEOPLE.participant, question(), other, ME)).toBe(false);
    expect(mayEditPost(PEOPLE.organiser, question(), other, ME)).toBe(false);
    expect(mayEditPost(PEOPLE.participant, question(), { ...own, deleted: true }, ME)).toBe(false);
    // Lost the right to see it (a substitute's post on another session's question): no edit.
    expect(mayEditPost(PEOPLE.otherSubstitute, question(), own, ME)).toBe(false);
  });

  it('the author deletes within 15 minutes; the organiser any post at any time', () => {
    expect(mayDeletePost(PEOPLE.participant, question(), own, ME, minutes(15))).toBe('author');
    expect(mayDeletePost(PEOPLE.participant, question(), own, ME, minutes(16))).toBeNull();
    expect(mayDeletePost(PEOPLE.participant, question(), other, ME, minutes(1))).toBeNull();
    expect(mayDeletePost(PEOPLE.organiser, question(), other, ME, minutes(60 * 24 * 30))).toBe('organiser');
    expect(mayDeletePost(PEOPLE.facilitator, question(), other, ME, minutes(1))).toBeNull();
    expect(
      mayDeletePost(PEOPLE.organiser, question(), { ...other, deleted: true }, ME, minutes(1)),
    ).toBeNull();
  });

  it('the history: the author and the organiser', () => {
    expect(table((m) => mayViewHistory(m, question(), other, ME))).toEqual({
      participant: false,
      otherSeries: false,
      substitute: false,
      otherSubstitute: false,
      expert: false,
      facilitator: false,
      organiser: true,
      waitlisted: false,
      awaiting: false,
      stranger: false,
    });
    expect(mayViewHistory(PEOPLE.participant, question(), own, ME)).toBe(true);
  });
});

describe('queues', () => {
  const cases: QuestionFacts[] = [
    question({ addressedTo: 'expert', expertAccountId: ME }),
    question({ addressedTo: 'expert', expertAccountId: 'someone' }),
    question({ addressedTo: 'experts' }),
    question({ addressedTo: 'facilitator' }),
  ];

  it('a question waits for its addressee: the one expert, every expert, or the facilitator', () => {
    expect(cases.map((q) => isAddressedTo(PEOPLE.expert, q, ME))).toEqual([true, false, true, false]);
    expect(cases.map((q) => isAddressedTo(PEOPLE.facilitator, q, ME))).toEqual([true, false, true, true]);
    expect(cases.map((q) => isAddressedTo(PEOPLE.participant, q, ME))).toEqual([true, false, false, false]);
    expect(cases.map((q) => isAddressedTo(PEOPLE.waitlisted, q, ME))).toEqual([false, false, false, false]);
  });

  it('the query’s condition is the rule', () => {
    for (const m of Object.values(PEOPLE)) {
      if (!m || m.roles.length === 0) continue;
      for (const q of cases) expect(inQueue(queueScope(m, ME), q)).toBe(isAddressedTo(m, q, ME));
    }
  });
});

describe('figures', () => {
  it('the median of the times to the first reply', () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('the age in whole days', () => {
    const now = new Date('2026-03-05T12:00:00Z');
    expect(ageInDays('2026-03-05T08:00:00Z', now)).toBe(0);
    expect(ageInDays('2026-03-04T11:00:00Z', now)).toBe(1);
    expect(ageInDays('2026-03-02T12:00:00Z', now)).toBe(3);
  });
});
