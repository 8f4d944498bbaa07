import { sql } from 'kysely';
import type { Dialect, Tx } from './database.ts';

/**
 * Locks one series row for the rest of the transaction, so every seat decision for that series happens
 * one at a time, in commit order. On SQLite the whole transaction already holds the write lock
 * (BEGIN IMMEDIATE, see connect.ts); on PostgreSQL this is SELECT … FOR UPDATE.
 * Returns false when the series does not exist.
 */
export async function lockSeries(tx: Tx, dialect: Dialect, seriesId: string): Promise<boolean> {
  if (dialect === 'postgres') {
    const result = await sql<{ id: string }>`select id from series where id = ${seriesId} for update`.execute(
      tx,
    );
    return result.rows.length === 1;
  }
  const row = await tx.selectFrom('series').select('id').where('id', '=', seriesId).executeTakeFirst();
  return row !== undefined;
}
