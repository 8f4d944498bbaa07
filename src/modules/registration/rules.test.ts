import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  confirmationEffect,
  decideNewRegistration,
  isLapsedAwaiting,
  isOpenOffer,
  nextSeq,
  type SeatRow,
  settleSeats,
  statusKey,
  takenSeats,
  waitlist,
  waitlistPosition,
} from './rules.ts';

const T0 = Date.parse('2027-01-10T10:00:00.000Z');
const HOURS = 48;

/** A small in-memory series that applies the rules exactly as the service does under its lock. */
class Model {
  rows: SeatRow[] = [];
  /** Every status change ever made, to check that offers go out in arrival order. */
  offered: number[] = [];
  constructor(readonly capacity: number) {}

  settle(now: Date) {
    for (const change of settleSeats(this.rows, this.capacity, now, HOURS)) {
      const row = this.rows.find((r) => r.id === change.id);
      if (!row) throw new Error('unknown row');
      if (change.kind === 'expire' || change.kind === 'lapse') row.status = 'expired';
      else {
        row.status = 'offered';
        row.offerExpiresAt = change.expiresAt;
        this.offered.push(row.seq);
      }
    }
  }

  register(now: Date) {
    this.settle(now);
    const seq = nextSeq(this.rows);
    // Registered and confirmed at once: a reserved seat becomes binding.
    const decided = decideNewRegistration(this.rows, this.capacity, now);
    const status = decided === 'reserved' ? 'confirmed' : 'waitlisted';
    this.rows.push({ id: `r${seq}`, seq, status, offerExpiresAt: null, awaitingUntil: null, verified: true });
  }

  cancel(index: number, now: Date) {
    const live = this.rows.filter((r) => ['confirmed', 'offered', 'waitlisted'].includes(r.status));
    const row = live[index % Math.max(1, live.length)];
    if (!row) return;
    row.status = 'cancelled';
    this.settle(now);
  }

  answer(index: number, accept: boolean, now: Date) {
    this.settle(now);
    const offers = this.rows.filter((r) => isOpenOffer(r, now));
    const row = offers[index % Math.max(1, offers.length)];
    if (!row) return;
    row.status = accept ? 'confirmed' : 'declined';
    this.settle(now);
  }
}

const op = fc.oneof(
  fc.record({ kind: fc.constant('register' as const) }),
  fc.record({ kind: fc.constant('cancel' as const), index: fc.nat(50) }),
  fc.record({ kind: fc.constant('answer' as const), index: fc.nat(50), accept: fc.boolean() }),
  fc.record({ kind: fc.constant('wait' as const), hours: fc.integer({ min: 1, max: 100 }) }),
);

describe('seats and waitlist (model-based)', () => {
  it('never holds more than capacity, keeps a gapless FIFO waitlist, and offers freed seats in arrival order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(op, { maxLength: 80 }), (capacity, ops) => {
        const m = new Model(capacity);
        let t = T0;
        for (const o of ops) {
          const now = new Date(t);
          if (o.kind === 'register') m.register(now);
          else if (o.kind === 'cancel') m.cancel(o.index, now);
          else if (o.kind === 'answer') m.answer(o.index, o.accept, now);
          else {
            t += o.hours * 3_600_000;
            m.settle(new Date(t));
          }
          const at = new Date(t);
          // 1. Never more seats taken than there are.
          expect(takenSeats(m.rows, at)).toBeLessThanOrEqual(capacity);
          // 2. A free seat and a waiting person never exist at once after settling.
          const line = waitlist(m.rows);
          if (line.length > 0) expect(takenSeats(m.rows, at)).toBe(capacity);
          // 3. Positions are 1..n without gaps, in arrival order.
          expect(line.map((r) => waitlistPosition(m.rows, r.id))).toEqual(line.map((_, i) => i + 1));
          expect(line.map((r) => r.seq)).toEqual([...line.map((r) => r.seq)].sort((a, b) => a - b));
        }
        // 4. Offers went out in arrival order: nobody was offered a seat before someone who came earlier
        //    and was still waiting — so the offered seqs never decrease.
        expect(m.offered).toEqual([...m.offered].sort((a, b) => a - b));
        // 5. Arrival numbers are unique and gapless.
        expect(m.rows.map((r) => r.seq)).toEqual(m.rows.map((_, i) => i + 1));
      }),
    );
  });

  it('confirms exactly the first `capacity` registrations and waitlists the rest in order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 100 }), (capacity, n) => {
        const m = new Model(capacity);
        for (let i = 0; i < n; i++) m.register(new Date(T0));
        const confirmed = m.rows.filter((r) => r.status === 'confirmed').map((r) => r.seq);
        expect(confirmed).toEqual(Array.from({ length: Math.min(n, capacity) }, (_, i) => i + 1));
        expect(waitlist(m.rows).length).toBe(Math.max(0, n - capacity));
      }),
    );
  });
});

const CONFIRMED = { awaitingUntil: null, verified: true } as const;

