import type { Lang } from '../../shared/danish.ts';
import { CONFIRM_FIELD, checkPersonalData } from '../../shared/personal-data.ts';
import { messagesMessages } from './messages.ts';
import { AUDIENCE_GROUPS, type Audience, BODY_MAX, hasAudience, TITLE_MAX } from './rules.ts';

// The announcement form and the message form, read from the posted fields: pure, so every message is tested
// without a server. What was typed comes back with the errors, each naming its field; the personal-data guard
// (a CPR number is refused, sensitive words near a name need the author's tick) runs before anything is kept.

export type Fields = Record<string, unknown>;
export type FormErrors = Record<string, string>;

const text = (v: unknown) => (typeof v === 'string' ? v.replace(/\r\n/g, '\n') : '');
const ticked = (v: unknown) => typeof v === 'string' && v.length > 0;

export interface AnnouncementValues {
  subject: string;
  body: string;
  audience: Audience;
  confirmed: boolean;
}

export type Parsed<T, V> =
  | { ok: true; value: T }
  | { ok: false; values: V; errors: FormErrors; warnings: FormErrors };

/** The personal-data guard's verdict merged into a form's errors (warnings become errors until ticked). */
function guard(fields: Record<string, string>, confirmed: boolean, lang: Lang, errors: FormErrors) {
  const check = checkPersonalData(fields, confirmed, lang);
  for (const [field, message] of Object.entries(check.errors)) errors[field] ??= message;
  const warnings: FormErrors = {};
  if (!confirmed) {
    for (const [field, message] of Object.entries(check.warnings)) {
      warnings[field] = message;
      errors[field] ??= message;
    }
  }
  return { ok: check.ok, warnings };
}

export function announcementValues(body: Fields): AnnouncementValues {
  return {
    subject: text(body.subject).trim(),
    body: text(body.body).trim(),
    audience: Object.fromEntries(AUDIENCE_GROUPS.map((g) => [g, ticked(body[`to_${g}`])])) as Audience,
    confirmed: ticked(body[CONFIRM_FIELD]),
  };
}

export function parseAnnouncement(
  body: Fields,
  lang: Lang,
): Parsed<{ title: string; bodyMd: string; audience: Audience }, AnnouncementValues> {
  const m = messagesMessages(lang);
  const values = announcementValues(body);
  const errors: FormErrors = {};
  if (values.subject === '') errors.subject = m['msg.error.subject'];
  else if (values.subject.length > TITLE_MAX) errors.subject = m['msg.error.subjectLong'](TITLE_MAX);
  if (values.body === '') errors.body = m['msg.error.body'];
  else if (values.body.length > BODY_MAX) errors.body = m['msg.error.bodyLong'](BODY_MAX);
  if (!hasAudience(values.audience)) errors.to_participants = m['msg.error.audience'];
  const { warnings } = guard({ subject: values.subject, body: values.body }, values.confirmed, lang, errors);
  if (Object.keys(errors).length > 0) return { ok: false, values, errors, warnings };
  return { ok: true, value: { title: values.subject, bodyMd: values.body, audience: values.audience } };
}

export interface MessageValues {
  body: string;
  confirmed: boolean;
}

/** A message to the organiser, or the organiser's answer. */
export function parseMessage(body: Fields, lang: Lang): Parsed<{ bodyMd: string }, MessageValues> {
  const m = messagesMessages(lang);
  const values = { body: text(body.body).trim(), confirmed: ticked(body[CONFIRM_FIELD]) };
  const errors: FormErrors = {};
  if (values.body === '') errors.body = m['msg.error.body'];
  else if (values.body.length > BODY_MAX) errors.body = m['msg.error.bodyLong'](BODY_MAX);
  const { warnings } = guard({ body: values.body }, values.confirmed, lang, errors);
  if (Object.keys(errors).length > 0) return { ok: false, values, errors, warnings };
  return { ok: true, value: { bodyMd: values.body } };
}

/** The order the error summary lists the announcement form's fields in. */
export const ANNOUNCEMENT_FIELDS = ['subject', 'body', 'to_participants'] as const;
