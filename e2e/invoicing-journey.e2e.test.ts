import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type OpenedPage, openPage, type RunningApp, startApp } from './helpers.ts';
import {
  cellText,
  clean,
  confirmLinkFromMailbox,
  confirmOverHttp,
  download,
  E2E_EAN,
  fillRegistrationForm,
  h1,
  liveConfirmation,
  mainText,
  pageChecker,
  type Registrant,
  registerOverHttp,
  registrationFields,
  signInOrganiser,
  signInWithCode,
  tableRows,
} from './journey.ts';

// The invoicing issue end to end in Chromium: three people register (two public buyers with EAN, one
// private). A sent form only holds a seat: nothing is invoiced until someone confirms from the mail, and the
// invoices are numbered in the order of confirmation: P1 by the link over HTTP (2027-0001), P2's invoice
// contact with their own link in the browser ("Tilmeldingen er bekræftet", nobody signed in: 2027-0002), P3,
// who registered in English, with the code on "Check your email" while the organiser sees the seat reserved
// (2027-0003). The organiser cancels the first with a full credit (credit note 2027-0004), works the invoice
// list (XML download, "sent" mark, CSV), records a payment (a bad date first), changes the settings (a bad
// reg. no. first) and credits part of an invoice (2027-0005); the first participant registers again, sees
// it awaiting on Min side next to both documents, mistypes the code and then confirms (2027-0006); the
// second cannot fetch the first's PDF. Every page shown passes axe with zero violations and has no CSP
// violation, console error or unexpected HTTP error.

const SLUG = 'beskaeftigelsesfaglig-masterclass-2027';
const SERIES = `/serier/${SLUG}`;
const EAN = E2E_EAN;

interface Person extends Registrant {
  n: number;
}

/** Each registration's invoice contact: an address of its own, so it gets a confirmation mail too. */
const contactOf = (p: { n: number }) => `bogholderi${p.n}@example.dk`;

const PEOPLE: Person[] = (
  [
    ['Mette Højgaard', 'Jobcenter Hørsholm', 'Økonomi – Åse Bæk'],
    ['Søren Ærø Nielsen', 'Rådgivning Ærø ApS', null],
    ['Anne-Marie Østergaard', 'Jobcenter Søborg', 'Løn og Bogføring'],
  ] as const
).map(([name, organisation, reference], i) => ({
  n: i + 1,
  name,
  email: `faktura-deltager${i + 1}@example.dk`,
  organisation,
  reference,
  invoiceContactEmail: contactOf({ n: i + 1 }),
}));
const [P1, P2, P3] = PEOPLE as [Person, Person, Person];

