import { describe, expect, it } from 'vitest';
import { isRecoveryCodeShape, normaliseRecoveryCode, secondFactorStep } from './rules.ts';
import { acceptedStep, groupedSecret, newTotpSecret, totpCode, totpStep, totpUri } from './totp.ts';

const AT = new Date('2026-03-02T12:00:10.000Z');
const STEP = 30_000;

describe('TOTP (RFC 6238 defaults)', () => {
  const secret = newTotpSecret();

  it('matches the RFC 6238 SHA1 test vector', () => {
    // RFC 6238 appendix B: the ASCII key "12345678901234567890", T = 59 s → 94287082 (8 digits; 6: 287082).
    const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    expect(totpCode(rfcSecret, new Date(59_000))).toBe('287082');
  });

  it('accepts the current step and one either side, once each', () => {
    const now = totpStep(AT);
    expect(acceptedStep(secret, totpCode(secret, AT), AT, null)).toBe(now);
    expect(acceptedStep(secret, totpCode(secret, new Date(AT.getTime() - STEP)), AT, null)).toBe(now - 1);
    expect(acceptedStep(secret, totpCode(secret, new Date(AT.getTime() + STEP)), AT, null)).toBe(now + 1);
    // Outside the window: expired, or not yet.
    expect(acceptedStep(secret, totpCode(secret, new Date(AT.getTime() - 2 * STEP)), AT, null)).toBeNull();
    expect(acceptedStep(secret, totpCode(secret, new Date(AT.getTime() + 2 * STEP)), AT, null)).toBeNull();
    // A step already used, or one before it, is refused.
    expect(acceptedStep(secret, totpCode(secret, AT), AT, now)).toBeNull();
    expect(acceptedStep(secret, totpCode(secret, new Date(AT.getTime() - STEP)), AT, now)).toBeNull();
    expect(acceptedStep(secret, totpCode(secret, new Date(AT.getTime() + STEP)), AT, now)).toBe(now + 1);
  });

  it('writes an otpauth URI with issuer and email, SHA1, 6 digits, 30 s', () => {
    const uri = totpUri(secret, 'Kommunernes Akademi', 'bo@example.dk');
    expect(uri).toMatch(/^otpauth:\/\/totp\/Kommunernes%20Akademi:bo%40example\.dk\?/);
    expect(uri).toContain('issuer=Kommunernes%20Akademi');
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toContain('algorithm=SHA1');
    expect(uri).toContain('digits=6');
    expect(uri).toContain('period=30');
  });

  it('shows the secret in groups of four', () => {
    expect(groupedSecret('ABCDEFGHIJ')).toBe('ABCD EFGH IJ');
  });
});

describe('second-factor rules', () => {
  it('organisers must set it up; anyone who has it is asked; others are not', () => {
    expect(secondFactorStep('organiser', false)).toBe('setup');
    expect(secondFactorStep('organiser', true)).toBe('verify');
    expect(secondFactorStep('participant', true)).toBe('verify');
    expect(secondFactorStep('participant', false)).toBe('none');
  });

  it('reads recovery codes as people type them', () => {
    expect(normaliseRecoveryCode(' abcde-fghjk ')).toBe('ABCDEFGHJK');
    expect(isRecoveryCodeShape('ABCDEFGHJK')).toBe(true);
    // 0, O, 1, I and L are not in the alphabet.
    expect(isRecoveryCodeShape('ABCDEFGHJ0')).toBe(false);
    expect(isRecoveryCodeShape('ABCDE')).toBe(false);
  });
});
