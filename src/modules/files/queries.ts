import type { Executor, Tx } from '../../db/database.ts';
import type { StoredFileTable, TextStatus } from './table.ts';

// All SQL of the files module: stored_file (one row per file) and file_chunk (its bytes).

export type StoredFileRow = Pick<
  StoredFileTable,
  | 'id'
  | 'name'
  | 'content_type'
  | 'size'
  | 'sha256'
  | 'chunk_size'
  | 'created_at'
  | 'created_by'
  | 'text_error'
> & { text_status: TextStatus; text_attempts: number };

const FILE_COLUMNS = [
  'id',
  'name',
  'content_type',
  'size',
  'sha256',
  'chunk_size',
  'created_at',
  'created_by',
  'text_status',
  'text_attempts',
  'text_error',
] as const;

export async function insertFileRow(
  tx: Tx,
  row: Omit<
    StoredFileTable,
    'text_attempts' | 'text_locked_until' | 'text_error' | 'text' | 'text_status'
  > & {
    text_status: TextStatus;
  },
): Promise<void> {
  await tx.insertInto('stored_file').values(row).execute();
}

export async function insertChunk(tx: Tx, fileId: string, n: number, bytes: Buffer): Promise<void> {
  await tx.insertInto('file_chunk').values({ file_id: fileId, n, bytes }).execute();
}

/** Chunks `from`..`to` (inclusive) of a file, in order. */
export async function chunksBetween(
  db: Executor,
  fileId: string,
  from: number,
  to: number,
): Promise<{ n: number; bytes: Buffer }[]> {
  return db
    .selectFrom('file_chunk')
    .select(['n', 'bytes'])
    .where('file_id', '=', fileId)
    .where('n', '>=', from)
    .where('n', '<=', to)
    .orderBy('n')
    .execute();
}

export async function chunkSizeOf(db: Executor, fileId: string): Promise<number | null> {
  const row = await db
    .selectFrom('stored_file')
    .select('chunk_size')
    .where('id', '=', fileId)
    .executeTakeFirst();
  return row?.chunk_size ?? null;
}

export async function fileRow(db: Executor, id: string): Promise<StoredFileRow | null> {
  const row = await db.selectFrom('stored_file').select(FILE_COLUMNS).where('id', '=', id).executeTakeFirst();
  return (row as StoredFileRow | undefined) ?? null;
}

export async function textOf(db: Executor, id: string): Promise<string | null> {
  const row = await db
    .selectFrom('stored_file')
    .select(['text', 'text_status'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.text_status === 'done' ? (row.text ?? null) : null;
}

/** Pending files whose lock has run out and that have had their attempts: given up. */
export async function giveUpExhausted(db: Executor, nowIso: string, maxAttempts: number): Promise<void> {
  await db
    .updateTable('stored_file')
    .set({ text_status: 'failed', text_error: 'attempts', text_locked_until: null })
    .where('text_status', '=', 'pending')
    .where('text_attempts', '>=', maxAttempts)
    .where((eb) => eb.or([eb('text_locked_until', 'is', null), eb('text_locked_until', '<', nowIso)]))
    .execute();
}

/** The oldest pending file that nobody holds, or null. */
export async function nextPendingId(db: Executor, nowIso: string): Promise<string | null> {
  const row = await db
    .selectFrom('stored_file')
    .select('id')
    .where('text_status', '=', 'pending')
    .where((eb) => eb.or([eb('text_locked_until', 'is', null), eb('text_locked_until', '<', nowIso)]))
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Takes a pending file for this instance until `lockedUntil`, counting the attempt. Guarded by the same
 * condition as nextPendingId, so of two instances that saw the same file exactly one gets it.
 */
export async function claimFile(
  db: Executor,
  id: string,
  nowIso: string,
  lockedUntil: string,
): Promise<boolean> {
  const result = await db
    .updateTable('stored_file')
    .set((eb) => ({ text_locked_until: lockedUntil, text_attempts: eb('text_attempts', '+', 1) }))
    .where('id', '=', id)
    .where('text_status', '=', 'pending')
    .where((eb) => eb.or([eb('text_locked_until', 'is', null), eb('text_locked_until', '<', nowIso)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function recordText(tx: Tx, id: string, text: string): Promise<void> {
  await tx
    .updateTable('stored_file')
    .set({ text, text_status: 'done', text_error: null, text_locked_until: null })
    .where('id', '=', id)
    .execute();
}

export async function recordNoText(
  db: Executor,
  id: string,
  status: 'failed' | 'none',
  error: string | null,
): Promise<void> {
  await db
    .updateTable('stored_file')
    .set({ text: null, text_status: status, text_error: error, text_locked_until: null })
    .where('id', '=', id)
    .execute();
}
