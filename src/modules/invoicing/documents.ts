import { formatDayList, type Lang } from '../../shared/danish.ts';
import { type Buyer, type InvoiceDocument, line, type Seller, totalsOf } from './model.ts';

// Builds the documents Holdet issues from what the database holds. Pure: the service draws the number and
// stores the result; the writers (pdf.ts, oioubl.ts, peppol.ts) only ever see the stored document.

/**
 * What issuing needs of a registration: the registration module hands its domain object (its Registration
 * fits this shape), so invoicing never reads the registration's tables.
 */
export interface InvoiceRegistration {
  id: string;
  seriesId: string;
  lang: string;
  buyer: {
    organisationName: string;
    cvr: string;
    address: { street: string; postalCode: string; city: string };
    publicBuyer: boolean;
    ean: string | null;
    personReference: string | null;
    orderNumber: string | null;
    kontostreng: string | null;
    invoiceContact: { name: string; email: string };
  };
  attendee: { name: string; accountId: string | null };
}

export interface InvoiceSeries {
  title: string;
  priceOre: number;
  vatRateBp: number;
  /** The sessions' Copenhagen days, YYYY-MM-DD, in order. */
  sessionDays: string[];
}

export function buyerOf({ buyer: b }: InvoiceRegistration): Buyer {
  return {
    name: b.organisationName,
    address: { ...b.address, countryCode: 'DK' },
    cvr: b.cvr,
    ean: b.publicBuyer && b.ean ? b.ean : null,
    personReference: b.personReference,
    orderNumber: b.orderNumber,
    kontostreng: b.kontostreng,
    contactName: b.invoiceContact.name,
    contactEmail: b.invoiceContact.email,
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
    participantName: r.attendee.name,
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
