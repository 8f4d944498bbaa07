import { assertOre, vatOf } from '../../shared/money.ts';

// One internal invoice model; every format (PDF, OIOUBL 2.1, Peppol BIS 3) is written from it by its own
// writer. A document is built once, when it is issued, and stored as JSON with the invoice row: what was
// issued is what is shown and downloaded forever after, even when the organiser's address changes.
// Money is integer øre; VAT is computed and rounded per line; dates are Copenhagen calendar days.

export type DocumentKind = 'invoice' | 'credit_note';

export interface Address {
  street: string;
  postalCode: string;
  city: string;
  /** ISO 3166-1 alpha-2; Holdet's buyers and sellers are Danish. */
  countryCode: string;
}

export interface Seller {
  name: string;
  address: Address;
  /** 8 digits, modulus-11 valid (without the "DK" prefix). */
  cvr: string;
  email: string;
  phone: string;
  /** Danish bank: registration number (4 digits) and account number (up to 10 digits). */
  bankRegNo: string;
  bankAccount: string;
}

export interface Buyer {
  name: string;
  address: Address;
  /** 8 digits, modulus-11 valid. */
  cvr: string;
  /** 13-digit GLN (EAN location number) of a public buyer; null for a private buyer. */
  ean: string | null;
  /** Required for public buyers (OIOUBL F-INV051); the buyer's person or department reference. */
  personReference: string | null;
  orderNumber: string | null;
  /** The buyer's accounting string (kontostreng). */
  kontostreng: string | null;
  contactName: string;
  contactEmail: string;
}

export interface InvoiceLine {
  /** "1", "2", … */
  id: string;
  description: string;
  quantity: number;
  /** Net price of one unit. */
  unitPriceOre: number;
  /** quantity × unit price. */
  netOre: number;
  /** Basis points: 2500 = 25 %. */
  vatRateBp: number;
  /** round(net × rate), per line. */
  vatOre: number;
}

export interface VatBreakdown {
  vatRateBp: number;
  baseOre: number;
  vatOre: number;
}

export interface Totals {
  netOre: number;
  vatOre: number;
  totalOre: number;
  vat: VatBreakdown[];
}

export interface InvoiceDocument {
  kind: DocumentKind;
  /** The gapless number, e.g. "2027-0001". */
  number: string;
  /** YYYY-MM-DD, the Copenhagen day it was issued. */
  issueDate: string;
  /** YYYY-MM-DD; for a credit note the same as the issue date. */
  dueDate: string;
  paymentTermsDays: number;
  currency: 'DKK';
  /** The language the buyer registered in: the PDF's language. */
  lang: 'da' | 'en';
  seller: Seller;
  buyer: Buyer;
  participantName: string;
  series: {
    title: string;
    /** The sessions' Copenhagen days, YYYY-MM-DD, in order. */
    sessionDates: string[];
  };
  lines: InvoiceLine[];
  totals: Totals;
  /** Credit notes only: the invoice it credits. */
  billingReference: { number: string; issueDate: string } | null;
  /** Free text shown on the document (e.g. why a registration was credited). */
  note: string | null;
}

/** A line from its net unit price; VAT rounded on the line. */
export function line(
  id: string,
  description: string,
  quantity: number,
  unitPriceOre: number,
  vatRateBp: number,
): InvoiceLine {
  assertOre(unitPriceOre);
  if (!Number.isSafeInteger(quantity) || quantity < 1) throw new RangeError(`Bad quantity: ${quantity}`);
  const netOre = assertOre(quantity * unitPriceOre);
  return { id, description, quantity, unitPriceOre, netOre, vatRateBp, vatOre: vatOf(netOre, vatRateBp) };
}

/** Sums the lines exactly; the VAT breakdown has one entry per rate, highest rate first. */
export function totalsOf(lines: readonly InvoiceLine[]): Totals {
  const byRate = new Map<number, VatBreakdown>();
  for (const l of lines) {
    const entry = byRate.get(l.vatRateBp) ?? { vatRateBp: l.vatRateBp, baseOre: 0, vatOre: 0 };
    entry.baseOre += l.netOre;
    entry.vatOre += l.vatOre;
    byRate.set(l.vatRateBp, entry);
  }
  const netOre = lines.reduce((sum, l) => sum + l.netOre, 0);
  const vatOre = lines.reduce((sum, l) => sum + l.vatOre, 0);
  return {
    netOre,
    vatOre,
    totalOre: netOre + vatOre,
    vat: [...byRate.values()].sort((a, b) => b.vatRateBp - a.vatRateBp),
  };
}

/** Øre as a decimal string with two places and a point, as XML wants it: 1800000 → "18000.00". */
export function decimalAmount(ore: number): string {
  assertOre(ore);
  const sign = ore < 0 ? '-' : '';
  const abs = Math.abs(ore);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Basis points as a percent string: 2500 → "25", 1250 → "12.5". */
export function decimalPercent(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const rest = bp % 100;
  return rest === 0 ? String(whole) : `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}`;
}
