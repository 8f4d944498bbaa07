import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Database } from '../src/db/database.ts';
import { TOTP_PERIOD_SECONDS, totpCode, totpStep } from '../src/modules/auth/totp.ts';
import { sha256 } from '../src/shared/secrets.ts';
import { latestSignInMail } from '../test/auth.ts';
import {
  axe,
  cspViolations,
  describeViolations,
  type OpenedPage,
  type RunningApp,
  screenshot,
} from './helpers.ts';

// What the browser journeys share: registering and confirming over plain HTTP, opening a confirmation link
// from the dev mailbox, filling the registration form, signing in with a code, reading a page's heading, text
// and tables, downloads, and the checks every page of a journey must pass.

/** Whitespace collapsed and trimmed, as a person reads it. */
export const clean = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

/** The page's one h1. */
export async function h1(page: Page): Promise<string> {
  const heading = page.locator('h1');
  expect(await heading.count(), `one h1 on ${page.url()}`).toBe(1);
  return clean(await heading.textContent());
}

/** A cell's text nodes, one space apart (its lines are split by <br>, which textContent runs together). */
export function cellText(cell: Locator): Promise<string> {
  return cell.evaluate((element) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const parts: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) parts.push(node.textContent ?? '');
    return parts.join(' ').replace(/\s+/g, ' ').trim();
  });
}

export async function mainText(page: Page): Promise<string> {
  return clean(await page.locator('main').textContent());
}

/** GET a page with a form (CSRF cookie + token), as a browser without a screen would. */
async function formToken(url: string): Promise<{ token: string; cookie: string }> {
  const form = await fetch(url);
  const token = (await form.text()).match(/name="_csrf" value="([^"]+)"/)?.[1];
  const cookie = form.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  if (!token || !cookie) throw new Error(`no CSRF token or cookie on ${url}`);
  return { token, cookie };
}

async function postForm(url: string, fields: Record<string, string>): Promise<Response> {
  const { token, cookie } = await formToken(url);
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ _csrf: token, ...fields }).toString(),
  });
}

/** GET the registration form (CSRF cookie + token) and POST it back, as a browser without a screen would. */
export async function registerOverHttp(
  formUrl: string,
  fields: Record<string, string>,
): Promise<{ status: number; body: string }> {
  const response = await postForm(formUrl, fields);
  return { status: response.status, body: await response.text() };
}

/**
 * Opens the link from a confirmation mail (the button page: CSRF cookie + token) and presses the button, as
 * a person would without a screen. `signedIn`: the answer set a session cookie.
 */
export async function confirmOverHttp(
  baseUrl: string,
  token: string,
): Promise<{ status: number; location: string | null; body: string; signedIn: boolean }> {
  const response = await postForm(`${baseUrl}/tilmelding/bekraeft/${token}`, {});
  return {
    status: response.status,
    location: response.headers.get('location'),
    body: await response.text(),
    signedIn: response.headers.getSetCookie().some((c) => c.startsWith('holdet_session=')),
  };
}

/**
 * The link token and code of the confirmation mail to `to` that still works (its confirmation is unused), of
 * the one registration whose mail mentions `mentioning` when given. Not simply the newest mail: the clock
 * stands still in these tests, so mails to one address (an invoice contact's, or a second registration's)
 * share their created_at, and their ids are random.
 */
export async function liveConfirmation(
  database: Database,
  to: string,
  mentioning?: string,
): Promise<{ token: string; code: string; text: string }> {
  const mails = await database.db
    .selectFrom('outbox')
    .select('text_body')
    .where('kind', '=', 'registration.confirm-request')
    .where('to_address', '=', to)
    .execute();
  const found: { token: string; code: string; text: string }[] = [];
  for (const { text_body: text } of mails) {
    if (mentioning && !text.includes(mentioning)) continue;
    const token = /\/tilmelding\/bekraeft\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];
    const code = /koden ([0-9]{6}) på|the code ([0-9]{6}) at/.exec(text);
    if (!token || !code) continue;
    const row = await database.db
      .selectFrom('registration_confirmation')
      .select('used_at')
      .where('token_hash', '=', sha256(token))
      .executeTakeFirst();
    if (row && row.used_at === null) found.push({ token, code: code[1] ?? code[2] ?? '', text });
  }
  if (found.length !== 1) throw new Error(`${found.length} live confirmation mails to ${to}, not 1`);
  return found[0] as { token: string; code: string; text: string };
}

