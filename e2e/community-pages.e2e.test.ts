import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueSignIn, signInWithToken } from '../src/modules/auth/service.ts';
import { launchBrowser, type OpenedPage, openPage, type RunningApp, startApp } from './helpers.ts';
import {
  clean,
  confirmOverHttp,
  liveConfirmation,
  pageChecker,
  type Registrant,
  registerOverHttp,
  registrationFields,
  signInOrganiser,
} from './journey.ts';

// Every page issue 11 added, in Chromium, for each role that sees it, on the demo data (its questions,
// dilemmas, announcement and private thread) and a participant who registers: axe with zero violations, no
// CSP violation, no console error or unexpected HTTP error. Danish for every role; English for the
// participant's and the organiser's pages. The participant's own question gives the edit, history and delete
// pages; the mail its expert gets gives the signed link of /varsler/:token. The facilitator's follow-up form
// is shown with the app's clock moved past the first session.

const SLUG = 'beskaeftigelsesfaglig-masterclass-2027';
const SERIES = `/serier/${SLUG}`;
const HOLD = `/mit-hold/${SLUG}`;

const PARTICIPANT: Registrant = {
  name: 'Jonas Brix Lauridsen',
  email: 'jonas.lauridsen@jobcenter-holbaek.example.dk',
  organisation: 'Jobcenter Holbæk',
  reference: null,
  invoiceContactEmail: 'bogholderi@jobcenter-holbaek.example.dk',
};
const EXPERT_EMAIL = 'dorte.caswell@example.dk';
/** The expert of the second session, who has the demo's private thread with the organiser. */
const THREAD_EXPERT_EMAIL = 'charlotte.liebak-hansen@example.dk';
const FACILITATOR_EMAIL = 'leif.kongsgaard@example.dk';

