import { z } from 'zod';
import { isValidCvr, isValidGln, normaliseDigits } from '../../shared/checkdigits.ts';

// The registration form. Each issue's message is a rule's catalogue key (`reg.error.*`); messages.ts turns
// (field, rule) into a Danish (or English) sentence that names the field, shown next to it and in the error
// summary. Nothing here touches the database.

export const MANAGEMENT_LEVELS = ['direktoer', 'chef', 'leder', 'teamleder', 'ingen'] as const;
export const ORGANISATION_TYPES = [
  'jobcenter',
  'kommune',
  'a_kasse',
  'anden_beskaeftigelse',
  'anden',
] as const;
export type ManagementLevel = (typeof MANAGEMENT_LEVELS)[number];
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

/** Only managers in an employment organisation may take a seat (the source's condition for taking part). */
export function isEligible(level: ManagementLevel, type: OrganisationType): boolean {
  return level !== 'ingen' && type !== 'anden';
}

// Control characters never belong in a form field; line breaks only in the free-text ones.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to refuse them
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to refuse them
const CONTROL_OR_NEWLINE = /[\u0000-\u001F\u007F]/;

/** The longest text each text field takes (after trimming); the "too long" message names the limit. */
export const MAX_LENGTH = {
  participant_name: 200,
  participant_email: 254,
  participant_phone: 40,
  job_title: 200,
  organisation_name: 200,
  cvr: 20,
  address_street: 200,
  address_postal_code: 10,
  address_city: 100,
  ean: 30,
  person_reference: 100,
  order_number: 100,
  kontostreng: 200,
  invoice_contact_name: 200,
  invoice_contact_email: 254,
  dietary_needs: 500,
} as const;

function line(max: number, required: boolean) {
  const start = required
    ? z.string({ error: 'reg.error.required' })
    : z.string({ error: 'reg.error.invalidChars' }).default('');
  const base = start
    .transform((v) => v.trim().replace(/\s+/g, ' '))
    .pipe(
      z
        .string()
        .max(max, { error: 'reg.error.tooLong' })
        .refine((v) => !CONTROL_OR_NEWLINE.test(v), { error: 'reg.error.invalidChars' }),
    );
  return required ? base.pipe(z.string().min(1, { error: 'reg.error.required' })) : base;
}

function text(max: number) {
  return z
    .string({ error: 'reg.error.invalidChars' })
    .default('')
    .transform((v) => v.trim())
    .pipe(
      z
        .string()
        .max(max, { error: 'reg.error.tooLong' })
        .refine((v) => !CONTROL.test(v), { error: 'reg.error.invalidChars' }),
    );
}

function email(max: number) {
  return line(max, true).pipe(
    z
      .string()
      .transform((v) => v.toLowerCase())
      .pipe(z.email({ error: 'reg.error.email' })),
  );
}

/** A checkbox: 'ja' (or a browser's 'on') when ticked, absent or '' when not; anything else is `invalid`. */
function checkbox(invalid: string) {
  return z
    .string({ error: invalid })
    .optional()
    .refine((v) => v === undefined || v === '' || v === 'ja' || v === 'on', { error: invalid })
    .transform((v) => v === 'ja' || v === 'on');
}

function choice<T extends readonly [string, ...string[]]>(values: T, missing: string) {
  return z.enum(values, { error: missing });
}

const MAX = MAX_LENGTH;

export const registrationForm = z.object({
  participant_name: line(MAX.participant_name, true),
  participant_email: email(MAX.participant_email),
  participant_phone: line(MAX.participant_phone, false).refine(
    (v) => v === '' || /^\+?[0-9 ()-]{8,20}$/.test(v),
    { error: 'reg.error.phone' },
  ),
  job_title: line(MAX.job_title, true),
  management_level: choice(MANAGEMENT_LEVELS, 'reg.error.choose'),
  organisation_type: choice(ORGANISATION_TYPES, 'reg.error.choose'),
  organisation_name: line(MAX.organisation_name, true),
  cvr: line(MAX.cvr, true)
    .transform(normaliseDigits)
    .refine((v) => /^\d{8}$/.test(v), { error: 'reg.error.cvrFormat' })
    .refine((v) => !/^\d{8}$/.test(v) || isValidCvr(v), { error: 'reg.error.cvrCheck' }),
  address_street: line(MAX.address_street, true),
  address_postal_code: line(MAX.address_postal_code, true).refine((v) => /^\d{4}$/.test(v), {
    error: 'reg.error.postalCode',
  }),
  address_city: line(MAX.address_city, true),
  public_buyer: choice(['ja', 'nej'] as const, 'reg.error.choose'),
  ean: line(MAX.ean, false).transform(normaliseDigits),
  person_reference: line(MAX.person_reference, false),
  order_number: line(MAX.order_number, false),
  kontostreng: line(MAX.kontostreng, false),
  invoice_contact_name: line(MAX.invoice_contact_name, true),
  invoice_contact_email: email(MAX.invoice_contact_email),
  dietary_needs: text(MAX.dietary_needs),
  directory_consent: checkbox('reg.error.tick'),
  // A value other than a tick is no acceptance: the same message as an empty box.
  accept_terms: checkbox('reg.error.terms').refine((v) => v, { error: 'reg.error.terms' }),
});

