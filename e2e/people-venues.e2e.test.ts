import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type OpenedPage, openPage, type RunningApp, startApp } from './helpers.ts';
import { clean, expectRefused, h1, mainText, pageChecker, signInOrganiser } from './journey.ts';

// Issue 9's people and venues in Chromium: the organiser creates a person (an empty form first: every field
// named in the summary, what was typed kept), lands on the person page, edits the name; makes a venue and
// gives the demo venue practical notes, which the public session page shows under the address. Every page
// passes axe with zero violations, in Danish and in English, with no CSP violation or console error.

const SLUG = 'beskaeftigelsesfaglig-masterclass-2027';

describe('people and venues in the back office, in Chromium', { timeout: 120_000 }, () => {
  let app: RunningApp;
  let browser: Browser;
  let organiser: OpenedPage;
  const { checkPage, checked, axeMs } = pageChecker();

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  }, 60_000);

  afterAll(async () => {
    await organiser?.close();
    await browser?.close();
    await app?.close();
    console.info(
      `people and venues: ${checked.length} pages checked with axe (${Math.round(axeMs())} ms):\n  ${checked.join('\n  ')}`,
    );
  });

  it('the organiser creates a person, with the errors named first, and edits them', async () => {
    organiser = await openPage(browser);
    organiser.page.setDefaultTimeout(4000);
    const { page } = organiser;
    await signInOrganiser(page, app, '/arrangoer');
    await page.getByRole('link', { name: 'Personer: facilitatorer og eksperter' }).click();
    await page.waitForURL(/\/arrangoer\/personer$/);
    await page.getByRole('link', { name: 'Opret person' }).click();
    await page.waitForURL(/\/arrangoer\/personer\/ny$/);
    expect(await h1(page)).toBe('Opret person');
    await checkPage(organiser, 'new person', 'people-new-person');

    await page.getByLabel('Kort præsentation (dansk)').fill('Forsker i ledelse af beskæftigelsesindsatsen.');
    await page.getByLabel('Link 1: adresse').fill('vbn.aau.dk/da/persons/karen');
    organiser.problems.length = 0;
    await page.getByRole('button', { name: 'Opret person' }).click();
    await page.waitForLoadState('load');
    expectRefused(organiser);
    const summary = clean(await page.getByRole('alert').textContent());
    expect(summary).toContain('Udfyld navn.');
    expect(summary).toContain('Udfyld titel (dansk).');
    expect(summary).toContain('Udfyld titel (engelsk).');
    expect(summary).toContain('Udfyld link 1: tekst.');
    expect(summary).toContain('Link 1: adresse skal være en gyldig adresse');
    expect(await page.getByLabel('Link 1: adresse').inputValue()).toBe('vbn.aau.dk/da/persons/karen');
    expect(await page.title()).toMatch(/^Fejl: /);
    await checkPage(organiser, 'new person with errors', 'people-new-person-errors');

    await page.getByLabel('Navn', { exact: true }).fill('Karen Ærø Hansen');
    await page.getByLabel('Titel (dansk)').fill('Lektor, Aalborg Universitet');
    await page.getByLabel('Titel (engelsk)').fill('Associate professor, Aalborg University');
    await page.getByLabel('Link 1: tekst').fill('Forskningsprofil');
    await page.getByLabel('Link 1: adresse').fill('https://vbn.aau.dk/da/persons/karen');
    await page.getByRole('button', { name: 'Opret person' }).click();
    await page.waitForURL(/\/arrangoer\/personer\/karen-aeroe-hansen\?oprettet=1$/);
    expect(await h1(page)).toBe('Karen Ærø Hansen');
    expect(clean(await page.getByRole('status').textContent())).toContain('Personen er oprettet.');
    await checkPage(organiser, 'person created', 'people-person-created');

    await page.getByRole('link', { name: 'Rediger oplysninger' }).click();
    await page.waitForURL(/\/arrangoer\/personer\/karen-aeroe-hansen\/rediger$/);
    expect(await page.getByLabel('Navn', { exact: true }).inputValue()).toBe('Karen Ærø Hansen');
    await checkPage(organiser, 'edit person', 'people-edit-person');
    await page.getByLabel('Navn', { exact: true }).fill('Karen Æ. Hansen');
    await page.getByRole('button', { name: 'Gem oplysninger' }).click();
    await page.waitForURL(/\/arrangoer\/personer\/karen-aeroe-hansen\?gemt=1$/);
    expect(await h1(page)).toBe('Karen Æ. Hansen');

    await page.goto(`${app.baseUrl}/arrangoer/personer/karen-aeroe-hansen/rediger?lang=en`);
    expect(await h1(page)).toBe('Edit Karen Æ. Hansen');
    await checkPage(organiser, 'edit person in English');
  });

  it('the organiser makes a venue and gives the demo venue practical notes, shown on the session page', async () => {
    const { page } = organiser;
    // The last page asked for English, which the language cookie remembers.
    await page.goto(`${app.baseUrl}/arrangoer?lang=da`);
    await page.getByRole('link', { name: 'Steder: adresser og praktiske oplysninger' }).click();
    await page.waitForURL(/\/arrangoer\/steder$/);
    expect(await h1(page)).toBe('Steder');
    await checkPage(organiser, 'venues', 'venues-list');

    await page.getByRole('link', { name: 'Opret sted' }).click();
    await page.waitForURL(/\/arrangoer\/steder\/ny$/);
    await page.getByLabel('Navn').fill('Aalborg Universitet København');
    await page.getByLabel('Postnummer').fill('245');
    organiser.problems.length = 0;
    await page.getByRole('button', { name: 'Opret sted' }).click();
    await page.waitForLoadState('load');
    expectRefused(organiser);
    const summary = clean(await page.getByRole('alert').textContent());
    expect(summary).toContain('Udfyld adresse.');
    expect(summary).toContain('Skriv postnummer som 4 cifre, fx 2450.');
    expect(summary).toContain('Udfyld by.');
    expect(await page.getByLabel('Navn').inputValue()).toBe('Aalborg Universitet København');
    await checkPage(organiser, 'new venue with errors', 'venues-new-errors');
    await page.getByLabel('Adresse').fill('A.C. Meyers Vænge 15');
    await page.getByLabel('Postnummer').fill('2450');
    await page.getByLabel('By').fill('København SV');
    await page.getByRole('button', { name: 'Opret sted' }).click();
    await page.waitForURL(/\/arrangoer\/steder\?oprettet=1$/);
    expect(clean(await page.getByRole('status').textContent())).toBe('Stedet er oprettet.');

    await page.getByRole('link', { name: 'Væksthuset', exact: true }).click();
    await page.waitForURL(/\/arrangoer\/steder\/[0-9a-f-]{36}$/);
    expect(await h1(page)).toBe('Rediger Væksthuset');
    await checkPage(organiser, 'edit venue', 'venues-edit');
    await page
      .getByLabel('Praktiske oplysninger (dansk)')
      .fill('Ring på ved hoveddøren.\nParkering bag huset.');
    await page.getByLabel('Praktiske oplysninger (engelsk)').fill('Ring at the front door.');
    await page.getByRole('button', { name: 'Gem sted' }).click();
    await page.waitForURL(/\/arrangoer\/steder\?gemt=1$/);

    await page.goto(`${app.baseUrl}/serier/${SLUG}/sessioner/1`);
    expect(await mainText(page)).toContain('Ring på ved hoveddøren.');
    await checkPage(organiser, 'session page with the venue notes', 'venues-session-notes');
    await page.goto(`${app.baseUrl}/serier/${SLUG}/sessioner/1?lang=en`);
    expect(await mainText(page)).toContain('Ring at the front door.');
    await checkPage(organiser, 'session page in English');
  });
});
