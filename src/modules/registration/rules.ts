import type { RegistrationStatus } from './table.ts';

// Pure decisions about seats, the waitlist and seat offers. No I/O; time is passed in.
//
// Invariant kept by the service (always under the series lock):
//   confirmed + reserved (awaiting confirmation) + open offers ≤ capacity, and a free seat exists only
//   while nobody who has confirmed is waitlisted.

export interface SeatRow {
  id: string;
  status: RegistrationStatus;
  /** Arrival order within the series: 1, 2, 3 … in the order registrations committed. */
  seq: number;
  offerExpiresAt: string | null;
  /** Deadline for confirming by mail; null once confirmed (or for rows from before confirmation existed). */
  awaitingUntil: string | null;
  /** Confirmed by mail (by the participant or the invoice contact). */
  verified: boolean;
}

/** A registration that awaits confirmation by mail and whose deadline has passed. */
export function isLapsedAwaiting(
  row: Pick<SeatRow, 'status' | 'awaitingUntil' | 'verified'>,
  now: Date,
): boolean {
  return (
    !row.verified &&
    (row.status === 'reserved' || row.status === 'waitlisted') &&
    row.awaitingUntil !== null &&
    Date.parse(row.awaitingUntil) <= now.getTime()
  );
}

/** Until when a new registration holds its place without being confirmed. */
export function awaitingUntil(now: Date, confirmHours: number): string {
  return new Date(now.getTime() + confirmHours * 3_600_000).toISOString();
}

export function isOpenOffer(row: Pick<SeatRow, 'status' | 'offerExpiresAt'>, now: Date): boolean {
  return (
    row.status === 'offered' && row.offerExpiresAt !== null && Date.parse(row.offerExpiresAt) > now.getTime()
  );
}

/** Taken seats = confirmed + reserved until their confirmation deadline + open (unexpired) offers. */
export function takenSeats(rows: readonly SeatRow[], now: Date): number {
  return rows.filter(
    (r) =>
      r.status === 'confirmed' ||
      (r.status === 'reserved' && !isLapsedAwaiting(r, now)) ||
      isOpenOffer(r, now),
  ).length;
}

/** Everyone in line whose place still stands (confirmed, or awaiting confirmation within its deadline). */
export function waitlist(rows: readonly SeatRow[], now?: Date): SeatRow[] {
  return rows
    .filter((r) => r.status === 'waitlisted' && (now === undefined || !isLapsedAwaiting(r, now)))
    .sort((a, b) => a.seq - b.seq);
}

/** Position on the waitlist, 1 for the head; null when not waitlisted. */
export function waitlistPosition(rows: readonly SeatRow[], id: string): number | null {
  const index = waitlist(rows).findIndex((r) => r.id === id);
  return index === -1 ? null : index + 1;
}

/**
 * What a new registration becomes until it is confirmed: a reserved seat or a place in line. A seat is free
 * for a newcomer only when nobody waits for it: seats that free up belong to the waitlist first.
 */
export function decideNewRegistration(
  rows: readonly SeatRow[],
  capacity: number,
  now: Date,
): 'reserved' | 'waitlisted' {
  if (waitlist(rows, now).length > 0) return 'waitlisted';
  return takenSeats(rows, now) < capacity ? 'reserved' : 'waitlisted';
}

export function nextSeq(rows: readonly SeatRow[]): number {
  return rows.reduce((max, r) => Math.max(max, r.seq), 0) + 1;
}

export type SeatChange =
  | { kind: 'expire'; id: string }
  | { kind: 'lapse'; id: string }
  | { kind: 'offer'; id: string; expiresAt: string };

/**
 * Brings the seats up to date at `now`: registrations not confirmed in time lapse (their place goes),
 * offers whose deadline passed expire, and every free seat is offered to the head of the waitlist among
 * those who have confirmed, in arrival order. Returns the changes to write, in order.
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
    if (isLapsedAwaiting(r, now)) {
      r.status = 'expired';
      changes.push({ kind: 'lapse', id: r.id });
    } else if (r.status === 'offered' && !isOpenOffer(r, now)) {
      r.status = 'expired';
      changes.push({ kind: 'expire', id: r.id });
    }
  }
  const expiresAt = new Date(now.getTime() + offerHours * 3_600_000).toISOString();
  let free = capacity - takenSeats(state, now);
  for (const r of waitlist(state, now)) {
    if (free <= 0) break;
    // A seat is offered only to someone who has confirmed their registration; the others keep their place
    // in line until they confirm or their deadline passes.
    if (!r.verified) continue;
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
  return status === 'confirmed' || status === 'reserved' || status === 'offered' || status === 'waitlisted';
}

/** What confirming by mail does to a registration in this state, at `now`. */
export function confirmationEffect(
  row: Pick<SeatRow, 'status' | 'awaitingUntil' | 'verified'>,
  now: Date,
): 'bind-seat' | 'join-line' | 'already-confirmed' | 'too-late' {
  if (row.verified) return 'already-confirmed';
  if (isLapsedAwaiting(row, now)) return 'too-late';
  if (row.status === 'reserved') return 'bind-seat';
  if (row.status === 'waitlisted') return 'join-line';
  return 'too-late';
}

/** Wrong codes one confirmation survives; after that its code is dead (its link still works). */
export const MAX_CONFIRM_CODE_ATTEMPTS = 5;

/** The catalogue key that names a registration's state for people (the status alone hides "unconfirmed"). */
export function statusKey(r: {
  status: RegistrationStatus;
  verified: boolean;
}): `status.${RegistrationStatus}` | 'status.awaitingLine' | 'status.unconfirmed' {
  if (!r.verified && r.status === 'waitlisted') return 'status.awaitingLine';
  if (!r.verified && r.status === 'expired') return 'status.unconfirmed';
  return `status.${r.status}`;
}
