import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import { errorCodes, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { fileTypeFromFile } from 'file-type';
import { AppError } from '../../shared/errors.ts';
import { checkCsrfToken } from '../../web/csrf.ts';
import { fieldsWithNul } from '../../web/form-guard.ts';
import { audioOnlyType } from './media.ts';
import { BrokenImage, stripMetadata } from './metadata.ts';
import { cleanFileName, decideType, IMAGE_TYPES, needsZipEntries, type UploadRefusal } from './rules.ts';
import type { MultipartForm, ReceivedUpload } from './service.ts';
import { BrokenZip, zipEntryNames } from './zip.ts';

// Uploads: the multipart form read as a stream, the file written to a temp file with the size limit, then
// judged by its bytes (file-type), Office documents by the names in their zip, images stripped of metadata.
// Nothing is kept in memory but one image being stripped.

/** The limits of every multipart form; a route's readMultipartForm passes its own `maxBytes` for the file. */
export function multipartLimits(maxBytes: number) {
  return { fields: 50, fieldSize: 100 * 1024, files: 1, fileSize: maxBytes, parts: 52, headerPairs: 100 };
}

/** @fastify/multipart as the app registers it: streamed (no attachFieldsToBody), with these limits. */
export async function registerMultipart(app: FastifyInstance, maxBytes: number): Promise<void> {
  // Browsers send a file's name as raw UTF-8 ("Æblegrød.pdf"); busboy (which gets these options) would read
  // it as Latin-1 without defParamCharset, which the plugin's types do not list.
  const options = { limits: multipartLimits(maxBytes), throwFileSizeLimit: false, defParamCharset: 'utf8' };
  await app.register(multipart, options as Parameters<typeof multipart>[1]);
  // Only a route that reads multipart forms takes them; everywhere else multipart stays what it was before
  // uploads existed: an unsupported media type (415), refused before any hook that reads the body.
  app.addHook('preValidation', async (request) => {
    if (request.isMultipart() && request.routeOptions.config?.multipart !== true) {
      throw new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(String(request.headers['content-type'] ?? ''));
    }
  });
}

/** A new temp file's path (os.tmpdir()/holdet-upload-<uuid>); nothing is created yet. */
export function tempUploadPath(): string {
  return join(tmpdir(), `holdet-upload-${randomUUID()}`);
}

export async function removeQuietly(path: string | null): Promise<void> {
  if (path) await rm(path, { force: true });
}

export type Inspection =
  | { ok: true; contentType: string; size: number }
  | { ok: false; refusal: UploadRefusal };

/**
 * Judges a file on disk by its bytes: empty, an accepted type, a macro, broken. An accepted image is
 * rewritten in place without its metadata (so `size` is the size after).
 */
export async function inspectFile(path: string): Promise<Inspection> {
  const { size } = await stat(path);
  if (size === 0) return { ok: false, refusal: 'empty' };
  let detected: string | undefined;
  try {
    detected = (await fileTypeFromFile(path))?.mime;
  } catch {
    return { ok: false, refusal: 'broken' };
  }
  if (detected === 'video/mp4' || detected === 'video/webm') {
    // An audio recording in a video container (M4A as isom/mp42, a browser's WebM recording): sound only?
    detected = (await audioOnlyType(path, detected)) ?? detected;
  }
  let entries: string[] = [];
  if (needsZipEntries(detected)) {
    try {
      entries = await zipEntryNames(path);
    } catch (error) {
      if (error instanceof BrokenZip) return { ok: false, refusal: 'broken' };
      throw error;
    }
  }
  const decision = decideType(detected, entries);
  if (!decision.ok) return decision;
  if (!IMAGE_TYPES.has(decision.contentType)) return { ok: true, contentType: decision.contentType, size };
  try {
    const stripped = stripMetadata(decision.contentType, await readFile(path));
    await writeFile(path, stripped);
    return { ok: true, contentType: decision.contentType, size: stripped.length };
  } catch (error) {
    if (error instanceof BrokenImage) return { ok: false, refusal: 'broken' };
    throw error;
  }
}

/** A urlencoded body's fields as strings (a repeated field: its last value). */
function stringFields(body: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!body || typeof body !== 'object') return fields;
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (typeof last === 'string') fields[name] = last;
  }
  return fields;
}

