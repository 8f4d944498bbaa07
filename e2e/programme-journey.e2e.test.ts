import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionUid } from '../src/email/ics.ts';
import { calendarsOf } from '../test/calendar.ts';
import { launchBrowser, type OpenedPage, openPage, type RunningApp, startApp } from './helpers.ts';
import {
  clean,
  confirmOverHttp,
  expectRefused,
  h1,
  liveConfirmation,
  mainText,
  pageChecker,
  type Registrant,
  registerOverHttp,
  registrationFields,
  signInOrganiser,
  signInWithCode,
} from './journey.ts';

// Issue 9's "Done means" in Chromium: the organiser copies the 2027 hold to 2028, edits a session's question,
// adds an expert and invites them, publishes, and the front page shows the 2028 hold; then moves session 2 of
// 2027 online — every attendee's mail carries a calendar file with the same UID as their confirmation's and a
// higher SEQUENCE (read with node-ical), and the meeting link is visible to them on Mit hold and not to a
// stranger. Every page shown passes axe with zero violations, with no CSP violation or console error.

const SLUG = 'beskaeftigelsesfaglig-masterclass-2027';
const COPY = 'beskaeftigelsesfaglig-masterclass-2028';
const LINK = 'https://meet.example.dk/holdet-2027-session-2?pwd=k4ffe';

const PEOPLE: Registrant[] = [
  {
    name: 'Sofie Bjerre Nielsen',
    email: 'sofie.bjerre@jobcenter-odense.example.dk',
    organisation: 'Jobcenter Odense',
    reference: null,
    invoiceContactEmail: 'bogholderi@jobcenter-odense.example.dk',
  },
  {
    name: 'Anders Møller Kjær',
    email: 'anders.kjaer@jobcenter-vejle.example.dk',
    organisation: 'Jobcenter Vejle',
    reference: null,
    invoiceContactEmail: 'bogholderi@jobcenter-vejle.example.dk',
  },
];

