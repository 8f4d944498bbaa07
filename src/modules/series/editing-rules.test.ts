import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWeeksToDay,
  possibleStatusMoves,
  proposedCopyDates,
  proposedCopyDay,
  proposedCopyInstant,
  seriesChangeRefusal,
  statusMoveRefusal,
} from './rules.ts';
import { SERIES_STATUSES } from './table.ts';

const none = { sessionCount: 0, seatsHeld: 0 };
const ready = { sessionCount: 4, seatsHeld: 0 };

describe('status moves', () => {
  it('allows draft → published → closed → archived, closed → published, published → draft', () => {
    expect(statusMoveRefusal('draft', 'published', ready)).toBeNull();
    expect(statusMoveRefusal('published', 'closed', ready)).toBeNull();
    expect(statusMoveRefusal('closed', 'published', ready)).toBeNull();
    expect(statusMoveRefusal('closed', 'archived', ready)).toBeNull();
    expect(statusMoveRefusal('published', 'draft', ready)).toBeNull();
  });

  it('refuses every other move, and an archived series moves nowhere', () => {
    expect(statusMoveRefusal('draft', 'closed', ready)).toBe('not-allowed');
    expect(statusMoveRefusal('draft', 'archived', ready)).toBe('not-allowed');
    expect(statusMoveRefusal('published', 'archived', ready)).toBe('not-allowed');
    expect(statusMoveRefusal('closed', 'draft', ready)).toBe('not-allowed');
    expect(statusMoveRefusal('published', 'published', ready)).toBe('not-allowed');
    for (const to of SERIES_STATUSES) expect(statusMoveRefusal('archived', to, ready)).toBe('not-allowed');
  });

  it('publishes a draft only with at least one session', () => {
    expect(statusMoveRefusal('draft', 'published', none)).toBe('no-sessions');
    expect(possibleStatusMoves('draft', none)).toEqual([]);
    expect(possibleStatusMoves('draft', ready)).toEqual(['published']);
  });

  it('takes a published series back to draft only while nobody holds a seat', () => {
    expect(statusMoveRefusal('published', 'draft', { sessionCount: 4, seatsHeld: 1 })).toBe('seats-held');
    expect(possibleStatusMoves('published', { sessionCount: 4, seatsHeld: 3 })).toEqual(['closed']);
    expect(possibleStatusMoves('published', ready)).toEqual(['closed', 'draft']);
  });
});

describe('seriesChangeRefusal', () => {
  const before = {
    slug: 'hold-2027',
    status: 'published' as const,
    capacity: 15,
    priceOre: 1_800_000,
    vatRateBp: 2500,
  };
  const same = { slug: 'hold-2027', capacity: 15, priceOre: 1_800_000, vatRateBp: 2500 };

  it('lets anything else change', () => {
    expect(seriesChangeRefusal(before, same, { hasInvoices: true, seatsHeld: 15 })).toEqual([]);
    expect(
      seriesChangeRefusal(
        before,
        { ...same, capacity: 20, priceOre: 2_000_000, vatRateBp: 0 },
        {
          hasInvoices: false,
          seatsHeld: 15,
        },
      ),
    ).toEqual([]);
  });

  it('freezes price and VAT once an invoice exists', () => {
    const after = { ...same, priceOre: 1_900_000, vatRateBp: 0 };
    expect(seriesChangeRefusal(before, after, { hasInvoices: true, seatsHeld: 0 })).toEqual([
      'price-frozen',
      'vat-frozen',
    ]);
  });

  it('never lets capacity drop below the seats held, but keeps a capacity already below them', () => {
    expect(
      seriesChangeRefusal(before, { ...same, capacity: 9 }, { hasInvoices: false, seatsHeld: 10 }),
    ).toEqual(['capacity-below-held']);
    expect(
      seriesChangeRefusal(before, { ...same, capacity: 10 }, { hasInvoices: false, seatsHeld: 10 }),
    ).toEqual([]);
    // Saving other fields of a series that already holds more than its capacity is no new drop.
    expect(seriesChangeRefusal(before, same, { hasInvoices: false, seatsHeld: 16 })).toEqual([]);
  });

  it('fixes the slug once the series is no draft', () => {
    const after = { ...same, slug: 'nyt-navn' };
    expect(seriesChangeRefusal(before, after, { hasInvoices: false, seatsHeld: 0 })).toEqual(['slug-fixed']);
    expect(
      seriesChangeRefusal({ ...before, status: 'draft' }, after, { hasInvoices: false, seatsHeld: 0 }),
    ).toEqual([]);
  });
});

describe('proposed copy dates', () => {
  const weekday = (day: string) => new Date(`${day}T12:00:00Z`).getUTCDay();

  it('proposes the same weekday a year later, one or two days before the same date', () => {
    expect(proposedCopyDay('2027-06-07')).toBe('2028-06-05'); // Monday → Monday (2028 is a leap year)
    expect(proposedCopyDay('2028-06-05')).toBe('2029-06-04');
    expect(addWeeksToDay('2027-12-27', 1)).toBe('2028-01-03');
  });

  it('always keeps the weekday: exactly 52 weeks on', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2190-12-31'), noInvalidDate: true }),
        (d) => {
          const day = d.toISOString().slice(0, 10);
          const next = proposedCopyDay(day);
          expect(weekday(next)).toBe(weekday(day));
          const days = (Date.parse(next) - Date.parse(day)) / 86_400_000;
          expect(days).toBe(364);
        },
      ),
    );
  });

  it('keeps the Copenhagen wall-clock time across the summer-time change', () => {
    // Monday 26 March 2029 is summer time (10.00 = 08.00Z); 52 weeks on, Monday 25 March 2030 is still winter
    // time (the switch is on the 31st): 10.00 = 09.00Z.
    const [s] = proposedCopyDates([
      { startsAt: '2029-03-26T08:00:00.000Z', endsAt: '2029-03-26T12:30:00.000Z' },
    ]);
    expect(s).toEqual({
      day: '2030-03-25',
      startTime: '10:00',
      endTime: '14:30',
      startsAt: '2030-03-25T09:00:00.000Z',
      endsAt: '2030-03-25T13:30:00.000Z',
    });
    // The demo's Mondays of 2027 (summer and winter time) → the Mondays of 2028, at 10.00–14.30 Danish time.
    const proposed = proposedCopyDates([
      { startsAt: '2027-06-07T08:00:00.000Z', endsAt: '2027-06-07T12:30:00.000Z' },
      { startsAt: '2027-11-22T09:00:00.000Z', endsAt: '2027-11-22T13:30:00.000Z' },
    ]);
    expect(proposed.map((p) => [p.day, p.startsAt, p.endsAt])).toEqual([
      ['2028-06-05', '2028-06-05T08:00:00.000Z', '2028-06-05T12:30:00.000Z'],
      ['2028-11-20', '2028-11-20T09:00:00.000Z', '2028-11-20T13:30:00.000Z'],
    ]);
  });

  it('moves the registration window a year on at the same Danish time', () => {
    expect(proposedCopyInstant('2026-01-05T08:00:00.000Z')).toBe('2027-01-04T08:00:00.000Z');
    // Midnight Danish time stays midnight (summer time: 22.00Z the day before).
    expect(proposedCopyInstant('2027-06-06T22:00:00.000Z')).toBe('2028-06-04T22:00:00.000Z');
  });
});
