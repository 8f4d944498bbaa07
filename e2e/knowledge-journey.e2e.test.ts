import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAccount } from '../src/modules/auth/service.ts';
import { extractPendingText } from '../src/modules/files/service.ts';
import { onFileText } from '../src/modules/materials/service.ts';
import { grantRole } from '../src/modules/people/service.ts';
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

// Issue 10's browser journey in Chromium, on the demo data (the people's demo and the demo's materials, as a
// fresh server seeds them): the expert of the 2027 hold's first session uploads a PDF (made here with
// pdfkit) for her session through the real multipart form — an SVG first, which is refused with a Danish
// message by the field and in the error summary — and sees it on Mit hold's timeline. Search does not know
// the PDF's words until the background job has read the file (run here as server.ts runs it); then a
// participant of the hold searches from Mit hold for two words that are only inside the PDF, in other forms
// than the file's ("jobcenter" for "jobcentrene", "kvarnstrupmetode" for "Kvarnstrupmetoden"), sees the one
// hit with the words marked, opens the material and downloads the file (the same bytes). A substitute of the
// hold's second session gets no hit for the same words — though search works for them in their own session —
// and the material and its file are 404 for them. Every page shown passes axe with zero violations, with no
// CSP violation, console error or unexpected HTTP error.

const SLUG = 'beskaeftigelsesfaglig-masterclass-2027';
const SERIES = `/serier/${SLUG}`;
const HOLD = `/mit-hold/${SLUG}`;

/** The demo's expert of the 2027 hold's first session, with the account the demo gave her. */
const EXPERT = { name: 'Dorte Caswell', email: 'dorte.caswell@example.dk' } as const;

const PARTICIPANT: Registrant = {
  name: 'Signe Møller Kjær',
  email: 'signe.kjaer@jobcenter-naestved.example.dk',
  organisation: 'Jobcenter Næstved',
  reference: null,
  invoiceContactEmail: 'bogholderi@jobcenter-naestved.example.dk',
};

const SUBSTITUTE = { name: 'Anders Vikar Holm', email: 'anders.holm@jobcenter-ringsted.example.dk' } as const;

/** The material the expert adds; neither its title nor its description has the words searched for. */
const MATERIAL = {
  title: 'Slides fra oplægget på første gang',
  description: 'Dortes slides til gangen om vidensmobilisering, til forberedelse.',
  fileName: 'Oplæg – første gang, Ålborg.pdf',
} as const;

/** Only inside the PDF: "jobcentrene" and the made-up "Kvarnstrupmetoden", in one paragraph. */
const PDF_PARAGRAPHS = [
  'Oplæg til første gang',
  'Når vi taler om positive afvigelser i jobcentrene, bruger vi i dag Kvarnstrupmetoden: et opdigtet greb, som kun findes i denne fil, så søgningen kan prøves.',
  'Spørgsmål til jer: hvor ser I allerede det, der lykkes, og hvem kunne I invitere med til at undersøge det?',
];

/** The search: other forms of the PDF's two words, so a hit proves the stemming (and the AND) as well. */
const QUERY = 'jobcenter kvarnstrupmetode';

/** The PDF for the upload, with a Danish font (the demo's), so the text reads back as written. */
function makePdf(): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const fonts = join(
      dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')),
      'ttf',
    );
    const pdf = new PDFDocument({ size: 'A4', margin: 60, lang: 'da-DK', font: '' });
    const chunks: Buffer[] = [];
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    pdf.registerFont('regular', readFileSync(join(fonts, 'DejaVuSans.ttf')));
    const [heading, ...rest] = PDF_PARAGRAPHS;
    pdf
      .font('regular')
      .fontSize(18)
      .text(heading ?? '');
    for (const text of rest) {
      pdf.moveDown(1);
      pdf.font('regular').fontSize(11).text(text);
    }
    pdf.end();
  });
}

/** An SVG with a script: refused by its content, whatever its name says. */
const SVG = Buffer.from(
  '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>\n',
);

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** From Min side (where a sign-in ends) through the header's "Mit hold" to the 2027 hold's home. */
async function openHold(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Din konto' }).getByRole('link', { name: 'Mit hold' }).click();
  await page.waitForURL(/\/mit-hold$/);
  await page.locator('.holdet-hold-list').getByRole('link', { name: /2027/ }).click();
  await page.waitForURL(`**${HOLD}`);
}