/**
 * In the browser, as a developer reads mail: the dev mailbox and the confirmation mail to `to` in it. Leaves
 * the page on the mail and returns the path of its link (BASE_URL has no port: the path is what counts).
 */
export async function confirmLinkFromMailbox(page: Page, baseUrl: string, to: string): Promise<string> {
  await page.goto(`${baseUrl}/udvikling/postkasse`);
  const row = page.locator('tbody tr', { hasText: to }).filter({ hasText: 'registration.confirm-request' });
  expect(await row.count(), `one confirmation mail to ${to}`).toBe(1);
  await row.getByRole('link').click();
  await page.waitForURL(/\/udvikling\/postkasse\/[0-9a-f-]{36}$/);
  const text = (await page.locator('pre').textContent()) ?? '';
  const path = text.match(/https?:\/\/[^\s/]+(\/tilmelding\/bekraeft\/[A-Za-z0-9_-]{43}(?:\?lang=en)?)/)?.[1];
  if (!path) throw new Error(`no confirmation link in the mail to ${to}:\n${text}`);
  return path;
}

/**
 * The checks every page of a journey must pass: axe (WCAG 2.1 A/AA + best practice) with zero violations,
 * no CSP violation, no console error or unexpected HTTP error; and a screenshot when named. Keeps the list of
 * pages checked and the time axe took, for the journey's summary.
 */
export function pageChecker() {
  const checked: string[] = [];
  let axeMs = 0;
  async function checkPage(opened: OpenedPage, label: string, shot?: string): Promise<void> {
    const { page, problems } = opened;
    const started = performance.now();
    const results = await axe(page);
    axeMs += performance.now() - started;
    const ids = results.violations.map((v) => v.id);
    expect(ids, `axe violations on ${label} (${page.url()}):\n${describeViolations(results)}`).toEqual([]);
    expect(await cspViolations(page), `CSP violations on ${label}`).toEqual([]);
    expect(problems, `console errors and failed requests on ${label}`).toEqual([]);
    const url = new URL(page.url());
    checked.push(`${label}: ${url.pathname}${url.search}`);
    if (shot) await screenshot(page, shot);
  }
  return { checkPage, checked, axeMs: () => axeMs };
}

/** What one person answers on the registration form. */
export interface Registrant {
  name: string;
  email: string;
  organisation: string;
  /** The personreference of a public buyer (who also gives the EAN); null for one invoiced by email. */
  reference: string | null;
  invoiceContactEmail: string;
}

/** A valid EAN (GLN with a right check digit) for the public buyers. */
export const E2E_EAN = '5798009811578';

/** The answers as the form's fields, for registering over HTTP. */
export function registrationFields(p: Registrant): Record<string, string> {
  return {
    participant_name: p.name,
    participant_email: p.email,
    participant_phone: '',
    job_title: 'Jobcenterchef',
    management_level: 'chef',
    organisation_type: 'jobcenter',
    organisation_name: p.organisation,
    cvr: '61126228',
    address_street: 'Rådhuspladsen 1',
    address_postal_code: '1550',
    address_city: 'København V',
    public_buyer: p.reference ? 'ja' : 'nej',
    ean: p.reference ? E2E_EAN : '',
    person_reference: p.reference ?? '',
    order_number: '',
    kontostreng: '',
    invoice_contact_name: 'Bogholderiet',
    invoice_contact_email: p.invoiceContactEmail,
    dietary_needs: '',
    accept_terms: 'ja',
  };
}

