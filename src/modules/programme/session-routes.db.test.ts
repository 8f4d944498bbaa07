import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createTestApp } from '../../../test/app.ts';
import { uniqueEmail } from '../../../test/auth.ts';
import { Browser, organiserBrowser, sessionOf } from '../../../test/browser.ts';
import { calendarsOf } from '../../../test/calendar.ts';
import { describeEachDialect, TEST_NOW } from '../../../test/db.ts';
import { SLUG_2027, seriesIdOf } from '../../../test/fixtures.ts';
import { registerConfirmed, registrationTestDeps, validForm } from '../../../test/registration.ts';
import type { DB } from '../../db/database.ts';
import { sessionUid } from '../../email/ics.ts';
import { fixedClock } from '../../shared/clock.ts';
import { ensureAccount } from '../auth/service.ts';
import { DEMO_PEOPLE } from '../people/demo.ts';
import { grantRole } from '../people/service.ts';
import { parseRegistration } from '../registration/schemas.ts';

// The organiser changes sessions; every change that matters reaches each attendee's calendar as one action.

/** The calendar files of an outbox row. */
const calendarsOfRow = (mail: { attachments: string }) => calendarsOf(mail.attachments);

/** The value of the option the page's select field `name` has selected ('' when none). */
function selected(html: string, name: string): string {
  const select = new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? '';
  return /<option value="([^"]*)" selected/.exec(select)?.[1] ?? '';
}

async function mailsOfKind(db: Kysely<DB>, kind: string) {
  return db.selectFrom('outbox').selectAll().where('kind', '=', kind).orderBy('to_address').execute();
}

