import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createTestApp } from '../../../test/app.ts';
import { addParticipant, secretFromPage, totpSecretOf, uniqueEmail } from '../../../test/auth.ts';
import { Browser, sessionOf } from '../../../test/browser.ts';
import { describeEachDialect, TEST_NOW } from '../../../test/db.ts';
import { fixedClock } from '../../shared/clock.ts';
import { MAX_SECOND_FACTOR_ATTEMPTS, PENDING_SIGN_IN_MINUTES, RECOVERY_CODE_COUNT } from './rules.ts';
import {
  createOrganiser,
  issueSignIn,
  sessionAccount,
  signInAccount,
  signInDestination,
  signInWithToken,
} from './service.ts';
import { totpCode } from './totp.ts';

// The organisers' second factor over HTTP, with codes computed by otpauth for the app's injected clock.

const STEP_MS = 30_000;

describeEachDialect('the second factor', (getDb) => {
  const clock = fixedClock(TEST_NOW);
  let app: FastifyInstance;
  const db = () => getDb().db;
  beforeAll(async () => {
    app = await createTestApp(getDb(), { clock });
  });
  afterAll(async () => {
    await app?.close();
  });
  beforeEach(async () => {
    clock.set(TEST_NOW);
    await db().deleteFrom('rate_limit').execute();
  });

  async function newOrganiser() {
    const email = uniqueEmail('org');
    const made = await createOrganiser(db(), { email, name: 'Bo', actorLabel: 'test' }, clock.now());
    if (!made.ok) throw new Error(made.reason);
    return email;
  }

  /** The first factor through the pages: the mail's link and its button. */
  async function firstFactor(email: string, browser = new Browser(() => app)) {
    const { token } = await issueSignIn(db(), email, clock.now());
    await browser.get(`/log-ind/${token}`);
    const res = await browser.post(`/log-ind/${token}`, {});
    return { browser, res };
  }

  /** An organiser who has set up TOTP at a first sign-in, with the recovery codes shown then. */
  async function organiserWithTotp() {
    const email = await newOrganiser();
    const { browser } = await firstFactor(email);
    const setup = await browser.get('/log-ind/totrin');
    const secret = secretFromPage(setup.body);
    const done = await browser.post('/log-ind/totrin/opsaet', { code: totpCode(secret, clock.now()) });
    expect(done.statusCode).toBe(200);
    const recovery = [...done.body.matchAll(/<code>([A-Z0-9]{5}-[A-Z0-9]{5})<\/code>/g)].map(
      (m) => m[1] as string,
    );
    return { email, secret, recovery };
  }

  it('a first sign-in leaves the organiser half signed in: no organiser page, no Min side, a 10-minute cookie', async () => {
    const email = await newOrganiser();
    const { browser, res } = await firstFactor(email);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/log-ind/totrin?next=%2Farrangoer');
    const cookie = (res.cookies as { name: string; maxAge?: number }[]).find(
      (c) => c.name === 'holdet_session',
    );
    expect(cookie?.maxAge).toBe(PENDING_SIGN_IN_MINUTES * 60);
    for (const path of ['/arrangoer', '/arrangoer/log', '/min-side', '/min-side/sikkerhed']) {
      const page = await browser.get(path);
      expect(page.statusCode, path).toBe(303);
      expect(page.headers.location, path).toBe(`/log-ind?next=${encodeURIComponent(path)}`);
    }
    const audit = await db()
      .selectFrom('audit')
      .select(['action', 'after_json'])
      .where('actor_label', '=', email)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['auth.first-factor']);
  });

  it('sets up TOTP: QR code as SVG and the secret as text; a wrong code is named at the field; the right one shows 10 recovery codes once', async () => {
    const email = await newOrganiser();
    const { browser } = await firstFactor(email);
    const setup = await browser.get('/log-ind/totrin');
    expect(setup.statusCode).toBe(200);
    expect(setup.body).toContain('<h1>Opsæt totrinsbekræftelse</h1>');
    expect(setup.body).toMatch(/<svg aria-hidden="true" focusable="false" class="totp-qr" [^>]*viewBox/);
    const secret = secretFromPage(setup.body);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(secret).toBe(await totpSecretOf(db(), email));
    // The same secret on a reload, until it is confirmed.
    expect(secretFromPage((await browser.get('/log-ind/totrin')).body)).toBe(secret);

    const malformed = await browser.post('/log-ind/totrin/opsaet', { code: '12a' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.body).toContain('Skriv koden fra appen med 6 cifre, fx 123456.');
    expect(malformed.body).toContain('href="#code"');
    expect(malformed.body).toContain('value="12a"');

    const right = totpCode(secret, clock.now());
    const wrong = right === '000000' ? '000001' : '000000';
    const refused = await browser.post('/log-ind/totrin/opsaet', { code: wrong });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain(
      `Koden er forkert, udløbet eller allerede brugt. Skriv den kode, appen viser nu. Du kan prøve ${MAX_SECOND_FACTOR_ATTEMPTS - 1} gange mere.`,
    );
    expect((await browser.get('/arrangoer')).statusCode).toBe(303);

    const done = await browser.post('/log-ind/totrin/opsaet', { code: right });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('Gem dine gendannelseskoder');
    const codes = [...done.body.matchAll(/<code>([A-Z0-9]{5}-[A-Z0-9]{5})<\/code>/g)].map((m) => m[1]);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    expect(done.body).toContain('href="/arrangoer"');
    expect((await browser.get('/arrangoer')).statusCode).toBe(200);

    // Stored: the codes only as hashes; the audit rows name what happened, never the secret or a code.
    const stored = await db().selectFrom('recovery_code').select('code_hash').execute();
    for (const code of codes) expect(JSON.stringify(stored)).not.toContain(String(code).replace('-', ''));
    const audit = await db()
      .selectFrom('audit')
      .select(['action', 'before_json', 'after_json'])
      .where('actor_label', '=', email)
      .orderBy('at')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'auth.first-factor',
      'auth.second-factor-set-up',
      'auth.sign-in',
    ]);
    const text = JSON.stringify(audit);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(right);
  });

  it('asks every later sign-in for the code: right, reused, expired and wrong codes', async () => {
    const { email, secret } = await organiserWithTotp();
    const { browser, res } = await firstFactor(email);
    expect(res.headers.location).toBe('/log-ind/totrin?next=%2Farrangoer');
    const page = await browser.get('/log-ind/totrin?next=%2Farrangoer');
    expect(page.body).toContain('<h1>Skriv koden fra din app</h1>');
    expect(page.body).not.toContain('totp-secret');

    // The code just used at the setup is spent (the same 30-second step).
    const reused = await browser.post('/log-ind/totrin', {
      code: totpCode(secret, clock.now()),
      next: '/arrangoer',
    });
    expect(reused.statusCode).toBe(400);
    expect(reused.body).toContain('Koden er forkert, udløbet eller allerede brugt.');

    clock.set(new Date(TEST_NOW.getTime() + 5 * STEP_MS));
    // Two steps old is outside the window of ±1 step.
    const expired = await browser.post('/log-ind/totrin', {
      code: totpCode(secret, new Date(clock.now().getTime() - 2 * STEP_MS)),
      next: '/arrangoer',
    });
    expect(expired.statusCode).toBe(400);
    expect((await browser.get('/arrangoer')).statusCode).toBe(303);

    // One step old is still accepted (clocks drift).
    const right = await browser.post('/log-ind/totrin', {
      code: totpCode(secret, new Date(clock.now().getTime() - STEP_MS)),
      next: '/arrangoer',
    });
    expect(right.statusCode).toBe(303);
    expect(right.headers.location).toBe('/arrangoer');
    expect((await browser.get('/arrangoer')).statusCode).toBe(200);

    // That code (and the step before it) cannot sign in a second browser.
    const other = await firstFactor(email);
    await other.browser.get('/log-ind/totrin');
    const again = await other.browser.post('/log-ind/totrin', {
      code: totpCode(secret, new Date(clock.now().getTime() - STEP_MS)),
    });
    expect(again.statusCode).toBe(400);
  });

  it('a recovery code works once, and the page says how many are left', async () => {
    const { email, recovery } = await organiserWithTotp();
    const code = recovery[0] as string;
    const { browser } = await firstFactor(email);
    await browser.get('/log-ind/totrin');
    const used = await browser.post('/log-ind/totrin', { code: code.toLowerCase() });
    expect(used.statusCode).toBe(200);
    expect(used.body).toContain(`Du har ${RECOVERY_CODE_COUNT - 1} tilbage.`);
    expect((await browser.get('/arrangoer')).statusCode).toBe(200);

    const second = await firstFactor(email);
    await second.browser.get('/log-ind/totrin');
    const spent = await second.browser.post('/log-ind/totrin', { code });
    expect(spent.statusCode).toBe(400);
    const audit = await db()
      .selectFrom('audit')
      .select(['after_json'])
      .where('actor_label', '=', email)
      .where('action', '=', 'auth.recovery-code-used')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.after_json).toBe(JSON.stringify({ left: RECOVERY_CODE_COUNT - 1 }));
    expect(JSON.stringify(audit)).not.toContain(code.replace('-', ''));
  });

  it(`ends the pending sign-in after ${MAX_SECOND_FACTOR_ATTEMPTS} wrong codes`, async () => {
    const { email, secret } = await organiserWithTotp();
    clock.set(new Date(TEST_NOW.getTime() + 10 * STEP_MS));
    const { browser } = await firstFactor(email);
    await browser.get('/log-ind/totrin');
    const right = totpCode(secret, clock.now());
    const wrong = right === '999999' ? '999998' : '999999';
    for (let i = 1; i < MAX_SECOND_FACTOR_ATTEMPTS; i++) {
      expect((await browser.post('/log-ind/totrin', { code: wrong })).statusCode).toBe(400);
    }
    const last = await browser.post('/log-ind/totrin', { code: wrong });
    expect(last.statusCode).toBe(400);
    expect(last.body).toContain('Log ind er ikke færdigt');
    // Even the right code now finds nothing to complete.
    const after = await browser.post('/log-ind/totrin', { code: right });
    expect(after.body).toContain('Log ind er ikke færdigt');
    expect((await browser.get('/arrangoer')).statusCode).toBe(303);
    const back = await browser.get('/log-ind/totrin');
    expect(back.headers.location).toBe('/log-ind');
  });

  it('a pending sign-in ends after its minutes', async () => {
    const email = await newOrganiser();
    const { browser } = await firstFactor(email);
    clock.set(new Date(TEST_NOW.getTime() + PENDING_SIGN_IN_MINUTES * 60_000 + 1));
    const page = await browser.get('/log-ind/totrin');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/log-ind');
  });

  it('the code form speaks English', async () => {
    const email = await newOrganiser();
    const { browser } = await firstFactor(email);
    const page = await browser.get('/log-ind/totrin?lang=en');
    expect(page.body).toContain('<h1>Set up two-step verification</h1>');
    const bad = await browser.post('/log-ind/totrin/opsaet?lang=en', { code: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter the code from the app with 6 digits, e.g. 123456.');
  });

  it('anyone signed in may turn it on from their security page; then their sign-in asks for it too', async () => {
    const participant = await addParticipant(db(), uniqueEmail());
    const browser = new Browser(() => app).withSession(await sessionOf(getDb(), participant.email));
    const page = await browser.get('/min-side/sikkerhed');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Totrinsbekræftelse er slået fra.');
    const secret = secretFromPage(page.body);
    const wrong = await browser.post('/min-side/sikkerhed', { code: '12345' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Skriv koden fra appen med 6 cifre');
    const done = await browser.post('/min-side/sikkerhed', { code: totpCode(secret, clock.now()) });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('Gem dine gendannelseskoder');
    expect((await browser.get('/min-side/sikkerhed')).body).toContain(
      `Du har ${RECOVERY_CODE_COUNT} ubrugte gendannelseskoder.`,
    );

    const { token } = await issueSignIn(db(), participant.email, clock.now());
    const next = await signInWithToken(db(), token, clock.now());
    expect(next.ok && next.secondFactor).toBe('verify');
    // A stranger is sent to sign in.
    expect((await new Browser(() => app).get('/min-side/sikkerhed')).statusCode).toBe(303);
  });

  it('limits second-factor codes per account with the 429 page', async () => {
    // Three codes per account in 15 minutes: the setup's code was the first.
    const limited = await createTestApp(getDb(), { clock, env: { RATE_LIMIT_CODE_EMAIL: '3/15m' } });
    try {
      const { email, secret } = await organiserWithTotp();
      const { browser } = await firstFactor(email, new Browser(() => limited));
      await browser.get('/log-ind/totrin');
      const wrong = totpCode(secret, clock.now()) === '111111' ? '111112' : '111111';
      expect((await browser.post('/log-ind/totrin', { code: wrong })).statusCode).toBe(400);
      expect((await browser.post('/log-ind/totrin', { code: wrong })).statusCode).toBe(400);
      const refused = await browser.post('/log-ind/totrin', { code: wrong });
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['retry-after']).toBeDefined();
      expect(refused.body).toContain('Der er skrevet mange koder fra appen på kort tid.');
    } finally {
      await limited.close();
    }
  });

  it('any sign-in of an organiser only half signs in, also one by confirming a registration', async () => {
    const email = await newOrganiser();
    const result = await db()
      .transaction()
      .execute((tx) => signInAccount(tx, email, 'registration', clock.now(), {}));
    if (!result.ok) throw new Error(result.reason);
    expect(result.secondFactor).toBe('setup');
    expect(await sessionAccount(db(), result.session.cookieValue, clock.now())).toBeNull();
    expect(signInDestination(result, '/min-side?besked=confirmed')).toBe(
      '/log-ind/totrin?next=%2Fmin-side%3Fbesked%3Dconfirmed',
    );
    const browser = new Browser(() => app).withSession(result.session.cookieValue);
    expect((await browser.get('/min-side')).statusCode).toBe(303);
    expect((await browser.get('/log-ind/totrin')).body).toContain('Opsæt totrinsbekræftelse');
  });

  it('Min side links to the security page', async () => {
    const participant = await addParticipant(db(), uniqueEmail());
    const browser = new Browser(() => app).withSession(await sessionOf(getDb(), participant.email));
    expect((await browser.get('/min-side')).body).toContain('href="/min-side/sikkerhed"');
  });
});
