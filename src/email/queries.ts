import type { Selectable } from 'kysely';
import type { Dialect, Executor } from '../db/database.ts';
import type { OutboxStatus, OutboxTable } from './table.ts';

// All SQL of the email module.

export type OutboxRow = Selectable<OutboxTable>;

/**
 * Claims up to `limit` due mails for one worker, oldest first, by setting `locked_until` to `leaseUntil`.
 * One statement, so the choice and the claim are one atomic step: on PostgreSQL the inner select takes
 * the rows FOR UPDATE SKIP LOCKED (a concurrent claim skips them instead of waiting, and re-checks the
 * lock column if it had to wait); on SQLite the statement holds the database's write lock.
 */
export async function claimDue(
  db: Executor,
  dialect: Dialect,
  now: string,
  leaseUntil: string,
  limit: number,
): Promise<OutboxRow[]> {
  const rows = await db
    .updateTable('outbox')
    .set({ locked_until: leaseUntil })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('outbox')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .where((w) => w.or([w('locked_until', 'is', null), w('locked_until', '<=', now)]))
        .orderBy('created_at')
        .orderBy('id')
        .limit(limit)
        .$if(dialect === 'postgres', (q) => q.forUpdate().skipLocked()),
    )
    .returningAll()
    .execute();
  // RETURNING keeps no order.
  return rows.sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
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
