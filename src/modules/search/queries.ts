import { type RawBuilder, sql } from 'kysely';
import { dialectOf, type Executor } from '../../db/database.ts';
import { isAudienceToken, type SearchScope } from './rules.ts';

// All SQL of the search module (decision 0014). The stems come from text.ts on both engines; here they become
// what each engine indexes and matches: FTS5's MATCH over `search_fts` (triggers keep it in step with
// `search_entry`) on SQLite, a tsvector built in JavaScript and a GIN index on PostgreSQL (never to_tsvector:
// no parser or locale of the server's). The literal builders are pure and exported for the tests.

/** PostgreSQL keeps positions up to 16383 (larger ones become 16383) and at most 256 per lexeme. */
const PG_MAX_POSITION = 16383;
const PG_MAX_POSITIONS_PER_LEXEME = 256;

const pgQuote = (lexeme: string) => `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * The tsvector literal of a document: title stems weighted A from position 1, body stems (weight D, written
 * without a letter) after a gap of one position, so a phrase never runs from the title into the body (as in
 * FTS5, where they are two columns). `'stem':1A,2A 'other':4`.
 */
export function tsvectorLiteral(titleStems: string, bodyStems: string): string {
  const entries = new Map<string, { seen: Set<number>; out: string[] }>();
  let position = 0;
  const add = (lexeme: string, weight: 'A' | '') => {
    position += 1;
    const at = Math.min(position, PG_MAX_POSITION);
    let entry = entries.get(lexeme);
    if (!entry) {
      entry = { seen: new Set(), out: [] };
      entries.set(lexeme, entry);
    }
    if (entry.seen.has(at) || entry.out.length >= PG_MAX_POSITIONS_PER_LEXEME) return;
    entry.seen.add(at);
    entry.out.push(`${at}${weight}`);
  };
  for (const s of split(titleStems)) add(s, 'A');
  position += 1;
  for (const s of split(bodyStems)) add(s, '');
  return [...entries].map(([lexeme, e]) => `${pgQuote(lexeme)}:${e.out.join(',')}`).join(' ');
}

const split = (stems: string) => (stems.length === 0 ? [] : stems.split(' '));

/** The tsquery literal of parsed terms: `'a' & 'b' & ('p1' <-> 'p2')`. */
export function tsqueryLiteral(terms: readonly (readonly string[])[]): string {
  return terms
    .map((t) => (t.length === 1 ? pgQuote(t[0] ?? '') : `(${t.map(pgQuote).join(' <-> ')})`))
    .join(' & ');
}

/** The FTS5 query of parsed terms: every term a quoted phrase, all of them required: `"a" "b" "p1 p2"`. */
export function ftsMatch(terms: readonly (readonly string[])[]): string {
  return terms.map((t) => `"${t.join(' ').replace(/"/g, '""')}"`).join(' ');
}

export interface EntryRow {
  source: string;
  source_id: string;
  series_id: string;
  session_id: string | null;
  kind: string;
  title: string;
  author_name: string;
  path: string;
  created_at: string;
  body: string;
  /** Audience tokens (rules.ts `audience`), space-separated; empty: everyone the series or session's scope lets in. */
  audience: string;
}

export interface EntryValues extends EntryRow {
  title_stems: string;
  body_stems: string;
  /** Audience tokens (rules.ts `audience`), space-separated; empty: everyone the series or session's scope lets in. */
  audience: string;
}

/** The token that names a series or a session in `scope_tokens` (letters and digits only, as FTS5 splits). */
const seriesToken = (id: string) => `zs${id.replace(/[^0-9a-z]/gi, '').toLowerCase()}`;
const sessionToken = (id: string) => `zx${id.replace(/[^0-9a-z]/gi, '').toLowerCase()}`;

/** Marks the series of an entry with an audience: only for narrowing to one series, never in anyone's scope. */
const restrictedSeriesToken = (id: string) => `zr${id.replace(/[^0-9a-z]/gi, '').toLowerCase()}`;

/**
 * An entry's scope tokens: its series (and session); or, with an audience, only the audience's tokens (and the
 * series' `zr` mark), so that the series' or session's scope does not find it.
 */
