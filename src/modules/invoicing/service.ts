import type { Database, Executor, Tx } from '../../db/database.ts';
import { lockSeries } from '../../db/lock.ts';
import { enqueueMail } from '../../email/outbox.ts';
import { type Actor, auditedChange, writeAudit } from '../../shared/audit.ts';
import { copenhagenDay } from '../../shared/danish.ts';
import { AppError } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { organiserSettings, seriesBilling, updateOrganiserSettings } from '../series/service.ts';
import { invoicePdfAttachment } from './attachments.ts';
import {
  buildCreditNote,
  buildInvoice,
  type InvoiceRegistration,
  type InvoiceSeries,
  langOf,
} from './documents.ts';
import { invoiceMail } from './emails.ts';
import type { InvoiceDocument, Seller } from './model.ts';
import * as q from './queries.ts';
import { type CreditChoice, creditAmount, remainingNet } from './rules.ts';
import {
  addDays,
  formatInvoiceNumber,
  type InvoiceSettings,
  invoiceSettings,
  prefixFor,
} from './settings.ts';

export type { InvoiceRegistration } from './documents.ts';
export { type DocumentRow, documentRowsOfAccount } from './reads.ts';
export type { CreditChoice } from './rules.ts';
export { MyInvoices } from './views.tsx';

// The invoicing module's only door (what others may use is exported here), and the issuing of invoices
// and credit notes. Always inside the transaction of the change that causes them (a seat
// confirmed, a registration cancelled), so a document exists exactly when its cause does, and its number is
// drawn from a sequence row that the transaction holds locked until it commits.

export interface IssuedDocument {
  id: string;
  number: string;
  kind: InvoiceDocument['kind'];
}

interface Issuer {
  organiserId: string;
  seller: Seller;
  settings: InvoiceSettings;
  series: Record<'da' | 'en', InvoiceSeries>;
}

async function issuerFor(tx: Tx, seriesId: string): Promise<Issuer> {
  // On the transaction: the invoice says what the series and its organiser say as it is issued.
  const s = await seriesBilling(tx, seriesId);
  if (!s) throw new AppError('not_found', `no series ${seriesId}`);
  const o = s.organiser;
  const settings = invoiceSettings(o.settingsJson);
  const sessionDays = s.sessionStarts.map((at) => copenhagenDay(at));
  const common = { priceOre: s.priceOre, vatRateBp: s.vatRateBp, sessionDays };
  const year = sessionDays[0]?.slice(0, 4);
  const withYear = (title: string) => (year ? `${title} ${year}` : title);
  return {
    organiserId: o.id,
    settings,
    seller: {
      name: o.name,
      address: { street: o.street, postalCode: o.postalCode, city: o.city, countryCode: 'DK' },
      cvr: o.cvr,
      email: o.email,
      phone: o.phone,
      bankRegNo: settings.bankRegNo,
      bankAccount: settings.bankAccount,
    },
    // The hold's year, as the series page writes it: a masterclass runs again in later years.
    series: {
      da: { title: withYear(s.titleDa), ...common },
      en: { title: withYear(s.titleEn), ...common },
    },
  };
}

async function nextNumber(tx: Tx, issuer: Issuer, issueDate: string) {
  const prefix = prefixFor(issuer.settings, issueDate);
  const seq = await q.drawNumber(tx, issuer.organiserId, prefix, issuer.settings.invoiceStartNumber);
  return { prefix, seq, number: formatInvoiceNumber(prefix, seq, issuer.settings.invoiceNumberDigits) };
}

