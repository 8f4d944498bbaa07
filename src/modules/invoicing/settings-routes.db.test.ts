import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/app.ts';
import { addParticipant, uniqueEmail } from '../../../test/auth.ts';
import { Browser, organiserBrowser, sessionOf } from '../../../test/browser.ts';
import { describeEachDialect } from '../../../test/db.ts';
import { SLUG_2027 } from '../../../test/fixtures.ts';
import { registerConfirmed, registrationTestDeps, validForm } from '../../../test/registration.ts';
import { parseRegistration } from '../registration/schemas.ts';
import { invoiceSettings } from './settings.ts';

// The organiser's invoice settings page: errors next to the fields with nothing saved, a good save audited,
// and the next invoice numbered and due by the new settings.

const GOOD = {
  paymentTermsDays: '14',
  invoicePrefix: 'MC-{year}-',
  invoiceStartNumber: '100',
  invoiceNumberDigits: '3',
  bankRegNo: '9570',
  bankAccount: '12345678',
};

describeEachDialect('invoice settings over HTTP', (getDb) => {
  let app: FastifyInstance;
  let organiser: Browser;
  let participant: Browser;

  const stored = async () =>
    invoiceSettings(
      (await getDb().db.selectFrom('organiser').select('settings').executeTakeFirstOrThrow()).settings,
    );

  beforeAll(async () => {
    const database = getDb();
    app = await createTestApp(database);
    organiser = await organiserBrowser(() => app, database);
    const someone = uniqueEmail();
    await addParticipant(database.db, someone);
    participant = new Browser(() => app).withSession(await sessionOf(database, someone));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows the demo settings and an example number', async () => {
    const page = await organiser.get('/arrangoer/indstillinger');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Indstillinger for fakturaer</h1>');
    expect(page.body).toMatch(/id="bankRegNo"[^>]*value="1551"/);
    expect(page.body).toContain('Sådan ser numrene i en ny nummerrække ud: 2026-0001, …');
    const en = await organiser.get('/arrangoer/indstillinger?lang=en');
    expect(en.body).toContain('<h1>Invoice settings</h1>');
  });

  it('refuses bad values with a Danish message by each field, keeps what was typed and saves nothing', async () => {
    const before = await stored();
    await organiser.get('/arrangoer/indstillinger');
    const res = await organiser.post('/arrangoer/indstillinger', {
      paymentTermsDays: '400',
      invoicePrefix: 'Ø<script>',
      invoiceStartNumber: '0',
      invoiceNumberDigits: '11',
      bankRegNo: '12',
      bankAccount: '12345678901',
    });
    expect(res.statusCode).toBe(400);
    for (const [field, message] of [
      ['paymentTermsDays', 'Betalingsfristen skal være et helt antal dage fra 0 til 365.'],
      [
        'invoicePrefix',
        'Præfikset for fakturanumre må højst have 20 tegn: bogstaver a–z, tal, -, / og {year}.',
      ],
      ['invoiceStartNumber', 'Første nummer skal være et helt tal fra 1 til 999.999.999.'],
      ['invoiceNumberDigits', 'Antal cifre skal være et helt tal fra 1 til 10.'],
      ['bankRegNo', 'Registreringsnummeret skal være 4 cifre.'],
      ['bankAccount', 'Kontonummeret skal være 1 til 10 cifre.'],
    ]) {
      expect(res.body).toContain(`id="${field}-error"`);
      expect(res.body).toContain(message);
    }
    expect(res.body).toContain('value="Ø&lt;script');
    expect(res.body).not.toContain('<script>');
    expect(res.body).toContain('<title>Fejl: ');
    expect(await stored()).toEqual(before);
  });

  it('refuses a prefix whose numbers could be mistaken for those of a prefix in use', async () => {
    const { deps } = registrationTestDeps(getDb());
    const parsed = parseRegistration(validForm(1));
    if (!parsed.ok) throw new Error('bad form');
    expect(await registerConfirmed(deps, SLUG_2027, parsed.form, 'da')).toMatchObject({ kind: 'confirmed' });
    await organiser.get('/arrangoer/indstillinger');
    const res = await organiser.post('/arrangoer/indstillinger', { ...GOOD, invoicePrefix: '2026' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(
      'Præfikset for fakturanumre kan give numre, der ligner numrene med præfikset &quot;2026-&quot;',
    );
  });

  it('saves good values (audited), and the next invoice follows them', async () => {
    await organiser.get('/arrangoer/indstillinger');
    const res = await organiser.post('/arrangoer/indstillinger', { ...GOOD, bankRegNo: '95 70' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/arrangoer/indstillinger?besked=gemt');
    const page = await organiser.get('/arrangoer/indstillinger?besked=gemt');
    expect(page.body).toContain('Indstillingerne er gemt.');
    expect(await stored()).toEqual({
      paymentTermsDays: 14,
      invoicePrefix: 'MC-{year}-',
      invoiceStartNumber: 100,
      invoiceNumberDigits: 3,
      bankRegNo: '9570',
      bankAccount: '12345678',
    });
    const audit = await getDb()
      .db.selectFrom('audit')
      .select(['action', 'after_json'])
      .where('action', '=', 'organiser.invoice-settings')
      .execute();
    expect(audit).toHaveLength(1);
    // The theme in the same settings object is kept.
    const raw = await getDb().db.selectFrom('organiser').select('settings').executeTakeFirstOrThrow();
    expect(JSON.parse(raw.settings)).toMatchObject({ themePrimary: '#0b5c3b' });

    const { deps } = registrationTestDeps(getDb());
    const parsed = parseRegistration(validForm(2));
    if (!parsed.ok) throw new Error('bad form');
    await registerConfirmed(deps, SLUG_2027, parsed.form, 'da');
    const invoice = await getDb()
      .db.selectFrom('invoice')
      .select(['number', 'due_date', 'document'])
      .orderBy('issued_at', 'desc')
      .orderBy('number', 'desc')
      .executeTakeFirstOrThrow();
    expect(invoice.number).toBe('MC-2026-100');
    expect(invoice.due_date).toBe('2026-03-16');
    expect(JSON.parse(invoice.document).seller).toMatchObject({ bankRegNo: '9570', bankAccount: '12345678' });
  });

  it('is for organisers only', async () => {
    expect((await participant.get('/arrangoer/indstillinger')).statusCode).toBe(403);
    const anonymous = await new Browser(() => app).get('/arrangoer/indstillinger');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/log-ind\?next=/);
  });
});