export function scopeTokens(entry: {
  series_id: string;
  session_id: string | null;
  audience?: string;
}): string {
  const audience = audienceTokens(entry.audience ?? '');
  if (audience.length > 0) return [restrictedSeriesToken(entry.series_id), ...audience].join(' ');
  return entry.session_id
    ? `${seriesToken(entry.series_id)} ${sessionToken(entry.session_id)}`
    : seriesToken(entry.series_id);
}

/** The well-formed tokens of an audience string, each once, in order. */
export function audienceTokens(text: string): string[] {
  return [...new Set(text.split(' ').filter(isAudienceToken))].sort();
}

const searcherAudience = (scope: SearchScope) => (scope.audience ?? []).filter(isAudienceToken);

/**
 * The FTS5 query of a search: the scope (any of its series or sessions, and the one series when asked) and
 * every term. FTS5 intersects the scope's short lists with the words' before ranking, so a person who sees one
 * series of many ranks only that series' hits.
 */
export function ftsScopedMatch(filter: Filter): string {
  const { seriesIds, sessionIds } = filter.scope;
  const anyOf = [
    ...seriesIds.map(seriesToken),
    ...sessionIds.map(sessionToken),
    ...searcherAudience(filter.scope),
  ].map((t) => `"${t}"`);
  const parts = filter.wholeIndex ? [] : [`scope_tokens : (${anyOf.join(' OR ')})`];
  if (filter.seriesId)
    parts.push(
      `scope_tokens : ("${seriesToken(filter.seriesId)}" OR "${restrictedSeriesToken(filter.seriesId)}")`,
    );
  return [...parts, `{title_stems body_stems} : (${ftsMatch(filter.terms)})`].join(' AND ');
}

/** Adds the entry, or replaces the one with the same source and source id. */
export async function upsertEntry(db: Executor, values: EntryValues): Promise<void> {
  const { source, source_id, ...rest } = values;
  const tsv =
    dialectOf(db) === 'postgres'
      ? { tsv: sql<string>`${tsvectorLiteral(values.title_stems, values.body_stems)}::tsvector` }
      : {};
  const scope = { scope_tokens: scopeTokens(values), audience: audienceTokens(values.audience).join(' ') };
  await db
    .insertInto('search_entry')
    .values({ ...values, ...tsv, ...scope })
    .onConflict((oc) => oc.columns(['source', 'source_id']).doUpdateSet({ ...rest, ...tsv, ...scope }))
    .execute();
}

export async function deleteEntry(db: Executor, source: string, sourceId: string): Promise<void> {
  await db
    .deleteFrom('search_entry')
    .where('source', '=', source)
    .where('source_id', '=', sourceId)
    .execute();
}

export interface Filter {
  terms: readonly (readonly string[])[];
  scope: SearchScope;
  seriesId?: string;
  /**
   * The searcher is an organiser of every series the index holds (scopeCoversIndex over the series they
   * organise), so they may see every entry, with an audience or without: the scope needs no condition (an
   * organiser searching the whole archive). The service still drops any hit outside the scope afterwards.
   */
  wholeIndex?: boolean;
}

/**
 * Whether every entry of the index belongs to one of these series (then a search in them needs no scope
 * condition, which on SQLite is one FTS5 phrase per series, each weighed for every hit). The series the index
 * holds are read by skipping along the series index, one step per series (a recursive query), not per entry.
 */
export async function scopeCoversIndex(db: Executor, seriesIds: readonly string[]): Promise<boolean> {
  if (seriesIds.length === 0) return false;
  const { rows } = await sql<{ id: string | null }>`WITH RECURSIVE present(id) AS (
      SELECT min(series_id) FROM search_entry
      UNION ALL
      SELECT (SELECT min(series_id) FROM search_entry WHERE series_id > present.id) FROM present
      WHERE present.id IS NOT NULL
    ) SELECT id FROM present WHERE id IS NOT NULL`.execute(db);
  const scope = new Set(seriesIds);
  return rows.every((r) => r.id === null || scope.has(r.id));
}

/**
 * PostgreSQL: an entry without an audience by `series_id IN (…) OR session_id IN (…)`, one with an audience by
 * sharing a token with the searcher; and one series when asked (SQLite matches the same in FTS5:
 * ftsScopedMatch). The scope is not empty (service.ts).
 */
