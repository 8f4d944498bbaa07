import { stem, words } from './text.ts';

// A person's query, parsed (decision 0014): words are stems that must all be there; "quoted phrases" are stems
// that must stand one after the other. Nothing of what was typed reaches FTS5 or tsquery as syntax: only the
// stems (letters and digits) do, quoted by queries.ts. Pure.

/** At most this many terms (words and phrases) count; the rest of a long query is left out. */
export const MAX_TERMS = 10;
/** A phrase's words beyond this many are left out. */
export const MAX_PHRASE_WORDS = 10;
/** What is read of a query at all. */
export const MAX_QUERY_LENGTH = 500;

export interface ParsedQuery {
  /** Each term: one stem (a word), or several that must follow each other (a phrase). All must match. */
  terms: string[][];
  /** Every stem of the query, for marking the words of a hit. */
  stems: Set<string>;
}

/** The terms of a query; no terms (a query of only signs, or nothing) finds nothing. */
export function parseQuery(query: string): ParsedQuery {
  const text = query.slice(0, MAX_QUERY_LENGTH);
  const terms: string[][] = [];
  const seen = new Set<string>();
  const add = (term: string[]) => {
    const key = term.join(' ');
    if (term.length === 0 || seen.has(key) || terms.length >= MAX_TERMS) return;
    seen.add(key);
    terms.push(term);
  };
  // Quotes split the text: odd pieces were inside quotes (an unclosed quote runs to the end).
  const pieces = text.replace(/[“”„«»]/g, '"').split('"');
  pieces.forEach((piece, i) => {
    const found = words(piece).map((w) => stem(w.word));
    if (i % 2 === 1) add(found.slice(0, MAX_PHRASE_WORDS));
    else for (const s of found) add([s]);
  });
  return { terms, stems: new Set(terms.flat()) };
}
