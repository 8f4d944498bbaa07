import { sql } from 'kysely';
import type { Database } from './database.ts';

/**
 * After data was erased on purpose: leaves no older copy of it in the database's own files where that can
 * be done cheaply. SQLite (secure_delete is on, see connect.ts) still has the pages as they were in its
 * write-ahead log until a checkpoint; a TRUNCATE checkpoint writes them back and empties the log. On
 * PostgreSQL the old row versions stay in the table's files until VACUUM reuses their space (autovacuum
 * does, in time); nothing here forces that, see docs/SECURITY.md.
 */
export async function scrubErased(database: Database): Promise<void> {
  if (database.dialect !== 'sqlite') return;
  await sql`pragma wal_checkpoint(TRUNCATE)`.execute(database.db);
}
