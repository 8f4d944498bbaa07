import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';
import { DEFAULT_RATE_LIMITS } from './modules/limits/rules.ts';

describe('configuration', () => {
  it('has defaults for everything', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      baseUrl: 'http://localhost:3000',
      databaseUrl: 'sqlite:./data/holdet.db',
      nodeEnv: 'development',
      logLevel: 'info',
      smtpUrl: null,
      smtpPoolSize: 5,
      mailFrom: 'Holdet <noreply@holdet.local>',
      mailBodyRetentionDays: 30,
      offerHours: 48,
      confirmHours: 24,
      trustProxy: false,
      metricsToken: null,
      sessionIdleDays: 7,
      rateLimits: DEFAULT_RATE_LIMITS,
      uploadMaxBytes: 50 * 1024 * 1024,
      digestHour: 7,
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
      CONFIRM_HOURS: '12',
      TRUST_PROXY: '10.0.0.0/8, 127.0.0.1',
      METRICS_TOKEN: 'prometheus-scrape-secret-0123',
      SMTP_POOL_SIZE: '8',
      MAIL_BODY_RETENTION_DAYS: '7',
      SESSION_IDLE_DAYS: '3',
      RATE_LIMIT_SIGN_IN_EMAIL: '3/10m',
      RATE_LIMIT_SIGN_IN_IP: '100/1h',
      RATE_LIMIT_CODE_EMAIL: '8/15m',
      RATE_LIMIT_CODE_IP: ' 40 / 30m ',
      RATE_LIMIT_REGISTRATION_IP: '100000/1h',
      RATE_LIMIT_REGISTRATION_EMAIL: '5/90s',
      RATE_LIMIT_REGISTRATION_INVOICE_EMAIL: '50/24h',
      UPLOAD_MAX_MB: '20',
      DIGEST_HOUR: '6',
    });
    expect(config).toEqual({
      port: 8080,
      host: '127.0.0.1',
      baseUrl: 'https://holdet.example.dk',
      databaseUrl: 'postgres://holdet:secret@db:5432/holdet',
      nodeEnv: 'production',
      logLevel: 'warn',
      smtpUrl: 'smtps://user:pass@smtp.example.dk:465',
      smtpPoolSize: 8,
      mailFrom: 'Kompetencecenter <kurser@example.dk>',
      mailBodyRetentionDays: 7,
      offerHours: 24,
      confirmHours: 12,
      trustProxy: ['10.0.0.0/8', '127.0.0.1'],
      metricsToken: 'prometheus-scrape-secret-0123',
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
      uploadMaxBytes: 20 * 1024 * 1024,
      digestHour: 6,
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

  it('takes the upload limit in whole megabytes (1–1024)', () => {
    expect(loadConfig({ UPLOAD_MAX_MB: '1' }).uploadMaxBytes).toBe(1024 * 1024);
    for (const mb of ['0', '1025', '2.5', 'big']) {
      expect(() => loadConfig({ UPLOAD_MAX_MB: mb }), mb).toThrow(/UPLOAD_MAX_MB/);
    }
  });

  it('takes the digest hour as a whole hour 0–23 (default 7)', () => {
    expect(loadConfig({}).digestHour).toBe(7);
    expect(loadConfig({ DIGEST_HOUR: '0' }).digestHour).toBe(0);
    for (const hour of ['-1', '24', '7.5', 'morning']) {
      expect(() => loadConfig({ DIGEST_HOUR: hour }), hour).toThrow(/DIGEST_HOUR/);
    }
  });

  it('rejects ports out of range', () => {
    for (const port of ['-1', '65536', '3.5']) {
      expect(() => loadConfig({ PORT: port }), port).toThrow(ConfigError);
    }
    expect(loadConfig({ PORT: '0' }).port).toBe(0);
  });

  it('listens on loopback in development and test, on every interface in production', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ NODE_ENV: 'test' }).host).toBe('127.0.0.1');
    expect(loadConfig({ NODE_ENV: 'production' }).host).toBe('0.0.0.0');
    // Opened to the network on purpose.
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ NODE_ENV: 'production', HOST: '10.1.2.3' }).host).toBe('10.1.2.3');
  });

  it('trusts no proxy unless TRUST_PROXY says so', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production' }).trustProxy).toBe(false);
    for (const off of ['false', 'FALSE', '0', 'no', 'off']) {
      expect(loadConfig({ TRUST_PROXY: off }).trustProxy, off).toBe(false);
    }
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: ' 2 ' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1' }).trustProxy).toEqual(['127.0.0.1']);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8,::1, fd00::/8' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '::1',
      'fd00::/8',
    ]);
  });

  it('refuses a TRUST_PROXY it cannot use, with a message that says what it takes', () => {
    for (const bad of [
      'true',
      'yes',
      '-1',
      '1.5',
      'loadbalancer',
      '10.0.0.0/33',
      '10.0.0',
      '::1/129',
      '10.0.0.1,',
      '*',
    ]) {
      let caught: unknown;
      try {
        loadConfig({ TRUST_PROXY: bad });
      } catch (error) {
        caught = error;
      }
      expect(caught, bad).toBeInstanceOf(ConfigError);
      expect((caught as ConfigError).message, bad).toContain('TRUST_PROXY=');
      expect((caught as ConfigError).message, bad).toContain('a hop count');
    }
  });

  it('takes a METRICS_TOKEN only when it is long enough to be a secret', () => {
    expect(loadConfig({}).metricsToken).toBeNull();
    expect(loadConfig({ METRICS_TOKEN: 'a'.repeat(16) }).metricsToken).toBe('a'.repeat(16));
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(
      /METRICS_TOKEN="short": must be at least 16/,
    );
    expect(() => loadConfig({ METRICS_TOKEN: 'sixteen chars here!' })).toThrow(/printable ASCII/);
  });

  it('takes an SMTP pool of 1 to 50 connections', () => {
    for (const size of ['0', '51', '2.5', 'many']) {
      expect(() => loadConfig({ SMTP_POOL_SIZE: size }), size).toThrow(/SMTP_POOL_SIZE/);
    }
    expect(loadConfig({ SMTP_POOL_SIZE: '1' }).smtpPoolSize).toBe(1);
    expect(loadConfig({ SMTP_POOL_SIZE: '50' }).smtpPoolSize).toBe(50);
  });

  it('keeps mail content 1 to 3650 days', () => {
    for (const days of ['0', '-30', '3651', '1.5', 'forever']) {
      expect(() => loadConfig({ MAIL_BODY_RETENTION_DAYS: days }), days).toThrow(/MAIL_BODY_RETENTION_DAYS/);
    }
    expect(loadConfig({ MAIL_BODY_RETENTION_DAYS: '1' }).mailBodyRetentionDays).toBe(1);
    expect(loadConfig({ MAIL_BODY_RETENTION_DAYS: '3650' }).mailBodyRetentionDays).toBe(3650);
  });
});
