import { z } from 'zod';

// The only place that reads process.env. Everything else receives a Config.

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const databaseUrl = z
  .string()
  .trim()
  .refine((v) => v.startsWith('sqlite:') || /^postgres(ql)?:\/\//.test(v), {
    message: 'must start with sqlite: (a file path or :memory:) or postgres://',
  });

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
  SMTP_POOL_SIZE: z.coerce.number().int().min(1).max(50).default(5),
  MAIL_FROM: z.string().trim().min(3).default('Holdet <noreply@holdet.local>'),
  MAIL_BODY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  OFFER_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 14)
    .default(48),
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
  /** SMTP connections kept open, and mails in flight at once per app instance. */
  smtpPoolSize: number;
  mailFrom: string;
  /** Days after which a sent (or given-up) mail's text, HTML and attachments are erased from the outbox. */
  mailBodyRetentionDays: number;
  /** How long a freed seat is held for the head of the waitlist. */
  offerHours: number;
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
    smtpPoolSize: c.SMTP_POOL_SIZE,
    mailFrom: c.MAIL_FROM,
    mailBodyRetentionDays: c.MAIL_BODY_RETENTION_DAYS,
    offerHours: c.OFFER_HOURS,
  };
}
