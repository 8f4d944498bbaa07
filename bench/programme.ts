import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { openDatabase } from '../src/db/connect.ts';
import type { Database } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { sessionUid } from '../src/email/ics.ts';
import type { StoredAttachment } from '../src/email/outbox.ts';
import { seedDemo } from '../src/modules/people/demo.ts';
import { sessionCast } from '../src/modules/people/service.ts';
import { type ProgrammeDeps, saveSession } from '../src/modules/programme/service.ts';
import { type SessionFields, sessionForEditing } from '../src/modules/series/service.ts';
import { systemClock } from '../src/shared/clock.ts';
import { readCalendar } from '../test/calendar.ts';
import { fromEnv, mib, printTable, signedMib } from './lib.ts';

// `npm run bench:programme` (and the last section of `npm run bench`): issue 9's "a change that matters is
// one action". One change is programme/service.ts saveSession moving a session of the 2027 demo hold
// between two times: under the series lock the session row is updated (SEQUENCE + 1, audit, the series'
// version bumped) and one mail per person affected — every confirmed participant, the session's expert and
// the series' facilitator — is queued with its own iTIP REQUEST .ics, all in one transaction. Against a
// floor measured in the same run: raw better-sqlite3 on a copy of the same database, one BEGIN IMMEDIATE
// transaction that updates the session row and inserts the same number of outbox rows with a pre-rendered
// body and attachment JSON of the same size (what a change minimally has to write).
//
// Scenarios: N = 30 confirmed participants (a real hold) and N = 300, on a fresh SQLite file each (WAL, as
// one instance runs it). Then memory: heap after a full GC before and after a batch of changes, since every
// change renders a calendar file per recipient. Runs with --expose-gc; started without it, it starts itself
// again with it. Prints a table and the checks; exits non-zero when a check fails or something throws.

const PROGRAMME = {
  durationS: fromEnv('BENCH_PROGRAMME_DURATION', 3, 0.5),
  warmupS: fromEnv('BENCH_PROGRAMME_WARMUP', 1, 0),
  /** Measured changes at least, however long they take (N = 300 makes few in 3 s): for a p95 worth the name. */
  minChanges: fromEnv('BENCH_PROGRAMME_MIN_CHANGES', 20, 1),
  memoryChanges: fromEnv('BENCH_PROGRAMME_MEMORY_CHANGES', 200, 1),
};

const SIZES = [30, 300];

const SERIES_SLUG = 'beskaeftigelsesfaglig-masterclass-2027';
/** When the demo is seeded (as in the tests): the 2027 hold is published and open. */
const SEEDED_AT = new Date('2026-01-05T09:00:00.000Z');
const ACTOR = { accountId: null, label: 'bench' };
const HOUR_MS = 3_600_000;

interface Prepared {
  dir: string;
  holdetFile: string;
  rawFile: string;
  seriesId: string;
  sessionId: string;
}

/** A fresh file database: migrated, the demo seeded, `n` confirmed registrations with attendees on 2027. */
async function prepare(n: number): Promise<Prepared> {
  const dir = mkdtempSync(join(tmpdir(), 'holdet-bench-programme-'));
  const holdetFile = join(dir, 'holdet.db');
  const rawFile = join(dir, 'raw.db');
  const database = openDatabase(`sqlite:${holdetFile}`);
  try {
    await migrateToLatest(database.db);
    await seedDemo(database.db, SEEDED_AT);
    const series = await database.db
      .selectFrom('series')
      .select('id')
      .where('slug', '=', SERIES_SLUG)
      .executeTakeFirstOrThrow();
    const session = await database.db
      .selectFrom('session')
      .select('id')
      .where('series_id', '=', series.id)
      .where('ordinal', '=', 1)
      .executeTakeFirstOrThrow();
    const at = SEEDED_AT.toISOString();
    await database.db.transaction().execute(async (tx) => {
      for (let start = 0; start < n; start += 100) {
        const people = Array.from({ length: Math.min(100, n - start) }, (_, i) => {
          const k = start + i + 1;
          return { k, id: randomUUID(), email: `deltager-${k}@jobcenter.example.dk` };
        });
        await tx
          .insertInto('registration')
          .values(
            people.map((p) => ({
              id: p.id,
              series_id: series.id,
              status: 'confirmed' as const,
              seq: p.k,
              attendee_email: p.email,
              lang: 'da',
              confirmed_at: at,
              awaiting_until: null,
              verified_at: at,
              form_digest: null,
              offered_at: null,
              offer_expires_at: null,
              cancelled_at: null,
              cancel_reason: null,
              created_at: at,
              updated_at: at,
            })),
          )
          .execute();
        await tx
          .insertInto('attendee')
          .values(
            people.map((p) => ({
              id: randomUUID(),
              registration_id: p.id,
              name: `Deltager ${p.k} Jensen`,
              email: p.email,
              phone: null,
              job_title: 'Jobkonsulent',
              management_level: 'none',
              dietary_needs: null,
              dietary_deleted_at: null,
              account_id: null,
              created_at: at,
              updated_at: at,
            })),
          )
          .execute();
      }
    });
    return { dir, holdetFile, rawFile, seriesId: series.id, sessionId: session.id };
  } finally {
    // Closing the only connection checkpoints the WAL into the file, so the copy below is the whole database.
    await database.close();
    copyFileSync(holdetFile, rawFile);
  }
}

