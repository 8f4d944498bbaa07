import type { Lang } from '../../shared/danish.ts';
import { messages } from '../../web/i18n.ts';
import { type MaterialsMessages, materialsMessages } from './messages.ts';
import { MATERIAL_KINDS, type MaterialKind, type Phase } from './table.ts';

// The material form, read from the posted fields (multipart or urlencoded, the same shape): pure, so every
// message is tested without a server. What was typed comes back with the errors, each naming its field;
// nothing is stored from a form with an error. The file itself is checked by the files module; this only
// says whether one came, of which type, or why it was refused.

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 500;
export const URL_MAX = 1000;
export const AUTHORS_MAX = 500;
export const PUBLISHER_MAX = 300;
export const IDENTIFIER_MAX = 100;
export const BODY_MAX = 20_000;

/** The place field's value for the whole series (otherwise a session's id). */
export const SERIES_PLACE = 'serie';

/** In the order the form shows them (and the error summary lists them). */
export const MATERIAL_FIELDS = [
  'title',
  'authors',
  'year',
  'publisher',
  'identifier',
  'url',
  'file',
  'body',
  'description',
  'place',
  'phase',
] as const;
export type MaterialField = (typeof MATERIAL_FIELDS)[number];
export type MaterialValues = Record<Exclude<MaterialField, 'file'>, string>;
export type MaterialErrors = Partial<Record<MaterialField | 'kind', string>>;

/** What is stored of a material's own fields (the file is handled beside them). */
export interface MaterialFields {
  kind: MaterialKind;
  title: string;
  description: string;
  sessionId: string | null;
  phase: Phase;
  url: string | null;
  authors: string;
  year: number | null;
  publisher: string;
  identifier: string;
  bodyMd: string;
}

/** Which fields each kind asks for (title, description, place and phase always). */
export const KIND_FIELDS: Record<
  MaterialKind,
  readonly ('url' | 'file' | 'authors' | 'year' | 'publisher' | 'identifier' | 'body')[]
> = {
  literature: ['authors', 'year', 'publisher', 'identifier', 'url'],
  article: ['url', 'file'],
  podcast: ['url', 'file'],
  video: ['url'],
  document: ['file'],
  note: ['body'],
};

/** The kinds' names in URLs (`?type=litteratur`). */
export const KIND_SLUGS: Record<MaterialKind, string> = {
  literature: 'litteratur',
  article: 'artikel',
  podcast: 'podcast',
  video: 'video',
  document: 'dokument',
  note: 'note',
};

export function kindFromSlug(slug: unknown): MaterialKind | null {
  return MATERIAL_KINDS.find((k) => KIND_SLUGS[k] === slug) ?? null;
}

/** The phase's name in URLs (`?fase=foer`). */
export const PHASE_SLUGS: Record<Phase, string> = { before: 'foer', after: 'efter' };

export function phaseFromSlug(slug: unknown): Phase | null {
  return slug === 'foer' ? 'before' : slug === 'efter' ? 'after' : null;
}

/** Which file types fit which kind (the files module has already refused anything outside its allow-list). */
export function fileFitsKind(kind: MaterialKind, contentType: string): boolean {
  if (kind === 'podcast') return contentType.startsWith('audio/');
  if (kind === 'article') {
    return (
      contentType === 'application/pdf' ||
      contentType === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' ||
      contentType === 'application/vnd.oasis.opendocument.text'
    );
  }
  if (kind === 'document') return !contentType.startsWith('audio/');
  return false;
}

/** An https address that parses (no spaces, a host with a dot, no credentials); null otherwise. */
export function httpsLink(value: string): string | null {
  const v = value.trim();
  if (v.length > URL_MAX || !/^https:\/\/\S+$/i.test(v)) return null;
  try {
    const url = new URL(v);
    if (url.protocol !== 'https:' || !url.hostname.includes('.') || url.username || url.password) return null;
    return url.toString();
  } catch {
    return null;
  }
}

const NUL = '\u0000';

function label(m: MaterialsMessages, field: MaterialField): string {
  const labels: Record<MaterialField, string> = {
    title: m['materials.form.title'],
    description: m['materials.form.description'],
    place: m['materials.form.place'],
    phase: m['materials.form.phase'],
    url: m['materials.form.url'],
    file: m['materials.form.file'],
    authors: m['materials.form.authors'],
    year: m['materials.form.year'],
    publisher: m['materials.form.publisher'],
    identifier: m['materials.form.identifier'],
    body: m['materials.form.body'],
  };
  return labels[field];
}

/** The upload as the form sees it: none chosen, one received (its type), or refused by the files module. */
export type UploadState =
  | { kind: 'none' }
  | { kind: 'received'; contentType: string }
  | { kind: 'refused'; message: string };

export interface FormContext {
  kind: MaterialKind;
  /** The places this person may put this kind (session ids, and SERIES_PLACE when allowed). */
  places: readonly string[];
  /** Editing a material that already has a file: the file may stay. */
  hasFile?: boolean;
}

export type ParsedMaterial =
  | { ok: true; fields: MaterialFields; useUpload: boolean }
  | { ok: false; values: MaterialValues; errors: MaterialErrors };

/** The values a form starts with: the place and phase chosen by the link that led here. */
export function emptyValues(place: string, phase: Phase): MaterialValues {
  return {
    title: '',
    description: '',
    place,
    phase,
    url: '',
    authors: '',
    year: '',
    publisher: '',
    identifier: '',
    body: '',
  };
}

