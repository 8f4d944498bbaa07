import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
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

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'holdet-pdf-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('invoice PDF', () => {
  it('has every § 58 field of the Danish invoice, with æøå intact', async () => {
    const out = await text(await write('invoice', sampleInvoice()));
    for (const expected of [
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
    ]) {
      expect(out).toContain(expected);
    }
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

describe('session days', () => {
  it('writes the year once per run of days in the same year', () => {
    expect(formatDayList(['2027-06-07', '2027-08-30'], 'da')).toBe('7. juni og 30. august 2027');
    expect(formatDayList(['2027-12-06', '2028-01-10', '2028-02-07'], 'da')).toBe(
      '6. december 2027, 10. januar og 7. februar 2028',
    );
    expect(formatDayList(['2027-06-07'], 'en')).toBe('7 June 2027');
  });
});
