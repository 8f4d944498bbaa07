import { type Kysely, Migrator, sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/db.ts';
import { SLUG_2027 } from '../../test/fixtures.ts';
import { registrationTestDeps, storedRegistrations, validForm } from '../../test/registration.ts';
import { registerWithDietaryNeeds } from '../../test/scan.ts';
import type { Registration } from '../modules/registration/model.ts';
import { parseRegistration } from '../modules/registration/schemas.ts';
import { register } from '../modules/registration/service.ts';
import type { DB } from './database.ts';
import { migrateToLatest, migrations } from './migrate.ts';

// Migration 0010 splits the registration into buyer and attendee. Real rows (confirmed and invoiced, in
// line, awaiting confirmation, with and without dietary needs) go down to the old single table with every
// value in its column, up again into the same domain objects, and the issued documents stay as they were.

const NAME = '0010_registration_parties';

async function migrateToJustBefore(db: Kysely<DB>): Promise<void> {
  const names = Object.keys(migrations);
  const previous = names[names.indexOf(NAME) - 1];
  if (!previous) throw new Error(`${NAME} is not in the list after another migration`);
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error } = await migrator.migrateTo(previous);
  if (error) throw error;
}

/** The registrations without the ids the migration makes anew for buyers and attendees. */
function withoutPartyIds(rows: Registration[]) {
  return rows.map(({ buyer: { id: _b, ...buyer }, attendee: { id: _a, ...attendee }, ...r }) => ({
    ...r,
    buyer,
    attendee,
  }));
}

/** The registration table before 0010, as raw rows in arrival order. */
async function oldRows(db: Kysely<DB>) {
  const { rows } = await sql<Record<string, unknown>>`select * from registration order by seq`.execute(db);
  return rows;
}

describeEachDialect('migration 0010: buyer and attendee', (getDb) => {
  it('moves every registration into its buyer and attendee, and back again on the way down', async () => {
    const database = getDb();
    const { db } = database;
    const { deps } = registrationTestDeps(database);
    await db.updateTable('series').set({ capacity: 2 }).where('slug', '=', SLUG_2027).execute();
    // 1, 2 confirmed (invoiced), 3 confirmed in line, 4 still awaiting confirmation.
    await registerWithDietaryNeeds(deps, SLUG_2027, (n) => (n === 2 ? 'Vegetar, ingen nødder' : ''), 3);
    const parsed = parseRegistration({
      ...validForm(4),
      public_buyer: 'nej',
      ean: '',
      person_reference: '',
      organisation_type: 'kommune',
      organisation_name: 'Vestby Kommune',
      order_number: 'PO-77',
      participant_phone: '+45 12 34 56 78',
      directory_consent: 'ja',
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed));
    expect(await register(deps, SLUG_2027, parsed.form, 'en')).toMatchObject({ kind: 'waitlisted' });

    const before = await storedRegistrations(db);
    expect(before.map((r) => [r.seq, r.status, r.verified])).toEqual([
      [1, 'confirmed', true],
      [2, 'confirmed', true],
      [3, 'waitlisted', true],
      [4, 'waitlisted', false],
    ]);
    const invoices = await db.selectFrom('invoice').selectAll().orderBy('number').execute();
    expect(invoices.map((i) => i.attendee_name)).toEqual(['Deltager 1 Ærø', 'Deltager 2 Ærø']);

    // Down: one table again, every value in its old column.
    await migrateToJustBefore(db);
    const old = await oldRows(db);
    expect(old).toHaveLength(4);
    for (const [i, r] of before.entries()) {
      expect(old[i]).toMatchObject({
        id: r.id,
        seq: r.seq,
        status: r.status,
        account_id: r.attendee.accountId,
        participant_name: r.attendee.name,
        participant_email: r.attendee.email,
        participant_phone: r.attendee.phone,
        job_title: r.attendee.jobTitle,
        management_level: r.attendee.managementLevel,
        dietary_needs: r.attendee.dietaryNeeds,
        directory_consent: r.attendee.directoryConsent ? 1 : 0,
        organisation_type: r.buyer.organisationType,
        organisation_name: r.buyer.organisationName,
        cvr: r.buyer.cvr,
        address_street: r.buyer.address.street,
        address_postal_code: r.buyer.address.postalCode,
        address_city: r.buyer.address.city,
        public_buyer: r.buyer.publicBuyer ? 1 : 0,
        ean: r.buyer.ean,
        person_reference: r.buyer.personReference,
        order_number: r.buyer.orderNumber,
        kontostreng: r.buyer.kontostreng,
        invoice_contact_name: r.buyer.invoiceContact.name,
        invoice_contact_email: r.buyer.invoiceContact.email,
        terms_accepted_at: r.buyer.termsAcceptedAt,
        lang: r.lang,
        form_digest: r.formDigest,
      });
    }
    expect(old[1]?.dietary_needs).toBe('Vegetar, ingen nødder');
    expect(old[3]).toMatchObject({
      order_number: 'PO-77',
      public_buyer: 0,
      directory_consent: 1,
      lang: 'en',
    });
    const tables = (await db.introspection.getTables()).map((t) => t.name);
    expect(tables).not.toContain('buyer');
    expect(tables).not.toContain('attendee');

    // Up again: the same registrations, buyers and attendees; the issued documents not rewritten.
    await migrateToLatest(db);
    expect(withoutPartyIds(await storedRegistrations(db))).toEqual(withoutPartyIds(before));
    const after = await db.selectFrom('invoice').selectAll().orderBy('number').execute();
    expect(after).toEqual(invoices);
    // Only the old columns are gone from the registration; the key of the unique index is the attendee's address.
    const columns = (await db.introspection.getTables())
      .find((t) => t.name === 'registration')
      ?.columns.map((c) => c.name)
      .sort();
    expect(columns).toEqual(
      [
        'id',
        'series_id',
        'status',
        'seq',
        'attendee_email',
        'lang',
        'confirmed_at',
        'awaiting_until',
        'verified_at',
        'form_digest',
        'offered_at',
        'offer_expires_at',
        'cancelled_at',
        'cancel_reason',
        'created_at',
        'updated_at',
      ].sort(),
    );
  });

  it('keeps one confirmed, active registration per address per series in the database', async () => {
    const { db } = getDb();
    const { deps } = registrationTestDeps(getDb());
    await registerWithDietaryNeeds(deps, SLUG_2027, () => '', 1);
    const [row] = await db.selectFrom('registration').selectAll().execute();
    if (!row) throw new Error('no registration');
    await expect(
      db
        .insertInto('registration')
        .values({ ...row, id: crypto.randomUUID(), seq: 2 })
        .execute(),
    ).rejects.toThrow();
    // An unconfirmed one with the same address is allowed (a stranger's form never blocks the owner).
    await db
      .insertInto('registration')
      .values({ ...row, id: crypto.randomUUID(), seq: 3, status: 'reserved', verified_at: null })
      .execute();
  });
});
