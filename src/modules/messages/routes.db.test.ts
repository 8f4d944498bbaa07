import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/app.ts';
import { uniqueEmail } from '../../../test/auth.ts';
import { Browser, organiserBrowser, sessionOf } from '../../../test/browser.ts';
import { describeEachDialect, TEST_NOW } from '../../../test/db.ts';
import { SLUG_2021, SLUG_2027, seriesIdOf } from '../../../test/fixtures.ts';
import { registerConfirmed, registrationTestDeps, validForm } from '../../../test/registration.ts';
import { CONFIRM_FIELD } from '../../shared/personal-data.ts';
import { ensureAccount } from '../auth/service.ts';
import { DEMO_PEOPLE } from '../people/demo.ts';
import { grantRole } from '../people/service.ts';
import { parseRegistration } from '../registration/schemas.ts';
import { DEMO_ANNOUNCEMENT_TITLE } from './demo.ts';

// The messages pages for each kind of person, on both engines: announcements to the groups chosen (and the
// mails through the notifications module), read state, the private threads with the organiser, the
// personal-data guard on every post, and a 404 for everyone the rules leave out.

const HOME = `/mit-hold/${SLUG_2027}`;
const BASE = `${HOME}/beskeder`;
const THREAD = `/min-side/beskeder/${SLUG_2027}`;

