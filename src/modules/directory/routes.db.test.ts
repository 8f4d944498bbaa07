import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/app.ts';
import { uniqueEmail } from '../../../test/auth.ts';
import { Browser, organiserBrowser, sessionOf } from '../../../test/browser.ts';
import { describeEachDialect, TEST_NOW } from '../../../test/db.ts';
import { SLUG_2021, SLUG_2027, seriesIdOf, setSeriesStatus } from '../../../test/fixtures.ts';
import { registerConfirmed, registrationTestDeps, validForm } from '../../../test/registration.ts';
import { ensureAccount } from '../auth/service.ts';
import { DEMO_PEOPLE } from '../people/demo.ts';
import { grantRole } from '../people/service.ts';
import { parseRegistration } from '../registration/schemas.ts';
import { seedDemoDirectory } from './demo.ts';
import { consentField, workOnField } from './forms.ts';

// The member directory on both engines: the consent given at registration lists a participant, Min side
// changes it at once (audited), and only members of the same series see the list.

const DIRECTORY = `/mit-hold/${SLUG_2027}/deltagere`;
const CHOICES = '/min-side/medlemsoversigt';
/** The page's own content (the header names whoever is signed in). */
const main = (body: string) => body.slice(body.indexOf('<h1>'));

describeEachDialect('member directory', (getDb) => {
  let app: FastifyInstance;
  const emails: Record<string, string> = {};
  let seriesId: string;

  beforeAll(async () => {
    const database = getDb();
    const db = database.db;
    app = await createTestApp(database);
    const { deps } = registrationTestDeps(database);
    const form = (n: number, email: string, extra: Record<string, string>) => {
      const p = parseRegistration(validForm(n, { participant_email: email, ...extra }));
      if (!p.ok) throw new Error('test form invalid');
      return p.form;
    };
    emails.listed = uniqueEmail('med');
    const listed = {
      participant_name: 'Anne Opslag',
      job_title: 'Afdelingsleder',
      organisation_name: 'Jobcenter Vest',
    };
    expect(
      (
        await registerConfirmed(
          deps,
          SLUG_2027,
          form(1, emails.listed, { ...listed, directory_consent: 'ja' }),
        )
      )?.kind,
    ).toBe('confirmed');
    emails.unlisted = uniqueEmail('uden');
    expect(
      (
        await registerConfirmed(
          deps,
          SLUG_2027,
          form(2, emails.unlisted, { participant_name: 'Bent Skjult' }),
        )
      )?.kind,
    ).toBe('confirmed');
    seriesId = await seriesIdOf(db, SLUG_2027);
    // A participant of the 2021 hold who consented there.
    const earlier = await db
      .selectFrom('series')
      .select(['registration_opens_at', 'status'])
      .where('slug', '=', SLUG_2021)
      .executeTakeFirstOrThrow();
    const then = new Date(new Date(earlier.registration_opens_at).getTime() + 24 * 3600_000);
    emails.otherSeries = uniqueEmail('andet');
    await setSeriesStatus(db, SLUG_2021, 'published');
    expect(
      (
        await registerConfirmed(
          registrationTestDeps(database, then).deps,
          SLUG_2021,
          form(3, emails.otherSeries, { participant_name: 'Carla Tidligere', directory_consent: 'ja' }),
        )
      )?.kind,
    ).toBe('confirmed');
    await setSeriesStatus(db, SLUG_2021, earlier.status);
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
  });
  afterAll(async () => {
    await app?.close();
  });

  const as = async (who: string) =>
    who === 'organiser'
      ? organiserBrowser(() => app, getDb())
      : new Browser(() => app).withSession(await sessionOf(getDb(), emails[who] ?? ''));

  it('lists who consented at registration, with job title and organisation, to members of the series', async () => {
    for (const who of ['listed', 'unlisted', 'expert', 'facilitator', 'organiser']) {
      const res = await (await as(who)).get(DIRECTORY);
      expect(res.statusCode, who).toBe(200);
      expect(main(res.body)).toContain('Anne Opslag');
      expect(main(res.body)).toContain('Afdelingsleder');
      expect(main(res.body)).toContain('Jobcenter Vest');
      expect(main(res.body)).not.toContain('Bent Skjult');
      expect(main(res.body)).not.toContain('Carla Tidligere');
      expect(res.headers['cache-control']).toBe('private, no-store');
      expect(res.headers['x-robots-tag']).toBe('noindex');
    }
  });

  it('is not there for a substitute, another series’ participant or a stranger', async () => {
    for (const who of ['substitute', 'otherSeries', 'stranger']) {
      expect((await (await as(who)).get(DIRECTORY)).statusCode, who).toBe(404);
    }
    // The 2021 participant's own directory does not show 2027's people.
    const theirs = await (await as('otherSeries')).get(`/mit-hold/${SLUG_2021}/deltagere`);
    expect(theirs.statusCode).toBe(200);
    expect(main(theirs.body)).toContain('Carla Tidligere');
    expect(main(theirs.body)).not.toContain('Anne Opslag');
  });

  it('opting in on Min side lists the person at once with what they work on; opting out removes them at once', async () => {
    const b = await as('unlisted');
    const page = await b.get(CHOICES);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`name="${consentField(seriesId)}"`);
    expect(page.body).toMatch(/<legend[^>]*>Beskæftigelsesfaglig masterclass 2027<\/legend>/);
    const saved = await b.post(CHOICES, {
      [consentField(seriesId)]: 'ja',
      [workOnField(seriesId)]: 'Vi arbejder med småjob for unge.',
    });
    expect(saved.statusCode).toBe(303);
    const seen = await (await as('listed')).get(DIRECTORY);
    expect(seen.body).toContain('Bent Skjult');
    expect(seen.body).toContain('Vi arbejder med småjob for unge.');
    const out = await b.post(CHOICES, { [workOnField(seriesId)]: 'Vi arbejder med småjob for unge.' });
    expect(out.statusCode).toBe(303);
    const gone = await (await as('listed')).get(DIRECTORY);
    expect(gone.body).not.toContain('Bent Skjult');
    expect(gone.body).not.toContain('småjob');
    const audit = await getDb()
      .db.selectFrom('audit')
      .select(['before_json', 'after_json'])
      .where('action', '=', 'directory.consent')
      .where('entity_id', '=', seriesId)
      .orderBy('at')
      .execute();
    const consents = audit.map((a) => JSON.parse(a.after_json ?? '{}').consent);
    expect(consents.slice(-2)).toEqual([true, false]);
    expect(audit.some((a) => (a.after_json ?? '').includes('småjob'))).toBe(false);
  });

  it('refuses a text over 300 characters and a CPR number, keeping what was typed and storing nothing', async () => {
    const b = await as('listed');
    await b.get(CHOICES);
    const long = await b.post(CHOICES, {
      [consentField(seriesId)]: 'ja',
      [workOnField(seriesId)]: 'x'.repeat(301),
    });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain(`href="#${workOnField(seriesId)}"`);
    expect(long.body).toContain('må højst være 300 tegn');
    const cpr = await b.post(CHOICES, { [workOnField(seriesId)]: 'Sag 070621-1234' });
    expect(cpr.statusCode).toBe(400);
    expect(cpr.body).toContain('070621-1234');
    // Nothing changed: still listed.
    const still = await (await as('unlisted')).get(DIRECTORY);
    expect(still.body).toContain('Anne Opslag');
  });

  it('the page lists only the series the person is a participant of', async () => {
    const expert = await (await as('expert')).get(CHOICES);
    expect(expert.statusCode).toBe(200);
    expect(expert.body).toContain('Du er ikke deltager på et hold endnu.');
    const subBrowser = await as('substitute');
    await subBrowser.get('/log-ind'); // no form on their page: a token from another
    const sub = await subBrowser.post(CHOICES, {});
    expect(sub.statusCode).toBe(303);
  });

  it('Mit hold links to it for members who see it, not for a substitute; the pages read in English too', async () => {
    const home = await (await as('unlisted')).get(`/mit-hold/${SLUG_2027}`);
    expect(home.body).toContain(`href="${DIRECTORY}"`);
    expect(home.body).toContain(`href="${CHOICES}"`);
    const sub = await (await as('substitute')).get(`/mit-hold/${SLUG_2027}`);
    expect(sub.statusCode).toBe(200);
    expect(sub.body).not.toContain(`href="${DIRECTORY}"`);
    const en = await (await as('listed')).get(`${DIRECTORY}?lang=en`);
    expect(en.body).toContain('<h1>Member directory</h1>');
    const choices = await (await as('listed')).get(`${CHOICES}?lang=en`);
    expect(choices.body).toContain('Show me in the member directory');
  });

  it('the demo gives the consenting participants a text, and changes no consent', async () => {
    const n = await seedDemoDirectory(getDb().db, TEST_NOW);
    expect(n).toBeGreaterThanOrEqual(1);
    const res = await (await as('unlisted')).get(DIRECTORY);
    expect(main(res.body)).toContain('Anne Opslag');
    expect(main(res.body)).toContain('dt>Det arbejder jeg med');
    expect(main(res.body)).not.toContain('Bent Skjult');
  });
});
