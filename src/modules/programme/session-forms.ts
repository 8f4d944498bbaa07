import {
  copenhagenClock,
  copenhagenDay,
  copenhagenToUtc,
  type Lang,
  parseClock,
  parseDay,
  typedDay,
} from '../../shared/danish.ts';
import { refuseNul } from '../../web/form-guard.ts';
import { messages } from '../../web/i18n.ts';
import type { SessionFields, SessionForEditing } from '../series/service.ts';
import { type SessionMessages, sessionMessages } from './session-messages.ts';

// The session forms, read from the posted body: pure, so every message is tested without a server. What was
// typed comes back with the errors; nothing is stored from a form with an error.

type Body = Record<string, unknown> | undefined;

export const QUESTION_MAX = 200;
export const DESCRIPTION_MAX = 4000;
export const MEETING_URL_MAX = 500;
export const NOTE_MAX = 2000;

export const SESSION_FIELDS = [
  'questionDa',
  'questionEn',
  'descriptionDa',
  'descriptionEn',
  'expertId',
  'day',
  'startTime',
  'endTime',
  'mode',
  'venueId',
  'meetingUrl',
] as const;
export type SessionField = (typeof SESSION_FIELDS)[number];
export type SessionValues = Record<SessionField, string>;
export type SessionErrors = Partial<Record<SessionField | 'note', string>>;

function text(body: Body, field: string, max: number): string {
  const raw = body?.[field];
  const first = Array.isArray(raw) ? raw[0] : raw;
  return typeof first === 'string' ? first.slice(0, max + 1) : '';
}

/** The form's values from a saved session (times in Copenhagen, the day as a Dane types it). */
export function sessionValues(s: SessionFields): SessionValues {
  return {
    questionDa: s.questionDa,
    questionEn: s.questionEn,
    descriptionDa: s.descriptionDa,
    descriptionEn: s.descriptionEn,
    expertId: s.expertId ?? '',
    day: typedDay(copenhagenDay(s.startsAt)),
    startTime: copenhagenClock(s.startsAt),
    endTime: copenhagenClock(s.endsAt),
    mode: s.mode,
    venueId: s.venueId ?? '',
    meetingUrl: s.meetingUrl ?? '',
  };
}

export const EMPTY_SESSION: SessionValues = {
  questionDa: '',
  questionEn: '',
  descriptionDa: '',
  descriptionEn: '',
  expertId: '',
  day: '',
  startTime: '',
  endTime: '',
  mode: 'in_person',
  venueId: '',
  meetingUrl: '',
};

/** An https address that parses (no spaces, a host): what a meeting link must be. */
export function meetingUrl(value: string): string | null {
  const v = value.trim();
  if (!/^https:\/\/\S+$/i.test(v)) return null;
  try {
    const url = new URL(v);
    return url.protocol === 'https:' && url.hostname.includes('.') ? url.toString() : null;
  } catch {
    return null;
  }
}

/** How a message names each field (a NUL byte in it is refused by name: src/web/form-guard.ts). */
function label(m: SessionMessages, field: SessionField | 'note'): string {
  const labels: Record<SessionField | 'note', string> = {
    questionDa: m['session.form.questionDa'],
    questionEn: m['session.form.questionEn'],
    descriptionDa: m['session.form.descriptionDa'],
    descriptionEn: m['session.form.descriptionEn'],
    expertId: m['session.form.expert'],
    day: m['session.form.day'],
    startTime: m['session.form.startTime'],
    endTime: m['session.form.endTime'],
    mode: m['session.form.mode'],
    venueId: m['session.form.venue'],
    meetingUrl: m['session.form.meetingUrl'],
    note: m['session.cancel.note'],
  };
  return labels[field];
}

/** Refuses each of `fields` that carries a NUL byte, naming it. */
function refuseNulIn(
  body: Body,
  fields: readonly (SessionField | 'note')[],
  errors: SessionErrors,
  lang: Lang,
) {
  const m = sessionMessages(lang);
  for (const field of fields)
    refuseNul(body, [field], errors, messages(lang)['form.invalidChar'](label(m, field)));
}

export type Parsed<T> = { ok: true; fields: T } | { ok: false; values: SessionValues; errors: SessionErrors };

/**
 * The whole session form. `choices`: the expert and venue ids the form offered (anything else is refused).
 * The day and times are Copenhagen wall-clock; they are stored as UTC instants.
 */
