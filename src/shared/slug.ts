// Slugs are ASCII, lowercase, words joined by single hyphens. Danish letters are spelled out the way
// Danes do in addresses (æ→ae, ø→oe, å→aa) so URLs stay readable.

const TRANSLITERATE: Record<string, string> = { æ: 'ae', ø: 'oe', å: 'aa', ß: 'ss' };

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MAX = 80;

export function slugify(text: string): string {
  const lowered = text.toLowerCase().replace(/[æøåß]/g, (c) => TRANSLITERATE[c] ?? c);
  const ascii = lowered.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const slug = ascii
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX)
    .replace(/-+$/, '');
  return slug;
}

/** True for a string that could be a slug. Anything else is answered with 404 before the database. */
export function isSlug(value: string): boolean {
  return value.length > 0 && value.length <= SLUG_MAX && SLUG_PATTERN.test(value);
}
