import { createHash } from 'node:crypto';
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { formatDate } from '../../shared/danish.ts';
import { decimalAmount, type InvoiceDocument, totalsOf } from './model.ts';

// What the OIOUBL and Peppol writers share: the UBL 2.1 namespaces, a thin wrapper over xmlbuilder2 that
// writes cac:/cbc: elements in the order the writer calls them (UBL schemas are sequences, so order is
// the writer's job), text that XML 1.0 can carry, and the checks a document must pass before it is written.

export const UBL_NS = {
  invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  creditNote: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
} as const;

// Characters XML 1.0 cannot carry at all (C0 controls except tab/LF/CR, lone surrogates, U+FFFE/U+FFFF).
// xmlbuilder2 escapes &, <, > and quotes but passes these through, which would make the file unreadable.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text as XML 1.0 can carry it: forbidden characters dropped, CR/CRLF as LF (a parser does the same). */
export function xmlText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(NOT_XML_CHAR, '');
}

// xmlbuilder2 4.0.3 takes any `&name;` or `&#123;` in a value for an entity already escaped and writes it
// as is: a name typed as "R&D;" would come out as an undefined entity, "&amp;" would read back as "&".
// Escaping every & first makes its output exact (it leaves the `&amp;` it then sees alone, and escapes <, >, ").
function ampEscaped(text: string): string {
  return xmlText(text).replace(/&/g, '&amp;');
}

export type Attrs = Record<string, string>;

/** One UBL element under construction; `cac` nests an aggregate, `cbc` writes a basic value. */
export class UblNode {
  constructor(private readonly el: XMLBuilder) {}

  cac(name: string, build: (node: UblNode) => void): this {
    build(new UblNode(this.el.ele(UBL_NS.cac, `cac:${name}`)));
    return this;
  }

  cbc(name: string, text: string, attrs: Attrs = {}): this {
    const clean: Attrs = {};
    for (const [k, v] of Object.entries(attrs)) clean[k] = ampEscaped(v);
    this.el.ele(UBL_NS.cbc, `cbc:${name}`, clean).txt(ampEscaped(text));
    return this;
  }

  /** Skips null and blank values: both OIOUBL and Peppol reject empty elements. */
  cbcOpt(name: string, text: string | null | undefined, attrs: Attrs = {}): this {
    return text != null && text.trim() !== '' ? this.cbc(name, text, attrs) : this;
  }

  /** An amount in øre as `1234.50` with its currency. */
  amount(name: string, ore: number, currency: string): this {
    return this.cbc(name, decimalAmount(ore), { currencyID: currency });
  }
}

/** A whole UBL document: the root in its own default namespace, cac/cbc declared once on it. */
export function ublDocument(root: 'Invoice' | 'CreditNote', build: (node: UblNode) => void): string {
  const ns = root === 'Invoice' ? UBL_NS.invoice : UBL_NS.creditNote;
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const el = doc.ele(ns, root, { 'xmlns:cac': UBL_NS.cac, 'xmlns:cbc': UBL_NS.cbc });
  build(new UblNode(el));
  return `${doc.end({ prettyPrint: true })}\n`;
}

/**
 * A stable UUID (8-4-4-4-12, version 5 layout) from the seller, kind and number: writing the same issued
 * document twice gives the same file, and the receiver sees one document, not two.
 */
