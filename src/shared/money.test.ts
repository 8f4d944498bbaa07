import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { vatOf, withVat } from './money.ts';

describe('money in øre', () => {
  it('computes 25 % moms on the demo price', () => {
    expect(vatOf(1_800_000, 2500)).toBe(450_000);
    expect(withVat(1_800_000, 2500)).toBe(2_250_000);
  });

  it('rounds VAT half away from zero to whole øre', () => {
    expect(vatOf(2, 2500)).toBe(1); // 0.5 øre
    expect(vatOf(1, 2500)).toBe(0); // 0.25 øre
    expect(vatOf(-2, 2500)).toBe(-1);
  });

  it('always gives whole øre within half an øre of the exact VAT', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: 10_000 }), (net, rate) => {
        const vat = vatOf(net, rate);
        expect(Number.isSafeInteger(vat)).toBe(true);
        expect(Math.abs(vat - (net * rate) / 10_000)).toBeLessThanOrEqual(0.5);
      }),
    );
  });

  it('refuses fractions of an øre', () => {
    expect(() => vatOf(0.5, 2500)).toThrow(RangeError);
  });
});
