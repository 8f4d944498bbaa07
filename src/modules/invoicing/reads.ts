import type { Executor } from '../../db/database.ts';
import type { DocumentKind, InvoiceDocument } from './model.ts';
import * as q from './queries.ts';
import { type DocumentStatus, statusOf } from './rules.ts';

// Read models for the invoice pages, the CSV and Min side. A document's status depends on the other
// documents of its registration (its credit notes) and on today's date, so it is computed here, never stored.

export interface DocumentRow {
  id: string;
  number: string;
  kind: DocumentKind;
  registrationId: string;
  accountId: string | null;
  issueDate: string;
  dueDate: string;
  buyerName: string;
  buyerCvr: string;
  buyerEan: string | null;
  participantName: string;
  netOre: number;
  vatOre: number;
  totalOre: number;
  publicBuyer: boolean;
  paidOn: string | null;
  paidNote: string | null;
  sentAt: string | null;
  status: DocumentStatus;
  /** Credit notes: the invoice they credit. */
  credits: { id: string; number: string } | null;
}

/** Turns query rows into display rows; `rows` must hold every document of each registration present. */
function toRows(rows: readonly q.DocumentListRow[], today: string): DocumentRow[] {
  const byRegistration = new Map<string, q.DocumentListRow[]>();
  const byId = new Map<string, q.DocumentListRow>();
  for (const r of rows) {
    byRegistration.set(r.registration_id, [...(byRegistration.get(r.registration_id) ?? []), r]);
    byId.set(r.id, r);
  }
  return rows.map((r) => {
    const credited = r.credited_invoice_id ? byId.get(r.credited_invoice_id) : undefined;
    return {
      id: r.id,
      number: r.number,
      kind: r.kind,
      registrationId: r.registration_id,
      accountId: r.account_id,
      issueDate: r.issue_date,
      dueDate: r.due_date,
      buyerName: r.buyer_name,
      buyerCvr: r.buyer_cvr,
      buyerEan: r.buyer_ean,
      participantName: r.attendee_name,
      // bigint columns: pg gives numbers (connect.ts), but be sure.
      netOre: Number(r.net_ore),
      vatOre: Number(r.vat_ore),
      totalOre: Number(r.total_ore),
      publicBuyer: r.public_buyer === 1,
      paidOn: r.paid_on,
      paidNote: r.paid_note,
      sentAt: r.sent_at,
      status: statusOf(
        { ...r, net_ore: Number(r.net_ore) },
        (byRegistration.get(r.registration_id) ?? []).map((d) => ({ ...d, net_ore: Number(d.net_ore) })),
        today,
      ),
      credits: credited ? { id: credited.id, number: credited.number } : null,
    };
  });
}

/** Every document, in number order, with its status on `today` (YYYY-MM-DD). */
export async function documentRows(db: Executor, today: string): Promise<DocumentRow[]> {
  return toRows(await q.listDocuments(db), today);
}

/** E-invoices (and credit notes) to public buyers that the organiser has not yet marked as sent. */
export function awaitingSend(rows: readonly DocumentRow[]): DocumentRow[] {
  return rows.filter((r) => r.publicBuyer && r.sentAt === null);
}

/** The documents of one participant's account: theirs alone. */
export async function documentRowsOfAccount(
  db: Executor,
  accountId: string,
  today: string,
): Promise<DocumentRow[]> {
  return toRows(await q.documentsOfAccount(db, accountId), today);
}

export interface DocumentDetail {
  row: DocumentRow;
  /** The document exactly as issued. */
  document: InvoiceDocument;
  /** Invoices: their credit notes, in number order. */
  creditNotes: { id: string; number: string }[];
}

export async function documentDetail(
  db: Executor,
  id: string,
  today: string,
): Promise<DocumentDetail | null> {
  const stored = await q.documentById(db, id);
  if (!stored) return null;
  const rows = toRows(await q.documentsOfRegistration(db, stored.registration_id), today);
  const row = rows.find((r) => r.id === id);
  if (!row) return null;
  return {
    row,
    document: JSON.parse(stored.document) as InvoiceDocument,
    creditNotes: rows
      .filter((r) => r.kind === 'credit_note' && r.credits?.id === id)
      .map((r) => ({ id: r.id, number: r.number })),
  };
}

/** The stored document and whose it is, for downloads; null when there is no such document. */
export async function storedDocument(
  db: Executor,
  id: string,
): Promise<{ accountId: string | null; document: InvoiceDocument } | null> {
  const stored = await q.documentById(db, id);
  if (!stored) return null;
  return { accountId: stored.account_id, document: JSON.parse(stored.document) as InvoiceDocument };
}
