import { createHash } from 'node:crypto';
import type { Executor } from '../../db/database.ts';
import type { Clock } from '../../shared/clock.ts';
import { every } from '../../shared/periodic.ts';
import * as q from './queries.ts';
import {
  normaliseSubject,
  overLimit,
  type RateLimit,
  type RateLimits,
  rateWindowEnd,
  rateWindowStart,
} from './rules.ts';

// The one rate limiter: fixed windows counted in the database, so every instance sees the same counts.
// Other modules call only this file.

export type { RateLimit, RateLimits } from './rules.ts';
export { DEFAULT_RATE_LIMITS, retryAfterSeconds } from './rules.ts';

/** One counter to count this request against: a rule name, its limit, and whom it counts (an IP, an email). */
export interface LimitCheck {
  rule: string;
  limit: RateLimit;
  subject: string;
}

export type LimitVerdict =
  | { limited: false }
  /** `retryAt`: when every counter that is over its limit starts a new window. */
  | { limited: true; retryAt: Date; rules: string[] };

/** The stored key: the rule and a hash of the subject, so the table holds no email or IP address. */
export function counterKey(rule: string, subject: string): string {
  return `${rule}:${createHash('sha256').update(normaliseSubject(subject)).digest('hex')}`;
}

/**
 * Counts this request against every check (all of them, also when one is already over: a refused request
 * still counts) in one statement, and says whether any is over its limit. Run it outside a long
 * transaction, or inside one only after that transaction's own locks: on PostgreSQL a counter row stays
 * locked until the statement's transaction ends.
 */
export async function takeLimits(
  db: Executor,
  checks: readonly LimitCheck[],
  now: Date,
): Promise<LimitVerdict> {
  return (await takeLimitsInOrder(db, [checks], now))[0] ?? { limited: false };
}

/**
 * takeLimits for several requests that arrive together, in their order, in ONE statement: each counter
 * row is bumped once by the number of requests that count into it, and request i is judged by the count it
 * would have seen alone (the count before the batch plus its place among them).
 */
export async function takeLimitsInOrder(
  db: Executor,
  requests: readonly (readonly LimitCheck[])[],
  now: Date,
): Promise<LimitVerdict[]> {
  const byKey = new Map<string, { check: LimitCheck; by: number }>();
  // For each request, its checks with their key and their place (1, 2, …) among the batch's for that key.
  const placed = requests.map((checks) =>
    checks.map((check) => {
      const key = counterKey(check.rule, check.subject);
      const entry = byKey.get(key) ?? { check, by: 0 };
      entry.by += 1;
      byKey.set(key, entry);
      return { key, check, place: entry.by };
    }),
  );
  const keys = [...byKey.keys()].sort();
  const rows = await q.bumpCounters(
    db,
    keys.map((key) => {
      const { check, by } = byKey.get(key) as { check: LimitCheck; by: number };
      return {
        key,
        window_start: rateWindowStart(now, check.limit).toISOString(),
        expires_at: rateWindowEnd(now, check.limit).toISOString(),
        by,
      };
    }),
  );
  const after = new Map(rows.map((r) => [r.key, r]));
  return placed.map((checks) => {
    let retryAt: Date | null = null;
    const rules: string[] = [];
    for (const { key, check, place } of checks) {
      const row = after.get(key);
      const total = byKey.get(key)?.by ?? 0;
      if (!row || !overLimit(row.count - total + place, check.limit)) continue;
      rules.push(check.rule);
      const end = new Date(row.expires_at);
      if (!retryAt || end > retryAt) retryAt = end;
    }
    return retryAt ? { limited: true, retryAt, rules: rules.sort() } : { limited: false };
  });
}

/** The three counters a registration form counts into: per IP, participant email and invoice contact. */
export function registrationChecks(
  limits: RateLimits,
  input: { ip: string; participantEmail: string; invoiceContactEmail: string },
): LimitCheck[] {
  return [
    { rule: 'registration:ip', limit: limits.registrationIp, subject: input.ip },
    { rule: 'registration:email', limit: limits.registrationEmail, subject: input.participantEmail },
    {
      rule: 'registration:invoice-email',
      limit: limits.registrationInvoiceEmail,
      subject: input.invoiceContactEmail,
    },
  ];
}

/** Deletes counters whose window has ended; returns how many. */
export function deleteExpiredCounters(db: Executor, now: Date): Promise<number> {
  return q.deleteExpiredCounters(db, now.toISOString());
}

/** Deletes ended counters every `intervalMs` (default 5 minutes), so `rate_limit` does not only grow. */
export function startCounterCleanup(
  db: Executor,
  clock: Clock,
  options: { intervalMs?: number; onError?: (error: unknown) => void } = {},
): { stop(): Promise<void> } {
  return every(
    options.intervalMs ?? 5 * 60_000,
    () => deleteExpiredCounters(db, clock.now()),
    options.onError,
  );
}
