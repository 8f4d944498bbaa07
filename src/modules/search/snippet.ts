import { normalise, stem, type Word, words } from './text.ts';

// The piece of a hit that is shown (decision 0014): its title with the matched words marked, and about 30
// words of the body around the first match in the best paragraph. Pure; escaping is the view's (Preact).
// Only paragraphs that contain a query stem as a substring of their normal form are stemmed: a stem is always
// a beginning of its word's normal form (text.ts), so no matching paragraph is passed over.

export interface SnippetPart {
  text: string;
  hit: boolean;
}

/** About this many words of the body are shown. */
export const SNIPPET_WORDS = 30;
/** Of which this many before the first match. */
const BEFORE = 8;

const ELLIPSIS = '…';

/** The text cut into parts, the words whose stems are in `stems` marked. */
function marked(
  text: string,
  list: Word[],
  stems: ReadonlySet<string>,
  from: number,
  to: number,
): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const push = (t: string, hit: boolean) => {
    if (t.length === 0) return;
    const last = parts[parts.length - 1];
    if (last && last.hit === hit) last.text += t;
    else parts.push({ text: t, hit });
  };
  let at = from;
  for (const w of list) {
    if (w.end <= from || w.start >= to) continue;
    if (!stems.has(stem(w.word))) continue;
    push(text.slice(at, w.start), false);
    push(text.slice(w.start, w.end), true);
    at = w.end;
  }
  push(text.slice(at, to), false);
  return parts;
}

/** A title with the matched words marked. */
export function titleParts(title: string, stems: ReadonlySet<string>): SnippetPart[] {
  const text = title.normalize('NFC');
  return marked(text, words(text), stems, 0, text.length);
}

/** The paragraphs of a body (blank lines between them), each trimmed, empty ones left out. */
function paragraphs(body: string): string[] {
  return body
    .normalize('NFC')
    .split(/\n[ \t\r\f\v]*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.length > 0);
}

/** The stretch of ~30 words around the first marked word of a paragraph, `…` where it is cut. */
function around(text: string, list: Word[], stems: ReadonlySet<string>): SnippetPart[] {
  const first = Math.max(
    0,
    list.findIndex((w) => stems.has(stem(w.word))),
  );
  const startWord = Math.max(0, Math.min(first - BEFORE, list.length - SNIPPET_WORDS));
  const endWord = Math.min(list.length, startWord + SNIPPET_WORDS);
  const from = startWord === 0 ? 0 : (list[startWord]?.start ?? 0);
  const to = endWord >= list.length ? text.length : (list[endWord - 1]?.end ?? text.length);
  const parts = marked(text, list, stems, from, to);
  if (from > 0) parts.unshift({ text: ELLIPSIS, hit: false });
  if (to < text.length) parts.push({ text: ELLIPSIS, hit: false });
  // Neighbouring plain parts join ("…" + "text").
  return parts.reduce<SnippetPart[]>((all, p) => {
    const last = all[all.length - 1];
    if (last && !last.hit && !p.hit) last.text += p.text;
    else all.push({ ...p });
    return all;
  }, []);
}

/**
 * The best paragraph's piece: the paragraph with the most of the query's stems (the first such), cut around
 * its first match. No paragraph matches (the hit was in the title): the body's beginning, nothing marked.
 */
export function snippet(body: string, stems: ReadonlySet<string>): SnippetPart[] {
  const all = paragraphs(body);
  if (all.length === 0) return [];
  const wanted = [...stems];
  let best: { text: string; list: Word[]; score: number } | null = null;
  for (const text of all) {
    const plain = normalise(text);
    // The prefilter: only paragraphs holding a stem somewhere are stemmed.
    const candidates = wanted.filter((s) => plain.includes(s));
    if (candidates.length === 0 || (best && candidates.length <= best.score)) continue;
    const list = words(text);
    const present = new Set<string>();
    for (const w of list) {
      const s = stem(w.word);
      if (stems.has(s)) present.add(s);
    }
    if (present.size > (best?.score ?? 0)) best = { text, list, score: present.size };
    if (present.size === wanted.length) break;
  }
  if (best) return around(best.text, best.list, stems);
  const text = all[0] ?? '';
  return around(text, words(text), new Set());
}
