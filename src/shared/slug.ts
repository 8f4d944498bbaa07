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

/**
 * The first of `base`, `base-2`, `base-3`, … that is not taken (and not one of the words the paths use, such
 * as `ny`), cut so the suffix still fits in SLUG_MAX. `fallback` stands in for a base that slugified to
 * nothing (a name of only signs).
 */
export function firstFreeSlug(
  base: string,
  taken: ReadonlySet<string>,
  fallback: string,
  reserved: readonly string[] = [],
): string {
  const root = isSlug(base) ? base : fallback;
  const used = (s: string) => taken.has(s) || reserved.includes(s);
  if (!used(root)) return root;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${root.slice(0, SLUG_MAX - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!used(candidate)) return candidate;
  }
}
