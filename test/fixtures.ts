import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../src/db/database.ts';
import type { RegistrationStatus, RegistrationTable } from '../src/modules/registration/table.ts';
import type { SeriesStatus } from '../src/modules/series/table.ts';
import { newId } from '../src/shared/ids.ts';
import { TEST_NOW } from './db.ts';

// Setup writes for tests, through Kysely and the tables' own types.

export const SLUG_2021 = 'beskaeftigelsesfaglig-masterclass-2021';
export const SLUG_2027 = 'beskaeftigelsesfaglig-masterclass-2027';

export async function seriesIdOf(db: Kysely<DB>, slug: string): Promise<string> {
  const row = await db.selectFrom('series').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
  return row.id;
}

/** The ids of a series' sessions, in the programme's order (by ordinal). */
export async function sessionIdsOf(db: Kysely<DB>, seriesId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('session')
    .select('id')
    .where('series_id', '=', seriesId)
    .orderBy('ordinal')
    .execute();
  return rows.map((s) => s.id);
}

/** One registration per status given, all on the same series. */
export async function addRegistrations(
  db: Kysely<DB>,
  seriesId: string,
  statuses: readonly RegistrationStatus[],
): Promise<void> {
  if (statuses.length === 0) return;
  const at = TEST_NOW.toISOString();
  const rows: Insertable<RegistrationTable>[] = statuses.map((status) => {
    const id = newId();
    // Each needs its own address (unique per series) and arrival number; seat counts need no buyer or attendee.
    return {
      id,
      series_id: seriesId,
      status,
      attendee_email: `${id}@example.dk`,
      // Confirmed by mail: the rows stand for people who did (awaiting ones are made through register()).
      verified_at: status === 'reserved' ? null : at,
      awaiting_until:
        status === 'reserved' ? new Date(TEST_NOW.getTime() + 24 * 3600_000).toISOString() : null,
      created_at: at,
      updated_at: at,
    };
  });
  await db.insertInto('registration').values(rows).execute();
}

export async function clearRegistrations(db: Kysely<DB>): Promise<void> {
  // Invoices refer to registrations (a test may throw away what production keeps for five years).
  await db.deleteFrom('invoice').execute();
  await db.deleteFrom('invoice_sequence').execute();
  await db.deleteFrom('registration_confirmation').execute();
  await db.deleteFrom('buyer').execute();
  await db.deleteFrom('attendee').execute();
  await db.deleteFrom('registration').execute();
}

/** What an edit through the app would do: change a field and bump the version that cached pages check. */
export async function setSeriesStatus(db: Kysely<DB>, slug: string, status: SeriesStatus): Promise<void> {
  await db
    .updateTable('series')
    .set((eb) => ({ status, version: eb('version', '+', 1) }))
    .where('slug', '=', slug)
    .execute();
}

export async function bumpVersion(db: Kysely<DB>, seriesId: string): Promise<void> {
  await db
    .updateTable('series')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', seriesId)
    .execute();
}

export function times<T>(n: number, value: T): T[] {
  return Array.from({ length: n }, () => value);
}
