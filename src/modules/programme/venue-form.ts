import type { Lang } from '../../shared/danish.ts';
import { refuseNul } from '../../web/form-guard.ts';
import { messages } from '../../web/i18n.ts';
import type { VenueFields } from '../series/service.ts';
import { venueMessages } from './venue-messages.ts';

// The venue form, read from the posted body: pure, so every message is tested without a server. What was
// typed is handed back with the errors; nothing is stored from a form with an error.

type Body = Record<string, unknown> | undefined;

export const VENUE_FIELDS = ['name', 'street', 'postalCode', 'city', 'notesDa', 'notesEn'] as const;
export type VenueField = (typeof VENUE_FIELDS)[number];
export type VenueValues = Record<VenueField, string>;
export type VenueErrors = Partial<Record<VenueField, string>>;

export const VENUE_NAME_MAX = 120;
export const VENUE_STREET_MAX = 160;
export const VENUE_CITY_MAX = 80;
export const VENUE_NOTES_MAX = 1000;

/** A Danish postcode: four digits (1000–9999; 0800–0999 are the post's own). */
const POSTAL_CODE = /^[0-9]{4}$/;

function text(body: Body, field: string, max = 4000): string {
  const raw = body?.[field];
  const first = Array.isArray(raw) ? raw[0] : raw;
  return typeof first === 'string' ? first.slice(0, max) : '';
}

/** The form's values from a saved venue. */
export function venueValues(v?: VenueFields): VenueValues {
  return {
    name: v?.name ?? '',
    street: v?.street ?? '',
    postalCode: v?.postalCode ?? '',
    city: v?.city ?? '',
    notesDa: v?.notesDa ?? '',
    notesEn: v?.notesEn ?? '',
  };
}

export function parseVenueForm(
  body: Body,
  lang: Lang,
): { ok: true; fields: VenueFields } | { ok: false; values: VenueValues; errors: VenueErrors } {
  const m = venueMessages(lang);
  const values = Object.fromEntries(VENUE_FIELDS.map((f) => [f, text(body, f)])) as VenueValues;
  const oneLine = (v: string) => v.replace(/\s+/g, ' ').trim();
  const fields: VenueFields = {
    name: oneLine(values.name),
    street: oneLine(values.street),
    postalCode: values.postalCode.replace(/\s+/g, ''),
    city: oneLine(values.city),
    // Notes keep their line breaks (the session page shows them), without trailing spaces or \r.
    notesDa: values.notesDa.replace(/\r\n?/g, '\n').trim(),
    notesEn: values.notesEn.replace(/\r\n?/g, '\n').trim(),
  };
  const errors: VenueErrors = {};
  const required = [
    ['name', m['venue.form.name'], VENUE_NAME_MAX],
    ['street', m['venue.form.street'], VENUE_STREET_MAX],
    ['city', m['venue.form.city'], VENUE_CITY_MAX],
  ] as const;
  for (const [field, label, max] of required) {
    if (fields[field] === '') errors[field] = m['venue.error.required'](label);
    else if (fields[field].length > max) errors[field] = m['venue.error.tooLong'](label, max);
  }
  if (fields.postalCode === '') errors.postalCode = m['venue.error.required'](m['venue.form.postalCode']);
  else if (!POSTAL_CODE.test(fields.postalCode)) errors.postalCode = m['venue.error.postalCode'];
  const notes = [
    ['notesDa', m['venue.form.notesDa']],
    ['notesEn', m['venue.form.notesEn']],
  ] as const;
  for (const [field, label] of notes) {
    if (fields[field].length > VENUE_NOTES_MAX)
      errors[field] = m['venue.error.tooLong'](label, VENUE_NOTES_MAX);
  }
  // A NUL byte in any field: refused, and the page names the field (src/web/form-guard.ts).
  const labels: Record<VenueField, string> = {
    name: m['venue.form.name'],
    street: m['venue.form.street'],
    postalCode: m['venue.form.postalCode'],
    city: m['venue.form.city'],
    notesDa: m['venue.form.notesDa'],
    notesEn: m['venue.form.notesEn'],
  };
  for (const field of VENUE_FIELDS) {
    refuseNul(body, [field], errors, messages(lang)['form.invalidChar'](labels[field]));
  }
  if (Object.keys(errors).length > 0) return { ok: false, values, errors };
  return { ok: true, fields };
}
