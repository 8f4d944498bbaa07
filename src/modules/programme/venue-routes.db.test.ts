import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/app.ts';
import { uniqueEmail } from '../../../test/auth.ts';
import { Browser, organiserBrowser } from '../../../test/browser.ts';
import { calendarsOf } from '../../../test/calendar.ts';
import { describeEachDialect, TEST_NOW } from '../../../test/db.ts';
import { SLUG_2021, SLUG_2027 } from '../../../test/fixtures.ts';
import { registerConfirmed, registrationTestDeps, validForm } from '../../../test/registration.ts';
import type { DB } from '../../db/database.ts';
import { sessionUid } from '../../email/ics.ts';
import { fixedClock } from '../../shared/clock.ts';
import { parseRegistration } from '../registration/schemas.ts';

// The organiser's venues: /arrangoer/steder, /arrangoer/steder/ny, /arrangoer/steder/:id.

const VALID = {
  name: 'Aalborg Universitet København',
  street: 'A.C. Meyers Vænge 15',
  postalCode: '2450',
  city: 'København SV',
  notesDa: 'Indgang fra gården.\nParkering i kælderen.',
  notesEn: 'Entrance from the courtyard.',
};

const EVERY_ERROR = {
  form: {
    name: '',
    street: 'S'.repeat(161),
    postalCode: '245',
    city: '',
    notesDa: 'N'.repeat(1001),
    notesEn: 'n'.repeat(1001),
  },
  summary: [
    '<a href="#name">Udfyld navn.</a>',
    '<a href="#street">Adresse må højst have 160 tegn.</a>',
    '<a href="#postalCode">Skriv postnummer som 4 cifre, fx 2450.</a>',
    '<a href="#city">Udfyld by.</a>',
    '<a href="#notesDa">Praktiske oplysninger (dansk) må højst have 1000 tegn.</a>',
    '<a href="#notesEn">Praktiske oplysninger (engelsk) må højst have 1000 tegn.</a>',
  ],
};

async function venues(db: Kysely<DB>) {
  return db.selectFrom('venue').selectAll().orderBy('id').execute();
}

