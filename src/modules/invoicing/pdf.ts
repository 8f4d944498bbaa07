import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import { formatDay, formatDayList, formatKroner, formatPercent, type Lang } from '../../shared/danish.ts';
import type { Address, InvoiceDocument } from './model.ts';

// The PDF of an invoice or credit note, A4, with what momsbekendtgørelsen § 58 asks for. Positions are
// absolute and page breaks are ours: pdfkit's automatic breaks would split blocks at random.

// DejaVu covers Latin, Greek and Cyrillic; pdfkit's built-in Helvetica only knows WinAnsi and garbles
// other names. Read once, on first use, so importing this module costs nothing; pdfkit embeds a subset.
let fontCache: { regular: Buffer; bold: Buffer } | undefined;
function fonts(): { regular: Buffer; bold: Buffer } {
  if (!fontCache) {
    const pkg = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json');
    const dir = join(dirname(pkg), 'ttf');
    fontCache = {
      regular: readFileSync(join(dir, 'DejaVuSans.ttf')),
      bold: readFileSync(join(dir, 'DejaVuSans-Bold.ttf')),
    };
  }
  return fontCache;
}

const PAGE_W = 595.28; // A4 in points
const PAGE_H = 841.89;
const LEFT = 50;
const RIGHT = PAGE_W - 50;
const WIDTH = RIGHT - LEFT;
const TOP = 50;
const BOTTOM = PAGE_H - 70; // content stops here; the footer sits below
const INK = '#1a1a1a';
const MUTED = '#5f6368';
const RULE = '#c8c8c8';
const SHADE = '#f2f3f5';

// Every label as [Danish, English], side by side so neither language falls behind.
const WORDS = {
  heading: [
    { invoice: 'Faktura', credit_note: 'Kreditnota' },
    { invoice: 'Invoice', credit_note: 'Credit note' },
  ],
  number: [
    { invoice: 'Fakturanr.', credit_note: 'Kreditnotanr.' },
    { invoice: 'Invoice no.', credit_note: 'Credit note no.' },
  ],
  issueDate: [
    { invoice: 'Fakturadato', credit_note: 'Dato' },
    { invoice: 'Invoice date', credit_note: 'Date' },
  ],
  dueDate: ['Forfaldsdato', 'Due date'],
  terms: ['Betalingsbetingelser', 'Payment terms'],
  netDays: [
    (d: number) => (d === 0 ? 'Netto kontant' : `Netto ${d} ${d === 1 ? 'dag' : 'dage'}`),
    (d: number) => (d === 0 ? 'Due on receipt' : `Net ${d} ${d === 1 ? 'day' : 'days'}`),
  ],
  buyer: ['Kunde', 'Customer'],
  cvr: ['CVR-nr.', 'CVR no.'],
  ean: ['EAN-nr.', 'EAN no.'],
  personReference: ['Personreference', 'Your reference'],
  orderNumber: ['Ordrenr.', 'Order no.'],
  kontostreng: ['Kontostreng', 'Account string'],
  att: ['Att.', 'Attn.'],
  participant: ['Deltager', 'Participant'],
  series: ['Forløb', 'Course'],
  dates: ['Datoer', 'Dates'],
  description: ['Beskrivelse', 'Description'],
  quantity: ['Antal', 'Qty'],
  unitPrice: ['Enhedspris', 'Unit price'],
  vat: ['Moms', 'VAT'],
  amount: ['Beløb', 'Amount'],
  net: ['Beløb ekskl. moms', 'Total excl. VAT'],
  vatOf: [
    (rate: string, base: string | null) => (base ? `Moms ${rate} af ${base}` : `Moms ${rate}`),
    (rate: string, base: string | null) => (base ? `VAT ${rate} of ${base}` : `VAT ${rate}`),
  ],
  total: ['I alt inkl. moms', 'Total incl. VAT'],
  payment: ['Betaling', 'Payment'],
  bank: ['Bank', 'Bank'],
  account: [
    (reg: string, acc: string) => `Reg.nr. ${reg}  Kontonr. ${acc}`,
    (reg: string, acc: string) => `Reg. no. ${reg}  Account no. ${acc}`,
  ],
  payBy: ['Betales senest', 'Due date'],
  payAmount: ['Beløb', 'Amount'],
  payReference: ['Angiv fakturanummer ved betaling.', 'Please state the invoice number when paying.'],
  credits: [
    (n: string, d: string) => `Krediterer faktura ${n} af ${d}`,
    (n: string, d: string) => `Credits invoice ${n} of ${d}`,
  ],
  note: ['Bemærkning', 'Note'],
  page: [(i: number, n: number) => `Side ${i} af ${n}`, (i: number, n: number) => `Page ${i} of ${n}`],
  continued: ['fortsat', 'continued'],
} as const;
type Texts = { [K in keyof typeof WORDS]: (typeof WORDS)[K][0] | (typeof WORDS)[K][1] };
const TEXT: Record<Lang, Texts> = {
  da: Object.fromEntries(Object.entries(WORDS).map(([k, v]) => [k, v[0]])) as Texts,
  en: Object.fromEntries(Object.entries(WORDS).map(([k, v]) => [k, v[1]])) as Texts,
};

