import type { Kysely } from 'kysely';
import type { DB } from '../../db/database.ts';
import type { SignedInAccount } from '../../web/account.ts';
import { accountById } from '../auth/service.ts';
import * as series from '../series/service.ts';

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

/** Null: no such venue. */
export async function editVenue(
  db: Kysely<DB>,
  venueId: string,
  by: SignedInAccount,
  fields: series.VenueFields,
  now: Date,
): Promise<{ id: string } | null> {
  return db.transaction().execute((tx) => series.updateVenue(tx, venueId, fields, actorOf(by), now));
}