/** Searches from the page's search box the way a person without JavaScript does: types, presses Enter. */
async function search(page: Page, words: string): Promise<void> {
  const box = page.getByRole('search').getByLabel('Søg i materialer');
  await box.fill(words);
  await Promise.all([page.waitForURL(/\/mit-hold\/sog\?/, { waitUntil: 'load' }), box.press('Enter')]);
}

/** The hits on the search page: each one's title, its meta line, its snippet and its marked words. */
async function hits(page: Page) {
  const items = await page.locator('li.holdet-search-hit').all();
  return Promise.all(
    items.map(async (item) => ({
      title: clean(await item.locator('h3').textContent()),
      meta: clean(await item.locator('.holdet-search-meta').textContent()),
      snippet: clean(await item.locator('.holdet-search-snippet').textContent()),
      marked: (await item.locator('mark').allTextContents()).map(clean),
    })),
  );
}

/** The timeline's materials under one heading ("Før gangen" of session 1, …): their titles. */
async function phaseTitles(page: Page, headingId: string): Promise<string[]> {
  const list = page.locator(`ul[aria-labelledby="${headingId}"]`);
  if ((await list.count()) === 0) return [];
  return (await list.locator('.holdet-material-title a').allTextContents()).map(clean);
}

describe('knowledge journey in Chromium', { timeout: 120_000 }, () => {
  let app: RunningApp;
  let browser: Browser;
  let pdf: Buffer;
  /** The material's page and its file, as the expert's upload made them. */
  let materialUrl: string;
  let fileUrl: string;
  const { checkPage, checked, axeMs } = pageChecker();
  const started = performance.now();
  const opened: OpenedPage[] = [];

  async function open(): Promise<OpenedPage> {
    const o = await openPage(browser);
    o.page.setDefaultTimeout(5000);
    opened.push(o);
    return o;
  }

  beforeAll(async () => {
    [app, browser, pdf] = await Promise.all([startApp(), launchBrowser(), makePdf()]);
    // startApp seeds the demo's materials as a fresh server does (boot.ts); the demo PDF is read by the job below.
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
      `knowledge journey: ${checked.length} pages checked with axe (${Math.round(axeMs())} ms of axe), ` +
        `${Math.round(performance.now() - started)} ms in all:\n  ${checked.join('\n  ')}`,
    );
  });

  const db = () => app.database.db;

  /** Runs the background text extraction until no file waits, as server.ts's job does every few seconds. */
  async function runTextJob(): Promise<number> {
    let done = 0;
    // A round reads at most one file; a file that failed is locked for a while (the clock stands still).
    for (let round = 0; round < 10; round++) {
      const n = await extractPendingText(db(), () => app.clock.now(), onFileText);
      if (n === 0) break;
      done += n;
    }
    return done;
  }

  it('the expert signs in, uploads a PDF for her session (an SVG first: refused) and sees it on the timeline', async () => {
    const expert = await open();
    const { page } = expert;
    await signInWithCode(page, app, EXPERT.email);
    await openHold(page);
    expect(await mainText(page)).toContain('Din rolle: ekspert');
    expect(await page.getByRole('search').count()).toBe(1);
    await checkPage(expert, 'expert: Mit hold 2027', 'knowledge-expert-hold');

    // "Tilføj materiale" under her session, before it: the kind step, then the document form.
    const session1 = page.locator('#materials-session-1').locator('..');
    await session1.getByRole('link', { name: /^Tilføj materiale\s*: Session 1 .*, før gangen$/ }).click();
    await page.waitForURL(/\/materialer\/ny\?session=[^&]+&fase=foer$/);
    expect(await h1(page)).toBe('Tilføj materiale');
    await checkPage(expert, 'expert: the kind step', 'knowledge-kind-step');
    await page.getByRole('link', { name: 'Dokument', exact: true }).click();
    await page.waitForURL(/&type=dokument$/);
    expect(await h1(page)).toBe('Tilføj materiale: dokument');
    const place = page.getByLabel('Hører til');
    expect(clean(await place.locator('option:checked').textContent())).toMatch(/^Session 1: /);
    expect(await page.getByRole('radio', { name: 'Før gangen (forberedelse)' }).isChecked()).toBe(true);
    await checkPage(expert, 'expert: the document form, empty', 'knowledge-form-empty');

    // An SVG (with a script in it), named as a PDF: refused by its content, stored nowhere.
    const filesBefore = await db().selectFrom('stored_file').select('id').execute();
    await page.getByLabel('Titel').fill(MATERIAL.title);
    await page.getByLabel('Kort beskrivelse').fill(MATERIAL.description);
    await page
      .getByLabel('Fil')
      .setInputFiles({ name: 'slides.pdf', mimeType: 'application/pdf', buffer: SVG });
    await Promise.all([
      page.waitForURL(/\/materialer\/ny$/, { waitUntil: 'load' }),
      page.getByRole('button', { name: 'Tilføj', exact: true }).click(),
    ]);
    expectRefused(expert);
    const typeMessage =
      'Filtypen kan ikke bruges. Upload PDF, Word, PowerPoint, Excel, lyd eller billeder (JPEG, PNG, WebP, GIF).';
    expect(clean(await page.locator('#file-error').textContent())).toBe(`Fejl: ${typeMessage}`);
    expect(await page.getByLabel('Fil').getAttribute('aria-invalid')).toBe('true');
    const summary = page.getByRole('alert');
    expect(clean(await summary.locator('h2').textContent())).toBe('Der er fejl i formularen');
    expect((await summary.locator('li').allTextContents()).map(clean)).toEqual([typeMessage]);
    expect(await summary.locator('li a').getAttribute('href')).toBe('#file');
    // What was typed stays; the place and the phase too.
    expect(await page.getByLabel('Titel').inputValue()).toBe(MATERIAL.title);
    expect(await page.getByLabel('Kort beskrivelse').inputValue()).toBe(MATERIAL.description);
    expect(clean(await place.locator('option:checked').textContent())).toMatch(/^Session 1: /);
    expect(await page.getByRole('radio', { name: 'Før gangen (forberedelse)' }).isChecked()).toBe(true);
    expect(await db().selectFrom('stored_file').select('id').execute()).toEqual(filesBefore);
    await checkPage(expert, 'expert: the document form, the upload refused', 'knowledge-form-refused');

    // The PDF, chosen in the file chooser: added, and the material's page says so.
    await page
      .getByLabel('Fil')
      .setInputFiles({ name: MATERIAL.fileName, mimeType: 'application/pdf', buffer: pdf });
    await Promise.all([
      page.waitForURL(/\/materialer\/[0-9a-f-]{36}\?besked=created$/, { waitUntil: 'load' }),
      page.getByRole('button', { name: 'Tilføj', exact: true }).click(),
    ]);
    expect(await h1(page)).toBe(MATERIAL.title);
    const text = await mainText(page);
    expect(text).toContain('Materialet er tilføjet.');
    expect(text).toContain('Dokument');
    expect(text).toContain(EXPERT.name);
    const fileLink = page.getByRole('link', { name: `Åbn ${MATERIAL.fileName}` });
    expect(await fileLink.count()).toBe(1);
    materialUrl = page.url().replace(/\?.*$/, '');
    fileUrl = new URL((await fileLink.getAttribute('href')) ?? '', page.url()).toString();
    expect(fileUrl).toBe(`${materialUrl}/fil`);
    await checkPage(expert, 'expert: the material just added', 'knowledge-material-added');

    // On the timeline: session 1, before the session, newest first.
    await page.getByRole('link', { name: 'Tilbage til Mit hold' }).click();
    await page.waitForURL(`**${HOLD}`);
    const before = await phaseTitles(page, 'materials-session-1-before');
    expect(before[0]).toBe(MATERIAL.title);
    const item = page.locator('li.holdet-material', { hasText: MATERIAL.title });
    expect(clean(await item.locator('.holdet-material-meta').textContent())).toMatch(
      /^Dokument · Tilføjet af Dorte Caswell /,
    );
    await checkPage(expert, 'expert: Mit hold with the new material');

    // Until the job has read the file, search knows only its title and description.
    await search(page, QUERY);
    expect(await h1(page)).toBe('Søg i materialer');
    expect(await hits(page)).toEqual([]);
    expect(clean(await page.getByRole('status').textContent())).toBe(
      `Ingen materialer passer på „${QUERY}“. Prøv med færre eller andre ord.`,
    );
    await checkPage(expert, 'expert: search, no hits before the text is read', 'knowledge-search-none');
  });

  it('the background job reads the text inside the PDF', async () => {
    // The expert's PDF and the demo's.
    expect(await runTextJob()).toBe(2);
    const row = await db()
      .selectFrom('stored_file')
      .select(['text_status', 'text', 'sha256', 'size'])
      .where('name', '=', MATERIAL.fileName)
      .executeTakeFirstOrThrow();
    expect(row.text_status).toBe('done');
    expect(row.size).toBe(pdf.length);
    expect(row.sha256).toBe(sha256(pdf));
    expect(clean(row.text)).toContain('positive afvigelser i jobcentrene');
    expect(clean(row.text)).toContain('Kvarnstrupmetoden');
  });

  it('a participant searches from Mit hold, sees the marked hit, opens the material and downloads the PDF', async () => {
    const participant = await open();
    const { page } = participant;
    await signInWithCode(page, app, PARTICIPANT.email);
    await openHold(page);
    expect(await mainText(page)).toContain('Din rolle: deltager');
    expect(await phaseTitles(page, 'materials-session-1-before')).toContain(MATERIAL.title);
    await checkPage(participant, 'participant: Mit hold 2027', 'knowledge-participant-hold');

    await search(page, QUERY);
    const url = new URL(page.url());
    expect(url.pathname).toBe('/mit-hold/sog');
    expect(Object.fromEntries(url.searchParams)).toEqual({ hold: SLUG, q: QUERY });
    expect(await page.getByRole('search').getByLabel('Søg i materialer').inputValue()).toBe(QUERY);
    expect(clean(await page.getByRole('status').textContent())).toBe('1 resultat');
    const found = await hits(page);
    expect(found).toHaveLength(1);
    const [hit] = found;
    expect(hit?.title).toBe(MATERIAL.title);
    expect(hit?.meta).toMatch(
      /^Dokument Beskæftigelsesfaglig masterclass .*2027.* · Session 1 · Tilføjet af Dorte Caswell /,
    );
    expect(hit?.marked).toEqual(['jobcentrene', 'Kvarnstrupmetoden']);
    expect(hit?.snippet).toContain('positive afvigelser i jobcentrene, bruger vi i dag Kvarnstrupmetoden');
    await checkPage(participant, 'participant: search with a hit', 'knowledge-search-hit');

    await page.locator('li.holdet-search-hit h3').getByRole('link', { name: MATERIAL.title }).click();
    await page.waitForURL(materialUrl);
    expect(await h1(page)).toBe(MATERIAL.title);
    // Added by the expert for her session: not shown as shared by a participant.
    const text = await mainText(page);
    expect(text).toContain(EXPERT.name);
    expect(text).not.toContain('Delt af en deltager');
    await checkPage(participant, 'participant: the material', 'knowledge-material');

    // The file, with the page's cookies: the uploaded bytes, as a PDF that may be shown in the browser.
    const link = page.getByRole('link', { name: `Åbn ${MATERIAL.fileName}` });
    expect(new URL((await link.getAttribute('href')) ?? '', page.url()).toString()).toBe(fileUrl);
    const file = await page.request.get(fileUrl);
    expect(file.status()).toBe(200);
    const headers = file.headers();
    expect(headers['content-type']).toBe('application/pdf');
    expect(headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent(MATERIAL.fileName)}`,
    );
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['cache-control']).toBe('private, no-cache');
    expect(headers.etag).toBe(`"${sha256(pdf)}"`);
    const body = await file.body();
    expect(body.length).toBe(pdf.length);
    expect(sha256(body)).toBe(sha256(pdf));

    // The same search in English: the page's own words change, the hit and its marks do not.
    await page.goto(
      `${app.baseUrl}/mit-hold/sog?${new URLSearchParams({ hold: SLUG, q: QUERY, lang: 'en' })}`,
    );
    expect(await h1(page)).toBe('Search the materials');
    expect(clean(await page.getByRole('status').textContent())).toBe('1 result');
    const english = await hits(page);
    expect(english.map((h) => h.title)).toEqual([MATERIAL.title]);
    expect(english[0]?.meta).toMatch(/^Document .* · Session 1 · Added by Dorte Caswell on /);
    expect(english[0]?.marked).toEqual(['jobcentrene', 'Kvarnstrupmetoden']);
    await checkPage(participant, 'participant: search with a hit, in English', 'knowledge-search-hit-en');
  });

  it('a substitute of the second session finds nothing of the first session’s, and the material is 404', async () => {
    const series = await db()
      .selectFrom('series')
      .select('id')
      .where('slug', '=', SLUG)
      .executeTakeFirstOrThrow();
    const session2 = await db()
      .selectFrom('session')
      .select('id')
      .where('series_id', '=', series.id)
      .where('ordinal', '=', 2)
      .executeTakeFirstOrThrow();
    const accountId = await ensureAccount(db(), { ...SUBSTITUTE, role: 'participant' }, app.clock.now());
    await db()
      .transaction()
      .execute((tx) =>
        grantRole(
          tx,
          {
            accountId,
            role: 'substitute',
            seriesId: series.id,
            sessionId: session2.id,
            by: { accountId: null, label: 'test' },
          },
          app.clock.now(),
        ),
      );

    const substitute = await open();
    const { page } = substitute;
    await signInWithCode(page, app, SUBSTITUTE.email);
    await openHold(page);
    // Only their session's materials on the timeline.
    expect(await phaseTitles(page, 'materials-session-1-before')).toEqual([]);
    expect(await page.getByRole('link', { name: MATERIAL.title }).count()).toBe(0);
    expect(await phaseTitles(page, 'materials-session-2-after')).toEqual([
      'Opsamling: fra trappestige til samordnede indsatser',
    ]);
    await checkPage(substitute, 'substitute: Mit hold 2027', 'knowledge-substitute-hold');

    await search(page, QUERY);
    expect(await hits(page)).toEqual([]);
    expect(clean(await page.getByRole('status').textContent())).toBe(
      `Ingen materialer passer på „${QUERY}“. Prøv med færre eller andre ord.`,
    );
    await checkPage(substitute, 'substitute: search, no hits', 'knowledge-substitute-search-none');
    // Not even the word the first session's materials and the demo PDF are full of.
    await search(page, 'jobcenter');
    expect(await hits(page)).toEqual([]);
    // Search works for them: their own session's material is found.
    await search(page, 'trappestige');
    const own = await hits(page);
    expect(own.map((h) => h.title)).toEqual(['Opsamling: fra trappestige til samordnede indsatser']);
    expect(own[0]?.meta).toContain('· Session 2 ·');
    expect(own[0]?.marked).toEqual(['trappestige']);
    await checkPage(substitute, 'substitute: search, their own session’s hit');

    // The material's address and its file's: nothing here, for them.
    const materialPage = await page.goto(materialUrl);
    expect(materialPage?.status()).toBe(404);
    expect(await mainText(page)).not.toContain(MATERIAL.title);
    const filePage = await page.goto(fileUrl);
    expect(filePage?.status()).toBe(404);
    const file = await page.request.get(fileUrl);
    expect(file.status()).toBe(404);
    expect(file.headers()['content-type']).not.toContain('application/pdf');
    // The two 404s were the answers expected (the browser logs each as a failed resource, too).
    const seen = substitute.problems.splice(0);
    expect(seen.filter((p) => p.startsWith('HTTP'))).toEqual([
      `HTTP 404: ${materialUrl}`,
      `HTTP 404: ${fileUrl}`,
    ]);
    expect(seen.every((p) => p.includes('404') && (p.includes(materialUrl) || p.includes(fileUrl)))).toBe(
      true,
    );
  });
});
