import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import { formatDay, formatDayList, formatKroner, formatPercent } from '../../shared/danish.ts';
import type { InvoiceDocument } from './model.ts';
import { addressLines, TEXT, type Texts } from './pdf-labels.ts';

// The PDF of an invoice or credit note, A4, with what momsbekendtgørelsen § 58 asks for. Positions are
// absolute and page breaks are ours: pdfkit's automatic breaks would split blocks at random.
// It is a tagged PDF (the buyers are public bodies bound by WCAG): every piece of text belongs to a
// structure element in reading order (H1, H2, P, Table/TR/TH/TD under one Document), and whatever only
// decorates or repeats per page (rules, boxes, footers, continuation headings) is an Artifact.

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

type Pdf = InstanceType<typeof PDFDocument>;
type Struct = PDFKit.PDFStructureElement;
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

/** A new element under `parent`; containers join the tree before their content. Ended with the root. */
function el(pdf: Pdf, parent: Struct, type: string): Struct {
  const child = pdf.struct(type);
  parent.add(child);
  return child;
}

// A TH says whether it heads a row or a column (PDF/UA wants the Scope). pdfkit's struct() takes no
// attributes, so they go into the element's dictionary the way pdfkit's own doc.table() writes them.
type Tag = [parent: Struct, type: string, scope?: 'Row' | 'Column'];
type WithAttributes = { dictionary: { data: { A?: object } } };

/** `put`, as the content of a new element of the tag's type under its parent. */
function putIn([parent, type, scope]: Tag, ...args: Parameters<typeof put>): number {
  let h = 0;
  const element = args[0].struct(type, {}, () => {
    h = put(...args);
  });
  if (scope) (element as unknown as WithAttributes).dictionary.data.A = { O: 'Table', Scope: scope };
  parent.add(element);
  return h;
}

/** Draws something that is no content of the document: decoration, or repeated on every page. */
function artifact(pdf: Pdf, type: 'Layout' | 'Pagination', draw: () => void): void {
  pdf.markContent('Artifact', { type });
  draw();
  pdf.endMarkedContent();
}

function rule(pdf: Pdf, y: number, x1 = LEFT, x2 = RIGHT, color = RULE, width = 0.6): void {
  artifact(pdf, 'Layout', () => pdf.moveTo(x1, y).lineTo(x2, y).lineWidth(width).strokeColor(color).stroke());
}

type Rows = [string, string][];

// Label/value rows; values wrap in their column. Returns the height used. With a `parent` they are drawn
// as a Table in it, each row a TR of the label (TH of the row) and the value (TD); without, only measured.
function facts(pdf: Pdf, rows: Rows, x: number, y: number, cols: [number, number], parent?: Struct): number {
  const [labelW, valueW] = cols;
  const table = parent && el(pdf, parent, 'Table');
  let h = 0;
  for (const [label, value] of rows) {
    const rowH = Math.max(heightOf(pdf, label, labelW), heightOf(pdf, value, valueW));
    if (table) {
      const tr = el(pdf, table, 'TR');
      putIn([tr, 'TH', 'Row'], pdf, label, x, y + h, labelW, { color: MUTED });
      putIn([tr, 'TD'], pdf, value, x + labelW, y + h, valueW);
    }
    h += rowH + 2;
  }
  return h;
}

/** What the writer carries along: `y` is where the next block goes, `root` the Document element. */
type Ctx = { pdf: Pdf; doc: InvoiceDocument; t: Texts; y: number; root: Struct };

/** Starts a new page, headed by what continues on it, unless `height` still fits. */
function ensure(c: Ctx, height: number): boolean {
  if (c.y + height <= BOTTOM) return false;
  const { pdf, t, doc } = c;
  pdf.addPage();
  const text = `${t.heading[doc.kind]} ${doc.number} (${t.continued})`;
  artifact(pdf, 'Pagination', () => put(pdf, text, LEFT, TOP, WIDTH, { color: MUTED }));
  c.y = TOP + 24;
  return true;
}

