import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTransport } from 'nodemailer';
import { openDatabase } from '../src/db/connect.ts';
import type { Database } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { smtpMailer } from '../src/email/mailer.ts';
import { enqueueMail, type OutgoingMail } from '../src/email/outbox.ts';
import { messageIdFor } from '../src/email/rules.ts';
import { IDLE_POLL_MS, OutboxWorker } from '../src/email/worker.ts';
import { signInMail } from '../src/modules/auth/emails.ts';
import { systemClock } from '../src/shared/clock.ts';
import { fromEnv } from './lib.ts';

// `npm run bench:mail` (and the last section of `npm run bench`): how fast Holdet's outbox worker delivers,
// against a floor measured in the same run, and how long a mail a person waits for takes to arrive.
// - A minimal SMTP server that discards the data, in a process of its own (bench/smtp-sink.ts).
// - (a) baseline: a raw nodemailer loop in this process, pooled with the same connections and the same
//   number of mails in flight, sending the same mails: what SMTP itself costs.
// - (b) Holdet: the outbox worker (SQLite file database, WAL, as one instance runs it) delivering N queued
//   mails without a PDF, each claimed, sent and marked sent; mails/s and the ratio to (a).
// - (c) urgent under load: with M normal mails waiting and the worker busy with them, one urgent mail is
//   enqueued (as a sign-in does); the time until the SMTP server has it.
// - (d) urgent into an idle outbox: the worker is waiting for its next poll (IDLE_POLL_MS).
// Prints the numbers and whether the goals are met; exits non-zero only when something is wrong (a mail
// not delivered or not marked sent, a timeout).

const MAIL = {
  count: fromEnv('BENCH_MAIL_COUNT', 2000, 10),
  warmup: fromEnv('BENCH_MAIL_WARMUP', 200, 0),
  waiting: fromEnv('BENCH_MAIL_WAITING', 5000, 10),
  pool: fromEnv('BENCH_MAIL_POOL', 5, 1),
};

const GOALS = { mailsPerSec: 100, urgentMs: 2000 };

const FROM = 'Holdet <noreply@holdet.local>';
const SITE = { name: 'Væksthusets Kompetencecenter', email: 'kompetencecenter@example.dk' };

/** The real sign-in template, as the normal backlog (priority normal) or as the urgent one. */
function benchMail(n: number | string, priority: 'urgent' | 'normal' = 'normal'): OutgoingMail {
  const mail = signInMail({
    lang: 'da',
    to: priority === 'urgent' ? `urgent@bench.example` : `deltager-${n}@bench.example`,
    link: `https://holdet.example.dk/log-ind/${String(n).padStart(43, 'x')}`,
    code: String(100_000 + (Number(n) % 900_000 || 0)).slice(0, 6),
    site: SITE,
  });
  return { ...mail, priority };
}

interface Sink {
  url: string;
  /** Resolves when the sink has received `count` messages from now on (performance.now() of the notice). */
  watch(count: number): Promise<{ reached: Promise<number> }>;
  /** Resolves at the next urgent@ message. */
  nextUrgent(): Promise<number>;
  stop(): Promise<void>;
}

