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
}
