import { beforeEach, describe, expect, it } from 'vitest';
import { describeEachDialect, TEST_NOW } from '../../../test/db.ts';
import { SLUG_2027 } from '../../../test/fixtures.ts';
import {
  registerConfirmed,
  registrationTestDeps,
  storedRegistration,
  validForm,
} from '../../../test/registration.ts';
import type { Database } from '../../db/database.ts';
import { resolveAttachments, type StoredAttachment } from '../../email/outbox.ts';
import { invoiceAttachmentResolver } from '../invoicing/attachments.ts';
import { myRegistrations } from './reads.ts';
import { parseRegistration } from './schemas.ts';
import {
  answerOffer,
  cancelRegistration,
  eraseDietaryNeeds,
  expireDueOffers,
  type RegistrationDeps,
  register,
} from './service.ts';

const HOUR = 3_600_000;

function form(n: number, overrides: Record<string, string> = {}) {
  const parsed = parseRegistration(validForm(n, overrides));
  if (!parsed.ok) throw new Error(`test form invalid: ${JSON.stringify(parsed.errors)}`);
  return parsed.form;
}

/** Registers people 1..n in order; returns their registration ids. */
async function registerPeople(deps: RegistrationDeps, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 1; i <= n; i++) {
    const o = await registerConfirmed(deps, SLUG_2027, form(i), 'da');
    if (o && 'registrationId' in o) ids.push(o.registrationId);
  }
  return ids;
}

async function reset(db: Database['db']) {
  for (const table of [
    'audit',
    'outbox',
    'web_session',
    'login_token',
    'invoice',
    'invoice_sequence',
    'registration_confirmation',
    'buyer',
    'attendee',
    'registration',
    'account',
  ] as const) {
    await db.deleteFrom(table).execute();
  }
}

async function statuses(db: Database['db']) {
  return db.selectFrom('registration').select(['attendee_email', 'status', 'seq']).orderBy('seq').execute();
}

async function mailsTo(db: Database['db'], to: string) {
  return db.selectFrom('outbox').selectAll().where('to_address', '=', to).orderBy('created_at').execute();
}

