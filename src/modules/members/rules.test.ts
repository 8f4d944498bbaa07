import { describe, expect, it } from 'vitest';
import { programmeFor } from './rules.ts';

const sessions = [{ id: 's1' }, { id: 's2' }, { id: 's3' }, { id: 's4' }];
const member = (roles: string[], expert: string[] = [], substitute: string[] = []) => ({
  roles: roles as ('organiser' | 'facilitator' | 'expert' | 'participant' | 'substitute')[],
  expertSessionIds: expert,
  substituteSessionIds: substitute,
});
const order = (m: ReturnType<typeof member>) =>
  programmeFor(m, sessions).map((x) => `${x.session.id}${x.yours ? '*' : ''}`);

describe('programme order on Mit hold', () => {
  it('gives a participant every session in order, none marked theirs', () => {
    expect(order(member(['participant']))).toEqual(['s1', 's2', 's3', 's4']);
  });
  it('puts an expert’s own session first, marked', () => {
    expect(order(member(['expert'], ['s3']))).toEqual(['s3*', 's1', 's2', 's4']);
  });
  it('keeps the order for the facilitator who is also an expert, marking their session', () => {
    expect(order(member(['facilitator', 'expert'], ['s4']))).toEqual(['s1', 's2', 's3', 's4*']);
  });
  it('keeps the order for the organiser', () => {
    expect(order(member(['organiser']))).toEqual(['s1', 's2', 's3', 's4']);
  });
  it('shows a substitute only the session they substitute in', () => {
    expect(order(member(['substitute'], [], ['s2']))).toEqual(['s2*']);
  });
  it('shows a participant who also substitutes elsewhere everything', () => {
    expect(order(member(['participant', 'substitute'], [], ['s2']))).toEqual(['s1', 's2*', 's3', 's4']);
  });
});
