import type { Generated } from 'kysely';
import type { DocumentKind } from './model.ts';

// Invoices and credit notes. A row is written once, when the document is issued, and its content (the
// `document` JSON, the number, the amounts) is never changed or deleted afterwards: only the payment and
// delivery marks (paid_*, sent_at) are set later. Accounting law keeps them five years.

export interface InvoiceTable {
  id: string;
  organiser_id: string;
  /** The full number, e.g. "2027-0001"; unique per organiser. */
  number: string;
  /** The prefix the number was drawn under (the sequence family) and its place in it: 1, 2, 3 … */
  prefix: string;
  seq: number;
  kind: DocumentKind;
  registration_id: string;
  series_id: string;
  /** The participant's account: the one person besides the organiser who may see the document. */
  account_id: string | null;
  /** Credit notes: the invoice they credit. */
  credited_invoice_id: string | null;
  /** YYYY-MM-DD, Copenhagen days. */
  issue_date: string;
  due_date: string;
  issued_at: string;
  net_ore: number;
  vat_ore: number;
  total_ore: number;
  /** 1 when the buyer needs an e-invoice (EAN). */
  public_buyer: number;
  buyer_name: string;
  buyer_cvr: string;
  buyer_ean: string | null;
  /** The attendee's name as issued (the document's participantName), for lists without the document. */
  attendee_name: Generated<string>;
  /** The whole InvoiceDocument (model.ts) as issued, JSON. */
  document: string;
  /** Invoices only: when the buyer paid (YYYY-MM-DD) and a note. */
  paid_on: string | null;
  paid_note: string | null;
  /** When the organiser marked the e-invoice as delivered (uploaded to NemHandel or their system). */
  sent_at: string | null;
  created_at: string;
}

/** One gapless number sequence per organiser and prefix: next_number is the number the next document gets. */
export interface InvoiceSequenceTable {
  organiser_id: string;
  prefix: string;
  next_number: number;
}
