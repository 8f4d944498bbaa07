import type { Generated } from 'kysely';

// Uploaded files (decision 0013): one row per file, its bytes in chunks of `chunk_size` in `file_chunk`, in
// the database on both engines, so every instance serves every file. Files never change once stored.

export type TextStatus = 'pending' | 'done' | 'failed' | 'none';

export interface StoredFileTable {
  id: string;
  /** The original name as uploaded (NFC, no path), shown and sent in Content-Disposition. */
  name: string;
  /** Decided from the bytes, never from the name or the browser's claim. */
  content_type: string;
  size: number;
  /** Hex SHA-256 of the bytes as stored (after image metadata is stripped): the ETag. */
  sha256: string;
  chunk_size: number;
  created_at: string;
  /** The account that uploaded it; null for the demo seed. */
  created_by: string | null;
  text_status: Generated<TextStatus>;
  text_attempts: Generated<number>;
  text_locked_until: string | null;
  text_error: string | null;
  /** The text extracted for search (capped); null until extracted or when there is none. */
  text: string | null;
}

export interface FileChunkTable {
  file_id: string;
  n: number;
  bytes: Buffer;
}
