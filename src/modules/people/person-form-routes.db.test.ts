import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/app.ts';
import { Browser, organiserBrowser, sessionOf } from '../../../test/browser.ts';
import { describeEachDialect, TEST_NOW } from '../../../test/db.ts';
import { SLUG_2021, SLUG_2027 } from '../../../test/fixtures.ts';
import type { DB } from '../../db/database.ts';
import { fixedClock } from '../../shared/clock.ts';
import { DEMO_PEOPLE } from './demo.ts';

// The organiser creates and edits public persons: /arrangoer/personer/ny and /arrangoer/personer/:slug/rediger.

const VALID = {
  name: 'Karen Hansen',
  titleDa: 'Lektor',
  titleEn: 'Associate professor',
  bioDa: 'Forsker i beskæftigelse.',
  bioEn: 'Researches employment.',
  link1Label: 'Forskning',
  link1Url: 'https://example.dk/forskning',
};

/** What the form's fields say when each is wrong, in the summary, linked to the field. */
const EVERY_ERROR = {
  form: {
    name: '',
    titleDa: '',
    titleEn: 'T'.repeat(161),
    bioDa: 'B'.repeat(1201),
    bioEn: 'b'.repeat(1201),
    link1Label: '',
    link1Url: 'https://example.dk/',
    link2Label: 'Uden https',
    link2Url: 'http://example.dk/',
    link3Label: 'L'.repeat(81),
    link3Url: '',
  },
  summary: [
    '<a href="#name">Udfyld navn.</a>',
    '<a href="#titleDa">Udfyld titel (dansk).</a>',
    '<a href="#titleEn">Titel (engelsk) må højst have 160 tegn.</a>',
    '<a href="#bioDa">Kort præsentation (dansk) må højst have 1200 tegn.</a>',
    '<a href="#bioEn">Kort præsentation (engelsk) må højst have 1200 tegn.</a>',
    '<a href="#link1Label">Udfyld link 1: tekst.</a>',
    '<a href="#link2Url">Link 2: adresse skal være en gyldig adresse, der begynder med https://.</a>',
    '<a href="#link3Label">Link 3: tekst må højst have 80 tegn.</a>',
    '<a href="#link3Url">Udfyld link 3: adresse.</a>',
  ],
};

