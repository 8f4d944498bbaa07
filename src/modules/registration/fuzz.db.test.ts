import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/app.ts';
import { describeEachDialect } from '../../../test/db.ts';
import { SLUG_2027 } from '../../../test/fixtures.ts';
import { storedRegistrations, validForm } from '../../../test/registration.ts';
import type { Database } from '../../db/database.ts';
import { withoutNul } from '../../web/form-guard.ts';
import { errorText, fieldName } from './messages.ts';
import {
  MANAGEMENT_LEVELS,
  ORGANISATION_TYPES,
  REGISTRATION_FIELDS,
  type RegistrationFormField,
} from './schemas.ts';

// Hostile input on every field of the registration form, through the real app (`app.inject`) with a real
// CSRF cookie and token: wrong types, huge strings, control characters, HTML and script, SQL, RTL and
// emoji, repeated fields, JSON bodies, numbers in radio fields. Every case is built to be invalid, and must
// answer 4xx — never 5xx — with the page in Danish, a message next to the field (`#<field>-error`) that
// names that field, the same message in the error summary linking to it, the typed value shown again
// exactly and escaped (a NUL byte, which no field may hold, left out; no `<script` ever reaches the page:
// it has no scripts at all), and nothing stored: no registration, account, invoice, mail or audit row.
// A valid form, hostile-looking values and all, gets the "check your mail" page and exactly one
// registration awaiting confirmation; the same form sent twice is still one.

const FORM_URL = `/serier/${SLUG_2027}/tilmelding`;

/** Does a Danish message name the field (its label, or how messages name it inside a sentence)? */
function namesField(message: string, field: RegistrationFormField): boolean {
  return message.toLocaleLowerCase('da').includes(fieldName('da', field).toLocaleLowerCase('da'));
}

type Kind =
  | 'line' // required one-line text
  | 'optional-line'
  | 'email'
  | 'phone'
  | 'choice'
  | 'cvr'
  | 'postal-code'
  | 'ean' // required of public buyers; the base form is a public buyer
  | 'person-reference' // ditto
  | 'text' // the multi-line free text (newlines allowed)
  | 'checkbox'
  | 'terms';

interface FieldSpec {
  kind: Kind;
  max?: number;
  options?: readonly string[];
}

/** A Record over the form's fields, so a new field without a spec here is a type error. */
const FIELDS: Record<RegistrationFormField, FieldSpec> = {
  participant_name: { kind: 'line', max: 200 },
  participant_email: { kind: 'email', max: 254 },
  participant_phone: { kind: 'phone', max: 40 },
  job_title: { kind: 'line', max: 200 },
  management_level: { kind: 'choice', options: MANAGEMENT_LEVELS },
  organisation_type: { kind: 'choice', options: ORGANISATION_TYPES },
  organisation_name: { kind: 'line', max: 200 },
  cvr: { kind: 'cvr', max: 20 },
  address_street: { kind: 'line', max: 200 },
  address_postal_code: { kind: 'postal-code', max: 10 },
  address_city: { kind: 'line', max: 100 },
  public_buyer: { kind: 'choice', options: ['ja', 'nej'] },
  ean: { kind: 'ean', max: 30 },
  person_reference: { kind: 'person-reference', max: 100 },
  order_number: { kind: 'optional-line', max: 100 },
  kontostreng: { kind: 'optional-line', max: 200 },
  invoice_contact_name: { kind: 'line', max: 200 },
  invoice_contact_email: { kind: 'email', max: 254 },
  dietary_needs: { kind: 'text', max: 500 },
  directory_consent: { kind: 'checkbox' },
  accept_terms: { kind: 'terms' },
};

const TEXT_KINDS: readonly Kind[] = ['line', 'optional-line', 'person-reference', 'text'];
const MISSING_IS_INVALID: readonly Kind[] = [
  'line',
  'email',
  'choice',
  'cvr',
  'postal-code',
  'ean',
  'person-reference',
  'terms',
];

