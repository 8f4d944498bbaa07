import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueSignIn, signInWithToken } from '../src/modules/auth/service.ts';
import { addMaterial } from '../src/modules/materials/service.ts';
import { launchBrowser, openPage, type RunningApp, startApp } from './helpers.ts';
import { pageChecker } from './journey.ts';

// Every materials page in Chromium, for the expert of the first session (who may add anything there and
// edit what they added): Mit hold's timeline, a note, literature, the kind step, the form (and the form
// refused with its errors, posted by the browser as multipart), a document, the edit form and the delete
// confirmation — axe with zero violations, no CSP
// violation, no console error, in Danish and in English.

const SLUG = 'beskaeftigelsesfaglig-masterclass-2027';
const HOLD = `/mit-hold/${SLUG}`;
const EXPERT_EMAIL = 'dorte.caswell@example.dk';

describe('materials pages in Chromium', { timeout: 120_000 }, () => {
  let app: RunningApp;
  let browser: Browser;
  let cookie: string;

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
    const { token } = await issueSignIn(app.database.db, EXPERT_EMAIL, app.clock.now());
    const signedIn = await signInWithToken(app.database.db, token, app.clock.now());
    if (!signedIn.ok) throw new Error(signedIn.reason);
    cookie = signedIn.session.cookieValue;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('passes axe on every page, in Danish and in English', async () => {
    const { checkPage, checked } = pageChecker();
    const opened = await openPage(browser);
    await opened.page
      .context()
      .addCookies([
        { name: 'holdet_session', value: cookie, url: app.baseUrl, httpOnly: true, sameSite: 'Lax' },
      ]);
    const { page } = opened;
    const db = app.database.db;
    const material = async (title: string) =>
      (
        await db
          .selectFrom('material')
          .innerJoin('series', 'series.id', 'material.series_id')
          .select('material.id')
          .where('series.slug', '=', SLUG)
          .where('material.title', '=', title)
          .executeTakeFirstOrThrow()
      ).id;
    const note = await material('Tre begreber at tage med: gribning, positive afvigelser, borgerinddragelse');
    const literature = await material('Beskæftigelses Indikator Projektet (BIP)');
    const pdf = await material('Positive afvigelser i jobcentret (demo-dokument)');
    const session1 = (
      await db
        .selectFrom('session')
        .innerJoin('series', 'series.id', 'session.series_id')
        .select('session.id')
        .where('series.slug', '=', SLUG)
        .where('session.ordinal', '=', 1)
        .executeTakeFirstOrThrow()
    ).id;

    const expert = await db
      .selectFrom('account')
      .select(['id', 'name'])
      .where('email', '=', EXPERT_EMAIL)
      .executeTakeFirstOrThrow();
    const own = await addMaterial(
      db,
      {
        hold: {
          seriesId: (
            await db.selectFrom('series').select('id').where('slug', '=', SLUG).executeTakeFirstOrThrow()
          ).id,
          slug: SLUG,
        },
        fields: {
          kind: 'video',
          title: 'Eget videolink',
          description: 'Et link, eksperten selv har lagt ind.',
          sessionId: session1,
          phase: 'after',
          url: 'https://example.dk/video',
          authors: '',
          year: null,
          publisher: '',
          identifier: '',
          bodyMd: '',
        },
        shared: false,
      },
      { accountId: expert.id, name: expert.name, label: EXPERT_EMAIL },
      app.clock.now(),
    );

    for (const lang of ['da', 'en'] as const) {
      const q = lang === 'en' ? '?lang=en' : '';
      const amp = lang === 'en' ? '&lang=en' : '';
      await page.goto(`${app.baseUrl}${HOLD}${q}`);
      expect(await page.locator('#materials').count()).toBe(1);
      await checkPage(opened, `Mit hold with materials (${lang})`, `materials-hold-${lang}`);
      await page.goto(`${app.baseUrl}${HOLD}/materialer/${note}${q}`);
      await checkPage(opened, `a note (${lang})`, `materials-note-${lang}`);
      await page.goto(`${app.baseUrl}${HOLD}/materialer/${literature}${q}`);
      await checkPage(opened, `literature (${lang})`);
      await page.goto(`${app.baseUrl}${HOLD}/materialer/${pdf}${q}`);
      await checkPage(opened, `a document (${lang})`, `materials-document-${lang}`);
      await page.goto(`${app.baseUrl}${HOLD}/materialer/${own.id}${q}`);
      await checkPage(opened, `the expert's own link (${lang})`);
      await page.goto(`${app.baseUrl}${HOLD}/materialer/${own.id}/rediger${q}`);
      await checkPage(opened, `the edit form (${lang})`);
      await page.goto(`${app.baseUrl}${HOLD}/materialer/${own.id}/slet${q}`);
      await checkPage(opened, `the delete confirmation (${lang})`);
      // The form refused (a 400 page): every field named in the summary, the messages by the fields.
      const refused = await openPage(browser, { expectedStatus: 400 });
      await refused.page
        .context()
        .addCookies([
          { name: 'holdet_session', value: cookie, url: app.baseUrl, httpOnly: true, sameSite: 'Lax' },
        ]);
      await refused.page.goto(
        `${app.baseUrl}${HOLD}/materialer/ny?session=${session1}&fase=foer&type=video${amp}`,
      );
      await refused.page.getByRole('button', { name: lang === 'da' ? 'Tilføj' : 'Add', exact: true }).click();
      await refused.page.waitForLoadState();
      expect(await refused.page.locator('.alert-error li').count()).toBe(2);
      await checkPage(refused, `the video form refused (${lang})`, `materials-refused-${lang}`);
      await refused.close();
      await page.goto(`${app.baseUrl}${HOLD}/materialer/ny?session=${session1}&fase=foer${amp}`);
      await checkPage(opened, `the kind step (${lang})`);
      await page.goto(
        `${app.baseUrl}${HOLD}/materialer/ny?session=${session1}&fase=foer&type=litteratur${amp}`,
      );
      await checkPage(opened, `the literature form (${lang})`, `materials-form-${lang}`);
      await page.goto(
        `${app.baseUrl}${HOLD}/materialer/ny?session=${session1}&fase=foer&type=dokument${amp}`,
      );
      await checkPage(opened, `the document form (${lang})`);
    }
    expect(checked.length).toBe(22);
    await opened.close();
  });
});
