import { formatDayList, type Lang } from '../../shared/danish.ts';
import { type Buyer, type InvoiceDocument, line, type Seller, totalsOf } from './model.ts';

// Builds the documents Holdet issues from what the database holds. Pure: the service draws the number and
// stores the result; the writers (pdf.ts, oioubl.ts, peppol.ts) only ever see the stored document.

export interface InvoiceRegistration {
  id: string;
  series_id: string;
  account_id: string | null;
  participant_name: string;
  organisation_name: string;
  cvr: string;
  address_street: string;
  address_postal_code: string;
  address_city: string;
  public_buyer: number;
  ean: string | null;
  person_reference: string | null;
  order_number: string | null;
  kontostreng: string | null;
  invoice_contact_name: string;
  invoice_contact_email: string;
  lang: string;
}

export interface InvoiceSeries {
  title: string;
  priceOre: number;
  vatRateBp: number;
  /** The sessions' Copenhagen days, YYYY-MM-DD, in order. */
  sessionDays: string[];
}

export function buyerOf(r: InvoiceRegistration): Buyer {
  return {
    name: r.organisation_name,
    address: {
      street: r.address_street,
      postalCode: r.address_postal_code,
      city: r.address_city,
      countryCode: 'DK',
    },
    cvr: r.cvr,
    ean: r.public_buyer === 1 && r.ean ? r.ean : null,
    personReference: r.person_reference,
    orderNumber: r.order_number,
    kontostreng: r.kontostreng,
    contactName: r.invoice_contact_name,
    contactEmail: r.invoice_contact_email,
  };
}

export function langOf(r: { lang: string }): Lang {
  return r.lang === 'en' ? 'en' : 'da';
}

/** The invoice for one seat in a series: one line, the whole series with its session dates. */
export function buildInvoice(input: {
  number: string;
  issueDate: string;
  dueDate: string;
  paymentTermsDays: number;
  seller: Seller;
  registration: InvoiceRegistration;
  series: InvoiceSeries;
}): InvoiceDocument {
  const { registration: r, series } = input;
  const lang = langOf(r);
  const description = `${series.title}: ${formatDayList(series.sessionDays, lang)}`;
  const lines = [line('1', description, 1, series.priceOre, series.vatRateBp)];
  return {
    kind: 'invoice',
    number: input.number,
    issueDate: input.issueDate,
    dueDate: input.dueDate,
    paymentTermsDays: input.paymentTermsDays,
    currency: 'DKK',
    lang,
    seller: input.seller,
    buyer: buyerOf(r),
    participantName: r.participant_name,
    series: { title: series.title, sessionDates: series.sessionDays },
    lines,
    totals: totalsOf(lines),
    billingReference: null,
    note: null,
  };
}

/**
 * A credit note for `netOre` (excl. VAT, at most what is left to credit) of an issued invoice. It repeats the
 * invoice's parties as issued and refers to its number and date; it is never negative.
 */
export function buildCreditNote(input: {
  invoice: InvoiceDocument;
  number: string;
  issueDate: string;
  netOre: number;
  note: string | null;
}): InvoiceDocument {
  const { invoice } = input;
  const first = invoice.lines[0];
  if (!first) throw new Error('invoice without lines');
  if (!Number.isSafeInteger(input.netOre) || input.netOre <= 0) {
    throw new RangeError(`credit must be a positive number of øre: ${input.netOre}`);
  }
  const lang = invoice.lang;
  const label =
    lang === 'da' ? `Kreditering af faktura ${invoice.number}` : `Credit of invoice ${invoice.number}`;
  const lines = [line('1', `${label}: ${first.description}`, 1, input.netOre, first.vatRateBp)];
  return {
    ...invoice,
    kind: 'credit_note',
    number: input.number,
    issueDate: input.issueDate,
    dueDate: input.issueDate,
    lines,
    totals: totalsOf(lines),
    billingReference: { number: invoice.number, issueDate: invoice.issueDate },
    note: input.note,
  };
}