export function parseSessionForm(
  body: Body,
  choices: { experts: readonly string[]; venues: readonly string[] },
  lang: Lang,
): Parsed<SessionFields> {
  const m = sessionMessages(lang);
  const values = Object.fromEntries(
    SESSION_FIELDS.map((f) => [
      f,
      text(
        body,
        f,
        f.startsWith('description') ? DESCRIPTION_MAX : f === 'meetingUrl' ? MEETING_URL_MAX : 400,
      ),
    ]),
  ) as SessionValues;
  const errors: SessionErrors = {};
  const tooLong = (field: SessionField, label: string, max: number) => {
    if (values[field].length > max) errors[field] = m['session.error.tooLong'](label, max);
  };
  if (values.questionDa.trim() === '') errors.questionDa = m['session.error.questionDa'];
  else tooLong('questionDa', m['session.form.questionDa'], QUESTION_MAX);
  if (values.questionEn.trim() === '') errors.questionEn = m['session.error.questionEn'];
  else tooLong('questionEn', m['session.form.questionEn'], QUESTION_MAX);
  tooLong('descriptionDa', m['session.form.descriptionDa'], DESCRIPTION_MAX);
  tooLong('descriptionEn', m['session.form.descriptionEn'], DESCRIPTION_MAX);
  if (values.expertId !== '' && !choices.experts.includes(values.expertId))
    errors.expertId = m['session.error.expert'];

  const day = parseDay(values.day);
  if (values.day.trim() === '') errors.day = m['session.error.dayMissing'];
  else if (!day) errors.day = m['session.error.day'];
  const start = parseClock(values.startTime);
  if (values.startTime.trim() === '') errors.startTime = m['session.error.startMissing'];
  else if (!start) errors.startTime = m['session.error.start'];
  const end = parseClock(values.endTime);
  if (values.endTime.trim() === '') errors.endTime = m['session.error.endMissing'];
  else if (!end) errors.endTime = m['session.error.end'];
  else if (start && end <= start) errors.endTime = m['session.error.endBeforeStart'];

  const mode = values.mode === 'online' || values.mode === 'in_person' ? values.mode : null;
  if (!mode) errors.mode = m['session.error.mode'];
  if (values.venueId !== '' && !choices.venues.includes(values.venueId))
    errors.venueId = m['session.error.venue'];
  const link = values.meetingUrl.length > MEETING_URL_MAX ? null : meetingUrl(values.meetingUrl);
  if (mode === 'online') {
    if (values.meetingUrl.trim() === '') errors.meetingUrl = m['session.error.meetingUrlMissing'];
    else if (!link) errors.meetingUrl = m['session.error.meetingUrl'];
  }

  refuseNulIn(body, SESSION_FIELDS, errors, lang);
  if (Object.keys(errors).length > 0 || !day || !start || !end || !mode) return { ok: false, values, errors };
  return {
    ok: true,
    fields: {
      questionDa: values.questionDa.trim(),
      questionEn: values.questionEn.trim(),
      descriptionDa: values.descriptionDa.trim(),
      descriptionEn: values.descriptionEn.trim(),
      expertId: values.expertId || null,
      startsAt: copenhagenToUtc(day, start),
      endsAt: copenhagenToUtc(day, end),
      mode,
      venueId: mode === 'in_person' ? values.venueId || null : null,
      meetingUrl: mode === 'online' ? link : null,
    },
  };
}

/** The switch online: only the link; the rest of the session stays as it is. */
export function parseOnlineForm(body: Body, session: SessionForEditing, lang: Lang): Parsed<SessionFields> {
  const m = sessionMessages(lang);
  const typed = text(body, 'meetingUrl', MEETING_URL_MAX);
  const values = { ...sessionValues(session), mode: 'online', meetingUrl: typed };
  const refused: SessionErrors = {};
  refuseNulIn(body, ['meetingUrl'], refused, lang);
  if (refused.meetingUrl) return { ok: false, values, errors: refused };
  if (typed.trim() === '')
    return { ok: false, values, errors: { meetingUrl: m['session.error.meetingUrlMissing'] } };
  const link = typed.length > MEETING_URL_MAX ? null : meetingUrl(typed);
  if (!link) return { ok: false, values, errors: { meetingUrl: m['session.error.meetingUrl'] } };
  return { ok: true, fields: { ...session, mode: 'online', venueId: null, meetingUrl: link } };
}

/** The switch back to in person: only the venue ('' = the series' venue). */
export function parseInPersonForm(
  body: Body,
  session: SessionForEditing,
  venues: readonly string[],
  lang: Lang,
): Parsed<SessionFields> {
  const m = sessionMessages(lang);
  const venueId = text(body, 'venueId', 100);
  const values = { ...sessionValues(session), mode: 'in_person', venueId, meetingUrl: '' };
  const refused: SessionErrors = {};
  refuseNulIn(body, ['venueId'], refused, lang);
  if (refused.venueId) return { ok: false, values, errors: refused };
  if (venueId !== '' && !venues.includes(venueId))
    return { ok: false, values, errors: { venueId: m['session.error.venue'] } };
  return { ok: true, fields: { ...session, mode: 'in_person', venueId: venueId || null, meetingUrl: null } };
}

/** The cancellation's optional message to those told. */
export function parseCancelNote(
  body: Body,
  lang: Lang,
): { ok: true; note: string } | { ok: false; note: string; error: string } {
  const note = text(body, 'note', NOTE_MAX);
  const refused: SessionErrors = {};
  refuseNulIn(body, ['note'], refused, lang);
  if (refused.note) return { ok: false, note, error: refused.note };
  if (note.length > NOTE_MAX)
    return { ok: false, note, error: sessionMessages(lang)['session.error.note'](NOTE_MAX) };
  return { ok: true, note: note.trim() };
}
