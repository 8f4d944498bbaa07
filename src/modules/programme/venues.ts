import type { Kysely } from 'kysely';
import type { DB } from '../../db/database.ts';
import type { SignedInAccount } from '../../web/account.ts';
import { accountById } from '../auth/service.ts';
import * as series from '../series/service.ts';
import { moveSessionsWithVenue, type ProgrammeDeps } from './service.ts';

// The venue pages' transactions: the series module writes and audits the venue; this says who did it and
// for which organiser.

const actorOf = (by: SignedInAccount) => ({ accountId: by.id, label: by.email });

export async function addVenue(
  db: Kysely<DB>,
  by: SignedInAccount,
  fields: series.VenueFields,
  now: Date,
): Promise<{ id: string }> {
  return db.transaction().execute(async (tx) => {
    // The organiser the staff account works for; the site's organiser when the account names none.
    const organiserId = (await accountById(tx, by.id))?.organiserId ?? (await series.siteOrganiserId(tx));
    if (!organiserId) throw new Error('no organiser to own the venue');
    return series.createVenue(tx, organiserId, fields, actorOf(by), now);
  });
}

/** The venue as a mail or calendar entry writes it. */
const addressOf = (v: Pick<series.VenueFields, 'name' | 'street' | 'postalCode' | 'city'>) =>
  `${v.name}, ${v.street}, ${v.postalCode} ${v.city}`;

/**
 * Saves a venue. When its name or address changed, the sessions held there that are not over move with it:
 * SEQUENCE + 1 and one mail each to their attendees, in the same transaction (`told`). Null: no such venue.
 */
export async function editVenue(
  deps: ProgrammeDeps,
  venueId: string,
  by: SignedInAccount,
  fields: series.VenueFields,
): Promise<{ id: string; told: number } | null> {
  const now = deps.clock.now();
  return deps.database.db.transaction().execute(async (tx) => {
    const before = await series.venueForEditing(tx, venueId);
    const saved = await series.updateVenue(tx, venueId, fields, actorOf(by), now);
    if (!saved || !before) return null;
    const moved = addressOf(before) !== addressOf(fields);
    const told = moved
      ? await moveSessionsWithVenue(tx, deps, { venueId, beforePlace: addressOf(before) }, actorOf(by), now)
      : 0;
    return { id: saved.id, told };
  });
}