describe('offers', () => {
  const now = new Date(T0);
  const rows: SeatRow[] = [
    { id: 'a', seq: 1, status: 'confirmed', offerExpiresAt: null, ...CONFIRMED },
    {
      id: 'b',
      seq: 2,
      status: 'offered',
      offerExpiresAt: new Date(T0 + 1000).toISOString(),
      ...CONFIRMED,
    },
    { id: 'c', seq: 3, status: 'waitlisted', offerExpiresAt: null, ...CONFIRMED },
    { id: 'd', seq: 4, status: 'waitlisted', offerExpiresAt: null, ...CONFIRMED },
  ];

  it('holds a seat for an open offer until its deadline, then passes it to the next in line', () => {
    expect(takenSeats(rows, now)).toBe(2);
    expect(settleSeats(rows, 2, now, HOURS)).toEqual([]);
    const later = new Date(T0 + 1000);
    expect(isOpenOffer(rows[1] as SeatRow, later)).toBe(false);
    expect(settleSeats(rows, 2, later, HOURS)).toEqual([
      { kind: 'expire', id: 'b' },
      { kind: 'offer', id: 'c', expiresAt: new Date(T0 + 1000 + HOURS * 3_600_000).toISOString() },
    ]);
  });

  it('sends a newcomer to the waitlist while anyone is waiting, even if a seat is momentarily free', () => {
    expect(decideNewRegistration(rows, 5, now)).toBe('waitlisted');
    expect(decideNewRegistration(rows.slice(0, 2), 5, now)).toBe('reserved');
    expect(decideNewRegistration(rows.slice(0, 2), 2, now)).toBe('waitlisted');
  });
});

describe('registrations awaiting confirmation', () => {
  const now = new Date(T0);
  const until = new Date(T0 + 24 * 3_600_000).toISOString();
  const awaiting = { awaitingUntil: until, verified: false } as const;
  const row = (
    id: string,
    seq: number,
    status: SeatRow['status'],
    extra: Partial<SeatRow> = {},
  ): SeatRow => ({
    id,
    seq,
    status,
    offerExpiresAt: null,
    ...CONFIRMED,
    ...extra,
  });

  it('holds a reserved seat until its deadline, then lets it lapse and offers it to the next who confirmed', () => {
    const rows = [row('a', 1, 'reserved', awaiting), row('b', 2, 'waitlisted')];
    expect(takenSeats(rows, now)).toBe(1);
    expect(decideNewRegistration(rows, 1, now)).toBe('waitlisted');
    expect(settleSeats(rows, 1, now, HOURS)).toEqual([]);
    const later = new Date(Date.parse(until));
    expect(isLapsedAwaiting(rows[0] as SeatRow, later)).toBe(true);
    expect(takenSeats(rows, later)).toBe(0);
    expect(settleSeats(rows, 1, later, HOURS)).toEqual([
      { kind: 'lapse', id: 'a' },
      { kind: 'offer', id: 'b', expiresAt: new Date(later.getTime() + HOURS * 3_600_000).toISOString() },
    ]);
  });

  it('offers a free seat only to people in line who have confirmed, in arrival order', () => {
    const rows = [row('a', 1, 'waitlisted', awaiting), row('b', 2, 'waitlisted'), row('c', 3, 'waitlisted')];
    const changes = settleSeats(rows, 1, now, HOURS);
    expect(changes.map((c) => [c.kind, c.id])).toEqual([['offer', 'b']]);
  });

  it('queues a newcomer behind someone unconfirmed in line, even with a seat free', () => {
    const rows = [row('a', 1, 'waitlisted', awaiting)];
    expect(decideNewRegistration(rows, 5, now)).toBe('waitlisted');
    // Once that place has lapsed, nobody waits and the seat is the newcomer's.
    expect(decideNewRegistration(rows, 5, new Date(Date.parse(until)))).toBe('reserved');
  });

  it('lapses an unconfirmed place in line at its deadline', () => {
    const rows = [row('a', 1, 'waitlisted', awaiting)];
    expect(settleSeats(rows, 0, new Date(Date.parse(until) + 1), HOURS)).toEqual([
      { kind: 'lapse', id: 'a' },
    ]);
  });

  it('says what confirming does in each state', () => {
    expect(confirmationEffect({ status: 'reserved', ...awaiting }, now)).toBe('bind-seat');
    expect(confirmationEffect({ status: 'waitlisted', ...awaiting }, now)).toBe('join-line');
    expect(confirmationEffect({ status: 'confirmed', ...CONFIRMED }, now)).toBe('already-confirmed');
    expect(confirmationEffect({ status: 'reserved', ...awaiting }, new Date(Date.parse(until)))).toBe(
      'too-late',
    );
    expect(confirmationEffect({ status: 'cancelled', ...awaiting }, now)).toBe('too-late');
    expect(confirmationEffect({ status: 'expired', ...awaiting }, now)).toBe('too-late');
  });

  it('names an unconfirmed place in line and a lapsed registration apart from offers', () => {
    expect(statusKey({ status: 'waitlisted', verified: false })).toBe('status.awaitingLine');
    expect(statusKey({ status: 'waitlisted', verified: true })).toBe('status.waitlisted');
    expect(statusKey({ status: 'expired', verified: false })).toBe('status.unconfirmed');
    expect(statusKey({ status: 'expired', verified: true })).toBe('status.expired');
    expect(statusKey({ status: 'reserved', verified: false })).toBe('status.reserved');
  });
});