const SCRIPT = '<script>alert(1)</script>';
const SQL = "' OR 1=1 --";
const HUGE = 'x'.repeat(100 * 1024);
/** Control characters that no field accepts: not whitespace, so no field's trimming turns them into a space. */
const CONTROLS = ['\u0000', '\u0001', '\u0007', '\u0008', '\u000e', '\u001b', '\u001f', '\u007f'] as const;

/** A value for one field, or the field left out. Arrays send the field once per element, in order. */
type Value = string | string[] | { missing: true };
const MISSING: Value = { missing: true };

interface Case {
  label: string;
  value: Value;
}

/** Values invalid for every field, whatever its kind. */
function commonCases(spec: FieldSpec): Case[] {
  const overlong = 'a'.repeat((spec.max ?? 10) + 1);
  return [
    { label: '100 KB', value: HUGE },
    { label: 'one over the limit', value: overlong },
    ...CONTROLS.map((c) => ({
      label: `U+${c.codePointAt(0)?.toString(16).padStart(4, '0')}`,
      value: `Mette${c}Højgaard`,
    })),
    { label: 'ANSI escape', value: '\u001b[31mrød\u001b[0m' },
    { label: 'script with a NUL', value: `${SCRIPT}\u0000` },
    { label: 'SQL, overlong', value: `${SQL}; DROP TABLE registration; `.repeat(40) },
    { label: 'repeated, first one bad', value: ['\u0000', 'ja'] },
  ];
}

/** Values invalid for this kind of field (beyond the common ones). */
function kindCases(spec: FieldSpec): Case[] {
  const cases: Case[] = [];
  if (MISSING_IS_INVALID.includes(spec.kind)) {
    cases.push({ label: 'missing', value: MISSING }, { label: 'empty', value: '' });
  }
  switch (spec.kind) {
    case 'line':
    case 'person-reference':
      cases.push(
        { label: 'spaces only', value: '   \t ' },
        { label: 'repeated, first empty', value: ['', 'x'] },
      );
      break;
    case 'email':
      cases.push(
        { label: 'no @', value: 'navn.kommune.dk' },
        { label: 'two @', value: 'navn@@kommune.dk' },
        { label: 'script', value: SCRIPT },
        { label: 'script as local part', value: `${SCRIPT}@kommune.dk` },
        { label: 'SQL', value: `x@kommune.dk${SQL}` },
        { label: 'emoji', value: '👩‍💼@kommune.dk' },
        { label: 'RTL override', value: 'navn@\u202Ekd.enummok' },
        { label: 'repeated, first bad', value: ['nej', 'navn@kommune.dk'] },
      );
      break;
    case 'phone':
      cases.push(
        { label: 'letters', value: 'ring til mig' },
        { label: 'too short', value: '1234' },
        { label: 'script', value: SCRIPT },
        { label: 'SQL', value: SQL },
        { label: 'emoji', value: '☎️ 12345678' },
      );
      break;
    case 'choice':
      cases.push(
        { label: 'unknown', value: 'x' },
        { label: 'number 1', value: '1' },
        { label: 'number 0', value: '0' },
        { label: 'number -1', value: '-1' },
        { label: 'number 1e9', value: '1e9' },
        { label: 'upper case', value: (spec.options?.[0] ?? '').toUpperCase() },
        { label: 'padded', value: ` ${spec.options?.[0] ?? ''}` },
        { label: 'script', value: SCRIPT },
        { label: 'SQL', value: `${spec.options?.[0] ?? ''}${SQL}` },
        { label: 'repeated, first bad', value: ['x', spec.options?.[0] ?? ''] },
      );
      break;
    case 'cvr':
      cases.push(
        { label: 'bad check digit', value: '12345678' },
        { label: '7 digits', value: '1234567' },
        { label: '9 digits', value: '611262281' },
        { label: 'letters', value: 'abcdefgh' },
        { label: 'full-width digits', value: '６１１２６２２８' },
        { label: 'RTL override', value: '\u202E61126228' },
        { label: 'SQL', value: `61126228${SQL}` },
        { label: 'script', value: SCRIPT },
        { label: 'repeated, first bad', value: ['12345678', '61126228'] },
      );
      break;
    case 'postal-code':
      cases.push(
        { label: '3 digits', value: '155' },
        { label: '5 digits', value: '15500' },
        { label: 'letters', value: 'abcd' },
        { label: 'full-width digits', value: '１５５０' },
        { label: 'script', value: SCRIPT },
      );
      break;
    case 'ean':
      cases.push(
        { label: 'bad check digit', value: '5798009811579' },
        { label: '12 digits', value: '579800981157' },
        { label: 'letters', value: 'abcdefghijklm' },
        { label: 'script', value: SCRIPT },
        { label: 'SQL', value: SQL },
      );
      break;
    case 'optional-line':
      break;
    case 'text':
      cases.push({ label: 'vertical tab', value: 'a\u000bb' }, { label: 'form feed', value: 'a\u000cb' });
      break;
    case 'checkbox':
    case 'terms':
      cases.push(
        { label: 'nej', value: 'nej' },
        { label: 'true', value: 'true' },
        { label: 'number 1', value: '1' },
        { label: 'upper case', value: 'JA' },
        { label: 'script', value: SCRIPT },
        { label: 'repeated, first bad', value: ['nej', 'ja'] },
      );
      break;
  }
  return cases;
}

