import type { AccountRole } from '../../web/account.ts';

// The account's role is the shared layer's AccountRole (src/web/account.ts): page guards need it and the web
// layer imports no module, so the type is declared there and this table conforms to it.
export { ACCOUNT_ROLES, type AccountRole } from '../../web/account.ts';

export interface AccountTable {
  id: string;
  /** Lower-cased work email; the sign-in identity. */
  email: string;
  name: string;
  role: AccountRole;
  organiser_id: string | null;
  created_at: string;
  updated_at: string;
}

/** A sign-in link and code, stored only as hashes; single use, short-lived. */
export interface LoginTokenTable {
  id: string;
  email: string;
  token_hash: string;
  code_hash: string;
  /** Codes tried against this token; at MAX_CODE_ATTEMPTS its code is disabled (the link still works). */
  attempts: number;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

/** A signed-in browser; the cookie holds the id, the table only its hash. */
export interface WebSessionTable {
  id_hash: string;
  account_id: string;
  created_at: string;
  /** The 30-day maximum. */
  expires_at: string;
  /** Renewed at most once per SESSION_TOUCH_MS; a session unseen for SESSION_IDLE_DAYS has ended. */
  last_seen_at: string | null;
  /**
   * 1: the first factor (mail link or code) is done but the second is not: this session signs nobody in
   * (request.account stays null), lasts PENDING_SIGN_IN_MINUTES, and only reaches the second-factor pages.
   */
  second_factor_pending: number;
  /** Wrong second-factor codes typed in this pending session; at MAX_SECOND_FACTOR_ATTEMPTS it ends. */
  second_factor_attempts: number;
}

/**
 * A person's TOTP second factor (RFC 6238). One per account. `confirmed_at` null: set up but not yet
 * confirmed with a code (the setup page shows the same secret again until it is). The secret is stored as
 * base32 text: there is no server-side key to encrypt it with (docs/SECURITY.md); it never goes to a log or
 * an audit row.
 */
export interface SecondFactorTable {
  account_id: string;
  /** Base32, 20 random bytes. A secret: never logged, never audited. */
  totp_secret: string;
  confirmed_at: string | null;
  /** The last 30-second step whose code was accepted; a code of this step or an earlier one is refused. */
  last_used_step: number | null;
  created_at: string;
  updated_at: string;
}

/** A one-time recovery code, stored only as sha256(id:code); spent once. */
export interface RecoveryCodeTable {
  id: string;
  account_id: string;
  code_hash: string;
  used_at: string | null;
  created_at: string;
}
