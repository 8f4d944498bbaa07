import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testConfig } from '../../../test/app.ts';
import { describeEachDialect, TEST_NOW } from '../../../test/db.ts';
import { makePdf, multipartBody } from '../../../test/files.ts';
import { createApp } from '../../app.ts';
import { fixedClock } from '../../shared/clock.ts';
import { access, PUBLIC } from '../../web/access.ts';
import { csrfToken } from '../../web/csrf.ts';
import { fileById, readMultipartForm, sendFile, storeUpload } from './service.ts';

// The same upload through the app itself (createApp with its hooks, error pages and UPLOAD_MAX_MB), with one
// route added for the test before the app is ready.

const TEMP = mkdtempSync(join(tmpdir(), 'holdet-app-upload-test-'));
process.env.TMPDIR = TEMP;

describeEachDialect(
  'uploads through the app',
  (getDb) => {
    let app: FastifyInstance;
    let maxBytes = 0;
    beforeAll(async () => {
      const config = testConfig(getDb(), { UPLOAD_MAX_MB: '1' });
      maxBytes = config.uploadMaxBytes;
      app = await createApp({ config, database: getDb(), clock: fixedClock(TEST_NOW) });
      app.get('/test/form', access(PUBLIC), async (_request, reply) =>
        reply.send({ token: csrfToken(reply) }),
      );
      app.post(
        '/test/upload',
        { config: { ...access(PUBLIC).config, multipart: true } },
        async (request, reply) => {
          const form = await readMultipartForm(request, reply, { fileField: 'file', maxBytes });
          try {
            const upload = form.upload;
            if (!upload) return { refusal: form.refusal };
            const file = await getDb()
              .db.transaction()
              .execute((tx) => storeUpload(tx, upload, { accountId: null }, TEST_NOW));
            return { id: file.id };
          } finally {
            await form.cleanup();
          }
        },
      );
      app.get<{ Params: { id: string } }>('/test/files/:id', access(PUBLIC), async (request, reply) => {
        const file = await fileById(getDb().db, request.params.id);
        if (!file) return reply.code(404).send();
        return sendFile(getDb().db, request, reply, file);
      });
      await app.ready();
    });
    afterAll(async () => {
      await app.close();
    });

    async function post(parts: Parameters<typeof multipartBody>[0], withCookie = true) {
      const form = await app.inject({ method: 'GET', url: '/test/form' });
      const secret = form.cookies.find((c) => c.name === 'holdet_csrf')?.value ?? '';
      const token = form.json().token as string;
      const { payload, headers } = multipartBody(
        parts.map((p) => ('value' in p && p.value === 'TOKEN' ? { ...p, value: token } : p)),
      );
      return app.inject({
        method: 'POST',
        url: '/test/upload',
        payload,
        headers: { ...headers, ...(withCookie ? { cookie: `holdet_csrf=${secret}` } : {}) },
      });
    }

    it('answers a forged upload with the "form has expired" page (403), reading nothing', async () => {
      const pdf = await makePdf();
      for (const [label, parts, withCookie] of [
        ['no token', [{ name: 'file', filename: 'a.pdf', bytes: pdf }], true],
        [
          'wrong token',
          [
            { name: '_csrf', value: 'nope' },
            { name: 'file', filename: 'a.pdf', bytes: pdf },
          ],
          true,
        ],
        [
          'no cookie',
          [
            { name: '_csrf', value: 'TOKEN' },
            { name: 'file', filename: 'a.pdf', bytes: pdf },
          ],
          false,
        ],
      ] as const) {
        const response = await post(parts, withCookie);
        expect(response.statusCode, label).toBe(403);
        expect(response.headers['content-type'], label).toBe('text/html; charset=utf-8');
      }
      expect(readdirSync(TEMP).filter((f) => f.startsWith('holdet-upload-'))).toEqual([]);
    });

    it('takes a good upload, refuses one over UPLOAD_MAX_MB, and serves the file with its own headers', async () => {
      const pdf = await makePdf([['Gennem appen.']]);
      const big = Buffer.concat([pdf, Buffer.alloc(maxBytes)]);
      const refused = await post([
        { name: '_csrf', value: 'TOKEN' },
        { name: 'file', filename: 'stor.pdf', bytes: big },
      ]);
      expect(refused.json()).toEqual({ refusal: 'too-large' });
      const stored = await post([
        { name: '_csrf', value: 'TOKEN' },
        { name: 'file', filename: 'lille.pdf', bytes: pdf },
      ]);
      expect(stored.statusCode).toBe(200);
      const download = await app.inject({ method: 'GET', url: `/test/files/${stored.json().id}` });
      expect(download.rawPayload.equals(pdf)).toBe(true);
      // The download's own CSP replaces the page CSP helmet sets on every answer.
      expect(download.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
      expect(download.headers['x-content-type-options']).toBe('nosniff');
      expect(readdirSync(TEMP).filter((f) => f.startsWith('holdet-upload-'))).toEqual([]);
    });
  },
  { prepare: 'migrate' },
);