function isMissing(value: Value): value is { missing: true } {
  return typeof value === 'object' && !Array.isArray(value);
}

/** The first string the app keeps of a value (formValues keeps the first of a repeated field, ≤ 2000 chars). */
function kept(value: Value): string | undefined {
  if (isMissing(value)) return undefined;
  const first = Array.isArray(value) ? value[0] : value;
  return first?.slice(0, 2000);
}

function urlencoded(fields: Record<string, Value>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    if (isMissing(value)) continue;
    for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
  }
  return params.toString();
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function decodeHtml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const hex = entity[1] === 'x' || entity[1] === 'X';
      return String.fromCodePoint(Number.parseInt(entity.slice(hex ? 2 : 1), hex ? 16 : 10));
    }
    return ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The attributes of every `<input>` on the page (values may hold `>`: only `"` must be escaped there). */
function inputs(html: string): Record<string, string>[] {
  const tags = html.matchAll(/<input((?:\s+[\w:-]+(?:="[^"]*")?)*)\s*\/?>/g);
  return [...tags].map((tag) => {
    const attributes: Record<string, string> = {};
    for (const a of (tag[1] ?? '').matchAll(/\s+([\w:-]+)(?:="([^"]*)")?/g)) {
      attributes[a[1] ?? ''] = decodeHtml(a[2] ?? '');
    }
    return attributes;
  });
}

/** The value a text field shows, decoded from the page's HTML; null when the field is not on the page. */
function shownValue(html: string, field: string): string | null {
  const textarea = html.match(
    new RegExp(`<textarea[^>]*\\sid="${escapeRegExp(field)}"[^>]*>([\\s\\S]*?)</textarea>`),
  );
  if (textarea) return decodeHtml(textarea[1] ?? '');
  const input = inputs(html).find((a) => a.id === field);
  return input ? (input.value ?? '') : null;
}

/** The error summary's lines: field (from the link) → message. */
function summaryLinks(html: string): Map<string, string> {
  const links = html.matchAll(/<li><a href="#([\w-]+)">([^<]*)<\/a><\/li>/g);
  return new Map([...links].map((l) => [l[1] ?? '', decodeHtml(l[2] ?? '')]));
}

const TERMS = errorText('da', 'accept_terms', 'reg.error.terms');

/** The message in `#<field>-error`, without its screen-reader prefix; null when there is none. */
function errorMessage(html: string, field: string): string | null {
  const m = html.match(
    new RegExp(`id="${escapeRegExp(field)}-error"><span class="sr-only">Fejl: </span>([^<]*)</span>`),
  );
  return m ? decodeHtml(m[1] ?? '') : null;
}

describeEachDialect('registration form under fuzzing', (getDb) => {
  let app: FastifyInstance;
  let cookie: string;
  let token: string;
  let baseline: Counts;

  beforeAll(async () => {
    app = await createTestApp(getDb());
    const form = await app.inject({ url: FORM_URL });
    expect(form.statusCode).toBe(200);
    const secret = form.cookies.find((c) => c.name === 'holdet_csrf');
    const found = form.body.match(/name="_csrf" value="([^"]+)"/)?.[1];
    if (!secret || !found) throw new Error('the form has no CSRF cookie or token');
    cookie = `holdet_csrf=${secret.value}`;
    token = found;
    baseline = await counts(getDb());
  });
  afterAll(async () => {
    await app?.close();
  });

  const post = (payload: string, contentType = 'application/x-www-form-urlencoded', withCookie = true) =>
    app.inject({
      method: 'POST',
      url: FORM_URL,
      headers: { 'content-type': contentType, ...(withCookie ? { cookie } : {}) },
      payload,
    });

  /** The valid form of person 1 (a public buyer) with one field replaced. */
  const withField = (field: string, value: Value, extra: Record<string, Value> = {}) =>
    post(urlencoded({ _csrf: token, ...validForm(1), [field]: value, ...extra }));

  async function expectNothingStored(label: string) {
    expect(await counts(getDb()), `stored something after ${label}`).toEqual(baseline);
  }

  /** The checks every refused form must pass. */
  function expectRefused(res: LightMyRequestResponse, field: string, value: Value, label: string) {
    expect(res.statusCode, label).toBe(400);
    expect(res.headers['content-type'], label).toBe('text/html; charset=utf-8');
    expect(res.body, label).toContain('<html lang="da">');
    expect(res.body, label).toContain('Der er fejl i formularen');
    expect(res.body, `${label}: a script tag reached the page`).not.toMatch(/<script/i);

    const message = errorMessage(res.body, field);
    expect(message, `${label}: no #${field}-error`).not.toBeNull();
    expect(
      namesField(message ?? '', field as RegistrationFormField),
      `${label}: "${message}" does not name the field ("${fieldName('da', field as RegistrationFormField)}")`,
    ).toBe(true);
    // Next to the field: the message comes before the field's control, inside the same form group.
    const at = res.body.indexOf(`id="${field}-error"`);
    const control = res.body.indexOf(`id="${field}"`, at);
    expect(control, `${label}: the field after its error`).toBeGreaterThan(at);
    expect(res.body.slice(at, control), `${label}: error and field in one group`).not.toMatch(
      /class="form-group[ "]/,
    );
    // The summary at the top links to the field, with the same message; no two of its lines are alike.
    const summary = summaryLinks(res.body);
    expect(summary.get(field), `${label}: the summary's line for the field`).toBe(message);
    expect(new Set(summary.values()).size, `${label}: a message twice in the summary`).toBe(summary.size);

    const spec = FIELDS[field as RegistrationFormField];
    if (
      TEXT_KINDS.includes(spec.kind) ||
      ['email', 'phone', 'cvr', 'postal-code', 'ean'].includes(spec.kind)
    ) {
      expect(shownValue(res.body, field), `${label}: the typed value, shown again (without NUL)`).toBe(
        withoutNul(kept(value) ?? ''),
      );
    }
    if (spec.kind === 'choice') {
      // An unknown value checks none of the options.
      expect(res.body, label).not.toMatch(new RegExp(`name="${field}" value="[^"]*" checked`));
    }
    if (spec.kind === 'checkbox' || spec.kind === 'terms') {
      expect(res.body, label).not.toMatch(new RegExp(`id="${field}" name="${field}" value="ja" checked`));
    }
  }

  for (const field of REGISTRATION_FIELDS) {
    const spec = FIELDS[field];
    it(`${field}: every hostile value is refused next to the field, shown escaped, nothing stored`, async () => {
      const cases = [...kindCases(spec), ...commonCases(spec)];
      for (const c of cases) {
        const label = `${field} = ${c.label}`;
        const res = await withField(field, c.value);
        expectRefused(res, field, c.value, label);
      }
      await expectNothingStored(field);
    });

    it(`${field}: generated strings with a control character are refused (fast-check)`, async () => {
      const control = fc.constantFrom(...CONTROLS);
      const text = fc.string({ unit: 'binary', maxLength: 60 });
      await fc.assert(
        fc.asyncProperty(text, control, text, async (before, c, after) => {
          const value = `${before}${c}${after}`;
          const res = await withField(field, value);
          expectRefused(res, field, value, `${field} = ${JSON.stringify(value)}`);
        }),
        { numRuns: 25 },
      );
      await expectNothingStored(`${field} (fast-check)`);
    });
  }

  it('any generated text in a free-text field comes back exactly, escaped (terms left unaccepted)', async () => {
    const pieces = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.constantFrom(
        SCRIPT,
        SQL,
        '</textarea>',
        '"><img src=x onerror=alert(1)>',
        '&amp;',
        '\u202E',
        '👩‍💼',
        "'",
        '"',
      ),
    );
    const value = fc.array(pieces, { maxLength: 6 }).map((parts) => parts.join(''));
    const fields = REGISTRATION_FIELDS.filter((f) => TEXT_KINDS.includes(FIELDS[f].kind));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fields), value, async (field, v) => {
        const res = await withField(field, v, { accept_terms: MISSING });
        const label = `${field} = ${JSON.stringify(v)}`;
        expect(res.statusCode, label).toBe(400);
        expect(errorMessage(res.body, 'accept_terms'), label).toBe(TERMS);
        expect(res.body, label).not.toMatch(/<script|<img/i);
        // Exactly as typed, but a NUL refuses the field and is left out of what is shown again.
        expect(shownValue(res.body, field), label).toBe(withoutNul(v.slice(0, 2000)));
        // A control character refuses the field (a NUL always): with a message that names it.
        const own = errorMessage(res.body, field);
        if (v.includes('\u0000')) expect(own, label).not.toBeNull();
        if (own !== null) expect(namesField(own, field), `${label}: ${own}`).toBe(true);
      }),
      { numRuns: 150 },
    );
    await expectNothingStored('generated free text');
  });

  it('HTML, SQL, RTL and emoji that are valid in a name are shown escaped when the form is refused', async () => {
    for (const v of [SCRIPT, SQL, 'Ægir \u202Enesrof', 'Mette 👩‍💼 Højgaard', 'O\'Brien & "Søn" <b>']) {
      for (const field of ['participant_name', 'organisation_name', 'order_number', 'dietary_needs']) {
        const res = await withField(field, v, { accept_terms: MISSING });
        const label = `${field} = ${v}`;
        expect(res.statusCode, label).toBe(400);
        expect(errorMessage(res.body, field), label).toBeNull();
        expect(shownValue(res.body, field), label).toBe(v);
        expect(res.body, label).not.toMatch(/<script|<b>/i);
      }
    }
    await expectNothingStored('valid hostile names');
  });

  it('JSON bodies with wrong types are refused next to each required field', async () => {
    const wrong: unknown[] = [123, 0, -1, 1.5, true, false, null, {}, { $gt: '' }, [], [123], [null]];
    const json = (field: string, value: unknown) =>
      post(JSON.stringify({ _csrf: token, ...validForm(1), [field]: value }), 'application/json');
    for (const field of REGISTRATION_FIELDS.filter((f) => MISSING_IS_INVALID.includes(FIELDS[f].kind))) {
      for (const value of wrong) {
        const res = await json(field, value);
        const label = `JSON ${field} = ${JSON.stringify(value)}`;
        expect(res.statusCode, label).toBe(400);
        expect(namesField(errorMessage(res.body, field) ?? '', field), label).toBe(true);
      }
    }
    // A whole JSON form of numbers: every required field is named (EAN and personreference are only
    // required of a public buyer, and public_buyer is not a string here either).
    const numbers = Object.fromEntries(REGISTRATION_FIELDS.map((f) => [f, 1]));
    const res = await post(JSON.stringify({ _csrf: token, ...numbers }), 'application/json');
    expect(res.statusCode).toBe(400);
    const unconditional: readonly Kind[] = MISSING_IS_INVALID.filter(
      (k) => k !== 'ean' && k !== 'person-reference',
    );
    for (const field of REGISTRATION_FIELDS.filter((f) => unconditional.includes(FIELDS[f].kind))) {
      expect(errorMessage(res.body, field), field).not.toBeNull();
    }
    // Twelve and more fields missing: each line of the summary names its own field.
    const summary = summaryLinks(res.body);
    expect(summary.size).toBeGreaterThanOrEqual(12);
    for (const [field, message] of summary) {
      expect(namesField(message, field as RegistrationFormField), `${field}: ${message}`).toBe(true);
    }
    expect(new Set(summary.values()).size).toBe(summary.size);
    await expectNothingStored('JSON bodies');
  });

  it('a JSON non-string in an optional field is refused next to that field, even when the rest is valid', async () => {
    for (const field of [
      'participant_phone',
      'order_number',
      'kontostreng',
      'dietary_needs',
      'directory_consent',
    ] as const) {
      for (const value of [123, true, null, {}, []]) {
        const payload = { _csrf: token, ...validForm(1), [field]: value } as Record<string, unknown>;
        const res = await post(JSON.stringify(payload), 'application/json');
        const label = `JSON ${field} = ${JSON.stringify(value)}`;
        expect(res.statusCode, label).toBe(400);
        expect(namesField(errorMessage(res.body, field) ?? '', field), label).toBe(true);
      }
    }
    await expectNothingStored('JSON optional fields');
  });

  /** The result page's heading. */
  const heading = (html: string) => /<h1[^>]*>([^<]*)<\/h1>/.exec(html)?.[1]?.trim() ?? '';

  it('a valid form — hostile-looking but valid values kept exactly — is one registration awaiting the mail', async () => {
    const database = getDb();
    const hostile = {
      participant_name: `  ${SCRIPT} O'Brien & "Søn" 👩‍💼  `,
      participant_email: 'Fuzz.Gyldig@Jobcenter.Example.dk',
      organisation_name: `Ægir \u202Enesrof ${SQL}`,
      order_number: '<b>PO-1</b>',
      dietary_needs: `Vegetar\n${SCRIPT}\n'; DROP TABLE registration; --`,
    };
    const res = await post(urlencoded({ _csrf: token, ...validForm(1), ...hostile }));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(heading(res.body)).toBe('Tjek din mail');
    expect(res.body).toContain('fuzz.gyldig@jobcenter.example.dk');
    expect(res.body).not.toMatch(/<script|<b>/i);
    expect(res.body).not.toContain('Der er fejl i formularen');

    const rows = await storedRegistrations(database.db, { email: 'fuzz.gyldig@jobcenter.example.dk' });
    expect(rows).toHaveLength(1);
    const row = rows[0];
    // Stored as typed: trimmed, one-line fields with their runs of spaces folded, nothing escaped.
    expect(row?.attendee.name).toBe(`${SCRIPT} O'Brien & "Søn" 👩‍💼`);
    expect(row?.attendee.email).toBe('fuzz.gyldig@jobcenter.example.dk');
    expect(row?.buyer.organisationName).toBe(hostile.organisation_name);
    expect(row?.buyer.orderNumber).toBe(hostile.order_number);
    expect(['reserved', 'waitlisted']).toContain(row?.status);
    expect(row?.verifiedAt).toBeNull();
    expect(row?.attendee.accountId).toBeNull();

    // Nothing beyond the registration: no account, no invoice; the request to confirm goes to both the
    // participant and the invoice contact.
    const now = await counts(database);
    expect(now.registration).toBe(baseline.registration + 1);
    expect(now.account).toBe(baseline.account);
    expect(now.invoice).toBe(baseline.invoice);
    const mails = await database.db
      .selectFrom('outbox')
      .select(['kind', 'to_address'])
      .where('kind', '=', 'registration.confirm-request')
      .execute();
    expect(mails.map((m) => m.to_address).sort()).toEqual([
      'faktura@jobcenter.example.dk',
      'fuzz.gyldig@jobcenter.example.dk',
    ]);

    // The same form again, as a double click would send it: the same page, still one registration.
    const again = await post(urlencoded({ _csrf: token, ...validForm(1), ...hostile }));
    expect(again.statusCode).toBe(200);
    expect(heading(again.body)).toBe('Tjek din mail');
    const after = await counts(database);
    expect(after.registration).toBe(now.registration);
    expect(after.account).toBe(now.account);
    expect(after.invoice).toBe(now.invoice);
    const [still] = await database.db
      .selectFrom('registration')
      .select(['id', 'status', 'verified_at'])
      .where('attendee_email', '=', 'fuzz.gyldig@jobcenter.example.dk')
      .execute();
    expect(still).toEqual({ id: row?.id, status: row?.status, verified_at: null });

    // In English, the same answer in English.
    const english = await app.inject({
      method: 'POST',
      url: `${FORM_URL}?lang=en`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      payload: urlencoded({ _csrf: token, ...validForm(2) }),
    });
    expect(english.statusCode).toBe(200);
    expect(heading(english.body)).toBe('Check your email');
    expect((await counts(database)).registration).toBe(now.registration + 1);
    baseline = await counts(database);
  });

  it('odd bodies — prototype keys, malformed escapes, unknown and thousands of fields — answer 400, not 5xx', async () => {
    // Each body leaves the terms unaccepted, so a refusal is the only right answer.
    const base = new URLSearchParams({ _csrf: token, ...validForm(1) });
    base.delete('accept_terms');
    const form = base.toString();
    const bodies: { label: string; payload: string }[] = [
      {
        label: 'prototype keys',
        payload: `${form}&__proto__[admin]=1&constructor[prototype][admin]=1&__proto__=x`,
      },
      { label: 'bracketed field names', payload: `${form}&participant_name[]=x&cvr[0]=1` },
      { label: 'malformed percent escapes', payload: `${form}&job_title=%E0%A4%A&address_city=%%%` },
      { label: 'no "=" at all', payload: `${form}&participant_phone&order_number` },
      {
        label: '5000 unknown fields',
        payload: `${form}&${Array.from({ length: 5000 }, (_, i) => `f${i}=x`).join('&')}`,
      },
      { label: 'one field 5000 times', payload: `${form}&${'kontostreng=x&'.repeat(5000)}` },
    ];
    for (const b of bodies) {
      const res = await post(b.payload);
      expect(res.statusCode, b.label).toBe(400);
      expect(errorMessage(res.body, 'accept_terms'), b.label).toBe(TERMS);
      expect(res.body, b.label).not.toMatch(/<script/i);
    }
    await expectNothingStored('odd bodies');
  });

  it('refuses a POST without a valid CSRF token with 403, before looking at the form', async () => {
    const body = (csrf: Value) => urlencoded({ ...validForm(1), _csrf: csrf });
    const cases: { label: string; res: Promise<LightMyRequestResponse> }[] = [
      { label: 'no token, no cookie', res: post(body(MISSING), undefined, false) },
      { label: 'no token', res: post(body(MISSING)) },
      { label: 'token, no cookie', res: post(body(token), undefined, false) },
      { label: 'empty token', res: post(body('')) },
      { label: 'wrong token', res: post(body(`${token.slice(0, -4)}AAAA`)) },
      { label: 'script as token', res: post(body(SCRIPT)) },
      { label: 'token twice', res: post(body([token, token])) },
      {
        label: 'JSON number token',
        res: post(JSON.stringify({ ...validForm(1), _csrf: 1 }), 'application/json'),
      },
      {
        label: 'JSON object token',
        res: post(JSON.stringify({ ...validForm(1), _csrf: {} }), 'application/json'),
      },
      { label: 'JSON array body', res: post(JSON.stringify([token]), 'application/json') },
      { label: 'JSON string body', res: post(JSON.stringify(token), 'application/json') },
      { label: 'JSON null body', res: post('null', 'application/json') },
    ];
    for (const c of cases) {
      const res = await c.res;
      expect(res.statusCode, c.label).toBe(403);
      expect(res.headers['content-type'], c.label).toBe('text/html; charset=utf-8');
      expect(res.body, c.label).toContain('<html lang="da">');
    }
    await expectNothingStored('CSRF');
  });

  it('answers a body over the size limit with the 413 page, not a 5xx', async () => {
    const payload = urlencoded({ _csrf: token, ...validForm(1), dietary_needs: 'x'.repeat(300 * 1024) });
    const res = await post(payload);
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('<html lang="da">');
    const json = await post(
      JSON.stringify({ _csrf: token, pad: 'x'.repeat(300 * 1024) }),
      'application/json',
    );
    expect(json.statusCode).toBe(413);
    await expectNothingStored('oversized bodies');
  });

  it('answers wrong and malformed content types with 4xx pages, not 5xx', async () => {
    const form = urlencoded({ _csrf: token, ...validForm(1) });
    const cases: { label: string; contentType: string; payload: string; status: number }[] = [
      // Fastify reads text/plain itself, as one string: no `_csrf` field in it, so the CSRF check refuses.
      { label: 'text/plain', contentType: 'text/plain', payload: form, status: 403 },
      { label: 'multipart', contentType: 'multipart/form-data; boundary=x', payload: form, status: 415 },
      { label: 'XML', contentType: 'application/xml', payload: `<a>${SCRIPT}</a>`, status: 415 },
      { label: 'octet-stream', contentType: 'application/octet-stream', payload: form, status: 415 },
      { label: 'nonsense type', contentType: '../../etc/passwd', payload: form, status: 415 },
      { label: 'broken JSON', contentType: 'application/json', payload: '{"_csrf":', status: 400 },
      { label: 'empty JSON', contentType: 'application/json', payload: '', status: 400 },
      {
        label: 'JSON prototype pollution',
        contentType: 'application/json',
        payload: `{"_csrf":"${token}","__proto__":{"admin":true}}`,
        status: 400,
      },
    ];
    for (const c of cases) {
      const res = await post(c.payload, c.contentType);
      expect(res.statusCode, c.label).toBe(c.status);
      expect(res.headers['content-type'], c.label).toBe('text/html; charset=utf-8');
      expect(res.body, c.label).not.toMatch(/<script/i);
    }
    await expectNothingStored('content types');
  });
});

interface Counts {
  registration: number;
  account: number;
  invoice: number;
  outbox: number;
  audit: number;
}

async function counts(database: Database): Promise<Counts> {
  const { db } = database;
  const count = async (table: keyof Counts) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const [registration, account, invoice, outbox, audit] = await Promise.all([
    count('registration'),
    count('account'),
    count('invoice'),
    count('outbox'),
    count('audit'),
  ]);
  return { registration, account, invoice, outbox, audit };
}
