import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ftsMatch, tsqueryLiteral, tsvectorLiteral } from './queries.ts';
import { parseQuery } from './query.ts';
import { audienceTokensOf, isAudienceToken, isEmptyScope, searchScope } from './rules.ts';
import { snippet, titleParts } from './snippet.ts';
import { normalise, stem, stems, words } from './text.ts';

const same = (...forms: string[]) => new Set(forms.map((f) => stems(f))).size === 1;

describe('Danish words', () => {
  it('lets the forms of the issue’s words meet', () => {
    expect(same('borgerinddragelse', 'borgerinddragelsen')).toBe(true);
    expect(same('jobcenter', 'jobcentre', 'jobcentret', 'jobcentrene', 'jobcentrets')).toBe(true);
    expect(same('center', 'centre', 'centret')).toBe(true);
  });

  it('lets the field’s other words meet', () => {
    expect(same('medarbejder', 'medarbejdere', 'medarbejderne', 'medarbejderen')).toBe(true);
    expect(same('kommune', 'kommuner', 'kommunerne', 'kommunen')).toBe(true);
    expect(same('indsats', 'indsatsen', 'indsatser', 'indsatserne')).toBe(true);
    expect(same('virksomhed', 'virksomheder', 'virksomhederne', 'virksomheden')).toBe(true);
    expect(same('leder', 'lederne', 'ledelse', 'ledelsen')).toBe(true);
    expect(same('ledig', 'ledige', 'ledighed', 'ledigheden')).toBe(true);
    expect(stems('langtidsledige')).toBe('langtidsledig');
    expect(stems('ledige')).not.toBe(stems('leder'));
    // An inmate is no effort.
    expect(stems('indsat')).not.toBe(stems('indsats'));
  });

  it('reads æ, ø, å and "aa" as å', () => {
    expect(normalise('Aarhus og ÅRHUS')).toBe('århus og århus');
    expect(same('Aalborg', 'Ålborg', 'aalborg')).toBe(true);
    expect(stems('Æbler på Østerbro')).toBe('æbl på østerbro');
    expect(normalise('Sø-ørred, 2027!')).toBe('sø ørred 2027 ');
  });

  it('keeps digits and letters of other scripts, NFC, and places in the text', () => {
    expect(stems('Covid19 i 2027')).toBe('covid19 i 2027');
    expect(stems('Cafe\u0301 Москва')).toBe(stems('Café москва'));
    expect(words('«Jobcentret» – 12 %')).toEqual([
      { word: 'jobcentret', start: 1, end: 11 },
      { word: '12', start: 15, end: 17 },
    ]);
    expect(words(`${'x'.repeat(61)} ord`).map((w) => w.word)).toEqual(['ord']);
  });

  it('keeps every stem a beginning of its word (the snippets’ prefilter relies on it)', () => {
    const dir = new URL('../../../../shared/seed/', import.meta.url);
    let text = 'jobcentrene virksomhederne mulighederne indsatsen borgerinddragelsen første lovligst hatten';
    try {
      for (const f of readdirSync(dir))
        if (f.endsWith('.txt')) text += ` ${readFileSync(new URL(f, dir), 'utf8')}`;
    } catch {
      // No seed texts here: the words above still count.
    }
    const list = words(text);
    expect(list.length).toBeGreaterThanOrEqual(8);
    for (const w of list) expect(w.word.startsWith(stem(w.word)), w.word).toBe(true);
  });
});

describe('queries', () => {
  it('makes words and quoted phrases into terms', () => {
    expect(parseQuery('Jobcentrene "positive afvigelser" 2027').terms).toEqual([
      ['jobcent'],
      ['positiv', 'afvig'],
      ['2027'],
    ]);
    expect(parseQuery('„borgerinddragelsen“').terms).toEqual([['borgerinddrag']]);
    expect(parseQuery('"uafsluttet citat').terms).toEqual([['uafsluttet', 'citat'].map(stem)]);
  });

  it('finds nothing in a query without words, and keeps at most 10 terms', () => {
    expect(parseQuery('').terms).toEqual([]);
    expect(parseQuery(' "" !!! -- * ').terms).toEqual([]);
    expect(parseQuery('a b c d e f g h i j k l').terms).toHaveLength(10);
    expect(parseQuery('kommune kommunen Kommuner').terms).toEqual([['kommun']]);
  });

  it('lets no syntax through to FTS5 or tsquery', () => {
    const { terms } = parseQuery(`x' OR 1=1 -- "a" NEAR(b c) ' & ! <-> :* \\`);
    for (const t of terms.flat()) expect(t).toMatch(/^[\p{L}\p{N}]+$/u);
    expect(ftsMatch([['a'], ['p1', 'p2']])).toBe('"a" "p1 p2"');
    expect(tsqueryLiteral([['a'], ['b'], ['p1', 'p2']])).toBe("'a' & 'b' & ('p1' <-> 'p2')");
    expect(tsqueryLiteral([["o'k"]])).toBe("'o''k'");
  });

  it('writes the tsvector with title positions weighted A and a gap before the body', () => {
    expect(tsvectorLiteral('først gang', 'det først mød')).toBe("'først':1A,5 'gang':2A 'det':4 'mød':6");
    expect(tsvectorLiteral('', '')).toBe('');
    const long = tsvectorLiteral('', Array.from({ length: 20_000 }, () => 'og').join(' '));
    expect(long.split(',')).toHaveLength(256);
    expect(tsvectorLiteral('', `${'x '.repeat(17_000)}slut`)).toContain("'slut':16383");
  });
});

