import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueDigests } from '../src/modules/notifications/service.ts';
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
  signInWithCode,
} from './journey.ts';

// Issue 11's browser journey in Chromium, on the demo data (a fresh server's), with two participants who
// register for the 2027 hold. Expert Q&A: a participant asks the expert of the first session a question — a
// CPR number typed into it first, refused with the Danish message next to the field and the text kept — the
// expert finds it in her queue and answers, and the asker marks the answer as the one that helped (solved).
// Dilemmas: the other participant puts forward a dilemma anonymous to the other members; the first one reads
// and comments on it without ever seeing the author's name (not on the pages, not in search results for the
// author's name, not in the mail she gets when the author answers anonymously; the facilitator's mail of the
// new dilemma does not name the author either); the facilitator does see the author, marked "skjult for
// medlemmerne", and puts the dilemma on the agenda of the first session. With the app's clock moved past that
// session, the facilitator marks it discussed and writes the follow-up, which shows among the session's
// materials on Mit hold and links the dilemma. Every page shown passes axe with zero violations, with no CSP
// violation, console error or unexpected HTTP error.

const SLUG = 'beskaeftigelsesfaglig-masterclass-2027';
const SERIES = `/serier/${SLUG}`;
const HOLD = `/mit-hold/${SLUG}`;
const HOLD_TITLE = 'Beskæftigelsesfaglig masterclass 2027';

/** The demo's expert of the 2027 hold's first session. */
const EXPERT = { name: 'Dorte Caswell', email: 'dorte.caswell@example.dk' } as const;
/** The demo's facilitator of both holds. */
const FACILITATOR = { name: 'Leif Tøfting Kongsgaard', email: 'leif.kongsgaard@example.dk' } as const;

/** Asks the question, later reads and comments on the anonymous dilemma. */
const ASKER: Registrant = {
  name: 'Signe Møller Kjær',
  email: 'signe.kjaer@jobcenter-naestved.example.dk',
  organisation: 'Jobcenter Næstved',
  reference: null,
  invoiceContactEmail: 'bogholderi@jobcenter-naestved.example.dk',
};

/** Puts forward the dilemma anonymous to the other members. Her names are rare enough to search for. */
const AUTHOR: Registrant = {
  name: 'Vibeke Østergaard Thorsager',
  email: 'vibeke.thorsager@jobcenter-slagelse.example.dk',
  organisation: 'Jobcenter Slagelse',
  reference: null,
  invoiceContactEmail: 'bogholderi@jobcenter-slagelse.example.dk',
};

const QUESTION = {
  title: 'Hvordan gør vi de positive afvigelser synlige for forvaltningen?',
  body: 'Vi har flere forløb, hvor det lykkes, men vi mangler et sprog for det over for forvaltningen. Hvordan har andre jobcentre gjort?',
  /** A real-shaped CPR number (a real date, 7th digit 1: born 1900–1999). */
  cpr: '010203-1234',
} as const;

const ANSWER =
  'Start med at samle tre-fire korte fortællinger fra medarbejderne om forløb, der lykkedes, og tag dem med på et fast punkt på ledermødet.';

const DILEMMA = {
  title: 'Skal vi sige nej til en samarbejdspartner, der leverer på måltallene?',
  situation:
    'En ekstern leverandør får mange i job, men vores medarbejdere hører fra borgerne, at forløbene opleves som pres.',
  dilemma:
    'Skal jeg forlænge kontrakten, fordi tallene er gode, eller tage borgernes oplevelser alvorligt og udbyde opgaven igen?',
  tried: 'Vi har holdt et dialogmøde med leverandøren.',
  wanted: 'Hvordan vejer andre resultater op mod borgernes oplevelse, når de vælger samarbejdspartnere?',
} as const;

const COMMENT =
  'Genkendeligt. Vi bad leverandøren om at lave opfølgningssamtaler sammen med vores egne medarbejdere.';
const AUTHOR_REPLY = 'Tak! Den idé tager jeg med hjem til teamet.';

