import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCreditNote, sampleInvoice } from '../../../test/invoices.ts';
import { formatDayList } from '../../shared/danish.ts';
import { type InvoiceDocument, line, totalsOf } from './model.ts';
import { toPdf } from './pdf.ts';

// The PDF is checked the way a reader sees it: poppler extracts the text, renders a page and lists the
// fonts. A missing tool fails the run with what to install; nothing is skipped.

const run = promisify(execFile);
const SCREENSHOTS = fileURLToPath(new URL('../../../screenshots/', import.meta.url));

async function poppler(tool: string, args: string[]): Promise<string> {
  try {
    return (await run(tool, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 })).stdout;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${tool} is missing: apt-get install -y poppler-utils`);
    }
    throw error;
  }
}

let dir = '';
async function write(name: string, doc: InvoiceDocument): Promise<string> {
  const file = join(dir, `${name}.pdf`);
  await writeFile(file, await toPdf(doc));
  return file;
}
const text = (file: string) => poppler('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']);

// The § 58 fields of sampleInvoice() as the Danish PDF writes them.
const DANISH_FIELDS = [
  'Faktura',
  '2027-0001',
  'Videncenter for Beskæftigelse',
  'Nørregade 7',
  'CVR-nr. 12345674',
  'Jobcenter Århus',
  '8230 Åbyhøj',
  'CVR-nr. 61126228',
  'EAN-nr. 5798009811578',
  'Åse Øster-Ærø',
  'IND-2027-118',
  '6.12.05.01-4000',
  'Att. Birthe Bogholder',
  'Søren Ærlig Åberg',
  'Masterclass i ledelse af beskæftigelsesindsatsen 2027',
  '7. juni, 30. august, 4. oktober og 22. november 2027',
  '15. januar 2027',
  '14. februar 2027',
  'Netto 30 dage',
  'Angiv fakturanummer ved betaling',
  'Reg.nr. 1234',
  '0012345678',
];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'holdet-pdf-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('invoice PDF', () => {
  it('has every § 58 field of the Danish invoice, with æøå intact', async () => {
    const out = await text(await write('invoice', sampleInvoice()));
    for (const expected of DANISH_FIELDS) expect(out).toContain(expected);
    // Amounts are right-aligned, so the label and the amount are separated by layout spaces.
    expect(out).toMatch(/Beløb ekskl\. moms\s+18\.000,00\s+kr\./u);
    expect(out).toMatch(/Moms 25\s%\s+4\.500,00\s+kr\./u);
    expect(out).toMatch(/I alt inkl\. moms\s+22\.500,00\s+kr\./u);
    expect(out).not.toContain('Krediterer');
  });

  it('refers the credit note to the invoice it credits', async () => {
    const out = await text(await write('credit', sampleCreditNote()));
    expect(out).toContain('Kreditnota');
    expect(out).toContain('2027-0002');
    expect(out).toContain('Krediterer faktura 2027-0001 af 15. januar 2027');
    expect(out).toContain('Tilmeldingen er annulleret efter aftale.');
    expect(out).toContain('22.500,00');
    // Nothing is to be paid on a credit note.
    expect(out).not.toContain('Forfaldsdato');
    expect(out).not.toContain('Angiv fakturanummer');
  });

  it('writes an English invoice in English', async () => {
    const out = await text(await write('english', sampleInvoice({ lang: 'en' })));
    for (const expected of [
      'Invoice',
      'Invoice date',
      '15 January 2027',
      '14 February 2027',
      'Net 30 days',
      '7 June, 30 August, 4 October and 22 November 2027',
      'CVR no. 12345674',
      'Åse Øster-Ærø',
      '18,000.00',
      '4,500.00',
      '22,500.00',
      'Total incl. VAT',
    ]) {
      expect(out).toContain(expected);
    }
    expect(out).not.toContain('Faktura');
  });

  it('embeds DejaVu, sets the document info and gives the same bytes for the same document', async () => {
    const file = await write('fonts', sampleInvoice());
    const fonts = await poppler('pdffonts', [file]);
    expect(fonts).toMatch(/\+DejaVuSans\s.*\byes\s+yes\s+yes\b/);
    expect(fonts).toMatch(/\+DejaVuSans-Bold\s.*\byes\s+yes\s+yes\b/);
    expect(fonts).not.toMatch(/Helvetica/i);

    const info = await poppler('pdfinfo', [file]);
    expect(info).toMatch(/^Title:\s+Faktura 2027-0001$/m);
    expect(info).toMatch(/^Author:\s+Videncenter for Beskæftigelse$/m);
    expect(info).toMatch(/^Page size:.*\(A4\)$/m);

    const [a, b] = await Promise.all([toPdf(sampleInvoice()), toPdf(sampleInvoice())]);
    expect(a.equals(b)).toBe(true);
    expect(a.includes('/Lang (da-DK)')).toBe(true);
  });

  it('renders a page image, and keeps one of the Danish invoice for people to look at', async () => {
    const file = await write('render', sampleInvoice());
    const prefix = join(dir, 'page');
    await poppler('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', '-singlefile', file, prefix]);
    const png = await readFile(`${prefix}.png`);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.length).toBeGreaterThan(5_000);

    await mkdir(SCREENSHOTS, { recursive: true });
    const shot = join(SCREENSHOTS, 'invoice-da');
    await poppler('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', file, shot]);
    expect((await stat(`${shot}.png`)).size).toBeGreaterThan(10_000);
  });

  it('wraps very long names and descriptions in Greek, Cyrillic and Danish', async () => {
    const words =
      'Περιφερειακή Υπηρεσία Απασχόλησης Городской центр занятости Beskæftigelsesforvaltningen Ærø';
    const last = 'Окончание';
    const long = `${words.repeat(3).slice(0, 200 - last.length - 1)} ${last}`;
    expect(long).toHaveLength(200);
    const base = sampleInvoice();
    const lines = [line('1', long, 1, 1_800_000, 2500)];
    const doc = sampleInvoice({
      buyer: { ...base.buyer, name: long, personReference: long },
      participantName: long,
      lines,
      totals: totalsOf(lines),
      note: long,
    });
    const file = await write('long', doc);
    const out = await text(file);
    expect(out.split(last).length - 1).toBeGreaterThanOrEqual(5);
    expect(out).toContain('Περιφερειακή');
    expect(out).toContain('22.500,00');
    // Wrapped, not drawn past the page: no extracted line is wider than the page allows.
    const widest = Math.max(...out.split('\n').map((l) => l.trimEnd().length));
    expect(widest).toBeLessThan(200);
  });

  it('moves long tables onto further pages, with the totals after the last line', async () => {
    const lines = Array.from({ length: 60 }, (_, i) =>
      line(String(i + 1), `Linje ${i + 1}`, 1, 10_000, 2500),
    );
    const file = await write('many', sampleInvoice({ lines, totals: totalsOf(lines) }));
    const info = await poppler('pdfinfo', [file]);
    const pages = Number(/^Pages:\s+(\d+)$/m.exec(info)?.[1]);
    expect(pages).toBeGreaterThan(1);
    const last = await poppler('pdftotext', ['-layout', '-f', String(pages), '-l', String(pages), file, '-']);
    expect(last).toContain('Linje 60');
    expect(last).toMatch(/I alt inkl\. moms\s+7\.500,00\s+kr\./u);
    expect(last).toContain(`Side ${pages} af ${pages}`);
  });
});

// The tagged structure as poppler reads it (`pdfinfo -struct-text`): one line per element, indented two
// spaces a level, its attributes (`/Scope /Row`) and its text ("…") on the lines below it.
interface Element {
  type: string;
  attributes: string[];
  texts: string[];
  children: Element[];
}

async function structure(file: string): Promise<Element> {
  const root: Element = { type: '', attributes: [], texts: [], children: [] };
  const open: { element: Element; depth: number }[] = [{ element: root, depth: -1 }];
  for (const raw of (await poppler('pdfinfo', ['-struct-text', file])).split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const depth = raw.length - raw.trimStart().length;
    while ((open.at(-1)?.depth ?? -1) >= depth) open.pop();
    const parent = open.at(-1)?.element ?? root;
    if (line.startsWith('"')) parent.texts.push(line.slice(1, -1));
    else if (line.startsWith('/')) parent.attributes.push(line);
    else {
      const element: Element = {
        type: line.replace(/[\s:].*$/, ''),
        attributes: [],
        texts: [],
        children: [],
      };
      parent.children.push(element);
      open.push({ element, depth });
    }
  }
  return root;
}

/** All text of an element and its descendants, in reading order (no-break spaces read as spaces). */
const said = (e: Element): string => [...e.texts, ...e.children.map(said)].join(' ').replace(/\s+/gu, ' ');
/** Every element of a type at or below `e`, in reading order. */
const all = (e: Element, type: string): Element[] => [
  ...(e.type === type ? [e] : []),
  ...e.children.flatMap((c) => all(c, type)),
];
/** The rows of a table (or table section) as the texts of their cells. */
const cells = (table: Element): string[][] => all(table, 'TR').map((tr) => tr.children.map(said));

/** The parts that occur in `text` one after another, each after the end of the one before. */
function inOrder(text: string, parts: string[]): string[] {
  let from = 0;
  return parts.filter((part) => {
    const at = text.indexOf(part, from);
    if (at >= 0) from = at + part.length;
    return at >= 0;
  });
}

/** The object `n 0 obj` of a PDF whose objects, unlike its content streams, pdfkit leaves uncompressed. */
function object(pdf: string, n: string): string {
  const start = pdf.indexOf(`\n${n} 0 obj\n`);
  expect(start).toBeGreaterThan(0);
  return pdf.slice(start, pdf.indexOf('endobj', start));
}
const refOf = (dict: string, key: string): string => /^\d+/.exec(dict.split(`/${key} `)[1] ?? '')?.[0] ?? '';

/** Each page's content stream, inflated, split into operands and operators. */
function contentTokens(bytes: Buffer): string[][] {
  const pdf = bytes.toString('latin1');
  const pages = pdf.split(/\n\d+ 0 obj\n/).filter((o) => o.startsWith('<<\n/Type /Page\n'));
  return pages.map((page) => {
    const at = pdf.indexOf(`\n${refOf(page, 'Contents')} 0 obj\n`);
    const length = Number(/\/Length (\d+)/.exec(pdf.slice(at))?.[1]);
    const start = pdf.indexOf('stream\n', at) + 'stream\n'.length;
    const content = inflateSync(bytes.subarray(start, start + length)).toString('latin1');
    return content.split(/\s+/).filter(Boolean);
  });
}

describe('invoice PDF for screen readers (tagged)', () => {
  it('is tagged, in Danish, and viewers show its title', async () => {
    const file = await write('tagged', sampleInvoice());
    const info = await poppler('pdfinfo', [file]);
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^PDF version:\s+1\.7$/m);

    const pdf = (await readFile(file)).toString('latin1');
    const catalog = pdf.split(/\n\d+ 0 obj\n/).find((o) => o.startsWith('<<\n/Type /Catalog\n')) ?? '';
    expect(catalog).toContain('/Lang (da-DK)');
    expect(object(pdf, refOf(catalog, 'MarkInfo'))).toMatch(/\/Marked true/);
    expect(object(pdf, refOf(catalog, 'ViewerPreferences'))).toMatch(/\/DisplayDocTitle true/);
    expect(object(pdf, refOf(catalog, 'StructTreeRoot'))).toMatch(/\/Type \/StructTreeRoot/);
    // Pages take their tab order from the structure.
    expect(pdf).toMatch(/\/Type \/Page\n[^>]*\/StructParents 0\n\/Tabs \/S\n/);
  });

  it('carries the title in XMP metadata too, with names escaped as XML', async () => {
    const base = sampleInvoice();
    const buyer = { ...base.buyer, name: 'Teknik & Miljø <Øst>' };
    const file = await write('xmp', sampleInvoice({ buyer }));
    const meta = await poppler('pdfinfo', ['-meta', file]);
    expect(meta).toMatch(/<dc:title>\s*<rdf:Alt>\s*<rdf:li xml:lang="x-default">Faktura 2027-0001<\/rdf:li>/);
    expect(meta).toContain('Faktura 2027-0001, Teknik &amp; Miljø &lt;Øst&gt;</rdf:li>');
    expect(meta).not.toContain('Teknik & Miljø');
    // The document info keeps the name as it is.
    expect(await poppler('pdfinfo', [file])).toMatch(/^Subject:\s+Faktura 2027-0001, Teknik & Miljø <Øst>$/m);
  });

  it('has headings, paragraphs and tables in reading order, and no § 58 field outside them', async () => {
    const file = await write('structure', sampleInvoice());
    const root = await structure(file);
    expect(root.children.map((e) => e.type)).toEqual(['Document']);
    const [document] = root.children as [Element];
    expect(document.children.map((e) => e.type)).toEqual([
      ...['H1', 'P', 'P', 'P'], // kind, number; seller name, seller address
      'Sect', // the buyer, under its own heading
      ...['Table', 'Table', 'Table', 'Table'], // invoice facts, delivery, lines, totals
      'Sect', // payment, under its own heading
    ]);
    expect(all(document, 'H1').map(said)).toEqual(['Faktura']);
    expect(all(document, 'H2').map(said)).toEqual(['KUNDE', 'Betaling']);
    expect(said(document.children[1] as Element)).toBe('2027-0001');
    expect(said(document.children[3] as Element)).toBe(
      'Nørregade 7 1165 København K CVR-nr. 12345674 kontakt@example.dk +45 33 12 34 56',
    );

    const [facts, delivery, lineTable, totals] = all(document, 'Table') as [
      Element,
      Element,
      Element,
      Element,
    ];
    expect(cells(facts)).toContainEqual(['Forfaldsdato', '14. februar 2027']);
    expect(cells(delivery)).toContainEqual(['Deltager', 'Søren Ærlig Åberg']);
    expect(lineTable.children.map((e) => e.type)).toEqual(['THead', 'TBody']);
    const [head, body] = lineTable.children as [Element, Element];
    expect(cells(head)).toEqual([['Beskrivelse', 'Antal', 'Enhedspris', 'Moms', 'Beløb']]);
    expect(all(head, 'TH').map((th) => th.attributes)).toEqual(Array(5).fill(['/Scope /Column']));
    expect(all(head, 'TD')).toEqual([]);
    expect(cells(body)).toEqual([
      [
        'Masterclass i ledelse af beskæftigelsesindsatsen 2027: 7. juni, 30. august, 4. oktober og 22. november 2027',
        '1',
        '18.000,00 kr.',
        '25 %',
        '18.000,00 kr.',
      ],
    ]);
    expect(cells(totals)).toEqual([
      ['Beløb ekskl. moms', '18.000,00 kr.'],
      ['Moms 25 %', '4.500,00 kr.'],
      ['I alt inkl. moms', '22.500,00 kr.'],
    ]);
    // Label cells head their row, and say so.
    for (const table of [facts, delivery, totals]) {
      for (const tr of all(table, 'TR')) {
        expect(tr.children.map((e) => [e.type, e.attributes])).toEqual([
          ['TH', ['/Scope /Row']],
          ['TD', []],
        ]);
      }
    }

    // Read aloud, the document says every field, in the order one reads the page.
    const spoken = said(document);
    for (const expected of DANISH_FIELDS) expect(spoken).toContain(expected);
    const order = ['Faktura', '2027-0001', 'Jobcenter Århus', 'Fakturadato', 'Deltager', 'Beskrivelse'];
    order.push('I alt inkl. moms', '22.500,00 kr.', 'Betaling', 'Angiv fakturanummer');
    expect(inOrder(spoken, order)).toEqual(order);
    // The footer repeats on every page: an artifact, not content.
    expect(spoken).not.toContain('Side 1 af 1');
    expect(await text(file)).toContain('Side 1 af 1');
  });

  it('marks everything it paints as content of the structure or as an artifact', async () => {
    const many = Array.from({ length: 40 }, (_, i) => line(String(i + 1), `Linje ${i + 1}`, 1, 10_000, 2500));
    for (const doc of [
      sampleInvoice(),
      sampleCreditNote(),
      sampleInvoice({ lines: many, totals: totalsOf(many) }),
    ]) {
      const pages = contentTokens(await toPdf(doc));
      for (const tokens of pages) {
        let depth = 0;
        let artifacts = 0;
        let mcids = 0;
        for (const [i, op] of tokens.entries()) {
          if (op === 'BDC' || op === 'BMC') depth++;
          else if (op === 'EMC') depth--;
          else if (['TJ', 'Tj', 'S', 'f', 'B', 'b', 'Do', 'sh'].includes(op)) expect(depth, op).toBe(1);
          if (op === '/Artifact') artifacts++;
          if (op === '/MCID') mcids = Math.max(mcids, Number(tokens[i + 1]) + 1);
          expect(depth).toBeGreaterThanOrEqual(0);
        }
        expect(depth).toBe(0);
        expect(artifacts).toBeGreaterThan(0); // rules and the footer at least
        expect(mcids).toBeGreaterThan(0);
      }
    }
  });

  it('keeps one table across pages, with the repeated headings and continuation lines as artifacts', async () => {
    const lines = Array.from({ length: 60 }, (_, i) =>
      line(String(i + 1), `Linje ${i + 1}`, 1, 10_000, 2500),
    );
    const file = await write('many-tagged', sampleInvoice({ lines, totals: totalsOf(lines) }));
    const document = (await structure(file)).children[0] as Element;
    const lineTable = all(document, 'Table')[2] as Element;
    expect(all(lineTable, 'THead')).toHaveLength(1);
    expect(all(lineTable, 'TH')).toHaveLength(5);
    const rows = cells(all(lineTable, 'TBody')[0] as Element);
    expect(rows.map((r) => r[0])).toEqual(lines.map((l) => l.description));
    expect(said(document)).not.toContain('fortsat');
    const layout = await text(file);
    expect(layout).toContain('Faktura 2027-0001 (fortsat)');
  });

  it('tags the credit note: its reference to the invoice and the note under a heading', async () => {
    const document = (await structure(await write('credit-tagged', sampleCreditNote())))
      .children[0] as Element;
    expect(all(document, 'H1').map(said)).toEqual(['Kreditnota']);
    expect(all(document, 'H2').map(said)).toEqual(['KUNDE', 'Bemærkning']);
    const paragraphs = all(document, 'P').map(said);
    expect(paragraphs).toContain('Krediterer faktura 2027-0001 af 15. januar 2027');
    expect(paragraphs).toContain('Tilmeldingen er annulleret efter aftale.');
  });

  it('reads, without layout, the heading, the number and the total in that order', async () => {
    const out = await poppler('pdftotext', ['-enc', 'UTF-8', await write('plain', sampleInvoice()), '-']);
    const order = ['Faktura', '2027-0001', 'I alt inkl. moms', '22.500,00 kr.'];
    expect(inOrder(out, order)).toEqual(order);
    expect(out).toMatch(/I alt inkl\. moms\s+22\.500,00 kr\./u);
  });
});

describe('session days', () => {
  it('writes the year once per run of days in the same year', () => {
    expect(formatDayList(['2027-06-07', '2027-08-30'], 'da')).toBe('7. juni og 30. august 2027');
    expect(formatDayList(['2027-12-06', '2028-01-10', '2028-02-07'], 'da')).toBe(
      '6. december 2027, 10. januar og 7. februar 2028',
    );
    expect(formatDayList(['2027-06-07'], 'en')).toBe('7 June 2027');
  });
});