/** The session's fields, and the same one hour later: each call moves it to the other, a real change. */
function twoTimes(current: SessionFields): [SessionFields, SessionFields] {
  const later = (iso: string) => new Date(new Date(iso).getTime() + HOUR_MS).toISOString();
  return [current, { ...current, startsAt: later(current.startsAt), endsAt: later(current.endsAt) }];
}

interface Timed {
  name: string;
  changes: number;
  changesPerSec: number;
  medianMs: number;
  p95Ms: number;
  /** CPU time of this process (user + system, GC threads included) per change. */
  cpuMsPerChange: number;
  mailsPerChange: number;
  /** The row this one is compared with; none for a baseline. */
  baseline?: Timed;
}

/**
 * Runs `change` back to back for `seconds` and at least `atLeast` times, timing each one; `change` returns how
 * many mails it queued.
 */
async function run(change: () => number | Promise<number>, seconds: number, atLeast = 1) {
  const times: number[] = [];
  let mails = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const until = started + seconds * 1000;
  let now = started;
  do {
    const before = now;
    const made = change();
    mails += made instanceof Promise ? await made : made;
    now = performance.now();
    times.push(now - before);
  } while (now < until || times.length < atLeast);
  const cpu = process.cpuUsage(cpuBefore);
  times.sort((a, b) => a - b);
  const percentile = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)] ?? 0;
  return {
    changes: times.length,
    changesPerSec: (times.length * 1000) / (now - started),
    medianMs: percentile(0.5),
    p95Ms: percentile(0.95),
    cpuMsPerChange: (cpu.user + cpu.system) / 1000 / times.length,
    mailsPerChange: mails / times.length,
  };
}

/** `change` timed after a warm-up (whose changes count for the checks, not for the numbers). */
async function measure(name: string, change: () => number | Promise<number>): Promise<Timed> {
  if (PROGRAMME.warmupS > 0) await run(change, PROGRAMME.warmupS);
  return { name, ...(await run(change, PROGRAMME.durationS, PROGRAMME.minChanges)) };
}

/** Holdet's saveSession on the prepared database, alternating the session between its two times. */
async function holdetChanger(database: Database, sessionId: string) {
  const deps: ProgrammeDeps = { database, clock: systemClock, baseUrl: 'https://holdet.example.dk' };
  const current = await sessionForEditing(database.db, sessionId);
  if (!current) throw new Error(`no session ${sessionId}`);
  const times = twoTimes(current);
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    async change(): Promise<number> {
      calls += 1;
      const fields = times[calls % 2] as SessionFields;
      const outcome = await saveSession(deps, sessionId, fields, ACTOR);
      if (outcome.kind !== 'saved' || outcome.told === null) {
        throw new Error(`change ${calls}: ${outcome.kind === 'saved' ? 'nobody told' : outcome.kind}`);
      }
      return outcome.told;
    },
  };
}

/** One mail as the floor writes it: the bytes of a real change mail, pre-rendered once. */
interface Template {
  subject: string;
  text: string;
  html: string;
  attachments: string;
}

/**
 * The floor: raw better-sqlite3 on the copy (the pragmas connect.ts sets), one BEGIN IMMEDIATE transaction
 * per change that moves the session and raises its SEQUENCE, and inserts one outbox row per recipient with
 * the template's body and attachment JSON. No lock read, no audit, no rendering.
 */
