import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Executor, Tx } from '../../db/database.ts';
import { chunkSizeOf, chunksBetween, insertChunk } from './queries.ts';

// Where a file's bytes live (decision 0013): in the database, in chunks of 256 KiB (`file_chunk`), on both
// engines, so every instance serves every file and a file's row and its bytes commit together. One
// implementation; the interface keeps the rest of the module from knowing.

export const CHUNK_SIZE = 256 * 1024;

/** A byte range, both ends included (as in HTTP). */
export interface ByteRange {
  start: number;
  end: number;
}

export interface PutResult {
  size: number;
  sha256: string;
  chunkSize: number;
}

export interface FileStore {
  /** Writes the bytes of `source` as `fileId`'s, in the caller's transaction. */
  put(tx: Tx, fileId: string, source: Readable): Promise<PutResult>;
  /** The bytes of a stored file (all, or `range`), chunk by chunk, never the whole file at once. */
  read(db: Executor, fileId: string, range?: ByteRange): AsyncIterable<Buffer>;
}

/** How many chunks one read query fetches (1 MiB with the default chunk size). */
const CHUNKS_PER_QUERY = 4;

export function chunkStore(chunkSize = CHUNK_SIZE): FileStore {
  return {
    async put(tx, fileId, source) {
      const hash = createHash('sha256');
      let size = 0;
      let n = 0;
      let pending: Buffer[] = [];
      let pendingLength = 0;
      const flush = async (all: boolean) => {
        while (pendingLength >= chunkSize || (all && pendingLength > 0)) {
          const joined = Buffer.concat(pending, pendingLength);
          const take = Math.min(chunkSize, joined.length);
          await insertChunk(tx, fileId, n++, joined.subarray(0, take));
          const rest = joined.subarray(take);
          pending = rest.length > 0 ? [rest] : [];
          pendingLength = rest.length;
        }
      };
      for await (const piece of source) {
        const buffer = Buffer.isBuffer(piece) ? piece : Buffer.from(piece as Uint8Array);
        hash.update(buffer);
        size += buffer.length;
        pending.push(buffer);
        pendingLength += buffer.length;
        if (pendingLength >= chunkSize) await flush(false);
      }
      await flush(true);
      return { size, sha256: hash.digest('hex'), chunkSize };
    },

    async *read(db, fileId, range) {
      // A range needs the file's own chunk size (files keep the one they were stored with).
      const storedChunkSize = range ? ((await chunkSizeOf(db, fileId)) ?? chunkSize) : chunkSize;
      const first = range ? Math.floor(range.start / storedChunkSize) : 0;
      const last = range ? Math.floor(range.end / storedChunkSize) : Number.MAX_SAFE_INTEGER;
      for (let from = first; from <= last; from += CHUNKS_PER_QUERY) {
        const to = Math.min(last, from + CHUNKS_PER_QUERY - 1);
        const rows = await chunksBetween(db, fileId, from, to);
        for (const row of rows) {
          const bytes = Buffer.isBuffer(row.bytes) ? row.bytes : Buffer.from(row.bytes);
          if (!range) {
            yield bytes;
            continue;
          }
          const offset = row.n * storedChunkSize;
          const start = Math.max(0, range.start - offset);
          const end = Math.min(bytes.length, range.end - offset + 1);
          if (end > start) yield bytes.subarray(start, end);
        }
        if (rows.length < to - from + 1) return; // past the last chunk
      }
    },
  };
}

export const fileStore: FileStore = chunkStore();
