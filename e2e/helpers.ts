import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { AxeResults } from 'axe-core';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { createApp } from '../src/app.ts';
import { seedDemoAll } from '../src/boot.ts';
import { type Config, loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/connect.ts';
import type { Database } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { ensureAccount } from '../src/modules/auth/service.ts';
import { siteOrganiserId } from '../src/modules/series/service.ts';
import { type Clock, fixedClock } from '../src/shared/clock.ts';

// The browser tests drive the real app (real routes, CSP, static files, demo data) in this process, on an
// ephemeral port and a throwaway SQLite file, with Debian's Chromium. A missing Chromium fails the run.

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** A fixed "now": the 2027 hold is open for registration, the 2021 hold is over. */
export const E2E_NOW = '2027-01-15T09:00:00.000Z';

export const SCREENSHOT_DIR = fileURLToPath(new URL('../screenshots/', import.meta.url));

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/** The organiser account every started app has, to sign in with through the sign-in pages. */
export const E2E_ORGANISER = { email: 'arrangoer@example.dk', name: 'Birgitte Arrangør' } as const;

export interface RunningApp {
  baseUrl: string;
  /** The app's database, for what a browser cannot see: the outbox (sent mails), the audit log. */
  database: Database;
  /** The organiser account made at start (role `organiser` of the demo's organiser, no session yet). */
  organiser: { id: string; email: string; name: string };
  /** The app's fixed clock (codes of the second factor are computed for it; it may be moved on). */
  clock: Clock & { set(at: string | Date): void };
  close(): Promise<void>;
}

/**
 * Starts Holdet on 127.0.0.1:<ephemeral> over a fresh, migrated and seeded SQLite database, with one
 * organiser account. NODE_ENV is `test`, so the dev mailbox (/udvikling/postkasse) exists; no mail leaves.
 */
export async function startApp(now: string = E2E_NOW): Promise<RunningApp> {
  const dir = mkdtempSync(join(tmpdir(), 'holdet-e2e-'));
  const databaseUrl = `sqlite:${join(dir, 'holdet.db')}`;
  const clock = fixedClock(now);
  const database = openDatabase(databaseUrl);
  const cleanUp = async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  };
  const config: Config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    BASE_URL: 'http://127.0.0.1',
    DATABASE_URL: databaseUrl,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
  });
  let app: Awaited<ReturnType<typeof createApp>>;
  let organiserId: string;
  try {
    await migrateToLatest(database.db);
    await seedDemoAll(database.db, clock.now());
    // Staff of the demo's organiser, as `holdet create-organiser` makes them: a member of its every series.
    organiserId = await ensureAccount(
      database.db,
      { ...E2E_ORGANISER, role: 'organiser', organiserId: await siteOrganiserId(database.db) },
      clock.now(),
    );
    app = await createApp({ config, database, clock });
    await app.listen({ port: 0, host: '127.0.0.1' });
  } catch (error) {
    await cleanUp();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    database,
    organiser: { id: organiserId, ...E2E_ORGANISER },
    clock,
    async close() {
      await app.close();
      await cleanUp();
    },
  };
}

/** Launches Debian's Chromium headless; throws with the fix when it is not installed. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error('Chromium is needed for the browser tests: apt-get install chromium');
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** Runs axe with the WCAG 2.1 A/AA and best-practice rules. */
export async function axe(page: Page): Promise<AxeResults> {
  // Only violations are collected in full: the passes are not read, and skipping them saves time.
  return new AxeBuilder({ page })
    .withTags(WCAG_TAGS)
    .options({ resultTypes: ['violations'] })
    .analyze();
}

/** The violations as readable lines (rule, impact, help, targets), so a failure says what to fix. */
export function describeViolations(results: AxeResults): string {
  return results.violations
    .map((v) => {
      const targets = v.nodes.map((n) => `    - ${n.target.join(' ')}: ${n.failureSummary ?? ''}`);
      return `${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n  ${v.helpUrl}\n${targets.join('\n')}`;
    })
    .join('\n');
}

/** Saves a full-page screenshot to screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export interface OpenedPage {
  page: Page;
  /** Console errors, uncaught exceptions, failed requests, CSP violations and unexpected HTTP errors. */
  problems: string[];
  close(): Promise<void>;
}

/**
 * A page in a fresh context (Danish, like a visitor in Denmark) that records everything that went wrong
 * while it was open. `expectedStatus` lets the 404 page's own status through.
 */
export async function openPage(
  browser: Browser,
  options: BrowserContextOptions & { expectedStatus?: number } = {},
): Promise<OpenedPage> {
  const { expectedStatus = 200, ...contextOptions } = options;
  const context = await browser.newContext({ locale: 'da-DK', ...contextOptions });
  const page = await context.newPage();
  const problems: string[] = [];
  // Main documents that came back with the expected status: the 404 page's own status is wanted.
  const expectedDocuments = new Set<string>();
  page.on('response', (response) => {
    const request = response.request();
    const document = request.isNavigationRequest() && request.frame() === page.mainFrame();
    if (document && response.status() === expectedStatus) expectedDocuments.add(response.url());
    else if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const url = message.location().url;
    // The browser also logs a document's error status as a failed resource.
    if (expectedDocuments.has(url)) return;
    problems.push(`console: ${message.text()} (${url || 'page'})`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) =>
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText ?? '?'})`),
  );
  if (contextOptions.javaScriptEnabled !== false) {
    // Runs through the DevTools protocol, so the page's CSP does not block it.
    await page.addInitScript(() => {
      const w = window as unknown as { cspViolations: string[] };
      w.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        w.cspViolations.push(`${e.violatedDirective}: ${e.blockedURI || 'inline'}`);
      });
    });
  }
  return {
    page,
    problems,
    close: () => context.close(),
  };
}

/** The CSP violations the init script of openPage saw on the current document. */
export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []);
}