async function count(db: Kysely<DB>, table: 'person' | 'audit'): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describeEachDialect('the organiser’s person form', (getDb) => {
  let app: FastifyInstance;
  const current = () => app;

  beforeAll(async () => {
    app = await createTestApp(getDb(), { clock: fixedClock(TEST_NOW) });
  });
  afterAll(async () => {
    await app.close();
  });

  it('links "Opret person" from the list and opens an empty form', async () => {
    const organiser = await organiserBrowser(current, getDb());
    const list = await organiser.get('/arrangoer/personer');
    expect(list.body).toContain('href="/arrangoer/personer/ny">Opret person</a>');
    const form = await organiser.get('/arrangoer/personer/ny');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<h1>Opret person</h1>');
    expect(form.body).toContain('name="name"');
    expect(form.body).toContain('name="link5Url"');
    expect(form.body).toContain('name="_csrf"');
    expect(form.body).not.toContain('Der er fejl i formularen');
  });

  it('names every wrong field in Danish, keeps what was typed, and stores nothing', async () => {
    const { db } = getDb();
    const organiser = await organiserBrowser(current, getDb());
    await organiser.get('/arrangoer/personer/ny');
    const persons = await count(db, 'person');
    const audits = await count(db, 'audit');
    const res = await organiser.post('/arrangoer/personer/ny', EVERY_ERROR.form);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<title>Fejl: Opret person');
    for (const line of EVERY_ERROR.summary) expect(res.body).toContain(line);
    // The message by the field too, tied to it.
    expect(res.body).toContain('id="name-error"');
    expect(res.body).toContain('aria-invalid="true"');
    expect(res.body).toContain(`>${'B'.repeat(1201)}</textarea>`);
    expect(res.body).toContain('value="http://example.dk/"');
    expect(res.body).toContain('value="Uden https"');
    expect(await count(db, 'person')).toBe(persons);
    expect(await count(db, 'audit')).toBe(audits);

    const english = await organiser.post('/arrangoer/personer/ny?lang=en', { ...VALID, name: ' ' });
    expect(english.statusCode).toBe(400);
    expect(english.body).toContain('<a href="#name">Enter the name.</a>');
    // A NUL byte is refused by the field's name, never a 5xx; arrays are read as their first value.
    const nul = await organiser.post('/arrangoer/personer/ny', { ...VALID, name: 'Karen\u0000' });
    expect(nul.statusCode).toBe(400);
    expect(await count(db, 'person')).toBe(persons);
  });

  it('creates the person and lands on their page, with the edit link', async () => {
    const { db } = getDb();
    const organiser = await organiserBrowser(current, getDb());
    await organiser.get('/arrangoer/personer/ny');
    const made = await organiser.post('/arrangoer/personer/ny', VALID);
    expect(made.statusCode).toBe(303);
    expect(made.headers.location).toBe('/arrangoer/personer/karen-hansen?oprettet=1');
    const page = await organiser.get(String(made.headers.location));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Karen Hansen</h1>');
    expect(page.body).toContain('Personen er oprettet.');
    expect(page.body).toContain('href="/arrangoer/personer/karen-hansen/rediger">Rediger oplysninger</a>');
    const row = await db
      .selectFrom('person')
      .selectAll()
      .where('slug', '=', 'karen-hansen')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'Karen Hansen', title_da: 'Lektor', account_id: null });
    const audit = await db
      .selectFrom('audit')
      .select(['action', 'actor_label'])
      .where('entity_id', '=', row.id)
      .execute();
    expect(audit).toEqual([{ action: 'person.create', actor_label: expect.stringMatching(/@example\.dk$/) }]);
    // The same name again: a slug of its own.
    const again = await organiser.post('/arrangoer/personer/ny', VALID);
    expect(again.headers.location).toBe('/arrangoer/personer/karen-hansen-2?oprettet=1');
    // In the list once each.
    const list = await organiser.get('/arrangoer/personer');
    expect(list.body).toContain('href="/arrangoer/personer/karen-hansen-2"');
  });

  it('edits a person: errors keep the values and change nothing; a save shows at once on the cached series page', async () => {
    const { db } = getDb();
    const organiser = await organiserBrowser(current, getDb());
    const slug = 'leif-toefting-kongsgaard';
    const stored = () =>
      db.selectFrom('person').selectAll().where('slug', '=', slug).executeTakeFirstOrThrow();
    const original = await stored();
    const form = await organiser.get(`/arrangoer/personer/${slug}/rediger`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="Leif Tøfting Kongsgaard"');
    expect(form.body).toContain('value="https://vbn.aau.dk/');
    expect(form.body).toContain(`action="/arrangoer/personer/${slug}/rediger"`);

    const cachedBefore = await new Browser(current).get(`/serier/${SLUG_2027}`);
    expect(cachedBefore.body).toContain('>Leif Tøfting Kongsgaard</a>');
    const versionsBefore = await db
      .selectFrom('series')
      .select(['slug', 'version'])
      .orderBy('slug')
      .execute();

    const wrong = await organiser.post(`/arrangoer/personer/${slug}/rediger`, EVERY_ERROR.form);
    expect(wrong.statusCode).toBe(400);
    for (const line of EVERY_ERROR.summary) expect(wrong.body).toContain(line);
    expect(wrong.body).toContain('<title>Fejl: Rediger Leif Tøfting Kongsgaard');
    expect(await stored()).toEqual(original);

    const saved = await organiser.post(`/arrangoer/personer/${slug}/rediger`, {
      ...VALID,
      name: 'Leif T. Kongsgaard',
      titleDa: 'Direktør for Væksthuset',
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/arrangoer/personer/${slug}?gemt=1`);
    expect((await organiser.get(String(saved.headers.location))).body).toContain('Oplysningerne er gemt.');
    const after = await stored();
    expect(after).toMatchObject({ slug, name: 'Leif T. Kongsgaard', title_da: 'Direktør for Væksthuset' });
    // The cached public page changes at once: both holds that show Leif have a new version.
    const cachedAfter = await new Browser(current).get(`/serier/${SLUG_2027}`);
    expect(cachedAfter.body).toContain(
      '<a href="/personer/leif-toefting-kongsgaard">Leif T. Kongsgaard</a>, Direktør for Væksthuset.',
    );
    expect(cachedAfter.body).not.toContain('>Leif Tøfting Kongsgaard</a>');
    const versionsAfter = await db.selectFrom('series').select(['slug', 'version']).orderBy('slug').execute();
    const bumped = versionsAfter.filter(
      (v) => Number(v.version) !== Number(versionsBefore.find((b) => b.slug === v.slug)?.version),
    );
    expect(bumped.map((v) => v.slug).sort()).toEqual([SLUG_2021, SLUG_2027]);
    const audit = await db
      .selectFrom('audit')
      .select(['action', 'before_json', 'after_json'])
      .where('entity_id', '=', original.id)
      .where('action', '=', 'person.update')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json ?? '{}')).toMatchObject({
      name: 'Leif T. Kongsgaard',
      title_da: 'Direktør for Væksthuset',
    });
    expect(JSON.parse(audit.before_json ?? '{}')).toMatchObject({ name: 'Leif Tøfting Kongsgaard' });
  });

  it('refuses a NUL byte on /min-profil by the field, never a 5xx (PostgreSQL cannot store it)', async () => {
    const { db } = getDb();
    const leif = new Browser(current).withSession(await sessionOf(getDb(), DEMO_PEOPLE.kongsgaard.email));
    await leif.get('/min-profil');
    const before = await db
      .selectFrom('person')
      .selectAll()
      .where('slug', '=', 'leif-toefting-kongsgaard')
      .executeTakeFirstOrThrow();
    const res = await leif.post('/min-profil', { ...VALID, bioDa: 'Forsker\u0000' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Kort præsentation (dansk) indeholder et tegn, der ikke kan bruges.');
    const after = await db
      .selectFrom('person')
      .selectAll()
      .where('slug', '=', 'leif-toefting-kongsgaard')
      .executeTakeFirstOrThrow();
    expect(after).toEqual(before);
  });

  it('finds no person to edit behind a wrong slug', async () => {
    const organiser = await organiserBrowser(current, getDb());
    expect((await organiser.get('/arrangoer/personer/ingen-her/rediger')).statusCode).toBe(404);
    expect((await organiser.get('/arrangoer/personer/IKKE_SLUG/rediger')).statusCode).toBe(404);
    await organiser.get('/arrangoer/personer/ny');
    expect((await organiser.post('/arrangoer/personer/ingen-her/rediger', VALID)).statusCode).toBe(404);
  });
});