function addressLines(a: Address, lang: Lang): string[] {
  const lines = [a.street, `${a.postalCode} ${a.city}`];
  if (a.countryCode !== 'DK') {
    const names = new Intl.DisplayNames([lang === 'da' ? 'da-DK' : 'en-GB'], { type: 'region' });
    lines.push(names.of(a.countryCode) ?? a.countryCode);
  }
  return lines;
}

type Pdf = InstanceType<typeof PDFDocument>;
type Style = { size?: number; bold?: boolean; color?: string; align?: 'left' | 'right' };
const END: Style = { align: 'right' };

function style(pdf: Pdf, s: Style): void {
  pdf
    .font(s.bold ? 'bold' : 'regular')
    .fontSize(s.size ?? 9)
    .fillColor(s.color ?? INK);
}

function heightOf(pdf: Pdf, text: string, width: number, s: Style = {}): number {
  style(pdf, s);
  return pdf.heightOfString(text, { width, lineGap: 1.5 });
}

/** Writes text in a box of the given width and returns its height. */
function put(pdf: Pdf, text: string, x: number, y: number, width: number, s: Style = {}): number {
  const h = heightOf(pdf, text, width, s);
  pdf.text(text, x, y, { width, align: s.align ?? 'left', lineGap: 1.5 });
  return h;
}

function rule(pdf: Pdf, y: number, x1 = LEFT, x2 = RIGHT, color = RULE, width = 0.6): void {
  pdf.moveTo(x1, y).lineTo(x2, y).lineWidth(width).strokeColor(color).stroke();
}

type Rows = [string, string][];

/** Label/value rows; values wrap in their column. Returns the height used; `draw` false only measures. */
function facts(pdf: Pdf, rows: Rows, x: number, y: number, cols: [number, number], draw = true): number {
  const [labelW, valueW] = cols;
  let h = 0;
  for (const [label, value] of rows) {
    const rowH = Math.max(heightOf(pdf, label, labelW), heightOf(pdf, value, valueW));
    if (draw) {
      put(pdf, label, x, y + h, labelW, { color: MUTED });
      put(pdf, value, x + labelW, y + h, valueW);
    }
    h += rowH + 2;
  }
  return h;
}

interface Ctx {
  pdf: Pdf;
  doc: InvoiceDocument;
  t: Texts;
  y: number;
}

function newPage(c: Ctx): void {
  c.pdf.addPage();
  const { t, doc } = c;
  put(c.pdf, `${t.heading[doc.kind]} ${doc.number} (${t.continued})`, LEFT, TOP, WIDTH, { color: MUTED });
  c.y = TOP + 24;
}

