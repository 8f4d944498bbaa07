import { describe, expect, it } from 'vitest';
import { parseCancelForm } from './cancel.tsx';
import { adminMessages } from './messages.ts';

// The cancel form's rules: a reason always; for an invoiced registration a credit choice, and for a part
// credit an amount in kroner above 0 and at most what is left to credit.

const m = adminMessages('da');
const INVOICED = { invoiceNumber: '2027-0003', remainingOre: 1_800_000, vatRateBp: 2500 };

describe('cancel form', () => {
  it('takes a reason alone when there is nothing to credit', () => {
    expect(parseCancelForm({ reason: '  Sygdom ' }, null, m)).toEqual({
      ok: true,
      reason: 'Sygdom',
      credit: { kind: 'none' },
    });
    const missing = parseCancelForm({ reason: ' ' }, null, m);
    expect(missing).toMatchObject({ ok: false, errors: { reason: m['admin.reasonRequired'] } });
  });

  it('reads the credit choice of an invoiced registration', () => {
    expect(parseCancelForm({ reason: 'x', credit: 'full' }, INVOICED, m)).toMatchObject({
      credit: { kind: 'full' },
    });
    expect(parseCancelForm({ reason: 'x', credit: 'none' }, INVOICED, m)).toMatchObject({
      credit: { kind: 'none' },
    });
    expect(parseCancelForm({ reason: 'x', credit: 'part', amount: '9.000,50' }, INVOICED, m)).toMatchObject({
      credit: { kind: 'part', netOre: 900_050 },
    });
    expect(parseCancelForm({ reason: 'x', credit: 'part', amount: '18.000' }, INVOICED, m)).toMatchObject({
      credit: { kind: 'part', netOre: 1_800_000 },
    });
  });

  it('names each problem next to its field and keeps what was typed', () => {
    const cases: [Record<string, string>, Record<string, string>][] = [
      [{ reason: 'x' }, { credit: m['admin.creditRequired'] }],
      [{ reason: 'x', credit: 'maybe' }, { credit: m['admin.creditRequired'] }],
      [{ reason: 'x', credit: 'part', amount: '' }, { amount: m['admin.amountRequired'] }],
      [{ reason: 'x', credit: 'part', amount: 'ni tusind' }, { amount: m['admin.amountInvalid'] }],
      [{ reason: 'x', credit: 'part', amount: '0,00' }, { amount: m['admin.amountPositive'] }],
      [{ reason: 'x', credit: 'part', amount: '-5' }, { amount: m['admin.amountPositive'] }],
      [
        { reason: 'x', credit: 'part', amount: '18.000,01' },
        { amount: m['admin.amountTooLarge']('18.000,00\u00a0kr.') },
      ],
      [
        { reason: '', credit: 'part', amount: 'abc' },
        { reason: m['admin.reasonRequired'], amount: m['admin.amountInvalid'] },
      ],
    ];
    for (const [body, errors] of cases) {
      const parsed = parseCancelForm(body, INVOICED, m);
      expect(parsed, JSON.stringify(body)).toEqual({
        ok: false,
        values: { reason: body.reason ?? '', credit: body.credit ?? '', amount: body.amount ?? '' },
        errors,
      });
    }
  });

  it('refuses to credit an invoice already credited in full', () => {
    const done = { ...INVOICED, remainingOre: 0 };
    expect(parseCancelForm({ reason: 'x', credit: 'full' }, done, m)).toMatchObject({
      ok: false,
      errors: { credit: m['admin.nothingLeft'] },
    });
    expect(parseCancelForm({ reason: 'x', credit: 'none' }, done, m)).toMatchObject({ ok: true });
  });
});
