import type { Executor } from '../../db/database.ts';
import { seriesRefs } from '../series/service.ts';
import * as q from './queries.ts';
import { isLapsedAwaiting, isOpenOffer } from './rules.ts';

// A person's registrations as the people module needs them (decision 0008): which series they are a
// participant of, and where they stand in the others. A read only: a lapsed place or an expired offer is
// left out here, and settled by the registration module's own reads and job.

/** Where a person stands in one series. `awaiting`: a place held until it is confirmed from the mail. */
export type PersonRegistrationStatus = 'awaiting' | 'waitlisted' | 'offered' | 'confirmed';

export interface PersonRegistration {
  registrationId: string;
  seriesId: string;
  seriesSlug: string;
  status: PersonRegistrationStatus;
  /** Place in line, 1 for the head, for a waitlisted registration (confirmed by mail or not). */
  position: number | null;
  /** Until when an unconfirmed place is held; null once confirmed by mail. */
  awaitingUntil: string | null;
}

const RANK: Record<PersonRegistrationStatus, number> = {
  confirmed: 0,
  offered: 1,
  waitlisted: 2,
  awaiting: 3,
};

/**
 * The live registrations of an account (and the unconfirmed ones made with its address), one per series:
 * the one that stands highest (confirmed, then an open offer, then the line, then awaiting).
 */
export async function registrationsOfPerson(
  db: Executor,
  person: { accountId: string; email: string },
  now: Date,
): Promise<PersonRegistration[]> {
  const rows = await q.ofAccount(db, { id: person.accountId, email: person.email.toLowerCase() });
  const slugs = new Map(
    (await seriesRefs(db, [...new Set(rows.map((r) => r.series_id))])).map((s) => [s.id, s.slug]),
  );
  const best = new Map<string, PersonRegistration>();
  for (const r of rows) {
    const verified = r.verified_at !== null;
    const seat = {
      status: r.status,
      awaitingUntil: r.awaiting_until,
      verified,
      offerExpiresAt: r.offer_expires_at,
    };
    if (isLapsedAwaiting(seat, now)) continue;
    let status: PersonRegistrationStatus;
    if (r.status === 'confirmed') status = 'confirmed';
    else if (r.status === 'offered') {
      if (!isOpenOffer(seat, now)) continue;
      status = 'offered';
    } else if (r.status === 'reserved' && !verified) status = 'awaiting';
    else if (r.status === 'waitlisted') status = verified ? 'waitlisted' : 'awaiting';
    else continue;
    const found: PersonRegistration = {
      registrationId: r.id,
      seriesId: r.series_id,
      seriesSlug: slugs.get(r.series_id) ?? '',
      status,
      position: r.status === 'waitlisted' ? await q.positionOf(db, r.series_id, r.seq) : null,
      awaitingUntil: verified ? null : r.awaiting_until,
    };
    const held = best.get(r.series_id);
    if (!held || RANK[status] < RANK[held.status]) best.set(r.series_id, found);
  }
  return [...best.values()];
}
