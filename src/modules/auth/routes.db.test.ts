import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testConfig } from '../../../test/app.ts';
import { addParticipant, latestSignInMail, uniqueEmail } from '../../../test/auth.ts';
import { Browser, sessionOf } from '../../../test/browser.ts';
import { describeEachDialect, TEST_NOW } from '../../../test/db.ts';
import { createApp } from '../../app.ts';
import type { Database } from '../../db/database.ts';
import { fixedClock } from '../../shared/clock.ts';
import { access, PUBLIC, SIGNED_IN } from '../../web/access.ts';
import { requireAccount } from '../../web/account.ts';
import { LOGIN_TOKEN_TTL_MS, MAX_CODE_ATTEMPTS, SESSION_TTL_MS } from './rules.ts';
import { createOrganiser, issueSignIn, sha256 } from './service.ts';

/** Cookies the way a browser keeps them between requests. */
class Jar {
  private cookies = new Map<string, string>();
  take(res: LightMyRequestResponse): this {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const gone = c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now());
      if (gone) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return this;
  }
  get(name: string): string | undefined {
    return this.cookies.get(name);
  }
  header(): Record<string, string> {
    const value = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return value ? { cookie: value } : {};
  }
}

function csrfOf(html: string): string {
  const token = html.match(/name="_csrf" value="([^"]+)"/)?.[1];
  if (!token) throw new Error('no CSRF field on the page');
  return token;
}

function sessionCookie(res: LightMyRequestResponse) {
  return (res.cookies as { name: string }[]).find((c) => c.name === 'holdet_session') as
    | {
        name: string;
        value: string;
        path?: string;
        maxAge?: number;
        httpOnly?: boolean;
        secure?: boolean;
        sameSite?: string;
      }
    | undefined;
}

/** An app with two test-only pages: who the request's account is, and one that needs sign-in. */
async function appWithProbe(
  database: Database,
  clock = fixedClock(TEST_NOW),
  env: Record<string, string> = {},
) {
  const app = await createApp({ config: testConfig(database, env), database, clock });
  app.get('/_test/hvem', access(PUBLIC), async (request) => ({ account: request.account }));
  app.get('/_test/privat', access(SIGNED_IN), async (request) => ({ name: requireAccount(request).name }));
  await app.ready();
  return app;
}

