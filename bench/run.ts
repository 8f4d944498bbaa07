import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { freePort, type LoadOptions, type LoadResult, load, type ServerProcess, startServer } from './lib.ts';

// `npm run bench`: a node:http hello-world baseline, then the real server on a fresh SQLite file, each in
// its own child process and loaded from this one. Prints a table and whether the goals are met; exits
// non-zero only when something is wrong (a server that does not start, non-2xx responses, a failed check).
//
// A new scenario against the running Holdet goes into HOLDET_SCENARIOS.

const SERIES_SLUG = 'beskaeftigelsesfaglig-masterclass-2027';

const loadOptions: LoadOptions = {
  connections: fromEnv('BENCH_CONNECTIONS', 50, 1),
  durationS: fromEnv('BENCH_DURATION', 10, 1),
  warmupS: fromEnv('BENCH_WARMUP', 2, 0),
};

function fromEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min)
    throw new Error(`${name} must be a number ≥ ${min}, not ${raw}`);
  return value;
}

interface Context {
  server: ServerProcess;
  dbFile: string;
}

interface Scenario {
  name: string;
  path: string;
  request?: LoadOptions['request'];
  /** Compared with the baseline. */
  goal?: { minRatio: number; maxP99Ms: number };
  /** Correctness checks run right after this scenario's load; each line is printed. */
  check?: (ctx: Context) => Promise<Check[]>;
}

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

interface Row {
  name: string;
  result: LoadResult;
  goal?: Scenario['goal'];
}

const HOLDET_SCENARIOS: Scenario[] = [
  {
    name: 'Holdet 2027 series page',
    path: `/serier/${SERIES_SLUG}`,
    goal: { minRatio: 0.5, maxP99Ms: 10 },
    check: seatsLeftFollowsTheDatabase,
  },
];

/** The page shows 15 of 15 after the load, and 14 of 15 once another "instance" confirms a seat. */
async function seatsLeftFollowsTheDatabase({ server, dbFile }: Context): Promise<Check[]> {
  const url = `${server.origin}/serier/${SERIES_SLUG}`;
  const before = await pageShows(url, '15 af 15 pladser ledige');
  // Written straight into the file, as another app instance would: the page cache must notice.
  const sqlite = new SQLite(dbFile);
  try {
    const series = sqlite.prepare('select id from series where slug = ?').get(SERIES_SLUG) as
      | { id: string }
      | undefined;
    if (!series) throw new Error(`no series ${SERIES_SLUG} in ${dbFile}`);
    const now = new Date().toISOString();
    sqlite
      .prepare(
        `insert into registration (id, series_id, status, created_at, updated_at) values (?, ?, 'confirmed', ?, ?)`,
      )
      .run(randomUUID(), series.id, now, now);
  } finally {
    sqlite.close();
  }
  const after = await pageShows(url, '14 af 15 pladser ledige');
  return [
    { name: 'after the load the page shows "15 af 15 pladser ledige"', ...before },
    { name: 'after a confirmed registration it shows "14 af 15 pladser ledige"', ...after },
  ];
}

async function pageShows(url: string, text: string): Promise<{ ok: boolean; detail: string }> {
  const response = await fetch(url);
  const html = await response.text();
  const found = html.includes(text);
  return {
    ok: response.status === 200 && found,
    detail: `HTTP ${response.status}, text ${found ? 'found' : 'missing'}`,
  };
}

async function main(): Promise<number> {
  const { connections, durationS, warmupS } = loadOptions;
  console.log(`${connections} connections, ${durationS} s per scenario after a ${warmupS} s warm-up\n`);
  const rows: Row[] = [];
  const checks: Check[] = [];

  const hello = await startServer({
    name: 'baseline',
    args: ['--import', 'tsx', 'bench/hello.ts'],
    port: await freePort(),
    healthPath: '/',
  });
  try {
    rows.push({ name: 'baseline (node:http hello)', result: await load(hello, '/', loadOptions) });
  } finally {
    await hello.stop();
  }

  const dir = mkdtempSync(join(tmpdir(), 'holdet-bench-'));
  const dbFile = join(dir, 'holdet.db');
  let startupMs = 0;
  let rss = 0;
  try {
    const server = await startServer({
      name: 'Holdet',
      args: ['--import', 'tsx', 'src/server.ts'],
      env: { DATABASE_URL: `sqlite:${dbFile}`, LOG_LEVEL: 'warn', NODE_ENV: 'production', HOST: '127.0.0.1' },
      port: await freePort(),
      healthPath: '/healthz',
    });
    startupMs = server.startupMs;
    try {
      for (const scenario of HOLDET_SCENARIOS) {
        const options = { ...loadOptions, request: scenario.request };
        rows.push({
          name: scenario.name,
          result: await load(server, scenario.path, options),
          goal: scenario.goal,
        });
        if (scenario.check) checks.push(...(await scenario.check({ server, dbFile })));
      }
      rss = server.rssMiB();
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  return report(rows, checks, { startupMs, rss });
}

function report(rows: Row[], checks: Check[], holdet: { startupMs: number; rss: number }): number {
  const baseline = rows[0]?.result.reqPerSec ?? 0; // the node:http row comes first
  const table = [
    ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'ratio', 'server CPU µs/req'],
    ...rows.map(({ name, result: r }) => [
      name,
      r.reqPerSec.toFixed(0),
      r.p50Ms.toFixed(0),
      r.p99Ms.toFixed(0),
      String(r.non2xx + r.socketErrors),
      (r.reqPerSec / baseline).toFixed(2),
      r.cpuMicrosPerReq.toFixed(0),
    ]),
  ];
  const widths = table[0]?.map((_, i) => Math.max(...table.map((line) => line[i]?.length ?? 0))) ?? [];
  for (const line of table) {
    console.log(
      line
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
        .join('  '),
    );
  }
  console.log(
    '\n(errors: non-2xx responses + connection errors; ratio: req/s against the baseline;' +
      ' server CPU: the server process only, steadier than req/s when the machine is busy)',
  );
  console.log(
    `Holdet: first /healthz 200 after ${holdet.startupMs.toFixed(0)} ms; RSS after the load ${holdet.rss.toFixed(1)} MiB\n`,
  );

  let failed = false;
  for (const { name, result: r, goal } of rows) {
    if (r.non2xx + r.socketErrors > 0) {
      failed = true;
      console.log(`ERROR  ${name}: ${r.non2xx} non-2xx responses, ${r.socketErrors} connection errors`);
    }
    if (!goal) continue;
    const ratio = r.reqPerSec / baseline;
    const ratioMet = ratio >= goal.minRatio;
    const p99Met = r.p99Ms <= goal.maxP99Ms;
    console.log(`${ratioMet ? 'MET    ' : 'NOT MET'}  ${name}: ratio ${ratio.toFixed(2)} ≥ ${goal.minRatio}`);
    console.log(
      `${p99Met ? 'MET    ' : 'NOT MET'}  ${name}: p99 ${r.p99Ms} ms ≤ ${goal.maxP99Ms} ms at ${loadOptions.connections} connections`,
    );
  }
  for (const check of checks) {
    if (!check.ok) failed = true;
    console.log(`${check.ok ? 'OK     ' : 'FAILED '}  ${check.name} (${check.detail})`);
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error('bench failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
