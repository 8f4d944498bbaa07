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
 * token exactly one changes the row; the caller goes on only when one row changed. The link (by hash) works
 * whatever codes were tried; the code (by id) only while its tries are within `codeAttemptsAtMost`.
 */
export async function spendLoginToken(
  db: Executor,
  where: { tokenHash: string } | { id: string; codeAttemptsAtMost: number },
  now: string,
): Promise<{ id: string; email: string } | undefined> {
  let query = db
    .updateTable('login_token')
    .set({ used_at: now })
    .where('used_at', 'is', null)
    .where('expires_at', '>', now);
  query =
    'id' in where
      ? query.where('id', '=', where.id).where('attempts', '<=', where.codeAttemptsAtMost)
      : query.where('token_hash', '=', where.tokenHash);
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
  row: { id_hash: string; account_id: string; created_at: string; expires_at: string; last_seen_at: string },
): Promise<void> {
  await db.insertInto('web_session').values(row).execute();
}

/** A session and its account, ended or not (the caller decides): one indexed lookup (the hash is the key). */
export function sessionWithAccount(db: Executor, idHash: string) {
  return db
    .selectFrom('web_session as s')
    .innerJoin('account as a', 'a.id', 's.account_id')
    .select(['a.id', 'a.email', 'a.name', 'a.role', 's.expires_at', 's.last_seen_at'])
    .where('s.id_hash', '=', idHash)
    .executeTakeFirst();
}

/** Writes last_seen_at again, unless another request already did since `staleBefore`. */
export async function touchWebSession(db: Executor, idHash: string, now: string, staleBefore: string) {
  await db
    .updateTable('web_session')
    .set({ last_seen_at: now })
    .where('id_hash', '=', idHash)
    .where((eb) => eb.or([eb('last_seen_at', 'is', null), eb('last_seen_at', '<=', staleBefore)]))
    .execute();
}

/** Every session of the account; returns how many there were. */
export async function deleteSessionsOfAccount(db: Executor, accountId: string): Promise<number> {
  const result = await db.deleteFrom('web_session').where('account_id', '=', accountId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Sessions past their 30-day maximum or unseen since `idleBefore`: of one account, or of all when
 * `accountId` is null. Returns how many went.
 */
export async function deleteEndedSessions(
  db: Executor,
  accountId: string | null,
  now: string,
  idleBefore: string,
): Promise<number> {
  let query = db
    .deleteFrom('web_session')
    .where((eb) =>
      eb.or([
        eb('expires_at', '<=', now),
        eb('last_seen_at', 'is', null),
        eb('last_seen_at', '<=', idleBefore),
      ]),
    );
  if (accountId !== null) query = query.where('account_id', '=', accountId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export function deleteWebSession(db: Executor, idHash: string) {
  return db
    .deleteFrom('web_session')
    .where('id_hash', '=', idHash)
    .returning(['account_id'])
    .executeTakeFirst();
}

export function accountById(db: Executor, id: string) {
  return db
    .selectFrom('account')
    .select(['id', 'email', 'name', 'role', 'organiser_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}
