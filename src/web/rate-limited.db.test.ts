import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createTestApp } from '../../test/app.ts';
import { describeEachDialect } from '../../test/db.ts';
import { SLUG_2027 } from '../../test/fixtures.ts';
import { validForm } from '../../test/registration.ts';

// The registration form's rate limits, over HTTP: a 429 page that says when, never a 5xx, nothing stored.

const FORM = `/serier/${SLUG_2027}/tilmelding`;

describeEachDialect('registration rate limits', (getDb) => {
  let app: FastifyInstance;
  const db = () => getDb().db;

  beforeAll(async () => {
    app = await createTestApp(getDb(), {
      env: {
        RATE_LIMIT_REGISTRATION_IP: '3/1h',
        RATE_LIMIT_REGISTRATION_EMAIL: '2/1h',
        RATE_LIMIT_REGISTRATION_INVOICE_EMAIL: '4/1h',
      },
    });
  });
  afterAll(async () => {
    await app?.close();
  });
  beforeEach(async () => {
    await db().deleteFrom('rate_limit').execute();
  });

  async function register(ip: string, form: Record<string, string>, lang = '') {
    const page = await app.inject({ url: FORM, remoteAddress: ip });
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const cookie = (page.cookies as { name: string; value: string }[])
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
    return app.inject({
      method: 'POST',
      url: `${FORM}${lang}`,
      remoteAddress: ip,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...form, _csrf: token }).toString(),
    });
  }
  const registered = async (email: string) =>
    (await db().selectFrom('registration').select('id').where('attendee_email', '=', email).execute()).length;

  it('refuses the 4th form from one IP with a Danish 429 page saying when, and a Retry-After', async () => {
    const ip = '198.51.100.1';
    const statuses = [];
    for (let n = 101; n <= 103; n++) {
      statuses.push(
        (await register(ip, validForm(n, { invoice_contact_email: `f${n}@example.dk` }))).statusCode,
      );
    }
    expect(statuses).toEqual([200, 200, 200]);
    const refused = await register(ip, validForm(104, { invoice_contact_email: 'f104@example.dk' }));
    expect(refused.statusCode).toBe(429);
    // The window is 12:00–13:00 UTC; 13:00 UTC is 14.00 in Copenhagen.
    expect(refused.headers['retry-after']).toBe('3600');
    expect(refused.headers['cache-control']).toBe('no-store');
    expect(refused.body).toContain('<h1>For mange forsøg</h1>');
    expect(refused.body).toContain('Der er sendt mange tilmeldinger på kort tid herfra.');
    expect(refused.body).toContain('Prøv igen kl. 14.00.');
    expect(await registered('deltager104@jobcenter.example.dk')).toBe(0);
    const english = await register(ip, validForm(105), '?lang=en');
    expect(english.statusCode).toBe(429);
    expect(english.body).toContain('Try again at 14:00.');
    // Another address is not affected.
    expect((await register('198.51.100.2', validForm(106))).statusCode).toBe(200);
  });

  it('limits per participant email and per invoice-contact email, whatever the IP', async () => {
    const same = validForm(201, { invoice_contact_email: 'solo@example.dk' });
    expect((await register('203.0.113.1', same)).statusCode).toBe(200);
    expect((await register('203.0.113.2', same)).statusCode).toBe(200); // already registered: a page, 200
    expect((await register('203.0.113.3', same)).statusCode).toBe(429);

    const shared = { invoice_contact_email: 'Faktura@Kommune.example.dk' };
    for (let n = 301; n <= 304; n++) {
      expect((await register(`192.0.2.${n - 300}`, validForm(n, shared))).statusCode).toBe(200);
    }
    const refused = await register(
      '192.0.2.99',
      validForm(305, { invoice_contact_email: 'faktura@kommune.example.dk' }),
    );
    expect(refused.statusCode).toBe(429);
    expect(await registered('deltager305@jobcenter.example.dk')).toBe(0);
  });

  it('does not count a form that did not parse', async () => {
    const ip = '198.51.100.50';
    for (let i = 0; i < 5; i++) {
      expect((await register(ip, validForm(400, { participant_email: 'ikke en mail' }))).statusCode).toBe(
        400,
      );
    }
    expect((await register(ip, validForm(401))).statusCode).toBe(200);
  });
});
