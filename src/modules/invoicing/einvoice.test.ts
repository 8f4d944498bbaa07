import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  amountOre,
  type EinvoiceInput,
  type EinvoiceResult,
  einvoiceBundle,
  readBack,
  validateDocuments,
} from '../../../test/einvoice.ts';
import { sampleCreditNote, sampleInvoice } from '../../../test/invoices.ts';
import { gs1CheckDigit, isValidCvr, isValidGln } from '../../shared/checkdigits.ts';
import { type InvoiceDocument, line, totalsOf } from './model.ts';
import { toOioubl } from './oioubl.ts';
import { toPeppol } from './peppol.ts';

// The writers against the official rules: every document below is validated in ONE batch (one Saxon run
// per stylesheet; Java start-up is the cost), then each test asserts on its own document's result.

// A fixed seed: the batch is validated once, so every run checks the same documents (change it to explore).
const SEED = 20270115;
const GENERATED = 40;
const writers = { oioubl: toOioubl, peppol: toPeppol } as const;
type Format = keyof typeof writers;

// ---- generated documents -------------------------------------------------------------------------------

// Danish letters, other scripts, an astral character, and everything XML escaping can get wrong.
const pieces =
  `Jobcenter Ærø Øster Åbyhøj Hørsholm Ελληνικά Кириллица 漢字かな 한국어 עברית العربية 𝄞 Ω & < > " ' &amp; R&D; &#65; <![CDATA[ ]]> -- A/S ApS`.split(
    ' ',
  );
const text = fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 4 }).map((ws) => ws.join(' '));
const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
/** A CVR number: 7 digits, then the digit (weight 1) that makes the weighted sum divisible by 11. */
const cvr = fc
  .tuple(fc.integer({ min: 1, max: 9 }), digits(6))
  .map(([first, rest]) => {
    const seven = `${first}${rest}`;
    const sum = [...seven].reduce((s, d, i) => s + Number(d) * ([2, 7, 6, 5, 4, 3, 2][i] ?? 0), 0);
    return `${seven}${(11 - (sum % 11)) % 11}`;
  })
  .filter(isValidCvr);
const gln = digits(12).map((d) => `${d}${gs1CheckDigit(d)}`);
const day = fc.date({ min: new Date('2020-01-01'), max: new Date('2035-12-31'), noInvalidDate: true });
const iso = (d: Date) => d.toISOString().slice(0, 10);
const address = fc.record({
  street: fc.oneof(
    text,
    fc.tuple(text, fc.integer({ min: 1, max: 999 })).map(([s, n]) => `${s} ${n}`),
  ),
  postalCode: fc.integer({ min: 1000, max: 9990 }).map(String),
  city: text,
  countryCode: fc.constant('DK'),
});

const documentArb = fc
  .record({
    kind: fc.constantFrom('invoice' as const, 'credit_note' as const),
    seq: fc.integer({ min: 1, max: 9999 }),
    issued: day,
    terms: fc.integer({ min: 0, max: 60 }),
    lang: fc.constantFrom('da' as const, 'en' as const),
    seller: fc.record({
      name: text,
      address,
      cvr,
      email: fc.constant('kontakt@example.dk'),
      phone: fc.constantFrom('+45 33 12 34 56', ''),
      bankRegNo: digits(4),
      bankAccount: fc.integer({ min: 1, max: 10 }).chain(digits),
    }),
    public: fc.boolean(),
    ean: gln,
    buyer: fc.record({
      name: text,
      address,
      cvr,
      personReference: fc.option(text),
      orderNumber: fc.option(text),
      kontostreng: fc.option(text),
      contactName: text,
      contactEmail: fc.constant('faktura@example.dk'),
    }),
    participantName: text,
    title: text,
    sessions: fc.array(day, { maxLength: 4 }),
    // One rate per document (OIOUBL carries one); 25 % is Danish moms, 12.5 % exercises decimal percents.
    rate: fc.constantFrom(2500, 2500, 2500, 1250),
    lines: fc.array(
      fc.record({
        description: text,
        quantity: fc.integer({ min: 1, max: 5 }),
        // 1 øre … 10,000,000 kr.
        price: fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 1_000_000_000 })),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    note: fc.option(text),
  })
  .map((g): InvoiceDocument => {
    const lines = g.lines.map((l, i) => line(String(i + 1), l.description, l.quantity, l.price, g.rate));
    const issueDate = iso(g.issued);
    const due = iso(new Date(g.issued.getTime() + g.terms * 86_400_000));
    const ean = g.public ? g.ean : null;
    return {
      kind: g.kind,
      number: `${issueDate.slice(0, 4)}-${String(g.seq).padStart(4, '0')}`,
      issueDate,
      dueDate: g.kind === 'credit_note' ? issueDate : due,
      paymentTermsDays: g.terms,
      currency: 'DKK',
      lang: g.lang,
      seller: g.seller,
      // A public buyer always has a person reference: the registration form requires it (F-INV051).
      buyer: {
        ...g.buyer,
        ean,
        personReference: ean ? (g.buyer.personReference ?? 'Afd. 7') : g.buyer.personReference,
      },
      participantName: g.participantName,
      series: { title: g.title, sessionDates: [...new Set(g.sessions.map(iso))].sort() },
      lines,
      totals: totalsOf(lines),
      billingReference: g.kind === 'credit_note' ? { number: '2020-0001', issueDate: '2020-01-01' } : null,
      note: g.note,
    };
  });

