import type { Lang } from '../../shared/danish.ts';
import { CONFIRM_FIELD, checkPersonalData } from '../../shared/personal-data.ts';
import { messages } from '../../web/i18n.ts';
import { questionsMessages } from './messages.ts';
import type { Addressee } from './table.ts';

// The question, reply, edit and delete forms, read from the posted fields: pure, so every message is tested
// without a server. What was typed comes back with the errors, each naming its field; the personal-data
// guard runs on every free-text field before anything is stored (a CPR number is refused next to its field;
// sensitive words near a name need the author's tick, CONFIRM_FIELD).

export const TITLE_MAX = 200;
export const BODY_MAX = 20_000;
export const REASON_MAX = 500;

/** The "til" field's values: every expert, the facilitator, or one expert by account id. */
export const TO_EXPERTS = 'eksperter';
export const TO_FACILITATOR = 'facilitator';
export const TO_EXPERT_PREFIX = 'ekspert:';
/** The session field's value for the whole series. */
export const NO_SESSION = 'serie';

export type Fields = Record<string, unknown> | undefined;
export type FormErrors = Record<string, string>;

const NUL = '\u0000';

export function raw(fields: Fields, name: string): string {
  const v = fields?.[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first : '';
}

function text(fields: Fields, name: string, max: number, label: string, errors: FormErrors, lang: Lang) {
  const typed = raw(fields, name);
  if (typed.includes(NUL)) errors[name] = messages(lang)['form.invalidChar'](label);
  return typed.replaceAll(NUL, '').slice(0, max + 1);
}

/** The guard over the free-text fields: CPR errors and unconfirmed warnings join the form's errors. */
export function guard(
  values: Record<string, string>,
  fields: Fields,
  errors: FormErrors,
  lang: Lang,
): { warnings: Record<string, string>; confirmed: boolean } {
  const confirmed = raw(fields, CONFIRM_FIELD) === 'ja';
  const check = checkPersonalData(values, confirmed, lang);
  for (const [field, message] of Object.entries(check.errors)) errors[field] ??= message;
  if (!confirmed) {
    for (const [field, message] of Object.entries(check.warnings)) errors[field] ??= message;
  }
  // The tick is offered again whenever the form comes back with warnings (ticked as it was sent).
  return { warnings: check.ok ? {} : check.warnings, confirmed };
}

export interface AskValues {
  title: string;
  body: string;
  to: string;
  session: string;
}

export interface AskChoices {
  /** Allowed values of "to". */
  to: readonly string[];
  /** Allowed values of "session" (NO_SESSION when the person may ask about the whole series). */
  sessions: readonly string[];
}

export interface AskFields {
  title: string;
  bodyMd: string;
  addressedTo: Addressee;
  expertAccountId: string | null;
  sessionId: string | null;
}

export type ParsedAsk =
  | { ok: true; fields: AskFields }
  | {
      ok: false;
      values: AskValues;
      errors: FormErrors;
      warnings: Record<string, string>;
      confirmed: boolean;
    };

export function parseAsk(fields: Fields, choices: AskChoices, lang: Lang): ParsedAsk {
  const m = questionsMessages(lang);
  const errors: FormErrors = {};
  const values: AskValues = {
    title: text(fields, 'title', TITLE_MAX, m['questions.form.title'], errors, lang),
    body: text(fields, 'body', BODY_MAX, m['questions.form.body'], errors, lang),
    to: raw(fields, 'to').slice(0, 100),
    session: raw(fields, 'session').slice(0, 100),
  };
  if (values.title.trim() === '') errors.title ??= m['questions.error.title'];
  if (values.title.trim().length > TITLE_MAX)
    errors.title ??= m['questions.error.tooLong'](m['questions.form.title'], TITLE_MAX);
  if (values.body.trim() === '') errors.body ??= m['questions.error.body'];
  if (values.body.trim().length > BODY_MAX)
    errors.body ??= m['questions.error.tooLong'](m['questions.form.body'], BODY_MAX);
  if (!choices.to.includes(values.to)) errors.to ??= m['questions.error.to'];
  if (!choices.sessions.includes(values.session)) errors.session ??= m['questions.error.session'];
  const { warnings, confirmed } = guard({ title: values.title, body: values.body }, fields, errors, lang);
  if (Object.keys(errors).length > 0) return { ok: false, values, errors, warnings, confirmed };
  const to = values.to;
  return {
    ok: true,
    fields: {
      title: values.title.trim(),
      bodyMd: values.body.replace(/\r\n/g, '\n').trim(),
      addressedTo: to === TO_EXPERTS ? 'experts' : to === TO_FACILITATOR ? 'facilitator' : 'expert',
      expertAccountId: to.startsWith(TO_EXPERT_PREFIX) ? to.slice(TO_EXPERT_PREFIX.length) : null,
      sessionId: values.session === NO_SESSION ? null : values.session,
    },
  };
}

export type ParsedPost =
  | { ok: true; title: string | null; bodyMd: string }
  | {
      ok: false;
      values: { title: string; body: string };
      errors: FormErrors;
      warnings: Record<string, string>;
      confirmed: boolean;
    };

/** A reply, or the edit of a post (`withTitle`: the opening post, whose title is edited with it). */
export function parsePost(fields: Fields, withTitle: boolean, lang: Lang): ParsedPost {
  const m = questionsMessages(lang);
  const errors: FormErrors = {};
  const values = {
    title: withTitle ? text(fields, 'title', TITLE_MAX, m['questions.form.title'], errors, lang) : '',
    body: text(fields, 'body', BODY_MAX, m['questions.reply.body'], errors, lang),
  };
  if (withTitle && values.title.trim() === '') errors.title ??= m['questions.error.title'];
  if (withTitle && values.title.trim().length > TITLE_MAX)
    errors.title ??= m['questions.error.tooLong'](m['questions.form.title'], TITLE_MAX);
  if (values.body.trim() === '')
    errors.body ??= withTitle ? m['questions.error.body'] : m['questions.error.reply'];
  if (values.body.trim().length > BODY_MAX)
    errors.body ??= m['questions.error.tooLong'](m['questions.reply.body'], BODY_MAX);
  const checked: Record<string, string> = withTitle
    ? { title: values.title, body: values.body }
    : { body: values.body };
  const { warnings, confirmed } = guard(checked, fields, errors, lang);
  if (Object.keys(errors).length > 0) return { ok: false, values, errors, warnings, confirmed };
  return {
    ok: true,
    title: withTitle ? values.title.trim() : null,
    bodyMd: values.body.replace(/\r\n/g, '\n').trim(),
  };
}

export type ParsedDelete =
  | { ok: true; reason: string | null }
  | { ok: false; values: { reason: string }; errors: FormErrors };

/** The delete confirmation: the organiser gives a reason (shown in place of the post); an author only confirms. */
export function parseDelete(fields: Fields, organiser: boolean, lang: Lang): ParsedDelete {
  const m = questionsMessages(lang);
  const errors: FormErrors = {};
  const reason = text(fields, 'reason', REASON_MAX, m['questions.delete.reason'], errors, lang);
  if (raw(fields, 'bekraeft') !== 'ja') errors.slet ??= m['questions.error.notConfirmed'];
  if (organiser) {
    if (reason.trim() === '') errors.reason ??= m['questions.error.reason'];
    if (reason.trim().length > REASON_MAX)
      errors.reason ??= m['questions.error.tooLong'](m['questions.delete.reason'], REASON_MAX);
    if (!errors.reason) guard({ reason }, { [CONFIRM_FIELD]: 'ja' }, errors, lang);
  }
  if (Object.keys(errors).length > 0) return { ok: false, values: { reason }, errors };
  return { ok: true, reason: organiser ? reason.trim() : null };
}
