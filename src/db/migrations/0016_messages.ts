import type { Kysely } from 'kysely';

// Messages and the member directory (issue 11). An announcement goes from the organiser or the facilitator to
// a series' members, to the groups chosen (participants, substitutes, experts; staff always see it), with
// its read state per member. A private thread is one member's conversation with the organiser of a series
// (one per member and series), its messages in order. The directory's consent is the registration's
// (`attendee.directory_consent`); its "what I work on" text is kept here. Frozen once landed.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('announcement')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('series_id', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text')
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body_md', 'text', (c) => c.notNull())
    .addColumn('to_participants', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('to_substitutes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('to_experts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // Mit hold shows the newest few of a series: one range of this index, whatever the series holds.
  await db.schema
    .createIndex('announcement_series_idx')
    .on('announcement')
    .columns(['series_id', 'created_at', 'id'])
    .execute();

  await db.schema
    .createTable('announcement_read')
    .addColumn('announcement_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('announcement_read_pk', ['announcement_id', 'account_id'])
    .execute();

  await db.schema
    .createTable('message_thread')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('series_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('member_name', 'text', (c) => c.notNull())
    // 1: the member wrote last, so the organiser has not answered yet.
    .addColumn('awaiting_answer', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('message_thread_member_uq', ['series_id', 'account_id'])
    .execute();
  await db.schema
    .createIndex('message_thread_queue_idx')
    .on('message_thread')
    .columns(['series_id', 'awaiting_answer', 'last_at'])
    .execute();
  await db.schema
    .createIndex('message_thread_account_idx')
    .on('message_thread')
    .column('account_id')
    .execute();

  await db.schema
    .createTable('message_post')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('thread_id', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text')
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('from_organiser', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('body_md', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('message_post_thread_idx')
    .on('message_post')
    .columns(['thread_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('directory_entry')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('series_id', 'text', (c) => c.notNull())
    .addColumn('work_on', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('directory_entry_pk', ['account_id', 'series_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'directory_entry',
    'message_post',
    'message_thread',
    'announcement_read',
    'announcement',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
