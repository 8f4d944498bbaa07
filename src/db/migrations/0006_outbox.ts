import { type Kysely, sql } from 'kysely';

// The outbox learns priority (mails a person is waiting for go first), which mails render an attachment when
// they are sent (kept to a few per round so a run of invoices does not hold up the rest), and when a sent
// mail's content was erased after the retention period. Frozen once landed.

export async function up(db: Kysely<unknown>): Promise<void> {
  // 0 = urgent (a person is waiting for it: sign-in, registration confirmation), 1 = normal.
  await db.schema
    .alterTable('outbox')
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // 1 when an attachment is made at send time (an invoice PDF).
  await db.schema
    .alterTable('outbox')
    .addColumn('renders', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('outbox').addColumn('body_erased_at', 'text').execute();
  await sql`update outbox set renders = 1 where attachments like ${'%"source"%'}`.execute(db);

  // The claim walks pending mails in this order; sent mails (nearly all rows, in time) are not in it.
  await db.schema
    .createIndex('outbox_claim_idx')
    .on('outbox')
    .columns(['renders', 'priority', 'created_at', 'id'])
    .where(sql.ref('status'), '=', 'pending')
    .execute();
  // The retention sweep looks only at mails whose content is still there.
  await db.schema
    .createIndex('outbox_body_kept_idx')
    .on('outbox')
    .columns(['status', 'created_at'])
    .where(sql.ref('body_erased_at'), 'is', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('outbox_body_kept_idx').execute();
  await db.schema.dropIndex('outbox_claim_idx').execute();
  await db.schema.alterTable('outbox').dropColumn('body_erased_at').execute();
  await db.schema.alterTable('outbox').dropColumn('renders').execute();
  await db.schema.alterTable('outbox').dropColumn('priority').execute();
}
