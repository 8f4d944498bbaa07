import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstFreeSlug, isSlug, SLUG_MAX, slugify } from './slug.ts';

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

describe('the first free slug', () => {
  it('numbers a taken slug from 2, skips reserved words, and falls back for an empty base', () => {
    expect(firstFreeSlug('karen-hansen', new Set(), 'person')).toBe('karen-hansen');
    expect(firstFreeSlug('karen-hansen', new Set(['karen-hansen']), 'person')).toBe('karen-hansen-2');
    expect(firstFreeSlug('karen-hansen', new Set(['karen-hansen', 'karen-hansen-2']), 'person')).toBe(
      'karen-hansen-3',
    );
    expect(firstFreeSlug('ny', new Set(), 'person', ['ny'])).toBe('ny-2');
    expect(firstFreeSlug('', new Set(), 'person')).toBe('person');
  });

  it('keeps a numbered slug within the length limit', () => {
    const long = 'a'.repeat(SLUG_MAX);
    const next = firstFreeSlug(long, new Set([long]), 'person');
    expect(next).toHaveLength(SLUG_MAX);
    expect(next.endsWith('-2')).toBe(true);
    expect(isSlug(next)).toBe(true);
  });
});