describe('programme journey in Chromium', { timeout: 150_000 }, () => {
  let app: RunningApp;
  let browser: Browser;
  let organiser: OpenedPage;
  let participant: OpenedPage;
  let stranger: OpenedPage;
  const { checkPage, checked, axeMs } = pageChecker();
  const started = performance.now();

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    for (const p of PEOPLE) {
      const sent = await registerOverHttp(`${app.baseUrl}/serier/${SLUG}/tilmelding`, registrationFields(p));
      expect(sent.body, p.name).toContain('<h1>Tjek din mail</h1>');
      const { token } = await liveConfirmation(app.database, p.email);
      expect((await confirmOverHttp(app.baseUrl, token)).status, p.name).toBe(303);
    }
  }, 90_000);

  afterAll(async () => {
    await organiser?.close();
    await participant?.close();
    await stranger?.close();
    await browser?.close();
    await app?.close();
    console.info(
      `programme journey: ${checked.length} pages checked with axe (${Math.round(axeMs())} ms of axe), ` +
        `${Math.round(performance.now() - started)} ms in all:\n  ${checked.join('\n  ')}`,
    );
  });

  const db = () => app.database.db;

  it('copies the 2027 hold to 2028 and edits the question of its first session', async () => {
    organiser = await openPage(browser);
    organiser.page.setDefaultTimeout(5000);
    const { page } = organiser;
    await signInOrganiser(page, app, '/arrangoer');
    await page.getByRole('link', { name: /^Kopiér Beskæftigelsesfaglig masterclass 2027/ }).click();
    await page.waitForURL(`**/arrangoer/serier/${SLUG}/kopier`);
    await checkPage(organiser, 'organiser: copy form', 'programme-copy');
    await page.getByRole('button', { name: 'Kopiér serien' }).click();
    await page.waitForURL(new RegExp(`/arrangoer/serier/${COPY}/rediger\\?besked=kopieret$`));

    await page.getByRole('link', { name: 'Tilføj og ret sessioner' }).click();
    await page.waitForURL(`**/arrangoer/serier/${COPY}/sessioner`);
    await checkPage(organiser, 'organiser: sessions of the copy', 'programme-sessions');
    await page.getByRole('link', { name: 'Ret session 1' }).click();
    await page.waitForURL(/\/arrangoer\/sessioner\/[0-9a-f-]{36}$/);
    expect(await h1(page)).toBe('Ret session 1');
    await checkPage(organiser, 'organiser: edit session', 'programme-session-edit');

    await page.getByLabel('Spørgsmål (dansk)').fill('');
    organiser.problems.length = 0;
    await page.getByRole('button', { name: 'Gem session' }).click();
    await page.waitForLoadState('load');
    expectRefused(organiser);
    expect(await page.getByRole('link', { name: 'Udfyld spørgsmålet på dansk.' }).count()).toBe(1);
    await checkPage(organiser, 'organiser: edit session with an error', 'programme-session-error');

    await page.getByLabel('Spørgsmål (dansk)').fill('Hvordan lykkes kommunerne med beskæftigelsesreformen?');
    await page.getByRole('button', { name: 'Gem session' }).click();
    await page.waitForURL(/\/sessioner\?besked=saved&nr=1$/);
    expect(clean(await page.getByRole('status').textContent())).toBe('Session 1 er gemt.');
    expect(await mainText(page)).toContain('Hvordan lykkes kommunerne med beskæftigelsesreformen?');
  });

  it('adds an expert, makes them the expert of session 2 of 2028, and invites them', async () => {
    const { page } = organiser;
    await page.goto(`${app.baseUrl}/arrangoer/personer/ny`);
    await page.getByLabel('Navn', { exact: true }).fill('Mette Grønkjær Lund');
    await page.getByLabel('Titel (dansk)').fill('Ph.d., VIVE');
    await page.getByLabel('Titel (engelsk)').fill('PhD, VIVE');
    await page.getByRole('button', { name: 'Opret person' }).click();
    await page.waitForURL(/\/arrangoer\/personer\/mette-groenkjaer-lund\?oprettet=1$/);

    await page.goto(`${app.baseUrl}/arrangoer/serier/${COPY}/sessioner`);
    await page.getByRole('link', { name: 'Ret session 2' }).click();
    await page.waitForURL(/\/arrangoer\/sessioner\/[0-9a-f-]{36}$/);
    await page.getByLabel('Ekspert').selectOption({ label: 'Mette Grønkjær Lund' });
    await page.getByRole('button', { name: 'Gem session' }).click();
    await page.waitForURL(/\/sessioner\?besked=saved&nr=2$/);

    await page.goto(`${app.baseUrl}/arrangoer/personer/mette-groenkjaer-lund`);
    await checkPage(organiser, 'organiser: the new expert', 'programme-expert');
    await page.getByLabel('E-mail').fill('mette.lund@vive.example.dk');
    await page.getByRole('checkbox', { name: /Ekspert ved session 2/ }).check();
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.waitForURL(/sendt=/);
    const invitation = await db()
      .selectFrom('outbox')
      .select(['kind'])
      .where('to_address', '=', 'mette.lund@vive.example.dk')
      .execute();
    expect(invitation.map((m) => m.kind)).toEqual(['people.invitation']);
  });

  it('publishes 2028, and the front page shows it', async () => {
    const { page } = organiser;
    await page.goto(`${app.baseUrl}/arrangoer/serier/${COPY}/rediger`);
    await page.getByRole('button', { name: 'Offentliggør' }).click();
    await page.waitForURL(/\?besked=status$/);
    stranger = await openPage(browser);
    await stranger.page.goto(`${app.baseUrl}/`);
    expect(await stranger.page.locator(`a[href="/serier/${COPY}"]`).count()).toBeGreaterThan(0);
    await checkPage(stranger, 'stranger: front page with 2028', 'programme-front');
    await stranger.page.goto(`${app.baseUrl}/serier/${COPY}`);
    const text = await mainText(stranger.page);
    expect(text).toContain('Hvordan lykkes kommunerne med beskæftigelsesreformen?');
    expect(text).toContain('Mette Grønkjær Lund');
  });

  it('moves session 2 of 2027 online: one REQUEST each, same UID, higher SEQUENCE; the link only for attendees', async () => {
    const { page } = organiser;
    const session = await db()
      .selectFrom('session as x')
      .innerJoin('series as s', 's.id', 'x.series_id')
      .select(['x.id', 'x.sequence'])
      .where('s.slug', '=', SLUG)
      .where('x.ordinal', '=', 2)
      .executeTakeFirstOrThrow();
    await page.goto(`${app.baseUrl}/arrangoer/serier/${SLUG}/sessioner`);
    await page.getByRole('link', { name: 'Flyt session 2 online' }).click();
    await page.waitForURL(/\/online$/);
    await checkPage(organiser, 'organiser: move online', 'programme-online');
    await page.getByLabel('Link til onlinemødet').fill('meet.example.dk/holdet');
    organiser.problems.length = 0;
    await page.getByRole('button', { name: 'Flyt online og send besked' }).click();
    await page.waitForLoadState('load');
    expectRefused(organiser);
    await checkPage(organiser, 'organiser: move online with an error');
    await page.getByLabel('Link til onlinemødet').fill(LINK);
    await page.getByRole('button', { name: 'Flyt online og send besked' }).click();
    await page.waitForURL(/besked=saved&nr=2&sendt=\d+$/);
    await checkPage(organiser, 'organiser: sessions after the move', 'programme-moved');

    const changed = await db()
      .selectFrom('outbox')
      .selectAll()
      .where('kind', '=', 'session.changed')
      .execute();
    const to = changed.map((m) => m.to_address);
    expect(to).toEqual(
      expect.arrayContaining([
        ...PEOPLE.map((p) => p.email),
        'charlotte.liebak-hansen@example.dk',
        'leif.kongsgaard@example.dk',
      ]),
    );
    expect(clean(await page.getByRole('status').textContent())).toContain(`${changed.length} personer`);
    for (const p of PEOPLE) {
      const confirmation = await db()
        .selectFrom('outbox')
        .select('attachments')
        .where('to_address', '=', p.email)
        .where('kind', '=', 'registration.confirmed')
        .executeTakeFirstOrThrow();
      const before = calendarsOf(confirmation.attachments)
        .flatMap((c) => c.events)
        .find((e) => e.uid === sessionUid(session.id));
      expect(Number(before?.sequence), p.name).toBe(session.sequence);
      const mail = changed.find((m) => m.to_address === p.email);
      expect(mail?.text_body).toContain(LINK);
      const [file] = calendarsOf(mail?.attachments);
      expect(file?.method).toBe('REQUEST');
      expect(file?.events.map((e) => [e.uid, Number(e.sequence)])).toEqual([
        [sessionUid(session.id), session.sequence + 1],
      ]);
    }

    // The participant signs in and finds the link on Mit hold; a stranger finds only "Online".
    participant = await openPage(browser);
    participant.page.setDefaultTimeout(5000);
    await signInWithCode(participant.page, app, PEOPLE[0]?.email ?? '');
    await participant.page.goto(`${app.baseUrl}/mit-hold/${SLUG}`);
    const join = participant.page.getByRole('link', { name: /Gå til onlinemødet/ });
    expect(await join.count()).toBe(1);
    expect(await join.getAttribute('href')).toBe(LINK);
    await checkPage(participant, 'participant: Mit hold with the meeting link', 'programme-hold-link');

    await stranger.page.goto(`${app.baseUrl}/serier/${SLUG}/sessioner/2`);
    const pub = await mainText(stranger.page);
    expect(pub).toContain('Online');
    expect(await stranger.page.content()).not.toContain('meet.example.dk');
    await checkPage(stranger, 'stranger: the session, online', 'programme-public-online');
    await stranger.page.goto(`${app.baseUrl}/mit-hold/${SLUG}`);
    await stranger.page.waitForURL(/\/log-ind\?next=/);
    expect(await stranger.page.content()).not.toContain('meet.example.dk');
  });

  it("the organiser's other session pages pass axe too, in Danish and English", async () => {
    const { page } = organiser;
    await page.goto(`${app.baseUrl}/arrangoer/serier/${SLUG}/sessioner`);
    await page.getByRole('link', { name: 'Flyt session 2 til fremmøde' }).click();
    await page.waitForURL(/\/fremmoede$/);
    expect(await h1(page)).toBe('Flyt session 2 til fremmøde');
    await checkPage(organiser, 'organiser: back to in person', 'programme-in-person');
    await page.goto(`${app.baseUrl}/arrangoer/serier/${SLUG}/sessioner`);
    await page.getByRole('link', { name: 'Aflys session 4' }).click();
    await page.waitForURL(/\/aflys$/);
    await checkPage(organiser, 'organiser: cancel a session', 'programme-cancel');
    await page.goto(`${app.baseUrl}/arrangoer/serier/${SLUG}/sessioner/ny`);
    expect(await h1(page)).toBe('Tilføj session');
    await checkPage(organiser, 'organiser: add a session', 'programme-add');
    await page.goto(`${app.baseUrl}/arrangoer/serier/${SLUG}/sessioner?lang=en`);
    expect(await h1(page)).toBe('Sessions: Masterclass in employment services 2027');
    await checkPage(organiser, 'organiser: sessions in English');
    await participant.page.goto(`${app.baseUrl}/mit-hold/${SLUG}?lang=en`);
    expect(await participant.page.getByRole('link', { name: /Join the online meeting/ }).count()).toBe(1);
    await checkPage(participant, 'participant: Mit hold in English with the link');
  });
});
