import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { axe, cspViolations, describeViolations, type OpenedPage, screenshot } from './helpers.ts';

// What the browser journeys share: registering over plain HTTP, reading a page's heading and text, and the
// checks every page of a journey must pass.

/** Whitespace collapsed and trimmed, as a person reads it. */
export const clean = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

/** The page's one h1. */
export async function h1(page: Page): Promise<string> {
  const heading = page.locator('h1');
  expect(await heading.count(), `one h1 on ${page.url()}`).toBe(1);
  return clean(await heading.textContent());
}

export async function mainText(page: Page): Promise<string> {
  return clean(await page.locator('main').textContent());
}

/** GET the registration form (CSRF cookie + token) and POST it back, as a browser without a screen would. */
export async function registerOverHttp(
  formUrl: string,
  fields: Record<string, string>,
): Promise<{ status: number; body: string }> {
  const form = await fetch(formUrl);
  const token = (await form.text()).match(/name="_csrf" value="([^"]+)"/)?.[1];
  const cookie = form.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  if (!token || !cookie) throw new Error('no CSRF token or cookie on the form');
  const response = await fetch(formUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ _csrf: token, ...fields }).toString(),
  });
  return { status: response.status, body: await response.text() };
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
