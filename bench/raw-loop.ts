import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { openDatabase } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { seedDemoIfEmpty } from '../src/modules/series/demo.ts';
import type { LoadResult } from './lib.ts';

// The floor under the registration rush: what the seat decision costs on bare better-sqlite3, in this
// process, with no HTTP, no validation, no mail. Each iteration is the minimum a registration must do:
// BEGIN IMMEDIATE; count the confirmed seats; insert one registration row; COMMIT.

/** Runs the loop on a fresh copy of Holdet's schema (migrated, demo seeded) with the app's pragmas. */
export async function rawRegistrationLoop(
  slug: string,
  iterations: number,
  capacity: number,
): Promise<{ result: LoadResult; confirmed: number; waitlisted: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'holdet-bench-raw-'));
  const file = join(dir, 'raw.db');
  try {
    const prepared = openDatabase(`sqlite:${file}`);
    try {
      await migrateToLatest(prepared.db);
      await seedDemoIfEmpty(prepared.db, new Date());
    } finally {
      await prepared.close();
    }

    const sqlite = new SQLite(file);
    try {
      // The same pragmas as src/db/connect.ts.
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('foreign_keys = ON');
      sqlite.pragma('busy_timeout = 5000');
      sqlite.pragma('synchronous = NORMAL');
      const series = sqlite.prepare('select id from series where slug = ?').get(slug) as
        | { id: string }
        | undefined;
      if (!series) throw new Error(`no series ${slug} in the raw loop's database`);
      const begin = sqlite.prepare('begin immediate');
      const commit = sqlite.prepare('commit');
      const countConfirmed = sqlite
        .prepare(`select count(*) as n from registration where series_id = ? and status = 'confirmed'`)
        .pluck();
      const insert = sqlite.prepare(
        `insert into registration (id, series_id, status, seq, attendee_email, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?)`,
      );
      // The same parts Holdet writes (decision 0009): the attendee in a table of its own.
      const insertAttendee = sqlite.prepare(
        `insert into attendee (id, registration_id, name, email, job_title, management_level, created_at,
           updated_at)
         values (?, ?, ?, ?, '', '', ?, ?)`,
      );

      const latencies: number[] = [];
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      for (let i = 1; i <= iterations; i++) {
        const t0 = performance.now();
        begin.run();
        const confirmed = countConfirmed.get(series.id) as number;
        const at = new Date().toISOString();
        const id = crypto.randomUUID();
        const email = `raw-${i}@jobcenter.example.dk`;
        insert.run(id, series.id, confirmed < capacity ? 'confirmed' : 'waitlisted', i, email, at, at);
        insertAttendee.run(crypto.randomUUID(), id, `Rå ${i}`, email, at, at);
        commit.run();
        latencies.push(performance.now() - t0);
      }
      const seconds = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(cpuBefore);

      const counts = sqlite
        .prepare('select status, count(*) as n from registration where series_id = ? group by status')
        .all(series.id) as { status: string; n: number }[];
      latencies.sort((a, b) => a - b);
      const percentile = (p: number) =>
        latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)] ?? 0;
      return {
        result: {
          reqPerSec: iterations / seconds,
          cpuMicrosPerReq: (cpu.user + cpu.system) / iterations,
          p50Ms: percentile(0.5),
          p99Ms: percentile(0.99),
          total: iterations,
          non2xx: 0,
          socketErrors: 0,
        },
        confirmed: counts.find((c) => c.status === 'confirmed')?.n ?? 0,
        waitlisted: counts.find((c) => c.status === 'waitlisted')?.n ?? 0,
      };
    } finally {
      sqlite.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
