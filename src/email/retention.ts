import type { Database, Executor } from '../db/database.ts';
import type { Clock } from '../shared/clock.ts';
import { every } from '../shared/periodic.ts';
import * as q from './queries.ts';

// Mail bodies hold sign-in links, codes and personal data. Once a mail is sent (or given up), its content is
// of no further use to anyone: after MAIL_BODY_RETENTION_DAYS it is erased, and the row keeps only who it
// went to, its kind, subject, status and times (subjects carry no names, codes or links; see CONTEXT.md).

const DAY_MS = 24 * 60 * 60_000;
const ERASE_CHUNK = 500;

/** Erases the bodies of every mail sent (or given up) more than `days` days before `now`; returns how many. */
export async function eraseExpiredBodies(db: Executor, now: Date, days: number): Promise<number> {
  const cutoff = new Date(now.getTime() - days * DAY_MS).toISOString();
  let erased = 0;
  // In chunks, so one sweep after a long pause never holds the write lock for long.
  for (;;) {
    const n = await q.eraseBodies(db, cutoff, now.toISOString(), ERASE_CHUNK);
    erased += n;
    if (n < ERASE_CHUNK) return erased;
  }
}

/** Runs the erasure at once and then every `intervalMs` (default hourly) until stopped; server.ts starts it. */
export function startBodyRetentionJob(options: {
  database: Database;
  clock: Clock;
  days: number;
  intervalMs?: number;
  onErased?: (count: number) => void;
  onError?: (error: unknown) => void;
}): { stop(): Promise<void> } {
  return every(
    options.intervalMs ?? 60 * 60_000,
    async () => {
      const n = await eraseExpiredBodies(options.database.db, options.clock.now(), options.days);
      if (n > 0) options.onErased?.(n);
    },
    options.onError,
    { immediately: true },
  );
}