function rawChanger(file: string, sessionId: string, template: Template, recipients: string[]) {
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('secure_delete = ON');
  const row = sqlite.prepare('select starts_at, ends_at from session where id = ?').get(sessionId) as
    | { starts_at: string; ends_at: string }
    | undefined;
  if (!row) throw new Error(`no session ${sessionId} in the copy`);
  const later = (iso: string) => new Date(new Date(iso).getTime() + HOUR_MS).toISOString();
  const times = [
    [row.starts_at, row.ends_at],
    [later(row.starts_at), later(row.ends_at)],
  ];
  const update = sqlite.prepare(
    'update session set starts_at = ?, ends_at = ?, sequence = sequence + 1, updated_at = ? where id = ?',
  );
  const insert = sqlite.prepare(
    `insert into outbox (id, kind, to_address, subject, text_body, html_body, attachments, priority, renders,
       body_erased_at, status, attempts, next_attempt_at, locked_until, sent_at, last_error, created_at)
     values (?, 'session.changed', ?, ?, ?, ?, ?, 1, 0, null, 'pending', 0, ?, null, null, null, ?)`,
  );
  const write = sqlite.transaction((startsAt: string, endsAt: string) => {
    const at = new Date().toISOString();
    update.run(startsAt, endsAt, at, sessionId);
    for (const to of recipients) {
      insert.run(
        randomUUID(),
        to,
        template.subject,
        template.text,
        template.html,
        template.attachments,
        at,
        at,
      );
    }
  });
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    change(): number {
      calls += 1;
      const [startsAt, endsAt] = times[calls % 2] as [string, string];
      write.immediate(startsAt, endsAt);
      return recipients.length;
    },
    close: () => sqlite.close(),
  };
}

/** A full collection, a few times over with the event loop turning between, so finalisers run too. */
async function collect(): Promise<NodeJS.MemoryUsage> {
  const gc = globalThis.gc;
  if (!gc) throw new Error('no global gc: run with node --expose-gc');
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage();
}

interface MemoryResult {
  changes: number;
  before: NodeJS.MemoryUsage;
  after: NodeJS.MemoryUsage;
  /** Heap used after a GC at every quarter of the batch, to tell growth from noise. */
  heapSteps: number[];
}

async function memory(change: () => Promise<number>, count: number): Promise<MemoryResult> {
  const before = await collect();
  const heapSteps: number[] = [];
  const quarter = Math.max(1, Math.floor(count / 4));
  for (let i = 1; i <= count; i++) {
    await change();
    if (i % quarter === 0 && i < count) heapSteps.push((await collect()).heapUsed);
  }
  const after = await collect();
  heapSteps.push(after.heapUsed);
  return { changes: count, before, after, heapSteps };
}

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** What the Holdet database holds after `changes` changes with `told` mails each, `n` of them participants. */
function holdetChecks(
  file: string,
  p: Prepared,
  o: { n: number; changes: number; told: number; cast: number; versionBefore: number },
): Check[] {
  const sqlite = new SQLite(file, { readonly: true });
  try {
    const count = (text: string, ...params: unknown[]) =>
      Number((sqlite.prepare(text).get(...params) as { n: number }).n);
    const mails = count(`select count(*) as n from outbox where kind = 'session.changed'`);
    const toParticipants = count(
      `select count(*) as n from outbox where kind = 'session.changed' and to_address like 'deltager-%'`,
    );
    const session = sqlite.prepare('select sequence from session where id = ?').get(p.sessionId) as {
      sequence: number;
    };
    const version = (
      sqlite.prepare('select version from series where id = ?').get(p.seriesId) as {
        version: number;
      }
    ).version;
    const audits = count(
      `select count(*) as n from audit where entity = 'session' and action = 'session.update' and entity_id = ?`,
      p.sessionId,
    );

    // Every calendar file: one REQUEST with one VEVENT of the session's UID; per SEQUENCE 1..changes, one
    // file for each person told.
    const uid = sessionUid(p.sessionId);
    const perSequence = new Map<number, number>();
    let files = 0;
    const wrong: string[] = [];
    for (const r of sqlite
      .prepare(`select attachments from outbox where kind = 'session.changed'`)
      .iterate() as IterableIterator<{ attachments: string }>) {
      const attachments = JSON.parse(r.attachments) as StoredAttachment[];
      if (attachments.length !== 1) wrong.push(`${attachments.length} attachments`);
      for (const a of attachments) {
        files += 1;
        const { method, events } = readCalendar(Buffer.from(a.content ?? '', 'base64').toString('utf8'));
        const event = events[0];
        if (method !== 'REQUEST' || events.length !== 1 || event?.uid !== uid) {
          wrong.push(`METHOD ${method}, ${events.length} VEVENT(s), UID ${event?.uid}`);
          continue;
        }
        const sequence = Number(event.sequence);
        perSequence.set(sequence, (perSequence.get(sequence) ?? 0) + 1);
      }
    }
    const sequencesOk =
      perSequence.size === o.changes &&
      Array.from({ length: o.changes }, (_, i) => perSequence.get(i + 1)).every((c) => c === o.told);
    return [
      {
        name: `each change told ${o.n} participants + ${o.cast} of the session's cast (expert, facilitator)`,
        ok: o.told === o.n + o.cast,
        detail: `${o.told} mails per change`,
      },
      {
        name: 'mails queued = changes × N (participants), changes × told in all',
        ok: toParticipants === o.changes * o.n && mails === o.changes * o.told,
        detail: `${toParticipants} to participants, ${mails} session.changed mails, ${o.changes} changes`,
      },
      {
        name: "the session's SEQUENCE = number of changes, one audit line each, the series' version bumped each",
        ok: session.sequence === o.changes && audits === o.changes && version === o.versionBefore + o.changes,
        detail: `SEQUENCE ${session.sequence}, ${audits} session.update audit lines, version +${version - o.versionBefore}`,
      },
      {
        name: `every .ics parses (node-ical) as METHOD:REQUEST, one VEVENT, UID ${uid}`,
        ok: wrong.length === 0 && files === mails,
        detail: `${files} files${wrong.length ? `; ${wrong.length} wrong, first: ${wrong[0]}` : ''}`,
      },
      {
        name: `SEQUENCE 1..${o.changes} in the files, each in exactly ${o.told} of them`,
        ok: sequencesOk,
        detail: `${perSequence.size} distinct SEQUENCEs`,
      },
    ];
  } finally {
    sqlite.close();
  }
}

