import { type InvoiceDocument, line, totalsOf } from '../src/modules/invoicing/model.ts';

// Invoice documents for tests of the writers (PDF, OIOUBL, Peppol): the demo's real case, a public
// jobcentre buying the 2027 series, and its full credit note.

export function sampleInvoice(overrides: Partial<InvoiceDocument> = {}): InvoiceDocument {
  const lines = [
    line(
      '1',
      'Masterclass i ledelse af beskæftigelsesindsatsen 2027: 7. juni, 30. august, 4. oktober og 22. november 2027',
      1,
      1_800_000,
      2500,
    ),
  ];
  return {
    kind: 'invoice',
    number: '2027-0001',
    issueDate: '2027-01-15',
    dueDate: '2027-02-14',
    paymentTermsDays: 30,
    currency: 'DKK',
    lang: 'da',
    seller: {
      name: 'Videncenter for Beskæftigelse',
      address: { street: 'Nørregade 7', postalCode: '1165', city: 'København K', countryCode: 'DK' },
      cvr: '12345674',
      email: 'kontakt@example.dk',
      phone: '+45 33 12 34 56',
      bankRegNo: '1234',
      bankAccount: '0012345678',
    },
    buyer: {
      name: 'Jobcenter Århus',
      address: { street: 'Søren Frichs Vej 36', postalCode: '8230', city: 'Åbyhøj', countryCode: 'DK' },
      cvr: '61126228',
      ean: '5798009811578',
      personReference: 'Åse Øster-Ærø',
      orderNumber: 'IND-2027-118',
      kontostreng: '6.12.05.01-4000',
      contactName: 'Birthe Bogholder',
      contactEmail: 'faktura@jobcenter.example.dk',
    },
    participantName: 'Søren Ærlig Åberg',
    series: {
      title: 'Masterclass i ledelse af beskæftigelsesindsatsen 2027',
      sessionDates: ['2027-06-07', '2027-08-30', '2027-10-04', '2027-11-22'],
    },
    lines,
    totals: totalsOf(lines),
    billingReference: null,
    note: null,
    ...overrides,
  };
}

/** The full credit note of sampleInvoice(). */
export function sampleCreditNote(overrides: Partial<InvoiceDocument> = {}): InvoiceDocument {
  const invoice = sampleInvoice();
  return {
    ...invoice,
    kind: 'credit_note',
    number: '2027-0002',
    issueDate: '2027-03-01',
    dueDate: '2027-03-01',
    billingReference: { number: invoice.number, issueDate: invoice.issueDate },
    note: 'Tilmeldingen er annulleret efter aftale.',
    ...overrides,
  };
}