describeEachDialect('programme: session routes', (getDb) => {
  let app: FastifyInstance;
  const clock = fixedClock(TEST_NOW);
  const current = () => app;
  let participants: string[] = [];
  let sessions: { id: string; ordinal: number; sequence: number; seriesId: string }[] = [];

  beforeAll(async () => {
    app = await createTestApp(getDb(), { clock });
    const { deps } = registrationTestDeps(getDb());
    participants = [uniqueEmail('ane'), uniqueEmail('bo')];
    for (const [n, email] of participants.entries()) {
      const parsed = parseRegistration(validForm(n + 1, { participant_email: email }));
      if (!parsed.ok) throw new Error('test form invalid');
      const made = await registerConfirmed(deps, SLUG_2027, parsed.form);
      if (made?.kind !== 'confirmed') throw new Error(`not confirmed: ${made?.kind}`);
    }
    const seriesId = await seriesIdOf(getDb().db, SLUG_2027);
    sessions = await getDb()
      .db.selectFrom('session')
      .select(['id', 'ordinal', 'sequence', 'series_id as seriesId'])
      .where('series_id', '=', seriesId)
      .orderBy('ordinal')
      .execute();
  });
  afterAll(async () => {
    await app.close();
  });
  beforeEach(() => clock.set(TEST_NOW));

  const session = (ordinal: number) => {
    const s = sessions.find((x) => x.ordinal === ordinal);
    if (!s) throw new Error(`no session ${ordinal}`);
    return s;
  };

  it('lists the sessions for the organiser only', async () => {
    const organiser = await organiserBrowser(current, getDb());
    const list = await organiser.get(`/arrangoer/serier/${SLUG_2027}/sessioner`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Flyt session 2 online');
    expect(list.headers['cache-control']).toBe('private, no-store');
    const participant = new Browser(current).withSession(await sessionOf(getDb(), participants[0] ?? ''));
    expect((await participant.get(`/arrangoer/serier/${SLUG_2027}/sessioner`)).statusCode).toBe(403);
    expect((await organiser.get('/arrangoer/serier/ingen-serie/sessioner')).statusCode).toBe(404);
    expect((await organiser.get('/arrangoer/sessioner/ikke-et-id')).statusCode).toBe(404);
  });

  it('refuses a broken form naming each field, keeps what was typed, and changes nothing', async () => {
    const { db } = getDb();
    const organiser = await organiserBrowser(current, getDb());
    const s = session(3);
    await organiser.get(`/arrangoer/sessioner/${s.id}`);
    const res = await organiser.post(`/arrangoer/sessioner/${s.id}`, {
      questionDa: '',
      questionEn: 'Still here',
      day: '30.2.2027',
      startTime: '10:00',
      endTime: '09:00',
      mode: 'online',
      meetingUrl: 'javascript:alert(1)',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<a href="#questionDa">Udfyld spørgsmålet på dansk.</a>');
    expect(res.body).toContain('<a href="#day">Skriv datoen som dag.måned.år, for eksempel 7.6.2027.</a>');
    expect(res.body).toContain('<a href="#meetingUrl">Linket til onlinemødet skal være en gyldig adresse');
    expect(res.body).toContain('value="Still here"');
    expect(res.body).toContain('value="30.2.2027"');
    const stored = await db
      .selectFrom('session')
      .selectAll()
      .where('id', '=', s.id)
      .executeTakeFirstOrThrow();
    expect(stored.sequence).toBe(s.sequence);
    expect(stored.question_en).not.toBe('Still here');
    expect(await mailsOfKind(db, 'session.changed')).toEqual([]);
  });

  it('moves session 2 to a new time: everyone affected gets a REQUEST for the same UID with SEQUENCE + 1', async () => {
    const { db } = getDb();
    const s = session(2);
    const confirmation = await db
      .selectFrom('outbox')
      .selectAll()
      .where('to_address', '=', participants[0] ?? '')
      .where('kind', '=', 'registration.confirmed')
      .executeTakeFirstOrThrow();
    const first = calendarsOfRow(confirmation)
      .flatMap((c) => c.events)
      .find((e) => e.uid === sessionUid(s.id));
    expect(Number(first?.sequence)).toBe(s.sequence);

    const organiser = await organiserBrowser(current, getDb());
    const page = await organiser.get(`/arrangoer/sessioner/${s.id}`);
    const values = Object.fromEntries(
      [
        ...page.body.matchAll(
          /<input class="form-input[^"]*" id="([A-Za-z]+)" name="\1" type="[a-z]+" value="([^"]*)"/g,
        ),
      ].map((m) => [m[1], m[2]]),
    );
    // The day after the change to summer time: 10:00–12:00 Copenhagen is 08:00–10:00 UTC.
    const saved = await organiser.post(`/arrangoer/sessioner/${s.id}`, {
      ...values,
      expertId: selected(page.body, 'expertId'),
      questionDa: 'Hvad virker i praksis?',
      questionEn: 'What works in practice?',
      day: '29.3.2027',
      startTime: '10:00',
      endTime: '12:00',
      mode: 'in_person',
      venueId: '',
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toMatch(/besked=saved&nr=2&sendt=\d+/);

    const mails = await mailsOfKind(db, 'session.changed');
    const to = mails.map((m) => m.to_address);
    expect(to).toEqual(expect.arrayContaining([...participants, DEMO_PEOPLE.kongsgaard.email]));
    expect(new Set(to).size).toBe(to.length);
    expect(saved.headers.location).toContain(`sendt=${mails.length}`);
    for (const mail of mails) {
      const [calendar, ...more] = calendarsOfRow(mail);
      expect(more).toEqual([]);
      expect(calendar?.method).toBe('REQUEST');
      expect(calendar?.events).toHaveLength(1);
      const event = calendar?.events[0];
      expect(event?.uid).toBe(sessionUid(s.id));
      expect(Number(event?.sequence)).toBe(s.sequence + 1);
      expect(event?.start.toISOString()).toBe('2027-03-29T08:00:00.000Z');
      expect(event?.end?.toISOString()).toBe('2027-03-29T10:00:00.000Z');
    }
    const stored = await db
      .selectFrom('session')
      .selectAll()
      .where('id', '=', s.id)
      .executeTakeFirstOrThrow();
    expect(stored.sequence).toBe(s.sequence + 1);

    // The public page follows at once (its cache is keyed on the series' version).
    const pub = await new Browser(current).get(`/serier/${SLUG_2027}`);
    expect(pub.body).toContain('Hvad virker i praksis?');

    const audit = await db
      .selectFrom('audit')
      .selectAll()
      .where('action', '=', 'session.update')
      .where('entity_id', '=', s.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json ?? '{}')).toMatchObject({ sequence: s.sequence + 1 });
  });

  it('fixes a typo without telling anyone (the calendar entry does not move)', async () => {
    const { db } = getDb();
    const s = session(3);
    const before = (await mailsOfKind(db, 'session.changed')).length;
    const organiser = await organiserBrowser(current, getDb());
    const page = await organiser.get(`/arrangoer/sessioner/${s.id}`);
    const field = (name: string) =>
      new RegExp(`name="${name}" type="[a-z]+" value="([^"]*)"`).exec(page.body)?.[1] ?? '';
    const saved = await organiser.post(`/arrangoer/sessioner/${s.id}`, {
      questionDa: 'Et rettet spørgsmål',
      expertId: selected(page.body, 'expertId'),
      questionEn: field('questionEn'),
      day: field('day'),
      startTime: field('startTime'),
      endTime: field('endTime'),
      mode: 'in_person',
      venueId: '',
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).not.toContain('sendt=');
    expect((await mailsOfKind(db, 'session.changed')).length).toBe(before);
    const stored = await db
      .selectFrom('session')
      .selectAll()
      .where('id', '=', s.id)
      .executeTakeFirstOrThrow();
    expect([stored.question_da, stored.sequence]).toEqual(['Et rettet spørgsmål', s.sequence]);
  });

  it('moves session 3 online: the link goes to its attendees only, never to the public page', async () => {
    const { db } = getDb();
    const s = session(3);
    const link = 'https://meet.example.dk/holdet-3?pwd=hemmelig';
    const organiser = await organiserBrowser(current, getDb());
    await organiser.get(`/arrangoer/sessioner/${s.id}/online`);
    const bad = await organiser.post(`/arrangoer/sessioner/${s.id}/online`, {
      meetingUrl: 'meet.example.dk',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('value="meet.example.dk"');
    const moved = await organiser.post(`/arrangoer/sessioner/${s.id}/online`, { meetingUrl: link });
    expect(moved.statusCode).toBe(303);

    const mail = (await mailsOfKind(db, 'session.changed')).find(
      (m) => m.to_address === participants[1] && m.text_body.includes(link),
    );
    expect(mail).toBeDefined();
    const event = calendarsOf(mail?.attachments)[0]?.events[0];
    expect(event?.uid).toBe(sessionUid(s.id));
    expect(Number(event?.sequence)).toBe(s.sequence + 1);
    expect(JSON.stringify(event)).toContain('meet.example.dk');

    const pub = await new Browser(current).get(`/serier/${SLUG_2027}/sessioner/3`);
    expect(pub.statusCode).toBe(200);
    expect(pub.body).toContain('Online');
    expect(pub.body).not.toContain('meet.example.dk');
    expect((await new Browser(current).get(`/serier/${SLUG_2027}`)).body).not.toContain('meet.example.dk');

    const audit = await db
      .selectFrom('audit')
      .selectAll()
      .where('action', '=', 'session.update')
      .where('entity_id', '=', s.id)
      .executeTakeFirstOrThrow();
    expect(`${audit.before_json}${audit.after_json}`).not.toContain('hemmelig');

    // Mit hold: the participant sees the link; a substitute for another session does not.
    const hold = `/mit-hold/${SLUG_2027}`;
    const participant = new Browser(current).withSession(await sessionOf(getDb(), participants[1] ?? ''));
    expect((await participant.get(hold)).body).toContain(link);
    const substituteEmail = uniqueEmail('stedfortraeder');
    const accountId = await ensureAccount(
      db,
      { email: substituteEmail, name: 'Stedfortræder', role: 'participant' },
      TEST_NOW,
    );
    await db.transaction().execute((tx) =>
      grantRole(
        tx,
        {
          accountId,
          role: 'substitute',
          seriesId: s.seriesId,
          sessionId: session(1).id,
          by: { accountId: null, label: 'test' },
        },
        TEST_NOW,
      ),
    );
    const substitute = new Browser(current).withSession(await sessionOf(getDb(), substituteEmail));
    const theirs = await substitute.get(hold);
    expect(theirs.statusCode).toBe(200);
    expect(theirs.body).not.toContain('meet.example.dk');

    // Back to in person: the link is gone, the entry moves again.
    await organiser.get(`/arrangoer/sessioner/${s.id}/fremmoede`);
    const back = await organiser.post(`/arrangoer/sessioner/${s.id}/fremmoede`, { venueId: '' });
    expect(back.statusCode).toBe(303);
    const stored = await db
      .selectFrom('session')
      .selectAll()
      .where('id', '=', s.id)
      .executeTakeFirstOrThrow();
    expect([stored.mode, stored.meeting_url, stored.sequence]).toEqual(['in_person', null, s.sequence + 2]);
  });

  it('cancels session 4: a CANCEL for the same UID, the session stays marked, and cannot be edited', async () => {
    const { db } = getDb();
    const s = session(4);
    const organiser = await organiserBrowser(current, getDb());
    await organiser.get(`/arrangoer/sessioner/${s.id}/aflys`);
    const done = await organiser.post(`/arrangoer/sessioner/${s.id}/aflys`, {
      note: 'Eksperten er blevet syg.',
    });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toMatch(/besked=cancelled&nr=4&sendt=\d+/);
    const mails = await mailsOfKind(db, 'session.cancelled');
    expect(mails.map((m) => m.to_address)).toEqual(expect.arrayContaining(participants));
    for (const mail of mails) {
      expect(mail.text_body).toContain('Eksperten er blevet syg.');
      const [calendar] = calendarsOfRow(mail);
      expect(calendar?.method).toBe('CANCEL');
      expect(calendar?.events[0]?.uid).toBe(sessionUid(s.id));
      expect(Number(calendar?.events[0]?.sequence)).toBe(s.sequence + 1);
    }
    const pub = await new Browser(current).get(`/serier/${SLUG_2027}`);
    expect(pub.body).toContain('Aflyst');
    const again = await organiser.get(`/arrangoer/sessioner/${s.id}`);
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toContain('besked=is-cancelled');
    const twice = await organiser.post(`/arrangoer/sessioner/${s.id}/aflys`, { note: '' });
    expect(twice.statusCode).toBe(303);
    expect((await mailsOfKind(db, 'session.cancelled')).length).toBe(mails.length);
  });

  it('adds a session at the end and moves it up, audited', async () => {
    const { db } = getDb();
    const organiser = await organiserBrowser(current, getDb());
    await organiser.get(`/arrangoer/serier/${SLUG_2027}/sessioner/ny`);
    const added = await organiser.post(`/arrangoer/serier/${SLUG_2027}/sessioner/ny`, {
      questionDa: 'Ekstra session',
      questionEn: 'Extra session',
      day: '1.12.2027',
      startTime: '9.30',
      endTime: '15',
      mode: 'in_person',
      venueId: '',
    });
    expect(added.statusCode).toBe(303);
    const seriesId = await seriesIdOf(db, SLUG_2027);
    const rows = await db
      .selectFrom('session')
      .selectAll()
      .where('series_id', '=', seriesId)
      .orderBy('ordinal')
      .execute();
    const last = rows[rows.length - 1];
    expect([last?.question_da, last?.ordinal, last?.starts_at]).toEqual([
      'Ekstra session',
      sessions.length + 1,
      '2027-12-01T08:30:00.000Z',
    ]);
    expect(added.headers.location).toContain(`nr=${sessions.length + 1}`);
    // Everyone who takes part gets the new session's entry: a REQUEST with its own UID, SEQUENCE 0.
    const told = await mailsOfKind(db, 'session.added');
    expect(told.map((m) => m.to_address)).toEqual(expect.arrayContaining(participants));
    expect(added.headers.location).toContain(`sendt=${told.length}`);
    const [file] = calendarsOfRow(told[0] ?? { attachments: '[]' });
    expect([file?.method, file?.events[0]?.uid, Number(file?.events[0]?.sequence)]).toEqual([
      'REQUEST',
      sessionUid(last?.id ?? ''),
      0,
    ]);
    await organiser.get(`/arrangoer/serier/${SLUG_2027}/sessioner`);
    const moved = await organiser.post(`/arrangoer/sessioner/${last?.id}/flyt`, { retning: 'op' });
    expect(moved.statusCode).toBe(303);
    const after = await db
      .selectFrom('session')
      .select(['id', 'ordinal'])
      .where('series_id', '=', seriesId)
      .execute();
    expect(after.find((r) => r.id === last?.id)?.ordinal).toBe(sessions.length);
    expect(new Set(after.map((r) => r.ordinal)).size).toBe(after.length);
    const audits = await db
      .selectFrom('audit')
      .select('action')
      .where('entity_id', '=', last?.id ?? '')
      .execute();
    expect(audits.map((a) => a.action).sort()).toEqual(['session.create', 'session.move']);
  });

  it('hands the expert role of a session to its new expert when the organiser changes the expert', async () => {
    const { db } = getDb();
    const s = session(1);
    const person = (name: string) =>
      db.selectFrom('person').select(['id', 'account_id']).where('name', '=', name).executeTakeFirstOrThrow();
    const [caswell, larsen] = await Promise.all([person('Dorte Caswell'), person('Flemming Larsen')]);
    const grants = (accountId: string | null) =>
      db
        .selectFrom('role_grant')
        .select(['revoked_at'])
        .where('account_id', '=', accountId ?? '')
        .where('role', '=', 'expert')
        .where('session_id', '=', s.id)
        .execute();
    expect((await grants(caswell.account_id)).map((g) => g.revoked_at)).toEqual([null]);
    const organiser = await organiserBrowser(current, getDb());
    const page = await organiser.get(`/arrangoer/sessioner/${s.id}`);
    const field = (name: string) =>
      new RegExp(`name="${name}" type="[a-z]+" value="([^"]*)"`).exec(page.body)?.[1] ?? '';
    const saved = await organiser.post(`/arrangoer/sessioner/${s.id}`, {
      questionDa: field('questionDa'),
      questionEn: field('questionEn'),
      expertId: larsen.id,
      day: field('day'),
      startTime: field('startTime'),
      endTime: field('endTime'),
      mode: 'in_person',
      venueId: '',
    });
    expect(saved.statusCode).toBe(303);
    expect((await grants(caswell.account_id)).every((g) => g.revoked_at !== null)).toBe(true);
    expect((await grants(larsen.account_id)).map((g) => g.revoked_at)).toEqual([null]);
    // The new expert gets the session's entry, the previous one a cancel; nobody else is mailed (the time and
    // place are as they were), and the SEQUENCE rose once for both files.
    const accounts = await db
      .selectFrom('account')
      .select(['id', 'email'])
      .where('id', 'in', [caswell.account_id ?? '', larsen.account_id ?? ''])
      .execute();
    const emailOf = (id: string | null) => accounts.find((a) => a.id === id)?.email;
    const joined = await mailsOfKind(db, 'session.expert-joined');
    const left = await mailsOfKind(db, 'session.expert-left');
    expect(joined.map((m) => m.to_address)).toEqual([emailOf(larsen.account_id)]);
    expect(left.map((m) => m.to_address)).toEqual([emailOf(caswell.account_id)]);
    expect(saved.headers.location).toContain('sendt=2');
    const stored = await db
      .selectFrom('session')
      .select('sequence')
      .where('id', '=', s.id)
      .executeTakeFirstOrThrow();
    expect(stored.sequence).toBe(s.sequence + 1);
    expect(calendarsOfRow(joined[0] ?? { attachments: '[]' })[0]?.method).toBe('REQUEST');
    const [cancel] = calendarsOfRow(left[0] ?? { attachments: '[]' });
    expect([cancel?.method, Number(cancel?.events[0]?.sequence)]).toEqual(['CANCEL', s.sequence + 1]);
    const pub = await new Browser(current).get(`/serier/${SLUG_2027}/sessioner/1`);
    expect(pub.body).toContain('Flemming Larsen');
  });
});
