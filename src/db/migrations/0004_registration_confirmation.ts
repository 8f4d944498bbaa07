import { type Kysely, sql } from 'kysely';

// Registrations wait for the person (or their invoice contact) to confirm by mail before a seat becomes
// binding. Frozen once landed.
//
// - registration.awaiting_until: the deadline for confirming; set while a registration awaits confirmation.
// - registration.form_digest: SHA-256 of the form as sent, so the same form sent twice is one registration.
// - registration.verified_at: when the registration was confirmed by mail (every older row counts as
//   confirmed: it was taken under the old rules, by people who had their mail).
// - status 'reserved' (a seat held for a registration that awaits confirmation) needs no schema change.
// - The one-per-email rule holds only for confirmed, still active registrations, so a stranger's unconfirmed
//   or an expired registration never blocks the real owner of the address.
// - registration_confirmation: the link token and code mailed to each recipient, stored as hashes.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('registration').addColumn('awaiting_until', 'text').execute();
  await db.schema.alterTable('registration').addColumn('verified_at', 'text').execute();
  // A digest of the form as sent: the same form sent again (a double click) finds its registration.
  await db.schema.alterTable('registration').addColumn('form_digest', 'text').execute();
  await sql`update registration set verified_at = created_at`.execute(db);

  await db.schema.dropIndex('registration_series_email_uq').execute();
  await db.schema
    .createIndex('registration_series_email_active_uq')
    .on('registration')
    .columns(['series_id', 'participant_email'])
    .unique()
    .where(sql.ref('verified_at'), 'is not', null)
    .where(sql.ref('status'), 'in', [sql.lit('confirmed'), sql.lit('offered'), sql.lit('waitlisted')])
    .execute();
  // The expiry job finds lapsed confirmations without a scan.
  await db.schema
    .createIndex('registration_awaiting_idx')
    .on('registration')
    .columns(['awaiting_until'])
    .where(sql.ref('verified_at'), 'is', null)
    .execute();
  await db.schema
    .createIndex('registration_series_email_idx')
    .on('registration')
    .columns(['series_id', 'participant_email'])
    .execute();

  await db.schema
    .createTable('registration_confirmation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('registration_id', 'text', (c) => c.notNull().references('registration.id'))
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('code_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('registration_confirmation_email_idx')
    .on('registration_confirmation')
    .columns(['email', 'expires_at'])
    .execute();
  await db.schema
    .createIndex('registration_confirmation_registration_idx')
    .on('registration_confirmation')
    .column('registration_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('registration_confirmation').execute();
  await db.schema.dropIndex('registration_series_email_idx').execute();
  await db.schema.dropIndex('registration_awaiting_idx').execute();
  await db.schema.dropIndex('registration_series_email_active_uq').execute();
  // Registrations that were never confirmed cannot stay under the old rule (one row per email).
  await sql`delete from registration where verified_at is null`.execute(db);
  await sql`update registration set status = 'expired' where status = 'reserved'`.execute(db);
  await db.schema
    .createIndex('registration_series_email_uq')
    .on('registration')
    .columns(['series_id', 'participant_email'])
    .unique()
    .execute();
  await db.schema.alterTable('registration').dropColumn('form_digest').execute();
  await db.schema.alterTable('registration').dropColumn('verified_at').execute();
  await db.schema.alterTable('registration').dropColumn('awaiting_until').execute();
}