function ensure(c: Ctx, height: number): boolean {
  if (c.y + height <= BOTTOM) return false;
  newPage(c);
  return true;
}

function header(c: Ctx): void {
  const { pdf, doc, t } = c;
  const s = doc.seller;
  const lang = doc.lang;
  // Seller on the left, the document's kind and number on the right.
  let left = put(pdf, s.name, LEFT, TOP, 300, { size: 14, bold: true }) + 4;
  const sellerLines = [...addressLines(s.address, lang), `${t.cvr} ${s.cvr}`, s.email, s.phone];
  left += put(pdf, sellerLines.join('\n'), LEFT, TOP + left, 300, { color: MUTED });
  const headW = 180;
  let right = put(pdf, t.heading[doc.kind], RIGHT - headW, TOP - 4, headW, { size: 24, bold: true, ...END });
  right += put(pdf, doc.number, RIGHT - headW, TOP + right, headW, { size: 12, color: MUTED, ...END });
  c.y = TOP + Math.max(left, right) + 16;
  rule(pdf, c.y);
  c.y += 14;

  // Buyer on the left; dates, terms and the buyer's references on the right.
  const b = doc.buyer;
  const colW = 245;
  const factsX = RIGHT - 235;
  let bh = put(pdf, t.buyer.toUpperCase(), LEFT, c.y, colW, { size: 7.5, bold: true, color: MUTED }) + 3;
  bh += put(pdf, b.name, LEFT, c.y + bh, colW, { size: 10.5, bold: true }) + 2;
  const buyerLines = [...addressLines(b.address, lang), `${t.cvr} ${b.cvr}`];
  if (b.ean) buyerLines.push(`${t.ean} ${b.ean}`);
  buyerLines.push(`${t.att} ${b.contactName}`, b.contactEmail);
  bh += put(pdf, buyerLines.join('\n'), LEFT, c.y + bh, colW);

  const rows: Rows = [
    [t.number[doc.kind], doc.number],
    [t.issueDate[doc.kind], formatDay(doc.issueDate, lang)],
  ];
  if (doc.kind === 'invoice') {
    rows.push([t.dueDate, formatDay(doc.dueDate, lang)], [t.terms, t.netDays(doc.paymentTermsDays)]);
  }
  if (b.personReference) rows.push([t.personReference, b.personReference]);
  if (b.orderNumber) rows.push([t.orderNumber, b.orderNumber]);
  if (b.kontostreng) rows.push([t.kontostreng, b.kontostreng]);
  const fh = facts(pdf, rows, factsX, c.y + 10, [112, 123]) + 10;
  c.y += Math.max(bh, fh) + 18;
}

function creditReference(c: Ctx): void {
  const ref = c.doc.billingReference;
  if (c.doc.kind !== 'credit_note' || !ref) return;
  const text = c.t.credits(ref.number, formatDay(ref.issueDate, c.doc.lang));
  const h = heightOf(c.pdf, text, WIDTH - 20, { size: 10, bold: true }) + 14;
  c.pdf.rect(LEFT, c.y, WIDTH, h).fill(SHADE);
  put(c.pdf, text, LEFT + 10, c.y + 7, WIDTH - 20, { size: 10, bold: true });
  c.y += h + 16;
}

function delivery(c: Ctx): void {
  const { doc, t } = c;
  const rows: Rows = [
    [t.participant, doc.participantName],
    [t.series, doc.series.title],
  ];
  if (doc.series.sessionDates.length > 0)
    rows.push([t.dates, formatDayList(doc.series.sessionDates, doc.lang)]);
  ensure(c, facts(c.pdf, rows, LEFT, c.y, [80, WIDTH - 80], false));
  c.y += facts(c.pdf, rows, LEFT, c.y, [80, WIDTH - 80]) + 16;
}

