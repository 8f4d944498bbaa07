import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../test/app.ts';
import { uniqueEmail } from '../../test/auth.ts';
import { Browser, organiserBrowser } from '../../test/browser.ts';
import { describeEachDialect } from '../../test/db.ts';
import { SLUG_2027 } from '../../test/fixtures.ts';
import { registerConfirmed, registrationTestDeps, validForm } from '../../test/registration.ts';
import { parseRegistration } from '../modules/registration/schemas.ts';

// A NUL byte in any form field: refused with a message next to the field that names it (and the same in
// the error summary), never a 5xx, nothing stored, the other typed values kept, the offending one shown
// without the NUL.

const NUL = '\u0000';

describeEachDialect('a NUL byte in a form field', (getDb) => {
  let app: FastifyInstance;
  const browser = () => new Browser(() => app);
  const count = async (table: 'registration' | 'outbox' | 'audit') =>
    Number(
      (
        await getDb()
          .db.selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    app = await createTestApp(getDb());
  });
  afterAll(async () => {
    await app?.close();
  });

  it('is refused on the registration form, named next to the field and in the summary; nothing stored', async () => {
    const before = await count('registration');
    const b = browser();
    await b.get(`/serier/${SLUG_2027}/tilmelding`);
    const res = await b.post(
      `/serier/${SLUG_2027}/tilmelding`,
      validForm(901, { participant_name: `Mette${NUL} Højgaard`, organisation_name: 'Jobcenter Vest' }),
    );
    expect(res.statusCode).toBe(400);
    const message = 'Fulde navn indeholder et tegn, der ikke kan bruges. Skriv feltet igen.';
    expect(res.body).toMatch(
      new RegExp(`<span class="form-error-message" id="participant_name-error">.*${message}</span>`),
    );
    expect(res.body).toContain(`<a href="#participant_name">${message}</a>`);
    expect(res.body).toContain('value="Mette Højgaard"');
    expect(res.body).not.toContain(NUL);
    expect(res.body).toContain('value="Jobcenter Vest"');
    expect(res.body).toContain('value="deltager901@jobcenter.example.dk"');
    expect(await count('registration')).toBe(before);
  });

  it('is refused in the free-text dietary field too, in English on request', async () => {
    const b = browser();
    await b.get(`/serier/${SLUG_2027}/tilmelding?lang=en`);
    const res = await b.post(
      `/serier/${SLUG_2027}/tilmelding?lang=en`,
      validForm(902, { dietary_needs: `nuts${NUL}` }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(
      'Dietary needs or allergies contains a character that cannot be used. Type it again.',
    );
    expect(res.body).not.toContain(NUL);
  });

  it('is refused on the sign-in form, named next to the field; no mail is written', async () => {
    const before = await count('outbox');
    const b = browser();
    await b.get('/log-ind');
    const email = uniqueEmail();
    const res = await b.post('/log-ind', { email: `${email}${NUL}` });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Arbejdsmail indeholder et tegn, der ikke kan bruges. Skriv feltet igen.');
    expect(res.body).toContain(`value="${email}"`);
    expect(res.body).not.toContain(NUL);
    expect(await count('outbox')).toBe(before);

    await b.get('/log-ind/kode');
    const code = await b.post('/log-ind/kode', { email, code: `123${NUL}456` });
    expect(code.statusCode).toBe(400);
    expect(code.body).toContain('Kode indeholder et tegn, der ikke kan bruges. Skriv feltet igen.');
    expect(code.body).toContain('value="123456"');
  });

  it('is refused on the organiser’s cancel form and payment form; nothing changes', async () => {
    const database = getDb();
    const parsed = parseRegistration(validForm(903));
    if (!parsed.ok) throw new Error('test form invalid');
    const { deps } = registrationTestDeps(database);
    // Confirmed from the mail, as the participant would: the seat is then invoiced.
    expect(await registerConfirmed(deps, SLUG_2027, parsed.form, 'da')).toMatchObject({ kind: 'confirmed' });
    const invoice = await database.db
      .selectFrom('invoice')
      .select(['id', 'registration_id'])
      .orderBy('number', 'desc')
      .executeTakeFirstOrThrow();
    const organiser = await organiserBrowser(() => app, database);
    const audits = await count('audit');

    const cancelUrl = `/arrangoer/tilmeldinger/${invoice.registration_id}/annuller`;
    await organiser.get(cancelUrl);
    const cancel = await organiser.post(cancelUrl, { reason: `Syg${NUL}dom`, credit: 'full' });
    expect(cancel.statusCode).toBe(400);
    expect(cancel.body).toContain('Begrundelse indeholder et tegn, der ikke kan bruges. Skriv feltet igen.');
    expect(cancel.body).toContain('value="Sygdom"');
    const status = await database.db
      .selectFrom('registration')
      .select('status')
      .where('id', '=', invoice.registration_id ?? '')
      .executeTakeFirstOrThrow();
    expect(status.status).toBe('confirmed');

    const detailUrl = `/arrangoer/fakturaer/${invoice.id}`;
    await organiser.get(detailUrl);
    const paid = await organiser.post(`${detailUrl}/betalt`, { paid_on: '2026-03-01', note: `Bank${NUL}` });
    expect(paid.statusCode).toBe(400);
    expect(paid.body).toContain('Note indeholder et tegn, der ikke kan bruges. Skriv feltet igen.');
    const row = await database.db
      .selectFrom('invoice')
      .select(['paid_on', 'paid_note'])
      .where('id', '=', invoice.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ paid_on: null, paid_note: null });

    await organiser.get('/arrangoer/indstillinger');
    const settings = await organiser.post('/arrangoer/indstillinger', {
      paymentTermsDays: '30',
      invoicePrefix: `{year}-${NUL}`,
      invoiceStartNumber: '1',
      invoiceNumberDigits: '4',
      bankRegNo: '1234',
      bankAccount: '12345678',
    });
    expect(settings.statusCode).toBe(400);
    expect(settings.body).toContain('indeholder et tegn, der ikke kan bruges');
    expect(await count('audit')).toBe(audits);
  });
});
