import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/app.ts';
import { addParticipant, uniqueEmail } from '../../../test/auth.ts';
import { Browser, organiserBrowser, sessionOf } from '../../../test/browser.ts';
import { describeEachDialect } from '../../../test/db.ts';
import { SLUG_2027 } from '../../../test/fixtures.ts';
import { registerConfirmed, registrationTestDeps, validForm } from '../../../test/registration.ts';
import { parseRegistration } from '../registration/schemas.ts';

// Crediting an invoice from its page, without cancelling the registration: in full or in part, with a
// reason; errors next to the fields and nothing issued; organisers only.

const NBSP = '\u00a0';

describeEachDialect('crediting an invoice over HTTP', (getDb) => {
  let app: FastifyInstance;
  let organiser: Browser;
  let invoiceId: string;
  let registrationId: string;

  const numbers = async () =>
    (await getDb().db.selectFrom('invoice').select('number').orderBy('number').execute()).map(
      (r) => r.number,
    );

  beforeAll(async () => {
    const database = getDb();
    app = await createTestApp(database);
    const parsed = parseRegistration(validForm(1));
    if (!parsed.ok) throw new Error('bad form');
    const outcome = await registerConfirmed(
      registrationTestDeps(database).deps,
      SLUG_2027,
      parsed.form,
      'da',
    );
    if (outcome?.kind !== 'confirmed') throw new Error('not confirmed');
    registrationId = outcome.registrationId;
    invoiceId = (await database.db.selectFrom('invoice').select('id').executeTakeFirstOrThrow()).id;
    organiser = await organiserBrowser(() => app, database);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('links to the credit page from the invoice and shows what is left', async () => {
    const detail = await organiser.get(`/arrangoer/fakturaer/${invoiceId}`);
    expect(detail.body).toContain(`href="/arrangoer/fakturaer/${invoiceId}/krediter"`);
    const page = await organiser.get(`/arrangoer/fakturaer/${invoiceId}/krediter`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Kreditér faktura 2026-0001</h1>');
    expect(page.body).toContain(`Endnu ikke krediteret: 18.000,00${NBSP}kr. ekskl. moms.`);
    // Without the "no credit" choice: this page only credits.
    expect(page.body).not.toContain('value="none"');
  });

  it('refuses a missing reason and too large an amount by their fields, issuing nothing', async () => {
    await organiser.get(`/arrangoer/fakturaer/${invoiceId}/krediter`);
    const res = await organiser.post(`/arrangoer/fakturaer/${invoiceId}/krediter`, {
      reason: '',
      credit: 'part',
      amount: '20.000',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('id="reason-error"');
    // The credit page asks for the credit's reason, not a cancellation's.
    expect(res.body).toContain('Udfyld begrundelse for krediteringen.');
    expect(res.body).toContain(`Beløbet, der krediteres, må højst være 18.000,00${NBSP}kr. ekskl. moms.`);
    expect(res.body).toContain('value="20.000"');
    const none = await organiser.post(`/arrangoer/fakturaer/${invoiceId}/krediter`, {
      reason: 'x',
      credit: 'none',
    });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Vælg kreditering.');
    expect(await numbers()).toEqual(['2026-0001']);
  });

  it('issues a partial credit note and leaves the registration confirmed', async () => {
    await organiser.get(`/arrangoer/fakturaer/${invoiceId}/krediter`);
    const res = await organiser.post(`/arrangoer/fakturaer/${invoiceId}/krediter`, {
      reason: 'Aftalt rabat',
      credit: 'part',
      amount: '1.800,00',
    });
    expect(res.statusCode).toBe(303);
    const credit = await getDb()
      .db.selectFrom('invoice')
      .select(['id', 'number', 'net_ore', 'vat_ore', 'total_ore', 'credited_invoice_id'])
      .where('kind', '=', 'credit_note')
      .executeTakeFirstOrThrow();
    expect(credit).toMatchObject({
      number: '2026-0002',
      net_ore: 180_000,
      vat_ore: 45_000,
      total_ore: 225_000,
      credited_invoice_id: invoiceId,
    });
    expect(res.headers.location).toBe(`/arrangoer/fakturaer/${credit.id}?besked=credited`);
    const page = await organiser.get(res.headers.location ?? '');
    expect(page.body).toContain('Kreditnotaen er udstedt og sendt til fakturakontakten.');
    const registration = await getDb()
      .db.selectFrom('registration')
      .select('status')
      .where('id', '=', registrationId)
      .executeTakeFirstOrThrow();
    expect(registration.status).toBe('confirmed');
    const again = await organiser.get(`/arrangoer/fakturaer/${invoiceId}/krediter`);
    expect(again.body).toContain(`Endnu ikke krediteret: 16.200,00${NBSP}kr. ekskl. moms.`);
  });

  it('is for organisers only, and only for invoices', async () => {
    const someone = uniqueEmail();
    await addParticipant(getDb().db, someone);
    const participant = new Browser(() => app).withSession(await sessionOf(getDb(), someone));
    expect((await participant.get(`/arrangoer/fakturaer/${invoiceId}/krediter`)).statusCode).toBe(403);
    const creditNote = await getDb()
      .db.selectFrom('invoice')
      .select('id')
      .where('kind', '=', 'credit_note')
      .executeTakeFirstOrThrow();
    expect((await organiser.get(`/arrangoer/fakturaer/${creditNote.id}/krediter`)).statusCode).toBe(404);
    expect((await organiser.get('/arrangoer/fakturaer/nope/krediter')).statusCode).toBe(404);
  });
});
