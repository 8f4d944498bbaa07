import type { Kysely } from 'kysely';

// Expert Q&A (issue 11): a question (the thread: its title, whom it is addressed to, its state and the time
// of the first expert or facilitator reply), its posts (the opening post and the replies, soft-deleted with
// a reason), each post's earlier versions, and who follows a question. Frozen once landed.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('question')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('series_id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text')
    // expert (one, expert_account_id) | experts (every expert of the series) | facilitator
    .addColumn('addressed_to', 'text', (c) => c.notNull())
    .addColumn('expert_account_id', 'text')
    .addColumn('expert_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('asker_id', 'text')
    .addColumn('asker_name', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    // unanswered | answered | solved
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('first_reply_at', 'text')
    .addColumn('solved_post_id', 'text')
    .addColumn('reply_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_post_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  // The series' list, newest first (and per state), walked from the newest with a limit.
  await db.schema
    .createIndex('question_series_idx')
    .on('question')
    .columns(['series_id', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('question_series_state_idx')
    .on('question')
    .columns(['series_id', 'state', 'created_at', 'id'])
    .execute();
  // The organiser's unanswered questions across series, oldest first.
  await db.schema.createIndex('question_state_idx').on('question').columns(['state', 'created_at']).execute();
  await db.schema.createIndex('question_session_idx').on('question').column('session_id').execute();
  await db.schema.createIndex('question_expert_idx').on('question').column('expert_account_id').execute();

  await db.schema
    .createTable('question_post')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('question_id', 'text', (c) => c.notNull())
    // question (the opening post) | reply
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text')
    .addColumn('author_name', 'text', (c) => c.notNull())
    // expert | facilitator | organiser | member: what the author was in the series when they wrote it
    .addColumn('author_role', 'text', (c) => c.notNull())
    .addColumn('body_md', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('edited_at', 'text')
    .addColumn('deleted_at', 'text')
    .addColumn('deleted_by', 'text')
    // Null: the author deleted it; otherwise the organiser's reason, shown in place.
    .addColumn('delete_reason', 'text')
    .execute();
  await db.schema
    .createIndex('question_post_thread_idx')
    .on('question_post')
    .columns(['question_id', 'created_at', 'id'])
    .execute();

  await db.schema
    .createTable('question_revision')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('post_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('body_md', 'text', (c) => c.notNull())
    // When this version was replaced, and by whom.
    .addColumn('replaced_at', 'text', (c) => c.notNull())
    .addColumn('replaced_by', 'text')
    .execute();
  await db.schema
    .createIndex('question_revision_post_idx')
    .on('question_revision')
    .columns(['post_id', 'replaced_at'])
    .execute();

  await db.schema
    .createTable('question_follow')
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('question_follow_pk', ['question_id', 'account_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('question_follow').execute();
  await db.schema.dropTable('question_revision').execute();
  await db.schema.dropTable('question_post').execute();
  await db.schema.dropTable('question').execute();
}
