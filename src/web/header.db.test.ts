import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestApp } from '../../test/app.ts';
import { addParticipant, uniqueEmail } from '../../test/auth.ts';
import { Browser, organiserBrowser, sessionOf } from '../../test/browser.ts';
import { describeEachDialect } from '../../test/db.ts';
import { SLUG_2027 } from '../../test/fixtures.ts';

// The header on every kind of page: "Log ind" for a stranger; the name, their pages and "Log ud" for a
// signed-in person. Public pages are cached and shared: the cache keeps them with a slot for the account
// menu, so a signed-in visitor's page is never stored, and the next stranger gets the shared bytes.

const SERIES = `/serier/${SLUG_2027}`;
const SIGN_IN_LINK = '<a href="/log-ind">Log ind</a>';

function cacheHits(metrics: string): number {
  return Number(/holdet_page_cache_total\{result="hit"\} (\d+)/.exec(metrics)?.[1] ?? 0);
}

describeEachDialect('the header', (getDb) => {
  let app: FastifyInstance;
  const db = () => getDb().db;
  const anonymous = () => new Browser(() => app);
  const participant = async (name: string) => {
    const { email } = await addParticipant(db(), uniqueEmail(), name);
    return new Browser(() => app).withSession(await sessionOf(getDb(), email));
  };

  // Each test starts with a cold page cache, as a fresh instance would.
  beforeEach(async () => {
    app = await createTestApp(getDb());
  });
  afterEach(async () => {
    await app?.close();
  });

  it('shows a stranger "Log ind" on the front page, a series page, an error page and the sign-in page', async () => {
    const browser = anonymous();
    for (const [url, status] of [
      ['/', 200],
      [SERIES, 200],
      ['/serier/findes-ikke', 404],
      [`/personer/findes-ikke`, 404],
    ] as const) {
      const res = await browser.get(url);
      expect(res.statusCode, url).toBe(status);
      expect(res.body, url).toContain(SIGN_IN_LINK);
      expect(res.body, url).not.toContain('href="/log-ud"');
      expect(res.body, url).not.toContain('holdet-account-slot');
    }
    const signIn = await browser.get('/log-ind');
    expect(signIn.body).toContain('<a href="/log-ind" aria-current="page">Log ind</a>');
    const english = await browser.get(`${SERIES}?lang=en`);
    expect(english.body).toContain('<nav class="holdet-account" aria-label="Your account">');
    expect(english.body).toContain('<a href="/log-ind?lang=en">Sign in</a>');
  });

  it('shows a participant their name, Min side and Log ud on a cached public page, and never shares it', async () => {
    const stranger = anonymous();
    const first = await stranger.get(SERIES);
    expect(first.headers['cache-control']).toBe('no-cache');
    expect(first.headers.vary).toContain('Cookie');

    const ane = await participant('Ane <Deltager> & Co');
    const hitsBefore = cacheHits((await app.inject('/metrics')).body);
    const signedIn = await ane.get(SERIES);
    // Served from the shared cache (one more hit), with Ane's menu in the slot.
    expect(cacheHits((await app.inject('/metrics')).body)).toBe(hitsBefore + 1);
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.headers['cache-control']).toBe('private, no-store');
    expect(signedIn.headers.vary).toContain('Cookie');
    expect(signedIn.body).toContain('<span class="sr-only">Logget ind som </span>Ane &lt;Deltager> &amp; Co');
    expect(signedIn.body).toContain('<a href="/min-side">Min side</a>');
    expect(signedIn.body).toContain('<a href="/log-ud">Log ud</a>');
    expect(signedIn.body).not.toContain(SIGN_IN_LINK);
    expect(signedIn.body).not.toContain('href="/arrangoer"');
    // The page around the menu is the shared one.
    const [head, tail] = first.body.split(/<nav class="holdet-account"[\s\S]*?<\/nav>/);
    expect(signedIn.body.startsWith(head ?? 'x')).toBe(true);
    expect(signedIn.body.endsWith(tail ?? 'x')).toBe(true);

    // The next stranger gets the shared bytes, without Ane's name.
    const next = await anonymous().get(SERIES);
    expect(next.body).toBe(first.body);
    expect(next.body).not.toContain('Ane');
    expect(next.headers['cache-control']).toBe('no-cache');

    // The same on the front page, in English, and when the signed-in visitor is the first to ask.
    const front = await ane.get('/?lang=en');
    expect(front.body).toContain('<span class="sr-only">Signed in as </span>Ane');
    expect(front.body).toContain('<a href="/min-side?lang=en">My page</a>');
    expect(front.headers['cache-control']).toBe('private, no-store');
    const frontAnonymous = await anonymous().get('/?lang=en');
    expect(frontAnonymous.body).not.toContain('Ane');
    expect(frontAnonymous.body).toContain('<a href="/log-ind?lang=en">Sign in</a>');
  });

  it('marks Min side as the current page for the participant, also on the error pages they see', async () => {
    const bo = await participant('Bo Deltager');
    const mine = await bo.get('/min-side');
    expect(mine.body).toContain('<a href="/min-side" aria-current="page">Min side</a>');
    const missing = await bo.get('/serier/findes-ikke');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('Bo Deltager');
    expect(missing.headers['cache-control']).toBe('private, no-store');
    const refused = await bo.get('/arrangoer');
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('Bo Deltager');
    expect(refused.body).not.toContain('href="/arrangoer"');
  });

  it('gives an organiser the back office from Min side, the back office itself and the public pages', async () => {
    const organiser = await organiserBrowser(() => app, getDb());
    const backOffice = '<a href="/arrangoer">Arrangør</a>';
    const mine = await organiser.get('/min-side');
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain(backOffice);
    expect(mine.body).toContain('<a href="/min-side" aria-current="page">Min side</a>');
    expect((await organiser.get('/')).body).toContain(backOffice);
    expect((await organiser.get(SERIES)).body).toContain(backOffice);
    expect((await organiser.get('/arrangoer')).body).toContain(
      '<a href="/arrangoer" aria-current="page">Arrangør</a>',
    );
    expect((await organiser.get('/arrangoer/fakturaer')).body).toContain(
      '<a href="/arrangoer" aria-current="true">Arrangør</a>',
    );
    expect((await organiser.get('/?lang=en')).body).toContain('<a href="/arrangoer?lang=en">Organiser</a>');
    // The shared page did not keep the organiser's menu.
    expect((await anonymous().get(SERIES)).body).not.toContain('href="/arrangoer"');
  });

  it('signs out from the header without JavaScript: a link to a page whose button posts', async () => {
    const cy = await participant('Cy Deltager');
    const page = await cy.get(SERIES);
    expect(page.body).toContain('<a href="/log-ud">Log ud</a>');
    const signOut = await cy.get('/log-ud');
    expect(signOut.statusCode).toBe(200);
    expect(signOut.headers['cache-control']).toBe('private, no-store');
    expect(signOut.body).toContain('<h1>Log ud</h1>');
    expect(signOut.body).toContain('<a href="/log-ud" aria-current="page">Log ud</a>');
    expect(signOut.body).toMatch(
      /<form method="post" action="\/log-ud">\s*<input type="hidden" name="_csrf"/,
    );
    const done = await cy.post('/log-ud', {});
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/');
    const after = await cy.get(SERIES);
    expect(after.body).toContain(SIGN_IN_LINK);
    expect(after.body).not.toContain('Cy Deltager');
    // Nobody to sign out: the sign-out page sends a stranger to the front page.
    const stranger = await anonymous().get('/log-ud?lang=en');
    expect(stranger.statusCode).toBe(303);
    expect(stranger.headers.location).toBe('/?lang=en');
  });
});
