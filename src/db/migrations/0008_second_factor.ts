import { type Kysely, sql } from 'kysely';

// The second factor (TOTP, RFC 6238) and its one-time recovery codes, and sessions that are only half
// signed in until the second factor is done (`second_factor_pending`). Frozen once landed.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('second_factor')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('account.id').onDelete('cascade'))
    .addColumn('totp_secret', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('last_used_step', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('recovery_code')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('recovery_code_account_idx').on('recovery_code').column('account_id').execute();

  // Sessions that exist today are whole sign-ins: 0.
  await db.schema
    .alterTable('web_session')
    .addColumn('second_factor_pending', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('web_session')
    .addColumn('second_factor_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // A half-signed-in session must not become a whole one when the flag goes.
  await sql`delete from web_session where second_factor_pending = 1`.execute(db);
  await db.schema.alterTable('web_session').dropColumn('second_factor_attempts').execute();
  await db.schema.alterTable('web_session').dropColumn('second_factor_pending').execute();
  await db.schema.dropIndex('recovery_code_account_idx').execute();
  await db.schema.dropTable('recovery_code').execute();
  await db.schema.dropTable('second_factor').execute();
}