describe('snippets', () => {
  const q = (text: string) => parseQuery(text).stems;

  it('marks the matched words of a title', () => {
    expect(titleParts('Jobcentre og borgerinddragelse', q('jobcenter borgerinddragelsen'))).toEqual([
      { text: 'Jobcentre', hit: true },
      { text: ' og ', hit: false },
      { text: 'borgerinddragelse', hit: true },
    ]);
  });

  it('cuts ~30 words around the first match of the best paragraph, with … at cut ends', () => {
    const filler = (n: number, w: string) => Array.from({ length: n }, (_, i) => `${w}${i}`).join(' ');
    const body = [
      `Kun jobcentre her. ${filler(5, 'a')}`,
      `${filler(40, 'b')} jobcentrene og borgerinddragelsen ${filler(40, 'c')}`,
    ].join('\n\n');
    const parts = snippet(body, q('jobcenter borgerinddragelse'));
    const text = parts.map((p) => p.text).join('');
    expect(text.startsWith('…b32 ')).toBe(true);
    expect(text.endsWith(' c18…')).toBe(true);
    expect(text.split(' ')).toHaveLength(30);
    expect(parts.filter((p) => p.hit).map((p) => p.text)).toEqual(['jobcentrene', 'borgerinddragelsen']);
  });

  it('gives the body’s beginning, unmarked, when only the title matched, and nothing for no body', () => {
    expect(snippet('Første afsnit.\n\nAndet.', q('jobcenter'))).toEqual([
      { text: 'Første afsnit.', hit: false },
    ]);
    expect(snippet('', q('jobcenter'))).toEqual([]);
  });

  it('keeps markup as text (the view escapes it)', () => {
    const parts = snippet('<script>alert(1)</script> om jobcentret', q('jobcenter'));
    expect(parts).toEqual([
      { text: '<script>alert(1)</script> om ', hit: false },
      { text: 'jobcentret', hit: true },
    ]);
  });
});

describe('scope', () => {
  const m = (seriesId: string, roles: string[], substituteSessionIds: string[] = []) => ({
    seriesId,
    seriesSlug: seriesId,
    roles: roles as ('organiser' | 'facilitator' | 'expert' | 'participant' | 'substitute')[],
    expertSessionIds: [],
    substituteSessionIds,
    registration: null,
  });

  it('searches a member’s whole series, a substitute’s sessions only, a waitlisted person nothing', () => {
    expect(
      searchScope([m('a', ['participant']), m('b', ['substitute'], ['b2']), m('c', []), m('d', ['expert'])]),
    ).toEqual({ seriesIds: ['a', 'd'], sessionIds: ['b2'], audience: ['zapa', 'zaub2'] });
    expect(searchScope([m('a', ['participant', 'substitute'], ['a1'])])).toEqual({
      seriesIds: ['a'],
      sessionIds: [],
      audience: ['zapa', 'zaua1'],
    });
    expect(isEmptyScope(searchScope([m('c', [])]))).toBe(true);
    expect(isEmptyScope(searchScope([]))).toBe(true);
  });

  it('gives each role its audience tokens: per series, and per session for experts and substitutes', () => {
    const expert = { ...m('S-1', ['expert', 'facilitator', 'organiser']), expertSessionIds: ['x-1', 'x-2'] };
    expect(audienceTokensOf([expert])).toEqual(['zaex1', 'zaex2', 'zafs1', 'zaos1']);
    expect(audienceTokensOf([m('c', [])])).toEqual([]);
    expect(isEmptyScope({ seriesIds: [], sessionIds: [], audience: ['zapa'] })).toBe(false);
    expect(isAudienceToken('zapa1')).toBe(true);
    expect(isAudienceToken('zsa1')).toBe(false);
    expect(isAudienceToken('zap"a')).toBe(false);
  });
});
