// A quick local measurement of search (not a timed test; the lead's `npm run bench` is the real one):
// 10,000 generated Danish documents with 5 paragraphs each (50,000 paragraphs), indexed through the search
// service, then a mix of queries through search() — SQL, count and snippets — on SQLite (a file) and, with
// --postgres, on a throwaway PostgreSQL cluster. Prints p50/p99 per query kind and overall.
//   npx tsx scripts/measure-search.ts [--postgres] [--storage-main] [--docs 10000]
// --storage-main: on PostgreSQL, keep `tsv` in the row (compressed) rather than out of line in TOAST, which
// ranking reads for every hit (not in migration 0012; a proposal).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/connect.ts';
import type { Database } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { searchQuery } from '../src/modules/search/queries.ts';
import { indexDocument, type SearchScope, search } from '../src/modules/search/service.ts';
import { words } from '../src/modules/search/text.ts';
import { startCluster } from '../test/postgres-cluster.ts';

const args = process.argv.slice(2);
const DOCS = Number(args[args.indexOf('--docs') + 1]) || 10_000;
const PARAGRAPHS = 5;
const RUNS = 200;

// A vocabulary: the seed text's words, the field's words, and made-up compounds, drawn Zipf-like.
let seedText = '';
try {
  seedText = readFileSync(new URL('../../shared/seed/000_ecd5a7cb0285831d.txt', import.meta.url), 'utf8');
} catch {
  seedText = 'og i at det er en til på med for som de der af ikke har';
}
const FIELD =
  'jobcenter jobcentre jobcentret jobcentrene borgerinddragelse borgerinddragelsen medarbejder medarbejderne kommune kommunerne indsats indsatsen virksomhed virksomhederne ledelse leder ledige ledighed afvigelser positive Aarhus Ålborg Østerbro æblekage sårbare unge socialrådgiver beskæftigelse mentor praktik'.split(
    ' ',
  );
const parts = 'arbejds,borger,social,job,uddannelses,sundheds,beskæftigelses,bolig,familie,ungdoms'.split(
  ',',
);
const ends = 'indsats,center,plan,forløb,samtale,område,netværk,rådgiver,møde,tilbud'.split(',');
const compounds = parts.flatMap((p) => ends.map((e) => p + e));
const vocabulary = [...new Set([...words(seedText).map((w) => w.word), ...FIELD, ...compounds])];
let seed = 42;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const zipfWord = () => vocabulary[Math.floor(vocabulary.length * random() ** 3)] ?? 'og';
const sentence = (n: number) => Array.from({ length: n }, zipfWord).join(' ');

const SERIES = Array.from({ length: 10 }, (_, i) => `series-${i}`);
const sessionOf = (s: string, n: number) => `${s}-session-${n}`;

async function fill(database: Database): Promise<number> {
  const started = performance.now();
  const batch = 500;
  for (let from = 0; from < DOCS; from += batch) {
    await database.db.transaction().execute(async (tx) => {
      for (let i = from; i < Math.min(DOCS, from + batch); i++) {
        const series = SERIES[i % SERIES.length] ?? 'series-0';
        await indexDocument(tx, {
          source: 'material',
          sourceId: `m-${i}`,
          seriesId: series,
          sessionId: i % 5 === 0 ? null : sessionOf(series, (i % 4) + 1),
          kind: 'note',
          title: sentence(3 + (i % 5)),
          authorName: 'Demo',
          path: `/x/${i}`,
          createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
          body: Array.from({ length: PARAGRAPHS }, () => `${sentence(40 + Math.floor(random() * 30))}.`).join(
            '\n\n',
          ),
        });
      }
    });
  }
  return performance.now() - started;
}