// Line table columns: right edges of the right-aligned numbers, the description takes the rest.
const COLS = { qty: 32, unit: 80, vat: 40, amount: 82 };
const GAP = 10;
const X_AMOUNT = RIGHT - COLS.amount;
const X_VAT = X_AMOUNT - GAP - COLS.vat;
const X_UNIT = X_VAT - GAP - COLS.unit;
const X_QTY = X_UNIT - GAP - COLS.qty;
const DESC_W = X_QTY - GAP - LEFT;

function tableHead(c: Ctx): void {
  const { pdf, t } = c;
  const s: Style = { size: 8, bold: true, color: MUTED };
  put(pdf, t.description, LEFT, c.y, DESC_W, s);
  put(pdf, t.quantity, X_QTY, c.y, COLS.qty, { ...s, ...END });
  put(pdf, t.unitPrice, X_UNIT, c.y, COLS.unit, { ...s, ...END });
  put(pdf, t.vat, X_VAT, c.y, COLS.vat, { ...s, ...END });
  put(pdf, t.amount, X_AMOUNT, c.y, COLS.amount, { ...s, ...END });
  c.y += 14;
  rule(pdf, c.y, LEFT, RIGHT, INK, 0.8);
  c.y += 7;
}

function lines(c: Ctx): void {
  const { pdf, doc } = c;
  const lang = doc.lang;
  const kr = (ore: number) => formatKroner(ore, { decimals: true, lang });
  ensure(c, 60);
  tableHead(c);
  for (const l of doc.lines) {
    const h = heightOf(pdf, l.description, DESC_W);
    if (ensure(c, h + 8)) tableHead(c);
    put(pdf, l.description, LEFT, c.y, DESC_W);
    put(pdf, String(l.quantity), X_QTY, c.y, COLS.qty, END);
    put(pdf, kr(l.unitPriceOre), X_UNIT, c.y, COLS.unit, END);
    put(pdf, formatPercent(l.vatRateBp, lang), X_VAT, c.y, COLS.vat, END);
    put(pdf, kr(l.netOre), X_AMOUNT, c.y, COLS.amount, END);
    c.y += h + 6;
    rule(pdf, c.y);
    c.y += 7;
  }
}

function totals(c: Ctx): void {
  const { pdf, doc, t } = c;
  const lang = doc.lang;
  const kr = (ore: number) => formatKroner(ore, { decimals: true, lang });
  const x = RIGHT - 260;
  const labelW = 150;
  const amountW = RIGHT - x - labelW;
  // With more than one rate each VAT line says what it is computed on.
  const showBase = doc.totals.vat.length > 1;
  const rows: Rows = [
    [t.net, kr(doc.totals.netOre)],
    ...doc.totals.vat.map((v): [string, string] => [
      t.vatOf(formatPercent(v.vatRateBp, lang), showBase ? kr(v.baseOre) : null),
      kr(v.vatOre),
    ]),
  ];
  ensure(c, rows.length * 16 + 40);
  for (const [label, amount] of rows) {
    const h = put(pdf, label, x, c.y, labelW);
    put(pdf, amount, x + labelW, c.y, amountW, END);
    c.y += h + 4;
  }
  c.y += 2;
  rule(pdf, c.y, x, RIGHT, INK, 0.8);
  c.y += 6;
  const h = put(pdf, t.total, x, c.y, labelW, { size: 10.5, bold: true });
  put(pdf, kr(doc.totals.totalOre), x + labelW, c.y, amountW, { size: 10.5, bold: true, align: 'right' });
  c.y += h + 3;
  rule(pdf, c.y, x, RIGHT, INK, 0.8);
  rule(pdf, c.y + 2, x, RIGHT, INK, 0.8);
  c.y += 24;
}

