import { describe, expect, it } from 'vitest';
import {
  asciiFileName,
  cleanFileName,
  contentDisposition,
  DOCX,
  decideType,
  etagMatches,
  ifRangeAllows,
  isInline,
  ODT,
  PDF,
  PPTX,
  parseRange,
  textKind,
  XLSX,
} from './rules.ts';

describe('the allow-list', () => {
  it('takes PDF, Office documents, audio and images, as the type they are stored as', () => {
    for (const [detected, stored] of [
      [PDF, PDF],
      [DOCX, DOCX],
      [PPTX, PPTX],
      [XLSX, XLSX],
      [ODT, ODT],
      ['audio/mpeg', 'audio/mpeg'],
      ['audio/x-m4a', 'audio/mp4'],
      ['audio/mp4', 'audio/mp4'],
      ['audio/ogg; codecs=opus', 'audio/ogg'],
      ['audio/ogg', 'audio/ogg'],
      ['audio/wav', 'audio/wav'],
      ['audio/flac', 'audio/flac'],
      ['image/jpeg', 'image/jpeg'],
      ['image/png', 'image/png'],
      ['image/webp', 'image/webp'],
      ['image/gif', 'image/gif'],
    ]) {
      expect(decideType(detected), detected).toEqual({ ok: true, contentType: stored });
    }
  });

  it('refuses everything else: nothing detected (text, SVG, HTML), executables, zips, old Office, video', () => {
    for (const detected of [
      undefined,
      'application/xml',
      'image/svg+xml',
      'text/html',
      'application/x-msdownload',
      'application/x-elf',
      'application/zip',
      'application/x-cfb',
      'application/java-archive',
      'video/mp4',
      'image/tiff',
      'application/x-sh',
    ]) {
      expect(decideType(detected), String(detected)).toEqual({ ok: false, refusal: 'type' });
    }
  });

  it('refuses macros: a macro-enabled type, a vbaProject.bin in an OOXML zip, Basic/ or Scripts/ in ODF', () => {
    expect(decideType('application/vnd.ms-word.document.macroenabled.12')).toEqual({
      ok: false,
      refusal: 'macro',
    });
    expect(decideType('application/vnd.ms-excel.sheet.macroenabled.12')).toEqual({
      ok: false,
      refusal: 'macro',
    });
    expect(decideType(DOCX, ['[Content_Types].xml', 'word/document.xml', 'word/vbaProject.bin'])).toEqual({
      ok: false,
      refusal: 'macro',
    });
    expect(decideType(XLSX, ['xl/vbaProject.bin'])).toEqual({ ok: false, refusal: 'macro' });
    expect(decideType(ODT, ['content.xml', 'Basic/Standard/Module1.xml'])).toEqual({
      ok: false,
      refusal: 'macro',
    });
    expect(decideType(ODT, ['Scripts/python/x.py'])).toEqual({ ok: false, refusal: 'macro' });
    expect(decideType(DOCX, ['word/document.xml', 'word/media/image1.png'])).toEqual({
      ok: true,
      contentType: DOCX,
    });
  });

  it('shows PDF, audio and images inline and extracts text from PDF and DOCX only', () => {
    expect([PDF, 'audio/mpeg', 'image/png'].every(isInline)).toBe(true);
    expect([DOCX, PPTX, XLSX, ODT].some(isInline)).toBe(false);
    expect(textKind(PDF)).toBe('pdf');
    expect(textKind(DOCX)).toBe('docx');
    expect(textKind(PPTX)).toBeNull();
    expect(textKind('image/png')).toBeNull();
  });
});

describe('file names', () => {
  it('keeps the base name in NFC without control or direction characters, at most 200 characters', () => {
    expect(cleanFileName('C:\\Users\\kim\\Æblegrød på ø.pdf')).toBe('Æblegrød på ø.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('A\u030Arhus.pdf')).toBe('Århus.pdf');
    expect(cleanFileName('rapport\u0000\u0007\n.pdf')).toBe('rapport.pdf');
    expect(cleanFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect([...cleanFileName(`${'ø'.repeat(300)}.pdf`)]).toHaveLength(200);
    for (const empty of ['', '   ', '/', '..', '\u0001']) expect(cleanFileName(empty), empty).toBe('fil');
  });

  it('folds the name to ASCII for filename= and keeps it exact in filename*', () => {
    expect(asciiFileName('Æblegrød på ø.pdf')).toBe('Aeblegroed paa oe.pdf');
    expect(asciiFileName('Café "x"; 100%.pdf')).toBe('Cafe _x__ 100_.pdf');
    expect(contentDisposition('Æblegrød på ø.pdf', true)).toBe(
      `inline; filename="Aeblegroed paa oe.pdf"; filename*=UTF-8''%C3%86blegr%C3%B8d%20p%C3%A5%20%C3%B8.pdf`,
    );
    expect(contentDisposition("Kim's (udkast).docx", false)).toBe(
      `attachment; filename="Kim's (udkast).docx"; filename*=UTF-8''Kim%27s%20%28udkast%29.docx`,
    );
  });
});

describe('ranges and validators', () => {
  it('reads one bytes range: a-b, a-, -n; past the end is 416; nonsense is the whole file', () => {
    expect(parseRange(undefined, 100)).toEqual({ kind: 'full' });
    expect(parseRange('bytes=0-9', 100)).toEqual({ kind: 'partial', start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ kind: 'partial', start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ kind: 'partial', start: 90, end: 99 });
    expect(parseRange('bytes=-500', 100)).toEqual({ kind: 'partial', start: 0, end: 99 });
    expect(parseRange('bytes=50-1000', 100)).toEqual({ kind: 'partial', start: 50, end: 99 });
    expect(parseRange('bytes=0-0,5-9', 100)).toEqual({ kind: 'partial', start: 0, end: 0 });
    expect(parseRange('bytes=100-', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-0', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=9-3', 100)).toEqual({ kind: 'full' });
    expect(parseRange('items=0-9', 100)).toEqual({ kind: 'full' });
    expect(parseRange('bytes=x-y', 100)).toEqual({ kind: 'full' });
  });

  it('matches If-None-Match weakly and If-Range strongly', () => {
    expect(etagMatches('"abc"', '"abc"')).toBe(true);
    expect(etagMatches('W/"abc"', '"abc"')).toBe(true);
    expect(etagMatches('"x", "abc"', '"abc"')).toBe(true);
    expect(etagMatches('*', '"abc"')).toBe(true);
    expect(etagMatches('"abd"', '"abc"')).toBe(false);
    expect(etagMatches(undefined, '"abc"')).toBe(false);
    expect(ifRangeAllows(undefined, '"abc"')).toBe(true);
    expect(ifRangeAllows('"abc"', '"abc"')).toBe(true);
    expect(ifRangeAllows('"old"', '"abc"')).toBe(false);
  });
});
