import { beforeEach, describe, expect, it } from 'vitest';
import { describeEachDialect, TEST_NOW } from '../../../test/db.ts';
import { clearRegistrations, SLUG_2027 } from '../../../test/fixtures.ts';
import {
  confirmationFromMail,
  registerConfirmed,
  registrationTestDeps,
  storedRegistration,
  validForm,
} from '../../../test/registration.ts';
import type { Database } from '../../db/database.ts';
import { parseRegistration } from './schemas.ts';
import {
  cancelRegistration,
  confirmWithCode,
  confirmWithToken,
  expireDueOffers,
  type RegistrationDeps,
  register,
} from './service.ts';

const HOUR = 3_600_000;
const ORGANISER = { accountId: null, label: 'arrangoer@example.dk' };

function form(n: number, overrides: Record<string, string> = {}) {
  const parsed = parseRegistration(validForm(n, overrides));
  if (!parsed.ok) throw new Error(`test form invalid: ${JSON.stringify(parsed.errors)}`);
  return parsed.form;
}

const email = (n: number) => `deltager${n}@jobcenter.example.dk`;

async function reset(db: Database['db']) {
  await clearRegistrations(db);
  for (const table of ['audit', 'outbox', 'web_session', 'login_token', 'account'] as const) {
    await db.deleteFrom(table).execute();
  }
}

async function row(db: Database['db'], id: string) {
  return storedRegistration(db, { id });
}

async function kindsTo(db: Database['db'], to: string) {
  const rows = await db
    .selectFrom('outbox')
    .select('kind')
    .where('to_address', '=', to)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => r.kind);
}

