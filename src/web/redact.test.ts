import { describe, expect, it } from 'vitest';
import { isLoopbackAddress } from './peer.ts';
import { REDACTED, redactUrl, TOKEN_PATHS } from './redact.ts';

describe('redactUrl', () => {
  it('replaces the token segment of every token-bearing path', () => {
    for (const { prefix } of TOKEN_PATHS) {
      expect(redactUrl(`${prefix}/s3cr3t-T0ken_x`)).toBe(`${prefix}/${REDACTED}`);
      expect(redactUrl(`${prefix}/s3cr3t/more`)).toBe(`${prefix}/${REDACTED}/more`);
    }
    expect(redactUrl('/log-ind/kode')).toBe('/log-ind/kode');
    expect(redactUrl('/log-ind')).toBe('/log-ind');
    expect(redactUrl('/serier/abc')).toBe('/serier/abc');
  });

  it('keeps query keys but not their values, except the language', () => {
    expect(redactUrl('/log-ind?next=%2Fmin-side&lang=en')).toBe(`/log-ind?next=${REDACTED}&lang=en`);
    expect(redactUrl('/x?email=a@b.dk')).toBe(`/x?email=${REDACTED}`);
    expect(redactUrl('/x?a@b.dk')).toBe(`/x?${REDACTED}`);
    expect(redactUrl('/x?ane%40b.dk=1&flag')).toBe(`/x?${REDACTED}=${REDACTED}&flag`);
  });
});

describe('isLoopbackAddress', () => {
  it('knows loopback in its three spellings and nothing else', () => {
    for (const a of ['127.0.0.1', '127.255.0.3', '::1', '::ffff:127.0.0.1', '::FFFF:127.1.2.3']) {
      expect(isLoopbackAddress(a), a).toBe(true);
    }
    for (const a of [
      undefined,
      '',
      '10.0.0.1',
      '::ffff:10.0.0.1',
      '128.0.0.1',
      '1127.0.0.1',
      'localhost',
      '::2',
    ]) {
      expect(isLoopbackAddress(a), String(a)).toBe(false);
    }
  });
});
