import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RATE_LIMITS,
  formatRateLimit,
  overLimit,
  parseRateLimit,
  rateWindowEnd,
  rateWindowStart,
  retryAfterSeconds,
} from './rules.ts';

const NOW = new Date('2026-03-02T12:00:00.000Z');

describe('rate-limit rules', () => {
  it('puts every instant of one 15-minute window in the same window, aligned to the epoch', () => {
    const limit = DEFAULT_RATE_LIMITS.signInEmail;
    expect(rateWindowStart(NOW, limit).toISOString()).toBe('2026-03-02T12:00:00.000Z');
    const late = new Date('2026-03-02T12:14:59.999Z');
    expect(rateWindowStart(late, limit).toISOString()).toBe('2026-03-02T12:00:00.000Z');
    expect(rateWindowEnd(late, limit).toISOString()).toBe('2026-03-02T12:15:00.000Z');
    expect(rateWindowStart(new Date('2026-03-02T12:15:00.000Z'), limit).toISOString()).toBe(
      '2026-03-02T12:15:00.000Z',
    );
  });

  it('allows exactly max requests per window', () => {
    const limit = { max: 5, windowMs: 60_000 };
    expect(overLimit(5, limit)).toBe(false);
    expect(overLimit(6, limit)).toBe(true);
  });

  it('reads and writes settings as <count>/<window>', () => {
    expect(parseRateLimit('5/15m')).toEqual({ max: 5, windowMs: 15 * 60_000 });
    expect(parseRateLimit(' 200 / 1h ')).toEqual({ max: 200, windowMs: 3600_000 });
    expect(parseRateLimit('30/90s')).toEqual({ max: 30, windowMs: 90_000 });
    for (const bad of [
      '',
      '5',
      '5/',
      '/15m',
      '0/1h',
      '5/0s',
      '5/25h',
      '1000001/1h',
      '5/1d',
      '5.5/1h',
      'x/1h',
    ]) {
      expect(parseRateLimit(bad), bad).toBeNull();
    }
    for (const limit of Object.values(DEFAULT_RATE_LIMITS)) {
      expect(parseRateLimit(formatRateLimit(limit))).toEqual(limit);
    }
    expect(formatRateLimit({ max: 30, windowMs: 90_000 })).toBe('30/90s');
  });

  it('says how many whole seconds to wait, at least one', () => {
    expect(retryAfterSeconds(new Date('2026-03-02T12:15:00.000Z'), NOW)).toBe(900);
    expect(retryAfterSeconds(new Date('2026-03-02T12:00:00.001Z'), NOW)).toBe(1);
    expect(retryAfterSeconds(NOW, NOW)).toBe(1);
  });

  it('has generous defaults for people who share an address', () => {
    expect(DEFAULT_RATE_LIMITS).toEqual({
      signInEmail: { max: 5, windowMs: 15 * 60_000 },
      signInIp: { max: 60, windowMs: 15 * 60_000 },
      codeEmail: { max: 10, windowMs: 15 * 60_000 },
      codeIp: { max: 30, windowMs: 15 * 60_000 },
      registrationIp: { max: 200, windowMs: 3600_000 },
      registrationEmail: { max: 10, windowMs: 3600_000 },
      registrationInvoiceEmail: { max: 100, windowMs: 3600_000 },
    });
  });
});