const FORM_LABELS = {
  da: {
    name: 'Fulde navn',
    email: 'Arbejdsmail',
    jobTitle: 'Stillingsbetegnelse',
    level: 'Chef',
    orgType: 'Jobcenter',
    orgName: 'Organisationens navn',
    cvr: 'CVR-nummer',
    street: 'Adresse',
    postalCode: 'Postnummer',
    city: 'By',
    yes: 'Ja',
    no: 'Nej',
    ean: 'EAN-nummer',
    reference: 'Personreference',
    contactName: 'Fakturakontakt: navn',
    contactEmail: 'Fakturakontakt: e-mail',
    terms: 'Jeg accepterer, at tilmeldingen er bindende',
  },
  en: {
    name: 'Full name',
    email: 'Work email',
    jobTitle: 'Job title',
    level: 'Head of department',
    orgType: 'Jobcentre',
    orgName: 'Organisation name',
    cvr: 'CVR number',
    street: 'Address',
    postalCode: 'Postcode',
    city: 'Town',
    yes: 'Yes',
    no: 'No',
    ean: 'EAN number',
    reference: 'Person reference',
    contactName: 'Invoice contact: name',
    contactEmail: 'Invoice contact: email',
    terms: 'I accept that the registration is binding',
  },
} as const;

/** Fills the registration form the way a person does: by the visible labels, in the page's language. */
export async function fillRegistrationForm(
  page: Page,
  p: Registrant,
  lang: 'da' | 'en' = 'da',
): Promise<void> {
  const l = FORM_LABELS[lang];
  await page.getByLabel(l.name).fill(p.name);
  await page.getByLabel(l.email).fill(p.email);
  await page.getByLabel(l.jobTitle).fill('Jobcenterchef');
  await page.getByRole('radio', { name: l.level, exact: true }).check();
  await page.getByRole('radio', { name: l.orgType, exact: true }).check();
  await page.getByLabel(l.orgName).fill(p.organisation);
  await page.getByLabel(l.cvr).fill('61126228');
  await page.getByLabel(l.street).fill('Rådhuspladsen 1');
  await page.getByLabel(l.postalCode).fill('1550');
  await page.getByLabel(l.city, { exact: true }).fill('København V');
  if (p.reference) {
    await page.getByRole('radio', { name: l.yes, exact: true }).check();
    await page.getByLabel(l.ean).fill(E2E_EAN);
    await page.getByLabel(l.reference).fill(p.reference);
  } else {
    await page.getByRole('radio', { name: l.no, exact: true }).check();
  }
  await page.getByLabel(l.contactName).fill('Bogholderiet');
  await page.getByLabel(l.contactEmail).fill(p.invoiceContactEmail);
  await page.getByLabel(l.terms).check();
}

/** Signs a participant in with the 6-digit code from the sign-in mail; ends on Min side. */
export async function signInWithCode(page: Page, app: RunningApp, email: string): Promise<void> {
  await page.goto(`${app.baseUrl}/min-side`);
  await page.waitForURL(/\/log-ind\?next=%2Fmin-side$/);
  await page.getByLabel('Arbejdsmail').fill(email);
  await page.getByRole('button', { name: 'Send link og kode' }).click();
  await page.waitForLoadState('load');
  const mail = await latestSignInMail(app.database.db, email);
  if (!mail) throw new Error(`no sign-in mail to ${email}`);
  // The code form on this page already has the address; only the code is typed.
  expect(await page.getByLabel('Arbejdsmail').inputValue()).toBe(email);
  await page.getByLabel('Kode').fill(mail.code);
  await page.getByRole('button', { name: 'Log ind' }).click();
  await page.waitForURL(/\/min-side$/);
}

/** Each body row of a table as its cells' texts. */
export async function tableRows(table: Locator): Promise<string[][]> {
  const rows = await table.locator('tbody tr').all();
  return Promise.all(rows.map(async (row) => (await row.locator('td').allTextContents()).map(clean)));
}

/** Clicks a download link and returns the file's name and bytes. */
export async function download(page: Page, link: Locator): Promise<{ name: string; body: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), body: await readFile(path) };
}

/**
 * The organiser signs in as a person would: `path` (an organiser page) sends to the sign-in page, the link
 * comes from the mail in the dev mailbox, and the link page's button leads back to `path`. `check` runs on
 * each page on the way (sign-in, "check your mail", mailbox, the mail, the link page), for the page checks.
 */
