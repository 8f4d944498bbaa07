import {
  copenhagenClock,
  copenhagenDay,
  copenhagenToUtc,
  type Lang,
  parseKronerToOre,
} from '../../shared/danish.ts';
import { isSlug, SLUG_MAX } from '../../shared/slug.ts';
import { refuseNul } from '../../web/form-guard.ts';
import type { SeriesFields } from '../series/service.ts';
import { seriesEditMessages } from './series-messages.ts';

// The series forms, read from the posted body: pure, so every message is tested without a server. What was
// typed is handed back with the errors; nothing is stored from a form with an error.

type Body = Record<string, unknown> | undefined;
export type FormValues = Record<string, string>;
export type FormErrors = Record<string, string>;

export const TITLE_MAX = 200;
export const SUMMARY_MAX = 500;
export const TEXT_MAX = 5000;
export const CAPACITY_MAX = 10_000;
export const PRICE_MAX_ORE = 1_000_000 * 100;
/** Slugs that are a page of the back office under /arrangoer/serier/. */
const RESERVED_SLUGS = new Set(['ny']);

function text(body: Body, field: string, max = TEXT_MAX + 100): string {
  const raw = body?.[field];
  const first = Array.isArray(raw) ? raw[0] : raw;
  return typeof first === 'string' ? first.slice(0, max) : '';
}

/** The fields of the series form, in the order the page (and its error summary) shows them. */
export const SERIES_FORM_FIELDS = [
  'slug',
  'titleDa',
  'titleEn',
  'summaryDa',
  'summaryEn',
  'introDa',
  'introEn',
  'audienceDa',
  'audienceEn',
  'cateringDa',
  'cateringEn',
  'termsDa',
  'termsEn',
  'capacity',
  'price',
  'vatRate',
  'opensDay',
  'opensTime',
  'closesDay',
  'closesTime',
  'facilitatorId',
  'venueId',
] as const;

const TEXT_FIELDS = [
  ['titleDa', TITLE_MAX, true],
  ['titleEn', TITLE_MAX, true],
  ['summaryDa', SUMMARY_MAX, true],
  ['summaryEn', SUMMARY_MAX, true],
  ['introDa', TEXT_MAX, false],
  ['introEn', TEXT_MAX, false],
  ['audienceDa', TEXT_MAX, false],
  ['audienceEn', TEXT_MAX, false],
  ['cateringDa', TEXT_MAX, false],
  ['cateringEn', TEXT_MAX, false],
  ['termsDa', TEXT_MAX, false],
  ['termsEn', TEXT_MAX, false],
] as const;

/** Øre as a Danish amount to type: `18000` or `18000,50`. */
export function oreToKronerText(ore: number): string {
  const kroner = Math.trunc(ore / 100);
  const rest = Math.abs(ore % 100);
  return rest === 0 ? String(kroner) : `${kroner},${String(rest).padStart(2, '0')}`;
}

/** Basis points as a percentage to type: `25` or `12,5`. */
export function bpToPercentText(bp: number): string {
  return bp % 100 === 0 ? String(bp / 100) : String(bp / 100).replace('.', ',');
}

/** A percentage typed the Danish way (`25`, `12,5`, `25 %`) to basis points; null when not one from 0 to 100. */
export function parsePercentToBp(typed: string): number | null {
  const m = /^(\d{1,3})(?:[,.](\d{1,2}))?\s*%?$/.exec(typed.trim());
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
  return bp <= 10_000 ? bp : null;
}

/** A real calendar day `YYYY-MM-DD` (years 2000–2199). */
export function isDay(day: string): boolean {
  const m = /^(2[01]\d{2})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === day;
}

/** `HH:MM` (or `HH.MM`), 24 hours; normalised with a colon. Null when not a time. */
export function clockOf(typed: string): string | null {
  const m = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/.exec(typed.trim());
  return m ? `${(m[1] ?? '').padStart(2, '0')}:${m[2]}` : null;
}

