import type { Kysely } from 'kysely';

// The organiser's back office runs the programme: a session can be cancelled (kept, marked, never deleted,
// so its calendar entry can be cancelled with the same UID) and carries its own calendar SEQUENCE, raised on
// every change that moves attendees' calendar entries (time, place, mode, cancellation; RFC 5545 §3.8.7.4).
// A venue gets practical notes (access, parking) in both languages; a series gets its own terms beyond the
// standard ones, and remembers the series it was copied from. Frozen once landed.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('session')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('scheduled'))
    .execute();
  await db.schema
    .alterTable('session')
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('session').addColumn('cancelled_at', 'text').execute();
  await db.schema
    .alterTable('venue')
    .addColumn('notes_da', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('venue')
    .addColumn('notes_en', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('series')
    .addColumn('terms_da', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('series')
    .addColumn('terms_en', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.alterTable('series').addColumn('copied_from', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('series').dropColumn('copied_from').execute();
  await db.schema.alterTable('series').dropColumn('terms_en').execute();
  await db.schema.alterTable('series').dropColumn('terms_da').execute();
  await db.schema.alterTable('venue').dropColumn('notes_en').execute();
  await db.schema.alterTable('venue').dropColumn('notes_da').execute();
  await db.schema.alterTable('session').dropColumn('cancelled_at').execute();
  await db.schema.alterTable('session').dropColumn('sequence').execute();
  await db.schema.alterTable('session').dropColumn('status').execute();
}
