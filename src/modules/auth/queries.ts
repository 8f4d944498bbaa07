import type { Insertable } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { AccountTable, LoginTokenTable } from './table.ts';

// All SQL of the auth module. Instants are ISO strings (decision 0002), so `<`/`>` on them is time order.

export function accountByEmail(db: Executor, email: string) {
  return db.selectFrom('account').selectAll().where('email', '=', email).executeTakeFirst();
}

/** Inserts unless the email already has an account (two registrations at once must not both fail). */
export async function insertAccountIfMissing(db: Executor, row: Insertable<AccountTable>): Promise<void> {
  await db
    .insertInto('account')
    .values(row)
    .onConflict((oc) => oc.column('email').doNothing())
    .execute();
}

export async function updateAccount(
  db: Executor,
  id: string,
  changes: Partial<Pick<AccountTable, 'name' | 'role' | 'organiser_id'>>,
  now: string,
): Promise<void> {
  await db
    .updateTable('account')
    .set({ ...changes, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/**
 * The organiser that runs the site (the first one), for tying organiser accounts to it. Reads the series
 * module's table: the organiser row has no service function that returns its id.
 */
export async function siteOrganiserId(db: Executor): Promise<string | null> {
  const row = await db
    .selectFrom('organiser')
    .select('id')
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Adds one request to a fixed-window counter and returns the count in the current window, in one
 * statement: a row from an older window starts over at 1. Every instance shares the counter.
 */
export async function bumpRateCounter(db: Executor, key: string, windowStart: string): Promise<number> {
  const row = await db
    .insertInto('rate_limit')
    .values({ key, window_start: windowStart, count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        count: eb
          .case()
          .when('rate_limit.window_start', '=', eb.ref('excluded.window_start'))
          .then(eb('rate_limit.count', '+', 1))
          .else(1)
          .end(),
        window_start: eb.ref('excluded.window_start'),
      })),
    )
    .returning('count')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function insertLoginToken(db: Executor, row: Insertable<LoginTokenTable>): Promise<void> {
  await db.insertInto('login_token').values(row).execute();
}

/** Tokens of this email that expired more than a day ago are of no use, not even for an error page. */
export async function deleteOldLoginTokens(db: Executor, email: string, before: string): Promise<void> {
  await db.deleteFrom('login_token').where('email', '=', email).where('expires_at', '<', before).execute();
}

export function loginTokenByHash(db: Executor, tokenHash: string) {
  return db
    .selectFrom('login_token')
    .select(['id', 'email', 'used_at', 'expires_at', 'attempts'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/**
 * Marks a live token used. The conditions are in the UPDATE itself, so of two requests racing for the same
 * token exactly one changes the row; the caller goes on only when one row changed.
 */
export async function spendLoginToken(
  db: Executor,
  where: { tokenHash: string } | { id: string },
  now: string,
  attemptsAtMost: number,
): Promise<{ id: string; email: string } | undefined> {
  let query = db
    .updateTable('login_token')
    .set({ used_at: now })
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .where('attempts', '<=', attemptsAtMost);
  query = 'id' in where ? query.where('id', '=', where.id) : query.where('token_hash', '=', where.tokenHash);
  return query.returning(['id', 'email']).executeTakeFirst();
}

/**
 * Counts one code attempt against every live token of the email and returns them, in one statement, so
 * parallel guesses cannot get more than `maxAttempts` tries per token between them.
 */
export function takeCodeAttempt(db: Executor, email: string, now: string, maxAttempts: number) {
  return db
    .updateTable('login_token')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('email', '=', email)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .where('attempts', '<', maxAttempts)
    .returning(['id', 'code_hash'])
    .execute();
}

export async function insertWebSession(
  db: Executor,
  row: { id_hash: string; account_id: string; created_at: string; expires_at: string },
): Promise<void> {
  await db.insertInto('web_session').values(row).execute();
}

/** The account behind a live session: one indexed lookup (the hash is the primary key). */
export function sessionAccount(db: Executor, idHash: string, now: string) {
  return db
    .selectFrom('web_session as s')
    .innerJoin('account as a', 'a.id', 's.account_id')
    .select(['a.id', 'a.email', 'a.name', 'a.role'])
    .where('s.id_hash', '=', idHash)
    .where('s.expires_at', '>', now)
    .executeTakeFirst();
}

export function deleteWebSession(db: Executor, idHash: string) {
  return db
    .deleteFrom('web_session')
    .where('id_hash', '=', idHash)
    .returning(['account_id'])
    .executeTakeFirst();
}

export async function deleteExpiredSessions(db: Executor, accountId: string, now: string): Promise<void> {
  await db
    .deleteFrom('web_session')
    .where('account_id', '=', accountId)
    .where('expires_at', '<=', now)
    .execute();
}

export function accountById(db: Executor, id: string) {
  return db
    .selectFrom('account')
    .select(['id', 'email', 'name', 'role'])
    .where('id', '=', id)
    .executeTakeFirst();
}
