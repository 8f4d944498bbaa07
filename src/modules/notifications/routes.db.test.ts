import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/app.ts';
import { uniqueEmail } from '../../../test/auth.ts';
import { Browser, sessionOf } from '../../../test/browser.ts';
import { describeEachDialect, TEST_NOW } from '../../../test/db.ts';
import { ensureAccount } from '../auth/service.ts';
import { choicesOf, choiceToken, notify } from './service.ts';

// Min side → Varsler and the signed link in mails, through the routes on both engines: the choices and their
// defaults, the list marked read on opening, GET of a link changes nothing, POST changes it (audited, no
// token in the audit row), and a tampered or expired link is a Danish page, never a 5xx.

describeEachDialect('notification pages', (getDb) => {
  let app: FastifyInstance;
  let clockAt = TEST_NOW.getTime();
  let email: string;
  let accountId: string;

  beforeAll(async () => {
    app = await createTestApp(getDb(), { clock: { now: () => new Date(clockAt) } });
    email = uniqueEmail('varsler');
    accountId = await ensureAccount(
      getDb().db,
      { email, name: 'Vera Varsel', role: 'participant' },
      TEST_NOW,
    );
  });
  afterAll(async () => {
    await app?.close();
  });

  const browser = async () => new Browser(() => app).withSession(await sessionOf(getDb(), email));
  const audits = () =>
    getDb()
      .db.selectFrom('audit')
      .select(['action', 'actor_label', 'before_json', 'after_json'])
      .where('action', '=', 'notifications.choice')
      .where('entity_id', '=', accountId)
      .orderBy('at')
      .execute();

  it('shows every kind with its default checked and names the digest hour', async () => {
    const res = await (await browser()).get('/min-side/varsler');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>Varsler</h1>');
    expect(res.body.match(/<fieldset/g)).toHaveLength(5);
    expect(res.body).toContain('<legend class="form-label">Spørgsmål til dig</legend>');
    expect(res.body).toMatch(/id="questions" name="questions" value="now" checked/);
    expect(res.body).toMatch(/id="dilemmas-digest" name="dilemmas" value="digest" checked/);
    expect(res.body).toContain('Med det samme på mail (standard)');
    expect(res.body).toContain('kl. 07.00');
    const en = await (await browser()).get('/min-side/varsler?lang=en');
    expect(en.body).toContain('<h1>Notifications</h1>');
    expect(en.body).toContain('Only on the platform');
  });

  it('saves the choices, audited per kind that changed, and shows them', async () => {
    const b = await browser();
    await b.get('/min-side/varsler');
    const res = await b.post('/min-side/varsler', {
      questions: 'now',
      answers: 'digest',
      dilemmas: 'platform',
      messages: 'digest',
      materials: 'digest',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/min-side/varsler?gemt=1');
    const page = await b.get('/min-side/varsler?gemt=1');
    expect(page.body).toContain('Dine valg er gemt.');
    expect(page.body).toMatch(/name="answers" value="digest" checked/);
    expect(page.body).toMatch(/name="dilemmas" value="platform" checked/);
    const rows = await audits();
    expect(rows.map((r) => JSON.parse(r.after_json ?? '{}'))).toEqual([
      { kind: 'answers', choice: 'digest', via: 'settings' },
      { kind: 'dilemmas', choice: 'platform', via: 'settings' },
    ]);
    expect(rows[0]?.actor_label).toBe(email);
  });

  it('refuses a form without a valid choice next to the field, keeping what was posted, and stores nothing', async () => {
    const b = await browser();
    await b.get('/min-side/varsler');
    const before = await choicesOf(getDb().db, accountId);
    const res = await b.post('/min-side/varsler', { questions: 'platform', answers: 'sometimes\u0000' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Der er fejl i formularen');
    expect(res.body).toContain('href="#answers"');
    expect(res.body).toMatch(/name="questions" value="platform" checked/);
    expect(await choicesOf(getDb().db, accountId)).toEqual(before);
  });

  it('lists the newest notifications first, marks the unread, and opening the list reads them', async () => {
    const db = getDb().db;
    const item = (key: string, subject: string, minutes: number) =>
      db.transaction().execute((tx) =>
        notify(
          tx,
          [
            {
              accountId,
              kind: 'messages',
              seriesId: null,
              subject: { da: subject, en: `${subject} (en)` },
              text: { da: 'Tekst', en: 'Text' },
              path: `/mit-hold/x/beskeder/${key}`,
              key,
            },
          ],
          new Date(TEST_NOW.getTime() + minutes * 60_000),
        ),
      );
    await item('message:old', 'Den gamle besked', 1);
    await item('message:new', 'Den nye besked', 2);
    const b = await browser();
    const first = await b.get('/min-side/varsler');
    const list = first.body.slice(first.body.indexOf('Seneste varsler'));
    expect(list.indexOf('Den nye besked')).toBeLessThan(list.indexOf('Den gamle besked'));
    expect(list).toContain('href="/mit-hold/x/beskeder/message:new"');
    expect(list.match(/holdet-tag-new/g)).toHaveLength(2);
    const again = await b.get('/min-side/varsler');
    expect(again.body.slice(again.body.indexOf('Seneste varsler'))).not.toContain('holdet-tag-new');
  });

  it('opens a link from a mail without signing in: GET changes nothing, POST changes the one kind', async () => {
    const token = await choiceToken(getDb().db, accountId, 'materials', new Date(clockAt));
    const anonymous = new Browser(() => app);
    const shown = await anonymous.get(`/varsler/${token}`);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('Skift dit valg for varsler');
    expect(shown.body).toContain(
      '<legend class="form-label">Hvordan vil du have besked om nye materialer?</legend>',
    );
    expect((await choicesOf(getDb().db, accountId)).materials).toEqual({ choice: 'digest', chosen: true });
    const auditsBefore = (await audits()).length;

    const posted = await anonymous.post(`/varsler/${token}`, { choice: 'platform' });
    expect(posted.statusCode).toBe(303);
    expect((await choicesOf(getDb().db, accountId)).materials).toEqual({ choice: 'platform', chosen: true });
    const after = await anonymous.get(posted.headers.location as string);
    expect(after.body).toContain('Gemt. Nye materialer: kun på platformen.');
    const rows = await audits();
    expect(rows).toHaveLength(auditsBefore + 1);
    const last = rows[rows.length - 1];
    expect(JSON.parse(last?.after_json ?? '{}')).toEqual({
      kind: 'materials',
      choice: 'platform',
      via: 'mail-link',
    });
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(JSON.stringify(rows)).not.toContain(token.split('.')[1]);
  });

  it('answers a tampered link with a Danish 404 and an expired one with a 400, GET and POST, never a 5xx', async () => {
    const token = await choiceToken(getDb().db, accountId, 'questions', new Date(clockAt));
    const [payload, signature] = token.split('.') as [string, string];
    // The same signature on another kind (byte 16) or another account (byte 0), and a flipped signature.
    const bytes = Buffer.from(payload, 'base64url');
    const otherKind = Buffer.from(bytes);
    otherKind[16] = 1;
    const otherAccount = Buffer.from(bytes);
    otherAccount[0] = (otherAccount[0] ?? 0) ^ 1;
    const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    const anonymous = new Browser(() => app);
    for (const bad of [
      `${otherKind.toString('base64url')}.${signature}`,
      `${otherAccount.toString('base64url')}.${signature}`,
      `${payload}.${flipped}`,
      `${payload}.`,
      'x',
    ]) {
      const get = await anonymous.get(`/varsler/${bad}`);
      expect(get.statusCode, bad).toBe(404);
      expect(get.body).toContain('Linket virker ikke');
      expect(get.body).toContain('ikke gyldigt');
    }
    // Over-long or malformed: the router's own Danish pages, still no 5xx.
    for (const bad of [`${'a'.repeat(150)}.${signature}`, '%ff']) {
      const get = await anonymous.get(`/varsler/${bad}`);
      expect([400, 404], bad).toContain(get.statusCode);
      expect(get.body).toContain('lang="da"');
    }
    const before = await choicesOf(getDb().db, accountId);
    const withToken = new Browser(() => app);
    await withToken.get(`/varsler/${token}`);
    const post = await withToken.post(`/varsler/${payload}.${flipped}`, { choice: 'platform' });
    expect(post.statusCode).toBe(404);
    expect(await choicesOf(getDb().db, accountId)).toEqual(before);

    clockAt = TEST_NOW.getTime() + 61 * 24 * 3600_000;
    try {
      const expired = await withToken.get(`/varsler/${token}`);
      expect(expired.statusCode).toBe(400);
      expect(expired.body).toContain('Linket til at skifte dit valg er udløbet.');
      const expiredPost = await withToken.post(`/varsler/${token}`, { choice: 'platform' });
      expect(expiredPost.statusCode).toBe(400);
      expect(await choicesOf(getDb().db, accountId)).toEqual(before);
    } finally {
      clockAt = TEST_NOW.getTime();
    }
  });
});
