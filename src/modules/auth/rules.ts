import type { AccountRole } from './table.ts';

// Pure decisions about signing in. Time is passed in; nothing here touches the database or the network.

const MINUTE_MS = 60_000;

/** A sign-in link and its code work this long after they are sent. */
export const LOGIN_TOKEN_MINUTES = 20;
export const LOGIN_TOKEN_TTL_MS = LOGIN_TOKEN_MINUTES * MINUTE_MS;

/** Wrong codes a sign-in mail survives; after that its link and code are dead. */
export const MAX_CODE_ATTEMPTS = 5;

/** How long a browser stays signed in. */
export const SESSION_TTL_MS = 30 * 24 * 60 * MINUTE_MS;

export interface RateLimit {
  /** Requests allowed per window. */
  max: number;
  windowMs: number;
}

/** Requests for a sign-in mail, per email address and per IP address. */
export const SIGN_IN_RATE_LIMITS = {
  email: { max: 5, windowMs: 15 * MINUTE_MS },
  ip: { max: 20, windowMs: 15 * MINUTE_MS },
} as const satisfies Record<string, RateLimit>;

export function tokenExpiresAt(now: Date): Date {
  return new Date(now.getTime() + LOGIN_TOKEN_TTL_MS);
}

export function sessionExpiresAt(now: Date): Date {
  return new Date(now.getTime() + SESSION_TTL_MS);
}

/** Fixed windows aligned to the epoch, so every instance agrees on which window "now" is in. */
export function rateWindowStart(now: Date, limit: RateLimit): Date {
  return new Date(Math.floor(now.getTime() / limit.windowMs) * limit.windowMs);
}

/** `count` is the number of requests in the window including this one. */
export function overLimit(count: number, limit: RateLimit): boolean {
  return count > limit.max;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The random secrets (link token, session cookie) are 32 bytes in base64url: 43 characters. */
const SECRET_SHAPE = /^[A-Za-z0-9_-]{43}$/;
export function isSecretShape(value: unknown): value is string {
  return typeof value === 'string' && SECRET_SHAPE.test(value);
}

export function isCodeShape(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9]{6}$/.test(value);
}

/** Why a link or code could not be used, for a page that says so. */
export type SignInFailure = 'unknown' | 'used' | 'expired' | 'locked' | 'wrong_code';

/** What a stored token's state says, when spending it failed. */
export function tokenFailure(
  token: { used_at: string | null; expires_at: string; attempts: number } | undefined,
  now: Date,
): SignInFailure {
  if (!token) return 'unknown';
  if (token.used_at !== null) return 'used';
  if (token.expires_at <= now.toISOString()) return 'expired';
  if (token.attempts >= MAX_CODE_ATTEMPTS) return 'locked';
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
