import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { type PostgresCluster, startCluster } from '../test/postgres-cluster.ts';
import { confirmOverHttp, fetchCsrfPair, validForm } from '../test/registration.ts';
import {
  freePort,
  fromEnv,
  type LoadOptions,
  type LoadResult,
  load,
  loadAmount,
  type ServerProcess,
  startServer,
} from './lib.ts';
import { rawRegistrationLoop } from './raw-loop.ts';

// `npm run bench`: a node:http hello-world baseline and a raw better-sqlite3 registration loop, then the
// real server, each server in its own child process and loaded from this one. Prints a table and whether
// the goals are met; exits non-zero only when something is wrong (a server that does not start, non-2xx
// responses, a failed check). Last, the documents section (bench/documents.ts: invoice PDF and e-invoice
// XML throughput and memory) in a child process of its own, after it the mail section (bench/mail.ts:
// the outbox worker against a raw pooled nodemailer loop, and how soon an urgent mail arrives), and last the
// programme section (bench/programme.ts: a session change with its calendar mails as one action, against raw
// better-sqlite3 writing the same rows), then the knowledge section (bench/knowledge.ts: the materials page
// and search with 100 and 10,000 materials, against the node:http hello), and last the community section
// (bench/community.ts: the questions list and a dilemma page with 500 and 50,000 posts, against the node:http
// hello, and the daily digest for 1,000 members, against raw better-sqlite3 inserts).
//
// A new scenario against the running Holdet goes into HOLDET_SCENARIOS. BENCH_ONLY=<text> runs only the
// scenarios whose name contains the text (the baselines always run), and the documents section only when
// "documents" contains it: BENCH_ONLY=documents runs that section alone; likewise BENCH_ONLY=mail and
// BENCH_ONLY=programme, BENCH_ONLY=knowledge and BENCH_ONLY=community.

const SERIES_SLUG = 'beskaeftigelsesfaglig-masterclass-2027';
const SEATS = 15;

const loadOptions: LoadOptions = {
  connections: fromEnv('BENCH_CONNECTIONS', 50, 1),
  durationS: fromEnv('BENCH_DURATION', 10, 1),
  warmupS: fromEnv('BENCH_WARMUP', 2, 0),
};

/**
 * The registration rush: this many distinct people, over this many connections, at once; after a warm-up
 * rush of other people (JIT, caches, connections) whose registrations are then deleted again.
 */
const RUSH = {
  amount: fromEnv('BENCH_RUSH_AMOUNT', 5000, 200),
  connections: fromEnv('BENCH_RUSH_CONNECTIONS', 100, 2),
  warmup: fromEnv('BENCH_RUSH_WARMUP', 1000, 0),
};

type DatabaseKind = 'sqlite' | 'postgres';

interface Context {
  /** The app instances serving the scenario; the first is the one a timed scenario loads. */
  servers: ServerProcess[];
  database: DatabaseKind;
  /** SQL on the scenario's database (`?` placeholders), written from outside as another instance would. */
  query<T>(text: string, params?: unknown[]): Promise<T[]>;
  /** The scenario's own load result. */
  result: LoadResult;
}

interface Scenario {
  name: string;
  path: string;
  /**
   * Where it runs. `shared` (default): the one SQLite server all shared scenarios load in turn. Otherwise a
   * fresh database of that kind of its own, with `instances` app processes on it (default 1).
   */
  database?: 'shared' | DatabaseKind;
  instances?: number;
  /**
   * A fixed number of requests all at once, split evenly over the instances, instead of the timed load.
   * Every request changes the data, so the warm-up is a rush of its own (`warmup` requests made by
   * `warmupRequest`), undone by `reset` before the measured one.
   */
  rush?: {
    amount: number;
    connections: number;
    warmup: number;
    warmupRequest: (server: ServerProcess) => Promise<LoadOptions['request']>;
    reset: (ctx: Pick<Context, 'query'>) => Promise<void>;
  };
  /** Extra autocannon options, or a function that makes them for one instance (e.g. fetch a CSRF token). */
  request?: LoadOptions['request'] | ((server: ServerProcess) => Promise<LoadOptions['request']>);
  goal?: Goal;
  /** Correctness checks run right after this scenario's load; each line is printed. */
  check?: (ctx: Context) => Promise<Check[]>;
}