/** Stores an issued document, mails its PDF to the buyer's invoice contact, and writes the audit line. */
async function store(
  tx: Tx,
  input: {
    doc: InvoiceDocument;
    prefix: string;
    seq: number;
    organiserId: string;
    registration: { id: string; seriesId: string; accountId: string | null };
    attendeeName: string;
    creditedInvoiceId: string | null;
    publicBuyer: boolean;
    now: Date;
    actor: Actor;
    baseUrl: string;
  },
): Promise<IssuedDocument> {
  const { doc, now } = input;
  const id = newId();
  const at = now.toISOString();
  await q.insertInvoice(tx, {
    id,
    organiser_id: input.organiserId,
    number: doc.number,
    prefix: input.prefix,
    seq: input.seq,
    kind: doc.kind,
    registration_id: input.registration.id,
    series_id: input.registration.seriesId,
    account_id: input.registration.accountId,
    credited_invoice_id: input.creditedInvoiceId,
    issue_date: doc.issueDate,
    due_date: doc.dueDate,
    issued_at: at,
    net_ore: doc.totals.netOre,
    vat_ore: doc.totals.vatOre,
    total_ore: doc.totals.totalOre,
    public_buyer: input.publicBuyer ? 1 : 0,
    buyer_name: doc.buyer.name,
    buyer_cvr: doc.buyer.cvr,
    buyer_ean: doc.buyer.ean,
    attendee_name: input.attendeeName,
    document: JSON.stringify(doc),
    paid_on: null,
    paid_note: null,
    sent_at: null,
    created_at: at,
  });
  await enqueueMail(tx, invoiceMail(doc, invoicePdfAttachment(doc, id), `${input.baseUrl}/min-side`), now);
  // A new document has only an "after" (there is no before to read), so writeAudit, not auditedChange.
  await writeAudit(tx, {
    actor: input.actor,
    action: doc.kind === 'invoice' ? 'invoice.issued' : 'invoice.credited',
    entity: 'invoice',
    entityId: id,
    after: {
      number: doc.number,
      kind: doc.kind,
      registration_id: input.registration.id,
      total_ore: doc.totals.totalOre,
      ...(doc.billingReference ? { credits: doc.billingReference.number } : {}),
    },
    at: now,
  });
  return { id, number: doc.number, kind: doc.kind };
}

/**
 * Issues one invoice per newly confirmed registration, in the given order (numbers follow it). Call it in
 * the transaction that confirms them.
 */
export async function issueInvoices(
  tx: Tx,
  registrations: readonly InvoiceRegistration[],
  ctx: { now: Date; actor: Actor; baseUrl: string },
): Promise<IssuedDocument[]> {
  const issued: IssuedDocument[] = [];
  const issuers = new Map<string, Issuer>();
  const issueDate = copenhagenDay(ctx.now);
  for (const registration of registrations) {
    let issuer = issuers.get(registration.seriesId);
    if (!issuer) {
      issuer = await issuerFor(tx, registration.seriesId);
      issuers.set(registration.seriesId, issuer);
    }
    const { prefix, seq, number } = await nextNumber(tx, issuer, issueDate);
    const doc = buildInvoice({
      number,
      issueDate,
      dueDate: addDays(issueDate, issuer.settings.paymentTermsDays),
      paymentTermsDays: issuer.settings.paymentTermsDays,
      seller: issuer.seller,
      registration,
      series: issuer.series[langOf(registration)],
    });
    issued.push(
      await store(tx, {
        doc,
        prefix,
        seq,
        organiserId: issuer.organiserId,
        registration: {
          id: registration.id,
          seriesId: registration.seriesId,
          accountId: registration.attendee.accountId,
        },
        attendeeName: registration.attendee.name,
        creditedInvoiceId: null,
        publicBuyer: registration.buyer.publicBuyer,
        ...ctx,
      }),
    );
  }
  return issued;
}

export type CreditOutcome =
  | { kind: 'none' }
  | { kind: 'credited'; document: IssuedDocument }
  | {
      kind: 'refused';
      reason: 'nothing-left' | 'too-large' | 'not-positive' | 'no-invoice';
      remainingOre: number;
    };

/**
 * Credits (part of) a registration's invoice per the organiser's choice. Returns 'refused' without writing
 * anything when the choice cannot be honoured, so the caller can roll the whole change back.
 */
export async function creditRegistration(
  tx: Tx,
  input: CreditInput & { registrationId: string },
): Promise<CreditOutcome> {
  if (input.choice.kind === 'none') return { kind: 'none' };
  const documents = await q.documentsOfRegistration(tx, input.registrationId);
  const invoice = documents.filter((d) => d.kind === 'invoice').at(-1);
  if (!invoice) return { kind: 'refused', reason: 'no-invoice', remainingOre: 0 };
  return creditFrom(tx, invoice, documents, input);
}