function rawChecks(file: string, sessionId: string, changes: number, told: number): Check {
  const sqlite = new SQLite(file, { readonly: true });
  try {
    const mails = Number(
      (
        sqlite.prepare(`select count(*) as n from outbox where kind = 'session.changed'`).get() as {
          n: number;
        }
      ).n,
    );
    const { sequence } = sqlite.prepare('select sequence from session where id = ?').get(sessionId) as {
      sequence: number;
    };
    return {
      name: 'raw floor: rows = changes × told, SEQUENCE = changes',
      ok: mails === changes * told && sequence === changes,
      detail: `${mails} rows, SEQUENCE ${sequence}, ${changes} changes`,
    };
  } finally {
    sqlite.close();
  }
}

interface ScenarioResult {
  n: number;
  raw: Timed;
  holdet: Timed;
  mem: MemoryResult;
  mailKB: number;
  checks: Check[];
}

async function scenario(n: number): Promise<ScenarioResult> {
  const p = await prepare(n);
  try {
    const database = openDatabase(`sqlite:${p.holdetFile}`);
    let holdet: Timed;
    let mem: MemoryResult;
    let calls: number;
    let versionBefore: number;
    let cast: number;
    try {
      const seriesRow = await database.db
        .selectFrom('series')
        .select('version')
        .where('id', '=', p.seriesId)
        .executeTakeFirstOrThrow();
      versionBefore = seriesRow.version;
      const session = await sessionForEditing(database.db, p.sessionId);
      cast = (
        await sessionCast(database.db, {
          seriesId: p.seriesId,
          sessionId: p.sessionId,
          expertPersonId: session?.expertId ?? null,
          facilitatorPersonId: session?.facilitatorId ?? null,
        })
      ).length;
      const changer = await holdetChanger(database, p.sessionId);
      holdet = await measure(`Holdet saveSession, N = ${n}`, () => changer.change());
      mem = await memory(() => changer.change(), PROGRAMME.memoryChanges);
      calls = changer.calls;
    } finally {
      await database.close();
    }

    // The floor writes the bytes of one of the mails just queued, to the same addresses.
    const probe = new SQLite(p.holdetFile, { readonly: true });
    let template: Template;
    let recipients: string[];
    try {
      const row = probe
        .prepare(
          `select subject, text_body, html_body, attachments from outbox where kind = 'session.changed'
            and to_address like 'deltager-%' order by created_at desc limit 1`,
        )
        .get() as { subject: string; text_body: string; html_body: string; attachments: string };
      template = {
        subject: row.subject,
        text: row.text_body,
        html: row.html_body,
        attachments: row.attachments,
      };
      const latest = (probe.prepare('select max(created_at) as at from outbox').get() as { at: string }).at;
      recipients = (
        probe.prepare('select to_address from outbox where created_at = ? order by rowid').all(latest) as {
          to_address: string;
        }[]
      ).map((r) => r.to_address);
    } finally {
      probe.close();
    }
    const raw = rawChanger(p.rawFile, p.sessionId, template, recipients);
    let rawResult: Timed;
    try {
      rawResult = await measure(`raw better-sqlite3, N = ${n}`, () => raw.change());
    } finally {
      raw.close();
    }
    holdet.baseline = rawResult;

    const told = holdet.mailsPerChange;
    const checks = [
      ...holdetChecks(p.holdetFile, p, { n, changes: calls, told, cast, versionBefore }),
      rawChecks(p.rawFile, p.sessionId, raw.calls, recipients.length),
      {
        name: 'raw floor writes as many rows per change as Holdet',
        ok: recipients.length === told,
        detail: `${recipients.length} vs ${told}`,
      },
    ];
    const mailKB =
      (Buffer.byteLength(template.text) +
        Buffer.byteLength(template.html) +
        Buffer.byteLength(template.attachments)) /
      1000;
    return { n, raw: rawResult, holdet, mem, mailKB, checks };
  } finally {
    rmSync(p.dir, { recursive: true, force: true });
  }
}

