import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';
import { DEFAULT_RATE_LIMITS } from './modules/limits/rules.ts';

describe('configuration', () => {
  it('has defaults for everything', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '0.0.0.0',
      baseUrl: 'http://localhost:3000',
      databaseUrl: 'sqlite:./data/holdet.db',
      nodeEnv: 'development',
      logLevel: 'info',
      smtpUrl: null,
      mailFrom: 'Holdet <noreply@holdet.local>',
      offerHours: 48,
      sessionIdleDays: 7,
      rateLimits: DEFAULT_RATE_LIMITS,
    });
  });

  it('reads and converts every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      BASE_URL: 'https://holdet.example.dk/',
      DATABASE_URL: 'postgres://holdet:secret@db:5432/holdet',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      SMTP_URL: 'smtps://user:pass@smtp.example.dk:465',
      MAIL_FROM: 'Kompetencecenter <kurser@example.dk>',
      OFFER_HOURS: '24',
      SESSION_IDLE_DAYS: '3',
      RATE_LIMIT_SIGN_IN_EMAIL: '3/10m',
      RATE_LIMIT_SIGN_IN_IP: '100/1h',
      RATE_LIMIT_CODE_EMAIL: '8/15m',
      RATE_LIMIT_CODE_IP: ' 40 / 30m ',
      RATE_LIMIT_REGISTRATION_IP: '100000/1h',
      RATE_LIMIT_REGISTRATION_EMAIL: '5/90s',
      RATE_LIMIT_REGISTRATION_INVOICE_EMAIL: '50/24h',
    });
    expect(config).toEqual({
      port: 8080,
      host: '127.0.0.1',
      baseUrl: 'https://holdet.example.dk',
      databaseUrl: 'postgres://holdet:secret@db:5432/holdet',
      nodeEnv: 'production',
      logLevel: 'warn',
      smtpUrl: 'smtps://user:pass@smtp.example.dk:465',
      mailFrom: 'Kompetencecenter <kurser@example.dk>',
      offerHours: 24,
      sessionIdleDays: 3,
      rateLimits: {
        signInEmail: { max: 3, windowMs: 10 * 60_000 },
        signInIp: { max: 100, windowMs: 3600_000 },
        codeEmail: { max: 8, windowMs: 15 * 60_000 },
        codeIp: { max: 40, windowMs: 30 * 60_000 },
        registrationIp: { max: 100_000, windowMs: 3600_000 },
        registrationEmail: { max: 5, windowMs: 90_000 },
        registrationInvoiceEmail: { max: 50, windowMs: 24 * 3600_000 },
      },
    });
  });

  it('derives the base URL from host and port when none is given', () => {
    expect(loadConfig({ HOST: '127.0.0.1', PORT: '4000' }).baseUrl).toBe('http://127.0.0.1:4000');
    expect(loadConfig({ HOST: '::', PORT: '4000' }).baseUrl).toBe('http://localhost:4000');
  });

  it('accepts the database URL forms it can open', () => {
    for (const url of [
      'sqlite::memory:',
      'sqlite:/var/lib/holdet/holdet.db',
      'postgresql://h/db',
      'postgres://h/db',
    ]) {
      expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
    }
    expect(loadConfig({ DATABASE_URL: '  sqlite:x.db  ' }).databaseUrl).toBe('sqlite:x.db');
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', LOG_LEVEL: '', DATABASE_URL: undefined })).toEqual(loadConfig({}));
  });

  it('ignores variables it does not know', () => {
    expect(loadConfig({ PATH: '/usr/bin', HOME: '/root' })).toEqual(loadConfig({}));
  });

  it('names every bad variable in one error', () => {
    let caught: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://db/holdet',
        LOG_LEVEL: 'loud',
        NODE_ENV: 'staging',
        BASE_URL: 'ftp://holdet.example.dk',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const error = caught as ConfigError;
    expect(error.problems).toHaveLength(5);
    for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'NODE_ENV', 'BASE_URL']) {
      expect(error.message).toContain(`${name}=`);
    }
    expect(error.message).toContain('"eighty"');
    expect(error.message).toContain('must start with sqlite:');
    expect(error.message.startsWith('Invalid configuration:')).toBe(true);
  });

  it('documents the generous rate-limit defaults and refuses limits that are not <count>/<window>', () => {
    const { rateLimits } = loadConfig({});
    expect(rateLimits.signInEmail).toEqual({ max: 5, windowMs: 15 * 60_000 });
    expect(rateLimits.signInIp).toEqual({ max: 60, windowMs: 15 * 60_000 });
    expect(rateLimits.registrationIp).toEqual({ max: 200, windowMs: 3600_000 });
    for (const value of ['5', '0/15m', '5/0m', '5/25h', '5/15d', '-1/1h', '2000000/1h', 'many/1h']) {
      expect(() => loadConfig({ RATE_LIMIT_REGISTRATION_IP: value }), value).toThrow(
        /RATE_LIMIT_REGISTRATION_IP=.*must be <count>\/<window>/,
      );
    }
    for (const days of ['0', '31', '1.5', 'week']) {
      expect(() => loadConfig({ SESSION_IDLE_DAYS: days }), days).toThrow(/SESSION_IDLE_DAYS/);
    }
  });

  it('rejects ports out of range', () => {
    for (const port of ['-1', '65536', '3.5']) {
      expect(() => loadConfig({ PORT: port }), port).toThrow(ConfigError);
    }
    expect(loadConfig({ PORT: '0' }).port).toBe(0);
  });
});
