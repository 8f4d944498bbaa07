import type { Kysely } from 'kysely';

// Dilemmas, the agenda of each session and the follow-ups (issue 11). The search index gains an audience: a
// document narrower than its series or session (a dilemma is found by the series' participants, facilitator and
// organisers and the expert of the session it is placed on, not by every expert) carries the tokens of those
// who may find it. Frozen once landed.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('dilemma')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('series_id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('situation_md', 'text', (c) => c.notNull())
    .addColumn('dilemma_md', 'text', (c) => c.notNull())
    .addColumn('tried_md', 'text', (c) => c.notNull())
    .addColumn('wanted_md', 'text', (c) => c.notNull())
    .addColumn('anonymous', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('followup_id', 'text')
    .addColumn('comment_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The list, newest first, a page at a time, in a series of 50,000.
  await db.schema
    .createIndex('dilemma_series_idx')
    .on('dilemma')
    .columns(['series_id', 'created_at', 'id'])
    .execute();
  await db.schema.createIndex('dilemma_session_idx').on('dilemma').column('session_id').execute();

  await db.schema
    .createTable('dilemma_comment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('dilemma_id', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('anonymous', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('body_md', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('dilemma_comment_dilemma_idx')
    .on('dilemma_comment')
    .columns(['dilemma_id', 'created_at', 'id'])
    .execute();

  await db.schema
    .createTable('agenda_item')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('series_id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('dilemma_id', 'text')
    .addColumn('text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('agenda_item_dilemma_uq', ['dilemma_id'])
    .execute();
  await db.schema
    .createIndex('agenda_item_session_idx')
    .on('agenda_item')
    .columns(['session_id', 'position'])
    .execute();
  await db.schema.createIndex('agenda_item_series_idx').on('agenda_item').column('series_id').execute();

  await db.schema
    .createTable('dilemma_followup')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('series_id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('material_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('written_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('dilemma_followup_session_idx')
    .on('dilemma_followup')
    .column('session_id')
    .execute();

  // The search index's audience (search/rules.ts `audience`): empty for everything indexed so far.
  await db.schema
    .alterTable('search_entry')
    .addColumn('audience', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('search_entry').dropColumn('audience').execute();
  await db.schema.dropTable('dilemma_followup').execute();
  await db.schema.dropTable('agenda_item').execute();
  await db.schema.dropTable('dilemma_comment').execute();
  await db.schema.dropTable('dilemma').execute();
}
