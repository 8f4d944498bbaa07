import { readFile } from 'node:fs/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestSignInMail } from '../test/auth.ts';
import { launchBrowser, type OpenedPage, openPage, type RunningApp, startApp } from './helpers.ts';
import { clean, h1, mainText, pageChecker, registerOverHttp } from './journey.ts';

// The invoicing issue end to end in Chromium: three people register (two public buyers with EAN, one
// private) and get invoices 2027-0001..0003; the organiser cancels the first with a full credit (credit note
// 2027-0004), works the invoice list (XML download, "sent" mark, CSV), records a payment (a bad date first),
// and changes the settings (a bad reg. no. first); the first participant sees and downloads both documents
// on Min side, the second cannot fetch them. Every page shown passes axe with zero violations and has no
// CSP violation, console error or unexpected HTTP error.

const SLUG = 'beskaeftigelsesfaglig-masterclass-2027';
const SERIES = `/serier/${SLUG}`;
const EAN = '5798009811578';

interface Person {
  n: number;
  name: string;
  email: string;
  organisation: string;
  /** The personreference of a public buyer; null for a private one. */
  reference: string | null;
}

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
}));
const [P1, P2, P3] = PEOPLE as [Person, Person, Person];

function formFields(p: Person): Record<string, string> {
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
    ean: p.reference ? EAN : '',
    person_reference: p.reference ?? '',
    order_number: '',
    kontostreng: '',
    invoice_contact_name: 'Bogholderiet',
    invoice_contact_email: `bogholderi${p.n}@example.dk`,
    dietary_needs: '',
    accept_terms: 'ja',
  };
}

/** Each body row of a table as its cells' texts. */
async function tableRows(table: Locator): Promise<string[][]> {
  const rows = await table.locator('tbody tr').all();
  return Promise.all(rows.map(async (row) => (await row.locator('td').allTextContents()).map(clean)));
}

/** Clicks a download link and returns the file's name and bytes. */
async function download(page: Page, link: Locator): Promise<{ name: string; body: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), body: await readFile(path) };
}

/** Signs a participant in with the 6-digit code from the sign-in mail; ends on Min side. */
async function signInWithCode(page: Page, app: RunningApp, email: string): Promise<void> {
  await page.goto(`${app.baseUrl}/min-side`);
  await page.waitForURL(/\/log-ind\?next=%2Fmin-side$/);
  await page.getByLabel('Arbejdsmail').fill(email);
  await page.getByRole('button', { name: 'Send link og kode' }).click();
  await page.waitForLoadState('load');
  const mail = await latestSignInMail(app.database.db, email);
  if (!mail) throw new Error(`no sign-in mail to ${email}`);
  await page.getByLabel('Kode').fill(mail.code);
  await page.getByRole('button', { name: 'Log ind' }).click();
  await page.waitForURL(/\/min-side$/);
}