const generated = fc.sample(documentArb, { numRuns: GENERATED, seed: SEED });

// ---- reading the XML back ------------------------------------------------------------------------------

/** The amounts a writer put in the XML, in øre, for comparison with the model. */
function amountsOf(xml: string, doc: InvoiceDocument) {
  const x = readBack(xml);
  const root = doc.kind === 'invoice' ? 'Invoice' : 'CreditNote';
  const lineEl = doc.kind === 'invoice' ? 'InvoiceLine' : 'CreditNoteLine';
  const one = (p: string) => amountOre(x.get(`${root}/${p}`)?.[0]);
  const all = (p: string) => (x.get(`${root}/${p}`) ?? []).map(amountOre);
  return {
    lineExtension: one('LegalMonetaryTotal/LineExtensionAmount'),
    taxExclusive: one('LegalMonetaryTotal/TaxExclusiveAmount'),
    taxInclusive: one('LegalMonetaryTotal/TaxInclusiveAmount'),
    payable: one('LegalMonetaryTotal/PayableAmount'),
    tax: one('TaxTotal/TaxAmount'),
    subtotalBases: all('TaxTotal/TaxSubtotal/TaxableAmount'),
    subtotalTaxes: all('TaxTotal/TaxSubtotal/TaxAmount'),
    lineNets: all(`${lineEl}/LineExtensionAmount`),
    prices: all(`${lineEl}/Price/PriceAmount`),
  };
}

function expectAmounts(format: Format, doc: InvoiceDocument): void {
  const a = amountsOf(writers[format](doc), doc);
  const t = doc.totals;
  expect(t.totalOre).toBe(t.netOre + t.vatOre);
  expect(t.netOre).toBe(doc.lines.reduce((s, l) => s + l.netOre, 0));
  expect(t.vatOre).toBe(doc.lines.reduce((s, l) => s + l.vatOre, 0));
  expect(a.lineExtension).toBe(t.netOre);
  // OIOUBL's TaxExclusiveAmount is the VAT (F-INV127); Peppol's is the net amount.
  expect(a.taxExclusive).toBe(format === 'oioubl' ? t.vatOre : t.netOre);
  expect(a.taxInclusive).toBe(t.totalOre);
  expect(a.payable).toBe(t.totalOre);
  expect(a.tax).toBe(t.vatOre);
  expect(a.subtotalBases).toEqual(t.vat.map((v) => v.baseOre));
  expect(a.subtotalTaxes).toEqual(t.vat.map((v) => v.vatOre));
  expect(a.lineNets).toEqual(doc.lines.map((l) => l.netOre));
  expect(a.prices).toEqual(doc.lines.map((l) => l.unitPriceOre));
}

// ---- the batch -----------------------------------------------------------------------------------------

const privateBuyer = (d: InvoiceDocument): InvoiceDocument => ({
  ...d,
  buyer: { ...d.buyer, ean: null, personReference: null, orderNumber: null, kontostreng: null },
});
const mixedRates = (() => {
  const lines = [line('1', 'Forløb', 1, 1_800_000, 2500), line('2', 'Bog', 2, 19_995, 1250)];
  return sampleInvoice({ lines, totals: totalsOf(lines) });
})();
const controlChars = sampleInvoice({
  buyer: { ...sampleInvoice().buyer, name: 'Jobcenter\u0001 Århus\r\nSyd\uFFFE' },
});