function scopeCondition(filter: Filter): RawBuilder<unknown> {
  if (filter.wholeIndex) return filter.seriesId ? sql`e.series_id = ${filter.seriesId}` : sql`TRUE`;
  const { seriesIds, sessionIds } = filter.scope;
  const either: RawBuilder<unknown>[] = [];
  if (seriesIds.length > 0) either.push(sql`e.series_id IN (${sql.join(seriesIds)})`);
  if (sessionIds.length > 0) either.push(sql`e.session_id IN (${sql.join(sessionIds)})`);
  const held = searcherAudience(filter.scope);
  const ways: RawBuilder<unknown>[] = [];
  if (either.length > 0) ways.push(sql`(e.audience = '' AND (${sql.join(either, sql` OR `)}))`);
  if (held.length > 0)
    ways.push(
      sql`(e.audience <> '' AND string_to_array(e.audience, ' ') && ARRAY[${sql.join(held)}]::text[])`,
    );
  const scope = ways.length > 0 ? sql`(${sql.join(ways, sql` OR `)})` : sql`FALSE`;
  return filter.seriesId ? sql`${scope} AND e.series_id = ${filter.seriesId}` : scope;
}

const COLUMNS = sql`e.source, e.source_id, e.series_id, e.session_id, e.kind, e.title, e.author_name, e.path,
  e.created_at, e.body, e.audience`;

/**
 * One page of hits, best first: FTS5's bm25 (title weighs 5, body 1) or ts_rank (A over D), then newer first.
 * On SQLite the hits are ranked by their rowid alone, and only the page's rows are then read from
 * `search_entry`: a common word matches thousands, and sorting them with their bodies costs far more than
 * ranking them. Among hits of equal rank the newer-indexed comes first there (then by date on the page).
 */
export function searchQuery(
  db: Executor,
  filter: Filter,
  page: { limit: number; offset: number },
): RawBuilder<EntryRow> {
  const where = scopeCondition(filter);
  return dialectOf(db) === 'sqlite'
    ? sql<EntryRow>`SELECT ${COLUMNS} FROM (
          SELECT search_fts.rowid AS doc, bm25(search_fts, 5.0, 1.0, 0.0) AS score FROM search_fts
          WHERE search_fts MATCH ${ftsScopedMatch(filter)}
          ORDER BY score, search_fts.rowid DESC LIMIT ${page.limit} OFFSET ${page.offset}
        ) AS hit CROSS JOIN search_entry e ON e.doc_no = hit.doc
        ORDER BY hit.score, e.created_at DESC, e.doc_no DESC`
    : sql<EntryRow>`SELECT ${COLUMNS} FROM search_entry e CROSS JOIN (SELECT ${tsqueryLiteral(filter.terms)}::tsquery AS q) tq
        WHERE e.tsv @@ tq.q AND ${where}
        ORDER BY ts_rank(e.tsv, tq.q) DESC, e.created_at DESC, e.doc_no DESC
        LIMIT ${page.limit} OFFSET ${page.offset}`;
}

export async function searchEntries(
  db: Executor,
  filter: Filter,
  page: { limit: number; offset: number },
): Promise<EntryRow[]> {
  return (await searchQuery(db, filter, page).execute(db)).rows;
}

/** How many hits, counted no further than `cap` (a count of every hit of a common word costs too much). */
export async function countEntries(db: Executor, filter: Filter, cap: number): Promise<number> {
  const where = scopeCondition(filter);
  const inner =
    dialectOf(db) === 'sqlite'
      ? sql`SELECT 1 FROM search_fts WHERE search_fts MATCH ${ftsScopedMatch(filter)} LIMIT ${cap}`
      : sql`SELECT 1 FROM search_entry e WHERE e.tsv @@ ${tsqueryLiteral(filter.terms)}::tsquery AND ${where}
          LIMIT ${cap}`;
  const { rows } = await sql<{ n: number | string }>`SELECT count(*) AS n FROM (${inner}) AS hits`.execute(
    db,
  );
  return Number(rows[0]?.n ?? 0);
}
