import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type OpenedPage, openPage, type RunningApp, startApp } from './helpers.ts';
import {
  clean,
  confirmLinkFromMailbox,
  expectRefused,
  fillRegistrationForm,
  h1,
  liveConfirmation,
  mainText,
  pageChecker,
  type Registrant,
  signInOrganiser,
} from './journey.ts';

// Issue 8's "Done means" in Chromium: people and roles. The organiser signs in with the second factor (the
// first sign-in sets TOTP up from the secret on the page), goes to Personer, opens an expert's person page
// and invites them; the expert opens the invitation from the mail, accepts, is signed in and finds their own
// session first on Mit hold, then edits their public profile (a wrong address first) and sees the link on
// their public page. A participant who registered and confirmed from the mail sees the whole programme; a
// waitlisted person sees only their place in line. The header of a public page shows who is signed in.
// Every page shown passes axe with zero violations for the person who sees it, in Danish and in English,
// with no CSP violation, console error or unexpected HTTP error.

const SLUG = 'beskaeftigelsesfaglig-masterclass-2027';
const SERIES = `/serier/${SLUG}`;
const HOLD = `/mit-hold/${SLUG}`;
const SERIES_TITLE_START = 'Beskæftigelsesfaglig masterclass';

/** The demo's expert of session 3 in both holds, with the demo account the seed gave him. */
const EXPERT = {
  name: 'Flemming Larsen',
  slug: 'flemming-larsen',
  email: 'flemming.larsen@example.dk',
  session: 3,
} as const;

const PARTICIPANT: Registrant = {
  name: 'Marie Holm Sørensen',
  email: 'marie.holm@jobcenter-roskilde.example.dk',
  organisation: 'Jobcenter Roskilde',
  reference: null,
  invoiceContactEmail: 'bogholderi@jobcenter-roskilde.example.dk',
};

const WAITLISTED: Registrant = {
  name: 'Jens Øster Pedersen',
  email: 'jens.oester@jobcenter-koege.example.dk',
  organisation: 'Jobcenter Køge',
  reference: null,
  invoiceContactEmail: 'bogholderi@jobcenter-koege.example.dk',
};

const PROFILE = {
  titleDa: 'Professor i arbejdsmarkedspolitik, Aalborg Universitet',
  bioDa: 'Flemming Larsen forsker i, hvordan reformer former kommunernes beskæftigelsesindsats.',
  linkLabel: 'Forskningsprofil',
  badUrl: 'vbn.aau.dk/da/persons/flemming-larsen',
  url: 'https://vbn.aau.dk/da/persons/flemming-larsen',
} as const;

/** The header's account menu ("Din konto" / "Your account"): the name, then the links in order. */
async function accountMenu(page: Page, label = 'Din konto'): Promise<{ name: string; links: string[] }> {
  const nav = page.getByRole('navigation', { name: label });
  expect(await nav.count(), `one account menu on ${page.url()}`).toBe(1);
  // A stranger's menu has no name: count first, as textContent would wait for one.
  const named = nav.locator('.holdet-account-name');
  const name = (await named.count()) === 0 ? '' : clean(await named.textContent());
  const links = (await nav.getByRole('link').allTextContents()).map(clean);
  return { name, links };
}

/** The programme on Mit hold: each session's heading, in the order shown. */
async function programme(page: Page): Promise<string[]> {
  return (await page.locator('ol.holdet-programme > li h3').allTextContents()).map(clean);
}

