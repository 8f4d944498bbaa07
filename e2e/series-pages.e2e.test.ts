import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type OpenedPage, openPage, type RunningApp, startApp } from './helpers.ts';
import { expectRefused, h1, pageChecker, signInOrganiser } from './journey.ts';

// The organiser's series pages in Chromium (issue 9, part S): the overview's links, the new-series form (empty,
// then filled), the edit page with its status buttons, the preview, and the copy form — each page with zero
// axe violations, in Danish and English, no CSP violation, console error or unexpected HTTP error.

const SLUG = 'beskaeftigelsesfaglig-masterclass-2027';

describe('series pages in Chromium', { timeout: 120_000 }, () => {
  let app: RunningApp;
  let browser: Browser;
  let organiser: OpenedPage;
  const { checkPage, checked } = pageChecker();

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  }, 60_000);

  afterAll(async () => {
    await organiser?.close();
    await browser?.close();
    await app?.close();
    console.info(`series pages: ${checked.length} pages checked with axe:\n  ${checked.join('\n  ')}`);
  });

  it('creates a series from the overview, previews it, and copies the 2027 hold', async () => {
    organiser = await openPage(browser);
    organiser.page.setDefaultTimeout(4000);
    const { page } = organiser;
    await signInOrganiser(page, app, '/arrangoer');
    await checkPage(organiser, 'overview with series links', 'series-overview');

    await page.getByRole('link', { name: 'Opret ny serie' }).click();
    await page.waitForURL(/\/arrangoer\/serier\/ny$/);
    expect(await h1(page)).toBe('Opret ny serie');
    await checkPage(organiser, 'new series form', 'series-new');

    await page.getByRole('button', { name: 'Opret serien' }).click();
    await page.waitForLoadState('load');
    expectRefused(organiser);
    expect(await page.getByRole('link', { name: 'Udfyld titel på dansk' }).count()).toBe(1);
    await checkPage(organiser, 'new series form with errors', 'series-new-errors');

    await page.getByLabel('Adresse').fill('ledelse-i-praksis-2028');
    await page.getByLabel('Titel på dansk').fill('Ledelse i praksis');
    await page.getByLabel('Titel på engelsk').fill('Leadership in practice');
    await page.getByLabel('Kort beskrivelse på dansk').fill('Fire møder for ledere.');
    await page.getByLabel('Kort beskrivelse på engelsk').fill('Four meetings for managers.');
    await page.getByLabel('Antal pladser').fill('12');
    await page.getByLabel('Pris i kroner ekskl. moms').fill('15.000');
    await page.getByLabel('Tilmelding åbner, dato').fill('2027-12-01');
    await page.getByLabel('Tilmelding lukker, dato').fill('2028-06-05');
    await page.getByRole('button', { name: 'Opret serien' }).click();
    await page.waitForURL(/\/arrangoer\/serier\/ledelse-i-praksis-2028\/rediger\?besked=oprettet$/);
    expect(await h1(page)).toBe('Rediger Ledelse i praksis');
    await checkPage(organiser, 'edit page of the new draft', 'series-edit');

    await page.getByRole('link', { name: 'Forhåndsvisning' }).click();
    await page.waitForURL(/\/forhaandsvisning$/);
    expect(await h1(page)).toBe('Ledelse i praksis');
    await checkPage(organiser, 'preview of a draft', 'series-preview');

    await page.goto(`${app.baseUrl}/arrangoer`);
    await page.getByRole('link', { name: /^Kopiér Beskæftigelsesfaglig masterclass 2027/ }).click();
    await page.waitForURL(`**/arrangoer/serier/${SLUG}/kopier`);
    await checkPage(organiser, 'copy form', 'series-copy');
    await page.getByRole('button', { name: 'Kopiér serien' }).click();
    await page.waitForURL(
      /\/arrangoer\/serier\/beskaeftigelsesfaglig-masterclass-2028\/rediger\?besked=kopieret$/,
    );
    await checkPage(organiser, 'edit page of the copy');

    await page.getByRole('button', { name: 'Offentliggør' }).click();
    await page.waitForURL(/\?besked=status$/);
    await checkPage(organiser, 'edit page after publishing');
    await page.goto(`${app.baseUrl}/`);
    expect(
      await page.locator('a[href="/serier/beskaeftigelsesfaglig-masterclass-2028"]').count(),
    ).toBeGreaterThan(0);

    await page.goto(`${app.baseUrl}/arrangoer/serier/${SLUG}/rediger?lang=en`);
    expect(await h1(page)).toMatch(/^Edit /);
    await checkPage(organiser, 'edit page in English');
  });
});
