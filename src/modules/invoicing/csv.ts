import type { Lang } from '../../shared/danish.ts';
import { invMessages } from './messages.ts';
import { decimalAmount } from './model.ts';
import type { DocumentRow } from './reads.ts';

// CSV for bookkeeping the way Danish Excel opens it with a double click: UTF-8 with a BOM (else Excel
// guesses Windows-1252 and garbles æøå), `;` between fields (the comma is the decimal sign), amounts with a
// decimal comma and no thousands separator, ISO dates, CRLF line ends. Pure: no I/O.

/** Text, an amount in øre (written as a number, never neutralised), or nothing. */
export type CsvCell = string | { ore: number } | null;

const BOM = '\uFEFF';
const CRLF = '\r\n';

/** 1800000 → "18000,00"; -1800000 → "-18000,00". */
export function csvAmount(ore: number): string {
  return decimalAmount(ore).replace('.', ',');
}

/**
 * One text field. A cell that starts like a formula is made inert with a leading apostrophe, so a buyer
 * named "=HYPERLINK(…)" stays text in a spreadsheet; then the field is quoted when it holds `;`, `"` or a
 * line break.
 */
export function csvText(value: string): string {
  const inert = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(inert) ? `"${inert.replaceAll('"', '""')}"` : inert;
}

function cell(c: CsvCell): string {
  if (c === null) return '';
  if (typeof c === 'string') return csvText(c);
  return csvAmount(c.ore);
}

/** The whole file: BOM, then every row (the header first) ended by CRLF. */
export function writeCsv(rows: readonly (readonly CsvCell[])[]): string {
  return BOM + rows.map((r) => r.map(cell).join(';') + CRLF).join('');
}

/** `fakturaer-2026-03-02.csv` for the Copenhagen day `today`. */
export function csvFilename(today: string): string {
  return `fakturaer-${today}.csv`;
}

/**
 * One row per document in number order. A credit note's amounts are negative here (the documents
 * themselves never are), so the columns sum to what is actually owed.
 */
export function documentsCsv(rows: readonly DocumentRow[], lang: Lang): string {
  const m = invMessages(lang);
  const header: CsvCell[] = [
    m['csv.number'],
    m['csv.kind'],
    m['csv.issueDate'],
    m['csv.dueDate'],
    m['csv.buyer'],
    m['csv.cvr'],
    m['csv.ean'],
    m['csv.participant'],
    m['csv.net'],
    m['csv.vat'],
    m['csv.total'],
    m['csv.status'],
    m['csv.credits'],
  ];
  const body = rows.map((r): CsvCell[] => {
    const sign = r.kind === 'credit_note' ? -1 : 1;
    return [
      r.number,
      m[`inv.kind.${r.kind}`],
      r.issueDate,
      r.dueDate,
      r.buyerName,
      r.buyerCvr,
      r.buyerEan,
      r.participantName,
      { ore: sign * r.netOre },
      { ore: sign * r.vatOre },
      { ore: sign * r.totalOre },
      m[`inv.status.${r.status}`],
      r.credits?.number ?? null,
    ];
  });
  return writeCsv([header, ...body]);
}
