import { describe, expect, it } from 'vitest';
import { csvAmount, csvFilename, csvText, documentsCsv, writeCsv } from './csv.ts';
import type { DocumentRow } from './reads.ts';

function row(overrides: Partial<DocumentRow> = {}): DocumentRow {
  return {
    id: 'a',
    number: '2026-0001',
    kind: 'invoice',
    registrationId: 'r',
    accountId: 'acc',
    issueDate: '2026-03-02',
    dueDate: '2026-04-01',
    buyerName: 'Jobcenter Århus',
    buyerCvr: '61126228',
    buyerEan: '5798009811578',
    participantName: 'Søren Ærlig Åberg',
    netOre: 1_800_000,
    vatOre: 450_000,
    totalOre: 2_250_000,
    publicBuyer: true,
    paidOn: null,
    paidNote: null,
    sentAt: null,
    status: 'open',
    credits: null,
    ...overrides,
  };
}

describe('csv writer', () => {
  it('writes amounts with a decimal comma and no thousands separator', () => {
    expect(csvAmount(1_800_000)).toBe('18000,00');
    expect(csvAmount(5)).toBe('0,05');
    expect(csvAmount(123_456_789)).toBe('1234567,89');
    expect(csvAmount(-1_800_000)).toBe('-18000,00');
    expect(csvAmount(0)).toBe('0,00');
  });

  it('starts with a BOM, separates with ; and ends every line with CRLF', () => {
    const text = writeCsv([
      ['a', 'b'],
      ['æ', { ore: 100 }],
      [null, ''],
    ]);
    expect(text).toBe('\uFEFFa;b\r\næ;1,00\r\n;\r\n');
  });

  it('quotes fields holding ;, " or a line break, doubling quotes', () => {
    expect(csvText('Jobcenter; Vest')).toBe('"Jobcenter; Vest"');
    expect(csvText('Sagt "ja"')).toBe('"Sagt ""ja"""');
    expect(csvText('linje 1\nlinje 2')).toBe('"linje 1\nlinje 2"');
    expect(csvText('a\r\nb')).toBe('"a\r\nb"');
    expect(csvText('Plain, with comma')).toBe('Plain, with comma');
  });

  it('neutralises cells that a spreadsheet would run as a formula', () => {
    expect(csvText('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvText('+45 12')).toBe("'+45 12");
    expect(csvText('-1+1')).toBe("'-1+1");
    expect(csvText('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvText('\tx')).toBe("'\tx");
    expect(csvText('\rx')).toBe('"\'\rx"');
    expect(csvText('Jens=Hansen')).toBe('Jens=Hansen');
    // Our own amounts are numbers and never get the apostrophe.
    expect(writeCsv([[{ ore: -100 }]])).toBe('\uFEFF-1,00\r\n');
  });

  it('names the file after the day', () => {
    expect(csvFilename('2026-03-02')).toBe('fakturaer-2026-03-02.csv');
  });
});

describe('documentsCsv', () => {
  it('writes a header and one row per document, credit notes negative and pointing at their invoice', () => {
    const text = documentsCsv(
      [
        row({ status: 'credited' }),
        row({
          id: 'b',
          number: '2026-0002',
          kind: 'credit_note',
          dueDate: '2026-03-02',
          status: 'credit_note',
          credits: { id: 'a', number: '2026-0001' },
        }),
        row({
          id: 'c',
          number: '2026-0003',
          buyerName: '=cmd|calc',
          buyerEan: null,
          publicBuyer: false,
          status: 'paid',
        }),
      ],
      'da',
    );
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFFNummer;Type;Fakturadato;Forfaldsdato;Køber;CVR;EAN;Deltager;Netto;Moms;I alt;Status;Krediterer faktura',
    );
    expect(lines[1]).toBe(
      '2026-0001;Faktura;2026-03-02;2026-04-01;Jobcenter Århus;61126228;5798009811578;Søren Ærlig Åberg;18000,00;4500,00;22500,00;Krediteret;',
    );
    expect(lines[2]).toBe(
      '2026-0002;Kreditnota;2026-03-02;2026-03-02;Jobcenter Århus;61126228;5798009811578;Søren Ærlig Åberg;-18000,00;-4500,00;-22500,00;Kreditnota;2026-0001',
    );
    expect(lines[3]).toBe(
      "2026-0003;Faktura;2026-03-02;2026-04-01;'=cmd|calc;61126228;;Søren Ærlig Åberg;18000,00;4500,00;22500,00;Betalt;",
    );
    expect(lines[4]).toBe('');
    expect(lines).toHaveLength(5);
  });

  it('speaks English when asked, with the same number format', () => {
    const text = documentsCsv([row()], 'en');
    expect(text).toContain('Number;Type;Issue date;Due date;Buyer');
    expect(text).toContain(';Invoice;');
    expect(text).toContain(';18000,00;4500,00;22500,00;Open;');
  });
});