interface Goal {
  /** req/s against the node:http baseline. */
  minRatio?: number;
  maxP99Ms?: number;
  minReqPerSec?: number;
}

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

interface Row {
  name: string;
  result: LoadResult;
  goal?: Goal;
  connections: number;
  /** Compared with the raw better-sqlite3 loop as well. */
  vsRawLoop?: boolean;
}

const HOLDET_SCENARIOS: Scenario[] = [
  {
    name: 'Holdet 2027 series page',
    path: `/serier/${SERIES_SLUG}`,
    goal: { minRatio: 0.5, maxP99Ms: 10 },
    check: seatsLeftFollowsTheDatabase,
  },
  {
    name: `Holdet registration rush, SQLite (${RUSH.amount} people, ${SEATS} seats)`,
    path: `/serier/${SERIES_SLUG}/tilmelding`,
    database: 'sqlite',
    rush: { ...RUSH, warmupRequest: registrationRequests('warm'), reset: forgetRegistrations },
    request: registrationRequests('rush'),
    goal: { minRatio: 0.1, maxP99Ms: 50 },
    check: rushOutcome,
  },
  {
    name: `Holdet registration rush, PostgreSQL, 2 instances (${RUSH.amount} people, ${SEATS} seats)`,
    path: `/serier/${SERIES_SLUG}/tilmelding`,
    database: 'postgres',
    instances: 2,
    rush: { ...RUSH, warmupRequest: registrationRequests('warm'), reset: forgetRegistrations },
    request: registrationRequests('rush'),
    goal: { minReqPerSec: 1000 },
    check: rushOutcome,
  },
];

