import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import { toOioubl } from '../src/modules/invoicing/oioubl.ts';
import { toPdf } from '../src/modules/invoicing/pdf.ts';
import { toPeppol } from '../src/modules/invoicing/peppol.ts';
import { sampleInvoice } from '../test/invoices.ts';
import { fromEnv, MiB, mib, printTable, signedMib } from './lib.ts';

// `npm run bench:documents` (and the last section of `npm run bench`): how fast the invoice documents are
// written in this process, one after the other as the outbox worker or a download does, each against a
// floor measured in the same run:
// - the invoice PDF against a one-line pdfkit document with the same embedded DejaVu (pdfkit + subsetting);
// - OIOUBL and Peppol XML against JSON.stringify of the same model (serialising it at all).
// Then memory: heap and RSS after a full GC, before and after rendering a batch of PDFs.
//
// Runs with --expose-gc; started without it, it starts itself again with it. Prints a table and whether
// the goals are met; exits non-zero only when something is wrong (an exception, an output that is not a
// PDF or not XML, PDFs of one document that differ).

const DOCS = {
  durationS: fromEnv('BENCH_DOCS_DURATION', 3, 0.5),
  warmupS: fromEnv('BENCH_DOCS_WARMUP', 1, 0),
  memoryPdfs: fromEnv('BENCH_DOCS_MEMORY_PDFS', 500, 1),
};

const GOALS = { pdfPerSec: 20, xmlPerSec: 1000, heapGrowthMiB: 20 };

// The same font files pdf.ts embeds.
const DEJAVU = readFileSync(
  join(
    dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')),
    'ttf',
    'DejaVuSans.ttf',
  ),
);

/** The floor: A4, DejaVu registered and embedded (subset), one line of text; no Helvetica, like toPdf. */
function minimalPdf(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({ size: 'A4', font: '' });
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    pdf.registerFont('regular', DEJAVU);
    pdf.font('regular').fontSize(9).text('Faktura 2027-0001, Jobcenter Århus', 50, 50);
    pdf.end();
  });
}

const PDF_HEAD = Buffer.from('%PDF-');
const PDF_TAIL = Buffer.from('%%EOF');

function assertPdf(name: string, out: Buffer): void {
  const tail = out.subarray(Math.max(0, out.length - 16));
  if (!Buffer.isBuffer(out) || !out.subarray(0, 5).equals(PDF_HEAD) || !tail.includes(PDF_TAIL)) {
    throw new Error(
      `${name}: not a PDF (${out.length} bytes, starts ${JSON.stringify(out.subarray(0, 8).toString('latin1'))})`,
    );
  }
}

/** A PDF check that also holds every PDF of the one document to the bytes of the first (pdf.ts promises it). */
function samePdfEveryTime(name: string): (out: Buffer) => void {
  let first: Buffer | undefined;
  return (out) => {
    assertPdf(name, out);
    first ??= out;
    if (!out.equals(first)) throw new Error(`${name}: the same document gave different bytes`);
  };
}

function assertXml(root: string): (name: string, out: string) => void {
  return (name, out) => {
    if (typeof out !== 'string' || !out.startsWith('<?xml') || !out.includes(`<${root} `)) {
      throw new Error(`${name}: not a UBL ${root} (${JSON.stringify(String(out).slice(0, 60))})`);
    }
  };
}

interface Subject<T> {
  name: string;
  make: () => T | Promise<T>;
  check: (name: string, out: T) => void;
  sizeOf: (out: T) => number;
}

interface Throughput {
  name: string;
  docs: number;
  docsPerSec: number;
  msPerDoc: number;
  /** CPU time of this process (user + system, GC threads included) per document. */
  cpuMsPerDoc: number;
  bytesPerDoc: number;
  /** The row this one is compared with; none for a baseline. */
  baseline?: Throughput;
  goalPerSec?: number;
}

/** Runs `make` back to back (awaiting it when it returns a promise) for `seconds`; checks every output. */
async function run<T>(subject: Subject<T>, seconds: number): Promise<Omit<Throughput, 'name'>> {
  let docs = 0;
  let bytes = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const until = started + seconds * 1000;
  let now = started;
  do {
    const made = subject.make();
    const out = made instanceof Promise ? await made : made;
    subject.check(subject.name, out);
    bytes += subject.sizeOf(out);
    docs += 1;
    now = performance.now();
  } while (now < until);
  const ms = now - started;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    docs,
    docsPerSec: (docs * 1000) / ms,
    msPerDoc: ms / docs,
    cpuMsPerDoc: (cpu.user + cpu.system) / 1000 / docs,
    bytesPerDoc: bytes / docs,
  };
}

async function measure<T>(
  subject: Subject<T>,
  extra: Pick<Throughput, 'baseline' | 'goalPerSec'> = {},
): Promise<Throughput> {
  if (DOCS.warmupS > 0) await run(subject, DOCS.warmupS);
  return { name: subject.name, ...(await run(subject, DOCS.durationS)), ...extra };
}

/** A full collection, a few times over with the event loop turning between, so finalisers run too. */
async function collect(): Promise<NodeJS.MemoryUsage> {
  const gc = globalThis.gc;
  if (!gc) throw new Error('no global gc: run with node --expose-gc');
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage();
}

interface MemoryResult {
  pdfs: number;
  before: NodeJS.MemoryUsage;
  after: NodeJS.MemoryUsage;
  /** Heap used after a GC at every quarter of the batch, to tell growth from noise. */
  heapSteps: number[];
}