describeEachDialect('sign-in over HTTP', (getDb) => {
  let app: FastifyInstance;
  const clock = fixedClock(TEST_NOW);
  const db = () => getDb().db;

  beforeAll(async () => {
    app = await appWithProbe(getDb(), clock);
  });
  afterAll(async () => {
    await app?.close();
  });
  beforeEach(async () => {
    clock.set(TEST_NOW);
    await db().deleteFrom('rate_limit').execute();
  });

  async function get(url: string, jar = new Jar()) {
    const res = await app.inject({ method: 'GET', url, headers: jar.header() });
    jar.take(res);
    return res;
  }
  async function post(url: string, form: Record<string, string>, jar = new Jar()) {
    const res = await app.inject({
      method: 'POST',
      url,
      headers: { ...jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(form).toString(),
    });
    jar.take(res);
    return res;
  }
  /** GETs a page with a form, then POSTs the form with its CSRF token, as a browser would. */
  async function submit(pageUrl: string, actionUrl: string, form: Record<string, string>, jar = new Jar()) {
    const page = await get(pageUrl, jar);
    return post(actionUrl, { ...form, _csrf: csrfOf(page.body) }, jar);
  }
  const whoAmI = async (jar: Jar) => (await get('/_test/hvem', jar)).json().account;

  it('signs in with the link: a mail scanner’s GET spends nothing, the button does', async () => {
    const { email, name } = await addParticipant(db());
    const jar = new Jar();
    const sent = await submit('/log-ind', '/log-ind', { email }, jar);
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain('Tjek din mail');
    expect(sent.body).toContain(`value="${email}"`);
    expect(sent.body).toContain('action="/log-ind/kode"');

    const mail = await latestSignInMail(db(), email);
    if (!mail) throw new Error('no mail');
    const path = new URL(mail.url).pathname;

    // A mail filter opens the link first, without cookies, maybe twice.
    for (let i = 0; i < 2; i++) {
      const scanned = await get(path);
      expect(scanned.statusCode).toBe(200);
      expect(scanned.body).toContain('<button type="submit" class="button button-primary">Log ind</button>');
      expect(sessionCookie(scanned)).toBeUndefined();
    }
    const row = await db()
      .selectFrom('login_token')
      .select('used_at')
      .where('token_hash', '=', sha256(mail.token))
      .executeTakeFirstOrThrow();
    expect(row.used_at).toBeNull();

    // Then the person opens it and presses the button.
    const page = await get(path, jar);
    expect(page.headers['cache-control']).toBe('private, no-store');
    expect(page.body).toContain(`action="${path}"`);
    const res = await post(path, { _csrf: csrfOf(page.body) }, jar);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/min-side');
    expect(jar.get('holdet_session')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await whoAmI(jar)).toMatchObject({ email, name, role: 'participant' });
    expect(await whoAmI(new Jar())).toBeNull();
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, Path=/, for 30 days, not Secure outside production', async () => {
    const { email } = await addParticipant(db());
    const { token } = await issueSignIn(db(), email, TEST_NOW);
    const res = await submit(`/log-ind/${token}`, `/log-ind/${token}`, {});
    const cookie = sessionCookie(res);
    expect(cookie).toMatchObject({
      path: '/',
      httpOnly: true,
      sameSite: 'Lax',
      maxAge: SESSION_TTL_MS / 1000,
    });
    expect(cookie?.secure).toBeFalsy();
    const raw = String(res.headers['set-cookie']);
    expect(raw).toMatch(/holdet_session=[^;]+; Max-Age=2592000; Path=\/; HttpOnly; SameSite=Lax/);
  });

  it('signs in with the code from the mail, on the “check your mail” page', async () => {
    const { email } = await addParticipant(db());
    const jar = new Jar();
    const sent = await submit('/log-ind', '/log-ind', { email }, jar);
    const mail = await latestSignInMail(db(), email);
    const res = await post(
      '/log-ind/kode',
      { email, code: `${mail?.code.slice(0, 3)} ${mail?.code.slice(3)}`, _csrf: csrfOf(sent.body) },
      jar,
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/min-side');
    expect(await whoAmI(jar)).toMatchObject({ email });
  });

  it('refuses a wrong code next to the field, keeps what was typed, and offers a new code', async () => {
    const { email } = await addParticipant(db());
    const { code } = await issueSignIn(db(), email, TEST_NOW);
    const wrong = code === '000000' ? '000001' : '000000';
    const res = await submit('/log-ind/kode', '/log-ind/kode', { email, code: wrong });
    expect(res.statusCode).toBe(400);
    expect(sessionCookie(res)).toBeUndefined();
    const body = res.body;
    expect(body).toContain('Koden er forkert, udløbet eller allerede brugt');
    expect(body).toContain(`value="${wrong}"`);
    expect(body).toContain(`value="${email}"`);
    expect(body).toMatch(/<div class="form-group form-error">\s*<label class="form-label" for="code">/);
    expect(body).toMatch(/id="code"[^>]*aria-invalid="true"[^>]*aria-describedby="code-hint code-error"/);
    expect(body).toContain('href="/log-ind"');
  });

  it('shows form errors in Danish next to the field and keeps what was typed', async () => {
    const res = await submit('/log-ind', '/log-ind', { email: 'ikke en mail' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Skriv arbejdsmailen som navn@kommune.dk.');
    expect(res.body).toContain('value="ikke en mail"');
    expect(res.body).toContain('<span class="form-error-message" id="email-error">');
    expect(res.body).toMatch(
      /id="email"[^>]*aria-invalid="true"[^>]*aria-describedby="email-hint email-error"/,
    );
    const empty = await submit('/log-ind', '/log-ind', { email: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Udfyld arbejdsmail.');
    const badCode = await submit('/log-ind/kode', '/log-ind/kode', { email: uniqueEmail(), code: '12' });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.body).toContain('Skriv koden fra mailen med 6 cifre, fx 123456.');
  });

  it('answers a known and an unknown email with the same page', async () => {
    const { email } = await addParticipant(db(), 'kendt-samme-svar@example.dk');
    const unknown = 'ukendt-samme-svar@example.dk';
    const normalise = (res: LightMyRequestResponse, address: string) =>
      res.body.replace(/name="_csrf" value="[^"]+"/g, '').replaceAll(address, 'EMAIL');
    const a = await submit('/log-ind', '/log-ind', { email });
    const b = await submit('/log-ind', '/log-ind', { email: unknown });
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(normalise(a, email)).toBe(normalise(b, unknown));
    expect(await latestSignInMail(db(), unknown)).toBeNull();
    expect(await latestSignInMail(db(), email)).not.toBeNull();
  });

  it('refuses a used link with a clear page and a way to get a new one', async () => {
    const { email } = await addParticipant(db());
    const { token } = await issueSignIn(db(), email, TEST_NOW);
    expect((await submit(`/log-ind/${token}`, `/log-ind/${token}`, {})).statusCode).toBe(303);

    const again = await get(`/log-ind/${token}`);
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('Linket er allerede brugt');
    expect(again.body).toContain('href="/log-ind"');
    // An old tab that still has the button: the POST is refused the same way.
    const jar = new Jar();
    const form = await get('/log-ind', jar);
    const res = await post(`/log-ind/${token}`, { _csrf: csrfOf(form.body) }, jar);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Linket er allerede brugt');
    expect(sessionCookie(res)).toBeUndefined();
  });

  it('refuses an expired link with a clear page', async () => {
    const { email } = await addParticipant(db());
    const { token } = await issueSignIn(db(), email, TEST_NOW);
    const jar = new Jar();
    const page = await get(`/log-ind/${token}`, jar);
    expect(page.statusCode).toBe(200);
    clock.set(new Date(TEST_NOW.getTime() + LOGIN_TOKEN_TTL_MS));
    const res = await post(`/log-ind/${token}`, { _csrf: csrfOf(page.body) }, jar);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Linket er udløbet. Et link virker kun i 20 minutter.');
    expect(res.body).toContain('Få et nyt link og en ny kode');
    const later = await get(`/log-ind/${token}`);
    expect(later.statusCode).toBe(400);
    expect(later.body).toContain('Linket er udløbet');
  });

  it('refuses an unknown or malformed link with a 400 page, never a 5xx', async () => {
    for (const token of ['x'.repeat(43), 'abc', '%27%20or%201%3D1', 'a'.repeat(90)]) {
      const res = await get(`/log-ind/${token}`);
      expect(res.statusCode, token).toBe(400);
      expect(res.body, token).toContain('Linket er ikke gyldigt');
    }
  });

  it('answers a POST without a CSRF token with the 403 page and spends nothing', async () => {
    const { email } = await addParticipant(db());
    const { token } = await issueSignIn(db(), email, TEST_NOW);
    const jar = new Jar();
    await get(`/log-ind/${token}`, jar);
    for (const form of [{}, { _csrf: 'forged' }] as Record<string, string>[]) {
      const res = await post(`/log-ind/${token}`, form, jar);
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).toContain('Formularen er udløbet');
      expect(sessionCookie(res)).toBeUndefined();
    }
    expect((await post('/log-ind', { email })).statusCode).toBe(403);
    expect((await post('/log-ud', {})).statusCode).toBe(403);
    expect(await latestSignInMail(db(), email)).toBeNull();
    expect((await submit(`/log-ind/${token}`, `/log-ind/${token}`, {})).statusCode).toBe(303);
  });

  it('carries ?next= through the mail and the code form, and ignores open-redirect attempts', async () => {
    const { email } = await addParticipant(db());
    // A page that needs sign-in sends the visitor to /log-ind with the way back.
    const guarded = await get('/_test/privat?x=1');
    expect(guarded.statusCode).toBe(303);
    expect(guarded.headers.location).toBe('/log-ind?next=%2F_test%2Fprivat%3Fx%3D1');

    const jar = new Jar();
    const form = await get(String(guarded.headers.location), jar);
    expect(form.body).toContain('<input type="hidden" name="next" value="/_test/privat?x=1"/>');
    const sent = await post('/log-ind', { email, next: '/_test/privat?x=1', _csrf: csrfOf(form.body) }, jar);
    expect(sent.body).toContain('<input type="hidden" name="next" value="/_test/privat?x=1"/>');
    const mail = await latestSignInMail(db(), email);
    const link = new URL(mail?.url ?? '');
    expect(link.searchParams.get('next')).toBe('/_test/privat?x=1');
    const res = await submit(
      `${link.pathname}${link.search}`,
      link.pathname,
      { next: '/_test/privat?x=1' },
      jar,
    );
    expect(res.headers.location).toBe('/_test/privat?x=1');
    expect((await get('/_test/privat', jar)).json()).toEqual({ name: 'Ane Deltager' });

    for (const evil of [
      '//evil.example',
      'https://evil.example/',
      '/\\evil.example',
      'javascript:alert(1)',
    ]) {
      const page = await get(`/log-ind?next=${encodeURIComponent(evil)}`);
      expect(page.body, evil).not.toContain('name="next"');
      const { token } = await issueSignIn(db(), email, TEST_NOW);
      const signedIn = await submit(`/log-ind/${token}`, `/log-ind/${token}`, { next: evil });
      expect(signedIn.statusCode, evil).toBe(303);
      expect(signedIn.headers.location, evil).toBe('/min-side');
    }
  });

  it('sends an organiser to the organiser pages', async () => {
    const made = await createOrganiser(
      db(),
      { email: uniqueEmail('org'), name: 'Bo', actorLabel: 'test' },
      TEST_NOW,
    );
    if (!made.ok) throw new Error(made.reason);
    const res = await submit(`/log-ind/${made.token}`, `/log-ind/${made.token}`, {});
    // The second factor comes first (second-factor.db.test.ts), then the organiser pages.
    expect(res.headers.location).toBe('/log-ind/totrin?next=%2Farrangoer');
  });

  it('signs out: the session ends in the database and the cookie is cleared', async () => {
    const { email } = await addParticipant(db());
    const { token } = await issueSignIn(db(), email, TEST_NOW);
    const jar = new Jar();
    await submit(`/log-ind/${token}`, `/log-ind/${token}`, {}, jar);
    const cookie = jar.get('holdet_session');
    expect(await whoAmI(jar)).toMatchObject({ email });

    const res = await submit('/log-ind', '/log-ud', {}, jar);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/');
    expect(String(res.headers['set-cookie'])).toMatch(
      /holdet_session=; Max-Age=0; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Lax/,
    );
    expect(jar.get('holdet_session')).toBeUndefined();
    // Even a copy of the old cookie is worthless now.
    const copy = new Jar();
    copy.take({
      cookies: [{ name: 'holdet_session', value: cookie ?? '' }],
    } as unknown as LightMyRequestResponse);
    expect(await whoAmI(copy)).toBeNull();
    const rows = await db()
      .selectFrom('web_session')
      .select('id_hash')
      .where('id_hash', '=', sha256(cookie ?? ''))
      .execute();
    expect(rows).toEqual([]);
    // Signing out without a session is harmless.
    expect((await submit('/log-ind', '/log-ud', {})).statusCode).toBe(303);
  });

  it('answers too many requests with a 429 page in Danish', async () => {
    const { email } = await addParticipant(db());
    const jar = new Jar();
    const form = await get('/log-ind', jar);
    const statuses: number[] = [];
    let last: LightMyRequestResponse | undefined;
    for (let i = 0; i < 6; i++) {
      last = await post('/log-ind', { email, _csrf: csrfOf(form.body) }, jar);
      statuses.push(last.statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(last?.body).toContain('For mange forsøg');
    // The window ends 12:15 UTC, 13.15 in Copenhagen; TEST_NOW is 12:00 UTC.
    expect(last?.body).toContain('Prøv igen kl. 13.15.');
    expect(last?.headers['retry-after']).toBe('900');
    expect(last?.headers['cache-control']).toBe('no-store');
    const english = await post('/log-ind?lang=en', { email, _csrf: csrfOf(form.body) }, jar);
    expect(english.statusCode).toBe(429);
    expect(english.body).toContain('Try again at 13:15.');
  });

  it('renews the CSRF secret at sign-in: a token from before signing in is refused after', async () => {
    const { email } = await addParticipant(db());
    const { token } = await issueSignIn(db(), email, TEST_NOW);
    const jar = new Jar();
    const page = await get(`/log-ind/${token}`, jar);
    const before = jar.get('holdet_csrf');
    const oldToken = csrfOf(page.body);
    const res = await post(`/log-ind/${token}`, { _csrf: oldToken }, jar);
    expect(res.statusCode).toBe(303);
    expect(jar.get('holdet_csrf')).toBeDefined();
    expect(jar.get('holdet_csrf')).not.toBe(before);
    expect((await post('/log-ud', { _csrf: oldToken }, jar)).statusCode).toBe(403);
    expect(await whoAmI(jar)).toMatchObject({ email });
    expect((await submit('/log-ind', '/log-ud', {}, jar)).statusCode).toBe(303);
  });

  it('signs out everywhere from Min side: the other browser is signed out too', async () => {
    const { email } = await addParticipant(db());
    const here = new Browser(() => app).withSession(await sessionOf(getDb(), email));
    const there = new Browser(() => app).withSession(await sessionOf(getDb(), email));
    expect((await there.get('/min-side')).statusCode).toBe(200);
    const mine = await here.get('/min-side');
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain('action="/log-ud/alle"');
    expect(mine.body).toContain('Log ud alle steder');
    const res = await here.post('/log-ud/alle', {});
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/');
    expect(String(res.headers['set-cookie'])).toMatch(/holdet_session=; Max-Age=0; Path=\//);
    for (const browser of [here, there]) {
      const after = await browser.get('/min-side');
      expect(after.statusCode).toBe(303);
      expect(after.headers.location).toBe('/log-ind?next=%2Fmin-side');
    }
    const audit = await db()
      .selectFrom('audit')
      .select('after_json')
      .where('action', '=', 'auth.sign-out-everywhere')
      .where('actor_label', '=', email)
      .execute();
    expect(audit).toEqual([{ after_json: '{"sessions":2}' }]);
    expect((await get('/min-side?lang=en')).statusCode).toBe(303);
  });

  it('shows a stranger “Log ind” in the header and a signed-in person their name and pages', async () => {
    const { email } = await addParticipant(db());
    const { token } = await issueSignIn(db(), email, TEST_NOW);
    const jar = new Jar();
    await submit(`/log-ind/${token}`, `/log-ind/${token}`, {}, jar);
    const anonymous = await get('/');
    const signedIn = await get('/', jar);
    expect(anonymous.body).toContain('<a href="/log-ind">Log ind</a>');
    expect(anonymous.body).not.toContain('Ane Deltager');
    expect(signedIn.body).toContain('Ane Deltager');
    expect(signedIn.body).toContain('<a href="/min-side">Min side</a>');
    expect((await get('/?lang=en')).body).toContain('<a href="/log-ind?lang=en">Sign in</a>');
  });

  it('ignores a cookie that is not a session and answers as signed out', async () => {
    const jar = new Jar();
    jar.take({
      cookies: [{ name: 'holdet_session', value: 'x'.repeat(43) }],
    } as unknown as LightMyRequestResponse);
    expect(await whoAmI(jar)).toBeNull();
    jar.take({
      cookies: [{ name: 'holdet_session', value: "'; drop table account; --" }],
    } as unknown as LightMyRequestResponse);
    expect(await whoAmI(jar)).toBeNull();
    expect((await get('/', jar)).statusCode).toBe(200);
  });

  it('renders the sign-in pages in English too', async () => {
    const page = await get('/log-ind?lang=en');
    expect(page.body).toContain('<h1>Sign in</h1>');
    expect(page.body).toContain('action="/log-ind?lang=en"');
    const code = await get('/log-ind/kode?lang=en');
    expect(code.body).toContain('Sign in with a code');
  });
});

describe('sign-in cookies in production', () => {
  describeEachDialect('secure cookies', (getDb) => {
    let app: FastifyInstance;
    beforeAll(async () => {
      app = await appWithProbe(getDb(), fixedClock(TEST_NOW), { NODE_ENV: 'production' });
    });
    afterAll(async () => {
      await app?.close();
    });

    it('names the session cookie __Host-holdet_session: Secure, Path=/, no Domain', async () => {
      const { email } = await addParticipant(getDb().db);
      const { token } = await issueSignIn(getDb().db, email, TEST_NOW);
      const jar = new Jar();
      const page = await app.inject({ url: `/log-ind/${token}` });
      jar.take(page);
      const res = await app.inject({
        method: 'POST',
        url: `/log-ind/${token}`,
        headers: { ...jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrfOf(page.body) }).toString(),
      });
      expect(res.statusCode).toBe(303);
      const raw = String(res.headers['set-cookie']);
      expect(raw).toMatch(
        /__Host-holdet_session=[^;]+; Max-Age=2592000; Path=\/; HttpOnly; Secure; SameSite=Lax/,
      );
      expect(raw).not.toMatch(/Domain=/i);
      const cookie = (res.cookies as { name: string; value: string }[]).find(
        (c) => c.name === '__Host-holdet_session',
      );
      expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax', path: '/' });
      const who = (value: string, name: string) =>
        app.inject({ url: '/_test/hvem', headers: { cookie: `${name}=${value}` } });
      expect((await who(cookie?.value ?? '', '__Host-holdet_session')).json().account).toMatchObject({
        email,
      });
      // The unprefixed name, which a sibling subdomain or plain HTTP could set, is not read in production.
      expect((await who(cookie?.value ?? '', 'holdet_session')).json().account).toBeNull();
    });
  });
});

describeEachDialect('wrong codes from another machine', (getDb) => {
  let app: FastifyInstance;
  const db = () => getDb().db;
  const A = '198.51.100.10';
  const B = '203.0.113.20';

  beforeAll(async () => {
    // As many code entries per IP as a token has code tries, to show both rules in one scenario.
    app = await appWithProbe(getDb(), fixedClock(TEST_NOW), {
      RATE_LIMIT_CODE_IP: `${MAX_CODE_ATTEMPTS}/15m`,
    });
  });
  afterAll(async () => {
    await app?.close();
  });
  beforeEach(async () => {
    await db().deleteFrom('rate_limit').execute();
  });

  async function from(
    ip: string,
    method: 'GET' | 'POST',
    url: string,
    form: Record<string, string>,
    jar: Jar,
  ) {
    const res = await app.inject({
      method,
      url,
      remoteAddress: ip,
      headers: { ...jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      ...(method === 'POST' ? { payload: new URLSearchParams(form).toString() } : {}),
    });
    jar.take(res);
    return res;
  }
  async function submitFrom(ip: string, pageUrl: string, actionUrl: string, form: Record<string, string>) {
    const jar = new Jar();
    const page = await from(ip, 'GET', pageUrl, {}, jar);
    return from(ip, 'POST', actionUrl, { ...form, _csrf: csrfOf(page.body) }, jar);
  }

  it('five wrong codes from A: the link still signs in, A’s code form is refused with 429, B’s right code too', async () => {
    const { email } = await createOrganiserAccount();
    const { token, code } = await issueSignIn(db(), email, TEST_NOW);
    const wrong = code === '000000' ? '000001' : '000000';
    for (let i = 0; i < MAX_CODE_ATTEMPTS; i++) {
      const res = await submitFrom(A, '/log-ind/kode', '/log-ind/kode', { email, code: wrong });
      expect(res.statusCode).toBe(400);
    }
    // A's code form is now over its limit: 429 with when to try again.
    const refused = await submitFrom(A, '/log-ind/kode', '/log-ind/kode', { email, code });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('900');
    expect(refused.body).toContain('Prøv igen kl. 13.15.');
    expect(refused.body).toContain('Linket i mailen virker stadig.');
    // The code of that mail is disabled after 5 wrong tries in all, so the right code from B fails too…
    const fromB = await submitFrom(B, '/log-ind/kode', '/log-ind/kode', { email, code });
    expect(fromB.statusCode).toBe(400);
    expect(fromB.body).toContain('linket i mailen gør');
    // …but the link in the mail still signs the organiser in.
    const page = await from(B, 'GET', `/log-ind/${token}`, {}, new Jar());
    expect(page.statusCode).toBe(200);
    const signedIn = await submitFrom(B, `/log-ind/${token}`, `/log-ind/${token}`, {});
    expect(signedIn.statusCode).toBe(303);
    expect(signedIn.headers.location).toBe('/log-ind/totrin?next=%2Farrangoer');
  });

  it('a fresh mail brings a working code, from an address that is not over its limit', async () => {
    const { email } = await createOrganiserAccount();
    const first = await issueSignIn(db(), email, TEST_NOW);
    const wrong = first.code === '000000' ? '000001' : '000000';
    for (let i = 0; i < MAX_CODE_ATTEMPTS; i++) {
      await submitFrom(A, '/log-ind/kode', '/log-ind/kode', { email, code: wrong });
    }
    const second = await issueSignIn(db(), email, TEST_NOW);
    const res = await submitFrom(B, '/log-ind/kode', '/log-ind/kode', { email, code: second.code });
    expect(res.statusCode).toBe(303);
  });

  async function createOrganiserAccount() {
    const made = await createOrganiser(
      db(),
      { email: uniqueEmail('arrangoer'), actorLabel: 'test' },
      TEST_NOW,
    );
    if (!made.ok) throw new Error(made.reason);
    return made;
  }
});