/** The page shows 15 of 15 after the load, and 14 of 15 once another "instance" confirms a seat. */
async function seatsLeftFollowsTheDatabase({ servers, query }: Context): Promise<Check[]> {
  const url = `${servers[0]?.origin}/serier/${SERIES_SLUG}`;
  const before = await pageShows(url, '15 af 15 pladser ledige');
  // Written straight into the database, as another app instance would: the page cache must notice.
  const [series] = await query<{ id: string }>('select id from series where slug = ?', [SERIES_SLUG]);
  if (!series) throw new Error(`no series ${SERIES_SLUG}`);
  const now = new Date().toISOString();
  await query(
    `insert into registration (id, series_id, status, created_at, updated_at) values (?, ?, 'confirmed', ?, ?)`,
    [randomUUID(), series.id, now, now],
  );
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

/**
 * POSTs of the registration form, each with an email of its own (one counter for every instance). The form
 * is fetched once per instance for a CSRF cookie and token; one pair serves every POST.
 */
function registrationRequests(prefix: string): (server: ServerProcess) => Promise<LoadOptions['request']> {
  let next = 0;
  // The same valid form the tests post; participant_email is appended per request below.
  const { participant_email: _unique, ...form } = validForm(0);
  const rest = new URLSearchParams(form).toString();
  return async (server) => {
    const { token, cookie } = await fetchCsrfPair(`${server.origin}/serier/${SERIES_SLUG}/tilmelding`);
    const head = `_csrf=${encodeURIComponent(token)}&${rest}&participant_email=`;
    return {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      requests: [
        {
          setupRequest: (request) => {
            next += 1;
            return { ...request, body: `${head}${prefix}-${next}%40jobcenter.example.dk` };
          },
        },
      ],
    };
  };
}

/**
 * Deletes every registration and what came with it: its invoices (they reference the registration and the
 * account) and their number sequence, so the measured rush numbers from 1 again; mails, audit lines and
 * participant accounts.
 */
async function forgetRegistrations({ query }: Pick<Context, 'query'>): Promise<void> {
  await query('delete from invoice');
  await query('delete from invoice_sequence');
  await query('delete from registration_confirmation');
  await query('delete from buyer');
  await query('delete from attendee');
  await query('delete from registration');
  await query(`delete from outbox where kind like 'registration.%' or kind like 'invoice.%'`);
  await query(`delete from audit where entity in ('registration', 'invoice')`);
  await query(`delete from account where role = 'participant'`);
}

/**
 * Exactly the seats reserved (awaiting confirmation), everybody else in line with arrival numbers 1..N, one
 * confirmation mail each to the participant and one to the invoice contact, nobody invoiced yet; then the 15
 * confirm from their mails over HTTP (through every instance at once): 15 confirmed, one invoice each
 * numbered 1..15 with its mail, 0 errors.
 */
async function rushOutcome({ query, result, servers }: Context): Promise<Check[]> {
  const waiting = RUSH.amount - SEATS;
  const [series] = await query<{ id: string }>('select id from series where slug = ?', [SERIES_SLUG]);
  if (!series) throw new Error(`no series ${SERIES_SLUG}`);
  const statusCounts = () =>
    query<{ status: string; n: number | string }>(
      'select status, count(*) as n from registration where series_id = ? group by status',
      [series.id],
    );
  const placed = await statusCounts();
  const placedCount = (status: string) => Number(placed.find((c) => c.status === status)?.n ?? 0);
  const [seqs] = await query<{ n: number | string; distinct_seq: number | string; max_seq: number | string }>(
    `select count(*) as n, count(distinct seq) as distinct_seq, max(seq) as max_seq
       from registration where series_id = ?`,
    [series.id],
  );
  const [mails] = await query<{ n: number | string }>(
    `select count(*) as n from outbox where kind = 'registration.confirm-request'`,
  );
  const [before] = await query<{ invoices: number | string; accounts: number | string }>(
    `select (select count(*) from invoice) as invoices,
            (select count(*) from account where role = 'participant') as accounts`,
  );
  // Every registration has its buyer and its attendee, with the attendee's address as its key.
  const [parties] = await query<{
    buyers: number | string;
    attendees: number | string;
    keyed: number | string;
  }>(
    `select (select count(*) from buyer b join registration r on r.id = b.registration_id
              where r.series_id = ?) as buyers,
            (select count(*) from attendee a join registration r on r.id = a.registration_id
              where r.series_id = ?) as attendees,
            (select count(*) from attendee a join registration r on r.id = a.registration_id
              where r.series_id = ? and r.attendee_email = a.email) as keyed`,
    [series.id, series.id, series.id],
  );
  const rows = Number(seqs?.n ?? 0);
  const gapless = rows === Number(seqs?.distinct_seq) && rows === Number(seqs?.max_seq);
  const errors = result.non2xx + result.socketErrors;
  const placedOthers = placed.filter((c) => c.status !== 'reserved' && c.status !== 'waitlisted');

  // The 15 confirm from the link in their mail, all at once, each through the next instance.
  const reserved = await query<{ email: string; body: string }>(
    `select a.email, o.text_body as body
       from registration r join attendee a on a.registration_id = r.id join outbox o on o.to_address = a.email
      where r.series_id = ? and r.status = 'reserved' and o.kind = 'registration.confirm-request'`,
    [series.id],
  );
  const started = performance.now();
  const confirms = await Promise.all(
    reserved.map(async (r, i) => {
      const origin = servers[i % servers.length]?.origin ?? '';
      const token = /\/tilmelding\/bekraeft\/([A-Za-z0-9_-]{43})/.exec(r.body)?.[1] ?? '';
      return (await confirmOverHttp(origin, token)).status;
    }),
  );
  const confirmMs = performance.now() - started;
  const counts = await statusCounts();
  const count = (status: string) => Number(counts.find((c) => c.status === status)?.n ?? 0);
  const others = counts.filter((c) => c.status !== 'confirmed' && c.status !== 'waitlisted');

  // Invoices: one per confirmed seat, numbered 1..SEATS in one sequence, each with its mail.
  const [invoices] = await query<{
    all_kinds: number | string;
    n: number | string;
    distinct_seq: number | string;
    min_seq: number | string | null;
    max_seq: number | string | null;
    prefixes: number | string;
    registrations: number | string;
    confirmed: number | string;
  }>(
    `select (select count(*) from invoice) as all_kinds,
            count(*) as n,
            count(distinct i.seq) as distinct_seq,
            min(i.seq) as min_seq,
            max(i.seq) as max_seq,
            count(distinct i.prefix) as prefixes,
            count(distinct i.registration_id) as registrations,
            count(distinct case when r.status = 'confirmed' and r.series_id = ? then r.id end) as confirmed
       from invoice i left join registration r on r.id = i.registration_id
      where i.kind = 'invoice'`,
    [series.id],
  );
  const [invoiceMails] = await query<{ n: number | string }>(
    `select count(*) as n from outbox where kind like 'invoice.%'`,
  );
  const [issuedMails] = await query<{ n: number | string }>(
    `select count(*) as n from outbox where kind = 'invoice.issued'`,
  );
  const invoiceCount = Number(invoices?.n ?? 0);
  const invoiceSeqOk =
    invoiceCount === SEATS &&
    Number(invoices?.distinct_seq) === SEATS &&
    Number(invoices?.min_seq) === 1 &&
    Number(invoices?.max_seq) === SEATS &&
    Number(invoices?.prefixes) === 1;
  const perConfirmed = Number(invoices?.registrations) === SEATS && Number(invoices?.confirmed) === SEATS;
  return [
    {
      name: `exactly ${SEATS} seats reserved awaiting confirmation, ${waiting.toLocaleString('en')} waitlisted, nothing else`,
      ok:
        placedCount('reserved') === SEATS &&
        placedCount('waitlisted') === waiting &&
        placedOthers.length === 0,
      detail: [
        `${placedCount('reserved')} reserved`,
        `${placedCount('waitlisted')} waitlisted`,
        ...placedOthers.map((o) => `${o.n} ${o.status}`),
      ].join(', '),
    },
    {
      name: 'arrival numbers 1..N without gaps',
      ok: gapless && rows === RUSH.amount,
      detail: `${rows} rows`,
    },
    {
      name: 'one buyer and one attendee per registration, the attendee keyed by address',
      ok: [parties?.buyers, parties?.attendees, parties?.keyed].every((n) => Number(n) === rows),
      detail: `${parties?.buyers} buyers, ${parties?.attendees} attendees (${parties?.keyed} keyed) for ${rows} registrations`,
    },
    {
      name: 'one confirmation mail per registration to the attendee and one to the invoice contact',
      ok: Number(mails?.n) === 2 * rows,
      detail: `${mails?.n} registration.confirm-request mails`,
    },
    {
      name: 'no account and no invoice before anyone confirms',
      ok: Number(before?.invoices) === 0 && Number(before?.accounts) === 0,
      detail: `${before?.invoices} invoices, ${before?.accounts} participant accounts`,
    },
    {
      name: `the ${SEATS} confirm over HTTP at once: ${SEATS} confirmed, the line unchanged`,
      ok:
        confirms.length === SEATS &&
        confirms.every((s) => s === 303) &&
        count('confirmed') === SEATS &&
        count('waitlisted') === waiting &&
        others.length === 0,
      detail: `${confirms.filter((s) => s === 303).length} of ${confirms.length} answered 303 in ${confirmMs.toFixed(0)} ms; ${count('confirmed')} confirmed, ${count('waitlisted')} waitlisted`,
    },
    {
      name: `exactly ${SEATS} invoices, numbered 1..${SEATS} without gap or duplicate`,
      ok: invoiceSeqOk && Number(invoices?.all_kinds) === SEATS,
      detail:
        `${invoiceCount} invoices (${invoices?.all_kinds} documents of any kind), ` +
        `${invoices?.distinct_seq} distinct numbers ${invoices?.min_seq ?? '-'}..${invoices?.max_seq ?? '-'}, ` +
        `${invoices?.prefixes} prefix(es)`,
    },
    {
      name: 'each invoice for a distinct confirmed registration',
      ok: perConfirmed,
      detail: `${invoices?.registrations} distinct registrations, ${invoices?.confirmed} of them confirmed here`,
    },
    {
      name: `${SEATS} invoice.issued mails`,
      ok: Number(issuedMails?.n) === SEATS && Number(invoiceMails?.n) === SEATS,
      detail: `${issuedMails?.n} invoice.issued, ${invoiceMails?.n} invoice.* in all`,
    },
    {
      name: '0 errors',
      ok: errors === 0 && result.total === RUSH.amount,
      detail: `${result.total} responses, ${result.non2xx} non-2xx, ${result.socketErrors} connection errors`,
    },
  ];
}

/** A fresh database for a scenario, and a way to query it from outside the app. */
interface ScenarioDatabase {
  url: string;
  query: Context['query'];
  remove(): Promise<void>;
}

function sqliteDatabase(): ScenarioDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'holdet-bench-'));
  const file = join(dir, 'holdet.db');
  return {
    url: `sqlite:${file}`,
    async query<T>(text: string, params: unknown[] = []) {
      const sqlite = new SQLite(file);
      try {
        const statement = sqlite.prepare(text);
        if (statement.reader) return statement.all(...params) as T[];
        statement.run(...params);
        return [];
      } finally {
        sqlite.close();
      }
    },
    async remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let cluster: Promise<PostgresCluster> | undefined;
let postgresCount = 0;

/** A new database on the benchmark's PostgreSQL: TEST_DATABASE_URL's server, or a throwaway cluster. */
async function postgresDatabase(): Promise<ScenarioDatabase> {
  const given = process.env.TEST_DATABASE_URL?.trim();
  if (!given) cluster ??= startCluster();
  const serverUrl = given || (await (cluster as Promise<PostgresCluster>)).url;
  const name = `holdet_bench_${process.pid}_${++postgresCount}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async query<T>(text: string, params: unknown[] = []) {
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        let n = 0;
        const result = await client.query(
          text.replace(/\?/g, () => `$${++n}`),
          params,
        );
        return result.rows as T[];
      } finally {
        await client.end();
      }
    },
    async remove() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * Starts `count` Holdet processes on one database, one after the other: the first migrates and seeds the
 * demo; seeding is not safe for two processes starting at once on PostgreSQL (both see no organiser, the
 * second fails on the unique slug), so the next starts only once the first answers /healthz.
 */
async function startHoldet(url: string, count: number): Promise<ServerProcess[]> {
  const servers: ServerProcess[] = [];
  try {
    for (let i = 0; i < count; i++) {
      servers.push(
        await startServer({
          name: count > 1 ? `Holdet ${i + 1}` : 'Holdet',
          args: ['--import', 'tsx', 'src/server.ts'],
          env: {
            DATABASE_URL: url,
            LOG_LEVEL: 'warn',
            NODE_ENV: 'production',
            HOST: '127.0.0.1',
            // The rush is thousands of people from one address (loopback) who share one invoice contact.
            RATE_LIMIT_REGISTRATION_IP: '1000000/1h',
            RATE_LIMIT_REGISTRATION_INVOICE_EMAIL: '1000000/1h',
          },
          port: await freePort(),
          healthPath: '/healthz',
        }),
      );
    }
  } catch (error) {
    await Promise.all(servers.map((s) => s.stop()));
    throw error;
  }
  return servers;
}

async function requestFor(scenario: Scenario, server: ServerProcess): Promise<LoadOptions['request']> {
  return typeof scenario.request === 'function' ? scenario.request(server) : scenario.request;
}

/** Loads the scenario on its servers and runs its check. */
async function runScenario(
  scenario: Scenario,
  servers: ServerProcess[],
  database: DatabaseKind,
  query: Context['query'],
): Promise<{ row: Row; checks: Check[] }> {
  let result: LoadResult;
  let connections: number;
  const { rush } = scenario;
  if (rush) {
    if (rush.warmup > 0) {
      const warm = await Promise.all(
        servers.map(async (server) => ({ server, request: await rush.warmupRequest(server) })),
      );
      await loadAmount(warm, scenario.path, { amount: rush.warmup, connections: rush.connections });
      await rush.reset({ query });
    }
    const targets = await Promise.all(
      servers.map(async (server) => ({ server, request: await requestFor(scenario, server) })),
    );
    result = await loadAmount(targets, scenario.path, rush);
    connections = rush.connections;
  } else {
    const [server] = servers;
    if (!server) throw new Error(`${scenario.name}: no server`);
    result = await load(server, scenario.path, {
      ...loadOptions,
      request: await requestFor(scenario, server),
    });
    connections = loadOptions.connections;
  }
  const checks = scenario.check ? await scenario.check({ servers, database, query, result }) : [];
  return {
    row: {
      name: scenario.name,
      result,
      goal: scenario.goal,
      connections,
      vsRawLoop: scenario.rush !== undefined,
    },
    checks: checks.map((c) => ({ ...c, name: `${scenario.name}: ${c.name}` })),
  };
}

async function main(): Promise<number> {
  const only = process.env.BENCH_ONLY?.trim();
  const scenarios = HOLDET_SCENARIOS.filter((s) => !only || s.name.includes(only));
  const documents = !only || DOCUMENTS.includes(only);
  const mail = !only || MAIL.includes(only);
  const programme = !only || PROGRAMME.includes(only);
  const knowledge = !only || KNOWLEDGE.includes(only);
  const community = !only || COMMUNITY.includes(only);
  // With only the documents, mail, programme, knowledge or community section chosen, the server baselines
  // have nothing to be compared with (the knowledge and community sections run their own hello).
  const servers = scenarios.length > 0 || (!documents && !mail && !programme && !knowledge && !community);
  let code = servers ? await serverBench(scenarios) : 0;
  let printed = servers;
  if (documents) {
    if (printed) console.log('');
    code = Math.max(code, await sectionBench(['--expose-gc', '--import', 'tsx'], 'documents.ts'));
    printed = true;
  }
  if (mail) {
    if (printed) console.log('');
    code = Math.max(code, await sectionBench(['--import', 'tsx'], 'mail.ts'));
    printed = true;
  }
  if (programme) {
    if (printed) console.log('');
    code = Math.max(code, await sectionBench(['--expose-gc', '--import', 'tsx'], 'programme.ts'));
    printed = true;
  }
  if (knowledge) {
    if (printed) console.log('');
    code = Math.max(code, await sectionBench(['--import', 'tsx'], 'knowledge.ts'));
    printed = true;
  }
  if (community) {
    if (printed) console.log('');
    code = Math.max(code, await sectionBench(['--import', 'tsx'], 'community.ts'));
  }
  return code;
}

const DOCUMENTS = 'documents';
const MAIL = 'mail';
const PROGRAMME = 'programme';
const KNOWLEDGE = 'knowledge';
const COMMUNITY = 'community';

/**
 * A section of its own in a child process: bench/documents.ts and bench/programme.ts (with --expose-gc for
 * their memory readings) or bench/mail.ts (which starts its SMTP server in yet another process).
 */
function sectionBench(nodeArgs: string[], file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, fileURLToPath(new URL(file, import.meta.url))], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      stdio: 'inherit',
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

/** The baselines and the scenarios against running Holdet servers; prints their table and checks. */
async function serverBench(scenarios: readonly Scenario[]): Promise<number> {
  const { connections, durationS, warmupS } = loadOptions;
  console.log(
    `timed scenarios: ${connections} connections, ${durationS} s after a ${warmupS} s warm-up; ` +
      `rushes: ${RUSH.amount} requests over ${RUSH.connections} connections after a warm-up rush of ` +
      `${RUSH.warmup} (deleted again)\n`,
  );
  const rows: Row[] = [];
  const checks: Check[] = [];

  const hello = await startServer({
    name: 'baseline',
    args: ['--import', 'tsx', 'bench/hello.ts'],
    port: await freePort(),
    healthPath: '/',
  });
  try {
    rows.push({
      name: 'baseline (node:http hello)',
      result: await load(hello, '/', loadOptions),
      connections,
    });
  } finally {
    await hello.stop();
  }

  const raw = await rawRegistrationLoop(SERIES_SLUG, RUSH.amount, SEATS);
  const rawLoop: Row = {
    name: `raw better-sqlite3 registration loop (in-process, ${RUSH.amount} transactions)`,
    result: raw.result,
    connections: 1,
  };
  rows.push(rawLoop);
  checks.push({
    name: `raw loop: exactly ${SEATS} confirmed`,
    ok: raw.confirmed === SEATS && raw.waitlisted === RUSH.amount - SEATS,
    detail: `${raw.confirmed} confirmed, ${raw.waitlisted} waitlisted`,
  });

  let holdet = { startupMs: 0, rss: 0 };
  try {
    const shared = scenarios.filter((s) => (s.database ?? 'shared') === 'shared');
    if (shared.length > 0) {
      const database = sqliteDatabase();
      try {
        const servers = await startHoldet(database.url, 1);
        try {
          for (const scenario of shared) {
            const done = await runScenario(scenario, servers, 'sqlite', database.query);
            rows.push(done.row);
            checks.push(...done.checks);
          }
          holdet = { startupMs: servers[0]?.startupMs ?? 0, rss: servers[0]?.rssMiB() ?? 0 };
        } finally {
          await Promise.all(servers.map((s) => s.stop()));
        }
      } finally {
        await database.remove();
      }
    }

    for (const scenario of scenarios) {
      const kind = scenario.database ?? 'shared';
      if (kind === 'shared') continue;
      const database = kind === 'sqlite' ? sqliteDatabase() : await postgresDatabase();
      try {
        const servers = await startHoldet(database.url, scenario.instances ?? 1);
        try {
          const done = await runScenario(scenario, servers, kind, database.query);
          rows.push(done.row);
          checks.push(...done.checks);
        } finally {
          await Promise.all(servers.map((s) => s.stop()));
        }
      } finally {
        await database.remove();
      }
    }
  } finally {
    if (cluster) await (await cluster).stop();
  }

  return report(rows, rawLoop.result.reqPerSec, checks, holdet);
}

function report(
  rows: Row[],
  rawLoopPerSec: number,
  checks: Check[],
  holdet: { startupMs: number; rss: number },
): number {
  const baseline = rows[0]?.result.reqPerSec ?? 0; // the node:http row comes first
  const table = [
    ['scenario', 'conns', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'ratio', 'vs raw loop', 'server CPU µs/req'],
    ...rows.map(({ name, result: r, connections, vsRawLoop }) => [
      name,
      String(connections),
      r.reqPerSec.toFixed(0),
      r.p50Ms.toFixed(r.p50Ms < 10 ? 1 : 0),
      r.p99Ms.toFixed(r.p99Ms < 10 ? 1 : 0),
      String(r.non2xx + r.socketErrors),
      (r.reqPerSec / baseline).toFixed(2),
      vsRawLoop ? (r.reqPerSec / rawLoopPerSec).toFixed(3) : '',
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
    '\n(errors: non-2xx responses + connection errors; ratio: req/s against the node:http baseline;' +
      ' vs raw loop: req/s against the raw better-sqlite3 loop; server CPU: the server processes only' +
      ' (all instances; not PostgreSQL), steadier than req/s when the machine is busy; the raw loop row' +
      ' is per transaction in this process; rushes: req/s = requests / wall time, p50/p99 over every response)',
  );
  if (holdet.startupMs > 0) {
    console.log(
      `Holdet: first /healthz 200 after ${holdet.startupMs.toFixed(0)} ms; RSS after the load ${holdet.rss.toFixed(1)} MiB`,
    );
  }
  console.log('');

  let failed = false;
  for (const { name, result: r, goal, connections } of rows) {
    if (r.non2xx + r.socketErrors > 0) {
      failed = true;
      console.log(`ERROR    ${name}: ${r.non2xx} non-2xx responses, ${r.socketErrors} connection errors`);
    }
    if (!goal) continue;
    const line = (met: boolean, text: string) =>
      console.log(`${met ? 'MET    ' : 'NOT MET'}  ${name}: ${text}`);
    if (goal.minRatio !== undefined) {
      const ratio = r.reqPerSec / baseline;
      line(ratio >= goal.minRatio, `ratio ${ratio.toFixed(2)} ≥ ${goal.minRatio}`);
    }
    if (goal.maxP99Ms !== undefined) {
      line(
        r.p99Ms <= goal.maxP99Ms,
        `p99 ${r.p99Ms.toFixed(1)} ms ≤ ${goal.maxP99Ms} ms at ${connections} connections`,
      );
    }
    if (goal.minReqPerSec !== undefined) {
      line(r.reqPerSec >= goal.minReqPerSec, `${r.reqPerSec.toFixed(0)} req/s ≥ ${goal.minReqPerSec}`);
    }
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
