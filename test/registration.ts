import type { Database, Executor } from '../src/db/database.ts';
import { type Registration, toRegistration } from '../src/modules/registration/model.ts';
import { byIds } from '../src/modules/registration/queries.ts';
import { parseRegistration, type RegistrationForm } from '../src/modules/registration/schemas.ts';
import {
  confirmWithToken,
  type RegisterOutcome,
  type RegistrationDeps,
  register,
} from '../src/modules/registration/service.ts';
import { fixedClock } from '../src/shared/clock.ts';
import type { Lang } from '../src/shared/danish.ts';
import { sha256 } from '../src/shared/secrets.ts';
import { TEST_NOW } from './db.ts';

/** A filled-in registration form that passes validation; override any field. */
export function validForm(n: number, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    participant_name: `Deltager ${n} Ærø`,
    participant_email: `deltager${n}@jobcenter.example.dk`,
    participant_phone: '',
    job_title: 'Jobcenterchef',
    management_level: 'chef',
    organisation_type: 'jobcenter',
    organisation_name: 'Jobcenter Østby',
    cvr: '61126228',
    address_street: 'Rådhuspladsen 1',
    address_postal_code: '1550',
    address_city: 'København V',
    public_buyer: 'ja',
    ean: '5798009811578',
    person_reference: 'ABC123',
    order_number: '',
    kontostreng: '',
    invoice_contact_name: 'Bogholderi',
    invoice_contact_email: 'faktura@jobcenter.example.dk',
    dietary_needs: '',
    accept_terms: 'ja',
    ...overrides,
  };
}

/** validForm(n, overrides) parsed as the registration page parses it; throws when it does not validate. */
export function parsedForm(n: number, overrides: Record<string, string> = {}): RegistrationForm {
  const parsed = parseRegistration(validForm(n, overrides));
  if (!parsed.ok) throw new Error(`test form invalid: ${JSON.stringify(parsed.errors)}`);
  return parsed.form;
}

export function registrationTestDeps(database: Database, at: Date = TEST_NOW) {
  const clock = fixedClock(at);
  const deps: RegistrationDeps = {
    database,
    clock,
    baseUrl: 'http://holdet.test',
    offerHours: 48,
    confirmHours: 24,
  };
  return { deps, clock };
}

/**
 * The CSRF token of the form at `url` and the cookie it is tied to; one pair serves many POSTs. Throws when
 * the page has no form with a token.
 */
export async function fetchCsrfPair(url: string): Promise<{ token: string; cookie: string }> {
  const response = await fetch(url);
  const html = await response.text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith('holdet_csrf='));
  if (response.status !== 200 || !token || !cookie) {
    throw new Error(`no form with a CSRF token at ${url}: HTTP ${response.status}`);
  }
  return { token, cookie };
}

/**
 * The link token and code of the newest confirmation mail to `to` whose link is still unused (from the
 * outbox, as a person reads it); the newest of all when every one is used. Under a fixed clock several
 * mails share a creation time, so "newest" alone could pick a spent one.
 */
export async function confirmationFromMail(
  database: Database,
  to: string,
): Promise<{ token: string; code: string; text: string }> {
  const mails = await database.db
    .selectFrom('outbox')
    .select(['text_body'])
    .where('kind', '=', 'registration.confirm-request')
    .where('to_address', '=', to)
    .orderBy('created_at', 'desc')
    .execute();
  const found = mails.map(({ text_body: text }) => ({
    text,
    token: /\/tilmelding\/bekraeft\/([A-Za-z0-9_-]{43})/.exec(text)?.[1] ?? '',
    code: /(?:koden|the code) ([0-9]{6})\b/.exec(text)?.[1] ?? '',
  }));
  const live = found.length
    ? await database.db
        .selectFrom('registration_confirmation')
        .select('token_hash')
        .where(
          'token_hash',
          'in',
          found.map((f) => sha256(f.token)),
        )
        .where('used_at', 'is', null)
        .execute()
    : [];
  const liveHashes = new Set(live.map((l) => l.token_hash));
  const pick = found.find((f) => liveHashes.has(sha256(f.token))) ?? found[0];
  if (!pick?.token || !pick.code) throw new Error(`no confirmation mail to ${to}`);
  return pick;
}