/** The form's values from a saved series. */
export function seriesValues(s: SeriesFields): FormValues {
  return {
    slug: s.slug,
    titleDa: s.titleDa,
    titleEn: s.titleEn,
    summaryDa: s.summaryDa,
    summaryEn: s.summaryEn,
    introDa: s.introDa,
    introEn: s.introEn,
    audienceDa: s.audienceDa,
    audienceEn: s.audienceEn,
    cateringDa: s.cateringDa,
    cateringEn: s.cateringEn,
    termsDa: s.termsDa,
    termsEn: s.termsEn,
    capacity: String(s.capacity),
    price: oreToKronerText(s.priceOre),
    vatRate: bpToPercentText(s.vatRateBp),
    opensDay: copenhagenDay(s.registrationOpensAt),
    opensTime: copenhagenClock(s.registrationOpensAt),
    closesDay: copenhagenDay(s.registrationClosesAt),
    closesTime: copenhagenClock(s.registrationClosesAt),
    facilitatorId: s.facilitatorId ?? '',
    venueId: s.venueId ?? '',
  };
}

/** What a new series' form starts with. */
export function newSeriesValues(): FormValues {
  return {
    ...Object.fromEntries(SERIES_FORM_FIELDS.map((f) => [f, ''])),
    vatRate: '25',
    opensTime: '09:00',
    closesTime: '00:00',
  };
}

type Messages = ReturnType<typeof seriesEditMessages>;

function checkSlug(slug: string, m: Messages): string | undefined {
  if (slug === '') return m['series.error.required'](m['series.field.slug']);
  if (slug.length > SLUG_MAX) return m['series.error.tooLong'](m['series.field.slug'], SLUG_MAX);
  if (!isSlug(slug)) return m['series.error.slug'];
  if (RESERVED_SLUGS.has(slug)) return m['series.error.slugReserved'];
  return undefined;
}

/** A Copenhagen date and time field pair as a UTC instant; errors on each field by name. */
function instantOf(
  values: FormValues,
  dayField: string,
  timeField: string,
  labels: { day: string; time: string },
  errors: FormErrors,
  m: Messages,
): string | null {
  const day = (values[dayField] ?? '').trim();
  const time = (values[timeField] ?? '').trim();
  if (day === '') errors[dayField] = m['series.error.required'](labels.day);
  else if (!isDay(day)) errors[dayField] = m['series.error.day'](labels.day);
  const clock = clockOf(time);
  if (time === '') errors[timeField] = m['series.error.required'](labels.time);
  else if (!clock) errors[timeField] = m['series.error.time'](labels.time);
  return isDay(day) && clock ? copenhagenToUtc(day, clock) : null;
}

/** The registration window's four fields; an error on the closing date when it does not come after. */
function windowOf(values: FormValues, errors: FormErrors, m: Messages) {
  const opens = instantOf(
    values,
    'opensDay',
    'opensTime',
    { day: m['series.field.opensDay'], time: m['series.field.opensTime'] },
    errors,
    m,
  );
  const closes = instantOf(
    values,
    'closesDay',
    'closesTime',
    { day: m['series.field.closesDay'], time: m['series.field.closesTime'] },
    errors,
    m,
  );
  if (opens && closes && closes <= opens) errors.closesDay = m['series.error.closesBeforeOpens'];
  return { opens, closes };
}

export type Parsed<T> = { ok: true; fields: T } | { ok: false; values: FormValues; errors: FormErrors };

/**
 * The series form. `choices`: the ids the facilitator and venue selects offer ('' is none). Texts are
 * trimmed and capped; numbers typed the Danish way.
 */
