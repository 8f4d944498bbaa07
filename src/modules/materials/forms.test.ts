import { describe, expect, it } from 'vitest';
import { materialFields } from '../../../test/materials.ts';
import {
  fileFitsKind,
  httpsLink,
  kindFromSlug,
  parseMaterialForm,
  SERIES_PLACE,
  shortened,
  summaryOrder,
  type UploadState,
} from './forms.ts';
import type { MaterialKind } from './table.ts';

// Every message of the material form, per kind, and what a valid form gives.

const S1 = '11111111-1111-4111-8111-111111111111';
const NONE: UploadState = { kind: 'none' };
const PDF: UploadState = { kind: 'received', contentType: 'application/pdf' };
const MP3: UploadState = { kind: 'received', contentType: 'audio/mpeg' };

const base = { title: 'Positive afvigelser', description: 'Kort', place: S1, phase: 'before' };
const parse = (
  kind: MaterialKind,
  fields: Record<string, string>,
  upload: UploadState = NONE,
  extra: { hasFile?: boolean; places?: string[] } = {},
) =>
  parseMaterialForm(
    { ...base, ...fields },
    upload,
    { kind, places: extra.places ?? [S1, SERIES_PLACE], hasFile: extra.hasFile },
    'da',
  );
const errorsOf = (r: ReturnType<typeof parse>) => (r.ok ? {} : r.errors);

