import type { Kysely } from 'kysely';

// People and roles (decision 0008): a public person may be linked to an account and carry links; roles in a
// series are rows of `role_grant`, with who granted them and when; invitations carry their own single-use
// token (only its hash is stored). Frozen once landed.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('person').addColumn('account_id', 'text').execute();
  await db.schema
    .alterTable('person')
    .addColumn('links', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  // One public person per account (NULLs — persons without an account — do not collide).
  await db.schema.createIndex('person_account_idx').on('person').column('account_id').unique().execute();

  await db.schema
    .createTable('role_grant')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('series_id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text')
    .addColumn('granted_by', 'text')
    .addColumn('granted_by_label', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text')
    .execute();
  await db.schema.createIndex('role_grant_account_idx').on('role_grant').column('account_id').execute();
  await db.schema.createIndex('role_grant_series_idx').on('role_grant').column('series_id').execute();

  await db.schema
    .createTable('person_invitation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('invited_by', 'text', (c) => c.notNull())
    .addColumn('invited_by_label', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('accepted_account_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('person_invitation_person_idx')
    .on('person_invitation')
    .column('person_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('person_invitation').execute();
  await db.schema.dropTable('role_grant').execute();
  await db.schema.dropIndex('person_account_idx').execute();
  await db.schema.alterTable('person').dropColumn('links').execute();
  await db.schema.alterTable('person').dropColumn('account_id').execute();
}