describe('invoicing journey in Chromium', { timeout: 120_000 }, () => {
  let app: RunningApp;
  let browser: Browser;
  /** The organiser's signed-in page, shared by the organiser's steps. 400 pages are expected answers. */
  let organiser: OpenedPage;
  /** P3's page, in English, from the sent form to My page (two steps). */
  let p3: OpenedPage;
  const { checkPage, checked } = pageChecker();
  /** A PDF link of participant 1's, which participant 2 then tries. */
  let stolenUrl = '';

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  }, 60_000);

  afterAll(async () => {
    await organiser?.close();
    await p3?.close();
    await browser?.close();
    await app?.close();
  });

  const db = () => app.database.db;
  const invoices = () =>
    db()
      .selectFrom('invoice')
      .select([
        'number',
        'kind',
        'public_buyer',
        'buyer_ean',
        'buyer_name',
        'paid_on',
        'paid_note',
        'sent_at',
      ])
      .orderBy('number')
      .execute();
  const registrationStatuses = () =>
    db().selectFrom('registration').select('status').orderBy('seq').execute();
  const invoiceMails = (p: Person) =>
    db()
      .selectFrom('outbox')
      .select(['attachments'])
      .where('to_address', '=', contactOf(p))
      .where('kind', '=', 'invoice.issued')
      .execute();
  const organiserSettings = async () =>
    JSON.parse((await db().selectFrom('organiser').select('settings').executeTakeFirstOrThrow()).settings);

  it('nothing is invoiced until confirmed: P1 confirms by the link (2027-0001), P2’s invoice contact by theirs (2027-0002)', async () => {
    for (const p of [P1, P2]) {
      const { status, body } = await registerOverHttp(
        `${app.baseUrl}${SERIES}/tilmelding`,
        registrationFields(p),
      );
      expect(status, p.name).toBe(200);
      expect(body, p.name).toContain('<h1>Tjek din mail</h1>');
    }
    // P3 registers in the browser in English and waits at "Check your email" (confirmed in the next step).
    p3 = await openPage(browser, { locale: 'en-GB' });
    const { page } = p3;
    await page.goto(`${app.baseUrl}${SERIES}/tilmelding`);
    expect(await h1(page)).toBe('Registration: Masterclass in employment services 2027');
    await fillRegistrationForm(page, P3, 'en');
    await Promise.all([
      page.waitForURL(`**${SERIES}/tilmelding`, { waitUntil: 'load' }),
      page.getByRole('button', { name: 'Register', exact: true }).click(),
    ]);
    expect(await h1(page)).toBe('Check your email');
    expect(await mainText(page)).toContain(`We have sent an email to ${P3.email} with a link and a code.`);
    await checkPage(p3, 'check your email, English', 'check-mail-en');

    // Reserved seats, but no account, no invoice and no invoice mail yet.
    expect((await registrationStatuses()).map((r) => r.status)).toEqual(['reserved', 'reserved', 'reserved']);
    expect(await invoices()).toEqual([]);
    expect(await invoiceMails(P1)).toEqual([]);

    // P1 presses the button behind the link in their mail: signed in, and the first invoice is issued.
    const first = await confirmOverHttp(app.baseUrl, (await liveConfirmation(app.database, P1.email)).token);
    expect([first.status, first.location, first.signedIn]).toEqual([303, '/min-side?besked=confirmed', true]);
    expect((await invoices()).map((i) => i.number)).toEqual(['2027-0001']);

    // P2's invoice contact opens the link from their own mail: the button page, then the outcome page;
    // nobody is signed in by it.
    const contact = await openPage(browser);
    try {
      const { page } = contact;
      const link = await confirmLinkFromMailbox(page, app.baseUrl, contactOf(P2));
      expect(await page.locator('pre').textContent()).toContain(
        `${P2.name} fra ${P2.organisation} er blevet tilmeldt Beskæftigelsesfaglig masterclass 2027, og du er oplyst som fakturakontakt.`,
      );
      await page.goto(app.baseUrl + link);
      expect(await h1(page)).toBe('Bekræft tilmeldingen');
      await checkPage(contact, 'confirm: the button page, invoice contact');
      await page.getByRole('button', { name: 'Bekræft tilmeldingen' }).click();
      await page.waitForLoadState('load');
      expect(await h1(page)).toBe('Tilmeldingen er bekræftet');
      expect(clean(await page.getByRole('status').textContent())).toBe(
        `Tak. Tilmeldingen af ${P2.name} er nu bekræftet og bindende. ${P2.name} får en bekræftelse med alle datoerne og kalenderfilerne, og fakturaen sendes som aftalt.`,
      );
      await checkPage(contact, 'confirm: the outcome page, invoice contact', 'confirm-outcome-contact');
      expect((await page.context().cookies()).map((c) => c.name)).not.toContain('holdet_session');

      // The link is spent: opening it again says so, and changes nothing.
      await page.goto(app.baseUrl + link);
      expect(await h1(page)).toBe('Tilmeldingen er allerede bekræftet');
      await checkPage(contact, 'confirm: a spent link', 'confirm-already');

      // A link that was never sent (or cut short): its own 404 page, and the way on to the code form.
      const lost = await openPage(browser, { expectedStatus: 404 });
      try {
        await lost.page.goto(`${app.baseUrl}/tilmelding/bekraeft/${'A'.repeat(43)}`);
        expect(await h1(lost.page)).toBe('Linket virker ikke');
        await checkPage(lost, 'confirm: an unknown link', 'confirm-unknown');
      } finally {
        await lost.close();
      }
      // The code form in English with a malformed code (answered 400).
      const typo = await openPage(browser, { expectedStatus: 400 });
      try {
        await typo.page.goto(`${app.baseUrl}/tilmelding/bekraeft?lang=en`);
        await typo.page.getByLabel('Email address').fill(contactOf(P2));
        await typo.page.getByLabel('Code').fill('12');
        await typo.page.getByRole('button', { name: 'Confirm the registration' }).click();
        await typo.page.waitForLoadState('load');
        expect(await h1(typo.page)).toBe('Confirm your registration with the code');
        expect(await typo.page.locator('#code-error').textContent()).toBe(
          'Error: Enter the code with 6 digits, e.g. 123456.',
        );
        await checkPage(typo, 'confirm: the code form with an error, English', 'confirm-code-error-en');
      } finally {
        await typo.close();
      }
    } finally {
      await contact.close();
    }

    expect((await registrationStatuses()).map((r) => r.status)).toEqual([
      'confirmed',
      'confirmed',
      'reserved',
    ]);
    expect(await invoices()).toMatchObject([
      { number: '2027-0001', kind: 'invoice', public_buyer: 1, buyer_ean: EAN, buyer_name: P1.organisation },
      { number: '2027-0002', kind: 'invoice', public_buyer: 0, buyer_ean: null, buyer_name: P2.organisation },
    ]);
    for (const p of [P1, P2]) {
      const mails = await invoiceMails(p);
      expect(mails, `invoice mail for ${p.name}`).toHaveLength(1);
      expect(mails[0]?.attachments).toContain('.pdf');
    }
  });

  it('the organiser sees the seat reserved for P3, who confirms with the code (2027-0003); P1 is cancelled with a full credit: 2027-0004', async () => {
    organiser = await openPage(browser, { expectedStatus: 400 });
    const { page } = organiser;
    // The first sign-in sets up the second factor as a real organiser would; every page on the way passes axe.
    await signInOrganiser(page, app, `/arrangoer/serier/${SLUG}`, (label, shot) =>
      checkPage(organiser, label, shot ? `invoicing-${shot}` : undefined),
    );

    const statusOf = (seq: number) => cellText(page.locator(`#r${seq} td:nth-child(4)`));
    expect(await statusOf(1)).toBe('Tilmeldt');
    expect(await statusOf(2)).toBe('Tilmeldt');
    expect(await statusOf(3)).toBe('Plads holdt, afventer bekræftelse Skal bekræftes senest 16.1.2027 10.00');
    await checkPage(organiser, 'organiser: series with a seat awaiting confirmation', 'organiser-awaiting');

    // P3, still at "Check your email", types the code from the mail: signed in on My page, in English.
    const mine = p3.page;
    await mine.getByLabel('Code').fill((await liveConfirmation(app.database, P3.email)).code);
    await mine.getByRole('button', { name: 'Confirm the registration' }).click();
    await mine.waitForURL(/\/min-side\?besked=confirmed&lang=en$/);
    expect(await h1(mine)).toBe('My page');
    expect(clean(await mine.getByRole('status').textContent())).toBe(
      'Thank you, your registration is confirmed and binding. A confirmation with the calendar files is on its way by email.',
    );
    expect(await mainText(mine)).toContain('Status: Registered');
    await checkPage(p3, 'My page, English, confirmed with the code', 'my-page-confirmed-en');
    await p3.close();
    expect(await invoices()).toMatchObject([
      { number: '2027-0001', buyer_name: P1.organisation },
      { number: '2027-0002', buyer_name: P2.organisation },
      { number: '2027-0003', kind: 'invoice', public_buyer: 1, buyer_ean: EAN, buyer_name: P3.organisation },
    ]);
    expect(await invoiceMails(P3)).toHaveLength(1);
    await page.reload();
    expect(await statusOf(3)).toBe('Tilmeldt');

    await page.getByRole('link', { name: `Annullér ${P1.name}` }).click();
    await page.waitForURL(/\/arrangoer\/tilmeldinger\/[0-9a-f-]{36}\/annuller$/);
    expect(await h1(page)).toBe(`Annullér tilmeldingen for ${P1.name}`);
    expect(await mainText(page)).toContain('Faktura 2027-0001. Endnu ikke krediteret: 18.000,00');
    await checkPage(organiser, 'cancel page', 'cancel-credit');

    await page.locator('#reason').fill('Deltageren er blevet syg');
    const group = page.getByRole('group', { name: 'Kreditering' });
    await group.getByRole('radio', { name: 'Kreditér hele fakturaen' }).check();
    await page.getByRole('button', { name: 'Annullér tilmeldingen' }).click();
    await page.waitForURL(/\?besked=cancelled&kreditnota=2027-0004$/);
    expect(clean(await page.getByRole('status').textContent())).toContain(
      'Tilmeldingen er annulleret, og kreditnota 2027-0004 er udstedt.',
    );
    expect(await statusOf(1)).toBe('Annulleret Deltageren er blevet syg');
    const crumbs = page.getByRole('navigation', { name: 'Brødkrummesti' });
    expect(clean(await crumbs.textContent())).toContain('Beskæftigelsesfaglig masterclass 2027');
    await checkPage(organiser, 'series page after the credit', 'cancel-credit-result');

    expect((await invoices()).map((i) => [i.number, i.kind])).toEqual([
      ['2027-0001', 'invoice'],
      ['2027-0002', 'invoice'],
      ['2027-0003', 'invoice'],
      ['2027-0004', 'credit_note'],
    ]);
  });

  it('the invoice list: statuses, e-invoices waiting, an OIOUBL download, "sent", a payment, PDF and CSV', async () => {
    const { page } = organiser;
    await page.goto(`${app.baseUrl}/arrangoer`);
    await page.getByRole('link', { name: 'Fakturaer', exact: true }).click();
    await page.waitForURL(/\/arrangoer\/fakturaer$/);
    expect(await h1(page)).toBe('Fakturaer');

    const awaiting = page.locator('table', { has: page.getByRole('columnheader', { name: 'Handling' }) });
    const all = page.locator('table', { has: page.getByRole('columnheader', { name: 'Fakturadato' }) });
    const listed = await tableRows(all);
    expect(listed.map((r) => r[0])).toEqual(['2027-0001', '2027-0002', '2027-0003', '2027-0004']);
    // Type (a credit note names the invoice it credits) and status.
    expect(listed.map((r) => [r[1], r[7]])).toEqual([
      ['Faktura', 'Krediteret'],
      ['Faktura', 'Åben'],
      ['Faktura', 'Åben'],
      ['Kreditnota 2027-0001', 'Kreditnota'],
    ]);
    expect(listed[0]?.[4]).toContain(`EAN ${EAN}`);
    expect((await tableRows(awaiting)).map((r) => r[0])).toEqual(['2027-0001', '2027-0003', '2027-0004']);
    await checkPage(organiser, 'invoice list', 'invoices-list');

    // The credit note's OIOUBL file from the waiting list: its number, the EAN, the invoice it credits.
    const xml = await download(page, awaiting.getByRole('link', { name: 'OIOUBL XML 2027-0004' }));
    expect(xml.name).toBe('kreditnota-2027-0004.oioubl.xml');
    const text = xml.body.toString('utf8');
    expect(text).toContain('<CreditNote');
    expect(text).toContain('<cbc:ID>2027-0004</cbc:ID>');
    expect(text).toContain(`>${EAN}</cbc:EndpointID>`);
    expect(text).toMatch(
      /<cac:BillingReference>\s*<cac:InvoiceDocumentReference>\s*<cbc:ID>2027-0001<\/cbc:ID>/,
    );
    expect(text).toContain(`<cbc:ID>${P1.reference}</cbc:ID>`);

    // "Sent" takes 2027-0003 off the waiting list, and the page stays the list.
    await awaiting.getByRole('button', { name: 'Markér som sendt 2027-0003' }).click();
    await page.waitForURL(/\/arrangoer\/fakturaer\?besked=sent$/);
    expect(clean(await page.getByRole('status').textContent())).toBe('Dokumentet er markeret som sendt.');
    expect((await tableRows(awaiting)).map((r) => r[0])).toEqual(['2027-0001', '2027-0004']);
    expect((await invoices())[2]?.sent_at).not.toBeNull();

    // The CSV for bookkeeping: BOM, ';', decimal comma, a credit note's amounts negative.
    const csv = await download(page, page.getByRole('link', { name: 'Hent CSV til bogføring' }));
    expect(csv.name).toBe('fakturaer-2027-01-15.csv');
    const lines = csv.body.toString('utf8').split('\r\n');
    expect(lines[0]?.startsWith('\uFEFFNummer;Type;Fakturadato')).toBe(true);
    expect(lines).toHaveLength(6);
    const creditLine = lines.find((l) => l.startsWith('2027-0004;'));
    expect(creditLine).toMatch(
      new RegExp(
        `^2027-0004;Kreditnota;2027-01-15;[0-9-]*;${P1.organisation};61126228;${EAN};${P1.name};-18000,00;-4500,00;-22500,00;Kreditnota;2027-0001$`,
      ),
    );

    // The private buyer's invoice: a payment with a day that does not exist is refused by the field.
    await all.getByRole('link', { name: '2027-0002', exact: true }).click();
    await page.waitForURL(/\/arrangoer\/fakturaer\/[0-9a-f-]{36}$/);
    expect(await h1(page)).toBe('Faktura 2027-0002');
    await checkPage(organiser, 'invoice detail', 'invoice-detail');
    const detailUrl = page.url();
    await page.locator('#paid_on').fill('31-02-2027');
    await page.locator('#note').fill('Overført fra Ærø');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/betalt')),
      page.getByRole('button', { name: 'Registrér betaling' }).click(),
    ]);
    expect(refused.status()).toBe(400);
    await page.waitForLoadState('load');
    expect(await page.title()).toMatch(/^Fejl: Faktura 2027-0002/);
    expect(await page.locator('#paid_on').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#paid_on').getAttribute('aria-describedby')).toContain('paid_on-error');
    const fieldGroup = page.locator('.form-group.form-error', { has: page.locator('#paid_on') });
    expect(clean(await fieldGroup.locator('#paid_on-error').textContent())).toBe(
      'Fejl: Betalingsdatoen findes ikke i kalenderen. Tjek dag og måned.',
    );
    expect(await page.locator('#paid_on').inputValue()).toBe('31-02-2027');
    expect(await page.locator('#note').inputValue()).toBe('Overført fra Ærø');
    expect((await invoices())[1]?.paid_on).toBeNull();
    await checkPage(organiser, 'invoice detail, bad payment date', 'invoice-detail-error');

    await page.locator('#paid_on').fill('14-01-2027');
    await page.getByRole('button', { name: 'Registrér betaling' }).click();
    await page.waitForURL(`${detailUrl}?besked=paid`);
    expect(clean(await page.getByRole('status').textContent())).toBe('Betalingen er registreret.');
    const text2 = await mainText(page);
    expect(text2).toContain('Status: Betalt');
    expect(text2).toContain('Betalt 14. januar 2027.');
    expect(text2).toContain('Note: Overført fra Ærø');
    expect(await page.getByRole('button', { name: 'Fortryd betalingen' }).isVisible()).toBe(true);
    expect((await invoices())[1]).toMatchObject({ paid_on: '2027-01-14', paid_note: 'Overført fra Ærø' });
    await checkPage(organiser, 'invoice detail, paid', 'invoice-detail-paid');

    const pdf = await download(page, page.getByRole('link', { name: 'PDF 2027-0002' }));
    expect(pdf.name).toBe('faktura-2027-0002.pdf');
    expect(pdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('the settings page refuses a 2-digit reg. no. by the field, then saves', async () => {
    const { page } = organiser;
    await page.goto(`${app.baseUrl}/arrangoer`);
    await page.getByRole('link', { name: 'Indstillinger for fakturaer' }).click();
    await page.waitForURL(/\/arrangoer\/indstillinger$/);
    expect(await h1(page)).toBe('Indstillinger for fakturaer');
    expect(await page.locator('#bankRegNo').inputValue()).toBe('1551');
    const before = await organiserSettings();

    await page.locator('#paymentTermsDays').fill('14');
    await page.locator('#bankRegNo').fill('12');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/indstillinger')),
      page.getByRole('button', { name: 'Gem indstillinger' }).click(),
    ]);
    expect(refused.status()).toBe(400);
    await page.waitForLoadState('load');
    expect(await page.locator('#bankRegNo').getAttribute('aria-invalid')).toBe('true');
    const group = page.locator('.form-group.form-error', { has: page.locator('#bankRegNo') });
    expect(clean(await group.locator('#bankRegNo-error').textContent())).toBe(
      'Fejl: Registreringsnummeret skal være 4 cifre.',
    );
    expect(await page.locator('[aria-invalid="true"]').count()).toBe(1);
    expect(await page.locator('#bankRegNo').inputValue()).toBe('12');
    expect(await page.locator('#paymentTermsDays').inputValue()).toBe('14');
    expect(await organiserSettings()).toEqual(before);
    await checkPage(organiser, 'settings with an error', 'invoice-settings-error');

    await page.locator('#bankRegNo').fill('4321');
    await page.getByRole('button', { name: 'Gem indstillinger' }).click();
    await page.waitForURL(/\/arrangoer\/indstillinger\?besked=gemt$/);
    expect(clean(await page.getByRole('status').textContent())).toBe('Indstillingerne er gemt.');
    expect(await page.locator('#bankRegNo').inputValue()).toBe('4321');
    expect(await organiserSettings()).toMatchObject({
      paymentTermsDays: 14,
      bankRegNo: '4321',
      themePrimary: '#0b5c3b',
    });
    await checkPage(organiser, 'settings saved', 'invoice-settings');
  });

  it('an invoice is credited in part from its page, the registration standing: credit note 2027-0005', async () => {
    const { page } = organiser;
    await page.goto(`${app.baseUrl}/arrangoer/fakturaer`);
    await page.getByRole('link', { name: '2027-0003', exact: true }).first().click();
    await page.getByRole('link', { name: 'Kreditér fakturaen' }).click();
    await page.waitForURL(/\/krediter$/);
    expect(await h1(page)).toBe('Kreditér faktura 2027-0003');
    await checkPage(organiser, 'credit an invoice', 'credit-invoice');
    await page.locator('#reason').fill('Aftalt nedsættelse');
    await page.getByLabel('Kreditér et delbeløb').check();
    await page.locator('#amount').fill('4.500,00');
    await page.getByRole('button', { name: 'Udsted kreditnota' }).click();
    await page.waitForURL(/\?besked=credited$/);
    expect(await h1(page)).toBe('Kreditnota 2027-0005');
    expect(clean(await page.getByRole('status').textContent())).toBe(
      'Kreditnotaen er udstedt og sendt til fakturakontakten.',
    );
    expect(await mainText(page)).toContain('5.625,00');
    await checkPage(organiser, 'the credit note issued', 'credit-note-detail');
    const row = (await invoices()).find((i) => i.number === '2027-0005');
    expect(row).toMatchObject({ kind: 'credit_note' });
  });

  it('P1 registers again: Min side shows it awaiting; a wrong code is refused, the right one confirms (2027-0006)', async () => {
    // Well again, P1 takes a free seat again; the sent form only holds it.
    const again = await registerOverHttp(`${app.baseUrl}${SERIES}/tilmelding`, registrationFields(P1));
    expect(again.body).toContain('<h1>Tjek din mail</h1>');
    const first = await openPage(browser, { expectedStatus: 400 });
    try {
      const { page } = first;
      await signInWithCode(page, app, P1.email);
      const regions = page.locator('main section[aria-labelledby^="reg-"]');
      expect(await regions.count()).toBe(2);
      // Both on the same minute (the clock stands still in this test): found by status, not by order.
      const withStatus = (status: string) => regions.filter({ hasText: `Status: ${status}` });
      expect(await withStatus('Annulleret').count()).toBe(1);
      expect(clean(await withStatus('Plads holdt, afventer bekræftelse').textContent())).toContain(
        'Tilmeldingen er ikke bekræftet endnu. Åbn linket i mailen fra os, eller skriv koden fra mailen, senest lørdag d. 16. januar 2027 kl. 10.00.',
      );
      const section = page.getByRole('region', { name: 'Fakturaer' });
      expect((await tableRows(section)).map((r) => [r[0], r[1], r[3], r[4]])).toEqual([
        ['2027-0001', 'Faktura', '22.500,00 kr.', 'Krediteret'],
        ['2027-0004', 'Kreditnota', '22.500,00 kr.', 'Kreditnota'],
      ]);
      expect(await mainText(page)).toContain('Offentlige købere får fakturaen elektronisk via NemHandel');
      await checkPage(first, 'Min side with a registration awaiting confirmation', 'my-page-awaiting');

      for (const [number, name] of [
        ['2027-0001', 'faktura-2027-0001.pdf'],
        ['2027-0004', 'kreditnota-2027-0004.pdf'],
      ]) {
        const pdf = await download(page, section.getByRole('link', { name: `PDF ${number}` }));
        expect(pdf.name).toBe(name);
        expect(pdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      }
      stolenUrl = (await section.getByRole('link', { name: 'PDF 2027-0001' }).getAttribute('href')) ?? '';
      expect(stolenUrl).toMatch(/^\/min-side\/fakturaer\/[0-9a-f-]{36}\/pdf$/);

      // The code form, from the link by the registration: the address is typed, the code mistyped.
      await page.getByRole('link', { name: 'Skriv koden fra mailen' }).click();
      await page.waitForURL(/\/tilmelding\/bekraeft$/);
      expect(await h1(page)).toBe('Bekræft din tilmelding med koden');
      await checkPage(first, 'code form', 'confirm-code-form');
      const { code } = await liveConfirmation(app.database, P1.email);
      const wrong = code === '000000' ? '000001' : '000000';
      await page.getByLabel('E-mailadresse').fill(P1.email);
      await page.getByLabel('Kode').fill(wrong);
      const [refused] = await Promise.all([
        page.waitForResponse(
          (r) => r.request().method() === 'POST' && r.url().endsWith('/tilmelding/bekraeft'),
        ),
        page.getByRole('button', { name: 'Bekræft tilmeldingen' }).click(),
      ]);
      expect(refused.status()).toBe(400);
      await page.waitForLoadState('load');
      const message =
        'Koden passer ikke, er brugt eller udløbet. Tjek koden og e-mailadressen, eller brug linket i mailen.';
      expect(await page.title()).toMatch(/^Fejl: Bekræft din tilmelding med koden/);
      const input = page.locator('#code');
      expect(await input.getAttribute('aria-invalid')).toBe('true');
      expect(await input.getAttribute('aria-describedby')).toContain('code-error');
      const group = page.locator('.form-group.form-error', { has: input });
      expect(clean(await group.locator('#code-error').textContent())).toBe(`Fejl: ${message}`);
      expect(await page.locator('[aria-invalid="true"]').count()).toBe(1);
      const summary = page.getByRole('alert');
      expect(clean(await summary.locator('h2').textContent())).toBe('Der er fejl i formularen');
      const summaryLink = summary.getByRole('link');
      expect((await summaryLink.allTextContents()).map(clean)).toEqual([message]);
      expect(await summaryLink.getAttribute('href')).toBe('#code');
      expect(await page.getByLabel('E-mailadresse').inputValue()).toBe(P1.email);
      await checkPage(first, 'code form, wrong code', 'confirm-code-wrong');
      await summaryLink.click();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 2000 })
        .toBe('code');
      expect((await registrationStatuses()).map((r) => r.status)).toEqual([
        'cancelled',
        'confirmed',
        'confirmed',
        'reserved',
      ]);

      await input.fill(code);
      await page.getByRole('button', { name: 'Bekræft tilmeldingen' }).click();
      await page.waitForURL(/\/min-side\?besked=confirmed$/);
      expect((await tableRows(section)).map((r) => r[0])).toEqual(['2027-0001', '2027-0004', '2027-0006']);
      expect(await withStatus('Tilmeldt').count()).toBe(1);
      expect(await withStatus('Annulleret').count()).toBe(1);
      expect(await mainText(page)).not.toContain('ikke bekræftet endnu');
    } finally {
      await first.close();
    }
  });

  it('participant 2 cannot fetch participant 1’s PDF', async () => {
    const second = await openPage(browser, { expectedStatus: 404 });
    try {
      const { page } = second;
      await signInWithCode(page, app, P2.email);
      const rows = await tableRows(page.getByRole('region', { name: 'Fakturaer' }));
      expect(rows.map((r) => [r[0], r[4]])).toEqual([['2027-0002', 'Betalt']]);
      const response = await page.goto(app.baseUrl + stolenUrl);
      expect(response?.status()).toBe(404);
      expect(response?.headers()['content-type']).toContain('text/html');
      expect(await h1(page)).toBe('Siden findes ikke');
      await checkPage(second, "another participant's PDF: 404");
    } finally {
      await second.close();
    }
  });

  it('the invoice list in English passes axe too', async () => {
    const { page } = organiser;
    await page.goto(`${app.baseUrl}/arrangoer/fakturaer?lang=en`);
    expect(await h1(page)).toBe('Invoices');
    const text = await mainText(page);
    expect(text).toContain('Waiting to be sent');
    expect(text).toContain('Credited');
    expect(text).toContain('Paid');
    await checkPage(organiser, 'invoice list, English', 'invoices-list-en');
    console.info(`axe: ${checked.length} pages, zero violations\n  ${checked.join('\n  ')}`);
  });
});