describe('parseMaterialForm', () => {
  it('refuses an empty form with a message per field, in Danish and English', () => {
    const r = parseMaterialForm({}, NONE, { kind: 'note', places: [S1] }, 'da');
    expect(r.ok).toBe(false);
    expect(errorsOf(r)).toEqual({
      title: 'Udfyld titel',
      place: 'Vælg, hvad materialet hører til',
      phase: 'Vælg før eller efter gangen',
      body: 'Skriv noten',
    });
    const en = parseMaterialForm({}, NONE, { kind: 'note', places: [S1] }, 'en');
    expect(errorsOf(en).title).toBe('Enter a title');
  });

  it('keeps what was typed when refusing', () => {
    const r = parse('video', { url: 'http://example.dk/v', title: '  Min titel ' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.values.url).toBe('http://example.dk/v');
    expect(r.values.title).toBe('  Min titel ');
    expect(r.errors).toEqual({ url: 'Skriv et link, der begynder med https://' });
  });

  it('asks a video for an https link', () => {
    expect(errorsOf(parse('video', {}))).toEqual({ url: 'Skriv et link, der begynder med https://' });
    for (const bad of [
      'javascript:alert(1)',
      'ftp://x.dk',
      'https://localhost',
      'https://a b.dk',
      'https://u:p@x.dk',
    ]) {
      expect(errorsOf(parse('video', { url: bad })).url, bad).toBe(
        'Skriv et link, der begynder med https://',
      );
    }
    const ok = parse('video', { url: ' https://example.dk/video ' });
    expect(ok.ok && ok.fields.url).toBe('https://example.dk/video');
  });

  it('asks an article or a podcast for a file or a link', () => {
    for (const kind of ['article', 'podcast'] as const) {
      expect(errorsOf(parse(kind, {}))).toEqual({ url: 'Vælg en fil eller skriv et link' });
      expect(parse(kind, { url: 'https://example.dk/a' }).ok).toBe(true);
      // Editing one that has its file: the file may stay.
      expect(parse(kind, {}, NONE, { hasFile: true }).ok).toBe(true);
    }
    const article = parse('article', {}, PDF);
    expect(article.ok && article.useUpload).toBe(true);
    const podcast = parse('podcast', {}, MP3);
    expect(podcast.ok && podcast.useUpload).toBe(true);
  });

  it('refuses a file that does not fit the kind, and shows the files module’s refusal by the field', () => {
    expect(errorsOf(parse('podcast', {}, PDF))).toEqual({
      file: 'Filen passer ikke til denne slags materiale',
    });
    expect(errorsOf(parse('document', {}, MP3))).toEqual({
      file: 'Filen passer ikke til denne slags materiale',
    });
    const refused: UploadState = { kind: 'refused', message: 'Filen er for stor. Den må højst fylde 50 MB.' };
    expect(errorsOf(parse('document', {}, refused))).toEqual({
      file: 'Filen er for stor. Den må højst fylde 50 MB.',
    });
  });

  it('asks a document for a file', () => {
    expect(errorsOf(parse('document', {}))).toEqual({ file: 'Vælg en fil' });
    expect(parse('document', {}, PDF).ok).toBe(true);
    expect(parse('document', {}, NONE, { hasFile: true }).ok).toBe(true);
  });

  it('asks literature for authors, and checks the year and the optional link', () => {
    expect(errorsOf(parse('literature', {}))).toEqual({ authors: 'Udfyld forfattere' });
    expect(errorsOf(parse('literature', { authors: 'A', year: '21' })).year).toBe(
      'Skriv året med fire cifre, for eksempel 2021',
    );
    expect(errorsOf(parse('literature', { authors: 'A', url: 'www.x.dk' })).url).toBe(
      'Skriv et link, der begynder med https://',
    );
    const ok = parse('literature', {
      authors: ' Væksthusets Forskningscenter ',
      year: '2021',
      publisher: 'Væksthuset',
      identifier: '',
    });
    expect(ok.ok && ok.fields).toMatchObject({
      kind: 'literature',
      authors: 'Væksthusets Forskningscenter',
      year: 2021,
      publisher: 'Væksthuset',
      url: null,
      sessionId: S1,
      phase: 'before',
    });
  });

  it('says which field is too long, with the limit', () => {
    const r = parse('note', { title: 'x'.repeat(201), description: 'y'.repeat(501), body: 'z' });
    expect(errorsOf(r)).toEqual({
      title: 'Titel må højst være 200 tegn',
      description: 'Kort beskrivelse må højst være 500 tegn',
    });
  });

  it('refuses a place the person may not use, and names a NUL byte’s field', () => {
    expect(errorsOf(parse('note', { body: 'x', place: SERIES_PLACE }, NONE, { places: [S1] })).place).toBe(
      'Du kan ikke tilføje denne slags materiale dér',
    );
    const r = parse('note', { body: 'a\u0000b' });
    expect(errorsOf(r).body).toMatch(/^Tekst /);
    expect(!r.ok && r.values.body).toBe('ab');
  });

  it('gives the whole series as a null session, and ignores what the kind does not ask for', () => {
    const r = parse('note', {
      place: SERIES_PLACE,
      body: '# Hej\r\n\r\nmed dig',
      url: 'https://x.dk',
      authors: 'A',
    });
    expect(r.ok && r.fields).toEqual(
      materialFields({ title: 'Positive afvigelser', description: 'Kort', bodyMd: '# Hej\n\nmed dig' }),
    );
  });
});

describe('the form’s helpers', () => {
  it('reads kinds from their URL names', () => {
    expect(kindFromSlug('litteratur')).toBe('literature');
    expect(kindFromSlug('dokument')).toBe('document');
    expect(kindFromSlug('literature')).toBeNull();
  });

  it('lists the fields of each kind in the form’s order', () => {
    expect(summaryOrder('literature')).toEqual([
      'title',
      'authors',
      'year',
      'publisher',
      'identifier',
      'url',
      'description',
      'place',
      'phase',
    ]);
    expect(summaryOrder('article')).toEqual(['title', 'url', 'file', 'description', 'place', 'phase']);
  });

  it('fits files to kinds', () => {
    expect(fileFitsKind('document', 'image/png')).toBe(true);
    expect(fileFitsKind('article', 'image/png')).toBe(false);
    expect(fileFitsKind('note', 'application/pdf')).toBe(false);
  });

  it('normalises https links', () => {
    expect(httpsLink('https://Example.dk')).toBe('https://example.dk/');
    expect(httpsLink(`https://x.dk/${'a'.repeat(1000)}`)).toBeNull();
  });
});

describe('shortened', () => {
  it('keeps a short text, and cuts a long one at a word with an ellipsis', () => {
    expect(shortened('Hvordan får vi det til at virke?', 70)).toBe('Hvordan får vi det til at virke?');
    const long =
      'Hvordan får vi forskning og praksis til at spille sammen i beskæftigelsesindsatsen, og hvem tager ansvaret?';
    const cut = shortened(long, 70);
    expect(cut.length).toBeLessThanOrEqual(70);
    expect(cut).toBe('Hvordan får vi forskning og praksis til at spille sammen i…');
    expect(shortened('a'.repeat(100), 10)).toBe(`${'a'.repeat(9)}…`);
  });
});
