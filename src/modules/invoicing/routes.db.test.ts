import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/app.ts';
import { uniqueEmail } from '../../../test/auth.ts';
import { Browser, sessionOf } from '../../../test/browser.ts';
import { describeEachDialect, TEST_NOW } from '../../../test/db.ts';
import { SLUG_2027 } from '../../../test/fixtures.ts';
import { registerConfirmed, registrationTestDeps, validForm } from '../../../test/registration.ts';
import type { Database } from '../../db/database.ts';
import { createOrganiser } from '../auth/service.ts';
import { parseRegistration } from '../registration/schemas.ts';
import { cancelRegistration } from '../registration/service.ts';

// The invoice pages over HTTP: the organiser's list, detail, downloads, CSV and payment marks; the
// participant's own documents on Min side; and who may see which document. The test clock (TEST_NOW) is in
// 2026, so the demo's "{year}-" prefix numbers the first invoice 2026-0001.

const NBSP = '\u00a0';
const EAN = '5798009811578';

function form(n: number, overrides: Record<string, string> = {}) {
  const parsed = parseRegistration(validForm(n, overrides));
  if (!parsed.ok) throw new Error(`test form invalid: ${JSON.stringify(parsed.errors)}`);
  return parsed.form;
}

async function invoiceRow(database: Database, number: string) {
  return database.db
    .selectFrom('invoice')
    .select(['id', 'paid_on', 'paid_note', 'sent_at', 'registration_id'])
    .where('number', '=', number)
    .executeTakeFirstOrThrow();
}

async function auditActions(database: Database, entityId: string) {
  const rows = await database.db
    .selectFrom('audit')
    .select(['action', 'actor_label'])
    .where('entity_id', '=', entityId)
    .orderBy('at')
    .execute();
  return rows.map((r) => `${r.action} by ${r.actor_label}`);
}

