import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, type RunningApp, startApp } from './helpers.ts';

// The public pages with a keyboard alone: the skip link comes first and lands in the content, Tab reaches
// the call to action and the language switcher, and every stop on the way shows where focus is.

const SERIES = '/serier/beskaeftigelsesfaglig-masterclass-2027';
const MAX_TABS = 80;

interface Focused {
  tag: string;
  id: string;
  text: string;
  href: string | null;
  lang: string | null;
  /** Has a focus outline or ring a sighted keyboard user can see. */
  indicated: boolean;
}

async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) {
      return { tag: 'body', id: '', text: '', href: null, lang: null, indicated: false };
    }
    // dkfds hides the real radio or checkbox (opacity 0) and draws it as its label's ::before, which is
    // where the focus ring shows; the invisible input's own outline would prove nothing.
    const drawn =
      el instanceof HTMLInputElement &&
      (el.type === 'radio' || el.type === 'checkbox') &&
      getComputedStyle(el).opacity === '0';
    const label = drawn ? document.querySelector(`label[for="${el.id}"]`) : null;
    const style = label ? getComputedStyle(label, '::before') : getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0;
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      text: (el.textContent ?? '').trim(),
      href: el.getAttribute('href'),
      lang: el.getAttribute('lang'),
      indicated: (!drawn || label !== null) && (outline || style.boxShadow !== 'none'),
    };
  });
}

/** Presses Tab until `match` holds for the focused element; returns every stop on the way. */
async function tabUntil(page: Page, match: (f: Focused) => boolean): Promise<Focused[]> {
  const stops: Focused[] = [];
  for (let i = 0; i < MAX_TABS; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    stops.push(f);
    if (match(f)) return stops;
  }
  const seen = stops.map((s) => `${s.tag} "${s.text}"`).join(', ');
  throw new Error(`Not reached with ${MAX_TABS} presses of Tab. Focus went: ${seen}`);
}

describe('keyboard navigation in Chromium', { timeout: 30_000 }, () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  for (const path of ['/', SERIES, '/findes-ikke']) {
    it(`on ${path} the first Tab focuses the skip link, which moves focus to the content`, async () => {
      const { page, close } = await openPage(browser, {
        expectedStatus: path === '/findes-ikke' ? 404 : 200,
      });
      try {
        await page.goto(app.baseUrl + path);
        await page.keyboard.press('Tab');
        const skip = await focused(page);
        expect(skip).toMatchObject({ tag: 'a', text: 'Gå til sidens indhold', href: '#main-content' });
        expect(skip.indicated).toBe(true);
        // Hidden until focused, then slid into view.
        await expect
          .poll(async () => (await page.locator('a.skipnav').boundingBox())?.y ?? -1)
          .toBeGreaterThanOrEqual(0);

        await page.keyboard.press('Enter');
        await page.waitForURL(/#main-content$/);
        expect((await focused(page)).id).toBe('main-content');

        // The next Tab continues inside the content, past the header.
        await page.keyboard.press('Tab');
        const next = await focused(page);
        const inMain = await page.evaluate(() => !!document.activeElement?.closest('main'));
        expect(inMain, `focus after the skip link: ${next.tag} "${next.text}"`).toBe(true);
      } finally {
        await close();
      }
    });
  }

  it('Tab through the series page reaches "Tilmeld dig", with visible focus, and Enter follows it', async () => {
    const { page, problems, close } = await openPage(browser);
    try {
      await page.goto(app.baseUrl + SERIES);
      const stops = await tabUntil(page, (f) => f.text === 'Tilmeld dig');

      // The order a sighted user expects: skip link, languages, header, breadcrumbs, the content.
      expect(stops.slice(0, 3).map((s) => s.text)).toEqual(['Gå til sidens indhold', 'Dansk', 'English']);
      const texts = stops.map((s) => s.text);
      expect(texts).toContain('Forside');
      expect(texts.indexOf('Forside')).toBeLessThan(texts.indexOf('Dorte Caswell'));
      const hidden = stops.filter((s) => !s.indicated).map((s) => `${s.tag} "${s.text}"`);
      expect(hidden, 'focused elements without a visible focus indicator').toEqual([]);

      await page.keyboard.press('Enter');
      await page.waitForURL(/\/tilmelding$/);
      expect(await page.locator('h1').textContent()).toBe(
        'Tilmelding: Beskæftigelsesfaglig masterclass 2027',
      );
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('Tab goes through the registration form in reading order, with visible focus, to the submit button', async () => {
    const { page, problems, close } = await openPage(browser);
    try {
      await page.goto(`${app.baseUrl}${SERIES}/tilmelding`);
      const stops = await tabUntil(page, (f) => f.tag === 'button' && f.text === 'Tilmeld mig');
      const fields = stops.filter((s) => s.tag === 'input' || s.tag === 'textarea').map((s) => s.id);
      // One stop per radio group (its first option while none is chosen), in the order the form shows.
      expect(fields).toEqual([
        'participant_name',
        'participant_email',
        'participant_phone',
        'job_title',
        'management_level',
        'organisation_type',
        'organisation_name',
        'cvr',
        'address_street',
        'address_postal_code',
        'address_city',
        'public_buyer',
        'ean',
        'person_reference',
        'order_number',
        'kontostreng',
        'invoice_contact_name',
        'invoice_contact_email',
        'dietary_needs',
        'directory_consent',
        'accept_terms',
      ]);
      const hidden = stops.filter((s) => !s.indicated).map((s) => `${s.tag}#${s.id} "${s.text}"`);
      expect(hidden, 'focused elements without a visible focus indicator').toEqual([]);

      // A radio group is chosen with the arrow keys, a checkbox with Space.
      await page.focus('#management_level');
      await page.keyboard.press('ArrowDown');
      expect(await page.locator('input[name="management_level"]:checked').getAttribute('value')).toBe('chef');
      await page.focus('#accept_terms');
      await page.keyboard.press('Space');
      expect(await page.isChecked('#accept_terms')).toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('the language switcher is reachable by keyboard and switches html[lang] both ways', async () => {
    const { page, problems, close } = await openPage(browser);
    try {
      await page.goto(app.baseUrl + SERIES);
      expect(await page.getAttribute('html', 'lang')).toBe('da');
      const english = (await tabUntil(page, (f) => f.text === 'English')).at(-1);
      expect(english).toMatchObject({ tag: 'a', lang: 'en', indicated: true });

      await page.keyboard.press('Enter');
      await page.waitForURL(/\?lang=en$/);
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(await page.locator('h1').textContent()).toBe('Masterclass in employment services 2027');
      const current = page.locator('.language-switcher a[aria-current="true"]');
      expect(await current.textContent()).toBe('English');

      // The choice is remembered: the front page, without ?lang, stays English.
      await page.goto(app.baseUrl);
      expect(await page.getAttribute('html', 'lang')).toBe('en');

      await tabUntil(page, (f) => f.text === 'Dansk');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\?lang=da$/);
      expect(await page.getAttribute('html', 'lang')).toBe('da');
      expect(await page.locator('h1').textContent()).toBe('Masterclass-rækker');
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
