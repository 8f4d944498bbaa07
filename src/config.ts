import { isIP } from 'node:net';
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
  // The default depends on NODE_ENV (see loadConfig): loopback in development, every interface in production.
  HOST: z.string().trim().min(1).optional(),
  BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATABASE_URL: databaseUrl.default('sqlite:./data/holdet.db'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  SMTP_URL: z
    .string()
    .trim()
    .refine((v) => /^smtps?:\/\//.test(v), { message: 'must start with smtp:// or smtps://' })
    .optional(),
  SMTP_POOL_SIZE: z.coerce.number().int().min(1).max(50).default(5),
  MAIL_FROM: z.string().trim().min(3).default('Holdet <noreply@holdet.local>'),
  MAIL_BODY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  OFFER_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 14)
    .default(48),
  CONFIRM_HOURS: z.coerce.number().int().min(1).max(168).default(24),
  TRUST_PROXY: z
    .string()
    .trim()
    .transform((v, ctx) => {
      const parsed = parseTrustProxy(v);
      if (parsed === null) {
        ctx.addIssue({
          code: 'custom',
          message:
            'must be false, a hop count (a whole number from 1), or a comma-separated list of proxy addresses or CIDR ranges, e.g. 10.0.0.0/8,127.0.0.1',
        });
        return z.NEVER;
      }
      return parsed;
    })
    .optional(),
  METRICS_TOKEN: z
    .string()
    .trim()
    .min(16, { message: 'must be at least 16 characters (a random secret)' })
    .refine((v) => /^[\x21-\x7e]+$/.test(v), { message: 'must be printable ASCII without spaces' })
    .optional(),
  SESSION_IDLE_DAYS: z.coerce.number().int().min(1).max(30).default(7),
  UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(1024).default(50),
  DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  RATE_LIMIT_SIGN_IN_EMAIL: rateLimit(DEFAULT_RATE_LIMITS.signInEmail),
  RATE_LIMIT_SIGN_IN_IP: rateLimit(DEFAULT_RATE_LIMITS.signInIp),
  RATE_LIMIT_CODE_EMAIL: rateLimit(DEFAULT_RATE_LIMITS.codeEmail),
  RATE_LIMIT_CODE_IP: rateLimit(DEFAULT_RATE_LIMITS.codeIp),
  RATE_LIMIT_REGISTRATION_IP: rateLimit(DEFAULT_RATE_LIMITS.registrationIp),
  RATE_LIMIT_REGISTRATION_EMAIL: rateLimit(DEFAULT_RATE_LIMITS.registrationEmail),
  RATE_LIMIT_REGISTRATION_INVOICE_EMAIL: rateLimit(DEFAULT_RATE_LIMITS.registrationInvoiceEmail),
});

/** Which peers may tell us the client's address in X-Forwarded-For: none, N hops, or these addresses. */
export type TrustProxy = false | number | string[];

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function isProxyAddress(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  if (rest.length > 0) return false;
  const v4 = IPV4.test(address);
  const v6 = !v4 && isIP(address) === 6;
  if (!v4 && !v6) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (v4 ? 32 : 128);
}

/** `false`/`0`/`no`/`off` → false; `2` → 2 hops; `10.0.0.0/8, 127.0.0.1` → the list; anything else → null. */
export function parseTrustProxy(value: string): TrustProxy | null {
  const v = value.trim();
  if (/^(false|no|off|0)$/i.test(v)) return false;
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    return Number.isSafeInteger(hops) && hops >= 1 ? hops : null;
  }
  const entries = v.split(',').map((e) => e.trim());
  if (entries.length === 0 || !entries.every(isProxyAddress)) return null;
  return entries;
}

export interface Config {
  port: number;
  host: string;
  baseUrl: string;
  databaseUrl: string;
  nodeEnv: 'development' | 'production' | 'test';
  logLevel: (typeof LOG_LEVELS)[number];
  /** Without it, mails are kept in the outbox and shown at the mailbox page (not in production). */
  smtpUrl: string | null;
  /** SMTP connections kept open, and mails in flight at once per app instance. */
  smtpPoolSize: number;
  mailFrom: string;
  /** Days after which a sent (or given-up) mail's text, HTML and attachments are erased from the outbox. */
  mailBodyRetentionDays: number;
  /** How long a freed seat is offered to the head of the waitlist. */
  offerHours: number;
  /** How long a new registration holds its place while it waits to be confirmed by mail. */
  confirmHours: number;
  /** Fastify's trustProxy: off unless TRUST_PROXY says which proxy in front may name the client. */
  trustProxy: TrustProxy;
  /** When set, /metrics needs `Authorization: Bearer <token>`; without it only loopback peers get it. */
  metricsToken: string | null;
  /** A session nobody has used for this many days has ended (besides the 30-day maximum). */
  sessionIdleDays: number;
  /** Every rate limit (src/modules/limits), counted in the database across instances. */
  rateLimits: RateLimits;
  /** The largest file an upload may carry, in bytes (`UPLOAD_MAX_MB` MiB). */
  uploadMaxBytes: number;
  /** The hour (0–23, Europe/Copenhagen) from which each day's notification digest is sent. */
  digestHour: number;
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
  // Development listens on loopback only, so the dev mailbox and metrics are not offered to the network
  // by accident; HOST=0.0.0.0 opens it on purpose. Production (behind its proxy or in a container) listens
  // on every interface.
  const host = c.HOST ?? (c.NODE_ENV === 'production' ? '0.0.0.0' : '127.0.0.1');
  const shownHost = c.HOST === undefined || host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return {
    port: c.PORT,
    host,
    baseUrl: (c.BASE_URL ?? `http://${shownHost}:${c.PORT}`).replace(/\/$/, ''),
    databaseUrl: c.DATABASE_URL,
    nodeEnv: c.NODE_ENV,
    logLevel: c.LOG_LEVEL,
    smtpUrl: c.SMTP_URL ?? null,
    smtpPoolSize: c.SMTP_POOL_SIZE,
    mailFrom: c.MAIL_FROM,
    mailBodyRetentionDays: c.MAIL_BODY_RETENTION_DAYS,
    offerHours: c.OFFER_HOURS,
    confirmHours: c.CONFIRM_HOURS,
    trustProxy: c.TRUST_PROXY ?? false,
    metricsToken: c.METRICS_TOKEN ?? null,
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
    uploadMaxBytes: c.UPLOAD_MAX_MB * 1024 * 1024,
    digestHour: c.DIGEST_HOUR,
  };
}
