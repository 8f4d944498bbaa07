import { createReadStream } from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Executor, Tx } from '../../db/database.ts';
import { newId } from '../../shared/ids.ts';
import { sendFile as sendStoredFile } from './download.ts';
import { type ExtractLimits, extractPendingText as extractOne } from './extract.ts';
import { fileRow, insertFileRow, type StoredFileRow, textOf } from './queries.ts';
import { isAudio, isInline, textKind, type UploadRefusal } from './rules.ts';
import { fileStore } from './storage.ts';
import { readMultipartForm as readForm, receiveBytes, removeQuietly } from './upload.ts';

// The files module's door (decision 0013): uploads streamed and checked by their content, stored in the
// database in chunks so every instance serves every file, downloads with Range/ETag, and text extraction for
// search in a background job with limits. Everything another module needs is exported here.

export type { ExtractLimits } from './extract.ts';
export { filesMessages, uploadRefusalMessage } from './messages.ts';
/** Why an upload was refused; each has a Danish/English message next to the field (filesMessages). */
export type { UploadRefusal } from './rules.ts';
export { cleanFileName, contentDisposition } from './rules.ts';
export type { TextStatus } from './table.ts';
export { multipartLimits, registerMultipart } from './upload.ts';

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
export function readMultipartForm(
  request: FastifyRequest,
  reply: FastifyReply,
  options: { fileField: string; maxBytes: number },
): Promise<MultipartForm> {
  return readForm(request, reply, options);
}

/** Stores a received upload in the caller's transaction (row + chunks); text extraction is queued for PDF/DOCX. */
export async function storeUpload(
  tx: Tx,
  upload: ReceivedUpload,
  by: { accountId: string | null },
  now: Date,
): Promise<StoredFile> {
  const id = newId();
  const put = await fileStore.put(tx, id, createReadStream(upload.tempPath));
  const row = {
    id,
    name: upload.name,
    content_type: upload.contentType,
    size: put.size,
    sha256: put.sha256,
    chunk_size: put.chunkSize,
    created_at: now.toISOString(),
    created_by: by.accountId,
    text_status: textKind(upload.contentType) ? ('pending' as const) : ('none' as const),
  };
  await insertFileRow(tx, row);
  return toStoredFile({ ...row, text_attempts: 0, text_error: null });
}

/** Stores bytes made in the process (the demo's generated PDF), checked like an upload. */
export async function storeBytes(
  tx: Tx,
  file: { name: string; bytes: Buffer },
  by: { accountId: string | null },
  now: Date,
): Promise<StoredFile> {
  const received = await receiveBytes(file.name, file.bytes);
  try {
    if (!received.upload) throw new Error(`storeBytes: refused (${received.refusal}): ${file.name}`);
    return await storeUpload(tx, received.upload, by, now);
  } finally {
    await removeQuietly(received.tempPath);
  }
}

export async function fileById(db: Executor, id: string): Promise<StoredFile | null> {
  const row = await fileRow(db, id);
  return row ? toStoredFile(row) : null;
}

/**
 * Sends a stored file: Content-Type, Content-Disposition (inline for PDF/audio/images, attachment otherwise;
 * the name ASCII-folded in `filename` and exact in `filename*`), Content-Length, Accept-Ranges, one Range
 * (206, 416), ETag (sha256) with If-None-Match (304), `private, no-cache`, nosniff, a sandboxing CSP.
 */
export function sendFile(
  db: Executor,
  request: FastifyRequest,
  reply: FastifyReply,
  file: StoredFile,
): Promise<FastifyReply> {
  return sendStoredFile(db, request, reply, file);
}

/**
 * One round of the text-extraction job: claims a pending file (locked for a while, so instances share the
 * work), extracts its text in a worker thread with limits on size, time and memory, and in one transaction
 * records it and calls `onText(tx, fileId, text)` (the materials module re-indexes what uses the file).
 * Returns how many files it finished (0: nothing waiting).
 */
export function extractPendingText(
  db: Executor,
  now: () => Date,
  onText: (tx: Tx, fileId: string, text: string) => Promise<void>,
  limits: Partial<ExtractLimits> = {},
): Promise<number> {
  return extractOne(db, now, onText, limits);
}

/** The extracted text of a file (null: none, or not yet). */
export function fileText(db: Executor, fileId: string): Promise<string | null> {
  return textOf(db, fileId);
}

function toStoredFile(row: StoredFileRow): StoredFile {
  return {
    id: row.id,
    name: row.name,
    contentType: row.content_type,
    size: row.size,
    sha256: row.sha256,
    createdAt: row.created_at,
    inline: isInline(row.content_type),
    audio: isAudio(row.content_type),
    textStatus: row.text_status,
  };
}