export function documentUuid(doc: InvoiceDocument): string {
  const hex = createHash('sha1').update(`holdet:${doc.seller.cvr}:${doc.kind}:${doc.number}`).digest('hex');
  const variant = ((Number.parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The seller's or buyer's CVR the way both formats write it: `DK12345678`. */
export function dkCvr(cvr: string): string {
  return `DK${cvr}`;
}

/** Street and house number apart when the street ends in one ("Nørregade 7", "Vej 12B"), else null. */
export function splitStreet(street: string): { name: string; number: string } | null {
  const m = /^(.*\S)\s+(\d{1,4}\s?[A-Za-z]?)$/.exec(street.trim());
  return m?.[1] && m[2] ? { name: m[1], number: m[2].replace(/\s/g, '') } : null;
}

/** "Deltager: …. Datoer: 7. juni 2027, …": who attends and when, for the line's item description. */
export function participantText(doc: InvoiceDocument): string {
  const da = doc.lang === 'da';
  const who = `${da ? 'Deltager' : 'Participant'}: ${doc.participantName}`;
  const days = doc.series.sessionDates.map((d) => formatDate(`${d}T12:00:00.000Z`, doc.lang));
  return days.length === 0 ? who : `${who}. ${da ? 'Datoer' : 'Dates'}: ${days.join(', ')}`;
}

/** The payment terms as a sentence, in the document's language. */
export function paymentTermsText(doc: InvoiceDocument): string {
  if (doc.kind === 'credit_note') {
    return doc.lang === 'da'
      ? `Kreditnota til faktura ${doc.billingReference?.number ?? ''}`.trim()
      : `Credit note for invoice ${doc.billingReference?.number ?? ''}`.trim();
  }
  return doc.lang === 'da'
    ? `Netto ${doc.paymentTermsDays} dage, forfald ${doc.dueDate}`
    : `Net ${doc.paymentTermsDays} days, due ${doc.dueDate}`;
}

/**
 * Refuses a document the formats cannot carry correctly, before a byte is written: a receiver must never
 * get amounts that do not add up. Rates must be positive whole basis points (both writers use the
 * standard-rated category; 0 % would need an exemption category and reason, which Holdet does not issue).
 */
export function assertWritable(doc: InvoiceDocument): void {
  const fail = (why: string) => {
    throw new Error(`Invoice document ${doc.number} cannot be written as e-invoice: ${why}`);
  };
  if (doc.lines.length === 0) fail('it has no lines');
  if (!/^\d{8}$/.test(doc.seller.cvr)) fail(`seller CVR "${doc.seller.cvr}" is not 8 digits`);
  if (!/^\d{8}$/.test(doc.buyer.cvr)) fail(`buyer CVR "${doc.buyer.cvr}" is not 8 digits`);
  if (doc.buyer.ean !== null && !/^\d{13}$/.test(doc.buyer.ean))
    fail(`EAN "${doc.buyer.ean}" is not 13 digits`);
  if (doc.kind === 'credit_note' && !doc.billingReference) fail('a credit note needs its billing reference');
  for (const l of doc.lines) {
    if (!Number.isInteger(l.vatRateBp) || l.vatRateBp <= 0 || l.vatRateBp > 10_000) {
      fail(`line ${l.id} has VAT rate ${l.vatRateBp} bp; only positive standard rates are supported`);
    }
    if (l.netOre !== l.quantity * l.unitPriceOre) fail(`line ${l.id} net is not quantity × unit price`);
    if (l.netOre < 0) fail(`line ${l.id} is negative`);
  }
  // Field by field: a document read back from JSONB has its keys in another order.
  const want = totalsOf(doc.lines);
  const got = doc.totals;
  const same =
    got.netOre === want.netOre &&
    got.vatOre === want.vatOre &&
    got.totalOre === want.totalOre &&
    got.vat.length === want.vat.length &&
    want.vat.every((w, i) => {
      const g = got.vat[i];
      return g?.vatRateBp === w.vatRateBp && g.baseOre === w.baseOre && g.vatOre === w.vatOre;
    });
  if (!same) fail('its totals are not the sum of its lines');
}

/**
 * The document's LegalMonetaryTotal. `taxExclusiveOre` is where the formats differ: OIOUBL puts the total VAT
 * there (its rule F-INV127), Peppol the net amount (BT-109).
 */
export function legalMonetaryTotal(root: UblNode, doc: InvoiceDocument, taxExclusiveOre: number): void {
  const cur = doc.currency;
  root.cac('LegalMonetaryTotal', (m) =>
    m
      .amount('LineExtensionAmount', doc.totals.netOre, cur)
      .amount('TaxExclusiveAmount', taxExclusiveOre, cur)
      .amount('TaxInclusiveAmount', doc.totals.totalOre, cur)
      .amount('PayableAmount', doc.totals.totalOre, cur),
  );
}

/**
 * InvoicePeriod (first to last session), OrderReference and, on a credit note, the BillingReference to the
 * invoice it credits — in the order both UBL customisations want them.
 */
export function periodAndReferences(root: UblNode, doc: InvoiceDocument): void {
  const first = doc.series.sessionDates[0];
  const last = doc.series.sessionDates.at(-1);
  if (first && last) root.cac('InvoicePeriod', (p) => p.cbc('StartDate', first).cbc('EndDate', last));
  const order = doc.buyer.orderNumber;
  if (order?.trim()) root.cac('OrderReference', (o) => o.cbc('ID', order));
  const ref = doc.billingReference;
  if (doc.kind === 'credit_note' && ref) {
    root.cac('BillingReference', (b) =>
      b.cac('InvoiceDocumentReference', (r) => r.cbc('ID', ref.number).cbc('IssueDate', ref.issueDate)),
    );
  }
}
