import type { Kysely } from 'kysely';

// Registration, sign-in, the mail outbox and the audit log. Frozen once landed.
// The registration table from 0001 was created empty and only counted seats; this migration gives it the
// form's fields. Added columns are nullable or have defaults so ALTER TABLE works on both engines.

const REGISTRATION_COLUMNS: [string, 'text' | 'integer', string | number | null][] = [
  ['account_id', 'text', null],
  ['seq', 'integer', 0],
  ['participant_name', 'text', ''],
  ['participant_email', 'text', ''],
  ['participant_phone', 'text', null],
  ['job_title', 'text', ''],
  ['management_level', 'text', ''],
  ['organisation_type', 'text', ''],
  ['organisation_name', 'text', ''],
  ['cvr', 'text', ''],
  ['address_street', 'text', ''],
  ['address_postal_code', 'text', ''],
  ['address_city', 'text', ''],
  ['public_buyer', 'integer', 0],
  ['ean', 'text', null],
  ['person_reference', 'text', null],
  ['order_number', 'text', null],
  ['kontostreng', 'text', null],
  ['invoice_contact_name', 'text', ''],
  ['invoice_contact_email', 'text', ''],
  ['dietary_needs', 'text', null],
  ['dietary_deleted_at', 'text', null],
  ['directory_consent', 'integer', 0],
  ['terms_accepted_at', 'text', null],
  ['lang', 'text', 'da'],
  ['confirmed_at', 'text', null],
  ['offered_at', 'text', null],
  ['offer_expires_at', 'text', null],
  ['cancelled_at', 'text', null],
  ['cancel_reason', 'text', null],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('account')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('organiser_id', 'text', (c) => c.references('organiser.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  for (const [name, type, fallback] of REGISTRATION_COLUMNS) {
    await db.schema
      .alterTable('registration')
      .addColumn(name, type, (c) => (fallback === null ? c : c.notNull().defaultTo(fallback)))
      .execute();
  }
  await db.schema
    .createIndex('registration_series_email_uq')
    .on('registration')
    .columns(['series_id', 'participant_email'])
    .unique()
    .execute();
  await db.schema
    .createIndex('registration_series_seq_idx')
    .on('registration')
    .columns(['series_id', 'seq'])
    .execute();
  // The waitlist in order: status = 'waitlisted' ordered by seq, without a sort.
  await db.schema
    .createIndex('registration_series_status_seq_idx')
    .on('registration')
    .columns(['series_id', 'status', 'seq'])
    .execute();
  await db.schema.createIndex('registration_account_idx').on('registration').column('account_id').execute();

  await db.schema
    .createTable('login_token')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('login_token_email_idx')
    .on('login_token')
    .columns(['email', 'created_at'])
    .execute();

  await db.schema
    .createTable('web_session')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('rate_limit')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text', (c) => c.notNull())
    .addColumn('attachments', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('outbox_due_idx').on('outbox').columns(['status', 'next_attempt_at']).execute();

  await db.schema
    .createTable('audit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_account_id', 'text')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .execute();
  await db.schema.createIndex('audit_entity_idx').on('audit').columns(['entity', 'entity_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['audit', 'outbox', 'rate_limit', 'web_session', 'login_token']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex('registration_account_idx').execute();
  await db.schema.dropIndex('registration_series_status_seq_idx').execute();
  await db.schema.dropIndex('registration_series_seq_idx').execute();
  await db.schema.dropIndex('registration_series_email_uq').execute();
  for (const [name] of [...REGISTRATION_COLUMNS].reverse()) {
    await db.schema.alterTable('registration').dropColumn(name).execute();
  }
  await db.schema.dropTable('account').execute();
}
