import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { seedDemoAll } from '../src/boot.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/connect.ts';
import type { Database } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { enqueueMail } from '../src/email/outbox.ts';
import { confirmedMail } from '../src/modules/registration/emails.ts';
import { fixedClock } from '../src/shared/clock.ts';
import {
  axe,
  cspViolations,
  describeViolations,
  E2E_NOW,
  launchBrowser,
  openPage,
  screenshot,
} from './helpers.ts';

// The mailbox page (development and demo) in Chromium: zero axe violations, no CSP violations, and the
// mail's own HTML opens as a document of its own with its inline styles applied.

const CONFIRMED = confirmedMail({
  lang: 'da',
  to: 'mette.hojgaard@example.dk',
  participantName: 'Mette Højgaard',
  seriesTitle: 'Beskæftigelsesfaglig masterclass 2027',
  seriesUrl: 'http://127.0.0.1/serier/beskaeftigelsesfaglig-masterclass-2027',
  myPageUrl: 'http://127.0.0.1/min-side',
  seriesId: 'series-2027',
  organiser: {
    name: 'Væksthusets Kompetencecenter',
    email: 'kompetencecenter@example.dk',
    phone: '+45 70 20 30 40',
  },
  publicBuyer: false,
  priceExclOre: 1_800_000,
  priceInclOre: 2_250_000,
  // 10.00–14.30 in Copenhagen: summer time, and winter time in November.
  sessions: [
    ['2027-06-07T08:00', '2027-06-07T12:30'],
    ['2027-08-30T08:00', '2027-08-30T12:30'],
    ['2027-10-04T08:00', '2027-10-04T12:30'],
    ['2027-11-22T09:00', '2027-11-22T13:30'],
  ].map(([start, end], i) => ({
    id: `session-${i + 1}`,
    ordinal: i + 1,
    startsAt: `${start}:00.000Z`,
    endsAt: `${end}:00.000Z`,
    question: `Spørgsmål ${i + 1}?`,
    place: 'Væksthuset, Glentevej 67, 2400 København NV',
    mode: 'in_person' as const,
    meetingUrl: null,
    sequence: 0,
    status: 'scheduled' as const,
  })),
});

describe('mailbox in Chromium', { timeout: 30_000 }, () => {
  let dir: string;
  let database: Database;
  let app: FastifyInstance;
  let baseUrl: string;
  let browser: Browser;
  let mailId: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'holdet-e2e-mail-'));
    const databaseUrl = `sqlite:${join(dir, 'holdet.db')}`;
    const clock = fixedClock(E2E_NOW);
    database = openDatabase(databaseUrl);
    await migrateToLatest(database.db);
    await seedDemoAll(database.db, clock.now());
    mailId = await enqueueMail(database.db, CONFIRMED, clock.now());
    await database.db
      .updateTable('outbox')
      .set({ attempts: 1, last_error: 'EENVELOPE: 550 Mailbox unavailable' })
      .where('id', '=', mailId)
      .execute();
    const config = loadConfig({
      HOST: '127.0.0.1',
      BASE_URL: 'http://127.0.0.1',
      DATABASE_URL: databaseUrl,
      NODE_ENV: 'development',
      LOG_LEVEL: 'silent',
    });
    app = await createApp({ config, database, clock });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const pages = () => [
    { name: 'mailbox', path: '/udvikling/postkasse', h1: 'Postkasse' },
    { name: 'mailbox-en', path: '/udvikling/postkasse?lang=en', h1: 'Mailbox' },
    { name: 'mailbox-mail', path: `/udvikling/postkasse/${mailId}`, h1: CONFIRMED.subject },
  ];

  for (const index of [0, 1, 2]) {
    it(`mailbox page ${index + 1}: one h1, axe, CSP, console, screenshot`, async () => {
      const c = pages()[index];
      if (!c) throw new Error('no such page');
      const { page, problems, close } = await openPage(browser);
      try {
        const response = await page.goto(baseUrl + c.path);
        expect(response?.status()).toBe(200);
        const h1 = page.locator('h1');
        expect(await h1.count()).toBe(1);
        expect((await h1.textContent())?.trim()).toBe(c.h1);
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

  it("opens the mail's HTML from the mail page, with the mail's own inline styles", async () => {
    const { page, close } = await openPage(browser);
    try {
      await page.goto(`${baseUrl}/udvikling/postkasse/${mailId}`);
      await page.getByRole('link', { name: 'Åbn HTML-udgaven af mailen' }).click();
      await page.waitForURL(`**/udvikling/postkasse/${mailId}/html`);
      expect((await page.locator('h1').textContent())?.trim()).toBe(CONFIRMED.subject);
      const font = await page.locator('body > div').evaluate((el) => getComputedStyle(el).fontFamily);
      expect(font).toContain('Arial');
      // No script runs in it (sandbox), so the page's own init script cannot report anything either.
      await screenshot(page, 'mailbox-mail-html');
    } finally {
      await close();
    }
  });
});
