export const ACCOUNT_ROLES = ['participant', 'organiser'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

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
  expires_at: string;
}

/** Fixed-window counters shared by every instance. */
export interface RateLimitTable {
  key: string;
  window_start: string;
  count: number;
}