function header(c: Ctx): void {
  const { pdf, doc, t, root } = c;
  const s = doc.seller;
  const lang = doc.lang;
  // The document's kind and number on the right, the seller on the left; the heading is read first.
  const headW = 180;
  const h1: Style = { size: 24, bold: true, ...END };
  const no: Style = { size: 12, color: MUTED, ...END };
  let right = putIn([root, 'H1'], pdf, t.heading[doc.kind], RIGHT - headW, TOP - 4, headW, h1);
  right += putIn([root, 'P'], pdf, doc.number, RIGHT - headW, TOP + right, headW, no);
  let left = putIn([root, 'P'], pdf, s.name, LEFT, TOP, 300, { size: 14, bold: true }) + 4;
  // Lines end in a space (' \n'), invisible, so that read aloud they do not run into each other.
  const sellerLines = [...addressLines(s.address, lang), `${t.cvr} ${s.cvr}`, s.email, s.phone];
  left += putIn([root, 'P'], pdf, sellerLines.join(' \n'), LEFT, TOP + left, 300, { color: MUTED });
  c.y = TOP + Math.max(left, right) + 16;
  rule(pdf, c.y);
  c.y += 14;

  // Buyer on the left; dates, terms and the buyer's references on the right.
  const b = doc.buyer;
  const colW = 245;
  const factsX = RIGHT - 235;
  const buyer = el(pdf, root, 'Sect');
  const caps: Style = { size: 7.5, bold: true, color: MUTED };
  let bh = putIn([buyer, 'H2'], pdf, t.buyer.toUpperCase(), LEFT, c.y, colW, caps) + 3;
  bh += putIn([buyer, 'P'], pdf, b.name, LEFT, c.y + bh, colW, { size: 10.5, bold: true }) + 2;
  const buyerLines = [...addressLines(b.address, lang), `${t.cvr} ${b.cvr}`];
  if (b.ean) buyerLines.push(`${t.ean} ${b.ean}`);
  buyerLines.push(`${t.att} ${b.contactName}`, b.contactEmail);
  bh += putIn([buyer, 'P'], pdf, buyerLines.join(' \n'), LEFT, c.y + bh, colW);

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
  const fh = facts(pdf, rows, factsX, c.y + 10, [112, 123], root) + 10;
  c.y += Math.max(bh, fh) + 18;
}

function creditReference(c: Ctx): void {
  const ref = c.doc.billingReference;
  if (c.doc.kind !== 'credit_note' || !ref) return;
  const text = c.t.credits(ref.number, formatDay(ref.issueDate, c.doc.lang));
  const h = heightOf(c.pdf, text, WIDTH - 20, { size: 10, bold: true }) + 14;
  artifact(c.pdf, 'Layout', () => c.pdf.rect(LEFT, c.y, WIDTH, h).fill(SHADE));
  putIn([c.root, 'P'], c.pdf, text, LEFT + 10, c.y + 7, WIDTH - 20, { size: 10, bold: true });
  c.y += h + 16;
}

function delivery(c: Ctx): void {
  const { pdf, doc, t } = c;
  const rows: Rows = [
    [t.participant, doc.participantName],
    [t.series, doc.series.title],
  ];
  if (doc.series.sessionDates.length > 0)
    rows.push([t.dates, formatDayList(doc.series.sessionDates, doc.lang)]);
  ensure(c, facts(pdf, rows, LEFT, c.y, [80, WIDTH - 80]));
  c.y += facts(pdf, rows, LEFT, c.y, [80, WIDTH - 80], c.root) + 16;
}

// Line table columns: right edges of the right-aligned numbers, the description takes the rest.
const COLS = { qty: 32, unit: 80, vat: 40, amount: 82 };
const GAP = 10;
const X_AMOUNT = RIGHT - COLS.amount;
const X_VAT = X_AMOUNT - GAP - COLS.vat;
const X_UNIT = X_VAT - GAP - COLS.unit;
const X_QTY = X_UNIT - GAP - COLS.qty;
const DESC_W = X_QTY - GAP - LEFT;

/** The column headings: a row of TH in `head`, or without one (repeated on a further page) an artifact. */
function tableHead(c: Ctx, head?: Struct): void {
  const { pdf, t } = c;
  const s: Style = { size: 8, bold: true, color: MUTED };
  const cells: [string, number, number, Style][] = [
    [t.description, LEFT, DESC_W, s],
    [t.quantity, X_QTY, COLS.qty, { ...s, ...END }],
    [t.unitPrice, X_UNIT, COLS.unit, { ...s, ...END }],
    [t.vat, X_VAT, COLS.vat, { ...s, ...END }],
    [t.amount, X_AMOUNT, COLS.amount, { ...s, ...END }],
  ];
  if (head) {
    const tr = el(pdf, head, 'TR');
    for (const [text, x, w, cs] of cells) putIn([tr, 'TH', 'Column'], pdf, text, x, c.y, w, cs);
  } else {
    artifact(pdf, 'Pagination', () => cells.map(([text, x, w, cs]) => put(pdf, text, x, c.y, w, cs)));
  }
  c.y += 14;
  rule(pdf, c.y, LEFT, RIGHT, INK, 0.8);
  c.y += 7;
}

