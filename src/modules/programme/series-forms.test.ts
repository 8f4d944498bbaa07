import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseKronerToOre } from '../../shared/danish.ts';
import {
  bpToPercentText,
  clockOf,
  isDay,
  oreToKronerText,
  parseCopyForm,
  parsePercentToBp,
  parseSeriesForm,
  proposedCopySlug,
  seriesValues,
} from './series-forms.ts';

const CHOICES = { persons: ['p1'], venues: ['v1'] };

const valid = {
  slug: 'ledelse-2028',
  titleDa: ' Ledelse ',
  titleEn: 'Leadership',
  summaryDa: 'Kort.',
  summaryEn: 'Short.',
  capacity: '15',
  price: '18.000,50',
  vatRate: '25',
  opensDay: '2027-12-01',
  opensTime: '9.00',
  closesDay: '2028-06-05',
  closesTime: '00:00',
  facilitatorId: 'p1',
  venueId: '',
};

describe('parseSeriesForm', () => {
  it('reads a valid form: trimmed texts, øre, basis points, Copenhagen times as UTC', () => {
    const parsed = parseSeriesForm(valid, 'da', CHOICES);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.fields).toMatchObject({
      titleDa: 'Ledelse',
      capacity: 15,
      priceOre: 1_800_050,
      vatRateBp: 2500,
      registrationOpensAt: '2027-12-01T08:00:00.000Z',
      registrationClosesAt: '2028-06-04T22:00:00.000Z',
      facilitatorId: 'p1',
      venueId: null,
      introDa: '',
    });
    // Round trip: the saved series fills the form that parses to it again.
    const again = parseSeriesForm(seriesValues(parsed.fields), 'da', CHOICES);
    expect(again.ok && again.fields).toEqual(parsed.fields);
  });

  it('names the fields in English too', () => {
    const parsed = parseSeriesForm({ ...valid, titleEn: '', price: 'lots' }, 'en', CHOICES);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual({
      titleEn: 'Fill in the title in English',
      price: 'The price must be an amount in kroner, e.g. 18.000 or 18.000,50',
    });
    expect(parsed.values.price).toBe('lots');
  });

  it('never throws, whatever is posted', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.array(fc.string()), fc.integer())),
        (body) => {
          parseSeriesForm(body, 'da', CHOICES);
          parseCopyForm(body, 'da', [{ id: 'a' }, { id: 'b' }]);
        },
      ),
    );
    expect(parseSeriesForm(undefined, 'da', CHOICES).ok).toBe(false);
    expect(parseSeriesForm({ ...valid, slug: ['a', 'b'] }, 'da', CHOICES).ok).toBe(true);
  });
});

describe('the small parsers', () => {
  it('writes øre as a Danish amount that parses back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), (ore) => {
        expect(parseKronerToOre(oreToKronerText(ore))).toBe(ore);
      }),
    );
    expect(oreToKronerText(1_800_000)).toBe('18000');
    expect(oreToKronerText(1_800_050)).toBe('18000,50');
  });

  it('reads percentages as basis points', () => {
    expect(parsePercentToBp('25')).toBe(2500);
    expect(parsePercentToBp('12,5 %')).toBe(1250);
    expect(parsePercentToBp('0')).toBe(0);
    expect(parsePercentToBp('100')).toBe(10_000);
    expect(parsePercentToBp('101')).toBeNull();
    expect(parsePercentToBp('-5')).toBeNull();
    expect(bpToPercentText(1250)).toBe('12,5');
    expect(parsePercentToBp(bpToPercentText(1250))).toBe(1250);
  });

  it('checks days and times', () => {
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('2027-02-29')).toBe(false);
    expect(isDay('27-02-01')).toBe(false);
    expect(clockOf('9.00')).toBe('09:00');
    expect(clockOf('23:59')).toBe('23:59');
    expect(clockOf('24:00')).toBeNull();
  });

  it("moves a slug's year on, or marks it as a copy", () => {
    expect(proposedCopySlug('beskaeftigelsesfaglig-masterclass-2027', 1)).toBe(
      'beskaeftigelsesfaglig-masterclass-2028',
    );
    expect(proposedCopySlug('ledelse', 1)).toBe('ledelse-kopi');
  });
});

describe('parseCopyForm', () => {
  it('names each session field by its number', () => {
    const parsed = parseCopyForm(
      {
        slug: 'x-2028',
        titleDa: 'T',
        titleEn: 'T',
        session1Day: '2028-06-05',
        session1Start: '10:00',
        session1End: '14:30',
      },
      'da',
      [{ id: 'a' }, { id: 'b' }],
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual({
      session2Day: 'Udfyld dato for session 2',
      session2Start: 'Udfyld starttidspunkt for session 2',
      session2End: 'Udfyld sluttidspunkt for session 2',
      opensDay: 'Udfyld tilmelding åbner, dato',
      opensTime: 'Udfyld tilmelding åbner, klokkeslæt',
      closesDay: 'Udfyld tilmelding lukker, dato',
      closesTime: 'Udfyld tilmelding lukker, klokkeslæt',
    });
  });
});