export type RegistrationForm = z.output<typeof registrationForm>;
export type RegistrationFormField = keyof z.input<typeof registrationForm>;
export const REGISTRATION_FIELDS = Object.keys(registrationForm.shape) as RegistrationFormField[];

/** The typed values as strings, to show the form again exactly as it was sent. */
export type FormValues = Partial<Record<RegistrationFormField, string>>;
export type FieldErrors = Partial<Record<RegistrationFormField, string>>;

export type ParsedRegistration =
  | { ok: true; form: RegistrationForm }
  | { ok: false; values: FormValues; errors: FieldErrors };

/** Keeps only the form's own fields, each as one string (a repeated field keeps its first value). */
export function formValues(body: unknown): FormValues {
  const values: FormValues = {};
  if (!body || typeof body !== 'object') return values;
  for (const field of REGISTRATION_FIELDS) {
    const raw = (body as Record<string, unknown>)[field];
    const first = Array.isArray(raw) ? raw[0] : raw;
    if (typeof first === 'string') values[field] = first.slice(0, 2000);
  }
  return values;
}

/** EAN and personreference are required of public buyers (OIOUBL needs both to deliver the invoice). */
function publicBuyerErrors(values: FormValues): FieldErrors {
  if (values.public_buyer !== 'ja') return {};
  const errors: FieldErrors = {};
  const ean = normaliseDigits(values.ean?.trim() ?? '');
  if (ean === '') errors.ean = 'reg.error.eanRequired';
  else if (!/^\d{13}$/.test(ean)) errors.ean = 'reg.error.eanFormat';
  else if (!isValidGln(ean)) errors.ean = 'reg.error.eanCheck';
  if ((values.person_reference?.trim() ?? '') === '') errors.person_reference = 'reg.error.personReference';
  return errors;
}

/** What a field sent as something other than text is told: the rule that fits its kind of control. */
const WRONG_TYPE: Partial<Record<RegistrationFormField, string>> = {
  management_level: 'reg.error.choose',
  organisation_type: 'reg.error.choose',
  public_buyer: 'reg.error.choose',
  directory_consent: 'reg.error.tick',
  accept_terms: 'reg.error.terms',
};

/** Fields sent with something other than text (a JSON number, object, null…): refused, never read as empty. */
function wrongTypeFields(body: unknown): RegistrationFormField[] {
  if (!body || typeof body !== 'object') return [];
  return REGISTRATION_FIELDS.filter((field) => {
    const raw = (body as Record<string, unknown>)[field];
    const first = Array.isArray(raw) ? raw[0] : raw;
    return raw !== undefined && typeof first !== 'string';
  });
}

export function parseRegistration(body: unknown): ParsedRegistration {
  const values = formValues(body);
  const result = registrationForm.safeParse(values);
  const errors: FieldErrors = {};
  for (const field of wrongTypeFields(body)) errors[field] = WRONG_TYPE[field] ?? 'reg.error.invalidChars';
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = issue.path[0] as RegistrationFormField | undefined;
      if (field && !errors[field]) {
        errors[field] = issue.message.startsWith('reg.error.') ? issue.message : 'reg.error.invalidChars';
      }
    }
  }
  for (const [field, message] of Object.entries(publicBuyerErrors(values)) as [
    RegistrationFormField,
    string,
  ][]) {
    errors[field] ??= message;
  }
  if (!result.success || Object.keys(errors).length > 0) return { ok: false, values, errors };
  // Not a public buyer: EAN and personreference were not asked for, so none is kept.
  const form =
    result.data.public_buyer === 'ja' ? result.data : { ...result.data, ean: '', person_reference: '' };
  return { ok: true, form };
}

/** The organiser's reason for a cancellation as one clean line ('' when missing or not text). */
export function cancelReason(raw: unknown): string {
  if (typeof raw !== 'string') return '';
  return raw.replace(new RegExp(CONTROL_OR_NEWLINE.source, 'g'), ' ').trim().slice(0, 500);
}
