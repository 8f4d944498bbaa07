import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createTestApp } from '../../../test/app.ts';
import { addParticipant } from '../../../test/auth.ts';
import { Browser } from '../../../test/browser.ts';
import { describeEachDialect } from '../../../test/db.ts';
import { clearRegistrations, SLUG_2027 } from '../../../test/fixtures.ts';
import { confirmationFromMail, validForm } from '../../../test/registration.ts';

// Confirming a registration over HTTP: the "check your mail" page, the link's button page, the code form,
// and who ends up signed in.

const PATH = `/serier/${SLUG_2027}/tilmelding`;

/** The page's main content, without the CSRF token that differs per form. */
function mainOf(html: string): string {
  const main = /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '';
  return main.replace(/name="_csrf" value="[^"]*"/g, '');
}

function h1(html: string): string {
  return /<h1[^>]*>([^<]*)<\/h1>/.exec(html)?.[1] ?? '';
}

describeEachDialect('registration confirmation pages', (getDb) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await createTestApp(getDb(), { env: { RATE_LIMIT_CODE_IP: '8/15m' } });
  });
  afterAll(async () => app.close());
  beforeEach(async () => {
    await clearRegistrations(getDb().db);
    await getDb().db.deleteFrom('outbox').execute();
    await getDb().db.deleteFrom('rate_limit').execute();
  });

  async function registerOver(browser: Browser, form: Record<string, string>) {
    await browser.get(PATH);
    return browser.post(PATH, form);
  }

  it('answers a new registration and an address registered already with the same "check your mail" page', async () => {
    const browser = new Browser(() => app);
    const first = await registerOver(browser, validForm(1));
    expect(first.statusCode).toBe(200);
    expect(h1(first.body)).toBe('Tjek din mail');
    expect(first.headers['cache-control']).toContain('no-store');
    // Confirmed, then the same address again: the page must not tell a stranger it is registered.
    const { token } = await confirmationFromMail(getDb(), 'deltager1@jobcenter.example.dk');
    await browser.get(`/tilmelding/bekraeft/${token}`);
    await browser.post(`/tilmelding/bekraeft/${token}`, {});
    const again = await registerOver(new Browser(() => app), validForm(1, { participant_name: 'En Anden' }));
    const fresh = await registerOver(new Browser(() => app), validForm(2));
    expect(again.statusCode).toBe(200);
    expect(mainOf(again.body)).toBe(
      mainOf(fresh.body).replaceAll('deltager2@jobcenter.example.dk', 'deltager1@jobcenter.example.dk'),
    );
    const kinds = await getDb()
      .db.selectFrom('outbox')
      .select('kind')
      .where('to_address', '=', 'deltager1@jobcenter.example.dk')
      .execute();
    expect(kinds.map((k) => k.kind).sort()).toEqual([
      'registration.already-registered',
      'registration.confirm-request',
      'registration.confirmed',
    ]);
  });

  it('shows a button behind the link (opening spends nothing); pressing it binds the seat and signs the participant in', async () => {
    const browser = new Browser(() => app);
    await registerOver(browser, validForm(3));
    const { token } = await confirmationFromMail(getDb(), 'deltager3@jobcenter.example.dk');
    const page = await browser.get(`/tilmelding/bekraeft/${token}`);
    expect(page.statusCode).toBe(200);
    expect(h1(page.body)).toBe('Bekræft tilmeldingen');
    // It names whom and what it confirms (an invoice contact may have several), and opening spends nothing.
    expect(page.body).toContain(
      'Du bekræfter tilmeldingen af Deltager 3 Ærø, Jobcenter Østby, til Beskæftigelsesfaglig masterclass 2027.',
    );
    expect(page.headers['x-robots-tag']).toBe('noindex');
    const before = await getDb().db.selectFrom('registration').select('status').executeTakeFirstOrThrow();
    expect(before.status).toBe('reserved');
    const confirmed = await browser.post(`/tilmelding/bekraeft/${token}`, {});
    expect(confirmed.statusCode).toBe(303);
    expect(confirmed.headers.location).toBe('/min-side?besked=confirmed');
    expect(String(confirmed.headers['set-cookie'])).toContain('holdet_session=');
    const mine = await browser.get('/min-side?besked=confirmed');
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain('Tak, din tilmelding er bekræftet og bindende.');
    expect(mine.body).toContain('Tilmeldt');
    // The same link again (opened, and pressed from a page kept open): already confirmed, nothing changes.
    expect(h1((await new Browser(() => app).get(`/tilmelding/bekraeft/${token}`)).body)).toBe(
      'Tilmeldingen er allerede bekræftet',
    );
    const twice = await browser.post(`/tilmelding/bekraeft/${token}`, {});
    expect(h1(twice.body)).toBe('Tilmeldingen er allerede bekræftet');
    expect(await getDb().db.selectFrom('invoice').select('id').execute()).toHaveLength(1);
  });

  it('lets the invoice contact confirm with their link without signing anyone in', async () => {
    const browser = new Browser(() => app);
    await registerOver(browser, validForm(4));
    const { token } = await confirmationFromMail(getDb(), 'faktura@jobcenter.example.dk');
    const contact = new Browser(() => app);
    await contact.get(`/tilmelding/bekraeft/${token}?lang=en`);
    const done = await contact.post(`/tilmelding/bekraeft/${token}?lang=en`, {});
    expect(done.statusCode).toBe(200);
    expect(h1(done.body)).toBe('The registration is confirmed');
    expect(done.body).toContain('Deltager 4 Ærø');
    expect(String(done.headers['set-cookie'] ?? '')).not.toContain('holdet_session=');
  });

  it('refuses a wrong or malformed code next to the field, names it in the summary, and keeps the email', async () => {
    const browser = new Browser(() => app);
    await registerOver(browser, validForm(5));
    const { code } = await confirmationFromMail(getDb(), 'deltager5@jobcenter.example.dk');
    await browser.get('/tilmelding/bekraeft');
    const malformed = await browser.post('/tilmelding/bekraeft', {
      email: 'deltager5@jobcenter.example.dk',
      code: '12a',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.body).toContain('<a href="#code">Skriv koden med 6 cifre, fx 123456.</a>');
    expect(malformed.body).toContain('value="deltager5@jobcenter.example.dk"');
    const wrong = await browser.post('/tilmelding/bekraeft', {
      email: 'deltager5@jobcenter.example.dk',
      code: code === '000000' ? '111111' : '000000',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('id="code-error"');
    expect(wrong.body).toContain('Koden passer ikke');
    const empty = await browser.post('/tilmelding/bekraeft', { email: '', code: '' });
    expect(empty.body).toContain(
      '<a href="#email">Udfyld e-mailadressen, som mailen med koden blev sendt til.</a>',
    );
    // The right code, with spaces as people copy it: confirmed and signed in.
    const right = await browser.post('/tilmelding/bekraeft', {
      email: ' Deltager5@jobcenter.example.dk ',
      code: `${code.slice(0, 3)} ${code.slice(3)}`,
    });
    expect(right.statusCode).toBe(303);
    expect(right.headers.location).toBe('/min-side?besked=confirmed');
  });

  it('limits codes typed from one IP address with a 429 that says when to try again', async () => {
    const browser = new Browser(() => app);
    await browser.get('/tilmelding/bekraeft');
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) {
      const res = await browser.post('/tilmelding/bekraeft', {
        email: `gaet${i}@example.dk`,
        code: String(100000 + i),
      });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) {
        expect(res.body).toContain('Prøv igen');
        expect(res.headers['retry-after']).toMatch(/^\d+$/);
      }
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400, 400, 400, 400, 429]);
  });

  it('says so for an unknown link, and shows an awaiting registration on Min side of the same address', async () => {
    const unknown = await new Browser(() => app).get(`/tilmelding/bekraeft/${'A'.repeat(43)}`);
    expect(unknown.statusCode).toBe(404);
    expect(h1(unknown.body)).toBe('Linket virker ikke');
    const person = await addParticipant(getDb().db, 'deltager6@jobcenter.example.dk', 'Deltager 6');
    const browser = new Browser(() => app);
    await registerOver(browser, validForm(6));
    const { token } = await confirmationFromMail(getDb(), person.email);
    // Signed in some other way (an older account): Min side shows the registration awaiting confirmation.
    const { issueSignIn, signInWithToken } = await import('../auth/service.ts');
    const issued = await issueSignIn(getDb().db, person.email, new Date('2026-03-02T12:00:00.000Z'));
    const signed = await signInWithToken(getDb().db, issued.token, new Date('2026-03-02T12:00:00.000Z'));
    if (!signed.ok) throw new Error('sign-in failed');
    const mine = await new Browser(() => app).withSession(signed.session.cookieValue).get('/min-side');
    expect(mine.body).toContain('Plads holdt, afventer bekræftelse');
    expect(mine.body).toContain('Tilmeldingen er ikke bekræftet endnu.');
    expect(mine.body).toContain('href="/tilmelding/bekraeft"');
    expect(token).toHaveLength(43);
  });
});