function lines(c: Ctx): void {
  const { pdf, doc } = c;
  const lang = doc.lang;
  const kr = (ore: number) => formatKroner(ore, { decimals: true, lang });
  ensure(c, 60);
  const table = el(pdf, c.root, 'Table');
  tableHead(c, el(pdf, table, 'THead'));
  const body = el(pdf, table, 'TBody');
  for (const l of doc.lines) {
    const h = heightOf(pdf, l.description, DESC_W);
    if (ensure(c, h + 8)) tableHead(c);
    const tr = el(pdf, body, 'TR');
    putIn([tr, 'TD'], pdf, l.description, LEFT, c.y, DESC_W);
    putIn([tr, 'TD'], pdf, String(l.quantity), X_QTY, c.y, COLS.qty, END);
    putIn([tr, 'TD'], pdf, kr(l.unitPriceOre), X_UNIT, c.y, COLS.unit, END);
    putIn([tr, 'TD'], pdf, formatPercent(l.vatRateBp, lang), X_VAT, c.y, COLS.vat, END);
    putIn([tr, 'TD'], pdf, kr(l.netOre), X_AMOUNT, c.y, COLS.amount, END);
    c.y += h + 6;
    rule(pdf, c.y);
    c.y += 7;
  }
}

/** The totals, a table of rows headed by their label. */
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
  const table = el(pdf, c.root, 'Table');
  const row = (label: string, amount: string, s: Style = {}): number => {
    const tr = el(pdf, table, 'TR');
    const h = putIn([tr, 'TH', 'Row'], pdf, label, x, c.y, labelW, s);
    putIn([tr, 'TD'], pdf, amount, x + labelW, c.y, amountW, { ...s, ...END });
    return h;
  };
  for (const [label, amount] of rows) c.y += row(label, amount) + 4;
  c.y += 2;
  rule(pdf, c.y, x, RIGHT, INK, 0.8);
  c.y += 6;
  c.y += row(t.total, kr(doc.totals.totalOre), { size: 10.5, bold: true }) + 3;
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
  ensure(c, facts(pdf, rows, LEFT, 0, [100, WIDTH - 124]) + 70);
  const top = c.y;
  const sect = el(pdf, c.root, 'Sect');
  let h = putIn([sect, 'H2'], pdf, t.payment, LEFT + 12, top + 10, WIDTH - 24, { size: 10, bold: true }) + 5;
  h += facts(pdf, rows, LEFT + 12, top + 10 + h, [100, WIDTH - 124], sect) + 2;
  h += putIn([sect, 'P'], pdf, t.payReference, LEFT + 12, top + 10 + h, WIDTH - 24, { bold: true });
  const boxH = h + 20;
  artifact(pdf, 'Layout', () => pdf.rect(LEFT, top, WIDTH, boxH).lineWidth(0.6).strokeColor(RULE).stroke());
  c.y = top + boxH + 16;
}

function note(c: Ctx): void {
  const text = c.doc.note;
  if (!text) return;
  ensure(c, heightOf(c.pdf, text, WIDTH) + 20);
  const sect = el(c.pdf, c.root, 'Sect');
  c.y += putIn([sect, 'H2'], c.pdf, c.t.note, LEFT, c.y, WIDTH, { bold: true }) + 3;
  c.y += putIn([sect, 'P'], c.pdf, text, LEFT, c.y, WIDTH) + 12;
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
    artifact(pdf, 'Pagination', () => {
      put(pdf, text, LEFT, BOTTOM + 29, WIDTH - 70, { size: 7, color: MUTED });
      put(pdf, t.page(i + 1, range.count), RIGHT - 70, BOTTOM + 29, 70, { size: 7, color: MUTED, ...END });
    });
    pdf.page.margins.bottom = margin;
  }
}

/** Writes the document as a tagged A4 PDF with DejaVu embedded; the same document gives the same bytes. */
export function toPdf(doc: InvoiceDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const t = TEXT[doc.lang];
    const title = `${t.heading[doc.kind]} ${doc.number}`;
    const f = fonts();
    const pdf = new PDFDocument({
      size: 'A4',
      margins: { top: TOP, bottom: PAGE_H - BOTTOM, left: LEFT, right: PAGE_W - RIGHT },
      bufferPages: true,
      // Tagged (MarkInfo, StructTreeRoot), in a language, and viewers show the title, not the file name.
      pdfVersion: '1.7',
      tagged: true,
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
    // pdfkit also writes Title, Author and Subject into the XMP metadata, unescaped: a name with "&" or
    // "<" would break that XML. Escape the values on their way in.
    const xmlText = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
    const appendXML = pdf.appendXML.bind(pdf);
    pdf.appendXML = (xml, newLine) =>
      appendXML(xml.replace(/(?<=<rdf:li[^>]*>)[\s\S]*?(?=<\/rdf:li>)/g, xmlText), newLine);
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    pdf.registerFont('regular', f.regular);
    pdf.registerFont('bold', f.bold);
    pdf.font('regular');

    const root = pdf.struct('Document');
    pdf.addStructure(root);
    const c: Ctx = { pdf, doc, t, y: TOP, root };
    header(c);
    creditReference(c);
    delivery(c);
    lines(c);
    totals(c);
    payment(c);
    note(c);
    root.end();
    footers(c);
    pdf.end();
  });
}
