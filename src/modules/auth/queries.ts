import type { Insertable } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { AccountTable, LoginTokenTable, RecoveryCodeTable } from './table.ts';

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
  row: {
    id_hash: string;
    account_id: string;
    created_at: string;
    expires_at: string;
    last_seen_at: string;
    second_factor_pending?: number;
  },
): Promise<void> {
  await db
    .insertInto('web_session')
    .values({ ...row, second_factor_pending: row.second_factor_pending ?? 0, second_factor_attempts: 0 })
    .execute();
}

/** A session and its account, ended or not (the caller decides): one indexed lookup (the hash is the key). */
export function sessionWithAccount(db: Executor, idHash: string) {
  return db
    .selectFrom('web_session as s')
    .innerJoin('account as a', 'a.id', 's.account_id')
    .select([
      'a.id',
      'a.email',
      'a.name',
      'a.role',
      's.expires_at',
      's.last_seen_at',
      's.second_factor_pending',
      's.second_factor_attempts',
    ])
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

// The second factor.

export function secondFactorOf(db: Executor, accountId: string) {
  return db.selectFrom('second_factor').selectAll().where('account_id', '=', accountId).executeTakeFirst();
}

/** Whether the account has a confirmed second factor. */
export async function hasSecondFactor(db: Executor, accountId: string): Promise<boolean> {
  const row = await db
    .selectFrom('second_factor')
    .select('account_id')
    .where('account_id', '=', accountId)
    .where('confirmed_at', 'is not', null)
    .executeTakeFirst();
  return row !== undefined;
}

/** An unconfirmed secret for the account, unless it already has one (then that one stays). */
export async function insertSecondFactorIfMissing(
  db: Executor,
  row: { account_id: string; totp_secret: string; created_at: string },
): Promise<void> {
  await db
    .insertInto('second_factor')
    .values({ ...row, confirmed_at: null, last_used_step: null, updated_at: row.created_at })
    .onConflict((oc) => oc.column('account_id').doNothing())
    .execute();
}

/**
 * Records `step` as used, only when it is later than the last used one (and, for `confirm`, marks the factor
 * confirmed). In the UPDATE itself, so two requests with the same code cannot both win.
 */
export async function useTotpStep(
  db: Executor,
  accountId: string,
  step: number,
  now: string,
  confirm: boolean,
): Promise<boolean> {
  let query = db
    .updateTable('second_factor')
    .set({ last_used_step: step, updated_at: now, ...(confirm ? { confirmed_at: now } : {}) })
    .where('account_id', '=', accountId)
    .where((eb) => eb.or([eb('last_used_step', 'is', null), eb('last_used_step', '<', step)]));
  query = confirm ? query.where('confirmed_at', 'is', null) : query.where('confirmed_at', 'is not', null);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteRecoveryCodes(db: Executor, accountId: string): Promise<void> {
  await db.deleteFrom('recovery_code').where('account_id', '=', accountId).execute();
}

export async function deletePendingSessionsOfAccount(db: Executor, accountId: string): Promise<void> {
  await db
    .deleteFrom('web_session')
    .where('account_id', '=', accountId)
    .where('second_factor_pending', '=', 1)
    .execute();
}

export async function deleteSecondFactor(db: Executor, accountId: string): Promise<number> {
  await deleteRecoveryCodes(db, accountId);
  const result = await db.deleteFrom('second_factor').where('account_id', '=', accountId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function insertRecoveryCodes(
  db: Executor,
  rows: Insertable<RecoveryCodeTable>[],
): Promise<void> {
  await db.insertInto('recovery_code').values(rows).execute();
}

export function unusedRecoveryCodes(db: Executor, accountId: string) {
  return db
    .selectFrom('recovery_code')
    .select(['id', 'code_hash'])
    .where('account_id', '=', accountId)
    .where('used_at', 'is', null)
    .execute();
}

/** Spends one recovery code; guarded, so it is spent once even when two requests race. */
export async function spendRecoveryCode(db: Executor, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('recovery_code')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A pending session: its account and how many wrong codes it has seen. Ended or not (the caller decides). */
export function pendingSession(db: Executor, idHash: string) {
  return db
    .selectFrom('web_session as s')
    .innerJoin('account as a', 'a.id', 's.account_id')
    .select(['a.id', 'a.email', 'a.name', 'a.role', 's.expires_at', 's.second_factor_attempts'])
    .where('s.id_hash', '=', idHash)
    .where('s.second_factor_pending', '=', 1)
    .executeTakeFirst();
}

/** Counts one wrong code against a pending session and returns the new count (undefined: no such session). */
export async function countSecondFactorAttempt(db: Executor, idHash: string) {
  return db
    .updateTable('web_session')
    .set((eb) => ({ second_factor_attempts: eb('second_factor_attempts', '+', 1) }))
    .where('id_hash', '=', idHash)
    .where('second_factor_pending', '=', 1)
    .returning(['second_factor_attempts'])
    .executeTakeFirst();
}

/** Ends a pending session (only a pending one); true when it was there. */
export async function deletePendingSession(db: Executor, idHash: string): Promise<boolean> {
  const result = await db
    .deleteFrom('web_session')
    .where('id_hash', '=', idHash)
    .where('second_factor_pending', '=', 1)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export function accountsByIds(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('account')
    .select(['id', 'email', 'name', 'role', 'organiser_id'])
    .where('id', 'in', [...ids])
    .execute();
}

/** The staff accounts of an organiser (`role = 'organiser'`). */
export function staffOfOrganiser(db: Executor, organiserId: string) {
  return db
    .selectFrom('account')
    .select(['id', 'email', 'name', 'role', 'organiser_id'])
    .where('organiser_id', '=', organiserId)
    .where('role', '=', 'organiser')
    .orderBy('id')
    .execute();
}