async function count(db: Database['db'], table: 'invoice' | 'account') {
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function reserve(deps: RegistrationDeps, n: number, overrides: Record<string, string> = {}) {
  const outcome = await register(deps, SLUG_2027, form(n, overrides), 'da');
  if (outcome?.kind !== 'reserved' && outcome?.kind !== 'waitlisted') throw new Error(`got ${outcome?.kind}`);
  return outcome;
}

describeEachDialect('registration awaiting confirmation', (getDb) => {
  beforeEach(async () => reset(getDb().db));

  it('holds the place without an account or an invoice, and mails the participant and the invoice contact a link and a code', async () => {
    const { db } = getDb();
    const { deps } = registrationTestDeps(getDb());
    const outcome = await reserve(deps, 1);
    expect(outcome).toMatchObject({
      kind: 'reserved',
      awaitingUntil: new Date(TEST_NOW.getTime() + 24 * HOUR).toISOString(),
    });
    const r = await row(db, outcome.registrationId);
    expect(r).toMatchObject({ status: 'reserved', verifiedAt: null, confirmedAt: null });
    expect(r.attendee.accountId).toBeNull();
    expect(await count(db, 'account')).toBe(0);
    expect(await count(db, 'invoice')).toBe(0);
    expect(await kindsTo(db, email(1))).toEqual(['registration.confirm-request']);
    expect(await kindsTo(db, 'faktura@jobcenter.example.dk')).toEqual(['registration.confirm-request']);
    const mail = await confirmationFromMail(getDb(), email(1));
    expect(mail.text).toContain('http://holdet.test/tilmelding/bekraeft/');
    expect(mail.text).toContain('Bekræft tilmeldingen');
    // Only hashes are stored: neither the token nor the code is anywhere in the table.
    const stored = JSON.stringify(await db.selectFrom('registration_confirmation').selectAll().execute());
    expect(stored).not.toContain(mail.token);
    expect(stored).not.toContain(`"${mail.code}"`);
  });

  it('binds the seat when the participant confirms: account, invoice, confirmation with calendar, signed in; once only', async () => {
    const { db } = getDb();
    const { deps } = registrationTestDeps(getDb());
    const { registrationId } = await reserve(deps, 1);
    const { token } = await confirmationFromMail(getDb(), email(1));
    const first = await confirmWithToken(deps, token);
    expect(first).toMatchObject({ kind: 'confirmed', place: 'seat', recipient: 'participant' });
    expect(first.kind === 'confirmed' && first.signIn?.session.cookieValue).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const r = await row(db, registrationId);
    expect(r.status).toBe('confirmed');
    expect(r.verifiedAt).toBe(TEST_NOW.toISOString());
    expect(r.attendee.accountId).not.toBeNull();
    const invoice = await db.selectFrom('invoice').selectAll().executeTakeFirstOrThrow();
    expect(invoice).toMatchObject({
      registration_id: registrationId,
      account_id: r.attendee.accountId,
      number: '2026-0001',
    });
    expect(await kindsTo(db, email(1))).toEqual(['registration.confirm-request', 'registration.confirmed']);
    // The same link again, and the invoice contact's link, change nothing.
    expect(await confirmWithToken(deps, token)).toMatchObject({ kind: 'already-confirmed' });
    const contact = await confirmationFromMail(getDb(), 'faktura@jobcenter.example.dk');
    expect(await confirmWithToken(deps, contact.token)).toMatchObject({ kind: 'already-confirmed' });
    expect(await count(db, 'invoice')).toBe(1);
  });

  it('lets the invoice contact confirm with the code, without signing anyone in', async () => {
    const { db } = getDb();
    const { deps } = registrationTestDeps(getDb());
    const { registrationId } = await reserve(deps, 1);
    const { code } = await confirmationFromMail(getDb(), 'faktura@jobcenter.example.dk');
    const outcome = await confirmWithCode(deps, { email: 'FAKTURA@jobcenter.example.dk', code });
    expect(outcome).toMatchObject({ kind: 'confirmed', recipient: 'invoice_contact', signIn: null });
    expect((await row(db, registrationId)).status).toBe('confirmed');
    expect(await db.selectFrom('web_session').selectAll().execute()).toHaveLength(0);
  });

  it('kills the code after five wrong tries, while the link in the mail still works', async () => {
    const { db } = getDb();
    const { deps } = registrationTestDeps(getDb());
    const { registrationId } = await reserve(deps, 1);
    const { code, token } = await confirmationFromMail(getDb(), email(1));
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      expect(await confirmWithCode(deps, { email: email(1), code: wrong })).toEqual({ kind: 'wrong-code' });
    }
    expect(await confirmWithCode(deps, { email: email(1), code })).toEqual({ kind: 'wrong-code' });
    expect((await row(db, registrationId)).status).toBe('reserved');
    expect(await confirmWithToken(deps, token)).toMatchObject({ kind: 'confirmed', place: 'seat' });
  });

  it('lets an unconfirmed place lapse at its deadline and offers the seat only to someone in line who confirmed', async () => {
    const { db } = getDb();
    const { deps, clock } = registrationTestDeps(getDb());
    await db.updateTable('series').set({ capacity: 1 }).where('slug', '=', SLUG_2027).execute();
    try {
      const first = await reserve(deps, 1);
      // 2 waits unconfirmed, 3 waits and confirms.
      const second = await reserve(deps, 2, { invoice_contact_email: email(2) });
      expect(second).toMatchObject({ kind: 'waitlisted', position: 1 });
      const third = await registerConfirmed(deps, SLUG_2027, form(3, { invoice_contact_email: email(3) }));
      expect(third).toMatchObject({ kind: 'waitlisted', position: 2 });
      clock.set(new Date(TEST_NOW.getTime() + 24 * HOUR));
      expect(await expireDueOffers(deps)).toBeGreaterThan(0);
      expect((await row(db, first.registrationId)).status).toBe('expired');
      expect((await row(db, second.registrationId)).status).toBe('expired');
      const offered = await row(db, third?.kind === 'waitlisted' ? third.registrationId : '');
      expect(offered.status).toBe('offered');
      // The lapsed registrant's link now says it is too late, and confirms nothing.
      const late = await confirmationFromMail(getDb(), email(1));
      expect(await confirmWithToken(deps, late.token)).toMatchObject({ kind: 'too-late' });
      expect(await count(db, 'invoice')).toBe(0);
      // No mail about the lapse: the address may belong to someone who never registered.
      expect(await kindsTo(db, email(1))).toEqual(['registration.confirm-request']);
    } finally {
      await db.updateTable('series').set({ capacity: 15 }).where('slug', '=', SLUG_2027).execute();
    }
  });

  it('never lets an unconfirmed registration block the owner of the address; confirming ends the other', async () => {
    const { db } = getDb();
    const { deps, clock } = registrationTestDeps(getDb());
    // A stranger registers someone else's address with their own invoice contact.
    const stranger = await reserve(deps, 1, {
      invoice_contact_email: 'fremmed@example.com',
      cvr: '61126228',
    });
    // The owner registers too, a minute later: a place of their own, not "already registered".
    clock.set(new Date(TEST_NOW.getTime() + 60_000));
    const owner = await reserve(deps, 1, { invoice_contact_email: email(1) });
    expect(owner.registrationId).not.toBe(stranger.registrationId);
    const mails = await db
      .selectFrom('outbox')
      .select('text_body')
      .where('to_address', '=', email(1))
      .orderBy('created_at', 'desc')
      .execute();
    expect(mails).toHaveLength(2);
    const { token } = await confirmationFromMail(getDb(), email(1));
    expect(await confirmWithToken(deps, token)).toMatchObject({ kind: 'confirmed' });
    expect((await row(db, owner.registrationId)).status).toBe('confirmed');
    expect((await row(db, stranger.registrationId)).status).toBe('expired');
    // And the stranger's invoice contact can no longer confirm theirs.
    const theirs = await confirmationFromMail(getDb(), 'fremmed@example.com');
    expect(await confirmWithToken(deps, theirs.token)).toMatchObject({ kind: 'already-confirmed' });
    expect(await count(db, 'invoice')).toBe(1);
  });

  it('answers a confirmed address with a mail that offers sign-in, and stores no second registration', async () => {
    const { db } = getDb();
    const { deps } = registrationTestDeps(getDb());
    await registerConfirmed(deps, SLUG_2027, form(1));
    const again = await register(deps, SLUG_2027, form(1), 'da');
    expect(again).toMatchObject({ kind: 'already-registered', awaitingUntil: expect.any(String) });
    expect(await db.selectFrom('registration').selectAll().execute()).toHaveLength(1);
    const kinds = await kindsTo(db, email(1));
    expect(kinds.at(-1)).toBe('registration.already-registered');
    const last = await db
      .selectFrom('outbox')
      .select('text_body')
      .where('kind', '=', 'registration.already-registered')
      .executeTakeFirstOrThrow();
    expect(last.text_body).toContain('http://holdet.test/log-ind');
  });

  it('holds confirmed + awaiting + offered ≤ capacity, and invoices nobody before they confirm', async () => {
    const { db } = getDb();
    const { deps } = registrationTestDeps(getDb());
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => register(deps, SLUG_2027, form(i + 1), 'da')),
    );
    expect(outcomes.filter((o) => o?.kind === 'reserved')).toHaveLength(15);
    // In arrival order, which PostgreSQL's pool may give differently from the order of the calls.
    expect(
      outcomes
        .filter((o) => o?.kind === 'waitlisted')
        .map((o) => (o?.kind === 'waitlisted' ? o.position : 0))
        .sort(),
    ).toEqual([1, 2, 3, 4, 5]);
    expect(await count(db, 'invoice')).toBe(0);
    // One of the reserved is cancelled by the organiser: nobody in line has confirmed, so nobody is offered.
    const cancelled = outcomes.find((o) => o?.kind === 'reserved');
    await cancelRegistration(deps, {
      registrationId: cancelled?.kind === 'reserved' ? cancelled.registrationId : '',
      reason: 'Dublet',
      credit: { kind: 'none' },
      actor: ORGANISER,
    });
    expect(
      await db.selectFrom('registration').select('id').where('status', '=', 'offered').execute(),
    ).toHaveLength(0);
    // The head of the line confirms: the free seat is offered to them at once.
    const head = await row(
      db,
      (() => {
        const h = outcomes.find((o) => o?.kind === 'waitlisted' && o.position === 1);
        return h?.kind === 'waitlisted' ? h.registrationId : '';
      })(),
    );
    const { token } = await confirmationFromMail(getDb(), head.attendee.email);
    expect(await confirmWithToken(deps, token)).toMatchObject({ kind: 'confirmed', place: 'line' });
    expect((await row(db, head.id)).status).toBe('offered');
    expect((await kindsTo(db, head.attendee.email)).sort()).toEqual([
      'registration.confirm-request',
      'registration.offered',
      'registration.waitlisted',
    ]);
  });
});

describe('confirmation links', () => {
  it('refuse a token of the wrong shape without a query', async () => {
    const { deps } = registrationTestDeps({} as Database);
    expect(await confirmWithToken(deps, "' or 1=1 --")).toEqual({ kind: 'unknown' });
    expect(await confirmWithCode(deps, { email: 'a@b.dk', code: '12345x' })).toEqual({ kind: 'wrong-code' });
  });
});
