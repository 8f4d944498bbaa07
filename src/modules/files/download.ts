import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Executor } from '../../db/database.ts';
import { contentDisposition, etagMatches, ifRangeAllows, parseRange } from './rules.ts';
import type { StoredFile } from './service.ts';
import { fileStore } from './storage.ts';

// Sending a stored file: its own headers (a download is never a page: no script can run in it, the browser
// does not guess its type), one Range for audio seeking and resumed downloads, ETag revalidation. The bytes
// are streamed chunk by chunk from the database.

/** The CSP of a download: were it ever rendered as a document, it could run nothing and load nothing. */
export const DOWNLOAD_CSP = "sandbox; default-src 'none'";

export async function sendFile(
  db: Executor,
  request: FastifyRequest,
  reply: FastifyReply,
  file: StoredFile,
): Promise<FastifyReply> {
  const etag = `"${file.sha256}"`;
  reply
    .header('content-security-policy', DOWNLOAD_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-cache')
    .header('etag', etag)
    .header('accept-ranges', 'bytes')
    .header('content-type', file.contentType)
    .header('content-disposition', contentDisposition(file.name, file.inline));

  if (etagMatches(header(request, 'if-none-match'), etag)) {
    reply.removeHeader('content-type');
    reply.removeHeader('content-disposition');
    return reply.code(304).send();
  }

  const range = ifRangeAllows(header(request, 'if-range'), etag)
    ? parseRange(header(request, 'range'), file.size)
    : ({ kind: 'full' } as const);
  if (range.kind === 'unsatisfiable') {
    reply.removeHeader('content-disposition');
    return reply
      .code(416)
      .header('content-range', `bytes */${file.size}`)
      .header('content-type', 'text/plain; charset=utf-8')
      .send('');
  }
  if (range.kind === 'partial') {
    return reply
      .code(206)
      .header('content-range', `bytes ${range.start}-${range.end}/${file.size}`)
      .header('content-length', String(range.end - range.start + 1))
      .send(Readable.from(fileStore.read(db, file.id, range)));
  }
  return reply
    .code(200)
    .header('content-length', String(file.size))
    .send(Readable.from(fileStore.read(db, file.id)));
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}
