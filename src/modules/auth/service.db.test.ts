import { beforeEach, expect, it } from 'vitest';
import { addParticipant, latestSignInMail, uniqueEmail } from '../../../test/auth.ts';
import { describeEachDialect, TEST_NOW } from '../../../test/db.ts';
import { DEFAULT_RATE_LIMITS } from '../limits/rules.ts';
import { LOGIN_TOKEN_TTL_MS, MAX_CODE_ATTEMPTS, SESSION_TTL_MS } from './rules.ts';
import {
  checkSignInToken,
  createOrganiser,
  deleteEndedSessions,
  ensureAccount,
  issueSignIn,
  requestSignIn,
  sessionAccount,
  sha256,
  signInAccount,
  signInWithCode,
  signInWithToken,
  signOut,
  signOutEverywhere,
} from './service.ts';

const BASE = 'http://holdet.test';
const at = (ms: number) => new Date(TEST_NOW.getTime() + ms);

describeEachDialect('auth service', (getDb) => {
  const db = () => getDb().db;
  const request = (email: string, ip = '192.0.2.1', now = TEST_NOW) =>
    requestSignIn(db(), { email, ip, baseUrl: BASE, lang: 'da' }, now);

  beforeEach(async () => {
    await db().deleteFrom('rate_limit').execute();
  });

  it('makes one account per lower-cased email and never downgrades an organiser', async () => {
    const email = uniqueEmail();
    const id = await ensureAccount(
      db(),
      { email: ` ${email.toUpperCase()} `, name: 'Ane', role: 'participant' },
      TEST_NOW,
    );
    expect(await ensureAccount(db(), { email, name: 'Ane', role: 'participant' }, TEST_NOW)).toBe(id);
    const row = await db().selectFrom('account').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ email, name: 'Ane', role: 'participant', organiser_id: null });

    const organiserId = (await db().selectFrom('organiser').select('id').executeTakeFirstOrThrow()).id;
    await ensureAccount(db(), { email, name: 'Ane O', role: 'organiser', organiserId }, TEST_NOW);
    await ensureAccount(db(), { email, name: 'Someone else', role: 'participant' }, TEST_NOW);
    const after = await db().selectFrom('account').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ role: 'organiser', name: 'Ane O', organiser_id: organiserId });
  });

  it('gives two parallel calls for a new email the same account', async () => {
    const email = uniqueEmail();
    const ids = await Promise.all(
      Array.from({ length: 4 }, () =>
        db()
          .transaction()
          .execute((tx) => ensureAccount(tx, { email, name: 'Ane', role: 'participant' }, TEST_NOW)),
      ),
    );
    expect(new Set(ids).size).toBe(1);
  });

  it('mails a link and a code to a known email, in Danish or English', async () => {
    const { email } = await addParticipant(db());
    expect(await request(email.toUpperCase())).toEqual({ status: 'sent' });
    const sent = await latestSignInMail(db(), email);
    expect(sent?.url).toBe(`${BASE}/log-ind/${sent?.token}`);
    expect(sent?.mail.subject).toMatch(/^Log ind hos Væksthuset/);
    expect(sent?.mail.text_body).toContain('20 minutter');
    expect(sent?.mail.html_body).toContain(sent?.url);
    expect(sent?.mail.status).toBe('pending');

    await requestSignIn(
      db(),
      { email, ip: '192.0.2.1', baseUrl: BASE, lang: 'en', next: '/min-side' },
      at(1000),
    );
    const english = await latestSignInMail(db(), email);
    expect(english?.mail.subject).toMatch(/^Sign in to Væksthuset/);
    expect(english?.mail.text_body).toContain('20 minutes');
    expect(english?.url).toBe(`${BASE}/log-ind/${english?.token}?next=%2Fmin-side`);
  });

  it('answers an unknown email the same way, without a mail or a token', async () => {
    const email = uniqueEmail('ukendt');
    expect(await request(email)).toEqual({ status: 'sent' });
    expect(await latestSignInMail(db(), email)).toBeNull();
    const tokens = await db().selectFrom('login_token').select('id').where('email', '=', email).execute();
    expect(tokens).toEqual([]);
  });

  it('stores only hashes: the raw token, code and session id are nowhere in the auth tables', async () => {
    const { email } = await addParticipant(db());
    await request(email);
    const sent = await latestSignInMail(db(), email);
    if (!sent) throw new Error('no mail');
    const result = await signInWithCode(db(), { email, code: sent.code }, TEST_NOW);
    if (!result.ok) throw new Error(result.reason);
    const tables = await Promise.all([
      db().selectFrom('login_token').selectAll().execute(),
      db().selectFrom('web_session').selectAll().execute(),
      db().selectFrom('rate_limit').selectAll().execute(),
      db().selectFrom('audit').selectAll().execute(),
    ]);
    const dump = JSON.stringify(tables);
    for (const secret of [sent.token, result.session.cookieValue]) expect(dump).not.toContain(secret);
    const token = await db()
      .selectFrom('login_token')
      .selectAll()
      .where('token_hash', '=', sha256(sent.token))
      .executeTakeFirstOrThrow();
    expect(token.code_hash).not.toContain(sent.code);
    expect(token.code_hash).toMatch(/^[0-9a-f]{64}$/);
    // Rate-limit keys hold a hash of the address, not the address.
    expect(JSON.stringify(tables[2])).not.toContain(email);
  });

  it('spends a link once; a second use is refused as used', async () => {
    const { email, name } = await addParticipant(db());
    const { token } = await issueSignIn(db(), email, TEST_NOW);
    expect(await checkSignInToken(db(), token, TEST_NOW)).toBe('usable');
    expect(await checkSignInToken(db(), token, TEST_NOW)).toBe('usable');
    const first = await signInWithToken(db(), token, TEST_NOW);
    expect(first.ok && first.account).toMatchObject({ email, name, role: 'participant' });
    expect(await signInWithToken(db(), token, TEST_NOW)).toEqual({ ok: false, reason: 'used' });
    expect(await checkSignInToken(db(), token, TEST_NOW)).toBe('used');
  });

  it('expires a link and its code 20 minutes after they were sent', async () => {
    const { email } = await addParticipant(db());
    const justInTime = await issueSignIn(db(), email, TEST_NOW);
    expect((await signInWithToken(db(), justInTime.token, at(LOGIN_TOKEN_TTL_MS - 1))).ok).toBe(true);

    const late = await issueSignIn(db(), email, TEST_NOW);
    expect(await checkSignInToken(db(), late.token, at(LOGIN_TOKEN_TTL_MS))).toBe('expired');
    expect(await signInWithToken(db(), late.token, at(LOGIN_TOKEN_TTL_MS))).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(await signInWithCode(db(), { email, code: late.code }, at(LOGIN_TOKEN_TTL_MS))).toEqual({
      ok: false,
      reason: 'wrong_code',
    });
    // Still usable before it expired: refusing it was not a side effect.
    expect((await signInWithCode(db(), { email, code: late.code }, at(LOGIN_TOKEN_TTL_MS - 1))).ok).toBe(
      true,
    );
  });

  it('refuses unknown and malformed tokens', async () => {
    expect(await signInWithToken(db(), 'x'.repeat(43), TEST_NOW)).toEqual({ ok: false, reason: 'unknown' });
    expect(await signInWithToken(db(), "' or 1=1 --", TEST_NOW)).toEqual({ ok: false, reason: 'unknown' });
    expect(await checkSignInToken(db(), '', TEST_NOW)).toBe('unknown');
  });

  it('signs in with the code, also the code of an earlier mail that is still valid', async () => {
    const { email } = await addParticipant(db());
    const first = await issueSignIn(db(), email, TEST_NOW);
    await issueSignIn(db(), email, at(60_000));
    const result = await signInWithCode(db(), { email: email.toUpperCase(), code: first.code }, at(120_000));
    expect(result.ok).toBe(true);
    // The code spent its token: the link of the same mail is now used.
    expect(await signInWithToken(db(), first.token, at(120_000))).toEqual({ ok: false, reason: 'used' });
  });

  it('disables the CODE of a mail after 5 wrong codes, from wherever; its link still signs in', async () => {
    const { email } = await addParticipant(db());
    const { token, code } = await issueSignIn(db(), email, TEST_NOW);
    const wrong = code === '000000' ? '000001' : '000000';
    for (let i = 0; i < MAX_CODE_ATTEMPTS; i++) {
      expect(await signInWithCode(db(), { email, code: wrong, ip: '198.51.100.7' }, TEST_NOW)).toEqual({
        ok: false,
        reason: 'wrong_code',
      });
    }
    // The right code, even from another address, no longer works: 6 digits cannot be worked through.
    expect(await signInWithCode(db(), { email, code, ip: '203.0.113.8' }, TEST_NOW)).toEqual({
      ok: false,
      reason: 'wrong_code',
    });
    expect(await checkSignInToken(db(), token, TEST_NOW)).toBe('usable');
    expect((await signInWithToken(db(), token, TEST_NOW)).ok).toBe(true);
  });

  it('accepts the right code as the fifth try', async () => {
    const { email } = await addParticipant(db());
    const { code } = await issueSignIn(db(), email, TEST_NOW);
    const wrong = code === '000000' ? '000001' : '000000';
    for (let i = 0; i < MAX_CODE_ATTEMPTS - 1; i++)
      await signInWithCode(db(), { email, code: wrong }, TEST_NOW);
    expect((await signInWithCode(db(), { email, code }, TEST_NOW)).ok).toBe(true);
  });

  it('counts parallel wrong guesses too: never more than 5 tries per mail', async () => {
    const { email } = await addParticipant(db());
    const { token, code } = await issueSignIn(db(), email, TEST_NOW);
    const wrong = code === '000000' ? '000001' : '000000';
    await Promise.all(
      Array.from({ length: 12 }, () => signInWithCode(db(), { email, code: wrong }, TEST_NOW)),
    );
    const row = await db()
      .selectFrom('login_token')
      .select('attempts')
      .where('token_hash', '=', sha256(token))
      .executeTakeFirstOrThrow();
    expect(row.attempts).toBe(MAX_CODE_ATTEMPTS);
    expect((await signInWithCode(db(), { email, code }, TEST_NOW)).ok).toBe(false);
  });

  it('lets exactly one of two parallel uses of a link win, with exactly one session', async () => {
    const { id, email } = await addParticipant(db());
    const { token, code } = await issueSignIn(db(), email, TEST_NOW);
    const results = await Promise.all([
      signInWithToken(db(), token, TEST_NOW),
      signInWithToken(db(), token, TEST_NOW),
      signInWithCode(db(), { email, code }, TEST_NOW),
      signInWithToken(db(), token, TEST_NOW),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const sessions = await db()
      .selectFrom('web_session')
      .select('id_hash')
      .where('account_id', '=', id)
      .execute();
    expect(sessions).toHaveLength(1);
  });

  it('limits sign-in mails per email: 5 per 15 minutes, then the same answer for known and unknown', async () => {
    const { email } = await addParticipant(db());
    const unknown = uniqueEmail('ukendt');
    for (let i = 0; i < DEFAULT_RATE_LIMITS.signInEmail.max; i++) {
      expect(await request(email, `198.51.100.${i}`)).toEqual({ status: 'sent' });
      expect(await request(unknown, `198.51.100.${i}`)).toEqual({ status: 'sent' });
    }
    const windowEnd = new Date('2026-03-02T12:15:00.000Z');
    expect(await request(email, '203.0.113.9')).toEqual({ status: 'rate_limited', retryAt: windowEnd });
    expect(await request(unknown, '203.0.113.9')).toEqual({ status: 'rate_limited', retryAt: windowEnd });
    const mails = await db().selectFrom('outbox').select('id').where('to_address', '=', email).execute();
    expect(mails).toHaveLength(DEFAULT_RATE_LIMITS.signInEmail.max);
    // The next window starts over.
    expect(await request(email, '203.0.113.9', at(DEFAULT_RATE_LIMITS.signInEmail.windowMs))).toEqual({
      status: 'sent',
    });
  });

  it('limits sign-in mails per IP address: 60 per 15 minutes, whatever the emails', async () => {
    const ip = '203.0.113.50';
    expect(DEFAULT_RATE_LIMITS.signInIp).toEqual({ max: 60, windowMs: 15 * 60_000 });
    for (let i = 0; i < DEFAULT_RATE_LIMITS.signInIp.max; i++) {
      expect(await request(uniqueEmail('ip'), ip)).toEqual({ status: 'sent' });
    }
    const { email } = await addParticipant(db());
    expect(await request(email, ip)).toMatchObject({ status: 'rate_limited' });
    expect(await latestSignInMail(db(), email)).toBeNull();
    expect(await request(email, '203.0.113.51')).toEqual({ status: 'sent' });
  });

  it('finds the account behind a session for 30 days at most (however busy), and not after sign-out', async () => {
    const { id, email } = await addParticipant(db());
    const { token } = await issueSignIn(db(), email, TEST_NOW);
    const result = await signInWithToken(db(), token, TEST_NOW);
    if (!result.ok) throw new Error(result.reason);
    const cookie = result.session.cookieValue;
    expect(cookie).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // With 30 idle days allowed only the maximum counts.
    expect(await sessionAccount(db(), cookie, at(SESSION_TTL_MS - 1), 30)).toEqual({
      id,
      email,
      name: 'Ane Deltager',
      role: 'participant',
    });
    expect(await sessionAccount(db(), cookie, at(SESSION_TTL_MS), 30)).toBeNull();
    // An ended session is deleted when it is met.
    expect(
      await db().selectFrom('web_session').select('id_hash').where('account_id', '=', id).execute(),
    ).toEqual([]);
    const again = await signInWithToken(db(), (await issueSignIn(db(), email, TEST_NOW)).token, TEST_NOW);
    if (!again.ok) throw new Error(again.reason);
    expect(await sessionAccount(db(), 'not a session', TEST_NOW)).toBeNull();

    const second = again.session.cookieValue;
    expect(await sessionAccount(db(), second, at(1000))).toMatchObject({ id });
    await signOut(db(), second, at(1000));
    expect(await sessionAccount(db(), second, at(1000))).toBeNull();
    const audit = await db()
      .selectFrom('audit')
      .select(['action', 'actor_label', 'after_json'])
      .where('entity_id', '=', id)
      .orderBy('at')
      .execute();
    expect(audit).toEqual([
      { action: 'auth.sign-in', actor_label: email, after_json: '{"method":"link"}' },
      { action: 'auth.sign-in', actor_label: email, after_json: '{"method":"link"}' },
      { action: 'auth.sign-out', actor_label: email, after_json: null },
    ]);
  });

  it('replaces the browser’s previous session when someone signs in again', async () => {
    const { id, email } = await addParticipant(db());
    const first = await signInWithToken(db(), (await issueSignIn(db(), email, TEST_NOW)).token, TEST_NOW);
    if (!first.ok) throw new Error(first.reason);
    const second = await signInWithToken(db(), (await issueSignIn(db(), email, TEST_NOW)).token, TEST_NOW, {
      replaceSession: first.session.cookieValue,
    });
    expect(second.ok).toBe(true);
    expect(await sessionAccount(db(), first.session.cookieValue, TEST_NOW)).toBeNull();
    const sessions = await db()
      .selectFrom('web_session')
      .select('id_hash')
      .where('account_id', '=', id)
      .execute();
    expect(sessions).toHaveLength(1);
  });

  it('creates an organiser account tied to the site’s organiser, with a one-time link', async () => {
    const email = uniqueEmail('arrangoer');
    const made = await createOrganiser(db(), { email, name: 'Bo Arrangør', actorLabel: 'cli' }, TEST_NOW);
    if (!made.ok) throw new Error(made.reason);
    const organiser = await db().selectFrom('organiser').select('id').executeTakeFirstOrThrow();
    const account = await db()
      .selectFrom('account')
      .selectAll()
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    expect(account).toMatchObject({ role: 'organiser', name: 'Bo Arrangør', organiser_id: organiser.id });
    const result = await signInWithToken(db(), made.token, TEST_NOW);
    expect(result.ok && result.account.role).toBe('organiser');

    // Again, without a name: the same account, a new link, the name kept.
    const again = await createOrganiser(db(), { email, actorLabel: 'cli' }, TEST_NOW);
    expect(again.ok && again.accountId).toBe(account.id);
    expect(again.ok && again.name).toBe('Bo Arrangør');
    const actions = await db()
      .selectFrom('audit')
      .select('action')
      .where('entity_id', '=', account.id)
      .orderBy('at')
      .execute();
    expect(actions.map((a) => a.action)).toContain('account.create-organiser');
    expect(actions.map((a) => a.action)).toContain('auth.issue-link');
  });

  it('ends a session unused for the idle days (default 7), and keeps a used one alive', async () => {
    const { id, email } = await addParticipant(db());
    const day = 24 * 3600_000;
    const idle = await signInWithToken(db(), (await issueSignIn(db(), email, TEST_NOW)).token, TEST_NOW);
    const used = await signInWithToken(db(), (await issueSignIn(db(), email, TEST_NOW)).token, TEST_NOW);
    if (!idle.ok || !used.ok) throw new Error('no sign-in');
    // The used one is seen every 3 days; the idle one never again.
    for (const d of [3, 6, 9]) {
      expect(await sessionAccount(db(), used.session.cookieValue, at(d * day))).toMatchObject({ id });
    }
    expect(await sessionAccount(db(), idle.session.cookieValue, at(9 * day))).toBeNull();
    const left = await db()
      .selectFrom('web_session')
      .select('id_hash')
      .where('account_id', '=', id)
      .execute();
    expect(left).toEqual([{ id_hash: sha256(used.session.cookieValue) }]);
    // A shorter setting ends it sooner.
    expect(await sessionAccount(db(), used.session.cookieValue, at(11 * day), 1)).toBeNull();
  });

  it('writes last_seen_at at most once an hour, so most requests only read', async () => {
    const { email } = await addParticipant(db());
    const result = await signInWithToken(db(), (await issueSignIn(db(), email, TEST_NOW)).token, TEST_NOW);
    if (!result.ok) throw new Error(result.reason);
    const cookie = result.session.cookieValue;
    const seen = async () =>
      (
        await db()
          .selectFrom('web_session')
          .select('last_seen_at')
          .where('id_hash', '=', sha256(cookie))
          .executeTakeFirstOrThrow()
      ).last_seen_at;
    expect(await seen()).toBe(TEST_NOW.toISOString());
    await sessionAccount(db(), cookie, at(59 * 60_000));
    expect(await seen()).toBe(TEST_NOW.toISOString());
    await sessionAccount(db(), cookie, at(61 * 60_000));
    expect(await seen()).toBe(at(61 * 60_000).toISOString());
  });

  it('deletes every ended session in one sweep, expired and idle, and keeps live ones', async () => {
    const { email } = await addParticipant(db());
    const old = await signInWithToken(db(), (await issueSignIn(db(), email, TEST_NOW)).token, TEST_NOW);
    const later = at(8 * 24 * 3600_000);
    const fresh = await signInWithToken(db(), (await issueSignIn(db(), email, later)).token, later);
    if (!old.ok || !fresh.ok) throw new Error('no sign-in');
    expect(await deleteEndedSessions(db(), later, 7)).toBeGreaterThanOrEqual(1);
    const hashes = (await db().selectFrom('web_session').select('id_hash').execute()).map((r) => r.id_hash);
    expect(hashes).not.toContain(sha256(old.session.cookieValue));
    expect(hashes).toContain(sha256(fresh.session.cookieValue));
  });

  it('signs out everywhere: every session of the account ends, audited; others stay', async () => {
    const { id, email } = await addParticipant(db());
    const other = await addParticipant(db());
    const sessions = [];
    for (const who of [email, email, email, other.email]) {
      const r = await signInWithToken(db(), (await issueSignIn(db(), who, TEST_NOW)).token, TEST_NOW);
      if (!r.ok) throw new Error(r.reason);
      sessions.push(r.session.cookieValue);
    }
    const [a, b, c, theirs] = sessions as [string, string, string, string];
    expect(await signOutEverywhere(db(), b, at(1000))).toBe(3);
    for (const cookie of [a, b, c]) expect(await sessionAccount(db(), cookie, at(2000))).toBeNull();
    expect(await sessionAccount(db(), theirs, at(2000))).toMatchObject({ id: other.id });
    const audit = await db()
      .selectFrom('audit')
      .select(['action', 'actor_label', 'after_json'])
      .where('entity_id', '=', id)
      .where('action', '=', 'auth.sign-out-everywhere')
      .execute();
    expect(audit).toEqual([
      { action: 'auth.sign-out-everywhere', actor_label: email, after_json: '{"sessions":3}' },
    ]);
    expect(await signOutEverywhere(db(), b, at(3000))).toBeNull();
  });

  it('signs in an account for a confirmed registration inside the caller’s transaction, audited without secrets', async () => {
    const { id, email } = await addParticipant(db());
    const result = await db()
      .transaction()
      .execute((tx) => signInAccount(tx, email.toUpperCase(), 'registration', TEST_NOW, {}));
    if (!result.ok) throw new Error(result.reason);
    expect(result.account).toMatchObject({ id, email });
    expect(await sessionAccount(db(), result.session.cookieValue, TEST_NOW)).toMatchObject({ id });
    const audit = await db()
      .selectFrom('audit')
      .select(['after_json', 'before_json'])
      .where('entity_id', '=', id)
      .where('action', '=', 'auth.sign-in')
      .execute();
    expect(audit).toEqual([{ after_json: '{"method":"registration"}', before_json: null }]);
    expect(
      await db()
        .transaction()
        .execute((tx) => signInAccount(tx, uniqueEmail('ingen'), 'registration', TEST_NOW, {})),
    ).toEqual({ ok: false, reason: 'unknown' });
  });

  it('audits a code sign-in with its method only, never the code or the token', async () => {
    const { id, email } = await addParticipant(db());
    const { token, code } = await issueSignIn(db(), email, TEST_NOW);
    const result = await signInWithCode(db(), { email, code, ip: '192.0.2.40' }, TEST_NOW);
    if (!result.ok) throw new Error(result.reason);
    const rows = await db().selectFrom('audit').selectAll().where('entity_id', '=', id).execute();
    expect(rows.map((r) => r.after_json)).toEqual(['{"method":"code"}']);
    const dump = JSON.stringify(rows);
    for (const secret of [token, code, result.session.cookieValue, sha256(token)]) {
      expect(dump).not.toContain(secret);
    }
  });

  it('limits the code form per IP and per email, with when to try again', async () => {
    const { email } = await addParticipant(db());
    const { code } = await issueSignIn(db(), email, TEST_NOW);
    const wrong = code === '000000' ? '000001' : '000000';
    const limits = {
      ...DEFAULT_RATE_LIMITS,
      codeIp: { max: 3, windowMs: 15 * 60_000 },
      codeEmail: { max: 4, windowMs: 15 * 60_000 },
    };
    const ip = '198.51.100.77';
    for (let i = 0; i < 3; i++) {
      expect(
        await signInWithCode(db(), { email: uniqueEmail(), code: wrong, ip }, TEST_NOW, {}, limits),
      ).toEqual({ ok: false, reason: 'wrong_code' });
    }
    const retryAt = new Date('2026-03-02T12:15:00.000Z');
    expect(await signInWithCode(db(), { email, code, ip }, TEST_NOW, {}, limits)).toEqual({
      ok: false,
      reason: 'rate_limited',
      retryAt,
    });
    // Per email, from addresses all different.
    for (let i = 0; i < 4; i++) {
      await signInWithCode(db(), { email, code: wrong, ip: `203.0.113.${i}` }, TEST_NOW, {}, limits);
    }
    expect(await signInWithCode(db(), { email, code, ip: '203.0.113.99' }, TEST_NOW, {}, limits)).toEqual({
      ok: false,
      reason: 'rate_limited',
      retryAt,
    });
  });
});

describeEachDialect(
  'auth service without an organiser',
  (getDb) => {
    it('refuses to create an organiser account when the site has no organiser', async () => {
      expect(
        await createOrganiser(getDb().db, { email: 'a@example.dk', actorLabel: 'cli' }, TEST_NOW),
      ).toEqual({ ok: false, reason: 'no_organiser' });
    });
  },
  { prepare: 'migrate' },
);
