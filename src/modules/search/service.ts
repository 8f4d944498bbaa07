import type { Executor } from '../../db/database.ts';

// The search module's door (decision 0014): every module feeds the one index through indexDocument/
// removeDocument in its own transaction; search() returns only what the scope allows, ranked by relevance,
// then date, with a highlighted snippet. Danish stemming happens here, in JavaScript, for both engines.
// CONTRACT — the search helper implements every function below.

/** One searchable thing, as its module hands it over. */
export interface SearchDocument {
  /** The feeding module's kind of thing: 'material' (questions, dilemmas later). */
  source: string;
  sourceId: string;
  seriesId: string;
  /** Null: belongs to the whole series. */
  sessionId: string | null;
  /** The thing's own kind (literature, article, podcast, video, document, note, …): the result's label. */
  kind: string;
  title: string;
  authorName: string;
  path: string;
  createdAt: string;
  /** Plain text: description, note, text of the file; paragraphs separated by blank lines. */
  body: string;
}

/** What a person may find: whole series (members who see every session), and single sessions (substitutes). */
export interface SearchScope {
  seriesIds: string[];
  sessionIds: string[];
}

export interface SnippetPart {
  text: string;
  hit: boolean;
}

export interface SearchHit {
  source: string;
  sourceId: string;
  seriesId: string;
  sessionId: string | null;
  kind: string;
  title: string;
  authorName: string;
  path: string;
  createdAt: string;
  /** Title with the matched words marked, and a piece of the body around the best match. */
  titleParts: SnippetPart[];
  snippet: SnippetPart[];
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
}

/** Adds or replaces the document (same source + sourceId). Runs in the caller's transaction. */
export declare function indexDocument(db: Executor, doc: SearchDocument): Promise<void>;

export declare function removeDocument(db: Executor, source: string, sourceId: string): Promise<void>;

/** Searches within the scope (optionally one series). An empty or word-less query finds nothing. */
export declare function search(
  db: Executor,
  input: { query: string; scope: SearchScope; seriesId?: string; limit: number; offset: number },
): Promise<SearchResult>;
