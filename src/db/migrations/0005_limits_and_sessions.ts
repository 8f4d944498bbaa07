import { type Kysely, sql } from 'kysely';

// Rate-limit counters that can be cleaned up (the limits module now owns `rate_limit`), and sessions that end
// after an idle time. Frozen once landed.

export async function up(db: Kysely<unknown>): Promise<void> {
  // Counters are short-lived by nature: starting them over is harmless, and simpler than a rewrite of every
  // row into the new shape.
  await db.schema.dropTable('rate_limit').execute();
  await db.schema
    .createTable('rate_limit')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_limit_expires_idx').on('rate_limit').column('expires_at').execute();

  await db.schema.alterTable('web_session').addColumn('last_seen_at', 'text').execute();
  await sql`update web_session set last_seen_at = created_at`.execute(db);
  await db.schema.createIndex('web_session_account_idx').on('web_session').column('account_id').execute();
  await db.schema.createIndex('web_session_last_seen_idx').on('web_session').column('last_seen_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('web_session_last_seen_idx').execute();
  await db.schema.dropIndex('web_session_account_idx').execute();
  await db.schema.alterTable('web_session').dropColumn('last_seen_at').execute();

  await db.schema.dropIndex('rate_limit_expires_idx').execute();
  await db.schema.dropTable('rate_limit').execute();
  await db.schema
    .createTable('rate_limit')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute();
}
