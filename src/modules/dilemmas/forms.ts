import type { Lang } from '../../shared/danish.ts';
import { dilemmasMessages } from './messages.ts';
import { DILEMMA_KINDS, type DilemmaKind } from './table.ts';

// The dilemmas' forms, read from the posted fields: pure, so every message is tested without a server. What
// was typed comes back with the errors, each naming its field; nothing is stored from a form with an error
// (and the personal-data guard runs on what passes, in the service, before anything is stored).

export const TITLE_MAX = 150;
export const FIELD_MAX = 8000;
export const COMMENT_MAX = 8000;
export const POINT_MAX = 200;
export const FOLLOWUP_MAX = 20_000;

/** The template's fields, in the order the form shows them (and the error summary lists them). */
export const DILEMMA_FIELDS = [
  'kind',
  'title',
  'situation',
  'dilemma',
  'tried',
  'wanted',
  'visibility',
] as const;
export type DilemmaField = (typeof DILEMMA_FIELDS)[number];
export type DilemmaValues = Record<DilemmaField, string>;
export type FormErrors<F extends string> = Partial<Record<F, string>>;

/** The template's four Markdown fields; the first two must be written. */
export const TEMPLATE_FIELDS = ['situation', 'dilemma', 'tried', 'wanted'] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];
const REQUIRED: readonly TemplateField[] = ['situation', 'dilemma'];

export const VISIBILITY_NAMED = 'navn';
export const VISIBILITY_ANONYMOUS = 'anonym';

export interface DilemmaInput {
  kind: DilemmaKind;
  title: string;
  situation: string;
  dilemma: string;
  tried: string;
  wanted: string;
  anonymous: boolean;
}

const text = (body: Record<string, unknown>, name: string) => {
  const v = body[name];
  return typeof v === 'string' ? v.replace(/\r\n/g, '\n') : '';
};

export function emptyDilemmaValues(): DilemmaValues {
  return { kind: 'dilemma', title: '', situation: '', dilemma: '', tried: '', wanted: '', visibility: '' };
}

export function dilemmaValuesOf(body: Record<string, unknown>): DilemmaValues {
  return Object.fromEntries(DILEMMA_FIELDS.map((f) => [f, text(body, f)])) as DilemmaValues;
}

export type Parsed<T, F extends string> = { ok: true; input: T } | { ok: false; errors: FormErrors<F> };

export function parseDilemmaForm(values: DilemmaValues, lang: Lang): Parsed<DilemmaInput, DilemmaField> {
  const m = dilemmasMessages(lang);
  const errors: FormErrors<DilemmaField> = {};
  const kind = DILEMMA_KINDS.find((k) => k === values.kind);
  if (!kind) errors.kind = m['dilemmas.err.kind'];
  const title = values.title.trim();
  if (title === '') errors.title = m['dilemmas.err.titleMissing'];
  else if (title.length > TITLE_MAX) errors.title = m['dilemmas.err.titleLong'](TITLE_MAX);
  const labels: Record<TemplateField, string> = {
    situation: m['dilemmas.field.situation'],
    dilemma: m['dilemmas.field.dilemma'],
    tried: m['dilemmas.field.tried'],
    wanted: m['dilemmas.field.wanted'],
  };
  for (const f of TEMPLATE_FIELDS) {
    const v = values[f].trim();
    if (v === '' && REQUIRED.includes(f)) errors[f] = m['dilemmas.err.fieldMissing'](labels[f]);
    else if (v.length > FIELD_MAX) errors[f] = m['dilemmas.err.fieldLong'](labels[f], FIELD_MAX);
  }
  const visibility = values.visibility;
  if (visibility !== VISIBILITY_NAMED && visibility !== VISIBILITY_ANONYMOUS)
    errors.visibility = m['dilemmas.err.visibility'];
  if (Object.keys(errors).length > 0 || !kind) return { ok: false, errors };
  return {
    ok: true,
    input: {
      kind,
      title,
      situation: values.situation.trim(),
      dilemma: values.dilemma.trim(),
      tried: values.tried.trim(),
      wanted: values.wanted.trim(),
      anonymous: visibility === VISIBILITY_ANONYMOUS,
    },
  };
}

export type CommentField = 'body';

export function parseComment(body: Record<string, unknown>, lang: Lang): Parsed<string, CommentField> {
  const m = dilemmasMessages(lang);
  const value = text(body, 'body').trim();
  if (value === '') return { ok: false, errors: { body: m['dilemmas.err.commentMissing'] } };
  if (value.length > COMMENT_MAX)
    return { ok: false, errors: { body: m['dilemmas.err.commentLong'](COMMENT_MAX) } };
  return { ok: true, input: value };
}

export type PointField = 'point';

export function parsePoint(body: Record<string, unknown>, lang: Lang): Parsed<string, PointField> {
  const m = dilemmasMessages(lang);
  const value = text(body, 'point').trim().replace(/\s+/g, ' ');
  if (value === '') return { ok: false, errors: { point: m['agenda.err.point'] } };
  if (value.length > POINT_MAX) return { ok: false, errors: { point: m['agenda.err.pointLong'](POINT_MAX) } };
  return { ok: true, input: value };
}

export type FollowupField = 'title' | 'body';

export interface FollowupInput {
  title: string;
  body: string;
  dilemmaIds: string[];
}

/** The follow-up form; `dilemma` may come once or many times (checkboxes). */
export function parseFollowup(
  body: Record<string, unknown>,
  lang: Lang,
): Parsed<FollowupInput, FollowupField> {
  const m = dilemmasMessages(lang);
  const errors: FormErrors<FollowupField> = {};
  const title = text(body, 'title').trim();
  if (title === '') errors.title = m['followup.err.title'];
  else if (title.length > TITLE_MAX) errors.title = m['dilemmas.err.titleLong'](TITLE_MAX);
  const value = text(body, 'body').trim();
  if (value === '') errors.body = m['followup.err.body'];
  else if (value.length > FOLLOWUP_MAX) errors.body = m['followup.err.bodyLong'](FOLLOWUP_MAX);
  const raw = body.dilemma;
  const ids = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string');
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, input: { title, body: value, dilemmaIds: [...new Set(ids)] } };
}

/** The summary's order: the fields as the form shows them. */
export function summaryOrder<F extends string>(
  order: readonly F[],
  errors: FormErrors<F>,
): { field: F; message: string }[] {
  return order.flatMap((f) => (errors[f] ? [{ field: f, message: errors[f] as string }] : []));
}
