import type { Generated } from 'kysely';

// The search index (decision 0014): one row per searchable thing of any module, fed through the search
// service. Words are stemmed in JavaScript (text.ts) for both engines; SQLite indexes the stems with FTS5
// (the virtual table `search_fts`, kept in step by triggers), PostgreSQL with a GIN index over `tsv`.

export interface SearchEntryTable {
  doc_no: Generated<number>;
  /** The feeding module's kind of thing: 'material' now; questions and dilemmas later. */
  source: string;
  source_id: string;
  series_id: string;
  /** Null: the whole series (no substitute sees it); otherwise only people who may see that session. */
  session_id: string | null;
  /** The thing's own kind, for the result's label (literature, note, …). */
  kind: string;
  title: string;
  author_name: string;
  /** Where the result links to. */
  path: string;
  created_at: string;
  /** Plain text the snippets are cut from: paragraphs separated by blank lines (capped). */
  body: string;
  title_stems: string;
  body_stems: string;
  /** `zs<series>` and, for a session's thing, `zx<session>` (ids without hyphens): SQLite's FTS5 matches the
   * searcher's scope with the words, so only hits in scope are ranked. */
  scope_tokens: string;
  /** Audience tokens (search/rules.ts `audience`), space-separated; empty: the series' or session's scope
   * decides. With an audience only the holders of one of its tokens find the entry (migration 0015). */
  audience: Generated<string>;
  /** PostgreSQL only: the stems with positions and weights. */
  tsv?: string;
}
