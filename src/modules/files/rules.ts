// Pure decisions of the files module: which detected types are accepted (and as what), macros, file names,
// how a file is sent (inline or download, Content-Disposition, Range, ETag). No I/O here.

export type UploadRefusal = 'too-large' | 'type' | 'macro' | 'empty' | 'broken';

export const PDF = 'application/pdf';
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const ODT = 'application/vnd.oasis.opendocument.text';
export const ODS = 'application/vnd.oasis.opendocument.spreadsheet';
export const ODP = 'application/vnd.oasis.opendocument.presentation';

const OOXML = new Set([DOCX, PPTX, XLSX]);
const ODF = new Set([ODT, ODS, ODP]);

/** What file-type may call a file (left) → the type it is stored and sent as (right). The allow-list. */
const ACCEPTED: Readonly<Record<string, string>> = {
  [PDF]: PDF,
  [DOCX]: DOCX,
  [PPTX]: PPTX,
  [XLSX]: XLSX,
  [ODT]: ODT,
  [ODS]: ODS,
  [ODP]: ODP,
  'audio/mpeg': 'audio/mpeg',
  'audio/mp4': 'audio/mp4',
  'audio/x-m4a': 'audio/mp4',
  'audio/ogg': 'audio/ogg',
  'audio/ogg; codecs=opus': 'audio/ogg',
  'audio/opus': 'audio/ogg',
  'audio/wav': 'audio/wav',
  'audio/flac': 'audio/flac',
  'audio/webm': 'audio/webm',
  'image/jpeg': 'image/jpeg',
  'image/png': 'image/png',
  'image/webp': 'image/webp',
  'image/gif': 'image/gif',
};

/** Images whose metadata is stripped before they are stored. */
export const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);

export type TypeDecision = { ok: true; contentType: string } | { ok: false; refusal: UploadRefusal };

/** Whether deciding about this detected type needs the names inside the zip (Office documents). */
export function needsZipEntries(detectedMime: string | undefined): boolean {
  return detectedMime !== undefined && (OOXML.has(detectedMime) || ODF.has(detectedMime));
}

/**
 * The type an upload is stored as, decided from what file-type detected in its bytes (undefined: nothing it
 * knows — plain text, SVG, HTML) and, for Office documents, the names of the entries in the zip.
 */
export function decideType(
  detectedMime: string | undefined,
  zipEntries: readonly string[] = [],
): TypeDecision {
  if (!detectedMime) return { ok: false, refusal: 'type' };
  const mime = detectedMime.toLowerCase();
  // docm, xlsm, pptm, dotm, …: a macro-enabled Office type, whatever the zip holds.
  if (mime.includes('macroenabled')) return { ok: false, refusal: 'macro' };
  const accepted = ACCEPTED[mime];
  if (!accepted) return { ok: false, refusal: 'type' };
  if (OOXML.has(accepted) && zipEntries.some((e) => /(^|\/)vbaProject\.bin$/i.test(e))) {
    return { ok: false, refusal: 'macro' };
  }
  if (ODF.has(accepted) && zipEntries.some((e) => /^(Basic|Scripts)\//.test(e))) {
    return { ok: false, refusal: 'macro' };
  }
  return { ok: true, contentType: accepted };
}

/** PDF, audio and images are shown in the browser; everything else is always a download. */
export function isInline(contentType: string): boolean {
  return contentType === PDF || contentType.startsWith('audio/') || contentType.startsWith('image/');
}

export function isAudio(contentType: string): boolean {
  return contentType.startsWith('audio/');
}

/** The files whose text is extracted for search. */
export function textKind(contentType: string): 'pdf' | 'docx' | null {
  if (contentType === PDF) return 'pdf';
  if (contentType === DOCX) return 'docx';
  return null;
}

export const MAX_NAME_LENGTH = 200;

/**
 * A file's name as kept and shown: no directory part, NFC, no control or format characters (a right-to-left
 * override could make "exe.pdf" of "fdp.exe"), trimmed, at most 200 characters; nothing left → "fil".
 */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .trim();
  const limited = [...cleaned].slice(0, MAX_NAME_LENGTH).join('').trim();
  return limited === '' || limited === '.' || limited === '..' ? 'fil' : limited;
}

const FOLD: Readonly<Record<string, string>> = {
  æ: 'ae',
  Æ: 'Ae',
  ø: 'oe',
  Ø: 'Oe',
  å: 'aa',
  Å: 'Aa',
  ß: 'ss',
};

/** The name in plain printable ASCII, for `filename=` (old clients); the exact name goes in `filename*`. */
export function asciiFileName(name: string): string {
  const folded = [...name]
    .map((c) => FOLD[c] ?? c)
    .join('')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '');
  const ascii = folded.replace(/[^\x20-\x7e]|["\\%;]/g, '_').trim();
  return ascii === '' ? 'fil' : ascii;
}

/** RFC 5987 `ext-value`: UTF-8, percent-encoded beyond attr-char. */
function encodeExtValue(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** `inline` or `attachment`, with the ASCII-folded name and the exact one (RFC 6266). */
export function contentDisposition(name: string, inline: boolean): string {
  return `${inline ? 'inline' : 'attachment'}; filename="${asciiFileName(name)}"; filename*=UTF-8''${encodeExtValue(name)}`;
}

export type RangeDecision =
  | { kind: 'full' }
  | { kind: 'partial'; start: number; end: number }
  | { kind: 'unsatisfiable' };

/**
 * One `Range: bytes=…` of a file of `size` bytes: `a-b`, `a-`, `-n`. Several ranges: the first one is sent
 * (a client that asks for several accepts a single part). Anything that is not a bytes range: the whole file.
 */
export function parseRange(header: string | undefined, size: number): RangeDecision {
  if (!header) return { kind: 'full' };
  const match = /^\s*bytes\s*=\s*(.+)$/i.exec(header);
  if (!match?.[1]) return { kind: 'full' };
  const first = match[1].split(',')[0]?.trim() ?? '';
  const spec = /^(\d*)\s*-\s*(\d*)$/.exec(first);
  if (!spec) return { kind: 'full' };
  const [, a = '', b = ''] = spec;
  if (a === '' && b === '') return { kind: 'full' };
  if (a === '') {
    const suffix = Number(b);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(a);
  const end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  if (b !== '' && Number(b) < start) return { kind: 'full' }; // invalid: ignored, as RFC 9110 says
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end };
}

/** Whether `If-None-Match` names this ETag (weak comparison, `*` matches). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch
    .split(',')
    .map((t) => t.trim())
    .some((t) => t === '*' || t.replace(/^W\//, '') === bare);
}

/** Whether an `If-Range` allows the range: absent, or the same strong ETag. */
export function ifRangeAllows(ifRange: string | undefined, etag: string): boolean {
  return ifRange === undefined || ifRange.trim() === etag;
}
