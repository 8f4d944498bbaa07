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
 * transaction: on PostgreSQL a counter row stays locked until the statement's transaction ends.
 */
export async function takeLimits(
  db: Executor,
  checks: readonly LimitCheck[],
  now: Date,
): Promise<LimitVerdict> {
  const byKey = new Map<string, LimitCheck>();
  for (const check of checks) byKey.set(counterKey(check.rule, check.subject), check);
  const keys = [...byKey.keys()].sort();
  const rows = await q.bumpCounters(
    db,
    keys.map((key) => {
      const { limit } = byKey.get(key) as LimitCheck;
      return {
        key,
        window_start: rateWindowStart(now, limit).toISOString(),
        expires_at: rateWindowEnd(now, limit).toISOString(),
      };
    }),
  );
  let retryAt: Date | null = null;
  const rules: string[] = [];
  for (const row of rows) {
    const check = byKey.get(row.key);
    if (!check || !overLimit(row.count, check.limit)) continue;
    rules.push(check.rule);
    const end = new Date(row.expires_at);
    if (!retryAt || end > retryAt) retryAt = end;
  }
  return retryAt ? { limited: true, retryAt, rules: rules.sort() } : { limited: false };
}

/** Counts a registration form per IP, per participant email and per invoice-contact email. */
export function takeRegistrationLimits(
  db: Executor,
  limits: RateLimits,
  input: { ip: string; participantEmail: string; invoiceContactEmail: string },
  now: Date,
): Promise<LimitVerdict> {
  return takeLimits(
    db,
    [
      { rule: 'registration:ip', limit: limits.registrationIp, subject: input.ip },
      { rule: 'registration:email', limit: limits.registrationEmail, subject: input.participantEmail },
      {
        rule: 'registration:invoice-email',
        limit: limits.registrationInvoiceEmail,
        subject: input.invoiceContactEmail,
      },
    ],
    now,
  );
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
