import { type Address, decimalPercent, type InvoiceDocument, type InvoiceLine } from './model.ts';
import {
  assertWritable,
  dkCvr,
  documentUuid,
  legalMonetaryTotal,
  participantText,
  paymentTermsText,
  periodAndReferences,
  splitStreet,
  type UblNode,
  ublDocument,
} from './xml.ts';

// OIOUBL 2.1 (NemHandel), profile 5 ("procurement, invoicing only"): the Danish public buyers' own format
// until Nemhandel BIS 4 replaces it. Checked in tests against the Danish Business Authority's schemas and
// schematron (test/einvoice.ts). Its one quirk worth a comment where it happens: TaxExclusiveAmount.

const PROFILE = 'urn:www.nesubl.eu:profiles:profile5:ver2.0';
const AGENCY = { schemeAgencyID: '320' };
const TAX_SCHEME = { ...AGENCY, schemeID: 'urn:oioubl:id:taxschemeid-1.1' };
const TAX_CATEGORY = { ...AGENCY, schemeID: 'urn:oioubl:id:taxcategoryid-1.1' };
const UNIT = { unitCode: 'EA' };

/** The document as OIOUBL 2.1: an Invoice (type 380) or a CreditNote referring to its invoice. */
export function toOioubl(doc: InvoiceDocument): string {
  assertWritable(doc);
  // The public buyer routes the invoice internally by this reference; without it NemHandel rejects it.
  if (doc.buyer.ean !== null && !doc.buyer.personReference?.trim()) {
    throw new Error(
      `Invoice document ${doc.number}: a public buyer (EAN ${doc.buyer.ean}) needs a person reference (OIOUBL F-INV051)`,
    );
  }
  const rates = new Set(doc.lines.map((l) => l.vatRateBp));
  // OIOUBL allows one TaxSubtotal per category (F-LIB315), so two standard rates cannot be told apart.
  if (rates.size > 1)
    throw new Error(`Invoice document ${doc.number}: OIOUBL carries one VAT rate per document`);

  const credit = doc.kind === 'credit_note';
  const cur = doc.currency;
  return ublDocument(credit ? 'CreditNote' : 'Invoice', (root) => {
    root
      .cbc('UBLVersionID', '2.1')
      .cbc('CustomizationID', 'OIOUBL-2.1')
      .cbc('ProfileID', PROFILE, { ...AGENCY, schemeID: 'urn:oioubl:id:profileid-1.2' })
      .cbc('ID', doc.number)
      .cbc('CopyIndicator', 'false')
      .cbc('UUID', documentUuid(doc))
      .cbc('IssueDate', doc.issueDate);
    if (!credit) {
      root.cbc('InvoiceTypeCode', '380', {
        listAgencyID: '320',
        listID: 'urn:oioubl:codelist:invoicetypecode-1.1',
      });
    }
    root
      .cbcOpt('Note', doc.note)
      .cbc('DocumentCurrencyCode', cur)
      .cbcOpt('AccountingCost', doc.buyer.kontostreng);
    periodAndReferences(root, doc);
    supplier(root, doc);
    customer(root, doc);
    if (!credit) payment(root, doc);

    root.cac('TaxTotal', (t) => {
      t.amount('TaxAmount', doc.totals.vatOre, cur);
      for (const v of doc.totals.vat) {
        t.cac('TaxSubtotal', (s) => {
          s.amount('TaxableAmount', v.baseOre, cur).amount('TaxAmount', v.vatOre, cur);
          taxCategory(s, v.vatRateBp);
        });
      }
    });
    // OIOUBL's quirk (F-INV127): TaxExclusiveAmount is the total VAT, not the net amount.
    legalMonetaryTotal(root, doc, doc.totals.vatOre);
    for (const l of doc.lines) documentLine(root, doc, l);
  });
}

function address(node: UblNode, a: Address): void {
  node.cac('PostalAddress', (p) => {
    // StructuredDK wants a house number apart (F-LIB035); a street typed without one is StructuredLax.
    const split = splitStreet(a.street);
    p.cbc('AddressFormatCode', split ? 'StructuredDK' : 'StructuredLax', {
      listAgencyID: '320',
      listID: 'urn:oioubl:codelist:addressformatcode-1.1',
    });
    if (split) p.cbc('StreetName', split.name).cbc('BuildingNumber', split.number);
    else p.cbcOpt('StreetName', a.street);
    p.cbc('CityName', a.city)
      .cbc('PostalZone', a.postalCode)
      .cac('Country', (c) => c.cbc('IdentificationCode', a.countryCode));
  });
}

