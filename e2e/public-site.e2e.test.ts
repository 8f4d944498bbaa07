import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addParticipant } from '../test/auth.ts';
import {
  axe,
  cspViolations,
  describeViolations,
  launchBrowser,
  openPage,
  type RunningApp,
  screenshot,
  startApp,
} from './helpers.ts';
import { signInWithCode } from './journey.ts';

// Every public page in a real Chromium: what a visitor reads, zero axe violations (WCAG 2.1 A/AA and
// best practice), no console errors or CSP violations, and a full-page screenshot in screenshots/.

const NBSP = '\u00a0';
const SERIES = '/serier/beskaeftigelsesfaglig-masterclass-2027';
const EXPERTS = ['Dorte Caswell', 'Charlotte Liebak Hansen', 'Flemming Larsen', 'Leif Tøfting Kongsgaard'];

interface PageCase {
  name: string;
  path: string;
  status?: number;
  lang?: 'da' | 'en';
  title: string;
  h1: string;
  texts: string[];
}

const PAGES: PageCase[] = [
  {
    name: 'front',
    path: '/',
    title: 'Masterclass-rækker – Væksthusets Kompetencecenter',
    h1: 'Masterclass-rækker',
    texts: [
      'Kommende hold',
      'Beskæftigelsesfaglig masterclass 2027',
      '7. juni 2027 – 22. november 2027',
      '15 af 15 pladser ledige',
      `18.000${NBSP}kr. ekskl. moms`,
      'Tidligere hold',
      'Beskæftigelsesfaglig masterclass 2021',
      'Afsluttet',
    ],
  },
  {
    name: 'series',
    path: SERIES,
    title: 'Beskæftigelsesfaglig masterclass 2027 – Væksthusets Kompetencecenter',
    h1: 'Beskæftigelsesfaglig masterclass 2027',
    texts: [
      'Programmet: fire sessioner',
      'mandag d. 7. juni 2027',
      'mandag d. 30. august 2027',
      'mandag d. 4. oktober 2027',
      'mandag d. 22. november 2027',
      'kl. 10.00–14.30',
      `18.000${NBSP}kr.`,
      `22.500${NBSP}kr.`,
      `25${NBSP}% moms`,
      '15 pladser i alt',
      'Væksthuset, Glentevej 67, 2400 København NV',
      'Tilmeld dig',
      'Tilmeldingsfrist: søndag d. 6. juni 2027.',
      ...EXPERTS,
    ],
  },
  {
    name: 'session',
    path: `${SERIES}/sessioner/1`,
    title:
      'Session 1: Hvordan får vi forskning og praksis til at spille sammen? – Væksthusets Kompetencecenter',
    h1: 'Hvordan får vi forskning og praksis til at spille sammen?',
    texts: [
      'Session 1 · En del af Beskæftigelsesfaglig masterclass 2027',
      'mandag d. 7. juni 2027, kl. 10.00–14.30',
      'Om oplægsholderen',
      'Dorte Caswell',
      'Professor i socialt arbejde, Aalborg Universitet',
      'Alle sessioner i rækken',
      'Tilmeld dig',
    ],
  },
  {
    name: 'person',
    path: '/personer/dorte-caswell',
    title: 'Dorte Caswell – Væksthusets Kompetencecenter',
    h1: 'Dorte Caswell',
    texts: [
      'Professor i socialt arbejde, Aalborg Universitet',
      'Sessioner med Dorte Caswell',
      'mandag d. 7. juni 2027 · Beskæftigelsesfaglig masterclass 2027',
      'mandag d. 7. juni 2021 · Beskæftigelsesfaglig masterclass 2021',
    ],
  },
  {
    name: 'not-found',
    path: '/findes-ikke',
    status: 404,
    title: 'Siden findes ikke – Væksthusets Kompetencecenter',
    h1: 'Siden findes ikke',
    texts: ['Vi kan ikke finde den side, du leder efter.', 'Gå til forsiden'],
  },
  {
    name: 'privacy',
    path: '/privatliv',
    title: 'Privatlivspolitik – Væksthusets Kompetencecenter',
    h1: 'Privatlivspolitik',
    texts: ['Væksthusets Kompetencecenter (CVR 61126228)', 'Vi beder aldrig om dit CPR-nummer.', 'Cookies'],
  },
  {
    name: 'accessibility',
    path: '/tilgaengelighed',
    title: 'Tilgængelighedserklæring – Væksthusets Kompetencecenter',
    h1: 'Tilgængelighedserklæring',
    texts: ['WCAG 2.1 på niveau AA', 'Alle sider virker uden JavaScript.', 'kompetencecenter@example.dk'],
  },
  {
    name: 'registration-form',
    path: `${SERIES}/tilmelding`,
    title: 'Tilmelding: Beskæftigelsesfaglig masterclass 2027 – Væksthusets Kompetencecenter',
    h1: 'Tilmelding: Beskæftigelsesfaglig masterclass 2027',
    texts: [
      'Udfyld formularen for at tilmelde dig.',
      'Deltager',
      'Fulde navn',
      'Arbejdsmail',
      'Ledelsesniveau',
      'Organisation og faktura',
      'CVR-nummer',
      'EAN-nummer',
      'Jeg accepterer, at tilmeldingen er bindende',
      'privatlivspolitik',
      'Tilmeld mig',
    ],
  },
  {
    name: 'registration-form-en',
    path: `${SERIES}/tilmelding?lang=en`,
    lang: 'en',
    title: 'Registration: Masterclass in employment services 2027 – Væksthusets Kompetencecenter',
    h1: 'Registration: Masterclass in employment services 2027',
    texts: [
      'Fill in the form to register.',
      'Full name',
      'Work email',
      'Management level',
      'CVR number',
      'EAN number',
      'I accept that the registration is binding',
      'privacy policy',
      'Register',
    ],
  },
  {
    name: 'series-en',
    path: `${SERIES}?lang=en`,
    lang: 'en',
    title: 'Masterclass in employment services 2027 – Væksthusets Kompetencecenter',
    h1: 'Masterclass in employment services 2027',
    texts: [
      'The programme: four sessions',
      'Monday 7 June 2027',
      '10:00–14:30',
      `DKK${NBSP}18,000 excl. VAT`,
      `DKK${NBSP}22,500 incl. VAT`,
      'Register',
      ...EXPERTS,
    ],
  },
];

