import { type Address, decimalPercent, type InvoiceDocument, type InvoiceLine } from './model.ts';
import {
  assertWritable,
  dkCvr,
  legalMonetaryTotal,
  participantText,
  paymentTermsText,
  periodAndReferences,
  type UblNode,
  ublDocument,
} from './xml.ts';

// Peppol BIS Billing 3.0 (EN 16931 with Peppol's and Denmark's rules, DK-R-*): accepted by Danish public
// buyers through NemHandel next to OIOUBL, and the base of its successor. Checked in tests against both
// OpenPeppol schematrons (test/einvoice.ts).

const CUSTOMIZATION = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
const PROFILE = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';
/** ISO 6523 identifier schemes: 0088 = GS1 GLN, 0184 = Danish CVR. */
const GLN = { schemeID: '0088' };
const CVR = { schemeID: '0184' };
const UNIT = { unitCode: 'EA' };

/** The document as Peppol BIS Billing 3.0: an Invoice (380) or a CreditNote (381). */
export function toPeppol(doc: InvoiceDocument): string {
  assertWritable(doc);
  const credit = doc.kind === 'credit_note';
  const cur = doc.currency;
  const b = doc.buyer;
  return ublDocument(credit ? 'CreditNote' : 'Invoice', (root) => {
    root.cbc('CustomizationID', CUSTOMIZATION).cbc('ProfileID', PROFILE).cbc('ID', doc.number);
    root.cbc('IssueDate', doc.issueDate);
    if (credit) root.cbc('CreditNoteTypeCode', '381');
    else root.cbc('DueDate', doc.dueDate).cbc('InvoiceTypeCode', '380');
    // One document note at most (PEPPOL-EN16931-R002).
    root.cbcOpt('Note', doc.note).cbc('DocumentCurrencyCode', cur).cbcOpt('AccountingCost', b.kontostreng);
    // BT-10; a buyer reference or an order reference is required (PEPPOL-EN16931-R003). Public buyers
    // route by the person reference; without one, the order number, else the buyer's contact person.
    root.cbc(
      'BuyerReference',
      b.personReference?.trim() || b.orderNumber?.trim() || b.contactName.trim() || b.name,
    );
    periodAndReferences(root, doc);
    supplier(root, doc);
    customer(root, doc);
    // The seller's account is where an invoice is paid; a credit note is paid back by the seller, so it
    // carries only terms (a positive amount due needs a due date or terms, BR-CO-25).
    if (!credit) payment(root, doc);
    root.cac('PaymentTerms', (t) => t.cbc('Note', paymentTermsText(doc)));

    root.cac('TaxTotal', (t) => {
      t.amount('TaxAmount', doc.totals.vatOre, cur);
      for (const v of doc.totals.vat) {
        t.cac('TaxSubtotal', (s) => {
          s.amount('TaxableAmount', v.baseOre, cur).amount('TaxAmount', v.vatOre, cur);
          taxCategory(s, 'TaxCategory', v.vatRateBp);
        });
      }
    });
    // Unlike OIOUBL, the net amount (BT-109).
    legalMonetaryTotal(root, doc, doc.totals.netOre);
    for (const l of doc.lines) documentLine(root, doc, l);
  });
}

function address(node: UblNode, a: Address): void {
  node.cac('PostalAddress', (p) =>
    p
      .cbcOpt('StreetName', a.street)
      .cbcOpt('CityName', a.city)
      .cbcOpt('PostalZone', a.postalCode)
      .cac('Country', (c) => c.cbc('IdentificationCode', a.countryCode)),
  );
}

function supplier(root: UblNode, doc: InvoiceDocument): void {
  const s = doc.seller;
  root.cac('AccountingSupplierParty', (asp) =>
    asp.cac('Party', (p) => {
      p.cbc('EndpointID', dkCvr(s.cvr), CVR).cac('PartyName', (n) => n.cbc('Name', s.name));
      address(p, s.address);
      // The seller's VAT number (BT-31, needed with category S); in Denmark the CVR number with "DK".
      p.cac('PartyTaxScheme', (t) =>
        t.cbc('CompanyID', dkCvr(s.cvr)).cac('TaxScheme', (ts) => ts.cbc('ID', 'VAT')),
      )
        // DK-R-002/DK-R-014: the CVR number as legal entity, scheme 0184.
        .cac('PartyLegalEntity', (l) => l.cbc('RegistrationName', s.name).cbc('CompanyID', dkCvr(s.cvr), CVR))
        .cac('Contact', (c) => c.cbcOpt('Telephone', s.phone).cbcOpt('ElectronicMail', s.email));
    }),
  );
}

function customer(root: UblNode, doc: InvoiceDocument): void {
  const b = doc.buyer;
  root.cac('AccountingCustomerParty', (acp) =>
    acp.cac('Party', (p) => {
      // A public buyer is addressed by its location number (GLN), a private one by its CVR number.
      if (b.ean) p.cbc('EndpointID', b.ean, GLN);
      else p.cbc('EndpointID', dkCvr(b.cvr), CVR);
      p.cac('PartyName', (n) => n.cbc('Name', b.name));
      address(p, b.address);
      // DK-R-017: the buyer's CVR number with scheme 0184.
      p.cac('PartyLegalEntity', (l) => l.cbc('RegistrationName', b.name).cbc('CompanyID', dkCvr(b.cvr), CVR));
      if (b.contactName.trim() || b.contactEmail.trim()) {
        p.cac('Contact', (c) => c.cbcOpt('Name', b.contactName).cbcOpt('ElectronicMail', b.contactEmail));
      }
    }),
  );
}

function payment(root: UblNode, doc: InvoiceDocument): void {
  const s = doc.seller;
  root.cac('PaymentMeans', (pm) =>
    pm
      // 42: payment to a bank account; DK-R-006 then wants account and registration number.
      .cbc('PaymentMeansCode', '42')
      // BT-83, the text on the buyer's transfer.
      .cbc('PaymentID', doc.number)
      .cac('PayeeFinancialAccount', (a) =>
        a.cbc('ID', s.bankAccount).cac('FinancialInstitutionBranch', (f) => f.cbc('ID', s.bankRegNo)),
      ),
  );
}

function taxCategory(node: UblNode, element: 'TaxCategory' | 'ClassifiedTaxCategory', rateBp: number): void {
  node.cac(element, (c) =>
    c
      .cbc('ID', 'S')
      .cbc('Percent', decimalPercent(rateBp))
      .cac('TaxScheme', (ts) => ts.cbc('ID', 'VAT')),
  );
}

function documentLine(root: UblNode, doc: InvoiceDocument, l: InvoiceLine): void {
  const credit = doc.kind === 'credit_note';
  const cur = doc.currency;
  root.cac(credit ? 'CreditNoteLine' : 'InvoiceLine', (n) => {
    n.cbc('ID', l.id)
      .cbc(credit ? 'CreditedQuantity' : 'InvoicedQuantity', String(l.quantity), UNIT)
      .amount('LineExtensionAmount', l.netOre, cur)
      .cac('Item', (i) => {
        i.cbc('Description', participantText(doc)).cbc('Name', l.description);
        taxCategory(i, 'ClassifiedTaxCategory', l.vatRateBp);
      })
      .cac('Price', (p) => p.amount('PriceAmount', l.unitPriceOre, cur).cbc('BaseQuantity', '1', UNIT));
  });
}