function supplier(root: UblNode, doc: InvoiceDocument): void {
  const s = doc.seller;
  const cvr = { schemeID: 'DK:CVR' };
  root.cac('AccountingSupplierParty', (asp) =>
    asp.cac('Party', (p) => {
      p.cbc('EndpointID', dkCvr(s.cvr), cvr)
        .cac('PartyIdentification', (i) => i.cbc('ID', dkCvr(s.cvr), cvr))
        .cac('PartyName', (n) => n.cbc('Name', s.name));
      address(p, s.address);
      // The SE number (VAT registration) is the CVR number for a company registered as one unit.
      p.cac('PartyTaxScheme', (t) =>
        t
          .cbc('CompanyID', dkCvr(s.cvr), { schemeID: 'DK:SE' })
          .cac('TaxScheme', (ts) => ts.cbc('ID', '63', TAX_SCHEME).cbc('Name', 'Moms')),
      )
        .cac('PartyLegalEntity', (l) => l.cbc('RegistrationName', s.name).cbc('CompanyID', dkCvr(s.cvr), cvr))
        .cac('Contact', (c) => c.cbcOpt('Telephone', s.phone).cbcOpt('ElectronicMail', s.email));
    }),
  );
}

function customer(root: UblNode, doc: InvoiceDocument): void {
  const b = doc.buyer;
  const cvr = { schemeID: 'DK:CVR' };
  // A private buyer has no location number; it is reached by its CVR number instead.
  const endpoint = b.ean
    ? { id: b.ean, attrs: { schemeAgencyID: '9', schemeID: 'GLN' } }
    : { id: dkCvr(b.cvr), attrs: cvr };
  // Contact/ID must hold a value (F-INV051): the person reference, else the contact person.
  const reference = b.personReference?.trim() || b.contactName.trim() || b.name;
  root.cac('AccountingCustomerParty', (acp) =>
    acp.cac('Party', (p) => {
      p.cbc('EndpointID', endpoint.id, endpoint.attrs)
        .cac('PartyIdentification', (i) => i.cbc('ID', dkCvr(b.cvr), cvr))
        .cac('PartyName', (n) => n.cbc('Name', b.name));
      address(p, b.address);
      p.cac('PartyLegalEntity', (l) =>
        l.cbc('RegistrationName', b.name).cbc('CompanyID', dkCvr(b.cvr), cvr),
      ).cac('Contact', (c) =>
        c.cbc('ID', reference).cbcOpt('Name', b.contactName).cbcOpt('ElectronicMail', b.contactEmail),
      );
    }),
  );
}

function payment(root: UblNode, doc: InvoiceDocument): void {
  const s = doc.seller;
  root.cac('PaymentMeans', (pm) =>
    pm
      .cbc('ID', '1')
      // 42: transfer to a Danish bank account, registration number + account number (F-LIB124…132).
      .cbc('PaymentMeansCode', '42')
      .cbc('PaymentDueDate', doc.dueDate)
      .cbc('PaymentChannelCode', 'DK:BANK', {
        listAgencyID: '320',
        listID: 'urn:oioubl:codelist:paymentchannelcode-1.1',
      })
      .cac('PayeeFinancialAccount', (a) =>
        a
          .cbc('ID', s.bankAccount)
          // The text on the buyer's transfer, at most 20 characters (F-LIB129): the invoice number.
          .cbc('PaymentNote', doc.number.slice(0, 20))
          .cac('FinancialInstitutionBranch', (f) => f.cbc('ID', s.bankRegNo)),
      ),
  );
  root.cac('PaymentTerms', (t) =>
    t
      .cbc('ID', '1')
      .cbc('PaymentMeansID', '1')
      .cbc('Note', paymentTermsText(doc))
      .amount('Amount', doc.totals.totalOre, doc.currency),
  );
}

function taxCategory(node: UblNode, rateBp: number): void {
  node.cac('TaxCategory', (c) =>
    c
      .cbc('ID', 'StandardRated', TAX_CATEGORY)
      .cbc('Percent', decimalPercent(rateBp))
      .cac('TaxScheme', (ts) => ts.cbc('ID', '63', TAX_SCHEME).cbc('Name', 'Moms')),
  );
}

function documentLine(root: UblNode, doc: InvoiceDocument, l: InvoiceLine): void {
  const credit = doc.kind === 'credit_note';
  const cur = doc.currency;
  root.cac(credit ? 'CreditNoteLine' : 'InvoiceLine', (n) => {
    n.cbc('ID', l.id)
      .cbc(credit ? 'CreditedQuantity' : 'InvoicedQuantity', String(l.quantity), UNIT)
      .amount('LineExtensionAmount', l.netOre, cur)
      .cac('TaxTotal', (t) =>
        t.amount('TaxAmount', l.vatOre, cur).cac('TaxSubtotal', (s) => {
          s.amount('TaxableAmount', l.netOre, cur).amount('TaxAmount', l.vatOre, cur);
          taxCategory(s, l.vatRateBp);
        }),
      )
      .cac('Item', (i) => i.cbc('Description', participantText(doc)).cbc('Name', l.description))
      .cac('Price', (p) => p.amount('PriceAmount', l.unitPriceOre, cur).cbc('BaseQuantity', '1', UNIT));
  });
}