/** The form's values from a saved material. */
export function valuesOf(m: MaterialFields): MaterialValues {
  return {
    title: m.title,
    description: m.description,
    place: m.sessionId ?? SERIES_PLACE,
    phase: m.phase,
    url: m.url ?? '',
    authors: m.authors,
    year: m.year === null ? '' : String(m.year),
    publisher: m.publisher,
    identifier: m.identifier,
    body: m.bodyMd,
  };
}

const MAX: Record<Exclude<MaterialField, 'file'>, number> = {
  title: TITLE_MAX,
  description: DESCRIPTION_MAX,
  place: 100,
  phase: 20,
  url: URL_MAX,
  authors: AUTHORS_MAX,
  year: 10,
  publisher: PUBLISHER_MAX,
  identifier: IDENTIFIER_MAX,
  body: BODY_MAX,
};

/**
 * The whole material form for one kind. `fields` are the posted text fields; `upload` what came of the file
 * field. Everything the kind does not ask for is ignored (and stored empty).
 */
export function parseMaterialForm(
  fields: Record<string, unknown> | undefined,
  upload: UploadState,
  context: FormContext,
  lang: Lang,
): ParsedMaterial {
  const m = materialsMessages(lang);
  const raw = (name: string): string => {
    const v = fields?.[name];
    const first = Array.isArray(v) ? v[0] : v;
    return typeof first === 'string' ? first : '';
  };
  const errors: MaterialErrors = {};
  const values = Object.fromEntries(
    (Object.keys(MAX) as (keyof typeof MAX)[]).map((f) => {
      const typed = raw(f);
      if (typed.includes(NUL)) errors[f] = messages(lang)['form.invalidChar'](label(m, f));
      // Shown again as typed, without the NUL, and cut a little past the limit (the message says so).
      return [f, typed.replaceAll(NUL, '').slice(0, MAX[f] + 1)];
    }),
  ) as MaterialValues;
  const { kind } = context;
  const asks = KIND_FIELDS[kind];
  const set = (field: MaterialField, message: string) => {
    errors[field] ??= message;
  };
  const tooLong = (field: Exclude<MaterialField, 'file'>) => {
    if (values[field].trim().length > MAX[field])
      set(field, m['materials.error.tooLong'](label(m, field), MAX[field]));
  };

  if (values.title.trim() === '') set('title', m['materials.error.title']);
  tooLong('title');
  tooLong('description');
  if (values.place === '' || !context.places.includes(values.place)) {
    set('place', values.place === '' ? m['materials.error.place'] : m['materials.error.placeNotAllowed']);
  }
  const phase: Phase | null = values.phase === 'before' || values.phase === 'after' ? values.phase : null;
  if (!phase) set('phase', m['materials.error.phase']);

  // The link: required for video, optional for literature, one of link or file for article and podcast.
  let url: string | null = null;
  if (asks.includes('url')) {
    const typed = values.url.trim();
    if (typed !== '') {
      url = httpsLink(typed);
      if (!url) set('url', m['materials.error.url']);
    }
  }
  let useUpload = false;
  if (asks.includes('file')) {
    if (upload.kind === 'refused') set('file', upload.message);
    else if (upload.kind === 'received') {
      if (!fileFitsKind(kind, upload.contentType)) set('file', m['materials.error.fileKind']);
      else useUpload = true;
    }
  }
  const hasLink = values.url.trim() !== '';
  if (kind === 'video' && !hasLink) set('url', m['materials.error.urlMissing']);
  if (kind === 'document' && upload.kind === 'none' && !context.hasFile)
    set('file', m['materials.error.fileMissing']);
  if (kind === 'article' || kind === 'podcast') {
    const hasFile = upload.kind !== 'none' || !!context.hasFile;
    if (!hasLink && !hasFile) set('url', m['materials.error.urlOrFile']);
  }

  let year: number | null = null;
  if (asks.includes('authors')) {
    if (values.authors.trim() === '') set('authors', m['materials.error.authors']);
    tooLong('authors');
    tooLong('publisher');
    tooLong('identifier');
    const y = values.year.trim();
    if (y !== '') {
      if (!/^\d{4}$/.test(y) || Number(y) < 1500 || Number(y) > 2100) set('year', m['materials.error.year']);
      else year = Number(y);
    }
  }
  if (asks.includes('body')) {
    if (values.body.trim() === '') set('body', m['materials.error.body']);
    tooLong('body');
  }

  if (Object.keys(errors).length > 0 || !phase) return { ok: false, values, errors };
  const keep = (field: 'authors' | 'publisher' | 'identifier' | 'body') =>
    asks.includes(field) ? values[field].trim() : '';
  return {
    ok: true,
    useUpload,
    fields: {
      kind,
      title: values.title.trim(),
      description: values.description.trim(),
      sessionId: values.place === SERIES_PLACE ? null : values.place,
      phase,
      url,
      authors: keep('authors'),
      year,
      publisher: keep('publisher'),
      identifier: keep('identifier'),
      bodyMd: asks.includes('body') ? values.body.replace(/\r\n/g, '\n').trim() : '',
    },
  };
}

/** The fields in the order the form shows them, for the error summary. */
export function summaryOrder(kind: MaterialKind): MaterialField[] {
  const asks = KIND_FIELDS[kind];
  return MATERIAL_FIELDS.filter(
    (f) =>
      f === 'title' ||
      f === 'description' ||
      f === 'place' ||
      f === 'phase' ||
      (asks as readonly string[]).includes(f),
  );
}

/** The text cut at the last word boundary before `max` characters, with an ellipsis (unchanged if short). */
export function shortened(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, '')}…`;
}
