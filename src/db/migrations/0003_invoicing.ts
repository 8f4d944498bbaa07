import type { Kysely } from 'kysely';

// Invoices, credit notes and their gapless number sequences. Frozen once landed.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('invoice_sequence')
    .addColumn('organiser_id', 'text', (c) => c.notNull().references('organiser.id'))
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('next_number', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('invoice_sequence_pk', ['organiser_id', 'prefix'])
    .execute();

  await db.schema
    .createTable('invoice')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organiser_id', 'text', (c) => c.notNull().references('organiser.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('registration_id', 'text', (c) => c.notNull().references('registration.id'))
    .addColumn('series_id', 'text', (c) => c.notNull().references('series.id'))
    .addColumn('account_id', 'text', (c) => c.references('account.id'))
    .addColumn('credited_invoice_id', 'text', (c) => c.references('invoice.id'))
    .addColumn('issue_date', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('net_ore', 'bigint', (c) => c.notNull())
    .addColumn('vat_ore', 'bigint', (c) => c.notNull())
    .addColumn('total_ore', 'bigint', (c) => c.notNull())
    .addColumn('public_buyer', 'integer', (c) => c.notNull())
    .addColumn('buyer_name', 'text', (c) => c.notNull())
    .addColumn('buyer_cvr', 'text', (c) => c.notNull())
    .addColumn('buyer_ean', 'text')
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('paid_on', 'text')
    .addColumn('paid_note', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('invoice_organiser_number_uq', ['organiser_id', 'number'])
    .addUniqueConstraint('invoice_organiser_prefix_seq_uq', ['organiser_id', 'prefix', 'seq'])
    .execute();
  await db.schema.createIndex('invoice_registration_idx').on('invoice').column('registration_id').execute();
  await db.schema.createIndex('invoice_account_idx').on('invoice').column('account_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('invoice').execute();
  await db.schema.dropTable('invoice_sequence').execute();
}
