import type { Kysely } from 'kysely';
import type { DB, Executor } from '../../db/database.ts';
import { auditedChange } from '../../shared/audit.ts';
import type { Clock } from '../../shared/clock.ts';
import { every } from '../../shared/periodic.ts';
import { isSecretShape, newSecret, sha256 } from '../../shared/secrets.ts';
import type { SignedInAccount } from '../../web/account.ts';
import { toSignedInAccount } from './model.ts';
import * as q from './queries.ts';
import {
  DEFAULT_SESSION_IDLE_DAYS,
  idleCutoff,
  pendingSignInExpiresAt,
  SESSION_TOUCH_MS,
  sessionExpiresAt,
  sessionState,
} from './rules.ts';

// Browser sessions once started (service.ts starts them at sign-in): who is behind a cookie, idle and
// maximum age, signing out here and everywhere, and the sweep of ended sessions. Only hashes are stored.

export interface NewSession {
  /** The cookie value; the database only has its hash. */
  cookieValue: string;
  expiresAt: Date;
  /** Half signed in: the second factor is still to do (the cookie then lasts PENDING_SIGN_IN_MINUTES). */
  pending?: boolean;
}

export interface SignInOptions {
  /** The browser's current session cookie, ended in the same transaction. */
  replaceSession?: string | undefined;
  /** SESSION_IDLE_DAYS, for clearing the account's ended sessions; 7 when not given. */
  idleDays?: number | undefined;
}

/**
 * A new session row (only the hash of the cookie value), after ending the browser's previous session and
 * the account's ended ones. `pending`: half signed in, for PENDING_SIGN_IN_MINUTES.
 */
export async function startSession(
  tx: Executor,
  accountId: string,
  now: Date,
  options: SignInOptions,
  pending: boolean,
): Promise<NewSession> {
  const at = now.toISOString();
  if (isSecretShape(options.replaceSession)) await q.deleteWebSession(tx, sha256(options.replaceSession));
  const idleBefore = idleCutoff(now, options.idleDays ?? DEFAULT_SESSION_IDLE_DAYS).toISOString();
  await q.deleteEndedSessions(tx, accountId, at, idleBefore);
  const session: NewSession = {
    cookieValue: newSecret(),
    expiresAt: pending ? pendingSignInExpiresAt(now) : sessionExpiresAt(now),
    ...(pending ? { pending: true } : {}),
  };
  await q.insertWebSession(tx, {
    id_hash: sha256(session.cookieValue),
    account_id: accountId,
    created_at: at,
    expires_at: session.expiresAt.toISOString(),
    last_seen_at: at,
    second_factor_pending: pending ? 1 : 0,
  });
  return session;
}

/**
 * The account behind a session cookie, or null: no such session, past its 30-day maximum, or unused for
 * `idleDays` (SESSION_IDLE_DAYS). An ended session is deleted when it is met. last_seen_at is written at
 * most once per SESSION_TOUCH_MS, so most requests only read.
 */
export async function sessionAccount(
  db: Executor,
  cookieValue: string,
  now: Date,
  idleDays: number = DEFAULT_SESSION_IDLE_DAYS,
): Promise<SignedInAccount | null> {
  if (!isSecretShape(cookieValue)) return null;
  const idHash = sha256(cookieValue);
  const row = await q.sessionWithAccount(db, idHash);
  if (!row) return null;
  const state = sessionState(row, now, idleDays);
  // Half signed in (the second factor is still to do): nobody is signed in yet. It lasts minutes.
  if (row.second_factor_pending === 1) {
    if (state === 'ended') await q.deleteWebSession(db, idHash);
    return null;
  }
  if (state === 'ended') {
    await q.deleteWebSession(db, idHash);
    return null;
  }
  if (state === 'touch') {
    const staleBefore = new Date(now.getTime() - SESSION_TOUCH_MS).toISOString();
    await q.touchWebSession(db, idHash, now.toISOString(), staleBefore);
  }
  return toSignedInAccount(row);
}

/** Ends the session behind the cookie, if there is one. */
export async function signOut(db: Kysely<DB>, cookieValue: string, now: Date): Promise<void> {
  if (!isSecretShape(cookieValue)) return;
  const idHash = sha256(cookieValue);
  await db.transaction().execute((tx) =>
    auditedChange(tx, {
      read: (tx) => q.sessionWithAccount(tx, idHash),
      write: (tx) => q.deleteWebSession(tx, idHash),
      // Of two sign-outs racing for one session, only the one that ended it writes the row.
      audit: (session, ended) =>
        ended
          ? {
              actor: { accountId: session.id, label: session.email },
              action: 'auth.sign-out',
              entity: 'account',
              entityId: session.id,
              at: now,
            }
          : null,
    }),
  );
}

/**
 * "Log ud alle steder": ends every session of the account behind this cookie (this browser's too) and
 * audits it. Returns how many sessions ended, or null when the cookie is no live session.
 */
export async function signOutEverywhere(
  db: Kysely<DB>,
  cookieValue: string,
  now: Date,
  idleDays: number = DEFAULT_SESSION_IDLE_DAYS,
): Promise<number | null> {
  if (!isSecretShape(cookieValue)) return null;
  const outcome = await db.transaction().execute((tx) =>
    auditedChange(tx, {
      read: (tx) => sessionAccount(tx, cookieValue, now, idleDays),
      write: (tx, account) => q.deleteSessionsOfAccount(tx, account.id),
      audit: (account, ended) => ({
        actor: { accountId: account.id, label: account.email },
        action: 'auth.sign-out-everywhere',
        entity: 'account',
        entityId: account.id,
        after: { sessions: ended },
        at: now,
      }),
    }),
  );
  return outcome?.result ?? null;
}

/** Deletes every session past its 30-day maximum or unused for `idleDays`; returns how many. */
export function deleteEndedSessions(db: Executor, now: Date, idleDays: number): Promise<number> {
  return q.deleteEndedSessions(db, null, now.toISOString(), idleCutoff(now, idleDays).toISOString());
}

/** Deletes ended sessions every `intervalMs` (default 10 minutes), on every instance. */
export function startSessionCleanup(
  db: Executor,
  clock: Clock,
  idleDays: number,
  options: { intervalMs?: number; onError?: (error: unknown) => void } = {},
): { stop(): Promise<void> } {
  return every(
    options.intervalMs ?? 10 * 60_000,
    () => deleteEndedSessions(db, clock.now(), idleDays),
    options.onError,
  );
}
