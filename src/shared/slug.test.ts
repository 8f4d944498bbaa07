import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSlug, SLUG_MAX, slugify } from './slug.ts';

describe('slugs', () => {
  it('spells Danish letters out and joins words with hyphens', () => {
    expect(slugify('Beskæftigelsesfaglig masterclass 2027')).toBe('beskaeftigelsesfaglig-masterclass-2027');
    expect(slugify('Leif Tøfting Kongsgaard')).toBe('leif-toefting-kongsgaard');
    expect(slugify('  Åbent hus — København!  ')).toBe('aabent-hus-koebenhavn');
    expect(slugify('Café Noël')).toBe('cafe-noel');
    expect(slugify('***')).toBe('');
  });

  it('accepts only lowercase ASCII words joined by single hyphens', () => {
    expect(isSlug('beskaeftigelsesfaglig-masterclass-2027')).toBe(true);
    for (const bad of [
      '',
      'ABC',
      'a--b',
      '-a',
      'a-',
      'a b',
      '../etc',
      'æble',
      'a'.repeat(SLUG_MAX + 1),
      'a\u0000',
    ]) {
      expect(isSlug(bad)).toBe(false);
    }
  });

  it('always produces a valid slug or nothing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const slug = slugify(text);
        expect(slug === '' || isSlug(slug)).toBe(true);
      }),
    );
  });
});