/** Heap and RSS after a GC, before and after rendering `count` invoice PDFs (outputs are dropped). */
async function memory(count: number): Promise<MemoryResult> {
  const check = samePdfEveryTime('invoice PDF (memory run)');
  const before = await collect();
  const heapSteps: number[] = [];
  const quarter = Math.max(1, Math.floor(count / 4));
  for (let i = 1; i <= count; i++) {
    check(await toPdf(sampleInvoice()));
    if (i % quarter === 0 && i < count) heapSteps.push((await collect()).heapUsed);
  }
  const after = await collect();
  heapSteps.push(after.heapUsed);
  return { pdfs: count, before, after, heapSteps };
}

const fixed = (n: number) => n.toFixed(n < 10 ? 2 : n < 100 ? 1 : 0);

async function main(): Promise<number> {
  console.log(
    `documents: in this process, one at a time, ${DOCS.durationS} s each after a ${DOCS.warmupS} s warm-up; ` +
      `memory over ${DOCS.memoryPdfs} invoice PDFs (node --expose-gc, full GC before each reading)\n`,
  );
  const pdfBaseline = await measure({
    name: 'baseline: pdfkit + DejaVu subset, one line',
    make: minimalPdf,
    check: assertPdf,
    sizeOf: (out) => out.length,
  });
  const pdfCheck = samePdfEveryTime('invoice PDF');
  const pdf = await measure(
    {
      name: 'invoice PDF: toPdf(sampleInvoice())',
      make: () => toPdf(sampleInvoice()),
      check: (_name, out) => pdfCheck(out),
      sizeOf: (out) => out.length,
    },
    { baseline: pdfBaseline, goalPerSec: GOALS.pdfPerSec },
  );
  const jsonBaseline = await measure({
    name: 'baseline: JSON.stringify(sampleInvoice())',
    make: () => JSON.stringify(sampleInvoice()),
    check: (name, out) => {
      if (typeof out !== 'string' || !out.startsWith('{')) throw new Error(`${name}: not JSON`);
    },
    sizeOf: (out) => Buffer.byteLength(out),
  });
  const oioubl = await measure(
    {
      name: 'OIOUBL 2.1: toOioubl(sampleInvoice())',
      make: () => toOioubl(sampleInvoice()),
      check: assertXml('Invoice'),
      sizeOf: (out) => Buffer.byteLength(out),
    },
    { baseline: jsonBaseline, goalPerSec: GOALS.xmlPerSec },
  );
  const peppol = await measure(
    {
      name: 'Peppol BIS 3: toPeppol(sampleInvoice())',
      make: () => toPeppol(sampleInvoice()),
      check: assertXml('Invoice'),
      sizeOf: (out) => Buffer.byteLength(out),
    },
    { baseline: jsonBaseline, goalPerSec: GOALS.xmlPerSec },
  );
  const mem = await memory(DOCS.memoryPdfs);

  const rows = [pdfBaseline, pdf, jsonBaseline, oioubl, peppol];
  printTable([
    ['document', 'docs', 'docs/s', 'ms/doc', 'CPU ms/doc', 'KB/doc', 'ratio'],
    ...rows.map((r) => [
      r.name,
      String(r.docs),
      r.docsPerSec.toFixed(0),
      r.msPerDoc.toFixed(r.msPerDoc < 0.1 ? 4 : r.msPerDoc < 1 ? 3 : 2),
      r.cpuMsPerDoc.toFixed(r.cpuMsPerDoc < 0.1 ? 4 : r.cpuMsPerDoc < 1 ? 3 : 2),
      (r.bytesPerDoc / 1000).toFixed(1),
      r.baseline ? (r.docsPerSec / r.baseline.docsPerSec).toFixed(3) : '1.000',
    ]),
  ]);
  console.log(
    '\n(docs/s and ms/doc: wall time, one document after the other; CPU ms/doc: this process, GC threads' +
      ' included; ratio: docs/s against the baseline above it, measured in the same run)',
  );

  const growth = mem.after.heapUsed - mem.before.heapUsed;
  printTable([
    ['memory after a full GC', 'before', `after ${mem.pdfs} PDFs`, 'growth'],
    ...(
      [
        ['heap used', 'heapUsed'],
        ['external (Buffers)', 'external'],
        ['RSS', 'rss'],
      ] as const
    ).map(([label, key]) => [
      `${label}, MiB`,
      mib(mem.before[key]),
      mib(mem.after[key]),
      signedMib(mem.after[key] - mem.before[key]),
    ]),
  ]);
  console.log(
    `(heap used after each quarter of the ${mem.pdfs} PDFs: ${mem.heapSteps.map(mib).join(', ')} MiB)\n`,
  );

  const line = (met: boolean, text: string) => console.log(`${met ? 'MET    ' : 'NOT MET'}  ${text}`);
  for (const r of rows) {
    if (r.goalPerSec === undefined) continue;
    line(r.docsPerSec >= r.goalPerSec, `${r.name}: ${fixed(r.docsPerSec)} docs/s ≥ ${r.goalPerSec}`);
  }
  line(
    growth < GOALS.heapGrowthMiB * MiB,
    `heap growth after ${mem.pdfs} invoice PDFs: ${signedMib(growth)} MiB < ${GOALS.heapGrowthMiB} MiB`,
  );
  console.log(
    `OK       every output checked: ${rows.reduce((n, r) => n + r.docs, 0) + mem.pdfs} documents ` +
      '(PDF header and trailer, each invoice PDF byte for byte the same, UBL Invoice XML)',
  );
  return 0;
}

if (typeof globalThis.gc !== 'function') {
  // Started without --expose-gc (e.g. `tsx bench/documents.ts`): once more with it, in a child.
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url)],
    { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: 'inherit' },
  );
  process.exit(child.status ?? 1);
} else {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error('FAILED   documents bench:', error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