async function startSink(): Promise<Sink> {
  const child: ChildProcess = fork(fileURLToPath(new URL('smtp-sink.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiters: { type: string; resolve: (at: number) => void }[] = [];
  let port = 0;
  child.on('message', (message: { type: string; port?: number }) => {
    const at = performance.now();
    if (message.type === 'ready') port = message.port ?? 0;
    const index = waiters.findIndex((w) => w.type === message.type);
    if (index >= 0) waiters.splice(index, 1)[0]?.resolve(at);
  });
  const next = (type: string) => new Promise<number>((resolve) => waiters.push({ type, resolve }));
  await withTimeout(next('ready'), 30_000, 'the SMTP sink did not start');
  return {
    url: `smtp://127.0.0.1:${port}`,
    async watch(count) {
      const watching = next('watching');
      child.send({ type: 'watch', count });
      await watching;
      return { reached: next('reached') };
    },
    nextUrgent: () => next('urgent'),
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} (after ${ms} ms)`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** (a) A raw pooled nodemailer loop: `count` mails with `pool` in flight; mails/s. */
async function rawLoop(sink: Sink, mails: OutgoingMail[]): Promise<number> {
  const transport = createTransport({ url: sink.url, pool: true, maxConnections: MAIL.pool });
  try {
    const send = async (list: OutgoingMail[]) => {
      const { reached } = await sink.watch(list.length);
      const started = performance.now();
      let next = 0;
      const lane = async () => {
        while (next < list.length) {
          const n = next++;
          const mail = list[n] as OutgoingMail;
          await transport.sendMail({
            messageId: messageIdFor(`raw-${n}`, FROM),
            from: FROM,
            to: mail.to,
            subject: mail.subject,
            text: mail.text,
            html: mail.html,
          });
        }
      };
      await Promise.all(Array.from({ length: MAIL.pool }, lane));
      const done = await withTimeout(reached, 120_000, 'the raw loop did not finish');
      return list.length / ((done - started) / 1000);
    };
    if (MAIL.warmup > 0) await send(mails.slice(0, MAIL.warmup));
    return await send(mails);
  } finally {
    transport.close();
  }
}

interface Outbox {
  database: Database;
  enqueue(mails: OutgoingMail[]): Promise<void>;
  counts(): Promise<Record<string, number>>;
  remove(): Promise<void>;
}

async function sqliteOutbox(): Promise<Outbox> {
  const dir = mkdtempSync(join(tmpdir(), 'holdet-bench-mail-'));
  const database = openDatabase(`sqlite:${join(dir, 'holdet.db')}`);
  await migrateToLatest(database.db);
  return {
    database,
    async enqueue(mails) {
      await database.db.transaction().execute(async (tx) => {
        for (const mail of mails) await enqueueMail(tx, mail, systemClock.now());
      });
    },
    async counts() {
      const rows = await database.db
        .selectFrom('outbox')
        .select(({ fn }) => ['status', fn.countAll<number>().as('n')])
        .groupBy('status')
        .execute();
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    },
    async remove() {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function newWorker(outbox: Outbox, sink: Sink): { worker: OutboxWorker; close(): void } {
  const mailer = smtpMailer(sink.url, { poolSize: MAIL.pool });
  const worker = new OutboxWorker({
    database: outbox.database,
    mailer,
    clock: systemClock,
    from: FROM,
    intervalMs: IDLE_POLL_MS,
  });
  return { worker, close: () => mailer.close() };
}

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** (b) The worker drains `mails` from the outbox: mails/s from start() to the last one at the sink. */
async function workerThroughput(sink: Sink, mails: OutgoingMail[], checks: Check[]): Promise<number> {
  const outbox = await sqliteOutbox();
  const { worker, close } = newWorker(outbox, sink);
  try {
    const drain = async (list: OutgoingMail[]) => {
      await outbox.database.db.deleteFrom('outbox').execute();
      await outbox.enqueue(list);
      const { reached } = await sink.watch(list.length);
      const started = performance.now();
      worker.start();
      const done = await withTimeout(reached, 120_000, 'the worker did not deliver every mail');
      await worker.stop();
      return list.length / ((done - started) / 1000);
    };
    if (MAIL.warmup > 0) await drain(mails.slice(0, MAIL.warmup));
    const perSec = await drain(mails);
    const counts = await outbox.counts();
    checks.push({
      name: `all ${mails.length} mails marked sent, none twice`,
      ok: counts.sent === mails.length && Object.keys(counts).length === 1,
      detail: JSON.stringify(counts),
    });
    return perSec;
  } finally {
    await worker.stop();
    close();
    await outbox.remove();
  }
}

/** (c) and (d): ms from enqueueing an urgent mail to the sink having it, under load and when idle. */
async function urgentLatency(
  sink: Sink,
  checks: Check[],
): Promise<{ busyMs: number; waitingAhead: number; idleMs: number }> {
  const outbox = await sqliteOutbox();
  const { worker, close } = newWorker(outbox, sink);
  try {
    await outbox.enqueue(Array.from({ length: MAIL.waiting }, (_, n) => benchMail(n)));
    const { reached } = await sink.watch(MAIL.waiting + 1);
    worker.start();
    // Let the worker get going on the backlog, then a person asks for a sign-in code.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const urgent = sink.nextUrgent();
    const started = performance.now();
    await outbox.database.db.transaction().execute(async (tx) => {
      await enqueueMail(tx, benchMail('hast', 'urgent'), systemClock.now());
    });
    const waitingAhead = (await outbox.counts()).pending ?? 0;
    const arrived = await withTimeout(urgent, 60_000, 'the urgent mail did not arrive');
    const busyMs = arrived - started;
    await withTimeout(reached, 180_000, 'the backlog was not delivered');
    checks.push({
      name: 'the urgent mail overtook normal mails that were still waiting',
      ok: waitingAhead > 1,
      detail: `${waitingAhead - 1} normal mails pending when it was enqueued`,
    });

    // (d) Nothing to do: the worker sleeps between polls. Measured a few times, the worst one reported.
    let idleMs = 0;
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, IDLE_POLL_MS * 1.3 + i * 250));
      const next = sink.nextUrgent();
      const t0 = performance.now();
      await enqueueMail(outbox.database.db, benchMail(`idle-${i}`, 'urgent'), systemClock.now());
      idleMs = Math.max(
        idleMs,
        (await withTimeout(next, 30_000, 'the idle urgent mail did not arrive')) - t0,
      );
    }
    await worker.stop();
    const counts = await outbox.counts();
    checks.push({
      name: `all ${MAIL.waiting + 4} mails of the urgent runs marked sent`,
      ok: counts.sent === MAIL.waiting + 4 && Object.keys(counts).length === 1,
      detail: JSON.stringify(counts),
    });
    return { busyMs, waitingAhead: waitingAhead - 1, idleMs };
  } finally {
    await worker.stop();
    close();
    await outbox.remove();
  }
}

export async function mailBench(): Promise<number> {
  console.log(
    `mail: ${MAIL.count} mails (sign-in template, no PDF) after a warm-up of ${MAIL.warmup}, ` +
      `pool of ${MAIL.pool} SMTP connections, to a discarding SMTP server in its own process\n`,
  );
  const sink = await startSink();
  const checks: Check[] = [];
  try {
    const mails = Array.from({ length: MAIL.count }, (_, n) => benchMail(n));
    const raw = await rawLoop(sink, mails);
    const holdet = await workerThroughput(sink, mails, checks);
    const urgent = await urgentLatency(sink, checks);
    const ratio = holdet / raw;
    const rows = [
      ['', 'mails/s', 'ratio'],
      [`(a) raw nodemailer loop, pooled, ${MAIL.pool} in flight`, raw.toFixed(0), '1.00'],
      [`(b) Holdet outbox worker, SQLite, ${MAIL.count} queued mails`, holdet.toFixed(0), ratio.toFixed(2)],
    ];
    const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]?.length ?? 0)));
    for (const r of rows) {
      console.log(
        r
          .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
          .join('  '),
      );
    }
    console.log(
      `(c) urgent mail with ${urgent.waitingAhead.toLocaleString('en')} normal mails waiting: ` +
        `at the SMTP server after ${urgent.busyMs.toFixed(0)} ms`,
    );
    console.log(
      `(d) urgent mail into an idle outbox (poll every ${IDLE_POLL_MS} ms): worst of 3 ${urgent.idleMs.toFixed(0)} ms\n`,
    );
    const line = (met: boolean, text: string) => console.log(`${met ? 'MET    ' : 'NOT MET'}  ${text}`);
    line(holdet >= GOALS.mailsPerSec, `outbox worker ${holdet.toFixed(0)} mails/s ≥ ${GOALS.mailsPerSec}`);
    line(
      urgent.busyMs < GOALS.urgentMs,
      `urgent mail behind ${urgent.waitingAhead} waiting arrives in ${urgent.busyMs.toFixed(0)} ms < ${GOALS.urgentMs} ms`,
    );
    line(
      urgent.idleMs < GOALS.urgentMs,
      `urgent mail into an idle outbox arrives in ${urgent.idleMs.toFixed(0)} ms < ${GOALS.urgentMs} ms`,
    );
  } finally {
    await sink.stop();
  }
  let failed = false;
  for (const check of checks) {
    if (!check.ok) failed = true;
    console.log(`${check.ok ? 'OK     ' : 'FAILED '}  ${check.name} (${check.detail})`);
  }
  return failed ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  mailBench().then(
    (code) => process.exit(code),
    (error) => {
      console.error('mail bench failed:', error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