describe('people and roles journey in Chromium', { timeout: 120_000 }, () => {
  let app: RunningApp;
  let browser: Browser;
  /** The organiser's signed-in page, kept for the header step. */
  let organiser: OpenedPage;
  /** The expert's signed-in page, from the invitation to the public page. */
  let expert: OpenedPage;
  const { checkPage, checked, axeMs } = pageChecker();
  const started = performance.now();

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  }, 60_000);

  afterAll(async () => {
    await organiser?.close();
    await expert?.close();
    await browser?.close();
    await app?.close();
    console.info(
      `roles journey: ${checked.length} pages checked with axe (${Math.round(axeMs())} ms of axe), ` +
        `${Math.round(performance.now() - started)} ms in all:\n  ${checked.join('\n  ')}`,
    );
  });

  const db = () => app.database.db;

  it('the organiser signs in with TOTP (set up at this first sign-in), goes to Personer and invites an expert', async () => {
    organiser = await openPage(browser);
    organiser.page.setDefaultTimeout(4000);
    const { page } = organiser;
    await signInOrganiser(page, app, '/arrangoer', (label, shot) =>
      checkPage(organiser, `organiser: ${label}`, shot ? `roles-${shot}` : undefined),
    );
    const factor = await db()
      .selectFrom('second_factor')
      .select(['confirmed_at'])
      .where('account_id', '=', app.organiser.id)
      .executeTakeFirst();
    expect(factor?.confirmed_at, 'TOTP is on after the first sign-in').toBeTruthy();
    expect(await h1(page)).toBe('Arrangør');
    await checkPage(organiser, 'organiser: back office', 'roles-back-office');

    await page.getByRole('link', { name: 'Personer: facilitatorer og eksperter' }).click();
    await page.waitForURL(/\/arrangoer\/personer$/);
    expect(await h1(page)).toBe('Personer');
    const row = page.locator('tbody tr', { hasText: EXPERT.name });
    expect(await row.count()).toBe(1);
    expect(clean(await row.textContent())).toContain(EXPERT.email);
    await checkPage(organiser, 'organiser: Personer', 'roles-people-list');

    await row.getByRole('link', { name: EXPERT.name }).click();
    await page.waitForURL(`**/arrangoer/personer/${EXPERT.slug}`);
    expect(await h1(page)).toBe(EXPERT.name);
    expect(await mainText(page)).toContain(`Personen logger ind som ${EXPERT.email}.`);
    await checkPage(organiser, 'organiser: the expert’s person page', 'roles-person-page');

    // The form refuses nothing chosen, naming the field, and keeps the address typed.
    await page.getByLabel('E-mail', { exact: true }).fill(EXPERT.email);
    organiser.problems.length = 0;
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.waitForLoadState('load');
    expectRefused(organiser);
    expect(clean(await page.getByRole('alert').textContent())).toContain('Vælg mindst én af rollerne.');
    expect(await page.getByLabel('E-mail', { exact: true }).inputValue()).toBe(EXPERT.email);
    expect(await page.title()).toMatch(/^Fejl: /);

    const session3of2027 = page.getByRole('checkbox', {
      name: new RegExp(`^Ekspert ved session ${EXPERT.session}: .*masterclass 2027\\)$`),
    });
    expect(await session3of2027.count()).toBe(1);
    await session3of2027.check();
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.waitForURL(/\/arrangoer\/personer\/flemming-larsen\?sendt=/);
    expect(clean(await page.getByRole('status').textContent())).toBe(
      `Invitationen er sendt til ${EXPERT.email}.`,
    );
    const invitations = page.locator('table', { has: page.getByRole('columnheader', { name: 'Sendt til' }) });
    expect(clean(await invitations.locator('tbody tr').first().textContent())).toContain(EXPERT.email);
    expect(clean(await invitations.locator('tbody tr').first().textContent())).toContain('Gælder til');
    await checkPage(organiser, 'organiser: invitation sent', 'roles-invitation-sent');

    // The back office in English too.
    await page.goto(`${app.baseUrl}/arrangoer/personer/${EXPERT.slug}?lang=en`);
    expect(await mainText(page)).toContain(`This person signs in as ${EXPERT.email}.`);
    await checkPage(organiser, 'organiser: person page in English', 'roles-person-page-en');

    const mails = await db()
      .selectFrom('outbox')
      .select(['subject', 'priority'])
      .where('kind', '=', 'people.invitation')
      .where('to_address', '=', EXPERT.email)
      .execute();
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).not.toContain(EXPERT.name);
  });

  it('the expert opens the invitation from the mail, accepts, is signed in and sees their session first on Mit hold', async () => {
    expert = await openPage(browser);
    expert.page.setDefaultTimeout(4000);
    const { page } = expert;
    await page.goto(`${app.baseUrl}/udvikling/postkasse`);
    const row = page.locator('tbody tr', { hasText: EXPERT.email }).filter({ hasText: 'people.invitation' });
    expect(await row.count()).toBe(1);
    await row.getByRole('link').click();
    await page.waitForURL(/\/udvikling\/postkasse\/[0-9a-f-]{36}$/);
    const mail = (await page.locator('pre').textContent()) ?? '';
    expect(mail).toContain(`Ekspert ved session ${EXPERT.session}: `);
    await checkPage(expert, 'expert: the invitation mail', 'roles-mail-invitation');
    const link = mail.match(/https?:\/\/[^\s/]+(\/invitation\/[A-Za-z0-9_-]{43})/)?.[1];
    if (!link) throw new Error(`no invitation link in the mail:\n${mail}`);

    await page.goto(app.baseUrl + link);
    expect(await h1(page)).toBe('Invitation');
    const offer = await mainText(page);
    expect(offer).toContain(`Du er inviteret som ${EXPERT.name} til disse roller:`);
    expect(offer).toContain(`Når du tager imod, er du logget ind som ${EXPERT.email}.`);
    expect((await accountMenu(page)).links).toEqual(['Log ind']);
    await checkPage(expert, 'expert: the invitation’s button page', 'roles-invitation-page');

    await page.getByRole('button', { name: 'Tag imod invitationen' }).click();
    await page.waitForURL(/\/min-profil$/);
    expect(await h1(page)).toBe('Min profil');
    expect((await accountMenu(page)).name).toContain(EXPERT.name);
    const used = await db()
      .selectFrom('person_invitation')
      .select(['used_at', 'accepted_account_id'])
      .executeTakeFirstOrThrow();
    expect(used.used_at).not.toBeNull();
    await checkPage(expert, 'expert: Min profil after accepting', 'roles-profile-after-accept');

    await page.getByRole('navigation', { name: 'Din konto' }).getByRole('link', { name: 'Mit hold' }).click();
    await page.waitForURL(/\/mit-hold$/);
    expect(await h1(page)).toBe('Mit hold');
    await checkPage(expert, 'expert: Mit hold, the list', 'roles-expert-my-holds');
    await page.getByRole('link', { name: /2027/ }).click();
    await page.waitForURL(`**${HOLD}`);
    expect(await h1(page)).toMatch(new RegExp(`^${SERIES_TITLE_START}`));
    const text = await mainText(page);
    expect(text).toContain('Din rolle: ekspert');
    expect(text).toContain('Dine egne sessioner står først.');
    const sessions = await programme(page);
    expect(sessions).toHaveLength(4);
    expect(sessions[0]).toMatch(new RegExp(`^Session ${EXPERT.session}: .* Din session$`));
    expect(sessions.slice(1).map((s) => s.slice(0, 9))).toEqual(['Session 1', 'Session 2', 'Session 4']);
    expect(sessions.filter((s) => s.includes('Din session'))).toHaveLength(1);
    const first = page.locator('ol.holdet-programme > li').first();
    expect(await first.getAttribute('class')).toBe('holdet-programme-yours');
    expect(clean(await first.locator('dl').textContent())).toContain(EXPERT.name);
    await checkPage(expert, 'expert: Mit hold 2027', 'roles-expert-hold');

    await page.goto(`${app.baseUrl}${HOLD}?lang=en`);
    expect(await mainText(page)).toContain('Your own sessions come first.');
    expect((await programme(page))[0]).toMatch(/ Your session$/);
    expect((await accountMenu(page, 'Your account')).links).toEqual(['My cohort', 'My page', 'Sign out']);
    await checkPage(expert, 'expert: Mit hold 2027 in English', 'roles-expert-hold-en');
  });

  it('the expert edits the profile: a wrong address is refused in Danish next to the field and in the summary, then the link is on the public page', async () => {
    const { page } = expert;
    // Back to Danish (the English page was remembered in a cookie).
    await page.goto(`${app.baseUrl}/min-profil?lang=da`);
    await page.getByLabel('Titel (dansk)').fill(PROFILE.titleDa);
    await page.getByLabel('Kort præsentation (dansk)').fill(PROFILE.bioDa);
    await page.getByLabel('Link 1: tekst').fill(PROFILE.linkLabel);
    await page.getByLabel('Link 1: adresse').fill(PROFILE.badUrl);
    expert.problems.length = 0;
    await page.getByRole('button', { name: 'Gem profil' }).click();
    await page.waitForLoadState('load');
    expectRefused(expert);
    const message = 'Link 1: adresse skal være en gyldig adresse, der begynder med https://.';
    expect(await page.title()).toMatch(/^Fejl: Min profil /);
    const summary = page.getByRole('alert');
    expect(clean(await summary.locator('h2').textContent())).toBe('Der er fejl i formularen');
    const summaryLink = summary.getByRole('link', { name: message });
    expect(await summaryLink.getAttribute('href')).toBe('#link1Url');
    const field = page.getByLabel('Link 1: adresse');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    const described = (await field.getAttribute('aria-describedby')) ?? '';
    const fieldError = described
      .split(' ')
      .map((id) => page.locator(`[id="${id}"]`))
      .at(-1);
    expect(clean((await fieldError?.textContent()) ?? '')).toBe(`Fejl: ${message}`);
    // What was typed is kept, every field of it; nothing was stored.
    expect(await field.inputValue()).toBe(PROFILE.badUrl);
    expect(await page.getByLabel('Titel (dansk)').inputValue()).toBe(PROFILE.titleDa);
    expect(await page.getByLabel('Kort præsentation (dansk)').inputValue()).toBe(PROFILE.bioDa);
    expect(await page.getByLabel('Link 1: tekst').inputValue()).toBe(PROFILE.linkLabel);
    const stored = await db()
      .selectFrom('person')
      .select(['title_da'])
      .where('slug', '=', EXPERT.slug)
      .executeTakeFirstOrThrow();
    expect(stored.title_da).toBe('Professor, Aalborg Universitet');
    await checkPage(expert, 'expert: profile with a wrong address', 'roles-profile-error');

    await summaryLink.click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('link1Url');
    await field.fill(PROFILE.url);
    await page.getByRole('button', { name: 'Gem profil' }).click();
    await page.waitForURL(/\/min-profil\?besked=gemt$/);
    expect(clean(await page.getByRole('status').textContent())).toBe('Din profil er gemt.');
    await checkPage(expert, 'expert: profile saved', 'roles-profile-saved');

    await page.getByRole('link', { name: 'Se din offentlige side' }).click();
    await page.waitForURL(`**/personer/${EXPERT.slug}`);
    expect(await h1(page)).toBe(EXPERT.name);
    const publicText = await mainText(page);
    expect(publicText).toContain(PROFILE.titleDa);
    expect(publicText).toContain(PROFILE.bioDa);
    const link = page.locator('main').getByRole('link', { name: PROFILE.linkLabel });
    expect(await link.getAttribute('href')).toBe(PROFILE.url);
    const menu = await accountMenu(page);
    expect(menu.name).toBe(`Logget ind som ${EXPERT.name}`);
    expect(menu.links).toEqual(['Mit hold', 'Min side', 'Log ud']);
    await checkPage(expert, 'expert: the public person page', 'roles-expert-public-page');

    // A stranger sees the same public page with the new link, and "Log ind".
    const stranger = await openPage(browser);
    try {
      await stranger.page.goto(`${app.baseUrl}/personer/${EXPERT.slug}`);
      expect(
        await stranger.page
          .locator('main')
          .getByRole('link', { name: PROFILE.linkLabel })
          .getAttribute('href'),
      ).toBe(PROFILE.url);
      expect(await accountMenu(stranger.page)).toEqual({ name: '', links: ['Log ind'] });
      await checkPage(stranger, 'stranger: the public person page', 'roles-stranger-public-page');
    } finally {
      await stranger.close();
    }
  });

  it('a participant registers, confirms from the mail and sees the whole programme on Mit hold', async () => {
    const opened = await openPage(browser);
    const { page } = opened;
    try {
      await page.goto(app.baseUrl + SERIES);
      await page.getByRole('link', { name: 'Tilmeld dig' }).click();
      await page.waitForURL(`**${SERIES}/tilmelding`);
      await fillRegistrationForm(page, PARTICIPANT);
      await Promise.all([
        page.waitForURL(`**${SERIES}/tilmelding`, { waitUntil: 'load' }),
        page.getByRole('button', { name: 'Tilmeld mig' }).click(),
      ]);
      expect(await h1(page)).toBe('Tjek din mail');
      const link = await confirmLinkFromMailbox(page, app.baseUrl, PARTICIPANT.email);
      await page.goto(app.baseUrl + link);
      await page.getByRole('button', { name: 'Bekræft tilmeldingen' }).click();
      await page.waitForURL(/\/min-side\?besked=confirmed$/);
      expect(await h1(page)).toBe('Min side');

      const menu = await accountMenu(page);
      expect(menu.name).toBe(`Logget ind som ${PARTICIPANT.name}`);
      expect(menu.links).toEqual(['Mit hold', 'Min side', 'Log ud']);
      await page
        .getByRole('navigation', { name: 'Din konto' })
        .getByRole('link', { name: 'Mit hold' })
        .click();
      await page.waitForURL(/\/mit-hold$/);
      expect(clean(await page.locator('.holdet-hold-list li').first().textContent())).toContain(
        'Din rolle: deltager',
      );
      await checkPage(opened, 'participant: Mit hold, the list', 'roles-participant-my-holds');

      await page.getByRole('link', { name: /2027/ }).click();
      await page.waitForURL(`**${HOLD}`);
      const text = await mainText(page);
      expect(text).toContain('Din rolle: deltager');
      expect(text).not.toContain('Dine egne sessioner står først.');
      const sessions = await programme(page);
      expect(sessions.map((s) => s.slice(0, 9))).toEqual([
        'Session 1',
        'Session 2',
        'Session 3',
        'Session 4',
      ]);
      expect(sessions.join(' ')).not.toContain('Din session');
      for (const section of [
        'Materialer',
        'Spørgsmål til eksperterne',
        'Dilemmaer',
        'Beskeder',
        'Deltagerne',
      ]) {
        expect(await page.getByRole('heading', { level: 2, name: section }).count(), section).toBe(1);
      }
      expect(await page.getByRole('heading', { name: 'Din tilmelding' }).count()).toBe(0);
      const current = page
        .getByRole('navigation', { name: 'Din konto' })
        .getByRole('link', { name: 'Mit hold' });
      expect(await current.getAttribute('aria-current')).toBe('true');
      await checkPage(opened, 'participant: Mit hold 2027', 'roles-participant-hold');

      await page.goto(`${app.baseUrl}${HOLD}?lang=en`);
      expect(await mainText(page)).toContain('Your role: participant');
      expect(await programme(page)).toHaveLength(4);
      await checkPage(opened, 'participant: Mit hold 2027 in English', 'roles-participant-hold-en');
    } finally {
      await opened.close();
    }
  });

  it('a waitlisted person (the hold made full) sees on Mit hold only their place in line, no programme', async () => {
    // Test setup: the hold is full with the seats taken so far (the participant's), so the next is in line.
    const series = await db()
      .selectFrom('series')
      .select(['id'])
      .where('slug', '=', SLUG)
      .executeTakeFirstOrThrow();
    const taken = await db()
      .selectFrom('registration')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .where('series_id', '=', series.id)
      .where('status', 'in', ['confirmed', 'reserved'])
      .executeTakeFirstOrThrow();
    expect(Number(taken.n)).toBe(1);
    await db().updateTable('series').set({ capacity: 1 }).where('id', '=', series.id).execute();

    const opened = await openPage(browser);
    const { page } = opened;
    try {
      await page.goto(`${app.baseUrl}${SERIES}/tilmelding`);
      expect(await mainText(page)).toContain('Alle pladser er taget.');
      await fillRegistrationForm(page, WAITLISTED);
      await Promise.all([
        page.waitForURL(`**${SERIES}/tilmelding`, { waitUntil: 'load' }),
        page.getByRole('button', { name: 'Skriv mig på ventelisten' }).click(),
      ]);
      expect(await h1(page)).toBe('Tjek din mail');
      const { code } = await liveConfirmation(app.database, WAITLISTED.email);
      await page.getByLabel('Kode').fill(code);
      await page.getByRole('button', { name: 'Bekræft tilmeldingen' }).click();
      await page.waitForURL(/\/min-side\?besked=confirmed-line$/);

      const menu = await accountMenu(page);
      expect(menu.links).toEqual(['Mit hold', 'Min side', 'Log ud']);
      await page.goto(`${app.baseUrl}/mit-hold`);
      expect(clean(await page.locator('.holdet-hold-list li').first().textContent())).toContain(
        'på ventelisten',
      );
      await checkPage(opened, 'waitlisted: Mit hold, the list', 'roles-waitlisted-my-holds');

      await page.getByRole('link', { name: /2027/ }).click();
      await page.waitForURL(`**${HOLD}`);
      const text = await mainText(page);
      expect(text).toContain('Du står på ventelisten som nummer 1.');
      expect(text).toContain('Programmet og holdets fælles sider åbner, når du har en plads på holdet.');
      expect(text).not.toContain('Din rolle');
      expect(await page.getByRole('heading', { name: 'Programmet' }).count()).toBe(0);
      expect(await programme(page)).toEqual([]);
      expect(text).not.toContain('Session 1');
      for (const section of ['Materialer', 'Spørgsmål til eksperterne', 'Beskeder', 'Deltagerne']) {
        expect(await page.getByRole('heading', { name: section }).count(), section).toBe(0);
      }
      await checkPage(opened, 'waitlisted: Mit hold 2027', 'roles-waitlisted-hold');

      await page.goto(`${app.baseUrl}${HOLD}?lang=en`);
      expect(await mainText(page)).toContain('You are number 1 on the waiting list.');
      expect(await programme(page)).toEqual([]);
      await checkPage(opened, 'waitlisted: Mit hold 2027 in English', 'roles-waitlisted-hold-en');
    } finally {
      await opened.close();
    }
  });

  it('the header on a public page shows who is signed in; the organiser also gets "Arrangør"', async () => {
    const { page } = organiser;
    // Danish again: the organiser's English page was remembered in a cookie.
    await page.goto(`${app.baseUrl}${SERIES}?lang=da`);
    const menu = await accountMenu(page);
    expect(menu.name).toBe(`Logget ind som ${app.organiser.name}`);
    expect(menu.links).toEqual(['Mit hold', 'Min side', 'Arrangør', 'Log ud']);
    await checkPage(organiser, 'organiser: the public series page', 'roles-organiser-series-page');
    await page.getByRole('navigation', { name: 'Din konto' }).getByRole('link', { name: 'Arrangør' }).click();
    await page.waitForURL(/\/arrangoer$/);
    expect(await h1(page)).toBe('Arrangør');

    // The organiser sees everything on Mit hold: the programme in order, no session marked theirs.
    await page.goto(app.baseUrl + HOLD);
    expect(await mainText(page)).toContain('Din rolle: arrangør');
    expect((await programme(page)).map((s) => s.slice(0, 9))).toEqual([
      'Session 1',
      'Session 2',
      'Session 3',
      'Session 4',
    ]);
    await checkPage(organiser, 'organiser: Mit hold 2027', 'roles-organiser-hold');

    // The same shared page, in English, for the expert: their own name and pages, no back office.
    await expert.page.goto(`${app.baseUrl}${SERIES}?lang=en`);
    const en = await accountMenu(expert.page, 'Your account');
    expect(en.name).toBe(`Signed in as ${EXPERT.name}`);
    expect(en.links).toEqual(['My cohort', 'My page', 'Sign out']);
    await checkPage(expert, 'expert: the public series page in English', 'roles-expert-series-page-en');

    // And "Log ud" leads to the sign-out page, whose button signs out: the header says "Log ind" again.
    await expert.page.goto(`${app.baseUrl}${SERIES}?lang=da`);
    await expert.page
      .getByRole('navigation', { name: 'Din konto' })
      .getByRole('link', { name: 'Log ud' })
      .click();
    await expert.page.waitForURL(/\/log-ud$/);
    await checkPage(expert, 'expert: sign-out page', 'roles-sign-out');
    await expert.page.getByRole('button', { name: 'Log ud', exact: true }).click();
    await expert.page.waitForLoadState('load');
    await expert.page.goto(app.baseUrl + SERIES);
    expect((await accountMenu(expert.page)).links).toEqual(['Log ind']);
  });
});