describeEachDialect(
  'registration service',
  (getDb) => {
    beforeEach(async () => reset(getDb().db));

    it('confirming a seat creates the account, issues the invoice and writes the mail with a calendar and an audit row in the same transaction', async () => {
      const database = getDb();
      const { deps } = registrationTestDeps(database);
      const outcome = await registerConfirmed(deps, SLUG_2027, form(1), 'da');
      expect(outcome).toMatchObject({ kind: 'confirmed' });
      const [row] = await statuses(database.db);
      expect(row).toMatchObject({
        status: 'confirmed',
        seq: 1,
        attendee_email: 'deltager1@jobcenter.example.dk',
      });
      // The domain object: the registration with its buyer and its attendee, who now has the account.
      const registration = await storedRegistration(database.db, { seq: 1 });
      expect(registration.attendee).toMatchObject({
        email: 'deltager1@jobcenter.example.dk',
        jobTitle: 'Jobcenterchef',
      });
      expect(registration.buyer).toMatchObject({ organisationName: 'Jobcenter Østby', publicBuyer: true });
      const account = await database.db.selectFrom('account').selectAll().executeTakeFirstOrThrow();
      expect(account).toMatchObject({ email: 'deltager1@jobcenter.example.dk', role: 'participant' });
      expect(registration.attendee.accountId).toBe(account.id);
      const mails = await mailsTo(database.db, 'deltager1@jobcenter.example.dk');
      expect(mails.map((m) => m.kind)).toEqual(['registration.confirm-request', 'registration.confirmed']);
      const mail = mails[1];
      const attachments = JSON.parse(mail?.attachments ?? '[]') as { filename: string; content: string }[];
      // One iTIP REQUEST per session of the series, each with the session's UID.
      expect(attachments.map((a) => a.filename)).toEqual([1, 2, 3, 4].map((n) => `session-${n}.ics`));
      const ics = Buffer.from(attachments[0]?.content ?? '', 'base64').toString('utf8');
      expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
      expect(ics).toContain('METHOD:REQUEST');
      expect(ics).toMatch(/UID:session-[0-9a-f-]{36}@holdet/);
      const audit = await database.db.selectFrom('audit').selectAll().execute();
      expect(audit.map((a) => a.action).sort()).toEqual([
        'auth.sign-in',
        'invoice.issued',
        'registration.confirmed',
        'registration.reserved',
      ]);
      // The invoice is issued in the same transaction and mailed as PDF to the invoice contact.
      const invoice = await database.db.selectFrom('invoice').selectAll().executeTakeFirstOrThrow();
      expect(invoice).toMatchObject({
        kind: 'invoice',
        number: '2026-0001',
        registration_id: outcome?.kind === 'confirmed' ? outcome.registrationId : 'none',
        account_id: account.id,
        net_ore: 1_800_000,
        vat_ore: 450_000,
        total_ore: 2_250_000,
      });
      const contactMails = await mailsTo(database.db, 'faktura@jobcenter.example.dk');
      expect(contactMails.map((m) => m.kind)).toEqual(['registration.confirm-request', 'invoice.issued']);
      const invoiceMail = contactMails[1];
      // The PDF is made when the mail is sent, from the stored document.
      const [pdf] = JSON.parse(invoiceMail?.attachments ?? '[]') as StoredAttachment[];
      expect(pdf).toMatchObject({
        contentType: 'application/pdf',
        source: { kind: 'invoice-pdf', id: invoice.id },
      });
      const [resolved] = await resolveAttachments(
        [pdf as StoredAttachment],
        invoiceAttachmentResolver(database),
      );
      expect(
        Buffer.from(resolved?.content ?? '', 'base64')
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
    });

    it('confirms exactly 15, then waitlists in order with positions 1..n', async () => {
      const database = getDb();
      const { deps } = registrationTestDeps(database);
      const outcomes = [];
      for (let n = 1; n <= 18; n++) outcomes.push(await registerConfirmed(deps, SLUG_2027, form(n), 'da'));
      expect(outcomes.filter((o) => o?.kind === 'confirmed')).toHaveLength(15);
      expect(outcomes.slice(15).map((o) => (o?.kind === 'waitlisted' ? o.position : null))).toEqual([
        1, 2, 3,
      ]);
      const [, waitMail] = await mailsTo(database.db, 'deltager16@jobcenter.example.dk');
      expect(waitMail?.kind).toBe('registration.waitlisted');
      expect(waitMail?.text_body).toContain('1');
    });

    it('refuses the same work email twice politely, and stores nothing for someone not eligible', async () => {
      const database = getDb();
      const { deps } = registrationTestDeps(database);
      await registerConfirmed(deps, SLUG_2027, form(1), 'da');
      const again = await register(
        deps,
        SLUG_2027,
        form(1, { participant_email: 'DELTAGER1@jobcenter.example.dk' }),
        'da',
      );
      expect(again).toMatchObject({ kind: 'already-registered', email: 'deltager1@jobcenter.example.dk' });
      const notEligible = await register(deps, SLUG_2027, form(2, { management_level: 'ingen' }), 'da');
      expect(notEligible).toEqual({ kind: 'not-eligible' });
      const otherOrg = await register(deps, SLUG_2027, form(3, { organisation_type: 'anden' }), 'da');
      expect(otherOrg).toEqual({ kind: 'not-eligible' });
      expect(await statuses(database.db)).toHaveLength(1);
      expect(
        (await database.db.selectFrom('outbox').select('kind').execute()).map((m) => m.kind).sort(),
      ).toEqual([
        'invoice.issued',
        'registration.already-registered',
        'registration.confirm-request',
        'registration.confirm-request',
        'registration.confirmed',
      ]);
      expect(await register(deps, 'findes-ikke', form(4), 'da')).toBeNull();
    });

    it('is closed outside the registration window', async () => {
      const database = getDb();
      const { deps } = registrationTestDeps(database, new Date('2027-06-06T22:00:00.000Z'));
      expect(await register(deps, SLUG_2027, form(1), 'da')).toEqual({ kind: 'closed', state: 'closed' });
      expect(await statuses(database.db)).toHaveLength(0);
    });

    it('offers a cancelled seat to the head of the waitlist; accepting confirms, declining passes it on', async () => {
      const database = getDb();
      const { deps, clock } = registrationTestDeps(database);
      const ids = await registerPeople(deps, 17);
      const organiser = { accountId: null, label: 'arrangoer@example.dk' };
      const cancelled = await cancelRegistration(deps, {
        registrationId: ids[0] ?? '',
        reason: 'Sygdom',
        credit: { kind: 'none' },
        actor: organiser,
      });
      expect(cancelled).toEqual({ kind: 'cancelled', previous: 'confirmed', credit: null });
      let rows = await statuses(database.db);
      expect(rows.find((r) => r.seq === 1)?.status).toBe('cancelled');
      expect(rows.find((r) => r.seq === 16)?.status).toBe('offered');
      expect(rows.find((r) => r.seq === 17)?.status).toBe('waitlisted');
      const offer = await storedRegistration(database.db, { seq: 16 });
      expect(offer.offerExpiresAt).toBe(new Date(TEST_NOW.getTime() + 48 * HOUR).toISOString());
      expect((await mailsTo(database.db, 'deltager16@jobcenter.example.dk')).map((m) => m.kind)).toEqual([
        'registration.confirm-request',
        'registration.waitlisted',
        'registration.offered',
      ]);
      expect((await mailsTo(database.db, 'deltager1@jobcenter.example.dk')).map((m) => m.kind)).toContain(
        'registration.cancelled',
      );

      // Someone else cannot answer 16's offer.
      const account16 = offer.attendee.accountId ?? '';
      const actor = { accountId: account16, label: offer.attendee.email };
      await expect(
        answerOffer(deps, { registrationId: offer.id, accountId: 'someone-else', accept: true, actor }),
      ).rejects.toThrow();

      clock.set(new Date(TEST_NOW.getTime() + HOUR));
      expect(
        await answerOffer(deps, { registrationId: offer.id, accountId: account16, accept: false, actor }),
      ).toEqual({
        kind: 'declined',
      });
      rows = await statuses(database.db);
      expect(rows.find((r) => r.seq === 16)?.status).toBe('declined');
      expect(rows.find((r) => r.seq === 17)?.status).toBe('offered');

      const next = await storedRegistration(database.db, { seq: 17 });
      const actor17 = { accountId: next.attendee.accountId ?? '', label: next.attendee.email };
      expect(
        await answerOffer(deps, {
          registrationId: next.id,
          accountId: next.attendee.accountId ?? '',
          accept: true,
          actor: actor17,
        }),
      ).toEqual({
        kind: 'accepted',
      });
      rows = await statuses(database.db);
      expect(rows.filter((r) => r.status === 'confirmed')).toHaveLength(15);
      expect((await mailsTo(database.db, 'deltager17@jobcenter.example.dk')).at(-1)?.kind).toBe(
        'registration.confirmed',
      );
      const actions = (await database.db.selectFrom('audit').select('action').execute()).map((a) => a.action);
      expect(actions).toEqual(
        expect.arrayContaining([
          'registration.cancelled',
          'registration.offered',
          'registration.offer-declined',
          'registration.offer-accepted',
        ]),
      );
    });

    it('expires an unanswered offer after the deadline (job or reading), and offers the seat to the next', async () => {
      const database = getDb();
      const { deps, clock } = registrationTestDeps(database);
      const ids = await registerPeople(deps, 17);
      await cancelRegistration(deps, {
        registrationId: ids[3] ?? '',
        reason: 'Jobskifte',
        credit: { kind: 'none' },
        actor: { accountId: null, label: 'x' },
      });
      clock.set(new Date(TEST_NOW.getTime() + 47 * HOUR));
      expect(await expireDueOffers(deps)).toBe(0);
      clock.set(new Date(TEST_NOW.getTime() + 48 * HOUR));
      // Reading Min side of the person whose offer lapsed settles it, without waiting for the job.
      const offered = await storedRegistration(database.db, { seq: 16 });
      const mine = await myRegistrations(
        deps,
        { id: offered.attendee.accountId ?? '', email: offered.attendee.email },
        'da',
      );
      expect(mine[0]?.status).toBe('expired');
      const rows = await statuses(database.db);
      expect(rows.find((r) => r.seq === 17)?.status).toBe('offered');
      expect((await mailsTo(database.db, 'deltager16@jobcenter.example.dk')).at(-1)?.kind).toBe(
        'registration.offer-expired',
      );
      // Too late to accept now.
      const actor = { accountId: offered.attendee.accountId ?? '', label: offered.attendee.email };
      expect(
        await answerOffer(deps, {
          registrationId: offered.id,
          accountId: offered.attendee.accountId ?? '',
          accept: true,
          actor,
        }),
      ).toEqual({
        kind: 'too-late',
      });
      // The job settles the next lapse on its own.
      clock.set(new Date(TEST_NOW.getTime() + 97 * HOUR));
      expect(await expireDueOffers(deps)).toBe(1);
      expect((await statuses(database.db)).find((r) => r.seq === 17)?.status).toBe('expired');
    });
  },
  { prepare: 'demo' },
);

describe('registration form', () => {
  it('keeps every typed value and names each bad field', () => {
    const parsed = parseRegistration(
      validForm(1, { cvr: '12345678', ean: '5798000123459', participant_email: 'nope' }),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual({
      cvr: 'reg.error.cvrCheck',
      ean: 'reg.error.eanCheck',
      participant_email: 'reg.error.email',
    });
    expect(parsed.values.cvr).toBe('12345678');
  });

  it('requires EAN and personreference only of public buyers', () => {
    const privateBuyer = parseRegistration(
      validForm(1, { public_buyer: 'nej', ean: '', person_reference: '' }),
    );
    expect(privateBuyer.ok).toBe(true);
    const publicBuyer = parseRegistration(validForm(1, { ean: '', person_reference: '' }));
    expect(publicBuyer.ok ? {} : publicBuyer.errors).toEqual({
      ean: 'reg.error.eanRequired',
      person_reference: 'reg.error.personReference',
    });
  });
});

describeEachDialect(
  'dietary notes',
  (getDb) => {
    it('are erased once the series has ended, and not before', async () => {
      const database = getDb();
      const { deps, clock } = registrationTestDeps(database);
      await registerConfirmed(deps, SLUG_2027, form(1, { dietary_needs: 'Glutenfri' }), 'da');
      await registerConfirmed(deps, SLUG_2027, form(2), 'da');
      clock.set(new Date('2027-11-22T13:29:59.000Z'));
      expect(await eraseDietaryNeeds(deps)).toBe(0);
      clock.set(new Date('2027-11-22T13:30:01.000Z'));
      expect(await eraseDietaryNeeds(deps)).toBe(1);
      const rows = await database.db
        .selectFrom('attendee')
        .select(['dietary_needs', 'dietary_deleted_at'])
        .execute();
      expect(rows.every((r) => r.dietary_needs === null)).toBe(true);
      expect(rows.filter((r) => r.dietary_deleted_at !== null)).toHaveLength(1);
      expect(await eraseDietaryNeeds(deps)).toBe(0);
    });
  },
  { prepare: 'demo' },
);