const privateInvoice = privateBuyer(sampleInvoice());
const samples: Record<string, InvoiceDocument> = {
  invoice: sampleInvoice(),
  credit_note: sampleCreditNote(),
  private_invoice: privateInvoice,
  private_credit_note: privateBuyer(sampleCreditNote()),
  control_chars: controlChars,
};

const inputs: EinvoiceInput[] = [];
const docs = new Map<string, { doc: InvoiceDocument | null; xml: string }>();
function add(name: string, format: Format, doc: InvoiceDocument | null, xml: string, kind = doc?.kind): void {
  inputs.push({ name, xml, format, kind: kind ?? 'invoice' });
  docs.set(name, { doc, xml });
}
for (const [name, doc] of Object.entries(samples)) {
  for (const format of ['oioubl', 'peppol'] as const)
    add(`${format} ${name}`, format, doc, writers[format](doc));
}
add('peppol mixed rates', 'peppol', mixedRates, toPeppol(mixedRates));
for (const [i, doc] of generated.entries()) {
  for (const format of ['oioubl', 'peppol'] as const)
    add(`${format} generated ${i}`, format, doc, writers[format](doc));
}

// Deliberately broken documents: the harness must report each with the rule it breaks.
const oioublInvoice = toOioubl(sampleInvoice());
const peppolInvoice = toPeppol(sampleInvoice());
const broken: Record<string, { format: Format; xml: string; expect: RegExp; schema?: boolean }> = {
  'OIOUBL TaxExclusiveAmount = net': {
    format: 'oioubl',
    xml: oioublInvoice.replace(
      'TaxExclusiveAmount currencyID="DKK">4500.00',
      'TaxExclusiveAmount currencyID="DKK">18000.00',
    ),
    expect: /\[F-INV127\]/,
  },
  'OIOUBL GLN buyer without person reference': {
    format: 'oioubl',
    xml: oioublInvoice.replace(/<cbc:ID>Åse Øster-Ærø<\/cbc:ID>/, ''),
    expect: /\[F-INV051\]/,
  },
  'Peppol without buyer or order reference': {
    format: 'peppol',
    xml: peppolInvoice
      .replace(/<cbc:BuyerReference>[^<]*<\/cbc:BuyerReference>/, '')
      .replace(/<cac:OrderReference>[\s\S]*?<\/cac:OrderReference>/, ''),
    expect: /\[PEPPOL-EN16931-R003\]/,
  },
  'Peppol GLN with a wrong check digit': {
    format: 'peppol',
    xml: peppolInvoice.replace('schemeID="0088">5798009811578', 'schemeID="0088">5798009811579'),
    expect: /\[PEPPOL-COMMON-R040\]/,
  },
  'Peppol VAT that does not add up': {
    format: 'peppol',
    xml: peppolInvoice.replace(
      '<cbc:PayableAmount currencyID="DKK">22500.00',
      '<cbc:PayableAmount currencyID="DKK">22500.01',
    ),
    expect: /\[BR-CO-16\]/,
  },
  'elements out of schema order': {
    format: 'oioubl',
    xml: oioublInvoice.replace(
      /(<cbc:UUID>[^<]*<\/cbc:UUID>)\s*(<cbc:IssueDate>[^<]*<\/cbc:IssueDate>)/,
      '$2$1',
    ),
    expect: /UUID|IssueDate/,
    schema: true,
  },
};
for (const [name, b] of Object.entries(broken)) {
  // A replacement that matched nothing would test a valid document.
  if (b.xml === oioublInvoice || b.xml === peppolInvoice)
    throw new Error(`Broken case did not change: ${name}`);
  add(`broken: ${name}`, b.format, null, b.xml, 'invoice');
}

let results = new Map<string, EinvoiceResult>();
let seconds = 0;

beforeAll(async () => {
  const bundle = await einvoiceBundle();
  for (const [kind, file] of [
    ['invoice', 'OIOUBL_Invoice_v2p2.xml'],
    ['credit_note', 'OIOUBL_CreditNote_v2p2.xml'],
  ] as const) {
    const xml = await readFile(join(bundle.oioublDir, 'Eksempelfiler', file), 'utf8');
    inputs.push({ name: `example ${file}`, xml, format: 'oioubl', kind });
  }
  const start = performance.now();
  results = await validateDocuments(inputs);
  seconds = (performance.now() - start) / 1000;
}, 180_000);

