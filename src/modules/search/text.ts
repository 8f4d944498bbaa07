import { createRequire } from 'node:module';

// Danish words for search (decision 0014), in one place for both engines: the index stores these stems and the
// query is made of them, so SQLite (FTS5) and PostgreSQL (tsvector) compare the same strings. Pure.

const require = createRequire(import.meta.url);
const snowball: { newStemmer(language: string): { stem(word: string): string } } =
  require('snowball-stemmers');
const danish = snowball.newStemmer('danish');

/** Longer runs of letters (a hash, a URL's base64) are no words: they are neither indexed nor searched. */
export const MAX_WORD_LENGTH = 60;

const TOKEN = /[\p{L}\p{N}\p{M}]+/gu;
const MARKS = /\p{M}+/gu;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/** One word's normal form: lower case, NFC, no combining marks, "aa" as "å" (so Aarhus and Århus meet). */
function normaliseWord(token: string): string {
  return token.toLowerCase().normalize('NFC').replace(MARKS, '').replace(/aa/g, 'å');
}

/**
 * Text in its normal form: lower case, NFC, "aa" → "å" inside words; letters (a–z, æøå and every other
 * script's) and digits kept, everything else one space.
 */
export function normalise(text: string): string {
  return normaliseWord(text.normalize('NFC')).replace(NOT_WORD, ' ');
}

export interface Word {
  /** The word in its normal form. */
  word: string;
  /** Where it stands in `text.normalize('NFC')` (what snippets cut from): [start, end). */
  start: number;
  end: number;
}

/** The words of a text, with their places in the text's NFC form. Words too long to be words are left out. */
export function words(text: string): Word[] {
  const found: Word[] = [];
  for (const match of text.normalize('NFC').matchAll(TOKEN)) {
    const word = normaliseWord(match[0]);
    if (word.length === 0 || word.length > MAX_WORD_LENGTH) continue;
    found.push({ word, start: match.index, end: match.index + match[0].length });
  }
  return found;
}

/**
 * The field's exceptions to Snowball's Danish stemmer, so the forms people write meet:
 * - "…centr" → "…cent": jobcenter (jobcent) meets jobcentre, jobcentret, jobcentrene (jobcentr);
 * - "…hed" once more: virksomhederne (virksomhed) meets virksomhed (virksom), mulighederne meets mulighed (mul);
 * - words ending in "sats" keep it: indsats (else indsat, an inmate) meets indsatsen, indsatser (indsats);
 * - "ledig…" keeps its "ig": the unemployed (ledige, ledighed: led) are not the managers (leder, ledelse: led).
 * Each keeps the stem a beginning of the word, which the snippets' prefilter relies on.
 */
function exceptions(word: string, snowballStem: string): string {
  if (word.endsWith('sats')) return word;
  let result = snowballStem;
  if (result.length > 4 && result.endsWith('hed')) result = danish.stem(result);
  if (result.endsWith('centr')) result = result.slice(0, -1);
  if (result.endsWith('led') && word.startsWith(`${result}ig`)) result = `${result}ig`;
  return result;
}

const cache = new Map<string, string>();
const CACHE_MAX = 50_000;

/** The stem of one word in its normal form (see `words`): Snowball's Danish stemmer and the exceptions. */
export function stem(word: string): string {
  const known = cache.get(word);
  if (known !== undefined) return known;
  const result = /^\p{N}+$/u.test(word) ? word : exceptions(word, danish.stem(word));
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(word, result);
  return result;
}

/** The stems of a text, space-separated, in order: what the index holds (positions are places in this list). */
export function stems(text: string): string {
  return words(text)
    .map((w) => stem(w.word))
    .join(' ');
}
