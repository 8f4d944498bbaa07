import type { AccountRole } from './table.ts';

// Pure decisions about signing in. Time is passed in; nothing here touches the database or the network.

const MINUTE_MS = 60_000;

/** A sign-in link and its code work this long after they are sent. */
export const LOGIN_TOKEN_MINUTES = 20;
export const LOGIN_TOKEN_TTL_MS = LOGIN_TOKEN_MINUTES * MINUTE_MS;

/**
 * Codes tried against one sign-in mail (from anywhere) before its CODE is disabled, so nobody can work
 * through the 6 digits. The link in the mail keeps working: wrong codes typed elsewhere lock nobody out.
 */
export const MAX_CODE_ATTEMPTS = 5;

/** How long a browser stays signed in at most. */
export const SESSION_TTL_MS = 30 * 24 * 60 * MINUTE_MS;

/** A session's last_seen_at is written at most this often, so reading a session is usually only a read. */
export const SESSION_TOUCH_MS = 60 * MINUTE_MS;

const DAY_MS = 24 * 60 * MINUTE_MS;

/** SESSION_IDLE_DAYS when nothing else is said (src/config.ts has the same default). */
export const DEFAULT_SESSION_IDLE_DAYS = 7;

export function tokenExpiresAt(now: Date): Date {
  return new Date(now.getTime() + LOGIN_TOKEN_TTL_MS);
}

export function sessionExpiresAt(now: Date): Date {
  return new Date(now.getTime() + SESSION_TTL_MS);
}

/** Unseen since this instant means ended: `idleDays` (SESSION_IDLE_DAYS) before now. */
export function idleCutoff(now: Date, idleDays: number): Date {
  return new Date(now.getTime() - idleDays * DAY_MS);
}

export type SessionState = 'live' | 'touch' | 'ended';

/**
 * A stored session: `ended` past its 30-day maximum or unseen for `idleDays`; `touch` when live and
 * last_seen_at is older than SESSION_TOUCH_MS (write it again); else `live`. last_seen_at is written at most
 * hourly, so a session may end up to an hour before exactly `idleDays` of rest.
 */