export async function signInOrganiser(
  page: Page,
  app: RunningApp,
  path: string,
  check: (label: string, shot?: string) => Promise<void> = async () => {},
): Promise<void> {
  await page.goto(app.baseUrl + path);
  await page.waitForURL(/\/log-ind\?next=/);
  expect(await h1(page)).toBe('Log ind');
  await check('sign-in', 'journey-sign-in');
  await page.getByLabel('Arbejdsmail').fill(app.organiser.email);
  await page.getByRole('button', { name: 'Send link og kode' }).click();
  await page.waitForLoadState('load');
  expect(await h1(page)).toBe('Tjek din mail');
  await check('check your mail', 'journey-check-mail');

  await page.goto(`${app.baseUrl}/udvikling/postkasse`);
  expect(await h1(page)).toBe('Postkasse');
  await check('mailbox');
  const row = page.locator('tbody tr', { hasText: app.organiser.email });
  expect(await row.count()).toBe(1);
  await row.getByRole('link').click();
  await page.waitForURL(/\/udvikling\/postkasse\/[0-9a-f-]{36}$/);
  expect(await h1(page)).toBe('Log ind hos Væksthusets Kompetencecenter');
  await check('mailbox: the sign-in mail');
  const mailText = (await page.locator('pre').textContent()) ?? '';
  const link = mailText.match(/https?:\/\/[^\s/]+(\/log-ind\/[A-Za-z0-9_-]{43}\?next=\S+)/)?.[1];
  if (!link) throw new Error(`no sign-in link in the mail:\n${mailText}`);
  // BASE_URL has no port; the path is what the link is about.
  await page.goto(app.baseUrl + link);
  expect(await h1(page)).toBe('Log ind');
  await check('sign-in link page', 'journey-sign-in-confirm');
  await page.getByRole('button', { name: 'Log ind' }).click();
  await page.waitForURL(/\/log-ind\/totrin\?next=/);
  await passSecondFactor(page, app, check);
  await page.waitForURL(`**${path}`);
}

/**
 * The organiser's second factor, as a person with an authenticator app does it. At the first sign-in: the
 * setup page, whose secret (shown as text beside the QR code) the app would take, a code computed for the
 * app's clock, then the ten recovery codes, then on. Later: the code of the next unused 30-second step (the
 * app's fixed clock is moved on when that step has not come yet).
 */
export async function passSecondFactor(
  page: Page,
  app: RunningApp,
  check: (label: string, shot?: string) => Promise<void> = async () => {},
): Promise<void> {
  if ((await h1(page)) === 'Opsæt totrinsbekræftelse') {
    await check('second factor: setup', 'journey-totp-setup');
    expect(await page.locator('svg.totp-qr').count()).toBe(1);
    const secret = ((await page.locator('#totp-secret').textContent()) ?? '').replace(/\s+/g, '');
    await page.getByLabel('Kode fra appen').fill(totpCode(secret, app.clock.now()));
    await page.getByRole('button', { name: 'Slå totrinsbekræftelse til' }).click();
    await page.waitForLoadState('load');
    expect(await h1(page)).toBe('Gem dine gendannelseskoder');
    expect(await page.locator('ul.recovery-codes li').count()).toBe(10);
    await check('second factor: recovery codes', 'journey-totp-recovery-codes');
    await page.getByRole('link', { name: 'Fortsæt' }).click();
    return;
  }
  expect(await h1(page)).toBe('Skriv koden fra din app');
  await check('second factor: code');
  const row = await app.database.db
    .selectFrom('second_factor')
    .select(['totp_secret', 'last_used_step'])
    .where('account_id', '=', app.organiser.id)
    .executeTakeFirstOrThrow();
  const now = app.clock.now();
  let step = totpStep(now);
  if (row.last_used_step !== null && row.last_used_step >= step) {
    step = row.last_used_step + 1;
    if (step > totpStep(now) + 1) app.clock.set(new Date(step * TOTP_PERIOD_SECONDS * 1000));
  }
  await page
    .getByLabel('Kode fra appen')
    .fill(totpCode(row.totp_secret, new Date(step * TOTP_PERIOD_SECONDS * 1000)));
  await page.getByRole('button', { name: 'Log ind' }).click();
}

/** A form sent back with errors answers 400: that one answer (and the browser's note of it) is expected. */
export function expectRefused(opened: OpenedPage): void {
  const seen = opened.problems.splice(0);
  expect(seen.some((p) => p.startsWith('HTTP 400'))).toBe(true);
  expect(seen.filter((p) => !p.includes('400'))).toEqual([]);
}