const FOLLOWUP = {
  title: 'Opsamling efter første gang: resultater og borgernes oplevelse',
  body: 'Vi drøftede, hvordan man vejer en leverandørs resultater op mod borgernes oplevelser. Flere foreslog fælles opfølgningssamtaler og en dialog med forvaltningen om, hvad der måles på.',
} as const;

/** From Min side (where a sign-in ends) through the header's "Mit hold" to the 2027 hold's home. */
async function openHold(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Din konto' }).getByRole('link', { name: 'Mit hold' }).click();
  await page.waitForURL(/\/mit-hold$/);
  await page.locator('.holdet-hold-list').getByRole('link', { name: /2027/ }).click();
  await page.waitForURL(`**${HOLD}`);
}

/** Clicks and waits for the next document to load (a link, or a form sent without JavaScript). */
async function go(page: Page, url: RegExp | string, click: () => Promise<void>): Promise<void> {
  try {
    await Promise.all([
      page.waitForURL(url, { waitUntil: 'load' }),
      click().catch((e) => Promise.reject(new Error(`click: ${e}`))),
    ]);
  } catch (error) {
    const main = clean(
      await page
        .locator('main')
        .textContent()
        .catch(() => ''),
    );
    throw new Error(`not at ${url} but ${page.url()}: ${main.slice(0, 3000)}`, { cause: error });
  }
}