export function sessionState(
  session: { expires_at: string; last_seen_at: string | null },
  now: Date,
  idleDays: number,
): SessionState {
  if (session.expires_at <= now.toISOString()) return 'ended';
  if (session.last_seen_at === null || session.last_seen_at <= idleCutoff(now, idleDays).toISOString()) {
    return 'ended';
  }
  return session.last_seen_at <= new Date(now.getTime() - SESSION_TOUCH_MS).toISOString() ? 'touch' : 'live';
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The random secrets (link token, session cookie) are 32 bytes in base64url: 43 characters. */
export { isCodeShape, isSecretShape } from '../../shared/secrets.ts';

/** Why a link or code could not be used, for a page that says so. */
export type SignInFailure = 'unknown' | 'used' | 'expired' | 'wrong_code';

/** What a stored token's state says, when spending its link failed. Wrong codes never block the link. */
export function tokenFailure(
  token: { used_at: string | null; expires_at: string } | undefined,
  now: Date,
): SignInFailure {
  if (!token) return 'unknown';
  if (token.used_at !== null) return 'used';
  if (token.expires_at <= now.toISOString()) return 'expired';
  return 'unknown';
}

// Characters allowed in a local path and query: RFC 3986 unreserved, sub-delims, ':', '@', '/', '?', '%'.
// No spaces, control characters, backslashes or quotes: browsers turn `\` into `/` and drop tabs and
// newlines, which would make `/\evil.example` or `/\t/evil.example` leave the site.
const LOCAL_PATH = /^\/[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]*$/;
const MAX_NEXT_LENGTH = 1000;

/**
 * `next` when it is a path on this site, else null. Refuses `//host`, `/\host`, schemes (`https:`,
 * `javascript:`), backslashes, control characters and the sign-in pages themselves (no loops).
 */
export function safeNext(next: unknown): string | null {
  if (typeof next !== 'string' || next.length === 0 || next.length > MAX_NEXT_LENGTH) return null;
  if (!LOCAL_PATH.test(next)) return null;
  // `//host` is another site; the pattern already refuses `\`.
  if (next.startsWith('//')) return null;
  // An encoded slash or backslash right after the first slash is harmless to browsers, but some proxies
  // decode before redirecting again; refuse it rather than reason about every hop.
  if (/^\/%(2f|5c)/i.test(next)) return null;
  const path = next.split(/[?#]/, 1)[0] ?? '';
  if (path === '/log-ind' || path.startsWith('/log-ind/') || path === '/log-ud') return null;
  return next;
}

export function defaultDestination(role: AccountRole): string {
  return role === 'organiser' ? '/arrangoer' : '/min-side';
}

/** Where to send someone who has just signed in. */
export function destinationAfterSignIn(role: AccountRole, next: unknown): string {
  return safeNext(next) ?? defaultDestination(role);
}

/** What `ensureAccount` should change on an existing account; null: nothing. Never downgrades an organiser. */
export function accountChanges(
  existing: { name: string; role: AccountRole; organiser_id: string | null },
  wanted: { name: string; role: AccountRole; organiserId: string | null },
): { name?: string; role?: AccountRole; organiser_id?: string | null } | null {
  const changes: { name?: string; role?: AccountRole; organiser_id?: string | null } = {};
  // A participant's registration does not rename an organiser or take their role.
  if (existing.role === 'organiser' && wanted.role === 'participant') return null;
  if (wanted.name !== '' && wanted.name !== existing.name) changes.name = wanted.name;
  if (wanted.role !== existing.role) changes.role = wanted.role;
  if (wanted.role === 'organiser' && wanted.organiserId !== existing.organiser_id) {
    changes.organiser_id = wanted.organiserId;
  }
  return Object.keys(changes).length === 0 ? null : changes;
}

// The second factor.

/** A half-signed-in session (first factor done, second not) lasts this long. */
export const PENDING_SIGN_IN_MINUTES = 10;

export function pendingSignInExpiresAt(now: Date): Date {
  return new Date(now.getTime() + PENDING_SIGN_IN_MINUTES * MINUTE_MS);
}

/** Wrong second-factor codes in one pending sign-in; the next wrong one ends it (start again from the mail). */
export const MAX_SECOND_FACTOR_ATTEMPTS = 5;

export const RECOVERY_CODE_COUNT = 10;

/**
 * What a person must do after the mail's link or code: nothing more (`none`), set up TOTP first (`setup`:
 * an organiser without one), or give a code (`verify`: anyone who has one). Experts and facilitators may
 * turn it on; organisers must.
 */
export type SecondFactorStep = 'none' | 'setup' | 'verify';

export function secondFactorStep(role: AccountRole, hasSecondFactor: boolean): SecondFactorStep {
  if (hasSecondFactor) return 'verify';
  return role === 'organiser' ? 'setup' : 'none';
}

/** Where the second-factor pages are. */
export const SECOND_FACTOR_PATH = '/log-ind/totrin';
export const SECOND_FACTOR_SETUP_PATH = '/log-ind/totrin/opsaet';

/** A recovery code as typed: letters and digits only, upper case (`abcd-efgh-ij` → `ABCDEFGHIJ`). */
export function normaliseRecoveryCode(typed: string): string {
  return typed.replace(/[\s-]+/g, '').toUpperCase();
}

/** Ten characters from an alphabet without 0/O and 1/I/L, shown as `ABCDE-FGHJK`. */
export const RECOVERY_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const RECOVERY_CODE_LENGTH = 10;

export function isRecoveryCodeShape(normalised: string): boolean {
  return (
    normalised.length === RECOVERY_CODE_LENGTH && [...normalised].every((c) => RECOVERY_ALPHABET.includes(c))
  );
}

export function formatRecoveryCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}