interface CreditInput {
  choice: CreditChoice;
  reason: string;
  now: Date;
  actor: Actor;
  baseUrl: string;
}

/** Issues the credit note for `invoice`, given every document of its registration. */
async function creditFrom(
  tx: Tx,
  invoice: q.DocumentListRow,
  documents: readonly q.DocumentListRow[],
  input: CreditInput,
): Promise<CreditOutcome> {
  const remaining = remainingNet(invoice, documents);
  const amount = creditAmount(input.choice, remaining);
  if (!amount) return { kind: 'none' };
  if (!amount.ok) return { kind: 'refused', reason: amount.reason, remainingOre: remaining };
  const stored = await q.documentById(tx, invoice.id);
  if (!stored) throw new AppError('not_found', 'invoice vanished');
  const original = JSON.parse(stored.document) as InvoiceDocument;
  const issuer = await issuerFor(tx, invoice.series_id);
  const issueDate = copenhagenDay(input.now);
  const { prefix, seq, number } = await nextNumber(tx, issuer, issueDate);
  const doc = buildCreditNote({
    invoice: original,
    number,
    issueDate,
    netOre: amount.netOre,
    note: input.reason,
  });
  const document = await store(tx, {
    doc,
    prefix,
    seq,
    organiserId: issuer.organiserId,
    registration: {
      id: invoice.registration_id,
      seriesId: invoice.series_id,
      accountId: invoice.account_id,
    },
    attendeeName: invoice.attendee_name,
    creditedInvoiceId: invoice.id,
    publicBuyer: invoice.public_buyer === 1,
    now: input.now,
    actor: input.actor,
    baseUrl: input.baseUrl,
  });
  return { kind: 'credited', document };
}

/**
 * Credits an invoice without cancelling its registration (a price agreed down, a complaint settled). Under
 * the lock of its series, like every cancellation that credits, so two organisers can never credit more than
 * the invoice between them.
 */
export async function creditInvoice(
  deps: { database: Database; baseUrl: string },
  input: Omit<CreditInput, 'baseUrl'> & { invoiceId: string },
): Promise<CreditOutcome> {
  const { database } = deps;
  return database.db.transaction().execute(async (tx) => {
    const found = await q.documentById(tx, input.invoiceId);
    if (found?.kind !== 'invoice') throw new AppError('not_found', 'no such invoice');
    await lockSeries(tx, database.dialect, found.series_id);
    const documents = await q.documentsOfRegistration(tx, found.registration_id);
    const invoice = documents.find((d) => d.id === found.id);
    if (!invoice) throw new AppError('not_found', 'no such invoice');
    return creditFrom(tx, invoice, documents, { ...input, baseUrl: deps.baseUrl });
  });
}

/** What is left to credit on an invoice: for the cancel page and the credit page. */
export interface Creditable {
  invoiceId: string;
  invoiceNumber: string;
  registrationId: string;
  remainingOre: number;
  vatRateBp: number;
  buyerName: string;
  participantName: string;
}

/** What is left to credit on a registration's (latest) invoice; null when it has none. */
export async function creditable(db: Executor, registrationId: string): Promise<Creditable | null> {
  const documents = await q.documentsOfRegistration(db, registrationId);
  const invoice = documents.filter((d) => d.kind === 'invoice').at(-1);
  return invoice ? creditableOf(db, invoice, documents) : null;
}

/** The same for one invoice by its id; null when there is no such invoice. */
export async function creditableInvoice(db: Executor, invoiceId: string): Promise<Creditable | null> {
  const found = await q.documentById(db, invoiceId);
  if (found?.kind !== 'invoice') return null;
  const documents = await q.documentsOfRegistration(db, found.registration_id);
  const invoice = documents.find((d) => d.id === invoiceId);
  return invoice ? creditableOf(db, invoice, documents) : null;
}

