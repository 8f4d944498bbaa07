import type { Insertable } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { NotificationKind, NotificationTable } from './table.ts';

// All SQL of the notifications module: its own tables only (notification, notification_choice,
// notification_digest, notification_key).

export async function linkSecret(db: Executor): Promise<string> {
  const row = await db
    .selectFrom('notification_key')
    .select('secret')
    .where('id', '=', 'choice-link')
    .executeTakeFirstOrThrow();
  return row.secret;
}

/** The choices these accounts made (no row: the default). */
export function choicesOf(db: Executor, accountIds: readonly string[]) {
  if (accountIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('notification_choice')
    .select(['account_id', 'kind', 'choice'])
    .where('account_id', 'in', [...accountIds])
    .execute();
}

export async function saveChoice(
  db: Executor,
  row: {
    account_id: string;
    kind: NotificationKind;
    choice: NotificationTable['delivery'];
    updated_at: string;
  },
): Promise<void> {
  await db
    .insertInto('notification_choice')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['account_id', 'kind']).doUpdateSet({ choice: row.choice, updated_at: row.updated_at }),
    )
    .execute();
}

/** Inserts each row unless its (account, key) is stored already; returns the ids of those inserted. */
export async function insertNew(
  db: Executor,
  rows: readonly Insertable<NotificationTable>[],
): Promise<Set<string>> {
  const inserted = new Set<string>();
  // At most 50 rows (700 values) per statement: within every engine's limit on bound values.
  for (let i = 0; i < rows.length; i += 50) {
    const done = await db
      .insertInto('notification')
      .values(rows.slice(i, i + 50))
      .onConflict((oc) => oc.columns(['account_id', 'dedup_key']).doNothing())
      .returning('id')
      .execute();
    for (const r of done) inserted.add(r.id);
  }
  return inserted;
}

/** A person's newest notifications. */
export function recentOf(db: Executor, accountId: string, limit: number) {
  return db
    .selectFrom('notification')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function markRead(
  db: Executor,
  accountId: string,
  ids: readonly string[],
  at: string,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('notification')
    .set({ read_at: at })
    .where('account_id', '=', accountId)
    .where('id', 'in', [...ids])
    .where('read_at', 'is', null)
    .execute();
}

export async function unreadCount(db: Executor, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('notification')
    .select((e) => e.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Accounts with digest notifications not yet mailed (made before `before`) and no digest for `day` yet: one
 * page, by account id, after `after`.
 */
export function accountsWithPending(
  db: Executor,
  at: { before: string; day: string; after: string | null },
  limit: number,
) {
  let query = db
    .selectFrom('notification as n')
    .select('n.account_id')
    .distinct()
    .where('n.delivery', '=', 'digest')
    .where('n.mailed_at', 'is', null)
    .where('n.created_at', '<', at.before)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('notification_digest as d')
            .select('d.account_id')
            .whereRef('d.account_id', '=', 'n.account_id')
            .where('d.day', '=', at.day),
        ),
      ),
    );
  if (at.after !== null) query = query.where('n.account_id', '>', at.after);
  return query.orderBy('n.account_id').limit(limit).execute();
}

/** Claims (account, day): true for exactly one of any number of racing instances. */
export async function claimDigest(
  db: Executor,
  row: { account_id: string; day: string; created_at: string },
): Promise<boolean> {
  const done = await db
    .insertInto('notification_digest')
    .values({ ...row, outbox_id: null, items: 0 })
    .onConflict((oc) => oc.columns(['account_id', 'day']).doNothing())
    .returning('account_id')
    .execute();
  return done.length === 1;
}

export async function recordDigest(
  db: Executor,
  key: { account_id: string; day: string },
  outboxId: string,
  items: number,
): Promise<void> {
  await db
    .updateTable('notification_digest')
    .set({ outbox_id: outboxId, items })
    .where('account_id', '=', key.account_id)
    .where('day', '=', key.day)
    .execute();
}

/** A person's pending digest notifications, oldest first. */
/** The newest `limit` digest notifications waiting for this person, oldest first. */
export async function pendingOf(db: Executor, accountId: string, before: string, limit: number) {
  const rows = await db
    .selectFrom('notification')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('delivery', '=', 'digest')
    .where('mailed_at', 'is', null)
    .where('created_at', '<', before)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.reverse();
}

/** Marks every digest notification waiting for this person (before `before`) mailed; how many there were. */
export async function markPendingMailed(
  db: Executor,
  accountId: string,
  before: string,
  at: string,
): Promise<number> {
  const result = await db
    .updateTable('notification')
    .set({ mailed_at: at })
    .where('account_id', '=', accountId)
    .where('delivery', '=', 'digest')
    .where('mailed_at', 'is', null)
    .where('created_at', '<', before)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function markMailed(db: Executor, ids: readonly string[], at: string): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    await db
      .updateTable('notification')
      .set({ mailed_at: at })
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
  }
}

/** Pending digest notifications of a kind become platform-only (the person no longer wants them mailed daily). */
export async function withdrawFromDigest(
  db: Executor,
  accountId: string,
  kind: NotificationKind,
): Promise<void> {
  await db
    .updateTable('notification')
    .set({ delivery: 'platform' })
    .where('account_id', '=', accountId)
    .where('kind', '=', kind)
    .where('delivery', '=', 'digest')
    .where('mailed_at', 'is', null)
    .execute();
}