describe('public site in Chromium', { timeout: 30_000 }, () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  describe('each page', () => {
    for (const c of PAGES) {
      it(`${c.name} (${c.path}): content, axe, console, screenshot`, async () => {
        const { page, problems, close } = await openPage(browser, { expectedStatus: c.status ?? 200 });
        try {
          const response = await page.goto(app.baseUrl + c.path);
          expect(response?.status()).toBe(c.status ?? 200);

          expect(await page.getAttribute('html', 'lang')).toBe(c.lang ?? 'da');
          expect(await page.title()).toBe(c.title);
          const h1 = page.locator('h1');
          expect(await h1.count()).toBe(1);
          expect((await h1.textContent())?.trim()).toBe(c.h1);
          const main = (await page.locator('main').textContent()) ?? '';
          for (const text of c.texts) expect(main, `main of ${c.path} shows "${text}"`).toContain(text);

          // What the header fixes keep right: the organiser's name shows (dkfds hides the text of its
          // placeholder logo) and the language switcher is not pulled above the top of the page.
          expect(await page.locator('.header .holdet-logo span').isVisible()).toBe(true);
          expect((await page.locator('.language-switcher').boundingBox())?.y).toBeGreaterThanOrEqual(0);

          const results = await axe(page);
          const ids = results.violations.map((v) => v.id);
          expect(ids, `axe violations on ${c.path}:\n${describeViolations(results)}`).toEqual([]);

          expect(await cspViolations(page), 'CSP violations').toEqual([]);
          expect(problems, 'console errors and failed requests').toEqual([]);

          await screenshot(page, c.name);
        } finally {
          await close();
        }
      });
    }
  });

  it('the series page reflows at 320 px wide (WCAG 1.4.10) without axe violations', async () => {
    const { page, problems, close } = await openPage(browser, { viewport: { width: 320, height: 640 } });
    try {
      await page.goto(app.baseUrl + SERIES);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      const results = await axe(page);
      const ids = results.violations.map((v) => v.id);
      expect(ids, describeViolations(results)).toEqual([]);
      expect(problems).toEqual([]);
      await screenshot(page, 'series-320px');
    } finally {
      await close();
    }
  });

  it('the series page works with JavaScript disabled', async () => {
    const { page, problems, close } = await openPage(browser, { javaScriptEnabled: false });
    try {
      await page.goto(app.baseUrl + SERIES);
      const main = (await page.locator('main').textContent()) ?? '';
      for (const text of ['mandag d. 7. juni 2027', 'kl. 10.00–14.30', `18.000${NBSP}kr.`, ...EXPERTS]) {
        expect(main).toContain(text);
      }
      // Styles still apply: the factbox is laid out beside the programme.
      const box = await page.locator('.holdet-factbox').boundingBox();
      expect(box?.x ?? 0).toBeGreaterThan(600);

      await page.getByRole('link', { name: 'Tilmeld dig' }).click();
      await page.waitForURL(/\/tilmelding$/);
      expect(await page.locator('h1').textContent()).toBe(
        'Tilmelding: Beskæftigelsesfaglig masterclass 2027',
      );
      // A plain HTML form: it posts without any script, and no field relies on one.
      expect(await page.locator('main form[method="post"] button[type="submit"]').textContent()).toBe(
        'Tilmeld mig',
      );

      await page.getByRole('link', { name: 'English' }).click();
      await page.waitForURL(/lang=en$/);
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(await page.locator('h1').textContent()).toBe(
        'Registration: Masterclass in employment services 2027',
      );
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
  it('the header: "Log ind" for a stranger, the name and pages when signed in, on the cached series page, axe at full width and at 320 px', async () => {
    const { page, problems, close } = await openPage(browser);
    try {
      const header = page.getByRole('navigation', { name: 'Din konto' });
      await page.goto(app.baseUrl + SERIES);
      expect(await header.getByRole('link').allTextContents()).toEqual(['Log ind']);
      let results = await axe(page);
      expect(
        results.violations.map((v) => v.id),
        describeViolations(results),
      ).toEqual([]);

      const { email } = await addParticipant(app.database.db, 'header-e2e@example.dk', 'Ane Hovedmenu');
      await signInWithCode(page, app, email);
      expect(await header.getByRole('link', { name: 'Min side' }).getAttribute('aria-current')).toBe('page');
      await page.goto(app.baseUrl + SERIES);
      expect(await header.textContent()).toContain('Ane Hovedmenu');
      expect(await header.getByRole('link').allTextContents()).toEqual(['Mit hold', 'Min side', 'Log ud']);
      results = await axe(page);
      expect(
        results.violations.map((v) => v.id),
        describeViolations(results),
      ).toEqual([]);
      expect(await cspViolations(page), 'CSP violations').toEqual([]);
      await screenshot(page, 'series-signed-in');

      // A phone: the links wrap under the organiser's name, all in view, nothing to open.
      await page.setViewportSize({ width: 320, height: 640 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      for (const name of ['Mit hold', 'Min side', 'Log ud']) {
        expect(await header.getByRole('link', { name }).isVisible(), name).toBe(true);
      }
      results = await axe(page);
      expect(
        results.violations.map((v) => v.id),
        describeViolations(results),
      ).toEqual([]);
      await screenshot(page, 'series-signed-in-320px');

      // Where the header's "Log ud" leads: the page with the button.
      await header.getByRole('link', { name: 'Log ud' }).click();
      await page.waitForURL(/\/log-ud$/);
      expect(await header.getByRole('link', { name: 'Log ud' }).getAttribute('aria-current')).toBe('page');
      results = await axe(page);
      expect(
        results.violations.map((v) => v.id),
        describeViolations(results),
      ).toEqual([]);
      await screenshot(page, 'sign-out-320px');
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('signs out from the header with JavaScript disabled', async () => {
    const { page, problems, close } = await openPage(browser, { javaScriptEnabled: false });
    try {
      const { email } = await addParticipant(app.database.db, 'header-nojs@example.dk', 'Bo Uden Script');
      await signInWithCode(page, app, email);
      await page.goto(app.baseUrl + SERIES);
      const header = page.getByRole('navigation', { name: 'Din konto' });
      await header.getByRole('link', { name: 'Log ud' }).click();
      await page.waitForURL(/\/log-ud$/);
      expect(await page.locator('h1').textContent()).toBe('Log ud');
      await page.getByRole('button', { name: 'Log ud', exact: true }).click();
      await page.waitForURL(`${app.baseUrl}/`);
      expect(await header.getByRole('link').allTextContents()).toEqual(['Log ind']);
      expect(await page.locator('header').textContent()).not.toContain('Bo Uden Script');
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
