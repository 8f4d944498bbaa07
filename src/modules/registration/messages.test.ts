import { describe, expect, it } from 'vitest';
import { validForm } from '../../../test/registration.ts';
import type { Lang } from '../../shared/danish.ts';
import { errorText, fieldName } from './messages.ts';
import { parseRegistration, REGISTRATION_FIELDS, type RegistrationFormField } from './schemas.ts';

// Every message of the registration form names its field (DKFDS, GOV.UK): "Udfyld fulde navn", never
// one sentence about "the field" twelve times in the summary. The bodies below reach every rule of every field.

const long = 'x'.repeat(600);
const bodies: Record<string, string | number>[] = [
  {},
  Object.fromEntries(REGISTRATION_FIELDS.map((f) => [f, 1])),
  Object.fromEntries(REGISTRATION_FIELDS.map((f) => [f, long])),
  Object.fromEntries(REGISTRATION_FIELDS.map((f) => [f, 'a\u0001b'])),
  validForm(1, { participant_email: 'nej', invoice_contact_email: 'x@', participant_phone: '12' }),
  validForm(1, { cvr: '1234567', address_postal_code: '155', ean: '', person_reference: '' }),
  validForm(1, { cvr: '12345678', ean: '579800981157', management_level: 'x', public_buyer: 'x' }),
  validForm(1, { ean: '5798009811579', directory_consent: 'nej', accept_terms: 'nej' }),
];

function messagesOf(lang: Lang): { field: RegistrationFormField; key: string; text: string }[] {
  return bodies.flatMap((body) => {
    const parsed = parseRegistration(body);
    if (parsed.ok) throw new Error('a body meant to be refused passed');
    return (Object.entries(parsed.errors) as [RegistrationFormField, string][]).map(([field, key]) => ({
      field,
      key,
      text: errorText(lang, field, key),
    }));
  });
}

describe('registration error messages', () => {
  for (const lang of ['da', 'en'] as const) {
    it(`name their field (${lang})`, () => {
      const all = messagesOf(lang);
      // Every field and every rule is reached.
      expect(new Set(all.map((m) => m.field))).toEqual(new Set(REGISTRATION_FIELDS));
      for (const m of all) {
        expect(m.text.toLowerCase(), `${m.field} ${m.key}`).toContain(fieldName(lang, m.field).toLowerCase());
        expect(m.text, `${m.field} ${m.key}`).toMatch(/^\p{Lu}.*\.$/u);
      }
    });
  }

  it('say which field is missing, how long a text may be, and how to write it', () => {
    const da = (field: RegistrationFormField, key: string) => errorText('da', field, key);
    expect(da('participant_name', 'reg.error.required')).toBe('Udfyld fulde navn.');
    expect(da('participant_email', 'reg.error.required')).toBe('Udfyld arbejdsmail.');
    expect(da('participant_email', 'reg.error.email')).toBe('Skriv arbejdsmailen som navn@kommune.dk.');
    expect(da('invoice_contact_email', 'reg.error.email')).toBe(
      'Skriv fakturakontaktens e-mail som navn@kommune.dk.',
    );
    expect(da('management_level', 'reg.error.choose')).toBe('Vælg ledelsesniveau.');
    expect(da('cvr', 'reg.error.cvrFormat')).toBe('CVR-nummeret skal være 8 cifre.');
    expect(da('job_title', 'reg.error.tooLong')).toBe(
      'Teksten i stillingsbetegnelse er for lang – højst 200 tegn.',
    );
    expect(da('job_title', 'reg.error.invalidChars')).toBe(
      'Stillingsbetegnelse indeholder tegn, vi ikke kan bruge.',
    );
    expect(errorText('en', 'participant_name', 'reg.error.required')).toBe('Enter the full name.');
    expect(errorText('en', 'job_title', 'reg.error.tooLong')).toBe(
      'Job title must be 200 characters or fewer.',
    );
  });

  it('twelve missing fields are twelve different sentences', () => {
    const parsed = parseRegistration({});
    if (parsed.ok) throw new Error('an empty form passed');
    const texts = Object.entries(parsed.errors).map(([f, k]) =>
      errorText('da', f as RegistrationFormField, k),
    );
    expect(texts.length).toBeGreaterThanOrEqual(12);
    expect(new Set(texts).size).toBe(texts.length);
  });
});
