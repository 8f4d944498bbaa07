import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Executor, Tx } from '../../db/database.ts';

// The files module's door (decision 0013): uploads streamed and checked by their content, stored in the
// database in chunks so every instance serves every file, downloads with Range/ETag, and text extraction for
// search in a background job with limits. CONTRACT — the files helper implements every function below.

export type { TextStatus } from './table.ts';

/** Why an upload was refused; each has a Danish/English message next to the field (filesMessages). */
export type UploadRefusal = 'too-large' | 'type' | 'macro' | 'empty' | 'broken';

/** A file received and checked, waiting on disk (a temp file) to be stored in the caller's transaction. */
export interface ReceivedUpload {
  tempPath: string;
  /** The original name (NFC, no directory part, control characters removed, at most 200 characters). */
  name: string;
  size: number;
  /** Decided from the bytes. */
  contentType: string;
}

/** A multipart form: its text fields, and the file field's upload (or why it was refused, or nothing sent). */
export interface MultipartForm {
  fields: Record<string, string>;
  upload: ReceivedUpload | null;
  refusal: UploadRefusal | null;
  /** Removes the temp file; call in `finally`. */
  cleanup(): Promise<void>;
}

export interface StoredFile {
  id: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  createdAt: string;
  /** PDF, audio and images are shown in the browser; everything else is always a download. */
  inline: boolean;
  /** audio/* — plays in the page. */
  audio: boolean;
  textStatus: 'pending' | 'done' | 'failed' | 'none';
}

/**
 * Reads a multipart/form-data POST as a stream. The form's first field must be `_csrf` (the route sets
 * `config: { multipart: true }`, which makes the app's CSRF preHandler leave the check to this function);
 * a missing or wrong token throws AppError('forbidden', 'csrf') before any file byte is read. The file field
 * `fileField` is streamed to a temp file with the size limit (`maxBytes`), its type decided by its content
 * (allow-list), macros refused, image metadata stripped.
 */
export declare function readMultipartForm(
  request: FastifyRequest,
  reply: FastifyReply,
  options: { fileField: string; maxBytes: number },
): Promise<MultipartForm>;

/** Stores a received upload in the caller's transaction (row + chunks); text extraction is queued for PDF/DOCX. */
export declare function storeUpload(
  tx: Tx,
  upload: ReceivedUpload,
  by: { accountId: string | null },
  now: Date,
): Promise<StoredFile>;

/** Stores bytes made in the process (the demo's generated PDF), checked like an upload. */
export declare function storeBytes(
  tx: Tx,
  file: { name: string; bytes: Buffer },
  by: { accountId: string | null },
  now: Date,
): Promise<StoredFile>;

export declare function fileById(db: Executor, id: string): Promise<StoredFile | null>;

/**
 * Sends a stored file: Content-Type, Content-Disposition (inline for PDF/audio/images, attachment otherwise;
 * the name ASCII-folded in `filename` and exact in `filename*`), Content-Length, Accept-Ranges, one Range
 * (206, 416), ETag (sha256) with If-None-Match (304), `private, no-cache`, nosniff, a sandboxing CSP.
 */
export declare function sendFile(
  db: Executor,
  request: FastifyRequest,
  reply: FastifyReply,
  file: StoredFile,
): Promise<FastifyReply>;

/**
 * One round of the text-extraction job: claims a pending file (locked for a while, so instances share the
 * work), extracts its text in a worker thread with limits on size, time and memory, and in one transaction
 * records it and calls `onText(tx, fileId, text)` (the materials module re-indexes what uses the file).
 * Returns how many files it finished (0: nothing waiting).
 */
export declare function extractPendingText(
  db: Executor,
  now: () => Date,
  onText: (tx: Tx, fileId: string, text: string) => Promise<void>,
): Promise<number>;

/** The extracted text of a file (null: none, or not yet). */
export declare function fileText(db: Executor, fileId: string): Promise<string | null>;
