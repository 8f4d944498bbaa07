import type { Executor } from '../../db/database.ts';
import type { Lang } from '../../shared/danish.ts';
import type { SignedInAccount } from '../../web/account.ts';
import { actorFor } from '../people/service.ts';
import { seriesHeadings, sessionRefs } from '../series/service.ts';
import {
  countEntries,
  deleteEntry,
  type EntryRow,
  scopeCoversIndex,
  searchEntries,
  upsertEntry,
} from './queries.ts';
import { parseQuery } from './query.ts';
import { entryInScope, isEmptyScope, organisedSeries, type SearchScope, searchScope } from './rules.ts';
import { type SnippetPart, snippet, titleParts } from './snippet.ts';
import { stems } from './text.ts';

// The search module's door (decision 0014): every module feeds the one index through indexDocument/
// removeDocument in its own transaction; search() returns only what the scope allows, ranked by relevance,
// then date, with a highlighted snippet. Danish stemming happens here, in JavaScript, for both engines.

export type { SearchScope } from './rules.ts';
export { audience, audienceTokensOf, searchScope } from './rules.ts';
export type { SnippetPart } from './snippet.ts';
export { SEARCH_PATH, SearchBox } from './views/search-box.tsx';

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
  /**
   * Narrower than the series or session: only those holding one of these tokens (`audience.participantsOf(…)`,
   * …) find it. Absent or empty: everyone whose scope holds the series (or the session).
   */
  audience?: readonly string[];
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
  /** Counted up to SEARCH_COUNT_CAP + 1: more than SEARCH_COUNT_CAP means "over SEARCH_COUNT_CAP". */
  total: number;
}

/** From this many series on, a scope is checked for holding the whole index (below, the condition is cheap). */
const WHOLE_INDEX_FROM = 8;

/** Hits are counted no further than this (and one more, to tell "over 1000"). */
export const SEARCH_COUNT_CAP = 1000;
/** What of a body is indexed and kept for snippets (the files module caps a file's text at the same). */
export const BODY_CAP = 500_000;

/** Adds or replaces the document (same source + sourceId). Runs in the caller's transaction. */
export async function indexDocument(db: Executor, doc: SearchDocument): Promise<void> {
  const body = doc.body.slice(0, BODY_CAP);
  await upsertEntry(db, {
    source: doc.source,
    source_id: doc.sourceId,
    series_id: doc.seriesId,
    session_id: doc.sessionId,
    kind: doc.kind,
    title: doc.title,
    author_name: doc.authorName,
    path: doc.path,
    created_at: doc.createdAt,
    body,
    audience: (doc.audience ?? []).join(' '),
    title_stems: stems(doc.title),
    body_stems: stems(body),
  });
}

export async function removeDocument(db: Executor, source: string, sourceId: string): Promise<void> {
  await deleteEntry(db, source, sourceId);
}

/** Searches within the scope (optionally one series). An empty or word-less query finds nothing. */
export async function search(
  db: Executor,
  input: { query: string; scope: SearchScope; seriesId?: string; limit: number; offset: number },
): Promise<SearchResult> {
  const parsed = parseQuery(input.query);
  if (parsed.terms.length === 0 || isEmptyScope(input.scope) || input.limit <= 0)
    return { hits: [], total: 0 };
  // An organiser of many series (the archive) whose series hold the whole index: no scope condition needed.
  const organised = organisedSeries(input.scope);
  const wholeIndex = organised.length > WHOLE_INDEX_FROM && (await scopeCoversIndex(db, organised));
  const filter = {
    terms: parsed.terms,
    scope: input.scope,
    wholeIndex,
    ...(input.seriesId ? { seriesId: input.seriesId } : {}),
  };
  const offset = Math.max(0, input.offset);
  // The page and the (capped) count at once, on two connections on PostgreSQL; a first page that is not full
  // holds every hit, so its count is not needed.
  const [rows, counted] = await Promise.all([
    searchEntries(db, filter, { limit: input.limit, offset }),
    countEntries(db, filter, SEARCH_COUNT_CAP + 1),
  ]);
  const total = offset === 0 && rows.length < input.limit ? rows.length : counted;
  // Whatever the query's condition was, nothing outside the scope is ever shown.
  const inScope = rows.filter((r) =>
    entryInScope(input.scope, { seriesId: r.series_id, sessionId: r.session_id, audience: r.audience }),
  );
  return { hits: inScope.map((r) => toHit(r, parsed.stems)), total };
}

function toHit(row: EntryRow, found: ReadonlySet<string>): SearchHit {
  return {
    source: row.source,
    sourceId: row.source_id,
    seriesId: row.series_id,
    sessionId: row.session_id,
    kind: row.kind,
    title: row.title,
    authorName: row.author_name,
    path: row.path,
    createdAt: row.created_at,
    titleParts: titleParts(row.title, found),
    snippet: snippet(row.body, found),
  };
}

// ——— The search page (/mit-hold/sog) ———

/** Hits per page. */
export const PAGE_SIZE = 20;

export interface PageHit extends SearchHit {
  /** The series' title as Mit hold writes it (with the year). */
  seriesTitle: string;
  /** The session's number in its series; null: the whole series. */
  sessionOrdinal: number | null;
}

export interface SearchPage {
  query: string;
  /** The one series searched (its slug and title), when the page was asked for one. */
  hold: { slug: string; title: string } | null;
  page: number;
  hits: PageHit[];
  total: number;
  /** The person belongs to nothing that can be searched (waitlisted, awaiting, no series). */
  nothingToSearch: boolean;
}

/**
 * What the search page shows this person: hits from their scope only, one series when `hold` names one they
 * belong to (null: `hold` names no series of theirs — the page is then not found).
 */
export async function searchPage(
  db: Executor,
  account: SignedInAccount,
  input: { query: string; hold: string | null; page: number },
  lang: Lang,
  now: Date,
): Promise<SearchPage | null> {
  const actor = await actorFor(db, account, now);
  const membership = input.hold ? actor.memberships.find((m) => m.seriesSlug === input.hold) : null;
  if (input.hold && !membership) return null;
  const scope = searchScope(actor.memberships);
  const result = await search(db, {
    query: input.query,
    scope,
    ...(membership ? { seriesId: membership.seriesId } : {}),
    limit: PAGE_SIZE,
    offset: (input.page - 1) * PAGE_SIZE,
  });
  const headings = await seriesHeadings(db, lang, [
    ...new Set([...result.hits.map((h) => h.seriesId), ...(membership ? [membership.seriesId] : [])]),
  ]);
  const titles = new Map(headings.map((h) => [h.id, h.titleWithYear]));
  const sessionIds = result.hits.flatMap((h) => (h.sessionId ? [h.sessionId] : []));
  const ordinals = new Map(
    (sessionIds.length > 0 ? await sessionRefs(db, sessionIds) : []).map((s) => [s.id, s.ordinal]),
  );
  return {
    query: input.query,
    hold: membership ? { slug: membership.seriesSlug, title: titles.get(membership.seriesId) ?? '' } : null,
    page: input.page,
    hits: result.hits.map((h) => ({
      ...h,
      seriesTitle: titles.get(h.seriesId) ?? '',
      sessionOrdinal: h.sessionId ? (ordinals.get(h.sessionId) ?? null) : null,
    })),
    total: result.total,
    nothingToSearch: isEmptyScope(scope),
  };
}
