import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/app.ts';
import { addGrantedAccount, uniqueEmail } from '../../../test/auth.ts';
import { Browser, organiserBrowser, sessionOf } from '../../../test/browser.ts';
import { describeEachDialect, TEST_NOW } from '../../../test/db.ts';
import { SLUG_2021, SLUG_2027, seriesIdOf, sessionIdsOf } from '../../../test/fixtures.ts';
import { registerConfirmedParticipant, registrationTestDeps } from '../../../test/registration.ts';
import { ensureAccount } from '../auth/service.ts';
import { indexDocument } from './service.ts';

// The search page for each kind of person: hits only from what they may see, marked and escaped, one series
// with `hold`, pages of 20; and the search box on Mit hold.

const PAGE = '/mit-hold/sog';

describeEachDialect('the search page', (getDb) => {
  let app: FastifyInstance;
  const emails: Record<string, string> = {};

  beforeAll(async () => {
    const database = getDb();
    const db = database.db;
    app = await createTestApp(database);
    const { deps } = registrationTestDeps(database);
    emails.participant = uniqueEmail('deltager');
    await registerConfirmedParticipant(deps, SLUG_2027, 1, emails.participant);

    const series = await seriesIdOf(db, SLUG_2027);
    const older = await seriesIdOf(db, SLUG_2021);
    const [first = '', second = ''] = await sessionIdsOf(db, series);

    emails.substitute = uniqueEmail('stedfortraeder');
    await addGrantedAccount(db, {
      email: emails.substitute,
      name: 'Stine',
      role: 'substitute',
      seriesId: series,
      sessionId: first,
    });
    emails.stranger = uniqueEmail('fremmed');
    await ensureAccount(db, { email: emails.stranger, name: 'Fremmed', role: 'participant' }, TEST_NOW);

    // The demo's own materials are indexed too (test/db.ts seeds them): these tests search their own set.
    await db.deleteFrom('search_entry').execute();
    const base = { source: 'material', authorName: 'Dorte Caswell', createdAt: '2026-02-10T09:00:00.000Z' };
    await db.transaction().execute(async (tx) => {
      await indexDocument(tx, {
        ...base,
        sourceId: 'm-first',
        seriesId: series,
        sessionId: first,
        kind: 'literature',
        title: 'Jobcentrenes rolle',
        path: `/mit-hold/${SLUG_2027}/materialer/m-first`,
        body: 'Indledning.\n\nOm jobcentret og <script>alert("x")</script> borgerinddragelse.',
      });
      await indexDocument(tx, {
        ...base,
        sourceId: 'm-second',
        seriesId: series,
        sessionId: second,
        kind: 'podcast',
        title: 'Samtale om jobcenteret',
        path: `/mit-hold/${SLUG_2027}/materialer/m-second`,
        body: 'En podcast.',
      });
      await indexDocument(tx, {
        ...base,
        sourceId: 'm-whole',
        seriesId: series,
        sessionId: null,
        kind: 'note',
        title: 'Noter til hele holdet om jobcentre',
        path: `/mit-hold/${SLUG_2027}/materialer/m-whole`,
        body: '',
      });
      await indexDocument(tx, {
        ...base,
        sourceId: 'm-old',
        seriesId: older,
        sessionId: null,
        kind: 'document',
        title: 'Jobcenter 2021',
        path: `/mit-hold/${SLUG_2021}/materialer/m-old`,
        body: '',
      });
      for (let i = 0; i < 25; i++) {
        await indexDocument(tx, {
          ...base,
          sourceId: `m-many-${i}`,
          seriesId: series,
          sessionId: null,
          kind: 'article',
          title: `Artikel ${i} om mentorordninger`,
          path: '/x',
          body: '',
        });
      }
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  const as = async (who: string) =>
    new Browser(() => app).withSession(await sessionOf(getDb(), emails[who] ?? ''));
  const titles = (html: string) =>
    [...html.matchAll(/<h3><a href="[^"]*">(.*?)<\/a><\/h3>/g)].map((m) => m[1]?.replace(/<[^>]+>/g, ''));
  const q = (query: string, extra = '') => `${PAGE}?q=${encodeURIComponent(query)}${extra}`;

  it('sends a stranger to sign in', async () => {
    const res = await new Browser(() => app).get(q('jobcenter'));
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/log-ind\?next=/);
  });

  it('shows a participant their series’ hits, marked, with kind, session, who and when, and escaped', async () => {
    const res = await (await as('participant')).get(q('jobcentrene'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(titles(res.body).sort()).toEqual([
      'Jobcentrenes rolle',
      'Noter til hele holdet om jobcentre',
      'Samtale om jobcenteret',
    ]);
    expect(res.body).toContain('<mark>Jobcentrenes</mark>');
    expect(res.body).toContain('<mark>jobcentret</mark>');
    expect(res.body).toContain('&lt;script>alert(&quot;x&quot;)&lt;/script>');
    expect(res.body).not.toContain('<script>alert');
    expect(res.body).toContain('Litteratur');
    expect(res.body).toContain('Session 1');
    expect(res.body).toContain('Hele holdet');
    expect(res.body).toContain('Tilføjet af Dorte Caswell 10.\u00a0februar\u00a02026');
    expect(res.body).toContain('3 resultater');
    expect(res.body).toContain(`href="/mit-hold/${SLUG_2027}/materialer/m-first"`);
    expect(res.body).not.toContain('Jobcenter 2021');
  });

  it('gives a substitute only their session’s hits', async () => {
    const res = await (await as('substitute')).get(q('jobcenter'));
    expect(res.statusCode).toBe(200);
    expect(titles(res.body)).toEqual(['Jobcentrenes rolle']);
  });

  it('limits to one series with hold, and finds nothing there for a series the person is not in', async () => {
    const organiser = await organiserBrowser(() => app, getDb());
    const all = await organiser.get(q('jobcenter'));
    expect(titles(all.body)).toHaveLength(4);
    const one = await organiser.get(q('jobcenter', `&hold=${SLUG_2021}`));
    expect(one.statusCode).toBe(200);
    expect(titles(one.body)).toEqual(['Jobcenter 2021']);
    expect(one.body).toContain(`name="hold" value="${SLUG_2021}"`);
    const participant = await as('participant');
    expect((await participant.get(q('jobcenter', `&hold=${SLUG_2021}`))).statusCode).toBe(404);
    expect((await participant.get(q('jobcenter', '&hold=Ikke%20en%20slug'))).statusCode).toBe(404);
  });

  it('pages 20 at a time', async () => {
    const participant = await as('participant');
    const first = await participant.get(q('mentorordning'));
    expect(titles(first.body)).toHaveLength(20);
    expect(first.body).toContain('25 resultater');
    expect(first.body).toContain('Side 1 af 2');
    expect(first.body).toContain(`href="${PAGE}?q=mentorordning&amp;side=2"`);
    const second = await participant.get(q('mentorordning', '&side=2'));
    expect(titles(second.body)).toHaveLength(5);
    expect(second.body).toContain('Forrige side');
  });

  it('shows only the form for an empty query, and says so when nothing matches or nothing can', async () => {
    const participant = await as('participant');
    const empty = await participant.get(PAGE);
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('role="search"');
    expect(empty.body).not.toContain('resultat');
    expect((await participant.get(q('!!!'))).body).toContain('Skriv mindst ét ord');
    expect((await participant.get(q('kvantefysik'))).body).toContain(
      'Ingen materialer passer på „kvantefysik“',
    );
    const english = await participant.get(q('kvantefysik', '&lang=en'));
    expect(english.body).toContain('No materials match “kvantefysik”');
    const stranger = await as('stranger');
    const nothing = await stranger.get(q('jobcenter'));
    expect(nothing.statusCode).toBe(200);
    expect(nothing.body).toContain('Du er ikke med på et hold endnu');
    expect(titles(nothing.body)).toEqual([]);
  });

  it('puts the search box on Mit hold, a series’ home searching that series', async () => {
    const participant = await as('participant');
    const list = await participant.get('/mit-hold');
    expect(list.body).toMatch(
      /<form class="holdet-search" role="search" method="get" action="\/mit-hold\/sog">/,
    );
    expect(list.body).toContain('Søg i materialer');
    expect(list.body).not.toContain('name="hold"');
    const home = await participant.get(`/mit-hold/${SLUG_2027}`);
    expect(home.body).toContain(`<input type="hidden" name="hold" value="${SLUG_2027}"/>`);
  });
});