describe('invoicing journey in Chromium', { timeout: 120_000 }, () => {
  let app: RunningApp;
  let browser: Browser;
  /** The organiser's signed-in page, shared by the organiser's steps. 400 pages are expected answers. */
  let organiser: OpenedPage;
  const { checkPage, checked } = pageChecker();

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  }, 60_000);

  afterAll(async () => {
    await organiser?.close();
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
  const organiserSettings = async () =>
    JSON.parse((await db().selectFrom('organiser').select('settings').executeTakeFirstOrThrow()).settings);

  it('three register over HTTP: confirmed, each with an invoice 2027-0001..0003 mailed to the contact', async () => {
    for (const p of PEOPLE) {
      const { status, body } = await registerOverHttp(`${app.baseUrl}${SERIES}/tilmelding`, formFields(p));
      expect(status, p.name).toBe(200);
      expect(body, p.name).toContain('<h1>Du er tilmeldt</h1>');
    }
    const regs = await db().selectFrom('registration').select(['status']).orderBy('seq').execute();
    expect(regs.map((r) => r.status)).toEqual(['confirmed', 'confirmed', 'confirmed']);
    expect(await invoices()).toMatchObject([
      { number: '2027-0001', kind: 'invoice', public_buyer: 1, buyer_ean: EAN, buyer_name: P1.organisation },
      { number: '2027-0002', kind: 'invoice', public_buyer: 0, buyer_ean: null, buyer_name: P2.organisation },
      { number: '2027-0003', kind: 'invoice', public_buyer: 1, buyer_ean: EAN, buyer_name: P3.organisation },
    ]);
    for (const p of PEOPLE) {
      const mails = await db()
        .selectFrom('outbox')
        .select(['attachments'])
        .where('to_address', '=', `bogholderi${p.n}@example.dk`)
        .where('kind', '=', 'invoice.issued')
        .execute();
      expect(mails, `invoice mail for ${p.name}`).toHaveLength(1);
      expect(mails[0]?.attachments).toContain('.pdf');
    }
  });

  it('the organiser signs in and cancels the first with a full credit: credit note 2027-0004', async () => {
    organiser = await openPage(browser, { expectedStatus: 400 });
    const { page } = organiser;
    await page.goto(`${app.baseUrl}/arrangoer/serier/${SLUG}`);
    await page.waitForURL(/\/log-ind\?next=/);
    await page.getByLabel('Arbejdsmail').fill(app.organiser.email);
    await page.getByRole('button', { name: 'Send link og kode' }).click();
    await page.waitForLoadState('load');
    await page.goto(`${app.baseUrl}/udvikling/postkasse`);
    await page.locator('tbody tr', { hasText: app.organiser.email }).getByRole('link').click();
    await page.waitForURL(/\/udvikling\/postkasse\/[0-9a-f-]{36}$/);
    const link = clean(await page.locator('pre').textContent()).match(
      /\/log-ind\/[A-Za-z0-9_-]{43}\?next=\S+/,
    );
    expect(link?.[0]).toBeDefined();
    await page.goto(app.baseUrl + (link?.[0] ?? ''));
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.waitForURL(`**/arrangoer/serier/${SLUG}`);

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
    expect(clean(await page.locator('#r1 td:nth-child(4)').textContent())).toContain(
      'Deltageren er blevet syg',
    );
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
      'Fejl: Datoen findes ikke i kalenderen. Tjek dag og måned.',
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

  it('participant 1 sees and downloads invoice and credit note on Min side; participant 2 cannot', async () => {
    let stolenUrl = '';
    const first = await openPage(browser);
    try {
      const { page } = first;
      await signInWithCode(page, app, P1.email);
      const section = page.getByRole('region', { name: 'Fakturaer' });
      const rows = await tableRows(section);
      expect(rows.map((r) => [r[0], r[1], r[3], r[4]])).toEqual([
        ['2027-0001', 'Faktura', '22.500,00 kr.', 'Krediteret'],
        ['2027-0004', 'Kreditnota', '22.500,00 kr.', 'Kreditnota'],
      ]);
      expect(await mainText(page)).toContain('Offentlige købere får fakturaen elektronisk via NemHandel');
      await checkPage(first, 'Min side with invoices', 'my-page-invoices');

      for (const [number, name] of [
        ['2027-0001', 'faktura-2027-0001.pdf'],
        ['2027-0004', 'kreditnota-2027-0004.pdf'],
      ]) {
        const link = section.getByRole('link', { name: `PDF ${number}` });
        const pdf = await download(page, link);
        expect(pdf.name).toBe(name);
        expect(pdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      }
      stolenUrl = (await section.getByRole('link', { name: 'PDF 2027-0001' }).getAttribute('href')) ?? '';
      expect(stolenUrl).toMatch(/^\/min-side\/fakturaer\/[0-9a-f-]{36}\/pdf$/);
    } finally {
      await first.close();
    }

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
