import { type Kysely, SqliteAdapter, sql } from 'kysely';

// The knowledge platform (issue 10; decisions 0013 and 0014). Uploaded files are kept in the database on both
// engines, in chunks (`file_chunk`), so every instance serves every file and a file's row and its bytes commit
// together. A material belongs to one session or to the whole series, before or after it. The search index is
// one row per searchable thing (`search_entry`), its words already stemmed in JavaScript, with FTS5 over the
// stems on SQLite and a GIN index over a tsvector on PostgreSQL. Frozen once landed.

const isSqlite = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof SqliteAdapter;

export async function up(db: Kysely<unknown>): Promise<void> {
  const sqlite = isSqlite(db);

  await db.schema
    .createTable('stored_file')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('chunk_size', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    // Text extraction for search: pending | done | failed | none (a kind with no text to extract).
    .addColumn('text_status', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('text_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('text_locked_until', 'text')
    .addColumn('text_error', 'text')
    .addColumn('text', 'text')
    .execute();
  await db.schema
    .createIndex('stored_file_text_status_idx')
    .on('stored_file')
    .column('text_status')
    .execute();

  await db.schema
    .createTable('file_chunk')
    .addColumn('file_id', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('bytes', sqlite ? 'blob' : 'bytea', (c) => c.notNull())
    .addPrimaryKeyConstraint('file_chunk_pk', ['file_id', 'n'])
    .execute();

  await db.schema
    .createTable('material')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('series_id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text')
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('url', 'text')
    .addColumn('authors', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('year', 'integer')
    .addColumn('publisher', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('identifier', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body_md', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('file_id', 'text')
    .addColumn('added_by', 'text')
    .addColumn('added_by_name', 'text', (c) => c.notNull())
    .addColumn('shared', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reuse', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('copied_from', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('hidden_at', 'text')
    .addColumn('hidden_by', 'text')
    .addColumn('deleted_at', 'text')
    .addColumn('deleted_by', 'text')
    .execute();
  await db.schema
    .createIndex('material_series_idx')
    .on('material')
    .columns(['series_id', 'created_at'])
    .execute();
  await db.schema.createIndex('material_session_idx').on('material').column('session_id').execute();
  // Mit hold lists the newest materials of each place (a session or the whole series) and phase: each list
  // gets its own range in its order, so a sparse list does not walk every material of the series.
  await db.schema
    .createIndex('material_place_idx')
    .on('material')
    .columns(['series_id', 'session_id', 'phase', 'created_at', 'id'])
    .execute();
  await db.schema.createIndex('material_file_idx').on('material').column('file_id').execute();

  await db.schema
    .createTable('material_visit')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('series_id', 'text', (c) => c.notNull())
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('material_visit_pk', ['account_id', 'series_id'])
    .execute();

  await db.schema
    .createTable('search_entry')
    .addColumn('doc_no', 'integer', (c) =>
      sqlite ? c.primaryKey() : c.primaryKey().generatedAlwaysAsIdentity(),
    )
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('series_id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('title_stems', 'text', (c) => c.notNull())
    .addColumn('body_stems', 'text', (c) => c.notNull())
    // Tokens naming the entry's series and session (SQLite matches the searcher's scope inside FTS5).
    .addColumn('scope_tokens', 'text', (c) => c.notNull())
    .$call((t) => (sqlite ? t : t.addColumn('tsv', sql`tsvector`, (c) => c.notNull())))
    .addUniqueConstraint('search_entry_source_uq', ['source', 'source_id'])
    .execute();
  await db.schema.createIndex('search_entry_series_idx').on('search_entry').column('series_id').execute();
  await db.schema.createIndex('search_entry_session_idx').on('search_entry').column('session_id').execute();
  if (sqlite) {
    // External-content FTS5 over the stems: the index holds no copy of the text, triggers keep it in step.
    await sql`CREATE VIRTUAL TABLE search_fts USING fts5(title_stems, body_stems, scope_tokens, content='search_entry',
      content_rowid='doc_no', tokenize='unicode61 remove_diacritics 0')`.execute(db);
    await sql`CREATE TRIGGER search_entry_ai AFTER INSERT ON search_entry BEGIN
      INSERT INTO search_fts(rowid, title_stems, body_stems, scope_tokens)
        VALUES (new.doc_no, new.title_stems, new.body_stems, new.scope_tokens);
      END`.execute(db);
    await sql`CREATE TRIGGER search_entry_ad AFTER DELETE ON search_entry BEGIN
      INSERT INTO search_fts(search_fts, rowid, title_stems, body_stems, scope_tokens)
        VALUES ('delete', old.doc_no, old.title_stems, old.body_stems, old.scope_tokens);
      END`.execute(db);
    await sql`CREATE TRIGGER search_entry_au AFTER UPDATE ON search_entry BEGIN
      INSERT INTO search_fts(search_fts, rowid, title_stems, body_stems, scope_tokens)
        VALUES ('delete', old.doc_no, old.title_stems, old.body_stems, old.scope_tokens);
      INSERT INTO search_fts(rowid, title_stems, body_stems, scope_tokens)
        VALUES (new.doc_no, new.title_stems, new.body_stems, new.scope_tokens);
      END`.execute(db);
  } else {
    await sql`CREATE INDEX search_entry_tsv_idx ON search_entry USING GIN (tsv)`.execute(db);
    // Ranking reads the tsvector of every hit: kept in the row (not TOASTed out of line) it costs a third.
    await sql`ALTER TABLE search_entry ALTER COLUMN tsv SET STORAGE MAIN`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isSqlite(db)) {
    await sql`DROP TRIGGER search_entry_au`.execute(db);
    await sql`DROP TRIGGER search_entry_ad`.execute(db);
    await sql`DROP TRIGGER search_entry_ai`.execute(db);
    await sql`DROP TABLE search_fts`.execute(db);
  }
  await db.schema.dropTable('search_entry').execute();
  await db.schema.dropTable('material_visit').execute();
  await db.schema.dropTable('material').execute();
  await db.schema.dropTable('file_chunk').execute();
  await db.schema.dropTable('stored_file').execute();
}
