import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gs1CheckDigit, isValidCvr, isValidGln, normaliseDigits } from './checkdigits.ts';

describe('CVR modulus 11', () => {
  it('accepts the valid numbers in DENMARK.md and refuses the invalid ones', () => {
    for (const cvr of ['12345674', '61126228', '24256790', '13748136'])
      expect(isValidCvr(cvr), cvr).toBe(true);
    for (const cvr of ['12345678', '16356706', '02345674', '1234567', '123456789', 'abcdefgh', '']) {
      expect(isValidCvr(cvr), cvr).toBe(false);
    }
  });

  it('catches every single-digit typo in a valid number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const valid = '61126228';
        const digit = (Number(valid[pos]) + delta) % 10;
        const typo = valid.slice(0, pos) + String(digit) + valid.slice(pos + 1);
        expect(isValidCvr(typo)).toBe(false);
      }),
    );
  });
});

describe('GLN/EAN GS1 check digit', () => {
  it('accepts the valid numbers in DENMARK.md and refuses the invalid one', () => {
    for (const gln of ['5798009811578', '5798009883735', '5798000123458'])
      expect(isValidGln(gln), gln).toBe(true);
    for (const gln of ['5798000123459', '579800012345', '57980001234580', '579800012345x']) {
      expect(isValidGln(gln), gln).toBe(false);
    }
  });

  it('makes every 12-digit prefix valid with exactly one check digit', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), (prefix) => {
        const valid = [...'0123456789'].filter((d) => isValidGln(prefix + d));
        expect(valid).toEqual([String(gs1CheckDigit(prefix))]);
      }),
    );
  });
});

describe('typed numbers', () => {
  it('drops spaces, dots, hyphens and a DK prefix', () => {
    expect(normaliseDigits('DK 6112 6228')).toBe('61126228');
    expect(normaliseDigits('dk-61126228')).toBe('61126228');
    expect(normaliseDigits('5798 0098 1157 8')).toBe('5798009811578');
  });
});
