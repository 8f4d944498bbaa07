import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect, TEST_NOW } from '../../../test/db.ts';
import { makeDocx, makeJpegWithGps, makeOffice, makePdf, multipartBody } from '../../../test/files.ts';
import { openDatabase } from '../../db/connect.ts';
import type { Database } from '../../db/database.ts';
import { AppError } from '../../shared/errors.ts';
import { csrfToken, registerCsrf } from '../../web/csrf.ts';
import {
  fileById,
  readMultipartForm,
  registerMultipart,
  type StoredFile,
  sendFile,
  storeBytes,
  storeUpload,
  uploadRefusalMessage,
} from './service.ts';
import { CHUNK_SIZE } from './storage.ts';

// Uploads through a small Fastify app that registers the app's CSRF check and multipart exactly as app.ts
// does, and downloads through sendFile; on both engines, with two connections to one database as two
// instances.

// This file's temp files in a folder of its own, so "nothing left behind" sees only ours.
const TEMP = mkdtempSync(join(tmpdir(), 'holdet-files-test-'));
process.env.TMPDIR = TEMP;
const tempFiles = () => readdirSync(TEMP).filter((f) => f.startsWith('holdet-upload-'));

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function fileApp(database: Database, maxBytes: number): Promise<FastifyInstance> {
  const app = Fastify();
  await app.register(cookie);
  await app.register(formbody);
  await registerCsrf(app, { secureCookies: false });
  await registerMultipart(app, maxBytes);
  app.setErrorHandler(async (error, _request, reply) => {
    if (error instanceof AppError) return reply.code(error.status).send({ error: error.message });
    if (String((error as { code?: unknown }).code).startsWith('FST_CSRF_')) {
      return reply.code(403).send({ error: 'csrf' });
    }
    return reply.code((error as { statusCode?: number }).statusCode ?? 500).send({ error: String(error) });
  });
  app.get('/form', async (_request, reply) => ({ token: csrfToken(reply) }));
  app.post('/upload', { config: { multipart: true } }, async (request, reply) => {
    const form = await readMultipartForm(request, reply, { fileField: 'file', maxBytes });
    try {
      if (form.refusal) {
        return reply.code(422).send({
          refusal: form.refusal,
          message: uploadRefusalMessage(form.refusal, 'da', maxBytes),
          fields: form.fields,
        });
      }
      const upload = form.upload;
      if (!upload) return { fields: form.fields, file: null };
      const file = await database.db
        .transaction()
        .execute((tx) => storeUpload(tx, upload, { accountId: null }, TEST_NOW));
      return { fields: form.fields, file };
    } finally {
      await form.cleanup();
    }
  });
  app.post('/plain', async () => ({ ok: true }));
  app.get<{ Params: { id: string } }>('/files/:id', async (request, reply) => {
    const file = await fileById(database.db, request.params.id);
    if (!file) return reply.code(404).send();
    return sendFile(database.db, request, reply, file);
  });
  await app.ready();
  return app;
}

/** A token and the cookie that goes with it. */
async function tokenFor(app: FastifyInstance): Promise<{ token: string; cookie: string }> {
  const response = await app.inject({ method: 'GET', url: '/form' });
  const set = response.cookies.find((c) => c.name === 'holdet_csrf');
  if (!set) throw new Error('no CSRF cookie');
  return { token: response.json().token, cookie: `holdet_csrf=${set.value}` };
}

async function upload(
  app: FastifyInstance,
  file: { filename: string; bytes: Buffer } | null,
  options: { token?: string | null; tokenLast?: boolean; fields?: Record<string, string> } = {},
) {
  const csrf = await tokenFor(app);
  const token = options.token === undefined ? csrf.token : options.token;
  const fields = Object.entries(options.fields ?? {}).map(([name, value]) => ({ name, value }));
  const filePart = file ? [{ name: 'file', filename: file.filename, bytes: file.bytes }] : [];
  const tokenPart = token === null ? [] : [{ name: '_csrf', value: token }];
  const parts = options.tokenLast
    ? [...fields, ...filePart, ...tokenPart]
    : [...tokenPart, ...fields, ...filePart];
  const { payload, headers } = multipartBody(parts);
  return app.inject({
    method: 'POST',
    url: '/upload',
    payload,
    headers: { ...headers, cookie: csrf.cookie },
  });
}

