import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/app.ts';
import { addParticipant, latestSignInMail } from '../../../test/auth.ts';
import { describeEachDialect } from '../../../test/db.ts';
import { scanDatabase } from '../../../test/scan.ts';

// Sign-in secrets — the link token, the code, the session id, the CSRF secret and tokens — are stored
// only as hashes (login_token, web_session) or not at all: a sweep of every column of every table after a
// whole sign-in over HTTP (link, code, sign-out) finds none of them. The outbox is left out: the sign-in
// mail carries the link and the code by design (how long mail bodies are kept is dealt with elsewhere).

describeEachDialect('sign-in secrets in the database', (getDb) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await createTestApp(getDb());
  });
  afterAll(async () => {
    await app?.close();
  });

  it('are nowhere but as hashes after signing in with a link, with a code, and out', async () => {
    const { email } = await addParticipant(getDb().db);
    const cookies = new Map<string, string>();
    const secrets = new Set<string>();
    const take = (res: LightMyRequestResponse) => {
      for (const c of res.cookies as { name: string; value: string }[]) {
        cookies.set(c.name, c.value);
        if (c.name !== 'lang' && c.value) secrets.add(c.value);
      }
      const csrf = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
      if (csrf) secrets.add(csrf);
      return res;
    };
    const headers = () => ({ cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') });
    const get = async (url: string) => take(await app.inject({ method: 'GET', url, headers: headers() }));
    /** GETs the page with the form (the URL itself unless told), then POSTs the form as a browser would. */
    const post = async (url: string, form: Record<string, string>, pageUrl = url) => {
      const page = await get(pageUrl);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
      return take(
        await app.inject({
          method: 'POST',
          url,
          headers: { ...headers(), 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ ...form, _csrf: csrf }).toString(),
        }),
      );
    };
    const codes: string[] = [];

    // With the link.
    expect((await post('/log-ind', { email })).statusCode).toBe(200);
    const first = await latestSignInMail(getDb().db, email);
    if (!first) throw new Error('no sign-in mail');
    secrets.add(first.token);
    codes.push(first.code);
    expect((await post(`/log-ind/${first.token}`, {})).statusCode).toBe(303);
    // Again with the code (a wrong one first), replacing that session.
    // (All mails carry the same fixed time, so the first goes before the second is looked up.)
    await getDb().db.deleteFrom('outbox').where('to_address', '=', email).execute();
    expect((await post('/log-ind', { email })).statusCode).toBe(200);
    const second = await latestSignInMail(getDb().db, email);
    if (!second || second.token === first.token) throw new Error('no second sign-in mail');
    secrets.add(second.token);
    codes.push(second.code);
    const wrong = second.code === '000000' ? '111111' : '000000';
    expect((await post('/log-ind/kode', { email, code: wrong })).statusCode).toBe(400);
    expect((await post('/log-ind/kode', { email, code: second.code })).statusCode).toBe(303);
    expect((await post('/log-ud', {}, '/min-side')).statusCode).toBe(303);

    expect(cookies.has('holdet_session')).toBe(true);
    expect(secrets.size).toBeGreaterThanOrEqual(5);
    const skip = ['outbox'];
    for (const secret of secrets) expect(await scanDatabase(getDb(), secret, { skip }), secret).toEqual([]);
    for (const code of [...codes, wrong]) {
      expect(await scanDatabase(getDb(), new RegExp(`(?<![0-9])${code}(?![0-9])`), { skip }), code).toEqual(
        [],
      );
    }
    // The hashes are there: the sweep looked in the right tables.
    expect(
      await getDb().db.selectFrom('login_token').select('token_hash').where('email', '=', email).execute(),
    ).toHaveLength(2);
  });
});
