import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareText,
  copenhagenDay,
  copenhagenToUtc,
  formatDate,
  formatDateLong,
  formatDateShort,
  formatKroner,
  formatPercent,
  formatTime,
  formatTimeRange,
  parseClock,
  parseDay,
  parseKronerToOre,
  typedDay,
} from './danish.ts';

const NBSP = '\u00a0';

describe('Danish dates and times', () => {
  it('writes the long date the way the source does', () => {
    expect(formatDateLong('2021-06-07T08:00:00.000Z')).toBe('mandag d. 7. juni 2021');
    expect(formatDateLong('2027-11-22T09:00:00.000Z')).toBe('mandag d. 22. november 2027');
    expect(formatDateLong('2027-06-07T08:00:00.000Z', 'en')).toBe('Monday 7 June 2027');
  });

  it('shows the Copenhagen day, not the UTC day', () => {
    // 23:30 UTC on 6 June is 01:30 on 7 June in Copenhagen (summer time).
    expect(formatDateLong('2027-06-06T23:30:00.000Z')).toBe('mandag d. 7. juni 2027');
    expect(copenhagenDay('2027-06-06T23:30:00.000Z')).toBe('2027-06-07');
    expect(formatDate('2021-08-30T08:00:00.000Z')).toBe('30. august 2021');
    expect(formatDateShort('2021-08-30T08:00:00.000Z')).toBe('30.8.2021');
  });

  it('writes times with a full stop and ranges with an en dash', () => {
    expect(formatTime('2027-06-07T08:00:00.000Z')).toBe('10.00');
    expect(formatTimeRange('2027-06-07T08:00:00.000Z', '2027-06-07T12:30:00.000Z')).toBe('10.00–14.30');
    expect(formatTimeRange('2027-06-07T08:00:00.000Z', '2027-06-07T12:30:00.000Z', 'en')).toBe('10:00–14:30');
    // Winter time: 09:00 UTC is 10.00 in Copenhagen.
    expect(formatTime('2027-11-22T09:00:00.000Z')).toBe('10.00');
  });

  it('converts Copenhagen wall-clock time to UTC across summer and winter time', () => {
    expect(copenhagenToUtc('2027-06-07', '10:00')).toBe('2027-06-07T08:00:00.000Z');
    expect(copenhagenToUtc('2027-11-22', '10:00')).toBe('2027-11-22T09:00:00.000Z');
    expect(copenhagenToUtc('2027-06-07', '00:00')).toBe('2027-06-06T22:00:00.000Z');
    expect(copenhagenToUtc('2021-03-28', '03:30')).toBe('2021-03-28T01:30:00.000Z');
    expect(() => copenhagenToUtc('7. juni', '10:00')).toThrow(RangeError);
  });

  it('round-trips any whole minute through Copenhagen time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1) / 60_000, max: Date.UTC(2060, 0, 1) / 60_000 }),
        (minute) => {
          const instant = new Date(minute * 60_000);
          const day = copenhagenDay(instant);
          const time = formatTime(instant, 'en');
          const back = copenhagenToUtc(day, time);
          // The hour that repeats when summer time ends maps to one of its two instants.
          expect(Math.abs(Date.parse(back) - instant.getTime()) % 3_600_000).toBe(0);
          expect(formatTime(back, 'en')).toBe(time);
        },
      ),
    );
  });

  it('refuses something that is not an instant', () => {
    expect(() => formatDateLong('not a date')).toThrow(RangeError);
  });
});

describe('Danish money', () => {
  it('formats øre as kroner with a non-breaking space before the unit', () => {
    expect(formatKroner(1_800_000)).toBe(`18.000${NBSP}kr.`);
    expect(formatKroner(2_250_000)).toBe(`22.500${NBSP}kr.`);
    expect(formatKroner(1_800_000, { decimals: true })).toBe(`18.000,00${NBSP}kr.`);
    expect(formatKroner(450_050)).toBe(`4.500,50${NBSP}kr.`);
    expect(formatKroner(1_800_000, { lang: 'en' })).toBe(`DKK${NBSP}18,000`);
    expect(() => formatKroner(1.5)).toThrow(RangeError);
  });

  it('parses amounts typed the Danish way', () => {
    expect(parseKronerToOre('18.000,50')).toBe(1_800_050);
    expect(parseKronerToOre('18000')).toBe(1_800_000);
    expect(parseKronerToOre('18 000,5')).toBe(1_800_050);
    expect(parseKronerToOre('18.000 kr.')).toBe(1_800_000);
    expect(parseKronerToOre('0,05')).toBe(5);
    expect(parseKronerToOre('-12,00')).toBe(-1200);
    for (const bad of ['', 'abc', '18,000.50', '1.2.3', '18,123', '12.34', '1e5', '99999999999999999999']) {
      expect(parseKronerToOre(bad)).toBeNull();
    }
  });

  it('parses what it formats', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (ore) => {
        expect(parseKronerToOre(formatKroner(ore, { decimals: true }))).toBe(ore);
      }),
    );
  });

  it('writes percentages with a space', () => {
    expect(formatPercent(2500)).toBe(`25${NBSP}%`);
    expect(formatPercent(1250)).toBe(`12,50${NBSP}%`);
    expect(formatPercent(2500, 'en')).toBe('25%');
  });

  it('sorts æ, ø and å after z', () => {
    expect(['Åse', 'Øjvind', 'Ærø', 'Zenia', 'Anders'].sort((a, b) => compareText(a, b))).toEqual([
      'Anders',
      'Zenia',
      'Ærø',
      'Øjvind',
      'Åse',
    ]);
  });
});

describe('days and times as typed', () => {
  it('reads a Danish or ISO day and refuses days that do not exist', () => {
    expect(parseDay('7.6.2027')).toBe('2027-06-07');
    expect(parseDay(' 07-06-2027 ')).toBe('2027-06-07');
    expect(parseDay('7/6 2027')).toBe('2027-06-07');
    expect(parseDay('2027-06-07')).toBe('2027-06-07');
    expect(parseDay('29.2.2027')).toBeNull();
    expect(parseDay('29.2.2028')).toBe('2028-02-29');
    expect(parseDay('32.1.2027')).toBeNull();
    expect(parseDay('i morgen')).toBeNull();
    expect(typedDay('2027-06-07')).toBe('7.6.2027');
  });

  it('reads a time of day with a colon or a dot, and refuses 24:00 and 10:60', () => {
    expect(parseClock('10:00')).toBe('10:00');
    expect(parseClock('9.30')).toBe('09:30');
    expect(parseClock('14')).toBe('14:00');
    expect(parseClock('24:00')).toBeNull();
    expect(parseClock('10:60')).toBeNull();
    expect(parseClock('ti')).toBeNull();
  });
});
