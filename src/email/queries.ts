import type { Selectable } from 'kysely';
import type { Dialect, Executor } from '../db/database.ts';
import type { OutboxStatus, OutboxTable } from './table.ts';

// All SQL of the email module.

export type OutboxRow = Selectable<OutboxTable>;

/**
 * Claims up to `limit` due mails for one worker, urgent before normal, then oldest first, by setting
 * `locked_until` to `leaseUntil`. `renders` narrows it to mails that do (true) or do not (false) make an
 * attachment at send time. One statement, so the choice and the claim are one atomic step: on PostgreSQL
 * the inner select takes the rows FOR UPDATE SKIP LOCKED (a concurrent claim skips them instead of waiting,
 * and re-checks the lock column if it had to wait); on SQLite the statement holds the database's write lock.
 */
export async function claimDue(
  db: Executor,
  dialect: Dialect,
  now: string,
  leaseUntil: string,
  limit: number,
  options: { renders?: boolean } = {},
): Promise<OutboxRow[]> {
  if (limit <= 0) return [];
  const { renders } = options;
  const rows = await db
    .updateTable('outbox')
    .set({ locked_until: leaseUntil })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('outbox')
        .select('id')
        .where('status', '=', 'pending')
        .$if(renders !== undefined, (q) => q.where('renders', '=', renders ? 1 : 0))
        .where('next_attempt_at', '<=', now)
        .where((w) => w.or([w('locked_until', 'is', null), w('locked_until', '<=', now)]))
        .orderBy('priority')
        .orderBy('created_at')
        .orderBy('id')
        .limit(limit)
        .$if(dialect === 'postgres', (q) => q.forUpdate().skipLocked()),
    )
    .returningAll()
    .execute();
  // RETURNING keeps no order.
  return rows.sort(claimOrder);
}

/** The order mails are claimed in: urgent first, then oldest. */
export function claimOrder(a: OutboxRow, b: OutboxRow): number {
  return a.priority - b.priority || a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id);
}

/** Marks a claimed mail sent. False if the claim was lost (the lease ran out and another worker took it). */
export async function markSent(db: Executor, id: string, leaseUntil: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({ status: 'sent', sent_at: now, locked_until: null, last_error: null })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('locked_until', '=', leaseUntil)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records a failed attempt on a claimed mail and lets go of it. */
export async function markFailedAttempt(
  db: Executor,
  id: string,
  leaseUntil: string,
  outcome: {
    attempts: number;
    status: Extract<OutboxStatus, 'pending' | 'failed'>;
    nextAttemptAt: string;
    lastError: string;
  },
): Promise<void> {
  await db
    .updateTable('outbox')
    .set({
      status: outcome.status,
      attempts: outcome.attempts,
      next_attempt_at: outcome.nextAttemptAt,
      last_error: outcome.lastError,
      locked_until: null,
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('locked_until', '=', leaseUntil)
    .execute();
}

/** Gives claimed but unsent mails back, so the next round (of any worker) takes them. */
export async function release(db: Executor, ids: string[], leaseUntil: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('outbox')
    .set({ locked_until: null })
    .where('id', 'in', ids)
    .where('status', '=', 'pending')
    .where('locked_until', '=', leaseUntil)
    .execute();
}

/**
 * Erases what a finished mail said — text, HTML and attachments (their content and names) — once it is
 * older than `cutoff`: a sent mail by when it was sent, a given-up one by when it was written. Who it went
 * to, its kind, subject and times stay. At most `limit` mails per call; returns how many it erased.
 */
export async function eraseBodies(db: Executor, cutoff: string, now: string, limit: number): Promise<number> {
  const result = await db
    .updateTable('outbox')
    .set({ text_body: '', html_body: '', attachments: '[]', body_erased_at: now })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('outbox')
        .select('id')
        .where('body_erased_at', 'is', null)
        .where((w) =>
          w.or([
            w.and([w('status', '=', 'sent'), w('sent_at', '<=', cutoff)]),
            w.and([w('status', '=', 'failed'), w('created_at', '<=', cutoff)]),
          ]),
        )
        .limit(limit),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export type MailboxRow = Pick<OutboxRow, 'id' | 'kind' | 'to_address' | 'subject' | 'status' | 'created_at'>;

/** The newest mails first, for the mailbox page. */
export async function recentMails(db: Executor, limit: number): Promise<MailboxRow[]> {
  return db
    .selectFrom('outbox')
    .select(['id', 'kind', 'to_address', 'subject', 'status', 'created_at'])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function mailById(db: Executor, id: string): Promise<OutboxRow | undefined> {
  return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
}
