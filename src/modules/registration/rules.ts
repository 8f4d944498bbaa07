import type { RegistrationStatus } from './table.ts';

// Pure decisions about seats, the waitlist and seat offers. No I/O; time is passed in.
//
// Invariant kept by the service (always under the series lock):
//   confirmed + open offers ≤ capacity, and a free seat exists only while nobody is waitlisted.

export interface SeatRow {
  id: string;
  status: RegistrationStatus;
  /** Arrival order within the series: 1, 2, 3 … in the order registrations committed. */
  seq: number;
  offerExpiresAt: string | null;
}

export function isOpenOffer(row: Pick<SeatRow, 'status' | 'offerExpiresAt'>, now: Date): boolean {
  return (
    row.status === 'offered' && row.offerExpiresAt !== null && Date.parse(row.offerExpiresAt) > now.getTime()
  );
}

/** Held seats = confirmed + open (unexpired) offers. */
export function heldSeats(rows: readonly SeatRow[], now: Date): number {
  return rows.filter((r) => r.status === 'confirmed' || isOpenOffer(r, now)).length;
}

export function waitlist(rows: readonly SeatRow[]): SeatRow[] {
  return rows.filter((r) => r.status === 'waitlisted').sort((a, b) => a.seq - b.seq);
}

/** Position on the waitlist, 1 for the head; null when not waitlisted. */
export function waitlistPosition(rows: readonly SeatRow[], id: string): number | null {
  const index = waitlist(rows).findIndex((r) => r.id === id);
  return index === -1 ? null : index + 1;
}

/**
 * What a new registration becomes. A seat is free for a newcomer only when nobody waits for it: seats that
 * free up belong to the waitlist first.
 */
export function decideNewRegistration(
  rows: readonly SeatRow[],
  capacity: number,
  now: Date,
): 'confirmed' | 'waitlisted' {
  if (waitlist(rows).length > 0) return 'waitlisted';
  return heldSeats(rows, now) < capacity ? 'confirmed' : 'waitlisted';
}

export function nextSeq(rows: readonly SeatRow[]): number {
  return rows.reduce((max, r) => Math.max(max, r.seq), 0) + 1;
}

export type SeatChange = { kind: 'expire'; id: string } | { kind: 'offer'; id: string; expiresAt: string };

/**
 * Brings the seats up to date at `now`: offers whose deadline passed expire, and every free seat is offered
 * to the head of the waitlist, in arrival order. Returns the changes to write, in order.
 */
export function settleSeats(
  rows: readonly SeatRow[],
  capacity: number,
  now: Date,
  offerHours: number,
): SeatChange[] {
  const changes: SeatChange[] = [];
  const state = rows.map((r) => ({ ...r }));
  for (const r of state) {
    if (r.status === 'offered' && !isOpenOffer(r, now)) {
      r.status = 'expired';
      changes.push({ kind: 'expire', id: r.id });
    }
  }
  const expiresAt = new Date(now.getTime() + offerHours * 3_600_000).toISOString();
  let free = capacity - heldSeats(state, now);
  for (const r of waitlist(state)) {
    if (free <= 0) break;
    r.status = 'offered';
    r.offerExpiresAt = expiresAt;
    changes.push({ kind: 'offer', id: r.id, expiresAt });
    free -= 1;
  }
  return changes;
}

export type OfferAnswer = 'accept' | 'decline';

/** May this registration answer its offer now? An expired offer can no longer be accepted. */
export function canAnswerOffer(row: Pick<SeatRow, 'status' | 'offerExpiresAt'>, now: Date): boolean {
  return isOpenOffer(row, now);
}

/** Which registrations an organiser may cancel: anything that is not already over. */
export function canCancel(status: RegistrationStatus): boolean {
  return status === 'confirmed' || status === 'offered' || status === 'waitlisted';
}
