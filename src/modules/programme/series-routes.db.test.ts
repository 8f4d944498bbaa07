import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/app.ts';
import { organiserBrowser } from '../../../test/browser.ts';
import { describeEachDialect, TEST_NOW } from '../../../test/db.ts';
import { SLUG_2027 } from '../../../test/fixtures.ts';
import { registerConfirmed, registrationTestDeps, validForm } from '../../../test/registration.ts';
import { fixedClock } from '../../shared/clock.ts';
import { parseRegistration } from '../registration/schemas.ts';
import { seriesForEditing } from '../series/service.ts';
import { seriesValues } from './series-forms.ts';

// The organiser's series pages over HTTP: every field error named in Danish in the summary, what was typed
// kept, 400 and nothing stored on error; the public pages and the front page follow a save at once.

const NEW_SLUG = 'ledelse-i-praksis-2028';

function validNew(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    slug: NEW_SLUG,
    titleDa: 'Ledelse i praksis',
    titleEn: 'Leadership in practice',
    summaryDa: 'Fire møder for ledere.',
    summaryEn: 'Four meetings for managers.',
    introDa: '',
    introEn: '',
    audienceDa: '',
    audienceEn: '',
    cateringDa: 'Frokost',
    cateringEn: 'Lunch',
    termsDa: '',
    termsEn: '',
    capacity: '12',
    price: '15.000',
    vatRate: '25',
    opensDay: '2027-12-01',
    opensTime: '09:00',
    closesDay: '2028-06-05',
    closesTime: '00:00',
    facilitatorId: '',
    venueId: '',
    ...overrides,
  };
}

/** The error summary's entries, as the page lists them. */
function summaryOf(html: string): string[] {
  const block = /<ul class="alert-text nobullet-list">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
  return [...block.matchAll(/<a href="#([^"]+)">([^<]*)<\/a>/g)].map((m) => `${m[1]}: ${m[2]}`);
}

