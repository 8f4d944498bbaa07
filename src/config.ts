import { z } from 'zod';
import {
  DEFAULT_RATE_LIMITS,
  formatRateLimit,
  parseRateLimit,
  type RateLimit,
  type RateLimits,
} from './modules/limits/rules.ts';

// The only place that reads process.env. Everything else receives a Config.

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const databaseUrl = z
  .string()
  .trim()
  .refine((v) => v.startsWith('sqlite:') || /^postgres(ql)?:\/\//.test(v), {
    message: 'must start with sqlite: (a file path or :memory:) or postgres://',
  });

/** `RATE_LIMIT_*`: `<count>/<window>`, e.g. `5/15m`, `200/1h`, `30/90s`. */
function rateLimit(fallback: RateLimit) {
  return z
    .string()
    .trim()
    .default(formatRateLimit(fallback))
    .transform((v, ctx) => {
      const limit = parseRateLimit(v);
      if (!limit) {
        ctx.addIssue({
          code: 'custom',
          message: 'must be <count>/<window> such as 5/15m or 200/1h (count 1–1000000, window 1s–24h)',
        });
        return z.NEVER;
      }
      return limit;
    });
}

/** The setting that holds each limit. */
export const RATE_LIMIT_VARIABLES = {
  signInEmail: 'RATE_LIMIT_SIGN_IN_EMAIL',
  signInIp: 'RATE_LIMIT_SIGN_IN_IP',
  codeEmail: 'RATE_LIMIT_CODE_EMAIL',
  codeIp: 'RATE_LIMIT_CODE_IP',
  registrationIp: 'RATE_LIMIT_REGISTRATION_IP',
  registrationEmail: 'RATE_LIMIT_REGISTRATION_EMAIL',
  registrationInvoiceEmail: 'RATE_LIMIT_REGISTRATION_INVOICE_EMAIL',
} as const satisfies Record<keyof RateLimits, string>;

export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATABASE_URL: databaseUrl.default('sqlite:./data/holdet.db'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  SMTP_URL: z
    .string()
    .trim()
    .refine((v) => /^smtps?:\/\//.test(v), { message: 'must start with smtp:// or smtps://' })
    .optional(),
  MAIL_FROM: z.string().trim().min(3).default('Holdet <noreply@holdet.local>'),
  OFFER_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 14)
    .default(48),
  SESSION_IDLE_DAYS: z.coerce.number().int().min(1).max(30).default(7),
  RATE_LIMIT_SIGN_IN_EMAIL: rateLimit(DEFAULT_RATE_LIMITS.signInEmail),
  RATE_LIMIT_SIGN_IN_IP: rateLimit(DEFAULT_RATE_LIMITS.signInIp),
  RATE_LIMIT_CODE_EMAIL: rateLimit(DEFAULT_RATE_LIMITS.codeEmail),
  RATE_LIMIT_CODE_IP: rateLimit(DEFAULT_RATE_LIMITS.codeIp),
  RATE_LIMIT_REGISTRATION_IP: rateLimit(DEFAULT_RATE_LIMITS.registrationIp),
  RATE_LIMIT_REGISTRATION_EMAIL: rateLimit(DEFAULT_RATE_LIMITS.registrationEmail),
  RATE_LIMIT_REGISTRATION_INVOICE_EMAIL: rateLimit(DEFAULT_RATE_LIMITS.registrationInvoiceEmail),
});

export interface Config {
  port: number;
  host: string;
  baseUrl: string;
  databaseUrl: string;
  nodeEnv: 'development' | 'production' | 'test';
  logLevel: (typeof LOG_LEVELS)[number];
  /** Without it, mails are kept in the outbox and shown at the mailbox page (not in production). */
  smtpUrl: string | null;
  mailFrom: string;
  /** How long a freed seat is held for the head of the waitlist. */
  offerHours: number;
  /** A session nobody has used for this many days has ended (besides the 30-day maximum). */
  sessionIdleDays: number;
  /** Every rate limit (src/modules/limits), counted in the database across instances. */
  rateLimits: RateLimits;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once; a wrong value names every bad variable in one message. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings count as unset, as most shells and .env files mean them.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = issue.path.join('.') || '(environment)';
      const value = cleaned[name];
      return `${name}${value === undefined ? '' : `=${JSON.stringify(value)}`}: ${issue.message}`;
    });
    throw new ConfigError(problems);
  }
  const c = parsed.data;
  const shownHost = c.HOST === '0.0.0.0' || c.HOST === '::' ? 'localhost' : c.HOST;
  return {
    port: c.PORT,
    host: c.HOST,
    baseUrl: (c.BASE_URL ?? `http://${shownHost}:${c.PORT}`).replace(/\/$/, ''),
    databaseUrl: c.DATABASE_URL,
    nodeEnv: c.NODE_ENV,
    logLevel: c.LOG_LEVEL,
    smtpUrl: c.SMTP_URL ?? null,
    mailFrom: c.MAIL_FROM,
    offerHours: c.OFFER_HOURS,
    sessionIdleDays: c.SESSION_IDLE_DAYS,
    rateLimits: {
      signInEmail: c.RATE_LIMIT_SIGN_IN_EMAIL,
      signInIp: c.RATE_LIMIT_SIGN_IN_IP,
      codeEmail: c.RATE_LIMIT_CODE_EMAIL,
      codeIp: c.RATE_LIMIT_CODE_IP,
      registrationIp: c.RATE_LIMIT_REGISTRATION_IP,
      registrationEmail: c.RATE_LIMIT_REGISTRATION_EMAIL,
      registrationInvoiceEmail: c.RATE_LIMIT_REGISTRATION_INVOICE_EMAIL,
    },
  };
}