export function parseSeriesForm(
  body: Body,
  lang: Lang,
  choices: { persons: readonly string[]; venues: readonly string[] },
): Parsed<SeriesFields> {
  const m = seriesEditMessages(lang);
  const values: FormValues = Object.fromEntries(SERIES_FORM_FIELDS.map((f) => [f, text(body, f)]));
  const errors: FormErrors = {};
  const slug = (values.slug ?? '').trim();
  const slugError = checkSlug(slug, m);
  if (slugError) errors.slug = slugError;
  const texts: Record<string, string> = {};
  for (const [field, max, required] of TEXT_FIELDS) {
    const label = m[`series.field.${field}`];
    const v = (values[field] ?? '').trim();
    if (required && v === '') errors[field] = m['series.error.required'](label);
    else if (v.length > max) errors[field] = m['series.error.tooLong'](label, max);
    texts[field] = v;
  }
  const capacityText = (values.capacity ?? '').trim();
  const capacity = /^\d{1,6}$/.test(capacityText) ? Number(capacityText) : Number.NaN;
  if (capacityText === '') errors.capacity = m['series.error.required'](m['series.field.capacity']);
  else if (!(capacity >= 1 && capacity <= CAPACITY_MAX)) errors.capacity = m['series.error.capacity'];
  const priceText = (values.price ?? '').trim();
  const priceOre = parseKronerToOre(priceText);
  if (priceText === '') errors.price = m['series.error.required'](m['series.field.price']);
  else if (priceOre === null) errors.price = m['series.error.price'];
  else if (priceOre < 0 || priceOre > PRICE_MAX_ORE) errors.price = m['series.error.priceRange'];
  const vatText = (values.vatRate ?? '').trim();
  const vatRateBp = parsePercentToBp(vatText);
  if (vatText === '') errors.vatRate = m['series.error.required'](m['series.field.vatRate']);
  else if (vatRateBp === null) errors.vatRate = m['series.error.vatRate'];
  const { opens, closes } = windowOf(values, errors, m);
  const facilitatorId = (values.facilitatorId ?? '').trim();
  if (facilitatorId !== '' && !choices.persons.includes(facilitatorId)) {
    errors.facilitatorId = m['series.error.choice'](m['series.field.facilitator']);
  }
  const venueId = (values.venueId ?? '').trim();
  if (venueId !== '' && !choices.venues.includes(venueId)) {
    errors.venueId = m['series.error.choice'](m['series.field.venue']);
  }
  // A NUL byte is refused in any field (PostgreSQL cannot store it); the page names the field (form.tsx).
  refuseNul(body, SERIES_FORM_FIELDS, errors, m['series.error.invalidChar']);
  if (Object.keys(errors).length > 0 || priceOre === null || vatRateBp === null || !opens || !closes) {
    return { ok: false, values, errors };
  }
  return {
    ok: true,
    fields: {
      slug,
      titleDa: texts.titleDa ?? '',
      titleEn: texts.titleEn ?? '',
      summaryDa: texts.summaryDa ?? '',
      summaryEn: texts.summaryEn ?? '',
      introDa: texts.introDa ?? '',
      introEn: texts.introEn ?? '',
      audienceDa: texts.audienceDa ?? '',
      audienceEn: texts.audienceEn ?? '',
      cateringDa: texts.cateringDa ?? '',
      cateringEn: texts.cateringEn ?? '',
      termsDa: texts.termsDa ?? '',
      termsEn: texts.termsEn ?? '',
      capacity,
      priceOre,
      vatRateBp,
      registrationOpensAt: opens,
      registrationClosesAt: closes,
      facilitatorId: facilitatorId === '' ? null : facilitatorId,
      venueId: venueId === '' ? null : venueId,
    },
  };
}

// ——— Copy ———

/** The field names of the n-th session in the copy form (by position, 1…). */
export const copySessionFields = (n: number) => ({
  day: `session${n}Day`,
  start: `session${n}Start`,
  end: `session${n}End`,
});

/** The copy form's fields in page order, for `count` sessions. */
export function copyFormFields(count: number): string[] {
  const sessions = Array.from({ length: count }, (_, i) => Object.values(copySessionFields(i + 1))).flat();
  return ['slug', 'titleDa', 'titleEn', ...sessions, 'opensDay', 'opensTime', 'closesDay', 'closesTime'];
}

