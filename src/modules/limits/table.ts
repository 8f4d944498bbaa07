/**
 * Fixed-window request counters shared by every instance: one row per rule and subject (`key`), reused
 * window after window; `expires_at` is the end of the row's window, after which the row may be deleted.
 */
export interface RateLimitTable {
  key: string;
  window_start: string;
  count: number;
  expires_at: string;
}
