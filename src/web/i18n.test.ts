import { describe, expect, it } from 'vitest';
import { messages, pickLang } from './i18n.ts';

describe('language choice', () => {
  it('prefers an explicit choice, then the cookie, then Accept-Language, then Danish', () => {
    expect(pickLang('en', 'da', 'da')).toBe('en');
    expect(pickLang(undefined, 'en', 'da')).toBe('en');
    expect(pickLang(undefined, undefined, 'en-GB,en;q=0.9')).toBe('en');
    expect(pickLang(undefined, undefined, undefined)).toBe('da');
    expect(pickLang('fr', 'xx', 'fr-FR')).toBe('da');
  });

  it('honours quality values and prefers Danish for Scandinavian readers', () => {
    expect(pickLang(undefined, undefined, 'en;q=0.5, da;q=0.9')).toBe('da');
    expect(pickLang(undefined, undefined, 'de, en;q=0.8')).toBe('en');
    expect(pickLang(undefined, undefined, 'sv-SE, en;q=0.8')).toBe('da');
    expect(pickLang(undefined, undefined, 'en;q=0, da;q=0')).toBe('da');
    expect(pickLang(undefined, undefined, ';;;,,,q=abc')).toBe('da');
  });
});

describe('message catalogue', () => {
  it('has every key in both languages, none empty', () => {
    const da = messages('da');
    const en = messages('en');
    expect(Object.keys(en).sort()).toEqual(Object.keys(da).sort());
    for (const catalogue of [da, en]) {
      for (const [key, value] of Object.entries(catalogue)) {
        const text = typeof value === 'function' ? (value as (...a: unknown[]) => string)(2, 15) : value;
        expect(text.trim(), key).not.toBe('');
      }
    }
  });

  it('speaks correct Danish about seats', () => {
    expect(messages('da')['series.seatsLeft'](14, 15)).toBe('14 af 15 pladser ledige');
    expect(messages('en')['series.seatsLeft'](1, 15)).toBe('1 of 15 seats left');
  });
});