describeEachDialect('series routes', (getDb) => {
  let app: FastifyInstance;
  const current = () => app;
  const count = async () => (await getDb().db.selectFrom('series').select('id').execute()).length;

  beforeAll(async () => {
    app = await createTestApp(getDb(), { clock: fixedClock(TEST_NOW) });
  });
  afterAll(async () => {
    await app.close();
  });

  it('names every missing field in Danish, answers 400 and stores nothing', async () => {
    const organiser = await organiserBrowser(current, getDb());
    await organiser.get('/arrangoer/serier/ny');
    const before = await count();
    const res = await organiser.post('/arrangoer/serier/ny', {});
    expect(res.statusCode).toBe(400);
    expect(summaryOf(res.body)).toEqual([
      'slug: Udfyld adresse',
      'titleDa: Udfyld titel på dansk',
      'titleEn: Udfyld titel på engelsk',
      'summaryDa: Udfyld kort beskrivelse på dansk',
      'summaryEn: Udfyld kort beskrivelse på engelsk',
      'capacity: Udfyld antal pladser',
      'price: Udfyld pris i kroner ekskl. moms',
      'vatRate: Udfyld momssats i procent',
      'opensDay: Udfyld tilmelding åbner, dato',
      'opensTime: Udfyld tilmelding åbner, klokkeslæt',
      'closesDay: Udfyld tilmelding lukker, dato',
      'closesTime: Udfyld tilmelding lukker, klokkeslæt',
    ]);
    expect(await count()).toBe(before);
  });

  it('names every wrong value, keeps what was typed and stores nothing', async () => {
    const organiser = await organiserBrowser(current, getDb());
    await organiser.get('/arrangoer/serier/ny');
    const before = await count();
    const res = await organiser.post(
      '/arrangoer/serier/ny',
      validNew({
        slug: 'Ny Serie',
        titleDa: 'x'.repeat(201),
        capacity: '0',
        price: 'atten tusind',
        vatRate: '250',
        opensDay: '2027-02-30',
        opensTime: '25:00',
        closesDay: '2027-01-01',
        facilitatorId: 'ingen-saadan',
        venueId: '00000000-0000-4000-8000-000000000000',
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(summaryOf(res.body)).toEqual([
      'slug: Adressen må kun have små bogstaver (a–z), tal og bindestreger mellem ord',
      'titleDa: Titel på dansk må højst være 200 tegn',
      'capacity: Antal pladser skal være et helt tal fra 1 til 10.000',
      'price: Prisen skal være et beløb i kroner, fx 18.000 eller 18.000,50',
      'vatRate: Momssatsen skal være en procent fra 0 til 100, fx 25',
      'opensDay: Tilmelding åbner, dato skal være en dato som 2028-06-05',
      'opensTime: Tilmelding åbner, klokkeslæt skal være et klokkeslæt som 09:00',
      'facilitatorId: Vælg facilitator fra listen',
      'venueId: Vælg sted fra listen',
    ]);
    expect(res.body).toContain('value="Ny Serie"');
    expect(res.body).toContain('value="atten tusind"');
    expect(res.body).toContain('value="2027-02-30"');
    expect(await count()).toBe(before);

    const nul = await organiser.post('/arrangoer/serier/ny', validNew({ titleDa: 'Ledelse\u0000' }));
    expect(nul.statusCode).toBe(400);
    expect(summaryOf(nul.body)).toHaveLength(1);
    expect(summaryOf(nul.body)[0]).toMatch(/^titleDa: .*[Tt]itel på dansk/);
    expect(nul.body).toContain('value="Ledelse"');

    const window = await organiser.post('/arrangoer/serier/ny', validNew({ closesDay: '2027-11-30' }));
    expect(window.statusCode).toBe(400);
    expect(summaryOf(window.body)).toEqual(['closesDay: Tilmeldingen skal lukke efter, at den åbner']);
    const taken = await organiser.post('/arrangoer/serier/ny', validNew({ slug: SLUG_2027 }));
    expect(taken.statusCode).toBe(400);
    expect(summaryOf(taken.body)).toEqual(['slug: En anden serie har allerede den adresse; vælg en anden']);
    expect(await count()).toBe(before);
  });

  it('creates a draft that only the preview shows; it cannot be published without sessions', async () => {
    const organiser = await organiserBrowser(current, getDb());
    await organiser.get('/arrangoer/serier/ny');
    const made = await organiser.post('/arrangoer/serier/ny', validNew({ termsDa: 'Afbud koster 500 kr.' }));
    expect(made.statusCode).toBe(303);
    expect(made.headers.location).toBe(`/arrangoer/serier/${NEW_SLUG}/rediger?besked=oprettet`);
    const stored = await seriesForEditing(getDb().db, NEW_SLUG);
    expect(stored).toMatchObject({ status: 'draft', priceOre: 1_500_000, vatRateBp: 2500, capacity: 12 });
    expect(stored?.registrationOpensAt).toBe('2027-12-01T08:00:00.000Z');
    expect(stored?.registrationClosesAt).toBe('2028-06-04T22:00:00.000Z');

    const page = await organiser.get(`/arrangoer/serier/${NEW_SLUG}/rediger?besked=oprettet`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Serien er oprettet som kladde.');
    expect((await organiser.get(`/serier/${NEW_SLUG}`)).statusCode).toBe(404);
    const preview = await organiser.get(`/arrangoer/serier/${NEW_SLUG}/forhaandsvisning`);
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['x-robots-tag']).toBe('noindex');
    expect(preview.headers['cache-control']).toBe('private, no-store');
    expect(preview.body).toContain('Forhåndsvisning: sådan ser siden ud for besøgende. Serien er: Kladde.');
    expect(preview.body).toContain('Afbud koster 500 kr.');

    const publish = await organiser.post(`/arrangoer/serier/${NEW_SLUG}/status`, { status: 'published' });
    expect(publish.statusCode).toBe(400);
    expect(summaryOf(publish.body)).toEqual([
      'status: Serien kan ikke offentliggøres uden mindst én session',
    ]);
    const nonsense = await organiser.post(`/arrangoer/serier/${NEW_SLUG}/status`, { status: 'væk' });
    expect(nonsense.statusCode).toBe(400);
    expect(summaryOf(nonsense.body)).toEqual(['status: Vælg den nye status']);
    expect((await seriesForEditing(getDb().db, NEW_SLUG))?.status).toBe('draft');
  });

  it('an edit reaches the cached series page and the front page at once', async () => {
    const organiser = await organiserBrowser(current, getDb());
    const stored = await seriesForEditing(getDb().db, SLUG_2027);
    if (!stored) throw new Error('no 2027 hold');
    // Cached first, so the change has a cache to go stale.
    expect((await organiser.get('/')).body).toContain(stored.titleDa);
    expect((await organiser.get(`/serier/${SLUG_2027}`)).body).not.toContain('Husk madpakke');
    await organiser.get(`/arrangoer/serier/${SLUG_2027}/rediger`);
    const saved = await organiser.post(`/arrangoer/serier/${SLUG_2027}/rediger`, {
      ...seriesValues(stored),
      titleDa: 'Masterclass i beskæftigelse',
      termsDa: 'Husk madpakke.',
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/arrangoer/serier/${SLUG_2027}/rediger?besked=gemt`);
    expect((await organiser.get('/')).body).toContain('Masterclass i beskæftigelse');
    const page = await organiser.get(`/serier/${SLUG_2027}`);
    expect(page.body).toContain('Masterclass i beskæftigelse');
    expect(page.body).toContain('Husk madpakke.');
    const audit = await getDb()
      .db.selectFrom('audit')
      .select(['before_json', 'after_json'])
      .where('action', '=', 'series.update')
      .where('entity_id', '=', stored.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json ?? '{}')).toEqual({
      title_da: 'Masterclass i beskæftigelse',
      terms_da: 'Husk madpakke.',
    });
  });

  it('refuses a new price once an invoice exists, saying why, keeping what was typed', async () => {
    const { deps } = registrationTestDeps(getDb());
    const parsed = parseRegistration(validForm(1));
    if (!parsed.ok) throw new Error('test form invalid');
    expect((await registerConfirmed(deps, SLUG_2027, parsed.form))?.kind).toBe('confirmed');
    const stored = await seriesForEditing(getDb().db, SLUG_2027);
    if (!stored) throw new Error('no 2027 hold');
    const organiser = await organiserBrowser(current, getDb());
    const page = await organiser.get(`/arrangoer/serier/${SLUG_2027}/rediger`);
    expect(page.body).toContain('Kan ikke ændres: der er udstedt fakturaer for serien.');
    const res = await organiser.post(`/arrangoer/serier/${SLUG_2027}/rediger`, {
      ...seriesValues(stored),
      price: '19.500',
      vatRate: '0',
      capacity: '0',
      slug: 'nyt-navn',
      titleDa: 'Ændret titel',
    });
    expect(res.statusCode).toBe(400);
    expect(summaryOf(res.body)).toEqual(['capacity: Antal pladser skal være et helt tal fra 1 til 10.000']);
    const refused = await organiser.post(`/arrangoer/serier/${SLUG_2027}/rediger`, {
      ...seriesValues(stored),
      price: '19.500',
      vatRate: '0',
      slug: 'nyt-navn',
      titleDa: 'Ændret titel',
    });
    expect(refused.statusCode).toBe(400);
    expect(summaryOf(refused.body)).toEqual([
      'slug: Adressen kan ikke ændres, når serien er offentliggjort: den står i mails og kalendere',
      'price: Prisen kan ikke ændres, fordi der er udstedt fakturaer for serien',
      'vatRate: Momssatsen kan ikke ændres, fordi der er udstedt fakturaer for serien',
    ]);
    expect(refused.body).toContain('value="19.500"');
    expect(refused.body).toContain('value="Ændret titel"');
    expect(await seriesForEditing(getDb().db, SLUG_2027)).toEqual(stored);
  });

  it('copies a series with the proposed dates, and the copy is published from its edit page', async () => {
    const organiser = await organiserBrowser(current, getDb());
    const form = await organiser.get(`/arrangoer/serier/${SLUG_2027}/kopier`);
    expect(form.statusCode).toBe(200);
    // The demo's Mondays of 2027 → the Mondays of 2028; the slug's year moved on.
    expect(form.body).toContain('value="beskaeftigelsesfaglig-masterclass-2028"');
    expect(form.body).toContain('id="session1Day" name="session1Day" type="date" value="2028-06-05"');
    expect(form.body).toContain('id="session1Start" name="session1Start" type="time" value="10:00"');

    const empty = await organiser.post(`/arrangoer/serier/${SLUG_2027}/kopier`, {});
    expect(empty.statusCode).toBe(400);
    expect(summaryOf(empty.body)).toContain('session2Day: Udfyld dato for session 2');
    expect(summaryOf(empty.body)).toContain('titleDa: Udfyld titel på dansk');
    const values = Object.fromEntries(
      [
        ...form.body.matchAll(
          /<input class="form-input[^"]*" id="([^"]+)" name="[^"]+" type="[^"]+" value="([^"]*)"/g,
        ),
      ].map((m) => [m[1], m[2]]),
    ) as Record<string, string>;
    const backwards = await organiser.post(`/arrangoer/serier/${SLUG_2027}/kopier`, {
      ...values,
      session3End: '09:00',
    });
    expect(backwards.statusCode).toBe(400);
    expect(summaryOf(backwards.body)).toEqual(['session3End: Session 3 skal slutte efter, at den begynder']);
    expect(backwards.body).toContain('value="09:00"');

    const copied = await organiser.post(`/arrangoer/serier/${SLUG_2027}/kopier`, values);
    expect(copied.statusCode).toBe(303);
    expect(copied.headers.location).toBe(
      '/arrangoer/serier/beskaeftigelsesfaglig-masterclass-2028/rediger?besked=kopieret',
    );
    const copy = await seriesForEditing(getDb().db, 'beskaeftigelsesfaglig-masterclass-2028');
    expect(copy?.status).toBe('draft');
    expect(copy?.sessions.map((s) => s.startsAt)).toEqual([
      '2028-06-05T08:00:00.000Z',
      '2028-08-28T08:00:00.000Z',
      '2028-10-02T08:00:00.000Z',
      '2028-11-20T09:00:00.000Z',
    ]);
    const registrations = await getDb()
      .db.selectFrom('registration')
      .select('id')
      .where('series_id', '=', copy?.id ?? '')
      .execute();
    expect(registrations).toEqual([]);

    expect((await organiser.get('/')).body).not.toContain('/serier/beskaeftigelsesfaglig-masterclass-2028"');
    await organiser.get('/arrangoer/serier/beskaeftigelsesfaglig-masterclass-2028/rediger');
    const published = await organiser.post(
      '/arrangoer/serier/beskaeftigelsesfaglig-masterclass-2028/status',
      {
        status: 'published',
      },
    );
    expect(published.statusCode).toBe(303);
    expect((await organiser.get('/')).body).toContain('/serier/beskaeftigelsesfaglig-masterclass-2028"');
    const overview = await organiser.get('/arrangoer');
    expect(overview.body).toContain('Opret ny serie');
    expect(overview.body).toContain(
      'href="/arrangoer/serier/beskaeftigelsesfaglig-masterclass-2028/rediger"',
    );
    expect(overview.body).toContain(`href="/arrangoer/serier/${SLUG_2027}/kopier"`);
  });
});