function payment(c: Ctx): void {
  const { pdf, doc, t } = c;
  if (doc.kind !== 'invoice') return;
  const s = doc.seller;
  const rows: Rows = [
    [t.payAmount, formatKroner(doc.totals.totalOre, { decimals: true, lang: doc.lang })],
    [t.payBy, formatDay(doc.dueDate, doc.lang)],
    [t.bank, t.account(s.bankRegNo, s.bankAccount)],
  ];
  ensure(c, facts(pdf, rows, LEFT, 0, [100, WIDTH - 124], false) + 70);
  const top = c.y;
  let h = put(pdf, t.payment, LEFT + 12, top + 10, WIDTH - 24, { size: 10, bold: true }) + 5;
  h += facts(pdf, rows, LEFT + 12, top + 10 + h, [100, WIDTH - 124]) + 2;
  h += put(pdf, t.payReference, LEFT + 12, top + 10 + h, WIDTH - 24, { bold: true });
  pdf
    .rect(LEFT, top, WIDTH, h + 20)
    .lineWidth(0.6)
    .strokeColor(RULE)
    .stroke();
  c.y = top + h + 20 + 16;
}

function note(c: Ctx): void {
  const text = c.doc.note;
  if (!text) return;
  ensure(c, heightOf(c.pdf, text, WIDTH) + 20);
  c.y += put(c.pdf, c.t.note, LEFT, c.y, WIDTH, { bold: true }) + 3;
  c.y += put(c.pdf, text, LEFT, c.y, WIDTH) + 12;
}

/** Seller, CVR and bank on every page, with the page number; drawn once all pages exist. */
function footers(c: Ctx): void {
  const { pdf, doc, t } = c;
  const s = doc.seller;
  const range = pdf.bufferedPageRange();
  const text = [s.name, `${t.cvr} ${s.cvr}`, t.account(s.bankRegNo, s.bankAccount), s.email].join('  ·  ');
  for (let i = 0; i < range.count; i++) {
    pdf.switchToPage(range.start + i);
    // Below the bottom margin pdfkit would start a new page; lift the margin while writing the footer.
    const margin = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    rule(pdf, BOTTOM + 22);
    put(pdf, text, LEFT, BOTTOM + 29, WIDTH - 70, { size: 7, color: MUTED });
    put(pdf, t.page(i + 1, range.count), RIGHT - 70, BOTTOM + 29, 70, { size: 7, color: MUTED, ...END });
    pdf.page.margins.bottom = margin;
  }
}

/** Writes the document as an A4 PDF with DejaVu embedded; the same document gives the same bytes. */
export function toPdf(doc: InvoiceDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const t = TEXT[doc.lang];
    const title = `${t.heading[doc.kind]} ${doc.number}`;
    const f = fonts();
    const pdf = new PDFDocument({
      size: 'A4',
      margins: { top: TOP, bottom: PAGE_H - BOTTOM, left: LEFT, right: PAGE_W - RIGHT },
      bufferPages: true,
      lang: doc.lang === 'da' ? 'da-DK' : 'en-GB',
      displayTitle: true,
      // pdfkit loads Helvetica unless the default font is empty; DejaVu is registered and chosen below.
      // (Passing the buffer here instead would make every later font('regular') parse the file again.)
      font: '',
      info: {
        Title: title,
        Author: doc.seller.name,
        Subject: `${title}, ${doc.buyer.name}`,
        Creator: 'Holdet',
        Producer: 'Holdet',
        // Fixed from the document, so the file (and its ID, a hash of this info) is reproducible.
        CreationDate: new Date(`${doc.issueDate}T12:00:00Z`),
      },
    });
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    pdf.registerFont('regular', f.regular);
    pdf.registerFont('bold', f.bold);
    pdf.font('regular');

    const c: Ctx = { pdf, doc, t, y: TOP };
    header(c);
    creditReference(c);
    delivery(c);
    lines(c);
    totals(c);
    payment(c);
    note(c);
    footers(c);
    pdf.end();
  });
}