describe('community journey in Chromium', { timeout: 180_000 }, () => {
  let app: RunningApp;
  let browser: Browser;
  let questionUrl: string;
  let dilemmaUrl: string;
  const { checkPage, checked, axeMs } = pageChecker();
  const started = performance.now();
  const opened: OpenedPage[] = [];

  async function open(): Promise<OpenedPage> {
    const o = await openPage(browser);
    o.page.setDefaultTimeout(5000);
    opened.push(o);
    return o;
  }

  async function register(p: Registrant): Promise<void> {
    const sent = await registerOverHttp(`${app.baseUrl}${SERIES}/tilmelding`, registrationFields(p));
    expect(sent.body).toContain('<h1>Tjek din mail</h1>');
    const { token } = await liveConfirmation(app.database, p.email);
    expect((await confirmOverHttp(app.baseUrl, token)).status).toBe(303);
  }

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    await register(ASKER);
    await register(AUTHOR);
  }, 90_000);

  afterAll(async () => {
    for (const o of opened) await o.close();
    await browser?.close();
    await app?.close();
    console.info(
      `community journey: ${checked.length} pages checked with axe (${Math.round(axeMs())} ms of axe), ` +
        `${Math.round(performance.now() - started)} ms in all:\n  ${checked.join('\n  ')}`,
    );
  });

  const db = () => app.database.db;

  /** The notifications stored for one person with one subject (what the platform and the mails show). */
  async function notificationsOf(email: string, subject: string) {
    return db()
      .selectFrom('notification')
      .innerJoin('account', 'account.id', 'notification.account_id')
      .select([
        'notification.subject_da',
        'notification.text_da',
        'notification.text_en',
        'notification.delivery',
      ])
      .where('account.email', '=', email)
      .where('notification.subject_da', '=', subject)
      .execute();
  }

  /** The mails of the notifications (not sign-in, registration or invoice mails) to one address. */
  async function notificationMails(to: string) {
    return db()
      .selectFrom('outbox')
      .select(['subject', 'text_body', 'html_body'])
      .where('to_address', '=', to)
      .where('kind', 'like', 'notifications.%')
      .execute()
      .then((rows) => rows.map((r) => ({ ...r, text_body: clean(r.text_body) })));
  }

  it('a participant asks the expert; a CPR number is refused next to the field, the text kept', async () => {
    const asker = await open();
    const { page } = asker;
    await signInWithCode(page, app, ASKER.email);
    await openHold(page);
    expect(await mainText(page)).toContain('Din rolle: deltager');
    await checkPage(asker, 'asker: Mit hold with the community sections', 'community-asker-hold');

    const section = page.locator('section', { has: page.locator('h2#questions') });
    await go(page, /\/spoergsmaal\/ny$/, () =>
      section.getByRole('link', { name: 'Stil et spørgsmål' }).click(),
    );
    expect(await h1(page)).toBe('Stil et spørgsmål');
    await checkPage(asker, 'asker: the ask form', 'community-ask-empty');

    await page.getByLabel('Overskrift').fill(QUESTION.title);
    const withCpr = `${QUESTION.body}\n\nDet handler om borgeren med CPR ${QUESTION.cpr}.`;
    await page.getByLabel('Dit spørgsmål').fill(withCpr);
    await page.getByLabel('Hvem spørger du?').selectOption({ label: `${EXPERT.name} (ekspert, session 1)` });
    await go(page, /\/spoergsmaal\/ny$/, () =>
      page.getByRole('button', { name: 'Stil spørgsmålet' }).click(),
    );
    expectRefused(asker);
    const body = page.getByLabel('Dit spørgsmål');
    expect(await body.getAttribute('aria-invalid')).toBe('true');
    const errorId = (await body.getAttribute('aria-describedby'))
      ?.split(' ')
      .find((id) => id.endsWith('-error'));
    expect(errorId).toBeTruthy();
    const message = clean(await page.locator(`#${errorId}`).textContent());
    expect(message).toContain('Teksten ser ud til at indeholde et CPR-nummer.');
    expect(message).toContain('Skriv aldrig borgeres CPR-numre her');
    // The summary names the field and links to it.
    const summary = page.getByRole('alert');
    expect(await summary.locator('li a').getAttribute('href')).toBe('#body');
    // What was typed stays, the CPR number too (the author removes it), and nothing is stored.
    expect(await body.inputValue()).toBe(withCpr);
    expect(await page.getByLabel('Overskrift').inputValue()).toBe(QUESTION.title);
    expect(clean(await page.getByLabel('Hvem spørger du?').locator('option:checked').textContent())).toBe(
      `${EXPERT.name} (ekspert, session 1)`,
    );
    expect(
      await db().selectFrom('question').select('id').where('title', '=', QUESTION.title).execute(),
    ).toEqual([]);
    await checkPage(asker, 'asker: the ask form, the CPR number refused', 'community-ask-cpr');

    await body.fill(QUESTION.body);
    await go(page, /\/spoergsmaal\/[0-9a-f-]{36}\?besked=asked$/, () =>
      page.getByRole('button', { name: 'Stil spørgsmålet' }).click(),
    );
    expect(await h1(page)).toBe(QUESTION.title);
    const text = await mainText(page);
    expect(text).toContain('Dit spørgsmål er stillet.');
    expect(text).toContain('ubesvaret siden i dag');
    expect(text).toContain(`Til ${EXPERT.name}`);
    questionUrl = page.url().replace(/\?.*$/, '');
    await checkPage(asker, 'asker: the question just asked', 'community-question-asked');

    // The expert is told at once (the default choice), by mail.
    const mails = await notificationMails(EXPERT.email);
    expect(mails.some((m) => m.text_body.includes(`Nyt spørgsmål til dig: ${QUESTION.title}`))).toBe(true);
  });

  it('the expert finds the question in her queue and answers it', async () => {
    const expert = await open();
    const { page } = expert;
    await signInWithCode(page, app, EXPERT.email);
    await openHold(page);
    expect(await mainText(page)).toContain('Din rolle: ekspert');
    await checkPage(expert, 'expert: Mit hold with the community sections', 'community-expert-hold');

    await go(page, /\/spoergsmaal\?til=mig$/, () =>
      page.getByRole('link', { name: 'Spørgsmål til dig' }).click(),
    );
    expect(await h1(page)).toBe('Spørgsmål til eksperterne');
    const waiting = page.locator('section[aria-labelledby="waiting"]');
    expect(await waiting.getByRole('link', { name: QUESTION.title }).count()).toBe(1);
    await checkPage(expert, 'expert: her queue', 'community-expert-queue');

    await go(page, questionUrl, () => waiting.getByRole('link', { name: QUESTION.title }).click());
    await checkPage(expert, 'expert: the question, unanswered');
    await page.getByLabel('Dit svar').fill(ANSWER);
    await go(page, /\?besked=replied$/, () => page.getByRole('button', { name: 'Send svaret' }).click());
    const text = await mainText(page);
    expect(text).toContain('Dit svar er sendt.');
    expect(text).toContain(ANSWER);
    expect(text).toContain('Besvaret');
    await checkPage(expert, 'expert: the question, answered', 'community-question-answered');

    // The asker is told of the answer.
    const mails = await notificationMails(ASKER.email);
    expect(mails.some((m) => m.text_body.includes(`Nyt svar på: ${QUESTION.title}`))).toBe(true);
  });

  it('the asker marks the answer that helped: the question is solved', async () => {
    const asker = opened[0] as OpenedPage;
    const { page } = asker;
    await page.goto(questionUrl);
    expect(await mainText(page)).toContain('Besvaret');
    await go(page, /\?besked=solved$/, () =>
      page.getByRole('button', { name: /^Markér som svaret, der hjalp/ }).click(),
    );
    const text = await mainText(page);
    expect(text).toContain('Svaret er markeret som det, der hjalp.');
    expect(text).toContain('Løst');
    expect(text).toContain('Svaret, der hjalp');
    await checkPage(asker, 'asker: the question, solved', 'community-question-solved');
    const row = await db()
      .selectFrom('question')
      .select(['solved_post_id'])
      .where('title', '=', QUESTION.title)
      .executeTakeFirstOrThrow();
    expect(row.solved_post_id).not.toBeNull();

    // In the list under "Løste".
    await page.goto(`${app.baseUrl}${HOLD}/spoergsmaal?vis=loeste`);
    expect(await page.getByRole('link', { name: QUESTION.title }).count()).toBe(1);
    await checkPage(asker, 'asker: the solved questions');
  });

  it('a participant puts forward a dilemma anonymous to the other members', async () => {
    const author = await open();
    const { page } = author;
    await signInWithCode(page, app, AUTHOR.email);
    await openHold(page);
    await go(page, /\/dilemmaer$/, () => page.getByRole('link', { name: 'Se dilemmaerne' }).click());
    expect(await h1(page)).toBe('Dilemmaer');
    await checkPage(author, 'author: the dilemmas');
    await go(page, /\/dilemmaer\/ny$/, () =>
      page.getByRole('main').getByRole('link', { name: 'Læg et dilemma frem' }).click(),
    );
    expect(await h1(page)).toBe('Læg et dilemma frem');
    // The form says who will see the name.
    expect(await mainText(page)).toContain('Arrangøren og facilitator ser altid dit navn');
    await checkPage(author, 'author: the dilemma form', 'community-dilemma-form');

    await page.getByRole('radio', { name: 'Dilemma', exact: true }).check();
    await page.getByLabel('Overskrift').fill(DILEMMA.title);
    await page.getByLabel('Situationen').fill(DILEMMA.situation);
    await page.getByLabel('Dilemmaet', { exact: true }).fill(DILEMMA.dilemma);
    await page.getByLabel('Det har jeg prøvet').fill(DILEMMA.tried);
    await page.getByLabel('Det vil jeg gerne have input til').fill(DILEMMA.wanted);
    await page.getByRole('radio', { name: 'Anonymt for de andre medlemmer' }).check();
    await go(page, /\/dilemmaer\/[0-9a-f-]{36}\?besked=created$/, () =>
      page.getByRole('button', { name: 'Læg dilemmaet frem' }).click(),
    );
    expect(await h1(page)).toBe(DILEMMA.title);
    const text = await mainText(page);
    expect(text).toContain('Dilemmaet er lagt frem.');
    expect(text).toContain('dig (anonym for de andre medlemmer)');
    dilemmaUrl = page.url().replace(/\?.*$/, '');
    await checkPage(author, 'author: her anonymous dilemma', 'community-dilemma-author');

    // The facilitator is told (in the daily digest, the default for dilemmas), without the author's name.
    const notes = await notificationsOf(FACILITATOR.email, `Nyt dilemma: ${DILEMMA.title}`);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.text_da).toBe(`En deltager har lagt et dilemma frem på ${HOLD_TITLE}.`);
    expect(JSON.stringify(notes)).not.toMatch(/Thorsager|Vibeke/);
    // The digest job (as server.ts runs it) mails it, still without the name.
    // (The clock stands still in these tests; the digest takes what came before its run.)
    app.clock.set(new Date(app.clock.now().getTime() + 60_000));
    expect(await queueDigests(db(), app.clock.now())).toBeGreaterThan(0);
    const digest = (await notificationMails(FACILITATOR.email)).filter((m) =>
      m.text_body.includes(`Nyt dilemma: ${DILEMMA.title}`),
    );
    expect(digest).toHaveLength(1);
    expect(digest[0]?.text_body).toContain('En deltager har lagt et dilemma frem');
    expect(`${digest[0]?.text_body}${digest[0]?.html_body}`).not.toMatch(/Thorsager|Vibeke/);
  });

  it('another participant reads and comments on it without ever seeing the author', async () => {
    const reader = opened[0] as OpenedPage;
    const { page } = reader;
    // She wants dilemmas and comments by mail at once (the default is the daily digest).
    await page.goto(`${app.baseUrl}/min-side/varsler`);
    expect(await h1(page)).toBe('Varsler');
    await checkPage(reader, 'reader: the notification choices', 'community-notification-choices');
    await page
      .getByRole('group', { name: 'Dilemmaer og kommentarer' })
      .getByRole('radio', { name: 'Med det samme på mail' })
      .check();
    await go(page, /\/min-side\/varsler\?gemt=/, () =>
      page.getByRole('button', { name: 'Gem valg' }).click(),
    );
    expect(await mainText(page)).toContain('Dine valg er gemt.');
    await checkPage(reader, 'reader: the notification choices, saved');

    await page.goto(`${app.baseUrl}${HOLD}/dilemmaer`);
    const item = page.locator('li', { has: page.getByRole('link', { name: DILEMMA.title }) });
    expect(clean(await item.textContent())).toContain('En deltager');
    expect(await mainText(page)).not.toContain('Thorsager');
    await checkPage(reader, 'reader: the dilemmas', 'community-dilemmas-reader');

    await go(page, dilemmaUrl, () => page.getByRole('link', { name: DILEMMA.title }).click());
    let text = await mainText(page);
    expect(text).toContain('En deltager');
    expect(text).toContain(DILEMMA.situation);
    expect(text).not.toContain('Thorsager');
    expect(text).not.toContain('Vibeke');
    expect(text).not.toContain('skjult for medlemmerne');
    // No agenda form for a participant.
    expect(await page.getByLabel('Sæt på dagsordenen til').count()).toBe(0);
    await checkPage(reader, 'reader: the anonymous dilemma', 'community-dilemma-reader');

    await page.getByLabel('Din kommentar').fill(COMMENT);
    await go(page, /\?besked=commented$/, () => page.getByRole('button', { name: 'Gem kommentar' }).click());
    text = await mainText(page);
    expect(text).toContain('Din kommentar er gemt.');
    expect(text).toContain(COMMENT);
    expect(text).not.toContain('Thorsager');
    await checkPage(reader, 'reader: the dilemma with her comment');

    // The author answers, anonymous to the members as her dilemma (the default for her).
    const author = opened[2] as OpenedPage;
    await author.page.goto(dilemmaUrl);
    expect(
      await author.page.getByLabel('Skriv anonymt for de andre medlemmer (som dit dilemma)').isChecked(),
    ).toBe(true);
    await author.page.getByLabel('Din kommentar').fill(AUTHOR_REPLY);
    await go(author.page, /\?besked=commented$/, () =>
      author.page.getByRole('button', { name: 'Gem kommentar' }).click(),
    );
    expect(await mainText(author.page)).toContain(AUTHOR_REPLY);

    // The reader sees the reply from "En deltager", and the mail she got of it does not name the author.
    await page.goto(dilemmaUrl);
    text = await mainText(page);
    expect(text).toContain(AUTHOR_REPLY);
    expect(text).not.toContain('Thorsager');
    expect(text).not.toContain('Vibeke');
    await checkPage(reader, 'reader: the dilemma with the author’s anonymous reply');
    const mails = (await notificationMails(ASKER.email)).filter((m) =>
      m.text_body.includes(`Ny kommentar til dilemmaet: ${DILEMMA.title}`),
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]?.text_body).toContain('En deltager har kommenteret dilemmaet');
    for (const mail of await notificationMails(ASKER.email)) {
      expect(`${mail.subject}${mail.text_body}${mail.html_body}`).not.toMatch(/Thorsager|Vibeke/);
    }
    // The author was told of the reader's comment, by the reader's name (she wrote with her name).
    const toAuthor = await notificationsOf(AUTHOR.email, `Ny kommentar til dilemmaet: ${DILEMMA.title}`);
    expect(toAuthor.map((n) => n.text_da)).toEqual([
      `${ASKER.name} har kommenteret dilemmaet „${DILEMMA.title}“.`,
    ]);

    // Search from Mit hold: the dilemma is found by its words, with no author named; never by the author's name.
    await page.goto(`${app.baseUrl}${HOLD}`);
    const box = page.getByRole('search').getByLabel('Søg i materialer');
    expect(await box.count()).toBe(1);
    await box.fill('leverandør borgernes oplevelse');
    await go(page, /\/mit-hold\/sog\?/, () => box.press('Enter'));
    const hit = page.locator('li.holdet-search-hit', { hasText: DILEMMA.title });
    expect(await hit.count()).toBe(1);
    expect(await mainText(page)).not.toMatch(/Thorsager|Vibeke/);
    await checkPage(reader, 'reader: search, the dilemma found by its words', 'community-search-dilemma');
    for (const words of ['Thorsager', 'Vibeke Østergaard Thorsager']) {
      await page.goto(`${app.baseUrl}/mit-hold/sog?${new URLSearchParams({ hold: SLUG, q: words })}`);
      expect(await page.locator('li.holdet-search-hit', { hasText: DILEMMA.title }).count()).toBe(0);
      expect(await mainText(page)).not.toContain(DILEMMA.title);
    }
    await checkPage(reader, 'reader: search for the author’s name, no hit');
  });

  it('the facilitator sees the author, marked hidden from members, and puts the dilemma on the agenda', async () => {
    const facilitator = await open();
    const { page } = facilitator;
    await signInWithCode(page, app, FACILITATOR.email);
    await openHold(page);
    await checkPage(facilitator, 'facilitator: Mit hold', 'community-facilitator-hold');
    await page.goto(dilemmaUrl);
    const text = await mainText(page);
    expect(text).toContain(AUTHOR.name);
    expect(text).toContain('skjult for medlemmerne');
    await checkPage(facilitator, 'facilitator: the anonymous dilemma', 'community-dilemma-facilitator');

    const select = page.getByLabel('Sæt på dagsordenen til');
    const option = select.locator('option', { hasText: /^Session 1: / });
    await select.selectOption({ value: (await option.getAttribute('value')) ?? '' });
    await go(page, /\?besked=placed$/, () =>
      page.getByRole('button', { name: 'Sæt på dagsordenen' }).click(),
    );
    expect(await mainText(page)).toContain('Dilemmaet er sat på dagsordenen.');
    expect(await mainText(page)).toContain('På dagsordenen');
    await checkPage(facilitator, 'facilitator: the dilemma on the agenda');

    await go(page, /\/dagsorden\/[0-9a-f-]{36}$/, () =>
      page.getByRole('link', { name: 'Se dagsordenen til session 1' }).click(),
    );
    expect(await h1(page)).toBe('Dagsorden til session 1');
    const agenda = page.locator('ol.holdet-agenda');
    expect(await agenda.getByRole('link', { name: DILEMMA.title }).count()).toBe(1);
    // The session has not begun: no follow-up yet.
    expect(await mainText(page)).toContain('Opsamlingen kan skrives, når sessionen er begyndt.');
    await checkPage(facilitator, 'facilitator: the agenda of session 1', 'community-agenda');

    // On Mit hold, at the first session, for the members: by its title, with no author.
    const reader = (opened[0] as OpenedPage).page;
    await reader.goto(`${app.baseUrl}${HOLD}`);
    expect(await reader.getByRole('link', { name: DILEMMA.title }).count()).toBeGreaterThan(0);
    expect(await mainText(reader)).not.toMatch(/Thorsager|Vibeke/);
    await checkPage(opened[0] as OpenedPage, 'reader: Mit hold with the agenda');
  });

  it('after the session the facilitator marks it discussed and writes the follow-up; it joins the materials', async () => {
    // The day after the first session (7 June 2027, 10:00–14:30 in Copenhagen).
    app.clock.set('2027-06-08T08:00:00.000Z');
    const facilitator = opened[3] as OpenedPage;
    const { page } = facilitator;
    await page.goto(`${app.baseUrl}${HOLD}`);
    if (new URL(page.url()).pathname !== HOLD) {
      // The sign-in has expired over the months: sign in again.
      await signInWithCode(page, app, FACILITATOR.email);
    }
    await page.goto(dilemmaUrl);
    await go(page, /\/dagsorden\/[0-9a-f-]{36}$/, () =>
      page.getByRole('link', { name: 'Se dagsordenen til session 1' }).click(),
    );
    const agendaUrl = page.url();
    await go(page, /\?besked=discussed$/, () =>
      page
        .locator('ol.holdet-agenda > li', { hasText: DILEMMA.title })
        .getByRole('button', { name: /^Marker som drøftet/ })
        .click(),
    );
    expect(await mainText(page)).toContain('Dilemmaet er markeret som drøftet.');
    await page.goto(agendaUrl);
    await checkPage(facilitator, 'facilitator: the agenda after the session');

    await go(page, /\/opsamling$/, () => page.getByRole('link', { name: 'Skriv opsamling' }).click());
    expect(await h1(page)).toBe('Opsamling efter session 1');
    await checkPage(facilitator, 'facilitator: the follow-up form', 'community-followup-form');
    await page.getByLabel('Titel').fill(FOLLOWUP.title);
    await page.getByLabel('Opsamlingen', { exact: true }).fill(FOLLOWUP.body);
    await page.getByRole('checkbox', { name: DILEMMA.title }).check();
    await go(page, /\?besked=followup$/, () => page.getByRole('button', { name: 'Gem opsamlingen' }).click());
    expect(await mainText(page)).toContain('Opsamlingen er gemt i sessionens materialer.');
    await checkPage(facilitator, 'facilitator: the agenda with the follow-up written');

    // The dilemma is followed up and links the follow-up.
    await page.goto(dilemmaUrl);
    expect(await mainText(page)).toContain('Fulgt op');
    expect(await page.getByRole('link', { name: 'Læs opsamlingen' }).count()).toBe(1);

    // Among the first session's materials, after the session, on the members' Mit hold.
    const reader = opened[0] as OpenedPage;
    await reader.page.goto(`${app.baseUrl}${HOLD}`);
    if (new URL(reader.page.url()).pathname !== HOLD) {
      await signInWithCode(reader.page, app, ASKER.email);
      await reader.page.goto(`${app.baseUrl}${HOLD}`);
    }
    const after = reader.page.locator('ul[aria-labelledby="materials-session-1-after"]');
    expect((await after.locator('.holdet-material-title a').allTextContents()).map(clean)).toContain(
      FOLLOWUP.title,
    );
    await checkPage(
      reader,
      'reader: Mit hold with the follow-up among the materials',
      'community-hold-followup',
    );
    await go(reader.page, /\/materialer\/[0-9a-f-]{36}$/, () =>
      after.getByRole('link', { name: FOLLOWUP.title }).click(),
    );
    expect(await h1(reader.page)).toBe(FOLLOWUP.title);
    const text = await mainText(reader.page);
    expect(text).toContain('fælles opfølgningssamtaler');
    expect(await reader.page.getByRole('link', { name: DILEMMA.title }).count()).toBe(1);
    expect(text).not.toMatch(/Thorsager|Vibeke/);
    await checkPage(reader, 'reader: the follow-up', 'community-followup');
  });
});