describe('community pages in Chromium', { timeout: 300_000 }, () => {
  let app: RunningApp;
  let browser: Browser;
  const { checkPage, checked, axeMs } = pageChecker();
  const opened: OpenedPage[] = [];

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    const sent = await registerOverHttp(
      `${app.baseUrl}${SERIES}/tilmelding`,
      registrationFields(PARTICIPANT),
    );
    expect(sent.body).toContain('<h1>Tjek din mail</h1>');
    const { token } = await liveConfirmation(app.database, PARTICIPANT.email);
    expect((await confirmOverHttp(app.baseUrl, token)).status).toBe(303);
  }, 90_000);

  afterAll(async () => {
    for (const o of opened) await o.close();
    await browser?.close();
    await app?.close();
    console.info(
      `community pages: ${checked.length} pages checked with axe (${Math.round(axeMs())} ms of axe):\n  ${checked.join('\n  ')}`,
    );
  });

  const db = () => app.database.db;

  /** A page signed in as `email` (a member's sign-in: the link from the mail, as the service makes it). */
  async function signedIn(email: string): Promise<OpenedPage> {
    const { token } = await issueSignIn(db(), email, app.clock.now());
    const result = await signInWithToken(db(), token, app.clock.now());
    if (!result.ok) throw new Error(result.reason);
    const o = await openPage(browser);
    o.page.setDefaultTimeout(5000);
    await o.page.context().addCookies([
      {
        name: 'holdet_session',
        value: result.session.cookieValue,
        url: app.baseUrl,
        httpOnly: true,
        sameSite: 'Lax',
      },
    ]);
    opened.push(o);
    return o;
  }

  /** Opens each path (with ?lang=en or &lang=en for English) and checks it. */
  async function checkAll(
    o: OpenedPage,
    role: string,
    paths: readonly [string, string][],
    langs: readonly ('da' | 'en')[],
  ): Promise<void> {
    for (const lang of langs) {
      for (const [label, path] of paths) {
        const url = lang === 'en' ? `${path}${path.includes('?') ? '&' : '?'}lang=en` : path;
        const response = await o.page.goto(app.baseUrl + url);
        expect(response?.status(), `${role}: ${label} (${url})`).toBe(200);
        await checkPage(o, `${role}: ${label} (${lang})`);
      }
    }
  }

  async function go(page: Page, url: RegExp, click: () => Promise<void>): Promise<void> {
    await Promise.all([page.waitForURL(url, { waitUntil: 'load' }), click()]);
  }

  const demoDilemma = async (anonymous: boolean) =>
    await db()
      .selectFrom('dilemma')
      .innerJoin('series', 'series.id', 'dilemma.series_id')
      .select(['dilemma.id', 'dilemma.session_id'])
      .where('series.slug', '=', SLUG)
      .where('dilemma.anonymous', '=', anonymous ? 1 : 0)
      .executeTakeFirstOrThrow();
  const demoQuestion = async () =>
    (
      await db()
        .selectFrom('question')
        .innerJoin('series', 'series.id', 'question.series_id')
        .select('question.id')
        .where('series.slug', '=', SLUG)
        .orderBy('question.created_at')
        .executeTakeFirstOrThrow()
    ).id;
  const demoAnnouncement = async () =>
    await db()
      .selectFrom('announcement')
      .innerJoin('series', 'series.id', 'announcement.series_id')
      .select(['announcement.id', 'series.slug'])
      .executeTakeFirstOrThrow();

  it('a participant: every page, in Danish and in English', async () => {
    const o = await signedIn(PARTICIPANT.email);
    const { page } = o;

    // Her own question, to the expert of the first session, then edited: edit, history and delete pages.
    await page.goto(`${app.baseUrl}${HOLD}/spoergsmaal/ny`);
    await page.getByLabel('Overskrift').fill('Hvordan måler vi progression uden flere skemaer?');
    await page.getByLabel('Dit spørgsmål').fill('Vi vil gerne følge borgernes progression. Hvad virker?');
    await page.getByLabel('Hvem spørger du?').selectOption({ label: 'Dorte Caswell (ekspert, session 1)' });
    await go(page, /\?besked=asked$/, () => page.getByRole('button', { name: 'Stil spørgsmålet' }).click());
    const own = page.url().replace(/\?.*$/, '');
    await go(page, /\/rediger$/, () => page.getByRole('link', { name: /^Ret/ }).first().click());
    const editPath = new URL(page.url()).pathname;
    await page
      .getByLabel('Dit spørgsmål')
      .fill('Vi vil gerne følge borgernes progression. Hvad virker for jer?');
    await go(page, /\?besked=saved$/, () => page.getByRole('button', { name: 'Gem ændringerne' }).click());
    const postPath = editPath.replace(/\/rediger$/, '');
    const ownPath = new URL(own).pathname;

    const dilemma = await demoDilemma(true);
    const announcement = await demoAnnouncement();
    expect(announcement.slug).toBe(SLUG);
    const paths: [string, string][] = [
      ['Mit hold with the new sections', HOLD],
      ['questions', `${HOLD}/spoergsmaal`],
      ['questions, unanswered', `${HOLD}/spoergsmaal?vis=ubesvarede`],
      ['ask', `${HOLD}/spoergsmaal/ny`],
      ['a demo question', `${HOLD}/spoergsmaal/${await demoQuestion()}`],
      ['her own question', ownPath],
      ['edit her post', editPath],
      ['her post’s history', `${postPath}/historik`],
      ['delete her post', `${postPath}/slet`],
      ['dilemmas', `${HOLD}/dilemmaer`],
      ['submit a dilemma', `${HOLD}/dilemmaer/ny`],
      ['an anonymous dilemma', `${HOLD}/dilemmaer/${dilemma.id}`],
      ['a named dilemma', `${HOLD}/dilemmaer/${(await demoDilemma(false)).id}`],
      ['announcements', `${HOLD}/beskeder`],
      ['an announcement', `${HOLD}/beskeder/${announcement.id}`],
      ['her messages', '/min-side/beskeder'],
      ['her thread with the organiser', `/min-side/beskeder/${SLUG}`],
      ['the member directory', `${HOLD}/deltagere`],
      ['her directory choices', '/min-side/medlemsoversigt'],
      ['her notification choices', '/min-side/varsler'],
    ];
    await checkAll(o, 'participant', paths, ['da', 'en']);

    // A form sent back with errors: the ask form empty.
    const refused = await signedIn(PARTICIPANT.email);
    await refused.page.goto(`${app.baseUrl}${HOLD}/spoergsmaal/ny`);
    await refused.page.getByRole('button', { name: 'Stil spørgsmålet' }).click();
    await refused.page.waitForLoadState('load');
    expect(await refused.page.locator('.alert-error li').count()).toBeGreaterThan(0);
    const seen = refused.problems.splice(0);
    expect(seen.every((p) => p.includes('400'))).toBe(true);
    await checkPage(refused, 'participant: the ask form refused (da)');
    await refused.page.goto(`${app.baseUrl}${HOLD}/dilemmaer/ny`);
    await refused.page.getByRole('button', { name: 'Læg dilemmaet frem' }).click();
    await refused.page.waitForLoadState('load');
    expect(await refused.page.locator('.alert-error li').count()).toBeGreaterThan(0);
    refused.problems.splice(0);
    await checkPage(refused, 'participant: the dilemma form refused (da)');

    // The signed link of the expert's mail of the question: its page, signed out.
    const mail = await db()
      .selectFrom('outbox')
      .select('text_body')
      .where('to_address', '=', EXPERT_EMAIL)
      .where('kind', '=', 'notifications.now')
      .executeTakeFirstOrThrow();
    const link = /https?:\/\/[^\s/]+(\/varsler\/[^\s)]+)/.exec(mail.text_body)?.[1];
    expect(link).toBeTruthy();
    const stranger = await openPage(browser);
    opened.push(stranger);
    for (const lang of ['da', 'en'] as const) {
      await stranger.page.goto(`${app.baseUrl}${link}${lang === 'en' ? '?lang=en' : ''}`);
      expect(await stranger.page.getByRole('button').count()).toBeGreaterThan(0);
      await checkPage(stranger, `signed out: the change link of a mail (${lang})`);
    }
  });

  it('the expert of the first session', async () => {
    const o = await signedIn(EXPERT_EMAIL);
    const dilemma = await demoDilemma(true);
    await checkAll(
      o,
      'expert',
      [
        ['Mit hold with the new sections', HOLD],
        ['her queue', `${HOLD}/spoergsmaal?til=mig`],
        ['a demo question', `${HOLD}/spoergsmaal/${await demoQuestion()}`],
        ['dilemmas of her session', `${HOLD}/dilemmaer`],
        ['an anonymous dilemma of her session', `${HOLD}/dilemmaer/${dilemma.id}`],
        ['announcements', `${HOLD}/beskeder`],
        ['the member directory', `${HOLD}/deltagere`],
        ['her messages', '/min-side/beskeder'],
      ],
      ['da'],
    );
    // The expert does not see the anonymous author.
    await o.page.goto(`${app.baseUrl}${HOLD}/dilemmaer/${dilemma.id}`);
    expect(clean(await o.page.locator('main').textContent())).not.toContain('Anders Bruun');
  });

  it('the expert with the demo’s private thread', async () => {
    const o = await signedIn(THREAD_EXPERT_EMAIL);
    await checkAll(
      o,
      'expert of session 2',
      [
        ['her messages', '/min-side/beskeder'],
        ['her thread with the organiser', `/min-side/beskeder/${SLUG}`],
      ],
      ['da', 'en'],
    );
  });

  it('the organiser', async () => {
    const o = await openPage(browser);
    o.page.setDefaultTimeout(10_000);
    opened.push(o);
    await signInOrganiser(o.page, app, '/arrangoer/spoergsmaal');
    const thread = await db().selectFrom('message_thread').select('id').executeTakeFirstOrThrow();
    const dilemma = await demoDilemma(true);
    const announcement = await demoAnnouncement();
    await checkAll(
      o,
      'organiser',
      [
        ['unanswered questions', '/arrangoer/spoergsmaal'],
        ['messages', '/arrangoer/beskeder'],
        ['a thread', `/arrangoer/beskeder/${thread.id}`],
        ['Mit hold', HOLD],
        ['questions', `${HOLD}/spoergsmaal`],
        ['an anonymous dilemma, the author shown', `${HOLD}/dilemmaer/${dilemma.id}`],
        ['the agenda of session 1', `${HOLD}/dagsorden/${dilemma.session_id}`],
        ['announcements', `${HOLD}/beskeder`],
        ['write an announcement', `${HOLD}/beskeder/ny`],
        ['an announcement', `${HOLD}/beskeder/${announcement.id}`],
      ],
      ['da', 'en'],
    );
    // (The language chosen last sticks: back to Danish.)
    await o.page.goto(`${app.baseUrl}${HOLD}/dilemmaer/${dilemma.id}?lang=da`);
    expect(clean(await o.page.locator('main').textContent())).toContain('skjult for medlemmerne');
  });

  it('the facilitator, before and after the first session', async () => {
    const dilemma = await demoDilemma(true);
    const agenda = `${HOLD}/dagsorden/${dilemma.session_id}`;
    const before = await signedIn(FACILITATOR_EMAIL);
    await checkAll(
      before,
      'facilitator',
      [
        ['Mit hold with the agenda', HOLD],
        ['dilemmas', `${HOLD}/dilemmaer`],
        ['an anonymous dilemma with the agenda form', `${HOLD}/dilemmaer/${dilemma.id}`],
        ['the agenda of session 1', agenda],
        ['questions', `${HOLD}/spoergsmaal`],
        ['write an announcement', `${HOLD}/beskeder/ny`],
      ],
      ['da', 'en'],
    );
    // The day after the first session: the agenda's "discussed" buttons and the follow-up form.
    app.clock.set('2027-06-08T08:00:00.000Z');
    const after = await signedIn(FACILITATOR_EMAIL);
    await checkAll(
      after,
      'facilitator after session 1',
      [
        ['the agenda', agenda],
        ['the follow-up form', `${agenda}/opsamling`],
      ],
      ['da', 'en'],
    );
    expect(checked.length).toBeGreaterThan(80);
  });
});
