import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalAmount, decimalPercent, type InvoiceLine, line, totalsOf } from './model.ts';

describe('decimalAmount', () => {
  it('writes øre as kroner with two decimals and a point', () => {
    expect(decimalAmount(1_800_000)).toBe('18000.00');
    expect(decimalAmount(450_050)).toBe('4500.50');
    expect(decimalAmount(0)).toBe('0.00');
    expect(decimalAmount(1)).toBe('0.01');
    expect(decimalAmount(99)).toBe('0.99');
    expect(decimalAmount(100)).toBe('1.00');
  });

  it('keeps the sign of negative amounts, also below one krone', () => {
    expect(decimalAmount(-1)).toBe('-0.01');
    expect(decimalAmount(-150)).toBe('-1.50');
  });

  it('is exact up to the largest safe integer', () => {
    expect(decimalAmount(Number.MAX_SAFE_INTEGER)).toBe('90071992547409.91');
  });

  it('refuses fractions of an øre', () => {
    expect(() => decimalAmount(0.5)).toThrow(RangeError);
    expect(() => decimalAmount(Number.NaN)).toThrow(RangeError);
  });

  it('reads back to the same øre', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (ore) => {
        const text = decimalAmount(ore);
        expect(text).toMatch(/^-?\d+\.\d\d$/);
        expect(Math.round(Number(text) * 100)).toBe(ore);
      }),
    );
  });
});

describe('decimalPercent', () => {
  it('writes basis points as a percent without trailing zeros', () => {
    expect(decimalPercent(2500)).toBe('25');
    expect(decimalPercent(1250)).toBe('12.5');
    expect(decimalPercent(1225)).toBe('12.25');
    expect(decimalPercent(5)).toBe('0.05');
    expect(decimalPercent(10)).toBe('0.1');
    expect(decimalPercent(0)).toBe('0');
    expect(decimalPercent(10_000)).toBe('100');
  });

  it('is the rate divided by 100 for every whole rate from 0 to 100 %', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (bp) => {
        const text = decimalPercent(bp);
        expect(text).toMatch(/^\d+(\.\d?[1-9])?$/);
        expect(Math.round(Number(text) * 100)).toBe(bp);
      }),
    );
  });
});

describe('line', () => {
  it('computes net and 25 % VAT for the demo seat', () => {
    expect(line('1', 'Masterclass', 1, 1_800_000, 2500)).toEqual({
      id: '1',
      description: 'Masterclass',
      quantity: 1,
      unitPriceOre: 1_800_000,
      netOre: 1_800_000,
      vatRateBp: 2500,
      vatOre: 450_000,
    });
  });

  it('multiplies by the quantity before rounding VAT once, on the line', () => {
    // 3 × 0.02 kr. = 0.06 kr.; 25 % of 6 øre is 1.5 øre → 2 øre (half away from zero), not 3 × 1 øre.
    const l = line('1', 'x', 3, 2, 2500);
    expect(l.netOre).toBe(6);
    expect(l.vatOre).toBe(2);
  });

  it('rounds half an øre of VAT away from zero', () => {
    expect(line('1', 'x', 1, 2, 2500).vatOre).toBe(1);
    expect(line('1', 'x', 1, 1, 2500).vatOre).toBe(0);
    expect(line('1', 'x', 1, -2, 2500).vatOre).toBe(-1);
  });

  it('refuses a quantity that is not a whole number of at least 1', () => {
    expect(() => line('1', 'x', 0, 100, 2500)).toThrow(RangeError);
    expect(() => line('1', 'x', 1.5, 100, 2500)).toThrow(RangeError);
    expect(() => line('1', 'x', -1, 100, 2500)).toThrow(RangeError);
  });

  it('refuses fractions of an øre and amounts beyond exact arithmetic', () => {
    expect(() => line('1', 'x', 1, 10.5, 2500)).toThrow(RangeError);
    expect(() => line('1', 'x', 2, Number.MAX_SAFE_INTEGER, 2500)).toThrow(RangeError);
  });
});

describe('totalsOf', () => {
  it('adds the demo invoice up: 18.000 + 4.500 = 22.500 kr.', () => {
    expect(totalsOf([line('1', 'x', 1, 1_800_000, 2500)])).toEqual({
      netOre: 1_800_000,
      vatOre: 450_000,
      totalOre: 2_250_000,
      vat: [{ vatRateBp: 2500, baseOre: 1_800_000, vatOre: 450_000 }],
    });
  });

  it('gives zeros and no breakdown for no lines', () => {
    expect(totalsOf([])).toEqual({ netOre: 0, vatOre: 0, totalOre: 0, vat: [] });
  });

  it('sums VAT as rounded per line, not recomputed on the total', () => {
    // Two lines of 2 øre: each 0.5 øre of VAT → 1 øre, so 2 øre in all (25 % of 4 øre would be 1).
    const t = totalsOf([line('1', 'a', 1, 2, 2500), line('2', 'b', 1, 2, 2500)]);
    expect(t.vatOre).toBe(2);
    expect(t.vat).toEqual([{ vatRateBp: 2500, baseOre: 4, vatOre: 2 }]);
  });

  it('breaks VAT down per rate, highest rate first', () => {
    const t = totalsOf([
      line('1', 'a', 1, 1000, 1250),
      line('2', 'b', 2, 1000, 2500),
      line('3', 'c', 1, 400, 1250),
    ]);
    expect(t.vat).toEqual([
      { vatRateBp: 2500, baseOre: 2000, vatOre: 500 },
      { vatRateBp: 1250, baseOre: 1400, vatOre: 175 },
    ]);
    expect(t).toMatchObject({ netOre: 3400, vatOre: 675, totalOre: 4075 });
  });

  it('always adds up exactly: lines, breakdown and total agree', () => {
    const lines = fc
      .array(
        fc.record({
          quantity: fc.integer({ min: 1, max: 50 }),
          price: fc.integer({ min: 0, max: 1_000_000_000 }),
          rate: fc.constantFrom(2500, 1250, 0),
        }),
        { maxLength: 6 },
      )
      .map((rows) => rows.map((r, i): InvoiceLine => line(String(i + 1), 'x', r.quantity, r.price, r.rate)));
    fc.assert(
      fc.property(lines, (ls) => {
        const t = totalsOf(ls);
        expect(t.totalOre).toBe(t.netOre + t.vatOre);
        expect(t.netOre).toBe(ls.reduce((s, l) => s + l.netOre, 0));
        expect(t.vatOre).toBe(ls.reduce((s, l) => s + l.vatOre, 0));
        expect(t.vat.reduce((s, v) => s + v.baseOre, 0)).toBe(t.netOre);
        expect(t.vat.reduce((s, v) => s + v.vatOre, 0)).toBe(t.vatOre);
        expect(new Set(t.vat.map((v) => v.vatRateBp)).size).toBe(t.vat.length);
        for (const v of t.vat)
          expect(Math.abs(v.vatOre - (v.baseOre * v.vatRateBp) / 10_000)).toBeLessThanOrEqual(ls.length);
      }),
    );
  });
});
