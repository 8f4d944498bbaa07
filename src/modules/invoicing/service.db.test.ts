import { describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, TEST_NOW, type TestDatabase } from '../../../test/db.ts';
import { SLUG_2027, seriesIdOf } from '../../../test/fixtures.ts';
import {
  confirmationFromMail,
  registerConfirmed,
  registrationTestDeps,
  validForm,
} from '../../../test/registration.ts';
import { openDatabase } from '../../db/connect.ts';
import type { Database } from '../../db/database.ts';
import { parseRegistration } from '../registration/schemas.ts';
import {
  answerOffer,
  cancelRegistration,
  confirmWithToken,
  type RegistrationDeps,
  registerIn,
} from '../registration/service.ts';
import { seriesTermsBySlug } from '../series/service.ts';
import type { InvoiceDocument } from './model.ts';
import * as q from './queries.ts';
import { creditableInvoice, creditInvoice, markPaid, markSent } from './service.ts';

// Invoices are issued in the transaction that confirms a seat, and credit notes in the one that cancels it;
// numbers come from one gapless sequence per organiser and prefix, whatever runs at the same time.

const ORGANISER = { accountId: null, label: 'arrangoer@example.dk' };
const HOUR = 3_600_000;

function form(n: number, overrides: Record<string, string> = {}) {
  const parsed = parseRegistration(validForm(n, overrides));
  if (!parsed.ok) throw new Error(`test form invalid: ${JSON.stringify(parsed.errors)}`);
  return parsed.form;
}

async function documents(database: Database) {
  const rows = await q.listDocuments(database.db);
  return rows.map((r) => ({ ...r }));
}

async function documentOf(database: Database, id: string): Promise<InvoiceDocument> {
  const row = await q.documentById(database.db, id);
  if (!row) throw new Error(`no document ${id}`);
  return JSON.parse(row.document) as InvoiceDocument;
}

async function confirmedIds(deps: RegistrationDeps, from: number, to: number): Promise<string[]> {
  const ids: string[] = [];
  for (let n = from; n <= to; n++) {
    const outcome = await registerConfirmed(deps, SLUG_2027, form(n), 'da');
    if (outcome?.kind !== 'confirmed' && outcome?.kind !== 'waitlisted')
      throw new Error(`not registered: ${n}`);
    ids.push(outcome.registrationId);
  }
  return ids;
}

async function setCapacity(database: Database, capacity: number) {
  await database.db.updateTable('series').set({ capacity }).where('slug', '=', SLUG_2027).execute();
}

async function setSettings(database: Database, settings: Record<string, unknown>) {
  const row = await database.db.selectFrom('organiser').select(['id', 'settings']).executeTakeFirstOrThrow();
  const merged = { ...JSON.parse(row.settings), ...settings };
  await database.db
    .updateTable('organiser')
    .set({ settings: JSON.stringify(merged) })
    .where('id', '=', row.id)
    .execute();
}

async function withDatabase(
  dialect: (typeof DIALECTS)[number],
  body: (database: TestDatabase) => Promise<void>,
) {
  const database = await createTestDatabase(dialect, { sqliteFile: dialect === 'sqlite' });
  try {
    await body(database);
  } finally {
    await database.destroy();
  }
}