export interface CopyFields {
  slug: string;
  titleDa: string;
  titleEn: string;
  sessions: { sourceId: string; startsAt: string; endsAt: string }[];
  registrationOpensAt: string;
  registrationClosesAt: string;
}

/** What the copy form proposes: a new slug and the dates of rules.ts proposedCopyDates. */
export function copyValues(input: {
  slug: string;
  titleDa: string;
  titleEn: string;
  sessions: readonly { day: string; startTime: string; endTime: string }[];
  registrationOpensAt: string;
  registrationClosesAt: string;
}): FormValues {
  const values: FormValues = {
    slug: input.slug,
    titleDa: input.titleDa,
    titleEn: input.titleEn,
    opensDay: copenhagenDay(input.registrationOpensAt),
    opensTime: copenhagenClock(input.registrationOpensAt),
    closesDay: copenhagenDay(input.registrationClosesAt),
    closesTime: copenhagenClock(input.registrationClosesAt),
  };
  input.sessions.forEach((s, i) => {
    const f = copySessionFields(i + 1);
    values[f.day] = s.day;
    values[f.start] = s.startTime;
    values[f.end] = s.endTime;
  });
  return values;
}

/** A slug for the copy: the source's with its year moved on (`…-2027` → `…-2028`), else `…-kopi`. */
export function proposedCopySlug(slug: string, years: number): string {
  const m = /^(.*-)(\d{4})$/.exec(slug);
  if (m) return `${m[1]}${Number(m[2]) + years}`;
  return `${slug}-kopi`.slice(0, SLUG_MAX);
}

/** The copy form: `sessions` are the source's scheduled sessions, in the order the form shows them. */
export function parseCopyForm(
  body: Body,
  lang: Lang,
  sessions: readonly { id: string }[],
): Parsed<CopyFields> {
  const m = seriesEditMessages(lang);
  const names = copyFormFields(sessions.length);
  const values: FormValues = Object.fromEntries(names.map((f) => [f, text(body, f, TITLE_MAX + 50)]));
  const errors: FormErrors = {};
  const slug = (values.slug ?? '').trim();
  const slugError = checkSlug(slug, m);
  if (slugError) errors.slug = slugError;
  const titles: Record<string, string> = {};
  for (const field of ['titleDa', 'titleEn'] as const) {
    const label = m[`series.field.${field}`];
    const v = (values[field] ?? '').trim();
    if (v === '') errors[field] = m['series.error.required'](label);
    else if (v.length > TITLE_MAX) errors[field] = m['series.error.tooLong'](label, TITLE_MAX);
    titles[field] = v;
  }
  const copied: CopyFields['sessions'] = [];
  sessions.forEach((s, i) => {
    const n = i + 1;
    const f = copySessionFields(n);
    const starts = instantOf(
      values,
      f.day,
      f.start,
      { day: m['series.copy.day'](n), time: m['series.copy.start'](n) },
      errors,
      m,
    );
    const endClock = clockOf(values[f.end] ?? '');
    if ((values[f.end] ?? '').trim() === '')
      errors[f.end] = m['series.error.required'](m['series.copy.end'](n));
    else if (!endClock) errors[f.end] = m['series.error.time'](m['series.copy.end'](n));
    const day = (values[f.day] ?? '').trim();
    const ends = starts && endClock ? copenhagenToUtc(day, endClock) : null;
    if (starts && ends && ends <= starts) errors[f.end] = m['series.copy.endBeforeStart'](n);
    if (starts && ends) copied.push({ sourceId: s.id, startsAt: starts, endsAt: ends });
  });
  const { opens, closes } = windowOf(values, errors, m);
  refuseNul(body, names, errors, m['series.error.invalidChar']);
  if (Object.keys(errors).length > 0 || !opens || !closes) return { ok: false, values, errors };
  return {
    ok: true,
    fields: {
      slug,
      titleDa: titles.titleDa ?? '',
      titleEn: titles.titleEn ?? '',
      sessions: copied,
      registrationOpensAt: opens,
      registrationClosesAt: closes,
    },
  };
}