describeEachDialect(
  'invoice pages over HTTP',
  (getDb) => {
    let app: FastifyInstance;
    const browser = () => new Browser(() => app);
    let organiser: Browser;
    let ane: Browser; // registered with a public buyer (EAN): invoice 2026-0001
    let bo: Browser; // registered with a private buyer: invoice 2026-0002
    let organiserEmail: string;
    let publicId: string;
    let privateId: string;

    beforeAll(async () => {
      const database = getDb();
      app = await createTestApp(database);
      const { deps } = registrationTestDeps(database);
      expect(await registerConfirmed(deps, SLUG_2027, form(1), 'da')).toMatchObject({ kind: 'confirmed' });
      const privateBuyer = { public_buyer: 'nej', ean: '', person_reference: '', order_number: 'PO-7' };
      expect(await registerConfirmed(deps, SLUG_2027, form(2, privateBuyer), 'da')).toMatchObject({
        kind: 'confirmed',
      });
      publicId = (await invoiceRow(database, '2026-0001')).id;
      privateId = (await invoiceRow(database, '2026-0002')).id;
      organiserEmail = uniqueEmail('org');
      const made = await createOrganiser(
        database.db,
        { email: organiserEmail, name: 'Bo', actorLabel: 'test' },
        TEST_NOW,
      );
      if (!made.ok) throw new Error(made.reason);
      organiser = browser().withSession(await sessionOf(database, organiserEmail));
      ane = browser().withSession(await sessionOf(database, validForm(1).participant_email ?? ''));
      bo = browser().withSession(await sessionOf(database, validForm(2).participant_email ?? ''));
    });
    afterAll(async () => {
      await app?.close();
    });

    it('lists every document for the organiser in number order, with the e-invoice waiting to be sent', async () => {
      const res = await organiser.get('/arrangoer/fakturaer');
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('private, no-store');
      const body = res.body;
      expect(body).toContain('<h1>Fakturaer</h1>');
      expect(body).toContain('<a href="/arrangoer" class="breadcrumbs__link">Arrangør</a>');
      expect(body).toContain('<th scope="col">Nummer</th>');
      expect(body).toContain(`<a href="/arrangoer/fakturaer/${publicId}">2026-0001</a>`);
      expect(body.indexOf('>2026-0001</a>')).toBeLessThan(body.indexOf('>2026-0002</a>'));
      expect(body).toContain(`EAN ${EAN}`);
      expect(body).toContain('CVR 61126228');
      expect(body).toContain('Deltager 1 Ærø');
      // The total in the list; net and VAT are on the detail page and in the CSV.
      expect(body).toContain(`22.500,00${NBSP}kr.`);
      expect(body).toContain('>Åben</span>');
      for (const file of ['pdf', 'oioubl.xml', 'peppol.xml']) {
        expect(body).toContain(`href="/arrangoer/fakturaer/${publicId}/${file}"`);
      }
      expect(body).toContain('href="/arrangoer/fakturaer.csv"');
      expect(body).toContain('Hent CSV til bogføring');
      // Only the public buyer's document waits to be sent, with its XML and a button.
      const waiting = body.slice(
        body.indexOf('Venter på at blive sendt'),
        body.indexOf('<h2>Fakturaer</h2>'),
      );
      expect(waiting).toContain(`action="/arrangoer/fakturaer/${publicId}/sendt"`);
      expect(waiting).toContain(`href="/arrangoer/fakturaer/${publicId}/oioubl.xml"`);
      expect(waiting).not.toContain(privateId);
      expect(waiting).toContain('Markér som sendt');
      expect(waiting).toContain('name="_csrf"');

      const en = await organiser.get('/arrangoer/fakturaer?lang=en');
      expect(en.body).toContain('<h1>Invoices</h1>');
      expect(en.body).toContain('Waiting to be sent');
      expect(en.body).toContain('>Open</span>');
      expect(en.body).toContain(`href="/arrangoer/fakturaer/${publicId}?lang=en"`);
    });

    it('shows a document with its buyer, lines and totals, and downloads it as PDF, OIOUBL and Peppol', async () => {
      const page = await organiser.get(`/arrangoer/fakturaer/${publicId}`);
      expect(page.statusCode).toBe(200);
      for (const text of [
        '<h1>Faktura 2026-0001</h1>',
        EAN,
        'ABC123',
        'Jobcenter Østby',
        'Registrér betaling',
      ]) {
        expect(page.body).toContain(text);
      }
      expect(page.body).toContain('<label class="form-label" for="paid_on">Betalingsdato');
      expect(page.body).toContain('value="02-03-2026"');
      expect(page.body).toContain('<a href="/arrangoer/fakturaer" class="breadcrumbs__link">Fakturaer</a>');

      const pdf = await organiser.get(`/arrangoer/fakturaer/${publicId}/pdf`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.headers['content-disposition']).toBe('attachment; filename="faktura-2026-0001.pdf"');
      expect(pdf.headers['cache-control']).toBe('private, no-store');
      expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');

      for (const file of ['oioubl.xml', 'peppol.xml']) {
        const xml = await organiser.get(`/arrangoer/fakturaer/${publicId}/${file}`);
        expect(xml.statusCode, file).toBe(200);
        expect(xml.headers['content-type'], file).toBe('application/xml; charset=utf-8');
        expect(xml.headers['content-disposition'], file).toBe(
          `attachment; filename="faktura-2026-0001.${file}"`,
        );
        expect(xml.headers['cache-control'], file).toBe('private, no-store');
        expect(xml.body, file).toContain('2026-0001');
        expect(xml.body, file).toContain(EAN);
      }
      expect((await organiser.get('/arrangoer/fakturaer/not-an-id/pdf')).statusCode).toBe(404);
      expect((await organiser.get(`/arrangoer/fakturaer/${crypto.randomUUID()}`)).statusCode).toBe(404);
    });

    it('exports a CSV for bookkeeping the way Danish Excel reads it', async () => {
      const res = await organiser.get('/arrangoer/fakturaer.csv');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe('attachment; filename="fakturaer-2026-03-02.csv"');
      expect(res.headers['cache-control']).toBe('private, no-store');
      const text = res.rawPayload.toString('utf8');
      expect(
        text.startsWith(
          '\uFEFFNummer;Type;Fakturadato;Forfaldsdato;Køber;CVR;EAN;Deltager;Netto;Moms;I alt;Status;Krediterer faktura\r\n',
        ),
      ).toBe(true);
      expect(text).toContain(
        `2026-0001;Faktura;2026-03-02;2026-04-01;Jobcenter Østby;61126228;${EAN};Deltager 1 Ærø;18000,00;4500,00;22500,00;Åben;\r\n`,
      );
      expect(text).toContain(';Deltager 2 Ærø;18000,00;4500,00;22500,00;Åben;\r\n');
    });

    it('refuses a bad payment date with the reason next to the field, keeping the values and storing nothing', async () => {
      const database = getDb();
      await organiser.get(`/arrangoer/fakturaer/${publicId}`);
      const cases: [string, string][] = [
        ['31-02-2026', 'Betalingsdatoen findes ikke i kalenderen'],
        ['i går', 'Skriv betalingsdatoen som dd-mm-åååå eller åååå-mm-dd'],
        ['', 'Udfyld betalingsdato'],
        ['03-03-2026', 'Betalingsdatoen kan ikke ligge efter i dag'],
      ];
      for (const [typed, message] of cases) {
        const res = await organiser.post(`/arrangoer/fakturaer/${publicId}/betalt`, {
          paid_on: typed,
          note: 'Fra banken',
        });
        expect(res.statusCode, typed).toBe(400);
        expect(res.body, typed).toContain(message);
        expect(res.body, typed).toContain(
          '<div class="form-group form-error"><label class="form-label" for="paid_on">',
        );
        expect(res.body, typed).toContain('aria-invalid="true"');
        // What was typed comes back (Preact leaves out an empty value attribute).
        if (typed) expect(res.body, typed).toContain(`value="${typed}"`);
        expect(res.body, typed).toContain('Fra banken</textarea>');
        expect(res.body, typed).toContain('<title>Fejl: Faktura 2026-0001');
      }
      const long = await organiser.post(`/arrangoer/fakturaer/${publicId}/betalt`, {
        paid_on: '01-03-2026',
        note: 'x'.repeat(501),
      });
      expect(long.statusCode).toBe(400);
      expect(long.body).toContain('Noten må højst være 500 tegn.');
      expect(await invoiceRow(database, '2026-0001')).toMatchObject({ paid_on: null, paid_note: null });
      expect(await auditActions(database, publicId)).toEqual([
        'invoice.issued by deltager1@jobcenter.example.dk',
      ]);
    });

    it('records a payment (both date forms), shows it as paid with a notice, audits it, and undoes it', async () => {
      const database = getDb();
      await organiser.get(`/arrangoer/fakturaer/${publicId}`);
      const res = await organiser.post(`/arrangoer/fakturaer/${publicId}/betalt`, {
        paid_on: ' 1-3-2026 ',
        note: 'Bankoverførsel 4711',
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/arrangoer/fakturaer/${publicId}?besked=paid`);
      expect(await invoiceRow(database, '2026-0001')).toMatchObject({
        paid_on: '2026-03-01',
        paid_note: 'Bankoverførsel 4711',
      });
      const page = await organiser.get(res.headers.location as string);
      expect(page.body).toContain('role="status"');
      expect(page.body).toContain('Betalingen er registreret.');
      expect(page.body).toContain('>Betalt</span>');
      expect(page.body).toContain('Betalt 1. marts 2026.');
      expect(page.body).toContain('Bankoverførsel 4711');
      expect((await organiser.get('/arrangoer/fakturaer')).body).toContain('>Betalt</span>');
      expect((await organiser.get('/arrangoer/fakturaer.csv')).body).toContain(';22500,00;Betalt;\r\n');

      const undo = await organiser.post(`/arrangoer/fakturaer/${publicId}/betalt`, { handling: 'fortryd' });
      expect(undo.statusCode).toBe(303);
      expect(undo.headers.location).toBe(`/arrangoer/fakturaer/${publicId}?besked=unpaid`);
      expect(await invoiceRow(database, '2026-0001')).toMatchObject({ paid_on: null, paid_note: null });

      await organiser.get(`/arrangoer/fakturaer/${publicId}?lang=en`);
      const iso = await organiser.post(`/arrangoer/fakturaer/${publicId}/betalt?lang=en`, {
        paid_on: '2026-03-02',
        note: '',
      });
      expect(iso.headers.location).toBe(`/arrangoer/fakturaer/${publicId}?besked=paid&lang=en`);
      expect(await invoiceRow(database, '2026-0001')).toMatchObject({
        paid_on: '2026-03-02',
        paid_note: null,
      });
      expect((await organiser.get(iso.headers.location as string)).body).toContain(
        'The payment has been recorded.',
      );
      expect(await auditActions(database, publicId)).toEqual([
        'invoice.issued by deltager1@jobcenter.example.dk',
        `invoice.paid by ${organiserEmail}`,
        `invoice.unpaid by ${organiserEmail}`,
        `invoice.paid by ${organiserEmail}`,
      ]);
    });

    it('marks an e-invoice as sent from the waiting list, and as not sent again from its page', async () => {
      const database = getDb();
      await organiser.get('/arrangoer/fakturaer');
      const res = await organiser.post(`/arrangoer/fakturaer/${publicId}/sendt`, {
        sendt: 'ja',
        fra: 'liste',
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/arrangoer/fakturaer?besked=sent');
      expect((await invoiceRow(database, '2026-0001')).sent_at).toBe(TEST_NOW.toISOString());
      const list = await organiser.get('/arrangoer/fakturaer?besked=sent');
      expect(list.body).toContain('Dokumentet er markeret som sendt.');
      expect(list.body).toContain('Ingen e-fakturaer venter på at blive sendt.');

      const detail = await organiser.get(`/arrangoer/fakturaer/${publicId}`);
      expect(detail.body).toContain('Markeret som sendt 2.3.2026 13.00.');
      const undo = await organiser.post(`/arrangoer/fakturaer/${publicId}/sendt`, { sendt: 'nej' });
      expect(undo.headers.location).toBe(`/arrangoer/fakturaer/${publicId}?besked=unsent`);
      expect((await invoiceRow(database, '2026-0001')).sent_at).toBeNull();
      expect(
        (await organiser.post(`/arrangoer/fakturaer/${publicId}/sendt`, { sendt: 'måske' })).statusCode,
      ).toBe(400);
      expect((await auditActions(database, publicId)).slice(-2)).toEqual([
        `invoice.sent by ${organiserEmail}`,
        `invoice.unsent by ${organiserEmail}`,
      ]);
    });

    it('shows participants their own documents on Min side and lets them download those', async () => {
      const mine = await ane.get('/min-side');
      expect(mine.statusCode).toBe(200);
      expect(mine.body).toContain('<h2 id="my-invoices" class="h3">Fakturaer</h2>');
      expect(mine.body).toContain('<td>2026-0001</td>');
      expect(mine.body).not.toContain('2026-0002');
      for (const file of ['pdf', 'oioubl.xml', 'peppol.xml']) {
        expect(mine.body).toContain(`href="/min-side/fakturaer/${publicId}/${file}"`);
      }
      const pdf = await ane.get(`/min-side/fakturaer/${publicId}/pdf`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.headers['cache-control']).toBe('private, no-store');
      expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
      const xml = await ane.get(`/min-side/fakturaer/${publicId}/oioubl.xml`);
      expect(xml.statusCode).toBe(200);
      expect(xml.body).toContain(EAN);

      // A private buyer gets the PDF; the e-invoice files are not offered.
      const other = await bo.get('/min-side?lang=en');
      expect(other.body).toContain('<td>2026-0002</td>');
      expect(other.body).toContain(`href="/min-side/fakturaer/${privateId}/pdf"`);
      expect(other.body).not.toContain(`/min-side/fakturaer/${privateId}/oioubl.xml`);
      expect(other.body).toContain('Invoices');
    });

    it('answers "not found" for anyone else’s document, and sends anonymous visitors to sign in', async () => {
      for (const file of ['pdf', 'oioubl.xml', 'peppol.xml']) {
        const res = await bo.get(`/min-side/fakturaer/${publicId}/${file}`);
        expect(res.statusCode, file).toBe(404);
        expect(res.headers['content-type'], file).toBe('text/html; charset=utf-8');
        expect(res.body, file).toContain('Siden findes ikke');
        expect(res.body, file).not.toContain(EAN);
      }
      expect((await bo.get('/min-side/fakturaer/nope/pdf')).statusCode).toBe(404);
      expect((await bo.get(`/min-side/fakturaer/${crypto.randomUUID()}/pdf`)).statusCode).toBe(404);
      // Organisers use their own routes; Min side serves only the signed-in person's documents.
      expect((await organiser.get(`/min-side/fakturaer/${publicId}/pdf`)).statusCode).toBe(404);

      const anonymous = browser();
      for (const url of [
        `/min-side/fakturaer/${publicId}/pdf`,
        `/arrangoer/fakturaer/${publicId}/pdf`,
        '/arrangoer/fakturaer',
        '/arrangoer/fakturaer.csv',
      ]) {
        const res = await anonymous.get(url);
        expect(res.statusCode, url).toBe(303);
        expect(res.headers.location, url).toBe(`/log-ind?next=${encodeURIComponent(url)}`);
        expect(res.body, url).not.toContain('%PDF');
      }
    });

    it('keeps participants out of the organiser’s invoice pages', async () => {
      const database = getDb();
      for (const url of [
        '/arrangoer/fakturaer',
        '/arrangoer/fakturaer.csv',
        `/arrangoer/fakturaer/${publicId}`,
        `/arrangoer/fakturaer/${publicId}/pdf`,
        `/arrangoer/fakturaer/${publicId}/peppol.xml`,
      ]) {
        const res = await ane.get(url);
        expect(res.statusCode, url).toBe(403);
        expect(res.body, url).toContain('Du har ikke adgang');
        expect(res.body, url).not.toContain(EAN);
      }
      await ane.get('/min-side');
      const before = await invoiceRow(database, '2026-0002');
      const paid = await ane.post(`/arrangoer/fakturaer/${privateId}/betalt`, { paid_on: '01-03-2026' });
      expect(paid.statusCode).toBe(403);
      const sent = await ane.post(`/arrangoer/fakturaer/${privateId}/sendt`, { sendt: 'ja' });
      expect(sent.statusCode).toBe(403);
      expect(await invoiceRow(database, '2026-0002')).toEqual(before);
    });

    it('links an invoice and its credit note both ways, and exports the credit note with negative amounts', async () => {
      const database = getDb();
      const { deps } = registrationTestDeps(database);
      const registrationId = (await invoiceRow(database, '2026-0002')).registration_id;
      const cancelled = await cancelRegistration(deps, {
        registrationId,
        reason: 'Sygdom',
        credit: { kind: 'full' },
        actor: { accountId: null, label: organiserEmail },
      });
      expect(cancelled).toMatchObject({ kind: 'cancelled', credit: { number: '2026-0003' } });
      const creditId = (await invoiceRow(database, '2026-0003')).id;

      const invoice = await organiser.get(`/arrangoer/fakturaer/${privateId}`);
      expect(invoice.body).toContain('>Krediteret</span>');
      expect(invoice.body).toContain(`<a href="/arrangoer/fakturaer/${creditId}">2026-0003</a>`);
      expect(invoice.body).toContain('PO-7');
      const credit = await organiser.get(`/arrangoer/fakturaer/${creditId}`);
      expect(credit.body).toContain('<h1>Kreditnota 2026-0003</h1>');
      expect(credit.body).toContain(`<a href="/arrangoer/fakturaer/${privateId}">2026-0002</a>`);
      expect(credit.body).toContain('Sygdom');
      expect(credit.body).not.toContain('Registrér betaling');
      // A credit note has no payment to record.
      expect(
        (await organiser.post(`/arrangoer/fakturaer/${creditId}/betalt`, { paid_on: '01-03-2026' }))
          .statusCode,
      ).toBe(404);

      const csv = (await organiser.get('/arrangoer/fakturaer.csv')).rawPayload.toString('utf8');
      expect(csv).toContain(';-18000,00;-4500,00;-22500,00;Kreditnota;2026-0002\r\n');
      expect(csv).toContain(';18000,00;4500,00;22500,00;Krediteret;\r\n');
      const mine = await bo.get('/min-side');
      expect(mine.body).toContain('<td>2026-0003</td>');
      expect((await bo.get(`/min-side/fakturaer/${creditId}/pdf`)).statusCode).toBe(200);
      expect((await bo.get(`/min-side/fakturaer/${creditId}/pdf`)).headers['content-disposition']).toBe(
        'attachment; filename="kreditnota-2026-0003.pdf"',
      );
    });
  },
  { prepare: 'demo' },
);
