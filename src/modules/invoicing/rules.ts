// The pure rules of invoicing: what is left to credit, and the status an invoice shows.

export type CreditChoice = { kind: 'none' } | { kind: 'full' } | { kind: 'part'; netOre: number };

export type DocumentStatus = 'credit_note' | 'paid' | 'credited' | 'part_credited' | 'overdue' | 'open';

interface InvoiceLike {
  kind: 'invoice' | 'credit_note';
  id: string;
  credited_invoice_id: string | null;
  net_ore: number;
}

/** Net amount of an invoice not yet credited by its credit notes among `documents`. */
export function remainingNet(invoice: InvoiceLike, documents: readonly InvoiceLike[]): number {
  const credited = documents
    .filter((d) => d.kind === 'credit_note' && d.credited_invoice_id === invoice.id)
    .reduce((sum, d) => sum + d.net_ore, 0);
  return Math.max(0, invoice.net_ore - credited);
}

/**
 * How much a choice credits (net, excl. VAT), or why it cannot: a credit note is never negative or zero and
 * never credits more than is left.
 */
export function creditAmount(
  choice: CreditChoice,
  remaining: number,
):
  | { ok: true; netOre: number }
  | { ok: false; reason: 'nothing-left' | 'too-large' | 'not-positive' }
  | null {
  if (choice.kind === 'none') return null;
  if (remaining <= 0) return { ok: false, reason: 'nothing-left' };
  if (choice.kind === 'full') return { ok: true, netOre: remaining };
  if (!Number.isSafeInteger(choice.netOre) || choice.netOre <= 0)
    return { ok: false, reason: 'not-positive' };
  if (choice.netOre > remaining) return { ok: false, reason: 'too-large' };
  return { ok: true, netOre: choice.netOre };
}

/** The status shown for a document, given every document of the same registration and today's date. */
export function statusOf(
  doc: InvoiceLike & { paid_on: string | null; due_date: string },
  documents: readonly InvoiceLike[],
  today: string,
): DocumentStatus {
  if (doc.kind === 'credit_note') return 'credit_note';
  const left = remainingNet(doc, documents);
  if (left === 0) return 'credited';
  if (doc.paid_on) return 'paid';
  if (left < doc.net_ore) return 'part_credited';
  return doc.due_date < today ? 'overdue' : 'open';
}

/** Who asks for a document: the signed-in account (the route gate has already required one). */
export interface DocumentViewer {
  accountId: string;
  staff: boolean;
}

/**
 * May this person download this invoice or credit note from Min side? Only the participant whose registration
 * it was issued for (the account made when they confirmed). Staff read documents in the back office instead,
 * so Min side shows them none; anyone else's document is "not found", never "forbidden", so ids cannot be probed.
 */
export function mayDownloadOwnDocument(
  viewer: DocumentViewer,
  document: { accountId: string | null },
): boolean {
  return document.accountId !== null && document.accountId === viewer.accountId;
}