for (const dialect of DIALECTS) {
  describe(`invoicing (${dialect})`, () => {
    it('issues the invoice with every field when a seat is confirmed, and stores it as issued', async () => {
      await withDatabase(dialect, async (database) => {
        const { deps } = registrationTestDeps(database);
        const [id] = await confirmedIds(deps, 1, 1);
        const [row] = await documents(database);
        expect(row).toMatchObject({
          number: '2026-0001',
          kind: 'invoice',
          registration_id: id,
          issue_date: '2026-03-02',
          due_date: '2026-04-01',
          net_ore: 1_800_000,
          vat_ore: 450_000,
          total_ore: 2_250_000,
          public_buyer: 1,
          buyer_ean: '5798009811578',
        });
        const doc = await documentOf(database, row?.id ?? '');
        expect(doc.seller).toMatchObject({
          name: 'Væksthusets Kompetencecenter',
          cvr: '61126228',
          bankRegNo: '1551',
        });
        expect(doc.buyer).toMatchObject({
          name: 'Jobcenter Østby',
          cvr: '61126228',
          ean: '5798009811578',
          personReference: 'ABC123',
          contactEmail: 'faktura@jobcenter.example.dk',
        });
        expect(doc.participantName).toBe('Deltager 1 Ærø');
        expect(doc.series.sessionDates).toEqual(['2027-06-07', '2027-08-30', '2027-10-04', '2027-11-22']);
        expect(doc.lines).toHaveLength(1);
        expect(doc.lines[0]?.description).toContain('7. juni, 30. august, 4. oktober og 22. november 2027');
        expect(doc.totals).toMatchObject({ netOre: 1_800_000, vatOre: 450_000, totalOre: 2_250_000 });
        // Changing the organiser later changes nothing already issued.
        await database.db.updateTable('organiser').set({ name: 'Nyt navn' }).execute();
        expect((await documentOf(database, row?.id ?? '')).seller.name).toBe('Væksthusets Kompetencecenter');
      });
    });

    it('a private buyer gets an invoice without EAN; waiting registrations get none', async () => {
      await withDatabase(dialect, async (database) => {
        const { deps } = registrationTestDeps(database);
        await setCapacity(database, 1);
        await registerConfirmed(
          deps,
          SLUG_2027,
          form(1, { public_buyer: 'nej', ean: '', person_reference: '' }),
          'en',
        );
        await registerConfirmed(deps, SLUG_2027, form(2), 'da');
        const rows = await documents(database);
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({ public_buyer: 0, buyer_ean: null });
        const doc = await documentOf(database, rows[0]?.id ?? '');
        expect(doc.lang).toBe('en');
        expect(doc.buyer.ean).toBeNull();
        expect(doc.lines[0]?.description).toContain('7 June, 30 August, 4 October and 22 November 2027');
      });
    });

    it('accepting a seat offer issues the next number; cancelling credits in full, in part or not at all', async () => {
      await withDatabase(dialect, async (database) => {
        const { deps, clock } = registrationTestDeps(database);
        await setCapacity(database, 3);
        const ids = await confirmedIds(deps, 1, 4); // 3 confirmed, 1 waiting
        const [first, second, third, fourth] = ids as [string, string, string, string];

        // In full: the credit note refers to the invoice and repeats its amounts.
        const full = await cancelRegistration(deps, {
          registrationId: first,
          reason: 'Sygdom',
          credit: { kind: 'full' },
          actor: ORGANISER,
        });
        expect(full).toMatchObject({
          kind: 'cancelled',
          credit: { number: '2026-0004', kind: 'credit_note' },
        });
        const credit =
          full.kind === 'cancelled' && full.credit ? await documentOf(database, full.credit.id) : null;
        expect(credit?.billingReference).toEqual({ number: '2026-0001', issueDate: '2026-03-02' });
        expect(credit?.totals).toMatchObject({ netOre: 1_800_000, vatOre: 450_000, totalOre: 2_250_000 });
        expect(credit?.note).toBe('Sygdom');

        // The freed seat went to the fourth, who accepts: invoice 2026-0005.
        clock.set(new Date(TEST_NOW.getTime() + HOUR));
        const account = await database.db
          .selectFrom('attendee')
          .select('account_id')
          .where('registration_id', '=', fourth)
          .executeTakeFirstOrThrow();
        await answerOffer(deps, {
          registrationId: fourth,
          accountId: account.account_id ?? '',
          accept: true,
          actor: { accountId: account.account_id, label: 'deltager4' },
        });
        let rows = await documents(database);
        expect(rows.map((r) => [r.number, r.kind, r.registration_id])).toEqual([
          ['2026-0001', 'invoice', first],
          ['2026-0002', 'invoice', second],
          ['2026-0003', 'invoice', third],
          ['2026-0004', 'credit_note', first],
          ['2026-0005', 'invoice', fourth],
        ]);

        // In part, but more than the invoice: refused, and nothing at all changes.
        const before = await database.db.selectFrom('audit').select('id').execute();
        const tooMuch = await cancelRegistration(deps, {
          registrationId: second,
          reason: 'Orlov',
          credit: { kind: 'part', netOre: 1_800_001 },
          actor: ORGANISER,
        });
        expect(tooMuch).toEqual({ kind: 'credit-refused', reason: 'too-large', remainingOre: 1_800_000 });
        expect(await database.db.selectFrom('audit').select('id').execute()).toHaveLength(before.length);
        const secondRow = await database.db
          .selectFrom('registration')
          .select('status')
          .where('id', '=', second)
          .executeTakeFirstOrThrow();
        expect(secondRow.status).toBe('confirmed');

        // In part: 9.000 kr. + 25 % moms.
        const part = await cancelRegistration(deps, {
          registrationId: second,
          reason: 'Orlov',
          credit: { kind: 'part', netOre: 900_000 },
          actor: ORGANISER,
        });
        expect(part).toMatchObject({ kind: 'cancelled', credit: { number: '2026-0006' } });
        rows = await documents(database);
        expect(rows.at(-1)).toMatchObject({ net_ore: 900_000, vat_ore: 225_000, total_ore: 1_125_000 });

        // Not at all (binding): no document.
        const none = await cancelRegistration(deps, {
          registrationId: third,
          reason: 'Udeblevet',
          credit: { kind: 'none' },
          actor: ORGANISER,
        });
        expect(none).toMatchObject({ kind: 'cancelled', credit: null });
        rows = await documents(database);
        expect(rows.map((r) => r.number)).toEqual([
          '2026-0001',
          '2026-0002',
          '2026-0003',
          '2026-0004',
          '2026-0005',
          '2026-0006',
        ]);
        expect(rows.every((r) => r.net_ore > 0 && r.vat_ore >= 0 && r.total_ore > 0)).toBe(true);
        // Each credit mailed as PDF to the invoice contact.
        const mails = await database.db
          .selectFrom('outbox')
          .select('kind')
          .where('kind', 'like', 'invoice.%')
          .execute();
        expect(mails.map((m) => m.kind).sort()).toEqual([
          'invoice.credited',
          'invoice.credited',
          'invoice.issued',
          'invoice.issued',
          'invoice.issued',
          'invoice.issued',
        ]);
      });
    });

    it('a transaction that rolls back gives its number back; a new year and a new start begin new sequences', async () => {
      await withDatabase(dialect, async (database) => {
        const { deps, clock } = registrationTestDeps(database);
        const organiserId = (await database.db.selectFrom('organiser').select('id').executeTakeFirstOrThrow())
          .id;
        await expect(
          database.db.transaction().execute(async (tx) => {
            expect(await q.drawNumber(tx, organiserId, '2026-', 1)).toBe(1);
            throw new Error('rolled back');
          }),
        ).rejects.toThrow('rolled back');
        await confirmedIds(deps, 1, 1);
        await setSettings(database, {
          invoicePrefix: 'HOLD-{year}/',
          invoiceStartNumber: 500,
          invoiceNumberDigits: 5,
        });
        await confirmedIds(deps, 2, 2);
        clock.set(new Date('2027-01-04T09:00:00.000Z'));
        await confirmedIds(deps, 3, 3);
        expect((await documents(database)).map((r) => r.number)).toEqual([
          '2026-0001',
          'HOLD-2026/00500',
          'HOLD-2027/00500',
        ]);
      });
    });

    it('payments and e-invoice delivery are marked with an audit line; the document itself never changes', async () => {
      await withDatabase(dialect, async (database) => {
        const { deps } = registrationTestDeps(database);
        await confirmedIds(deps, 1, 1);
        const [row] = await documents(database);
        const id = row?.id ?? '';
        const document = (await q.documentById(database.db, id))?.document;
        expect(
          await markPaid(database, {
            invoiceId: id,
            paidOn: '2026-03-20',
            note: 'Bankoverførsel',
            now: TEST_NOW,
            actor: ORGANISER,
          }),
        ).toBe(true);
        expect(await markSent(database, { invoiceId: id, sent: true, now: TEST_NOW, actor: ORGANISER })).toBe(
          true,
        );
        const after = await q.documentById(database.db, id);
        expect(after).toMatchObject({
          paid_on: '2026-03-20',
          paid_note: 'Bankoverførsel',
          sent_at: TEST_NOW.toISOString(),
        });
        expect(after?.document).toBe(document);
        const actions = (
          await database.db.selectFrom('audit').select('action').where('entity', '=', 'invoice').execute()
        ).map((a) => a.action);
        expect(actions.sort()).toEqual(['invoice.issued', 'invoice.paid', 'invoice.sent']);
        expect(
          await markPaid(database, {
            invoiceId: 'nope',
            paidOn: null,
            note: null,
            now: TEST_NOW,
            actor: ORGANISER,
          }),
        ).toBe(false);
      });
    });

    it('credits an invoice without cancelling it; two organisers at once never credit more than the invoice', async () => {
      await withDatabase(dialect, async (database) => {
        const { deps } = registrationTestDeps(database);
        const [id] = await confirmedIds(deps, 1, 1);
        const invoice = (await documents(database))[0];
        if (!invoice) throw new Error('no invoice');
        const credit = (netOre: number, db: Database = database) =>
          creditInvoice(
            { database: db, baseUrl: 'http://holdet.test' },
            {
              invoiceId: invoice.id,
              choice: { kind: 'part', netOre },
              reason: 'Aftalt nedsættelse',
              now: TEST_NOW,
              actor: ORGANISER,
            },
          );
        expect(await credit(300_000)).toMatchObject({ kind: 'credited', document: { number: '2026-0002' } });
        // 15.000 kr. left; two credits of 10.000 kr. at once (on PostgreSQL through two pools): one is refused.
        const other = dialect === 'postgres' ? openDatabase(database.url, { poolSize: 2 }) : database;
        try {
          const outcomes = await Promise.all([credit(1_000_000), credit(1_000_000, other)]);
          expect(outcomes.map((o) => o.kind).sort()).toEqual(['credited', 'refused']);
          expect(outcomes.find((o) => o.kind === 'refused')).toEqual({
            kind: 'refused',
            reason: 'too-large',
            remainingOre: 500_000,
          });
        } finally {
          if (other !== database) await other.close();
        }
        const rows = await documents(database);
        expect(rows.map((r) => [r.number, r.kind, r.net_ore])).toEqual([
          ['2026-0001', 'invoice', 1_800_000],
          ['2026-0002', 'credit_note', 300_000],
          ['2026-0003', 'credit_note', 1_000_000],
        ]);
        expect(await creditableInvoice(database.db, invoice.id)).toMatchObject({ remainingOre: 500_000 });
        // The registration stands.
        const registration = await database.db
          .selectFrom('registration')
          .select('status')
          .where('id', '=', id ?? '')
          .executeTakeFirstOrThrow();
        expect(registration.status).toBe('confirmed');
        // A credit note cannot itself be credited.
        await expect(
          creditInvoice(
            { database, baseUrl: 'x' },
            {
              invoiceId: rows[1]?.id ?? '',
              choice: { kind: 'full' },
              reason: 'x',
              now: TEST_NOW,
              actor: ORGANISER,
            },
          ),
        ).rejects.toThrow('no such invoice');
      });
    });

    const instances = dialect === 'postgres' ? 2 : 1;
    it(`many confirmations and credits at once on ${instances} instance(s): numbers 1..n, no gap, no duplicate`, async () => {
      await withDatabase(dialect, async (database) => {
        const PEOPLE = 80;
        await setCapacity(database, PEOPLE);
        // PostgreSQL: a second pool is a second app instance (its own group-commit queue and connections).
        const others: Database[] = instances > 1 ? [openDatabase(database.url, { poolSize: 10 })] : [];
        try {
          const all = [database, ...others].map((db) => registrationTestDeps(db).deps);
          const series = await seriesTermsBySlug(database.db, SLUG_2027);
          if (!series) throw new Error('no demo series');
          const registered = await Promise.all(
            Array.from({ length: PEOPLE }, (_, i) =>
              registerIn(all[i % all.length] as RegistrationDeps, series, form(i + 1), 'da'),
            ),
          );
          expect(registered.every((o) => o?.kind === 'reserved')).toBe(true);
          // Everyone confirms at once, through both instances: each confirmation issues an invoice.
          const outcomes = await Promise.all(
            registered.map(async (o, i) => {
              const deps = all[i % all.length] as RegistrationDeps;
              const { token } = await confirmationFromMail(database, form(i + 1).participant_email);
              const confirmed = await confirmWithToken(deps, token);
              return confirmed.kind === 'confirmed' && o?.kind === 'reserved'
                ? { kind: 'confirmed' as const, registrationId: o.registrationId }
                : null;
            }),
          );
          expect(outcomes.every((o) => o?.kind === 'confirmed')).toBe(true);
          // Then a third of them are cancelled with a full credit, through both instances at once.
          const cancelIds = outcomes
            .filter((_, i) => i % 3 === 0)
            .map((o) => (o?.kind === 'confirmed' ? o.registrationId : ''));
          const cancels = await Promise.all(
            cancelIds.map((registrationId, i) =>
              cancelRegistration(all[i % all.length] as RegistrationDeps, {
                registrationId,
                reason: 'Samtidig',
                credit: { kind: 'full' },
                actor: ORGANISER,
              }),
            ),
          );
          expect(cancels.every((c) => c.kind === 'cancelled' && c.credit !== null)).toBe(true);
          const rows = await documents(database);
          const total = PEOPLE + cancelIds.length;
          expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
          expect(new Set(rows.map((r) => r.number)).size).toBe(total);
          expect(rows.filter((r) => r.kind === 'invoice')).toHaveLength(PEOPLE);
          expect(new Set(rows.filter((r) => r.kind === 'invoice').map((r) => r.registration_id)).size).toBe(
            PEOPLE,
          );
          const seriesId = await seriesIdOf(database.db, SLUG_2027);
          expect(rows.every((r) => r.series_id === seriesId)).toBe(true);
          const sequence = await database.db.selectFrom('invoice_sequence').selectAll().execute();
          expect(sequence).toEqual([expect.objectContaining({ prefix: '2026-', next_number: total + 1 })]);
        } finally {
          for (const other of others) await other.close();
        }
      });
    });
  });
}