const ms = (n: number) => n.toFixed(n < 1 ? 3 : n < 10 ? 2 : 1);

async function main(): Promise<number> {
  console.log(
    `programme: saveSession moving a session of the 2027 hold, one change after the other, ` +
      `${PROGRAMME.durationS} s (at least ${PROGRAMME.minChanges} changes) after a ${PROGRAMME.warmupS} s ` +
      'warm-up, SQLite file (WAL); ' +
      `memory over ${PROGRAMME.memoryChanges} changes (node --expose-gc, full GC before each reading)\n`,
  );
  const results: ScenarioResult[] = [];
  for (const n of SIZES) results.push(await scenario(n));

  const rows = results.flatMap((r) => [r.raw, r.holdet]);
  printTable([
    ['one change', 'changes', 'changes/s', 'median ms', 'p95 ms', 'CPU ms', 'mails', 'ratio'],
    ...rows.map((r) => [
      r.name,
      String(r.changes),
      r.changesPerSec.toFixed(r.changesPerSec < 100 ? 1 : 0),
      ms(r.medianMs),
      ms(r.p95Ms),
      ms(r.cpuMsPerChange),
      String(r.mailsPerChange),
      r.baseline ? (r.baseline.changesPerSec / r.changesPerSec).toFixed(1) : '1.0',
    ]),
  ]);
  console.log(
    '\n(wall time per change, one after the other; CPU ms: this process per change, GC threads included;' +
      ' mails: outbox rows per change (participants + expert + facilitator); ratio: Holdet / raw, time per' +
      ' change, measured in the same run)',
  );
  for (const r of results) {
    console.log(
      `(N = ${r.n}: one mail is ${r.mailKB.toFixed(1)} KB of text, HTML and attachment JSON; ` +
        `${ms(r.holdet.medianMs / r.holdet.mailsPerChange)} ms per mail in Holdet, ` +
        `${ms(r.raw.medianMs / r.raw.mailsPerChange)} in the floor, medians)`,
    );
  }
  console.log('');

  printTable([
    ['memory after a full GC', 'before', 'after', 'growth', 'heap after each quarter'],
    ...results.flatMap((r) =>
      (
        [
          ['heap used', 'heapUsed'],
          ['RSS', 'rss'],
        ] as const
      ).map(([label, key]) => [
        `N = ${r.n}, ${r.mem.changes} changes: ${label}, MiB`,
        mib(r.mem.before[key]),
        mib(r.mem.after[key]),
        signedMib(r.mem.after[key] - r.mem.before[key]),
        key === 'heapUsed' ? r.mem.heapSteps.map(mib).join(', ') : '',
      ]),
    ),
  ]);
  console.log('');

  let ok = true;
  for (const r of results) {
    for (const c of r.checks) {
      ok &&= c.ok;
      console.log(`${c.ok ? 'OK     ' : 'FAILED '}  N = ${r.n}: ${c.name} (${c.detail})`);
    }
  }
  return ok ? 0 : 1;
}

if (typeof globalThis.gc !== 'function') {
  // Started without --expose-gc (e.g. `tsx bench/programme.ts`): once more with it, in a child.
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url)],
    { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: 'inherit' },
  );
  process.exit(child.status ?? 1);
} else {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(
        'FAILED   programme bench:',
        error instanceof Error ? (error.stack ?? error.message) : error,
      );
      process.exit(1);
    },
  );
}
