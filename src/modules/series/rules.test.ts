import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  lastRegistrationMoment,
  partitionForFrontPage,
  registrationState,
  type SeriesTiming,
  seatsLeft,
} from './rules.ts';

const base: SeriesTiming = {
  status: 'published',
  capacity: 15,
  claimedSeats: 0,
  registrationOpensAt: '2026-11-01T00:00:00.000Z',
  registrationClosesAt: '2027-06-06T22:00:00.000Z',
  firstStartsAt: '2027-06-07T08:00:00.000Z',
  lastEndsAt: '2027-11-22T13:30:00.000Z',
};
const at = (iso: string) => new Date(iso);

describe('registration state', () => {
  it('is open while seats are free and the window is open', () => {
    expect(registrationState(base, at('2027-01-01T00:00:00Z'))).toBe('open');
    expect(registrationState({ ...base, claimedSeats: 14 }, at('2027-01-01T00:00:00Z'))).toBe('open');
  });

  it('offers the waitlist when every seat is claimed', () => {
    expect(registrationState({ ...base, claimedSeats: 15 }, at('2027-01-01T00:00:00Z'))).toBe('waitlist');
    expect(registrationState({ ...base, claimedSeats: 16 }, at('2027-01-01T00:00:00Z'))).toBe('waitlist');
  });

  it('follows the window: not open before, closed after the deadline and once the first session starts', () => {
    expect(registrationState(base, at('2026-10-31T23:59:59Z'))).toBe('not_open');
    expect(registrationState(base, at('2026-11-01T00:00:00Z'))).toBe('open');
    expect(registrationState(base, at('2027-06-06T21:59:59.999Z'))).toBe('open');
    expect(registrationState(base, at('2027-06-06T22:00:00Z'))).toBe('closed');
    const lateDeadline = { ...base, registrationClosesAt: '2027-12-01T00:00:00Z' };
    expect(registrationState(lateDeadline, at('2027-06-07T08:00:00Z'))).toBe('closed');
  });

  it('is completed after the last session, and for archived series', () => {
    expect(registrationState(base, at('2027-11-22T13:30:00Z'))).toBe('completed');
    expect(registrationState({ ...base, status: 'archived' }, at('2027-01-01T00:00:00Z'))).toBe('completed');
  });

  it('is closed when the organiser closed it or it is a draft', () => {
    expect(registrationState({ ...base, status: 'closed' }, at('2027-01-01T00:00:00Z'))).toBe('closed');
    expect(registrationState({ ...base, status: 'draft' }, at('2027-01-01T00:00:00Z'))).toBe('closed');
  });

  it('never reports seats left below zero or above capacity', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 0, max: 1000 }),
        (capacity, claimed) => {
          const left = seatsLeft(capacity, claimed);
          expect(left).toBeGreaterThanOrEqual(0);
          expect(left).toBeLessThanOrEqual(capacity);
          expect(left === 0).toBe(claimed >= capacity);
        },
      ),
    );
  });
});

describe('front page order', () => {
  it('lists upcoming soonest first and earlier newest first', () => {
    const s = (id: string, state: 'open' | 'completed', firstStartsAt: string) => ({
      id,
      state,
      firstStartsAt,
    });
    const { upcoming, earlier } = partitionForFrontPage([
      s('2021', 'completed', '2021-06-07T08:00:00Z'),
      s('2028', 'open', '2028-06-07T08:00:00Z'),
      s('2019', 'completed', '2019-06-07T08:00:00Z'),
      s('2027', 'open', '2027-06-07T08:00:00Z'),
    ]);
    expect(upcoming.map((x) => x.id)).toEqual(['2027', '2028']);
    expect(earlier.map((x) => x.id)).toEqual(['2021', '2019']);
  });
});

describe('deadline shown to people', () => {
  it('shows a midnight deadline as the day before', () => {
    expect(lastRegistrationMoment('2027-06-06T22:00:00.000Z').toISOString()).toBe('2027-06-06T21:59:59.999Z');
  });
});