const QUERIES: [kind: string, query: string][] = [
  ['common word', 'og'],
  ['common word', 'det'],
  ['field word', 'jobcentrene'],
  ['field word', 'borgerinddragelsen'],
  ['two words', 'kommunerne medarbejderne'],
  ['two words', 'ledige unge'],
  ['phrase', '"positive afvigelser"'],
  ['phrase', '"og det"'],
  ['compound', 'beskæftigelsesindsatsen'],
  ['rare / none', 'kvantefysik'],
];

const scopes: [string, SearchScope][] = [
  ['member of all 10 series', { seriesIds: SERIES, sessionIds: [] }],
  ['member of 1 series', { seriesIds: ['series-3'], sessionIds: [] }],
  ['substitute of 1 session', { seriesIds: [], sessionIds: [sessionOf('series-3', 2)] }],
];

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
};

async function measure(title: string, database: Database): Promise<void> {
  let name = title;
  await migrateToLatest(database.db);
  if (database.dialect === 'postgres' && args.includes('--storage-main')) {
    await sql`ALTER TABLE search_entry ALTER COLUMN tsv SET STORAGE MAIN`.execute(database.db);
    name += ', tsv STORAGE MAIN';
  }
  const fillMs = await fill(database);
  if (database.dialect === 'postgres') await sql`ANALYZE search_entry`.execute(database.db);
  console.log(
    `\n${name}: ${DOCS} documents, ${DOCS * PARAGRAPHS} paragraphs, indexed in ${(fillMs / 1000).toFixed(1)} s`,
  );
  for (const [scopeName, scope] of scopes) {
    const all: number[] = [];
    const byKind = new Map<string, number[]>();
    // Warm up.
    for (const [, q] of QUERIES) await search(database.db, { query: q, scope, limit: 20, offset: 0 });
    for (let r = 0; r < RUNS; r++) {
      for (const [kind, q] of QUERIES) {
        const t = performance.now();
        const result = await search(database.db, {
          query: q,
          scope,
          limit: 20,
          offset: r % 3 === 0 ? 20 : 0,
        });
        const ms = performance.now() - t;
        if (r === 0 && scopeName.startsWith('member of all')) {
          console.log(`  ${q.padEnd(28)} total ${result.total > 1000 ? 'over 1000' : result.total}`);
        }
        all.push(ms);
        byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
      }
    }
    console.log(
      `  scope: ${scopeName} — all queries p50 ${pct(all, 50).toFixed(2)} ms, p99 ${pct(all, 99).toFixed(2)} ms`,
    );
    for (const [kind, xs] of byKind) {
      console.log(
        `    ${kind.padEnd(14)} p50 ${pct(xs, 50).toFixed(2).padStart(7)} ms   p99 ${pct(xs, 99).toFixed(2).padStart(7)} ms`,
      );
    }
  }
}

const dir = mkdtempSync(join(tmpdir(), 'holdet-search-measure-'));
try {
  const sqlite = openDatabase(`sqlite:${join(dir, 'search.db')}`);
  await measure('SQLite (FTS5)', sqlite);
  const plan = await sql<{ detail: string }>`EXPLAIN QUERY PLAN ${searchQuery(
    sqlite.db,
    { terms: [['jobcent']], scope: { seriesIds: ['series-1'], sessionIds: [] } },
    { limit: 20, offset: 0 },
  )}`.execute(sqlite.db);
  console.log(`  plan: ${plan.rows.map((r) => r.detail).join(' | ')}`);
  await sqlite.close();
  if (args.includes('--postgres')) {
    const cluster = await startCluster();
    try {
      const pg = openDatabase(cluster.url, { poolSize: 5 });
      await measure('PostgreSQL (tsvector + GIN)', pg);
      const plan = await sql<{ 'QUERY PLAN': string }>`EXPLAIN SELECT doc_no FROM search_entry e
        WHERE e.tsv @@ '''jobcent'''::tsquery AND e.series_id IN ('series-1')`.execute(pg.db);
      console.log(`  plan: ${plan.rows.map((r) => r['QUERY PLAN'].trim()).join(' | ')}`);
      await pg.close();
    } finally {
      await cluster.stop();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
