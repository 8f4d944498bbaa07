import { secondsUntil } from '../../shared/clock.ts';
// Pure decisions about rate limits. Time is passed in; nothing here touches the database.

export interface RateLimit {
  /** Requests allowed per window. */
  max: number;
  windowMs: number;
}

/** Every limit Holdet applies, each a setting (`RATE_LIMIT_*` in src/config.ts). */
export interface RateLimits {
  /** Sign-in mails asked for, per email address. */
  signInEmail: RateLimit;
  /** Sign-in mails asked for, per IP address. */
  signInIp: RateLimit;
  /** Codes typed into the code form, per email address. */
  codeEmail: RateLimit;
  /** Codes typed into the code form, per IP address. */
  codeIp: RateLimit;
  /** Registration forms sent, per IP address. */
  registrationIp: RateLimit;
  /** Registration forms sent, per participant email. */
  registrationEmail: RateLimit;
  /** Registration forms sent, per invoice-contact email. */
  registrationInvoiceEmail: RateLimit;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/**
 * Generous on purpose: a municipality's staff may share one IP address and one invoice-contact address. The
 * IP limits stop one machine flooding; the email limits stop guessing and mail bombing of one person.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  signInEmail: { max: 5, windowMs: 15 * MINUTE_MS },
  signInIp: { max: 60, windowMs: 15 * MINUTE_MS },
  codeEmail: { max: 10, windowMs: 15 * MINUTE_MS },
  codeIp: { max: 30, windowMs: 15 * MINUTE_MS },
  registrationIp: { max: 200, windowMs: HOUR_MS },
  registrationEmail: { max: 10, windowMs: HOUR_MS },
  registrationInvoiceEmail: { max: 100, windowMs: HOUR_MS },
};

const UNIT_MS = { s: 1000, m: MINUTE_MS, h: HOUR_MS } as const;
export const MAX_LIMIT_COUNT = 1_000_000;
export const MAX_WINDOW_MS = 24 * HOUR_MS;

/** `5/15m`, `200/1h`, `30/90s` → a limit; null when the text is not one (count 1–1,000,000, window 1 s–24 h). */
export function parseRateLimit(text: string): RateLimit | null {
  const m = /^\s*(\d{1,7})\s*\/\s*(\d{1,5})\s*([smh])\s*$/.exec(text);
  if (!m) return null;
  const max = Number(m[1]);
  const windowMs = Number(m[2]) * UNIT_MS[m[3] as keyof typeof UNIT_MS];
  if (max < 1 || max > MAX_LIMIT_COUNT || windowMs < 1000 || windowMs > MAX_WINDOW_MS) return null;
  return { max, windowMs };
}

/** The setting's text for a limit, as the README writes defaults: `5/15m`. */
export function formatRateLimit(limit: RateLimit): string {
  if (limit.windowMs % HOUR_MS === 0) return `${limit.max}/${limit.windowMs / HOUR_MS}h`;
  if (limit.windowMs % MINUTE_MS === 0) return `${limit.max}/${limit.windowMs / MINUTE_MS}m`;
  return `${limit.max}/${Math.round(limit.windowMs / 1000)}s`;
}

/** Fixed windows aligned to the epoch, so every instance agrees on which window "now" is in. */
export function rateWindowStart(now: Date, limit: RateLimit): Date {
  return new Date(Math.floor(now.getTime() / limit.windowMs) * limit.windowMs);
}

export function rateWindowEnd(now: Date, limit: RateLimit): Date {
  return new Date(rateWindowStart(now, limit).getTime() + limit.windowMs);
}

/** `count` is the number of requests in the window including this one. */
export function overLimit(count: number, limit: RateLimit): boolean {
  return count > limit.max;
}

/** Whole seconds from now until `retryAt` for a Retry-After header; at least 1. */
/** Seconds until `retryAt`, at least 1: the Retry-After header. */
export const retryAfterSeconds = secondsUntil;

/** Emails count however they are typed. */
export function normaliseSubject(subject: string): string {
  return subject.trim().toLowerCase();
}
