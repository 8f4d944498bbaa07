import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/app.ts';
import { addGrantedAccount, uniqueEmail } from '../../../test/auth.ts';
import { Browser, organiserBrowser, sessionOf } from '../../../test/browser.ts';
import { describeEachDialect, TEST_NOW } from '../../../test/db.ts';
import { SLUG_2027 } from '../../../test/fixtures.ts';
import {
  parsedForm,
  registerConfirmed,
  registerConfirmedParticipant,
  registrationTestDeps,
} from '../../../test/registration.ts';
import { ensureAccount } from '../auth/service.ts';
import { DEMO_PEOPLE } from '../people/demo.ts';
import { register } from '../registration/service.ts';

// Mit hold for each kind of person: members see the programme (experts their own session first, a substitute
// only theirs), waitlisted and awaiting people only where they stand, anyone else nothing.

const HOME = `/mit-hold/${SLUG_2027}`;

describeEachDialect('Mit hold', (getDb) => {
  let app: FastifyInstance;
  const emails: Record<string, string> = {};

  beforeAll(async () => {
    const database = getDb();
    app = await createTestApp(database);
    const { deps } = registrationTestDeps(database);
    const form = (n: number, email: string) => parsedForm(n, { participant_email: email });
    emails.participant = uniqueEmail('deltager');
    await registerConfirmedParticipant(deps, SLUG_2027, 1, emails.participant);
    emails.awaiting = uniqueEmail('afventer');
    await ensureAccount(
      database.db,
      { email: emails.awaiting, name: 'Afventer', role: 'participant' },
      TEST_NOW,
    );
    expect((await register(deps, SLUG_2027, form(2, emails.awaiting), 'da'))?.kind).toBe('reserved');
    await database.db
      .updateTable('series')
      .set((eb) => ({ capacity: 2, version: eb('version', '+', 1) }))
      .where('slug', '=', SLUG_2027)
      .execute();
    emails.waitlisted = uniqueEmail('venteliste');
    expect((await registerConfirmed(deps, SLUG_2027, form(3, emails.waitlisted)))?.kind).toBe('waitlisted');

    emails.substitute = uniqueEmail('stedfortraeder');
    const series = await database.db
      .selectFrom('series')
      .select('id')
      .where('slug', '=', SLUG_2027)
      .executeTakeFirstOrThrow();
    const second = await database.db
      .selectFrom('session')
      .select('id')
      .where('series_id', '=', series.id)
      .where('ordinal', '=', 2)
      .executeTakeFirstOrThrow();
    await addGrantedAccount(database.db, {
      email: emails.substitute,
      name: 'Stine Stedfortræder',
      role: 'substitute',
      seriesId: series.id,
      sessionId: second.id,
    });
    emails.stranger = uniqueEmail('fremmed');
    await ensureAccount(
      database.db,
      { email: emails.stranger, name: 'Fremmed', role: 'participant' },
      TEST_NOW,
    );
    emails.expert = DEMO_PEOPLE.larsen.email;
    emails.facilitator = DEMO_PEOPLE.kongsgaard.email;
  });
  afterAll(async () => {
    await app?.close();
  });

  const as = async (who: string) =>
    new Browser(() => app).withSession(await sessionOf(getDb(), emails[who] ?? ''));
  /** The session headings of the programme, in the order the page shows them. */
  const programme = (html: string) => [...html.matchAll(/<h3>Session (\d+):/g)].map((x) => Number(x[1]));

  it('sends a stranger to sign in', async () => {
    const res = await new Browser(() => app).get(HOME);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/log-ind?next=${encodeURIComponent(HOME)}`);
  });

  it('shows a participant the whole programme and the members’ places', async () => {
    const res = await (await as('participant')).get(HOME);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Din rolle: <strong>deltager</strong>');
    expect(programme(res.body)).toEqual([1, 2, 3, 4]);
    for (const place of ['Materialer', 'Spørgsmål til eksperterne', 'Dilemmaer', 'Beskeder', 'Deltagerne']) {
      expect(res.body).toContain(`>${place}</h2>`);
    }
    expect(res.body).toContain('Dorte Caswell');
  });

  it('lists the participant’s series on /mit-hold, and the header links there', async () => {
    const res = await (await as('participant')).get('/mit-hold');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`href="${HOME}"`);
    expect(res.body).toMatch(/<a href="\/mit-hold" aria-current="page">Mit hold<\/a>/);
  });

  it('puts an expert’s own session first, marked as theirs', async () => {
    const res = await (await as('expert')).get(HOME);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Din rolle: <strong>ekspert</strong>');
    expect(programme(res.body)).toEqual([3, 1, 2, 4]);
    expect(res.body).toContain('Din session');
  });

  it('keeps the order for the facilitator, who is also the fourth session’s expert', async () => {
    const res = await (await as('facilitator')).get(HOME);
    expect(res.body).toContain('Din rolle: <strong>facilitator og ekspert</strong>');
    expect(programme(res.body)).toEqual([1, 2, 3, 4]);
  });

  it('shows a substitute only their session', async () => {
    const res = await (await as('substitute')).get(HOME);
    expect(res.statusCode).toBe(200);
    expect(programme(res.body)).toEqual([2]);
  });

  it('shows the organiser everything', async () => {
    const res = await (await organiserBrowser(() => app, getDb())).get(`${HOME}?lang=en`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Your role: <strong>organiser</strong>');
    expect(programme(res.body)).toEqual([1, 2, 3, 4]);
  });

  it('shows a waitlisted person their place in line and nothing of the members’ parts', async () => {
    const res = await (await as('waitlisted')).get(HOME);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Du står på ventelisten som nummer 1.');
    expect(programme(res.body)).toEqual([]);
    expect(res.body).not.toContain('>Materialer</h2>');
    expect(res.body).not.toContain('Din rolle');
  });

  it('shows a person awaiting confirmation only that, with the deadline', async () => {
    const res = await (await as('awaiting')).get(HOME);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Din tilmelding afventer bekræftelse');
    expect(programme(res.body)).toEqual([]);
  });

  it('is not found for a signed-in person with nothing to do with the series, and for an unknown slug', async () => {
    const stranger = await as('stranger');
    expect((await stranger.get(HOME)).statusCode).toBe(404);
    expect((await stranger.get('/mit-hold/findes-ikke')).statusCode).toBe(404);
    const list = await stranger.get('/mit-hold');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Du er ikke med på noget hold endnu.');
  });
});