export type ConfirmedOutcome =
  | { kind: 'confirmed'; registrationId: string }
  | { kind: 'waitlisted'; registrationId: string; position: number }
  | Exclude<RegisterOutcome, { kind: 'reserved' | 'waitlisted' }>;

/**
 * register(), then confirm from the participant's mail, as the person would: a reserved seat becomes
 * 'confirmed' (invoiced), a place in line stays 'waitlisted' (confirmed). Other outcomes pass through.
 */
export async function registerConfirmed(
  deps: RegistrationDeps,
  slug: string,
  form: RegistrationForm,
  lang: Lang = 'da',
): Promise<ConfirmedOutcome | null> {
  const outcome = await register(deps, slug, form, lang);
  if (!outcome || (outcome.kind !== 'reserved' && outcome.kind !== 'waitlisted')) return outcome;
  const { token } = await confirmationFromMail(deps.database, form.participant_email);
  const confirmed = await confirmWithToken(deps, token);
  if (confirmed.kind !== 'confirmed') throw new Error(`confirming failed: ${confirmed.kind}`);
  return outcome.kind === 'reserved'
    ? { kind: 'confirmed', registrationId: outcome.registrationId }
    : { kind: 'waitlisted', registrationId: outcome.registrationId, position: outcome.position };
}

/** Registers person n at `email` with a valid form and confirms from the mail; throws unless the seat is confirmed. */
export async function registerConfirmedParticipant(
  deps: RegistrationDeps,
  slug: string,
  n: number,
  email: string,
): Promise<string> {
  const outcome = await registerConfirmed(deps, slug, parsedForm(n, { participant_email: email }));
  if (outcome?.kind !== 'confirmed') throw new Error(`${email} not confirmed: ${outcome?.kind}`);
  return outcome.registrationId;
}

/**
 * Confirms over HTTP as a person does: opens the link from the mail (a page with a button and a CSRF
 * token), then presses the button. Returns the answer's status and where it sends the browser.
 */
export async function confirmOverHttp(
  origin: string,
  token: string,
): Promise<{ status: number; location: string | null }> {
  const url = `${origin}/tilmelding/bekraeft/${token}`;
  const pair = await fetchCsrfPair(url);
  const response = await fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: pair.cookie },
    body: new URLSearchParams({ _csrf: pair.token }).toString(),
  });
  return { status: response.status, location: response.headers.get('location') };
}

/**
 * Registrations as stored, as the domain objects the service hands out (with their buyer and attendee),
 * found by id, arrival number or the attendee's address; in arrival order.
 */
export async function storedRegistrations(
  db: Executor,
  by: { id?: string; seq?: number; email?: string } = {},
): Promise<Registration[]> {
  const ids = await db
    .selectFrom('registration')
    .select('id')
    .$if(by.id !== undefined, (qb) => qb.where('id', '=', by.id ?? ''))
    .$if(by.seq !== undefined, (qb) => qb.where('seq', '=', by.seq ?? 0))
    .$if(by.email !== undefined, (qb) => qb.where('attendee_email', '=', by.email ?? ''))
    .execute();
  const rows = await byIds(
    db,
    ids.map((r) => r.id),
  );
  return rows.map(toRegistration).sort((a, b) => a.seq - b.seq);
}

/** The one registration found so; throws when there is none. */
export async function storedRegistration(
  db: Executor,
  by: { id?: string; seq?: number; email?: string },
): Promise<Registration> {
  const [found] = await storedRegistrations(db, by);
  if (!found) throw new Error(`no registration ${JSON.stringify(by)}`);
  return found;
}