async function creditableOf(
  db: Executor,
  invoice: q.DocumentListRow,
  documents: readonly q.DocumentListRow[],
): Promise<Creditable> {
  const stored = await q.documentById(db, invoice.id);
  const doc = stored ? (JSON.parse(stored.document) as InvoiceDocument) : null;
  return {
    invoiceId: invoice.id,
    invoiceNumber: invoice.number,
    registrationId: invoice.registration_id,
    remainingOre: remainingNet(invoice, documents),
    vatRateBp: doc?.lines[0]?.vatRateBp ?? 0,
    buyerName: invoice.buyer_name,
    participantName: invoice.attendee_name,
  };
}

/** Marks an invoice paid on a day with a note, or (paidOn null) not paid after all. Audited. */
export async function markPaid(
  database: Database,
  input: { invoiceId: string; paidOn: string | null; note: string | null; now: Date; actor: Actor },
): Promise<boolean> {
  const outcome = await database.db.transaction().execute((tx) =>
    auditedChange(tx, {
      read: async (tx) => {
        const row = await q.documentById(tx, input.invoiceId);
        return row?.kind === 'invoice' ? row : null;
      },
      write: (tx) => q.setPaid(tx, input.invoiceId, input.paidOn, input.note),
      audit: (before) => ({
        actor: input.actor,
        action: input.paidOn ? 'invoice.paid' : 'invoice.unpaid',
        entity: 'invoice',
        entityId: input.invoiceId,
        before: { paid_on: before.paid_on, paid_note: before.paid_note },
        after: { paid_on: input.paidOn, paid_note: input.note },
        at: input.now,
      }),
    }),
  );
  return outcome !== null;
}

/** Marks an e-invoice as delivered (uploaded to NemHandel or the organiser's system), or not. Audited. */
export async function markSent(
  database: Database,
  input: { invoiceId: string; sent: boolean; now: Date; actor: Actor },
): Promise<boolean> {
  const at = input.sent ? input.now.toISOString() : null;
  const outcome = await database.db.transaction().execute((tx) =>
    auditedChange(tx, {
      read: (tx) => q.documentById(tx, input.invoiceId),
      write: (tx) => q.setSent(tx, input.invoiceId, at),
      audit: (before) => ({
        actor: input.actor,
        action: input.sent ? 'invoice.sent' : 'invoice.unsent',
        entity: 'invoice',
        entityId: input.invoiceId,
        before: { sent_at: before.sent_at },
        after: { sent_at: at },
        at: input.now,
      }),
    }),
  );
  return outcome !== null;
}

/** The organiser's invoicing settings as they are now, with the prefixes numbers were drawn under. */
export async function currentInvoiceSettings(
  db: Executor,
): Promise<{ organiserId: string; settings: InvoiceSettings; usedPrefixes: string[] } | null> {
  const row = await organiserSettings(db);
  if (!row) return null;
  return {
    organiserId: row.organiserId,
    settings: invoiceSettings(row.settingsJson),
    usedPrefixes: await q.usedPrefixes(db, row.organiserId),
  };
}

/** Saves the invoicing settings into the organiser's settings (other keys kept), audited. */
export async function saveInvoiceSettings(
  database: Database,
  input: { settings: InvoiceSettings; now: Date; actor: Actor },
): Promise<void> {
  const outcome = await database.db.transaction().execute((tx) =>
    auditedChange(tx, {
      read: (tx) => organiserSettings(tx),
      write: (tx, before) =>
        updateOrganiserSettings(tx, before.organiserId, { ...input.settings }, input.now),
      audit: (before) => ({
        actor: input.actor,
        action: 'organiser.invoice-settings',
        entity: 'organiser',
        entityId: before.organiserId,
        before: invoiceSettings(before.settingsJson),
        after: input.settings,
        at: input.now,
      }),
    }),
  );
  if (!outcome) throw new AppError('not_found', 'no organiser');
}

/**
 * Whether an invoice has been issued for the series: its price and VAT rate are frozen then (the series
 * edit asks under the series lock, on its transaction).
 */
export function seriesHasInvoices(db: Executor, seriesId: string): Promise<boolean> {
  return q.anyInvoiceOfSeries(db, seriesId);
}
