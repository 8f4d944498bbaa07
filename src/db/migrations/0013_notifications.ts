import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';

// Notifications (issue 11). One row per thing a person is told (`notification`, stored once per account and
// dedup key), each person's choice per kind (`notification_choice`; no row = the default), the claim of one
// digest per person and Copenhagen day (`notification_digest`: its primary key is the "once" of several
// instances), and the key that signs the links in mails that change a choice (`notification_key`, made here
// at random so every instance shares it and no setting has to hold it). Frozen once landed.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('notification')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('series_id', 'text')
    .addColumn('subject_da', 'text', (c) => c.notNull())
    .addColumn('subject_en', 'text', (c) => c.notNull())
    .addColumn('text_da', 'text', (c) => c.notNull())
    .addColumn('text_en', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('dedup_key', 'text', (c) => c.notNull())
    // How it was delivered, by the person's choice when it was made: now | digest | platform.
    .addColumn('delivery', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // When its mail was queued (at once, or in a digest); null: not (yet) mailed.
    .addColumn('mailed_at', 'text')
    .addColumn('read_at', 'text')
    .addUniqueConstraint('notification_dedup_uq', ['account_id', 'dedup_key'])
    .execute();
  await db.schema
    .createIndex('notification_account_idx')
    .on('notification')
    .columns(['account_id', 'created_at'])
    .execute();
  // The digest job's range: digest notifications not yet mailed, by person.
  await db.schema
    .createIndex('notification_pending_idx')
    .on('notification')
    .columns(['delivery', 'mailed_at', 'account_id'])
    .execute();

  await db.schema
    .createTable('notification_choice')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('choice', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_choice_pk', ['account_id', 'kind'])
    .execute();

  await db.schema
    .createTable('notification_digest')
    .addColumn('account_id', 'text', (c) => c.notNull())
    // The Copenhagen calendar day (YYYY-MM-DD) the digest is for.
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('outbox_id', 'text')
    .addColumn('items', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_digest_pk', ['account_id', 'day'])
    .execute();

  await db.schema
    .createTable('notification_key')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await (db as Kysely<{ notification_key: { id: string; secret: string; created_at: string } }>)
    .insertInto('notification_key')
    .values({
      id: 'choice-link',
      secret: randomBytes(32).toString('base64url'),
      created_at: new Date().toISOString(),
    })
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notification_key').execute();
  await db.schema.dropTable('notification_digest').execute();
  await db.schema.dropTable('notification_choice').execute();
  await db.schema.dropTable('notification').execute();
}
