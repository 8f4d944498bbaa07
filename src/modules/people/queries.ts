import type { Insertable } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { PersonInvitationTable, RoleGrantTable } from './table.ts';

// All SQL of the people module: its own tables only (role_grant, person_invitation).

export function activeGrantsOfAccount(db: Executor, accountId: string) {
  return db
    .selectFrom('role_grant')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .orderBy('granted_at')
    .orderBy('id')
    .execute();
}

/** Every grant of an account, revoked ones too, newest first: for the organiser's person page. */
export function grantsOfAccount(db: Executor, accountId: string) {
  return db
    .selectFrom('role_grant')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('granted_at', 'desc')
    .orderBy('id')
    .execute();
}

/** The same role in force already (an account's grant of this role, in this series, for this session or none). */
export function activeGrantLike(
  db: Executor,
  g: { accountId: string; role: RoleGrantTable['role']; seriesId: string; sessionId: string | null },
) {
  return grantsInForceQuery(db, g).executeTakeFirst();
}

export function grantById(db: Executor, id: string) {
  return db.selectFrom('role_grant').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertGrant(db: Executor, row: Insertable<RoleGrantTable>): Promise<void> {
  await db.insertInto('role_grant').values(row).execute();
}

/** Revokes a grant still in force; returns whether it was. */
export async function revokeGrant(db: Executor, id: string, by: string | null, at: string): Promise<boolean> {
  const done = await db
    .updateTable('role_grant')
    .set({ revoked_at: at, revoked_by: by })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(done.numUpdatedRows) === 1;
}

export async function insertInvitation(db: Executor, row: Insertable<PersonInvitationTable>): Promise<void> {
  await db.insertInto('person_invitation').values(row).execute();
}

export function invitationByHash(db: Executor, tokenHash: string) {
  return db
    .selectFrom('person_invitation')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Spends an invitation once: of two racing requests exactly one gets the row back. */
export function spendInvitation(db: Executor, tokenHash: string, at: string) {
  return db
    .updateTable('person_invitation')
    .set({ used_at: at })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .returningAll()
    .executeTakeFirst();
}

export async function setAcceptedAccount(db: Executor, id: string, accountId: string): Promise<void> {
  await db
    .updateTable('person_invitation')
    .set({ accepted_account_id: accountId })
    .where('id', '=', id)
    .execute();
}

export function invitationsOfPerson(db: Executor, personId: string) {
  return db
    .selectFrom('person_invitation')
    .select(['id', 'email', 'roles', 'invited_by_label', 'expires_at', 'used_at', 'created_at'])
    .where('person_id', '=', personId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}

/** The grants in force that concern one session: its expert(s) and substitute(s), and the series' facilitator. */
export function grantsConcerningSession(db: Executor, seriesId: string, sessionId: string) {
  return db
    .selectFrom('role_grant')
    .select(['account_id', 'role'])
    .where('series_id', '=', seriesId)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('role', '=', 'facilitator'), eb('session_id', '=', sessionId)]))
    .orderBy('granted_at')
    .orderBy('id')
    .execute();
}

/** An account's grants in force of one role in a series (for one session, or for the series: null). */
export function grantsInForce(
  db: Executor,
  g: { accountId: string; role: RoleGrantTable['role']; seriesId: string; sessionId: string | null },
) {
  return grantsInForceQuery(db, g).execute();
}

function grantsInForceQuery(
  db: Executor,
  g: { accountId: string; role: RoleGrantTable['role']; seriesId: string; sessionId: string | null },
) {
  const q = db
    .selectFrom('role_grant')
    .selectAll()
    .where('account_id', '=', g.accountId)
    .where('role', '=', g.role)
    .where('series_id', '=', g.seriesId)
    .where('revoked_at', 'is', null);
  return g.sessionId === null ? q.where('session_id', 'is', null) : q.where('session_id', '=', g.sessionId);
}

/** The grants in force in a series: what a copy of the series carries over. */
export function activeGrantsOfSeries(db: Executor, seriesId: string) {
  return db
    .selectFrom('role_grant')
    .selectAll()
    .where('series_id', '=', seriesId)
    .where('revoked_at', 'is', null)
    .orderBy('granted_at')
    .orderBy('id')
    .execute();
}

/** Every grant in force in a series. */
export function grantsInSeries(db: Executor, seriesId: string) {
  return db
    .selectFrom('role_grant')
    .select(['account_id', 'role', 'session_id'])
    .where('series_id', '=', seriesId)
    .where('revoked_at', 'is', null)
    .orderBy('granted_at')
    .orderBy('id')
    .execute();
}