const noCleanup = async () => {};

interface MultipartPart {
  type: 'field' | 'file';
  fieldname: string;
  value?: unknown;
  valueTruncated?: boolean;
  filename?: string;
  file?: NodeJS.ReadableStream & { truncated?: boolean; destroy(): void; resume(): unknown };
}

export async function readMultipartForm(
  request: FastifyRequest,
  reply: FastifyReply,
  options: { fileField: string; maxBytes: number },
): Promise<MultipartForm> {
  if (!request.isMultipart()) {
    // A urlencoded post (no file): the app's CSRF preHandler has checked it already.
    return { fields: stringFields(request.body), upload: null, refusal: null, cleanup: noCleanup };
  }
  // throwFileSizeLimit: false — a file past the limit is cut off (`truncated`) and refused, not an exception.
  const partOptions = {
    limits: multipartLimits(options.maxBytes),
    throwFileSizeLimit: false,
    defParamCharset: 'utf8',
  };
  const parts = request.parts(partOptions as Parameters<FastifyRequest['parts']>[0]);
  const iterator = (parts as AsyncIterable<MultipartPart>)[Symbol.asyncIterator]();

  // The first part must be the token, so a forged form is refused before a byte of its file is read.
  const first = await iterator.next();
  const token =
    !first.done &&
    first.value.type === 'field' &&
    first.value.fieldname === '_csrf' &&
    typeof first.value.value === 'string'
      ? first.value.value
      : undefined;
  if (!first.done && first.value.type === 'file') first.value.file?.destroy();
  await checkCsrfToken(request, reply, token);

  const fields: Record<string, string> = { _csrf: token ?? '' };
  let tempPath: string | null = null;
  let upload: ReceivedUpload | null = null;
  let refusal: UploadRefusal | null = null;
  const cleanup = () => removeQuietly(tempPath);
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      const part = next.value;
      if (part.type === 'field') {
        if (part.valueTruncated) throw new AppError('payload_too_large', 'field too long');
        if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        continue;
      }
      const file = part.file;
      if (!file) continue;
      if (part.fieldname !== options.fileField || tempPath !== null) {
        file.resume(); // not ours: read past it
        continue;
      }
      tempPath = tempUploadPath();
      await pipeline(file, createWriteStream(tempPath, { flags: 'wx', mode: 0o600 }));
      const { size } = await stat(tempPath);
      const nothingChosen = size === 0 && (part.filename ?? '') === '';
      if (nothingChosen) {
        // The browser sends an empty part when no file was chosen: no upload, no refusal.
        await removeQuietly(tempPath);
        tempPath = null;
        continue;
      }
      if (file.truncated) {
        refusal = 'too-large';
        continue;
      }
      const inspection = await inspectFile(tempPath);
      if (!inspection.ok) {
        refusal = inspection.refusal;
        continue;
      }
      upload = {
        tempPath,
        name: cleanFileName(part.filename ?? ''),
        size: inspection.size,
        contentType: inspection.contentType,
      };
    }
  } catch (error) {
    await cleanup();
    throw error;
  }
  if (refusal) {
    // A refused upload stores nothing and leaves nothing behind.
    await cleanup();
    tempPath = null;
  }
  const withNul = fieldsWithNul(fields);
  if (withNul.length > 0) request.nulFields = withNul;
  return { fields, upload, refusal, cleanup };
}

/** Bytes made in the process (the demo's PDF) put in a temp file and judged like an upload. */
export async function receiveBytes(
  name: string,
  bytes: Buffer,
): Promise<{ upload: ReceivedUpload | null; refusal: UploadRefusal | null; tempPath: string }> {
  const tempPath = tempUploadPath();
  await writeFile(tempPath, bytes, { flag: 'wx', mode: 0o600 });
  const inspection = await inspectFile(tempPath);
  if (!inspection.ok) return { upload: null, refusal: inspection.refusal, tempPath };
  return {
    upload: {
      tempPath,
      name: cleanFileName(name),
      size: inspection.size,
      contentType: inspection.contentType,
    },
    refusal: null,
    tempPath,
  };
}