async function auditCount(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('audit')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describeEachDialect('the organiser’s venues', (getDb) => {
  let app: FastifyInstance;
  const current = () => app;

  beforeAll(async () => {
    app = await createTestApp(getDb(), { clock: fixedClock(TEST_NOW) });
  });
  afterAll(async () => {
    await app.close();
  });

  async function demoVenueId(): Promise<string> {
    const v = await getDb()
      .db.selectFrom('venue')
      .select('id')
      .where('name', '=', 'Væksthuset')
      .executeTakeFirstOrThrow();
    return v.id;
  }

  it('lists the venues, linked from the back office, with where each is in use', async () => {
    const organiser = await organiserBrowser(current, getDb());
    const overview = await organiser.get('/arrangoer');
    expect(overview.body).toContain('href="/arrangoer/steder"');
    const list = await organiser.get('/arrangoer/steder');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`href="/arrangoer/steder/${await demoVenueId()}">Væksthuset</a>`);
    expect(list.body).toContain('Glentevej 67, 2400 København NV');
    expect(list.body).toContain('2 rækker, 0 sessioner');
    expect(list.body).toContain('href="/arrangoer/steder/ny">Opret sted</a>');
    const english = await organiser.get('/arrangoer/steder?lang=en');
    expect(english.body).toContain('<h1>Venues</h1>');
  });

  it('names every wrong field in Danish, keeps what was typed, and stores nothing', async () => {
    const { db } = getDb();
    const organiser = await organiserBrowser(current, getDb());
    const form = await organiser.get('/arrangoer/steder/ny');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="postalCode"');
    const before = await venues(db);
    const audits = await auditCount(db);
    const res = await organiser.post('/arrangoer/steder/ny', EVERY_ERROR.form);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<title>Fejl: Opret sted');
    for (const line of EVERY_ERROR.summary) expect(res.body).toContain(line);
    expect(res.body).toContain('id="postalCode-error"');
    expect(res.body).toContain('value="245"');
    expect(res.body).toContain(`value="${'S'.repeat(161)}"`);
    expect(res.body).toContain(`>${'N'.repeat(1001)}</textarea>`);
    const nul = await organiser.post('/arrangoer/steder/ny', { ...VALID, city: 'København\u0000' });
    expect(nul.statusCode).toBe(400);
    expect(nul.body).toContain('By indeholder et tegn, der ikke kan bruges.');
    expect(await venues(db)).toEqual(before);
    expect(await auditCount(db)).toBe(audits);
    const english = await organiser.post('/arrangoer/steder/ny?lang=en', { ...VALID, postalCode: 'x' });
    expect(english.body).toContain('<a href="#postalCode">Enter the postcode as 4 digits, e.g. 2450.</a>');
  });

  it('creates a venue, audited, and lists it', async () => {
    const { db } = getDb();
    const organiser = await organiserBrowser(current, getDb());
    await organiser.get('/arrangoer/steder/ny');
    const made = await organiser.post('/arrangoer/steder/ny', VALID);
    expect(made.statusCode).toBe(303);
    expect(made.headers.location).toBe('/arrangoer/steder?oprettet=1');
    const list = await organiser.get(String(made.headers.location));
    expect(list.body).toContain('Stedet er oprettet.');
    expect(list.body).toContain('>Aalborg Universitet København</a>');
    const row = await db
      .selectFrom('venue')
      .selectAll()
      .where('name', '=', VALID.name)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      street: VALID.street,
      postal_code: '2450',
      city: VALID.city,
      notes_da: VALID.notesDa,
      notes_en: VALID.notesEn,
    });
    const audit = await db.selectFrom('audit').select('action').where('entity_id', '=', row.id).execute();
    expect(audit).toEqual([{ action: 'venue.create' }]);
  });

  it('edits a venue: errors change nothing; a save shows at once on the public pages, notes under the address', async () => {
    const { db } = getDb();
    const organiser = await organiserBrowser(current, getDb());
    const id = await demoVenueId();
    const stored = () => db.selectFrom('venue').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const original = await stored();
    const form = await organiser.get(`/arrangoer/steder/${id}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<h1>Rediger Væksthuset</h1>');
    expect(form.body).toContain('value="Glentevej 67"');
    expect(form.body).toContain(`action="/arrangoer/steder/${id}"`);

    const cachedBefore = await new Browser(current).get(`/serier/${SLUG_2027}`);
    expect(cachedBefore.body).toContain('Glentevej 67, 2400 København NV');
    const versionsBefore = await db.selectFrom('series').select(['slug', 'version']).execute();

    const wrong = await organiser.post(`/arrangoer/steder/${id}`, EVERY_ERROR.form);
    expect(wrong.statusCode).toBe(400);
    for (const line of EVERY_ERROR.summary) expect(wrong.body).toContain(line);
    expect(await stored()).toEqual(original);

    const saved = await organiser.post(`/arrangoer/steder/${id}`, {
      name: 'Væksthuset',
      street: 'Glentevej 69',
      postalCode: '2400',
      city: 'København NV',
      notesDa: 'Ring på ved hoveddøren.\nParkering bag huset.',
      notesEn: 'Ring at the front door.',
    });
    expect(saved.statusCode).toBe(303);
    // The 2027 hold's four sessions move with the address: each one's expert and the facilitator are told (the
    // facilitator is also session 4's expert: 7 mails); the 2021 hold's sessions are over and stay.
    expect(saved.headers.location).toBe('/arrangoer/steder?gemt=1&sendt=7');
    const list = await organiser.get('/arrangoer/steder?gemt=1&sendt=7');
    expect(list.body).toContain('Stedet er gemt.');
    expect(list.body).toContain('Adressen er ændret: 7 mails med opdaterede kalenderaftaler');
    // The cached series page changes at once, and both holds that use the venue have a new version.
    const cachedAfter = await new Browser(current).get(`/serier/${SLUG_2027}`);
    expect(cachedAfter.body).toContain('Glentevej 69, 2400 København NV');
    expect(cachedAfter.body).not.toContain('Væksthuset, Glentevej 67,');
    const versionsAfter = await db.selectFrom('series').select(['slug', 'version']).execute();
    const bumped = versionsAfter
      .filter((v) => Number(v.version) !== Number(versionsBefore.find((b) => b.slug === v.slug)?.version))
      .map((v) => v.slug)
      .sort();
    expect(bumped).toEqual([SLUG_2021, SLUG_2027]);
    expect(cachedAfter.body).toContain(
      'Glentevej 69, 2400 København NV<br/><span class="holdet-venue-notes">Ring på ved hoveddøren.\nParkering bag huset.</span>',
    );
    // The session page shows the practical notes under the address, in the page's language.
    const session = await new Browser(current).get(`/serier/${SLUG_2027}/sessioner/1`);
    expect(session.body).toContain(
      'Væksthuset, Glentevej 69, 2400 København NV<br/><span class="holdet-venue-notes">Ring på ved hoveddøren.\nParkering bag huset.</span>',
    );
    const english = await new Browser(current).get(`/serier/${SLUG_2027}/sessioner/1?lang=en`);
    expect(english.body).toContain('<span class="holdet-venue-notes">Ring at the front door.</span>');
    const audit = await db
      .selectFrom('audit')
      .select(['before_json', 'after_json'])
      .where('entity_id', '=', id)
      .where('action', '=', 'venue.update')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before_json ?? '{}')).toEqual({
      street: 'Glentevej 67',
      notes_da: '',
      notes_en: '',
    });
    expect(JSON.parse(audit.after_json ?? '{}')).toEqual({
      street: 'Glentevej 69',
      notes_da: 'Ring på ved hoveddøren.\nParkering bag huset.',
      notes_en: 'Ring at the front door.',
    });
  });

  it('moves the sessions held at a venue when its address changes: SEQUENCE + 1 and a mail to each who comes', async () => {
    const { db } = getDb();
    const { deps } = registrationTestDeps(getDb());
    const email = uniqueEmail('deltager');
    const parsed = parseRegistration(validForm(7, { participant_email: email }));
    if (!parsed.ok) throw new Error('test form invalid');
    expect((await registerConfirmed(deps, SLUG_2027, parsed.form))?.kind).toBe('confirmed');
    const venue = await db
      .selectFrom('venue as v')
      .innerJoin('series as s', 's.venue_id', 'v.id')
      .selectAll('v')
      .where('s.slug', '=', SLUG_2027)
      .executeTakeFirstOrThrow();
    const sessions = () =>
      db
        .selectFrom('session as x')
        .innerJoin('series as s', 's.id', 'x.series_id')
        .select(['x.id', 'x.sequence'])
        .where('s.slug', '=', SLUG_2027)
        .orderBy('x.ordinal')
        .execute();
    const before = await sessions();
    const organiser = await organiserBrowser(current, getDb());
    const form = {
      name: venue.name,
      street: venue.street,
      postalCode: venue.postal_code,
      city: venue.city,
      notesDa: 'Kun noter ændret.',
      notesEn: venue.notes_en,
    };
    // Notes alone move nothing in anyone's calendar.
    await organiser.get(`/arrangoer/steder/${venue.id}`);
    expect((await organiser.post(`/arrangoer/steder/${venue.id}`, form)).statusCode).toBe(303);
    expect((await sessions()).map((x) => x.sequence)).toEqual(before.map((x) => x.sequence));

    await organiser.get(`/arrangoer/steder/${venue.id}`);
    const moved = await organiser.post(`/arrangoer/steder/${venue.id}`, { ...form, street: 'Glentevej 70' });
    expect(moved.statusCode).toBe(303);
    const after = await sessions();
    expect(after.map((x) => x.sequence)).toEqual(before.map((x) => x.sequence + 1));
    const mails = await db
      .selectFrom('outbox')
      .selectAll()
      .where('kind', '=', 'session.changed')
      .where('to_address', '=', email)
      .execute();
    expect(mails).toHaveLength(before.length);
    expect(moved.headers.location).toMatch(/sendt=\d+/);
    for (const mail of mails) {
      expect(mail.text_body).toContain(`${venue.street}`);
      expect(mail.text_body).toContain('Glentevej 70');
      const [file] = calendarsOf(mail.attachments);
      const event = file?.events[0];
      const session = after.find((x) => sessionUid(x.id) === event?.uid);
      expect([file?.method, Number(event?.sequence)]).toEqual(['REQUEST', session?.sequence]);
      expect(event?.location).toContain('Glentevej 70');
    }
  });

  it('finds no venue behind a wrong id', async () => {
    const organiser = await organiserBrowser(current, getDb());
    expect((await organiser.get('/arrangoer/steder/ikke-et-id')).statusCode).toBe(404);
    expect((await organiser.get('/arrangoer/steder/00000000-0000-4000-8000-000000000000')).statusCode).toBe(
      404,
    );
    await organiser.get('/arrangoer/steder/ny');
    expect(
      (await organiser.post('/arrangoer/steder/00000000-0000-4000-8000-000000000000', VALID)).statusCode,
    ).toBe(404);
  });

  it('keeps the venue pages for the organiser', async () => {
    const stranger = await new Browser(current).get('/arrangoer/steder');
    expect(stranger.statusCode).toBe(303);
    expect(stranger.headers.location).toMatch(/^\/log-ind\?next=/);
  });
});