const d0 = (name: string) => docs.get(name)?.doc ?? null;

function expectValid(name: string): void {
  const r = results.get(name);
  if (!r) throw new Error(`No validation result for ${name}`);
  // Our own documents are held to no warnings either, so a new warning shows up here first.
  const warnings = d0(name) ? r.warnings.map((w) => `warning: ${w}`) : [];
  const problems = [...r.schemaErrors.map((e) => `schema: ${e}`), ...r.ruleErrors, ...warnings];
  if (problems.length > 0) {
    const d = docs.get(name);
    const model = d?.doc ? `\n--- model ---\n${JSON.stringify(d.doc, null, 2)}` : '';
    expect.fail(
      `${name} is not valid:\n${problems.join('\n')}${model}\n--- XML ---\n${d?.xml ?? '(bundle file)'}`,
    );
  }
}

// ---- the tests -----------------------------------------------------------------------------------------

describe('the validation harness', () => {
  it('passes the official bundle’s own example invoice and credit note', () => {
    expectValid('example OIOUBL_Invoice_v2p2.xml');
    expectValid('example OIOUBL_CreditNote_v2p2.xml');
    expect(seconds).toBeLessThan(60);
  });

  it.for(Object.keys(broken))('fails a broken document: %s', (name) => {
    const b = broken[name];
    if (!b) throw new Error(name);
    const r = results.get(`broken: ${name}`);
    const found = b.schema ? r?.schemaErrors : r?.ruleErrors;
    expect(
      found?.some((e) => b.expect.test(e)),
      JSON.stringify(r, null, 2),
    ).toBe(true);
  });
});

describe('the sample documents', () => {
  it.for(Object.keys(samples).flatMap((s) => [`oioubl ${s}`, `peppol ${s}`]))('%s is valid', (name) => {
    expectValid(name);
  });

  it('Peppol carries two VAT rates as two subtotals and validates', () => {
    expectValid('peppol mixed rates');
    expectAmounts('peppol', mixedRates);
  });

  it('puts the OIOUBL fields where the rules want them', () => {
    const x = readBack(oioublInvoice);
    const party = 'Invoice/AccountingCustomerParty/Party';
    expect(x.get(`${party}/EndpointID`)).toEqual(['5798009811578']);
    expect(x.get(`${party}/Contact/ID`)).toEqual(['Åse Øster-Ærø']);
    expect(x.get('Invoice/AccountingSupplierParty/Party/EndpointID')).toEqual(['DK12345674']);
    expect(x.get('Invoice/OrderReference/ID')).toEqual(['IND-2027-118']);
    expect(x.get('Invoice/AccountingCost')).toEqual(['6.12.05.01-4000']);
    expect(x.get('Invoice/PaymentMeans/PaymentDueDate')).toEqual(['2027-02-14']);
    expect(x.get('Invoice/PaymentMeans/PayeeFinancialAccount/FinancialInstitutionBranch/ID')).toEqual([
      '1234',
    ]);
    expect(x.get('Invoice/InvoiceLine/Item/Description')?.[0]).toContain('Søren Ærlig Åberg');
    expect(x.get('Invoice/LegalMonetaryTotal/TaxExclusiveAmount')).toEqual(['4500.00']);
    const credit = readBack(toOioubl(sampleCreditNote()));
    expect(credit.get('CreditNote/BillingReference/InvoiceDocumentReference/ID')).toEqual(['2027-0001']);
    expect(credit.get('CreditNote/BillingReference/InvoiceDocumentReference/IssueDate')).toEqual([
      '2027-01-15',
    ]);
    expect(credit.get('CreditNote/Note')).toEqual(['Tilmeldingen er annulleret efter aftale.']);
    const priv = readBack(toOioubl(privateInvoice));
    expect(priv.get('Invoice/AccountingCustomerParty/Party/EndpointID')).toEqual(['DK61126228']);
  });

  it('puts the Peppol fields where the rules want them', () => {
    const x = readBack(peppolInvoice);
    expect(x.get('Invoice/BuyerReference')).toEqual(['Åse Øster-Ærø']);
    expect(x.get('Invoice/DueDate')).toEqual(['2027-02-14']);
    expect(x.get('Invoice/LegalMonetaryTotal/TaxExclusiveAmount')).toEqual(['18000.00']);
    expect(x.get('Invoice/AccountingSupplierParty/Party/PartyLegalEntity/CompanyID')).toEqual(['DK12345674']);
    const credit = readBack(toPeppol(sampleCreditNote()));
    expect(credit.get('CreditNote/CreditNoteTypeCode')).toEqual(['381']);
    expect(credit.get('CreditNote/BillingReference/InvoiceDocumentReference/ID')).toEqual(['2027-0001']);
    const priv = readBack(toPeppol(privateInvoice));
    expect(priv.get('Invoice/AccountingCustomerParty/Party/EndpointID')).toEqual(['DK61126228']);
    expect(priv.get('Invoice/BuyerReference')).toEqual(['Birthe Bogholder']);
  });

  it('drops characters XML cannot carry', () => {
    const x = readBack(toPeppol(controlChars));
    expect(x.get('Invoice/AccountingCustomerParty/Party/PartyName/Name')).toEqual(['Jobcenter Århus\nSyd']);
  });

  it('refuses what it cannot write correctly', () => {
    const noRef = sampleInvoice({ buyer: { ...sampleInvoice().buyer, personReference: null } });
    expect(() => toOioubl(noRef)).toThrow(/F-INV051/);
    expect(() => toOioubl(mixedRates)).toThrow(/one VAT rate/);
    const zero = [line('1', 'x', 1, 100, 0)];
    expect(() => toPeppol(sampleInvoice({ lines: zero, totals: totalsOf(zero) }))).toThrow(/VAT rate 0/);
    const wrongTotals = sampleInvoice({ totals: { ...sampleInvoice().totals, vatOre: 1 } });
    for (const write of Object.values(writers)) expect(() => write(wrongTotals)).toThrow(/totals/);
  });
});

