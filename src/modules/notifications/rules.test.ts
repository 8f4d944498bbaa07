import { describe, expect, it } from 'vitest';
import {
  CHOICE_LINK_DAYS,
  choiceFor,
  choiceLinkExpiry,
  choicePayload,
  choicesInForce,
  isChoice,
  isExpired,
  parseChoicePayload,
} from './rules.ts';

describe('notification rules', () => {
  it('takes the person’s own choice, else the default of the kind', () => {
    expect(choiceFor({}, 'questions')).toBe('now');
    expect(choiceFor({}, 'materials')).toBe('digest');
    expect(choiceFor({ materials: 'platform' }, 'materials')).toBe('platform');
    expect(choicesInForce({ answers: 'digest' })).toEqual({
      questions: 'now',
      answers: 'digest',
      dilemmas: 'digest',
      messages: 'digest',
      materials: 'digest',
    });
    expect(['now', 'digest', 'platform'].every(isChoice)).toBe(true);
    expect(isChoice('weekly')).toBe(false);
    expect(isChoice(undefined)).toBe(false);
  });

  it('packs a link’s claim into 21 bytes and back, and expires it after 60 days', () => {
    const now = new Date('2026-03-02T12:00:00Z');
    const claim = {
      accountId: '0b9c1f5e-7d7a-4c31-9a2e-1f2d3c4b5a69',
      kind: 'dilemmas' as const,
      expiresAt: choiceLinkExpiry(now),
    };
    const payload = choicePayload(claim);
    expect(payload).toHaveLength(21);
    expect(parseChoicePayload(payload)).toEqual(claim);
    expect(parseChoicePayload(payload.subarray(0, 20))).toBeNull();
    const badKind = Buffer.from(payload);
    badKind[16] = 9;
    expect(parseChoicePayload(badKind)).toBeNull();
    const day = 24 * 3600_000;
    expect(isExpired(claim, new Date(now.getTime() + CHOICE_LINK_DAYS * day - 1000))).toBe(false);
    expect(isExpired(claim, new Date(now.getTime() + CHOICE_LINK_DAYS * day))).toBe(true);
  });
});