const MAX = 64 * 1024;

describeEachDialect(
  'uploads and downloads',
  (getDb, dialect) => {
    let app: FastifyInstance;
    let other: Database;
    let otherApp: FastifyInstance;
    let pdf: Buffer;
    let stored: StoredFile;

    beforeAll(async () => {
      app = await fileApp(getDb(), MAX);
      // A second instance: its own connection (pool) to the same database, its own app.
      other = openDatabase(getDb().url);
      otherApp = await fileApp(other, MAX);
      pdf = await makePdf([['positive afvigelser'], ['Side to.']]);
    });
    afterAll(async () => {
      await app.close();
      await otherApp.close();
      await other.close();
    });

    const countFiles = async () =>
      Number(
        (
          await getDb()
            .db.selectFrom('stored_file')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    it('refuses a multipart form without _csrf first, or with a wrong one, before reading the file: 403, nothing left', async () => {
      const before = await countFiles();
      const file = { filename: 'a.pdf', bytes: pdf };
      expect((await upload(app, file, { token: null })).statusCode).toBe(403);
      expect((await upload(app, file, { token: 'wrong-token' })).statusCode).toBe(403);
      expect((await upload(app, file, { tokenLast: true })).statusCode).toBe(403);
      expect(await countFiles()).toBe(before);
      expect(tempFiles()).toEqual([]);
    });

    it('keeps multipart to routes that read it: elsewhere 415, as before; urlencoded posts still CSRF-checked', async () => {
      const csrf = await tokenFor(app);
      const { payload, headers } = multipartBody([{ name: '_csrf', value: csrf.token }]);
      const response = await app.inject({
        method: 'POST',
        url: '/plain',
        payload,
        headers: { ...headers, cookie: csrf.cookie },
      });
      expect(response.statusCode).toBe(415);
      const forged = await app.inject({
        method: 'POST',
        url: '/plain',
        payload: 'a=1',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrf.cookie },
      });
      expect(forged.statusCode).toBe(403);
      const form = await app.inject({
        method: 'POST',
        url: '/plain',
        payload: `_csrf=${encodeURIComponent(csrf.token)}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrf.cookie },
      });
      expect(form.statusCode).toBe(200);
    });

    it('reads a urlencoded post to the same route from the checked body, with no upload', async () => {
      const csrf = await tokenFor(app);
      const response = await app.inject({
        method: 'POST',
        url: '/upload',
        payload: `_csrf=${encodeURIComponent(csrf.token)}&title=Hej`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrf.cookie },
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ fields: { title: 'Hej' }, file: null });
      const forged = await app.inject({
        method: 'POST',
        url: '/upload',
        payload: 'title=Hej',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrf.cookie },
      });
      expect(forged.statusCode).toBe(403);
    });

    it('refuses a file over the limit with the Danish message, and stores nothing', async () => {
      const before = await countFiles();
      const big = Buffer.concat([pdf, Buffer.alloc(MAX)]);
      const response = await upload(app, { filename: 'stor.pdf', bytes: big }, { fields: { title: 'Stor' } });
      expect(response.statusCode).toBe(422);
      expect(response.json()).toMatchObject({
        refusal: 'too-large',
        message: 'Filen er for stor. Den må højst fylde 1 MB.',
        fields: { title: 'Stor' },
      });
      expect(await countFiles()).toBe(before);
      expect(tempFiles()).toEqual([]);
    });

    it('refuses a macro document and an empty file, and takes a form with no file chosen', async () => {
      const macro = await upload(app, { filename: 'm.docx', bytes: makeOffice('docx', { vba: true }) });
      expect(macro.json()).toMatchObject({ refusal: 'macro' });
      const empty = await upload(app, { filename: 'tom.pdf', bytes: Buffer.alloc(0) });
      expect(empty.json()).toMatchObject({ refusal: 'empty' });
      const none = await upload(app, { filename: '', bytes: Buffer.alloc(0) }, { fields: { title: 'Link' } });
      expect(none.json()).toEqual({ fields: { _csrf: expect.any(String), title: 'Link' }, file: null });
      expect(tempFiles()).toEqual([]);
    });

    it('stores an upload and sends back the same bytes (sha256), inline with the exact name', async () => {
      const response = await upload(
        app,
        { filename: 'Æblegrød på ø.pdf', bytes: pdf },
        { fields: { title: 'PDF' } },
      );
      expect(response.statusCode).toBe(200);
      stored = response.json().file;
      expect(stored).toMatchObject({
        name: 'Æblegrød på ø.pdf',
        contentType: 'application/pdf',
        size: pdf.length,
        sha256: sha256(pdf),
        inline: true,
        audio: false,
        textStatus: 'pending',
      });
      expect(tempFiles()).toEqual([]);
      const download = await app.inject({ method: 'GET', url: `/files/${stored.id}` });
      expect(download.statusCode).toBe(200);
      expect(sha256(download.rawPayload)).toBe(sha256(pdf));
      expect(download.headers).toMatchObject({
        'content-type': 'application/pdf',
        'content-length': String(pdf.length),
        'content-disposition': `inline; filename="Aeblegroed paa oe.pdf"; filename*=UTF-8''%C3%86blegr%C3%B8d%20p%C3%A5%20%C3%B8.pdf`,
        'x-content-type-options': 'nosniff',
        'content-security-policy': "sandbox; default-src 'none'",
        'cache-control': 'private, no-cache',
        etag: `"${sha256(pdf)}"`,
        'accept-ranges': 'bytes',
      });
    });

    it('sends a DOCX as an attachment, never inline', async () => {
      const docx = makeDocx(['Et referat.']);
      const response = await upload(app, { filename: 'Referat.docx', bytes: docx });
      const file = response.json().file as StoredFile;
      expect(file).toMatchObject({ inline: false, textStatus: 'pending' });
      const download = await app.inject({ method: 'GET', url: `/files/${file.id}` });
      expect(download.headers['content-disposition']).toMatch(/^attachment; filename="Referat.docx"/);
      expect(download.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      );
    });

    it('stores an image without its metadata: the ETag is of the bytes as stored', async () => {
      const jpeg = makeJpegWithGps();
      const file = (await upload(app, { filename: 'foto.jpg', bytes: jpeg })).json().file as StoredFile;
      expect(file).toMatchObject({ contentType: 'image/jpeg', textStatus: 'none' });
      expect(file.size).toBeLessThan(jpeg.length);
      const download = await app.inject({ method: 'GET', url: `/files/${file.id}` });
      expect(download.rawPayload.includes(Buffer.from('GPS'))).toBe(false);
      expect(sha256(download.rawPayload)).toBe(file.sha256);
    });

    it('serves one Range: a-b, a suffix, an open end; 416 past the end', async () => {
      const url = `/files/${stored.id}`;
      const first = await app.inject({ method: 'GET', url, headers: { range: 'bytes=0-9' } });
      expect(first.statusCode).toBe(206);
      expect(first.headers['content-range']).toBe(`bytes 0-9/${pdf.length}`);
      expect(first.headers['content-length']).toBe('10');
      expect(first.rawPayload.equals(pdf.subarray(0, 10))).toBe(true);
      const suffix = await app.inject({ method: 'GET', url, headers: { range: 'bytes=-20' } });
      expect(suffix.statusCode).toBe(206);
      expect(suffix.headers['content-range']).toBe(
        `bytes ${pdf.length - 20}-${pdf.length - 1}/${pdf.length}`,
      );
      expect(suffix.rawPayload.equals(pdf.subarray(pdf.length - 20))).toBe(true);
      const open = await app.inject({ method: 'GET', url, headers: { range: 'bytes=100-' } });
      expect(open.statusCode).toBe(206);
      expect(open.rawPayload.equals(pdf.subarray(100))).toBe(true);
      const beyond = await app.inject({ method: 'GET', url, headers: { range: `bytes=${pdf.length}-` } });
      expect(beyond.statusCode).toBe(416);
      expect(beyond.headers['content-range']).toBe(`bytes */${pdf.length}`);
      const stale = await app.inject({
        method: 'GET',
        url,
        headers: { range: 'bytes=0-9', 'if-range': '"old"' },
      });
      expect(stale.statusCode).toBe(200);
      expect(stale.rawPayload.length).toBe(pdf.length);
    });

    it('answers If-None-Match with the ETag with 304 and no body', async () => {
      const url = `/files/${stored.id}`;
      const response = await app.inject({
        method: 'GET',
        url,
        headers: { 'if-none-match': `"${stored.sha256}"` },
      });
      expect(response.statusCode).toBe(304);
      expect(response.rawPayload.length).toBe(0);
      expect(response.headers.etag).toBe(`"${stored.sha256}"`);
      const changed = await app.inject({ method: 'GET', url, headers: { 'if-none-match': '"other"' } });
      expect(changed.statusCode).toBe(200);
    });

    it('keeps a file of many chunks whole and reads only what a range needs, across chunk borders', async () => {
      // storeBytes checks like an upload: a PDF of 2.5 chunks (a valid header, then filler).
      const bytes = Buffer.concat([pdf, Buffer.alloc(CHUNK_SIZE * 2 + CHUNK_SIZE / 2 - pdf.length, 7)]);
      const file = await getDb()
        .db.transaction()
        .execute((tx) => storeBytes(tx, { name: 'stor.pdf', bytes }, { accountId: null }, TEST_NOW));
      const chunks = await getDb()
        .db.selectFrom('file_chunk')
        .select(['n'])
        .where('file_id', '=', file.id)
        .orderBy('n')
        .execute();
      expect(chunks.map((c) => c.n)).toEqual([0, 1, 2]);
      const app2 = await fileApp(getDb(), bytes.length + 1);
      try {
        const whole = await app2.inject({ method: 'GET', url: `/files/${file.id}` });
        expect(sha256(whole.rawPayload)).toBe(sha256(bytes));
        const start = CHUNK_SIZE - 5;
        const across = await app2.inject({
          method: 'GET',
          url: `/files/${file.id}`,
          headers: { range: `bytes=${start}-${start + CHUNK_SIZE + 9}` },
        });
        expect(across.rawPayload.equals(bytes.subarray(start, start + CHUNK_SIZE + 10))).toBe(true);
      } finally {
        await app2.close();
      }
      expect(tempFiles()).toEqual([]);
    });

    it(`stores through one instance and serves the same bytes through the other (${dialect})`, async () => {
      const bytes = await makePdf([['Fra den ene instans til den anden.']]);
      const file = (await upload(app, { filename: 'delt.pdf', bytes })).json().file as StoredFile;
      const there = await otherApp.inject({ method: 'GET', url: `/files/${file.id}` });
      expect(there.statusCode).toBe(200);
      expect(sha256(there.rawPayload)).toBe(sha256(bytes));
      const back = (await upload(otherApp, { filename: 'retur.pdf', bytes: pdf })).json().file as StoredFile;
      const here = await app.inject({
        method: 'GET',
        url: `/files/${back.id}`,
        headers: { range: 'bytes=-10' },
      });
      expect(here.rawPayload.equals(pdf.subarray(pdf.length - 10))).toBe(true);
    });
  },
  { prepare: 'migrate', sqliteFile: true },
);

describe('storeBytes', () => {
  it('refuses bytes that are not on the allow-list (it checks like an upload)', async () => {
    const fake = { transaction: () => ({ execute: () => undefined }) };
    await expect(
      storeBytes(
        fake as never,
        { name: 'x.html', bytes: Buffer.from('<html>') },
        { accountId: null },
        TEST_NOW,
      ),
    ).rejects.toThrow(/refused \(type\)/);
    expect(tempFiles()).toEqual([]);
  });
});