describe(`generated documents (fast-check seed ${SEED})`, () => {
  it('cover the cases that matter', () => {
    const some = (p: (d: InvoiceDocument) => boolean) => generated.some(p);
    expect(some((d) => d.kind === 'credit_note') && some((d) => d.kind === 'invoice')).toBe(true);
    expect(some((d) => d.buyer.ean === null) && some((d) => d.buyer.ean !== null)).toBe(true);
    expect(some((d) => d.buyer.ean === null && d.buyer.personReference === null)).toBe(true);
    expect(some((d) => d.totals.vat[0]?.vatRateBp === 1250) && some((d) => d.lines.length === 3)).toBe(true);
    expect(some((d) => !/\d$/.test(d.buyer.address.street))).toBe(true);
    expect(some((d) => d.series.sessionDates.length === 0)).toBe(true);
    expect(some((d) => d.lines.some((l) => l.unitPriceOre > 100_000_000))).toBe(true);
  });

  it('use valid CVR and GLN numbers', () => {
    for (const d of generated) {
      expect(isValidCvr(d.seller.cvr) && isValidCvr(d.buyer.cvr)).toBe(true);
      if (d.buyer.ean) expect(isValidGln(d.buyer.ean)).toBe(true);
    }
  });

  it('add up exactly, and the XML carries the model’s amounts', () => {
    fc.assert(
      fc.property(documentArb, (doc) => {
        expectAmounts('oioubl', doc);
        expectAmounts('peppol', doc);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('keep every name and address as typed', () => {
    for (const doc of generated) {
      for (const format of ['oioubl', 'peppol'] as const) {
        const x = readBack(writers[format](doc));
        const root = doc.kind === 'invoice' ? 'Invoice' : 'CreditNote';
        expect(x.get(`${root}/AccountingCustomerParty/Party/PartyName/Name`)).toEqual([doc.buyer.name]);
        expect(x.get(`${root}/AccountingSupplierParty/Party/PartyName/Name`)).toEqual([doc.seller.name]);
        expect(x.get(`${root}/AccountingCustomerParty/Party/PostalAddress/CityName`)).toEqual([
          doc.buyer.address.city,
        ]);
      }
    }
  });

  it.for(generated.flatMap((_, i) => [`oioubl generated ${i}`, `peppol generated ${i}`]))(
    '%s is valid',
    (name) => {
      expectValid(name);
    },
  );
});
