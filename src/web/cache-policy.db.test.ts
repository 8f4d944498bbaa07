import type { FastifyInstance, RouteOptions } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testConfig } from '../../test/app.ts';
import { uniqueEmail } from '../../test/auth.ts';
import { sessionOf } from '../../test/browser.ts';
import { describeEachDialect, TEST_NOW } from '../../test/db.ts';
import { SLUG_2027 } from '../../test/fixtures.ts';
import { registerConfirmed, registrationTestDeps, validForm } from '../../test/registration.ts';
import { createApp } from '../app.ts';
import { enqueueMail } from '../email/outbox.ts';
import { createOrganiser } from '../modules/auth/service.ts';
import { parseRegistration } from '../modules/registration/schemas.ts';
import { fixedClock } from '../shared/clock.ts';

// Every route the app has, asked for by a signed-in organiser and by a signed-in participant: whatever the
// route itself set, an answer to a signed-in person is never stored (one onSend hook, cache-policy.ts).
// Anonymous public pages and static assets keep their own headers.

const DOCUMENT_TYPES = /^(text\/html|text\/csv|application\/pdf|application\/xml|text\/xml|text\/plain)/;

describeEachDialect('cache policy on every route', (getDb) => {
  let app: FastifyInstance;
  const routes: { method: string; url: string }[] = [];
  const params: Record<string, string> = {};
  let organiserCookie: string;
  let participantCookie: string;

  beforeAll(async () => {
    const database = getDb();
    app = await createApp({
      config: testConfig(database),
      database,
      clock: fixedClock(TEST_NOW),
      onRoute: (route: RouteOptions) => {
        for (const method of [route.method].flat()) routes.push({ method, url: route.url });
      },
    });
    await app.ready();
    const form = parseRegistration(validForm(1));
    if (!form.ok) throw new Error('test form invalid');
    const { deps } = registrationTestDeps(database);
    // Confirmed from the mail, as the participant would: the seat is then invoiced.
    expect(await registerConfirmed(deps, SLUG_2027, form.form, 'da')).toMatchObject({ kind: 'confirmed' });
    const invoice = await database.db
      .selectFrom('invoice')
      .select(['id', 'registration_id'])
      .executeTakeFirstOrThrow();
    const person = await database.db.selectFrom('person').select('slug').executeTakeFirstOrThrow();
    const mailId = await enqueueMail(
      database.db,
      { kind: 'test', to: 'x@example.dk', subject: 's', text: 't', html: '<p>t</p>' },
      TEST_NOW,
    );
    Object.assign(params, {
      slug: SLUG_2027,
      ordinal: '1',
      n: '1',
      token: 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde',
      '*': 'holdet.css',
    });
    params.personSlug = person.slug;
    params.invoiceId = invoice.id;
    params.registrationId = invoice.registration_id ?? '';
    params.mailId = mailId;
    const organiserEmail = uniqueEmail('org');
    const made = await createOrganiser(
      database.db,
      { email: organiserEmail, name: 'Bo', actorLabel: 'test' },
      TEST_NOW,
    );
    if (!made.ok) throw new Error(made.reason);
    organiserCookie = await sessionOf(database, organiserEmail);
    participantCookie = await sessionOf(database, validForm(1).participant_email ?? '');
  });
  afterAll(async () => {
    await app?.close();
  });

  /** A plausible URL for a route pattern: real slugs and ids, so most answers are the page itself. */
  function fill(url: string): string {
    return url
      .replace(/^\/personer\/:slug/, `/personer/${params.personSlug}`)
      .replace(/\/udvikling\/postkasse\/:id/, `/udvikling/postkasse/${params.mailId}`)
      .replace(/\/tilmeldinger\/:id/, `/tilmeldinger/${params.registrationId}`)
      .replace(/\/fakturaer\/:id/, `/fakturaer/${params.invoiceId}`)
      .replace(/:id/g, params.registrationId ?? '')
      .replace(/:(\w+)/g, (_m, name: string) => params[name] ?? 'x')
      .replace(/\*$/, params['*'] ?? '');
  }

  it('knows the routes it walks', () => {
    const urls = routes.map((r) => r.url);
    for (const url of [
      '/arrangoer',
      '/arrangoer/log',
      '/min-side',
      '/arrangoer/fakturaer.csv',
      '/log-ind/:token',
    ]) {
      expect(urls).toContain(url);
    }
    expect(routes.length).toBeGreaterThan(30);
  });

  for (const who of ['organiser', 'participant'] as const) {
    it(`answers every GET route with private, no-store to a signed-in ${who}`, async () => {
      const cookie = `holdet_session=${who === 'organiser' ? organiserCookie : participantCookie}`;
      let documents = 0;
      for (const route of routes.filter((r) => r.method === 'GET')) {
        const url = fill(route.url);
        const res = await app.inject({ method: 'GET', url, headers: { cookie } });
        expect(res.statusCode, url).toBeLessThan(500);
        const type = String(res.headers['content-type'] ?? '');
        const isStatic = url.startsWith('/static/') || url === '/theme.css';
        if (isStatic) {
          expect(res.headers['cache-control'], url).not.toContain('no-store');
          continue;
        }
        expect(res.headers['cache-control'], `${url} (${res.statusCode} ${type})`).toBe('private, no-store');
        if (DOCUMENT_TYPES.test(type)) documents++;
      }
      expect(documents).toBeGreaterThan(20);
    });
  }

  it('answers POSTs of a signed-in person (errors and redirects) with private, no-store', async () => {
    const cookie = `holdet_session=${organiserCookie}`;
    for (const route of routes.filter((r) => r.method === 'POST')) {
      const url = fill(route.url);
      const res = await app.inject({ method: 'POST', url, headers: { cookie }, payload: {} });
      expect(res.statusCode, url).toBeLessThan(500);
      expect(res.headers['cache-control'], url).toBe('private, no-store');
    }
  });

  it('keeps the audit log out of every cache (it was storable)', async () => {
    const res = await app.inject({
      url: '/arrangoer/log',
      headers: { cookie: `holdet_session=${organiserCookie}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
  });

  it('leaves anonymous public pages and static assets as they were, and keeps x-robots-tag', async () => {
    expect((await app.inject('/')).headers['cache-control']).toBe('no-cache');
    expect((await app.inject(`/serier/${SLUG_2027}`)).headers['cache-control']).toBe('no-cache');
    expect((await app.inject('/theme.css')).headers['cache-control']).toBe('public, max-age=300');
    expect((await app.inject('/static/holdet.css')).headers['cache-control']).toBe('public, max-age=3600');
    const signIn = await app.inject({
      url: '/log-ind',
      headers: { cookie: `holdet_session=${participantCookie}` },
    });
    expect(signIn.headers['cache-control']).toBe('private, no-store');
    expect(signIn.headers['x-robots-tag']).toBe('noindex');
    // The mailbox shows people's mail: never stored, signed in or not.
    expect((await app.inject('/udvikling/postkasse')).headers['cache-control']).toBe('private, no-store');
  });
});