describeEachDialect('messages pages', (getDb) => {
  let app: FastifyInstance;
  const emails: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let seriesId: string;

  beforeAll(async () => {
    const database = getDb();
    const db = database.db;
    app = await createTestApp(database);
    const { deps } = registrationTestDeps(database);
    const parsed = (n: number, email: string) => {
      const p = parseRegistration(validForm(n, { participant_email: email }));
      if (!p.ok) throw new Error('test form invalid');
      return p.form;
    };
    emails.participant = uniqueEmail('deltager');
    expect((await registerConfirmed(deps, SLUG_2027, parsed(1, emails.participant)))?.kind).toBe('confirmed');
    emails.other = uniqueEmail('deltager');
    expect((await registerConfirmed(deps, SLUG_2027, parsed(2, emails.other)))?.kind).toBe('confirmed');
    seriesId = await seriesIdOf(db, SLUG_2027);
    const session = await db
      .selectFrom('session')
      .select('id')
      .where('series_id', '=', seriesId)
      .orderBy('ordinal')
      .executeTakeFirstOrThrow();
    emails.substitute = uniqueEmail('stedfortraeder');
    const subId = await ensureAccount(
      db,
      { email: emails.substitute, name: 'Stine', role: 'participant' },
      TEST_NOW,
    );
    await db.transaction().execute((tx) =>
      grantRole(
        tx,
        {
          accountId: subId,
          role: 'substitute',
          seriesId,
          sessionId: session.id,
          by: { accountId: null, label: 'test' },
        },
        TEST_NOW,
      ),
    );
    emails.stranger = uniqueEmail('fremmed');
    await ensureAccount(db, { email: emails.stranger, name: 'Fremmed', role: 'participant' }, TEST_NOW);
    emails.expert = DEMO_PEOPLE.caswell.email;
    emails.facilitator = DEMO_PEOPLE.kongsgaard.email;
    for (const who of ['participant', 'other', 'substitute', 'expert', 'facilitator']) {
      const a = await db
        .selectFrom('account')
        .select('id')
        .where('email', '=', emails[who] ?? '')
        .executeTakeFirstOrThrow();
      ids[who] = a.id;
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  const as = async (who: string) =>
    who === 'organiser'
      ? organiserBrowser(() => app, getDb())
      : new Browser(() => app).withSession(await sessionOf(getDb(), emails[who] ?? ''));
  const status = async (who: string, url: string) => (await (await as(who)).get(url)).statusCode;

  /** The facilitator announces through the form; returns the new announcement's path. */
  async function announce(title: string, groups: ('participants' | 'substitutes' | 'experts')[]) {
    const b = await as('facilitator');
    await b.get(`${BASE}/ny`);
    const form: Record<string, string> = { subject: title, body: `Tekst til **${title}**` };
    for (const g of groups) form[`to_${g}`] = 'ja';
    const res = await b.post(`${BASE}/ny`, form);
    expect(res.statusCode).toBe(303);
    const path = String(res.headers.location).split('?')[0] ?? '';
    expect(path).toMatch(new RegExp(`^${BASE}/[0-9a-f-]+$`));
    return path;
  }

  const notified = async (key: string) =>
    (
      await getDb()
        .db.selectFrom('notification')
        .select(['account_id', 'kind', 'subject_da', 'text_da', 'path'])
        .where('dedup_key', '=', key)
        .execute()
    ).sort((a, b) => a.account_id.localeCompare(b.account_id));

  describe('announcements', () => {
    it('reach the participants only when they were chosen: not the substitute, not the expert', async () => {
      const path = await announce('Kun til deltagerne', ['participants']);
      expect(await status('participant', path)).toBe(200);
      expect(await status('other', path)).toBe(200);
      expect(await status('facilitator', path)).toBe(200);
      expect(await status('organiser', path)).toBe(200);
      expect(await status('substitute', path)).toBe(404);
      expect(await status('expert', path)).toBe(404);
      expect(await status('stranger', path)).toBe(404);
      const list = await (await as('substitute')).get(BASE);
      expect(list.statusCode).toBe(200);
      expect(list.body).not.toContain('Kun til deltagerne');
      // Told through notify (kind messages), every participant once, never the author.
      const id = path.split('/').pop() ?? '';
      const rows = await notified(`announcement:${id}`);
      const told = new Set(rows.map((r) => r.account_id));
      expect(told.has(ids.participant ?? '')).toBe(true);
      expect(told.has(ids.other ?? '')).toBe(true);
      expect(told.has(ids.facilitator ?? '')).toBe(false);
      expect(told.has(ids.substitute ?? '')).toBe(false);
      expect(told.has(ids.expert ?? '')).toBe(false);
      expect(rows.every((r) => r.kind === 'messages' && r.path === path)).toBe(true);
      expect(rows[0]?.subject_da).toContain('Kun til deltagerne');
    });

    it('reach a substitute only when substitutes were chosen, an expert only when experts were', async () => {
      const toSubs = await announce('Til stedfortræderne', ['substitutes']);
      expect(await status('substitute', toSubs)).toBe(200);
      expect(await status('expert', toSubs)).toBe(404);
      expect(await status('participant', toSubs)).toBe(404);
      const toExperts = await announce('Til eksperterne', ['experts']);
      expect(await status('expert', toExperts)).toBe(200);
      expect(await status('substitute', toExperts)).toBe(404);
      const told = new Set(
        (await notified(`announcement:${toSubs.split('/').pop()}`)).map((r) => r.account_id),
      );
      expect(told.has(ids.substitute ?? '')).toBe(true);
      expect(told.has(ids.participant ?? '')).toBe(false);
      const toldExperts = new Set(
        (await notified(`announcement:${toExperts.split('/').pop()}`)).map((r) => r.account_id),
      );
      expect(toldExperts.has(ids.expert ?? '')).toBe(true);
      expect(toldExperts.has(ids.substitute ?? '')).toBe(false);
    });

    it('marks each unread on Mit hold until the person opens it; the audit row holds no text', async () => {
      const path = await announce('Læs mig', ['participants']);
      const b = await as('other');
      const home = await b.get(HOME);
      const section = home.body.slice(home.body.indexOf('id="messages"'));
      expect(section).toMatch(/Læs mig<\/a><span class="holdet-tag holdet-tag-new"> Ulæst<\/span>/);
      expect(section).toContain(DEMO_ANNOUNCEMENT_TITLE);
      const opened = await b.get(path);
      expect(opened.body).toContain('<strong>Læs mig</strong>');
      expect(opened.headers['cache-control']).toBe('private, no-store');
      const again = await b.get(HOME);
      expect(again.body).not.toMatch(/Læs mig<\/a><span class="holdet-tag holdet-tag-new">/);
      // Still unread for the other participant.
      const first = await (await as('participant')).get(BASE);
      expect(first.body).toMatch(/Læs mig<\/a><span class="holdet-tag holdet-tag-new"> Ulæst<\/span>/);
      const audit = await getDb()
        .db.selectFrom('audit')
        .select(['after_json'])
        .where('action', '=', 'message.announce')
        .where('entity_id', '=', path.split('/').pop() ?? '')
        .executeTakeFirstOrThrow();
      expect(audit.after_json).not.toContain('Læs mig');
      expect(JSON.parse(audit.after_json ?? '{}').audience).toEqual({
        participants: true,
        substitutes: false,
        experts: false,
      });
    });

    it('is written by the organiser or the facilitator only', async () => {
      for (const who of ['participant', 'substitute', 'expert', 'stranger']) {
        expect(await status(who, `${BASE}/ny`), who).toBe(404);
      }
      expect(await status('organiser', `${BASE}/ny`)).toBe(200);
      const b = await as('participant');
      await b.get(THREAD);
      expect(
        (await b.post(`${BASE}/ny`, { subject: 'x', body: 'y', to_participants: 'ja' })).statusCode,
      ).toBe(404);
    });

    it('refuses an empty form with every field named, and a CPR number, storing nothing', async () => {
      const b = await as('facilitator');
      await b.get(`${BASE}/ny`);
      const empty = await b.post(`${BASE}/ny`, {});
      expect(empty.statusCode).toBe(400);
      expect(empty.body).toContain('href="#subject"');
      expect(empty.body).toContain('href="#body"');
      expect(empty.body).toContain('href="#to_participants"');
      const before = await getDb().db.selectFrom('announcement').select('id').execute();
      const cpr = await b.post(`${BASE}/ny`, {
        subject: 'Om en borger',
        body: 'Borgeren med cpr 070621-1234 kommer.',
        to_participants: 'ja',
      });
      expect(cpr.statusCode).toBe(400);
      expect(cpr.body).toContain('CPR');
      expect(cpr.body).toContain('070621-1234'); // what was typed is kept in the form
      const warned = await b.post(`${BASE}/ny`, {
        subject: 'Sag',
        body: 'K.L. er indlagt',
        to_participants: 'ja',
      });
      expect(warned.statusCode).toBe(400);
      expect(warned.body).toContain(`name="${CONFIRM_FIELD}"`);
      expect((await getDb().db.selectFrom('announcement').select('id').execute()).length).toBe(before.length);
      const ticked = await b.post(`${BASE}/ny`, {
        subject: 'Sag',
        body: 'K.L. er indlagt',
        to_participants: 'ja',
        [CONFIRM_FIELD]: 'ja',
      });
      expect(ticked.statusCode).toBe(303);
    });

    it('renders Markdown without letting script through', async () => {
      const b = await as('facilitator');
      await b.get(`${BASE}/ny`);
      const res = await b.post(`${BASE}/ny`, {
        subject: 'Farlig',
        body: '<script>alert(1)</script> [x](javascript:alert(1)) [ok](https://example.dk)',
        to_participants: 'ja',
      });
      const page = await b.get(String(res.headers.location));
      expect(page.body).not.toContain('<script>alert');
      expect(page.body).not.toContain('href="javascript:');
      expect(page.body).toContain('rel="noopener nofollow"');
    });

    it('reads in English too', async () => {
      const list = await (await as('participant')).get(`${BASE}?lang=en`);
      expect(list.body).toContain('<h1>Messages</h1>');
      const mine = await (await as('participant')).get(`/min-side/beskeder?lang=en`);
      expect(mine.body).toContain('<h1>Messages to the organiser</h1>');
    });

    it('is nothing for another series’ member', async () => {
      expect(await status('participant', `/mit-hold/${SLUG_2021}/beskeder`)).toBe(404);
    });
  });

  describe('private messages to the organiser', () => {
    it('a member writes; only they and the organiser see the thread; the organiser answers and the member is told', async () => {
      const b = await as('participant');
      const page = await b.get(THREAD);
      expect(page.statusCode).toBe(200);
      const sent = await b.post(THREAD, { body: 'Jeg bliver forsinket til anden session.' });
      expect(sent.statusCode).toBe(303);
      const mine = await b.get(THREAD);
      expect(mine.body).toContain('Jeg bliver forsinket til anden session.');
      // Another member of the same series sees only their own (empty) thread; the facilitator none.
      const other = await (await as('other')).get(THREAD);
      expect(other.statusCode).toBe(200);
      expect(other.body).not.toContain('forsinket');
      const thread = await getDb()
        .db.selectFrom('message_thread')
        .selectAll()
        .where('account_id', '=', ids.participant ?? '')
        .executeTakeFirstOrThrow();
      expect(thread.awaiting_answer).toBe(1);
      expect(await status('facilitator', `/arrangoer/beskeder/${thread.id}`)).toBe(403);
      expect(await status('other', `/arrangoer/beskeder/${thread.id}`)).toBe(403);
      expect(await status('stranger', THREAD)).toBe(404);
      // The organiser's list: unanswered first.
      const org = await as('organiser');
      const list = await org.get('/arrangoer/beskeder');
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain(`/arrangoer/beskeder/${thread.id}`);
      expect(list.body).toContain('Venter på svar');
      const one = await org.get(`/arrangoer/beskeder/${thread.id}`);
      expect(one.body).toContain('Jeg bliver forsinket');
      const answered = await org.post(`/arrangoer/beskeder/${thread.id}`, {
        body: 'Tak for beskeden, det er fint.',
      });
      expect(answered.statusCode).toBe(303);
      const after = await b.get(THREAD);
      expect(after.body).toContain('Tak for beskeden, det er fint.');
      const rows = await getDb()
        .db.selectFrom('notification')
        .select(['account_id', 'kind', 'path'])
        .where('account_id', '=', ids.participant ?? '')
        .where('path', '=', THREAD)
        .execute();
      expect(rows).toEqual([{ account_id: ids.participant, kind: 'messages', path: THREAD }]);
      const done = await getDb()
        .db.selectFrom('message_thread')
        .select('awaiting_answer')
        .where('id', '=', thread.id)
        .executeTakeFirstOrThrow();
      expect(done.awaiting_answer).toBe(0);
      const mineList = await b.get('/min-side/beskeder');
      expect(mineList.body).toContain('Besvaret');
      const audit = await getDb()
        .db.selectFrom('audit')
        .select(['action', 'after_json'])
        .where('entity_id', '=', thread.id)
        .execute();
      expect(audit.map((a) => a.action).sort()).toEqual(['message.answer', 'message.write']);
      expect(audit.some((a) => (a.after_json ?? '').includes('forsinket'))).toBe(false);
    });

    it('refuses a CPR number in a message, storing nothing', async () => {
      const b = await as('other');
      await b.get(THREAD);
      const res = await b.post(THREAD, { body: 'Det drejer sig om 0706211234' });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('href="#body"');
      const thread = await getDb()
        .db.selectFrom('message_thread')
        .select('id')
        .where('account_id', '=', ids.other ?? '')
        .executeTakeFirst();
      expect(thread).toBeUndefined();
    });

    it('the facilitator may write to the organiser too (not read others’ threads)', async () => {
      const b = await as('facilitator');
      await b.get(THREAD);
      expect((await b.post(THREAD, { body: 'Kan vi tale om dagsordenen?' })).statusCode).toBe(303);
    });

    it('the demo’s thread and the organiser’s empty form', async () => {
      const org = await as('organiser');
      const list = await org.get('/arrangoer/beskeder');
      expect(list.body).toContain('Charlotte Liebak Hansen');
      const thread = await getDb()
        .db.selectFrom('message_thread')
        .select('id')
        .where('member_name', '=', 'Charlotte Liebak Hansen')
        .executeTakeFirstOrThrow();
      await org.get(`/arrangoer/beskeder/${thread.id}`);
      const empty = await org.post(`/arrangoer/beskeder/${thread.id}`, {});
      expect(empty.statusCode).toBe(400);
      expect(empty.body).toContain('href="#body"');
    });
  });
});
