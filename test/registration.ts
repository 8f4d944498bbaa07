import type { Database } from '../src/db/database.ts';
import type { RegistrationDeps } from '../src/modules/registration/service.ts';
import { fixedClock } from '../src/shared/clock.ts';
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

export function registrationTestDeps(database: Database, at: Date = TEST_NOW) {
  const clock = fixedClock(at);
  const deps: RegistrationDeps = { database, clock, baseUrl: 'http://holdet.test', offerHours: 48 };
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
