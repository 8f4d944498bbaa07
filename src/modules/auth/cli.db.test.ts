import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { createTestApp } from '../../../test/app.ts';
import { uniqueEmail } from '../../../test/auth.ts';
import { sessionOf } from '../../../test/browser.ts';
import { describeEachDialect, TEST_NOW } from '../../../test/db.ts';
import { runCli } from '../../cli.ts';
import { systemClock } from '../../shared/clock.ts';
import { createOrganiser, issueSignIn, signInWithToken } from './service.ts';

// `holdet create-organiser` against the test database (the CLI is handed it instead of opening its own).

describeEachDialect('holdet create-organiser', (getDb) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    // The CLI stamps the token with the real time, so the app must use it too.
    app = await createTestApp(getDb(), { clock: systemClock });
  });
  afterAll(async () => {
    await app?.close();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  async function cli(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
    const env = { NODE_ENV: 'test', BASE_URL: 'https://holdet.example', DATABASE_URL: 'sqlite::memory:' };
    const code = await runCli(argv, env, () => ({ ...getDb(), close: async () => {} }));
    vi.restoreAllMocks();
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('prints a one-time link and code that sign the new organiser in', async () => {
    const result = await cli('create-organiser', '--email', 'Bo@Example.dk', '--name', 'Bo Arrangør');
    expect(result.code).toBe(0);
    expect(result.out).toContain('Organiser account: Bo Arrangør <bo@example.dk>');
    const link = result.out.match(/https:\/\/holdet\.example(\/log-ind\/[A-Za-z0-9_-]{43})\b/)?.[1];
    expect(result.out).toMatch(/Or enter the code \d{6} at https:\/\/holdet\.example\/log-ind\/kode/);
    if (!link) throw new Error(result.out);

    const page = await app.inject(link);
    expect(page.statusCode).toBe(200);
    const csrf = page.body.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
    const cookie = String(page.headers['set-cookie']).split(';')[0] ?? '';
    const res = await app.inject({
      method: 'POST',
      url: link,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(csrf)}`,
    });
    expect(res.statusCode).toBe(303);
    // Half signed in: the organiser sets up the second factor first, then reaches /arrangoer.
    expect(res.headers.location).toBe('/log-ind/totrin?next=%2Farrangoer');
    expect(String(res.headers['set-cookie'])).toContain('holdet_session=');

    const account = await getDb()
      .db.selectFrom('account')
      .selectAll()
      .where('email', '=', 'bo@example.dk')
      .executeTakeFirstOrThrow();
    expect(account).toMatchObject({ role: 'organiser', name: 'Bo Arrangør' });
    expect(account.organiser_id).not.toBeNull();
  });

  it('gives the same account a new link when run again, and accepts --email=…', async () => {
    const result = await cli('create-organiser', '--email=bo@example.dk');
    expect(result.code).toBe(0);
    expect(result.out).toContain('Organiser account: Bo Arrangør <bo@example.dk>');
  });

  it('refuses a missing or invalid email and unknown options', async () => {
    for (const argv of [
      ['create-organiser'],
      ['create-organiser', '--email'],
      ['create-organiser', '--email', 'ikke-en-mail'],
      ['create-organiser', '--email', 'a@example.dk', '--role', 'admin'],
    ]) {
      const result = await cli(...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.err, argv.join(' ')).toContain('Usage: holdet create-organiser');
    }
  });
});

describeEachDialect('holdet reset-second-factor', (getDb) => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  async function cli(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
    const env = { NODE_ENV: 'test', BASE_URL: 'https://holdet.example', DATABASE_URL: 'sqlite::memory:' };
    const code = await runCli(argv, env, () => ({ ...getDb(), close: async () => {} }));
    vi.restoreAllMocks();
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('removes the TOTP and the recovery codes (audited), so the next sign-in sets it up again', async () => {
    const { db } = getDb();
    const email = uniqueEmail('org');
    const made = await createOrganiser(db, { email, name: 'Bo', actorLabel: 'test' }, TEST_NOW);
    if (!made.ok) throw new Error(made.reason);
    // Signing in sets the second factor up, as at a first sign-in.
    await sessionOf(getDb(), email);
    const account = await db
      .selectFrom('account')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    const count = async (table: 'second_factor' | 'recovery_code') =>
      (await db.selectFrom(table).select('account_id').where('account_id', '=', account.id).execute()).length;
    expect(await count('second_factor')).toBe(1);
    expect(await count('recovery_code')).toBe(10);

    const result = await cli('reset-second-factor', '--email', email.toUpperCase());
    expect(result.code).toBe(0);
    expect(result.out).toContain(`The second factor of ${email} is removed`);
    expect(await count('second_factor')).toBe(0);
    expect(await count('recovery_code')).toBe(0);
    const audit = await db
      .selectFrom('audit')
      .select(['actor_label', 'before_json', 'after_json'])
      .where('entity_id', '=', account.id)
      .where('action', '=', 'auth.second-factor-reset')
      .execute();
    expect(audit).toEqual([
      {
        actor_label: 'cli',
        before_json: JSON.stringify({ second_factor: true }),
        after_json: JSON.stringify({ second_factor: false }),
      },
    ]);

    const { token } = await issueSignIn(db, email, TEST_NOW);
    const next = await signInWithToken(db, token, TEST_NOW);
    expect(next.ok && next.secondFactor).toBe('setup');

    const again = await cli('reset-second-factor', '--email', email);
    expect(again.out).toContain('had no second factor');
  });

  it('refuses an unknown account and a missing email', async () => {
    expect((await cli('reset-second-factor', '--email', uniqueEmail('ingen'))).code).toBe(1);
    const usage = await cli('reset-second-factor');
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('Usage: holdet reset-second-factor --email <address>');
  });
});
