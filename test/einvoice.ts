import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

// Validates e-invoices the way the receivers do: the UBL 2.1 schema (xmllint), then the official business
// rules (XSLT 2.0, Saxon): the Danish Business Authority's OIOUBL schematron, or OpenPeppol's EN 16931 and
// Peppol rules. Java start-up and compiling a stylesheet cost seconds, so a batch runs each stylesheet
// once over a directory. Nothing is skipped: a missing tool or bundle is an error, never a pass.

const run = promisify(execFile);
const INSTALL = 'apt-get install -y libxml2-utils libsaxonhe-java unzip';
const SAXON_JAR = '/usr/share/java/Saxon-HE.jar';
const UNZIP = '/usr/bin/unzip';
const OIOUBL_ZIP = 'OIOUBL_Schematron_2026-05-01_v1.17.2.ec0bcd89.zip';
const PEPPOL_DIR = 'peppol-2026.5';
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export type EinvoiceFormat = 'oioubl' | 'peppol';
export type EinvoiceKind = 'invoice' | 'credit_note';

export interface EinvoiceInput {
  /** Unique within a batch; the key of the result. */
  name: string;
  xml: string;
  format: EinvoiceFormat;
  kind: EinvoiceKind;
}

export interface EinvoiceResult {
  /** xmllint's schema and well-formedness errors. */
  schemaErrors: string[];
  /** OIOUBL `Error` entries, or Peppol/EN 16931 failed assertions with flag="fatal", with their rule ids. */
  ruleErrors: string[];
  /** OIOUBL `Warning` entries and Peppol warnings: reported, not failures. */
  warnings: string[];
}

export interface EinvoiceBundle {
  /** The folder holding the zip and the Peppol stylesheets. */
  sourceDir: string;
  /** Where the OIOUBL zip is unpacked (Schemas/, Stylesheets/, Eksempelfiler/). */
  oioublDir: string;
  invoiceXsd: string;
  creditNoteXsd: string;
  oioublInvoiceXsl: string;
  oioublCreditNoteXsl: string;
  peppolXsl: { cen: string; peppol: string };
}

/**
 * Where the validation material lives: $HOLDET_EINVOICE_DIR, else the workplace's ../shared/einvoice beside the
 * repo, else the copy in test/einvoice-rules (for a checkout without ../shared).
 */
export function einvoiceSourceDir(): string {
  const fromEnv = process.env.HOLDET_EINVOICE_DIR;
  if (fromEnv) {
    if (existsSync(join(fromEnv, OIOUBL_ZIP))) return fromEnv;
    throw new Error(`HOLDET_EINVOICE_DIR=${fromEnv} does not hold ${OIOUBL_ZIP}`);
  }
  const candidates = [join(REPO_ROOT, '..', 'shared', 'einvoice'), join(REPO_ROOT, 'test', 'einvoice-rules')];
  const found = candidates.find(
    (dir) => existsSync(join(dir, OIOUBL_ZIP)) && existsSync(join(dir, PEPPOL_DIR)),
  );
  if (found) return found;
  throw new Error(
    `E-invoice validation bundle not found: looked for ${OIOUBL_ZIP} and ${PEPPOL_DIR}/ in ${candidates.join(', ')} ` +
      `(set HOLDET_EINVOICE_DIR to a folder holding them)`,
  );
}

let bundle: Promise<EinvoiceBundle> | null = null;

/**
 * Unpacks the OIOUBL bundle once per machine into the temporary folder, named after the bundle's version
 * (a worker process is killed rather than exited, so a per-process folder would never be removed).
 * Unpacked beside it first and renamed into place, so concurrent test files never see half a bundle.
 */
export function einvoiceBundle(): Promise<EinvoiceBundle> {
  bundle ??= (async () => {
    await assertTools();
    const sourceDir = einvoiceSourceDir();
    const oioublDir = join(tmpdir(), `holdet-${OIOUBL_ZIP.replace(/\.zip$/, '')}`);
    const b: EinvoiceBundle = {
      sourceDir,
      oioublDir,
      invoiceXsd: join(oioublDir, 'Schemas/UBL_v2.1/maindoc/UBL-Invoice-2.1.xsd'),
      creditNoteXsd: join(oioublDir, 'Schemas/UBL_v2.1/maindoc/UBL-CreditNote-2.1.xsd'),
      oioublInvoiceXsl: join(oioublDir, 'Stylesheets/OIOUBL_Invoice_Schematron.xsl'),
      oioublCreditNoteXsl: join(oioublDir, 'Stylesheets/OIOUBL_CreditNote_Schematron.xsl'),
      peppolXsl: {
        cen: join(sourceDir, PEPPOL_DIR, 'CEN-EN16931-UBL.xslt'),
        peppol: join(sourceDir, PEPPOL_DIR, 'PEPPOL-EN16931-UBL.xslt'),
      },
    };
    const unpacked = [b.invoiceXsd, b.creditNoteXsd, b.oioublInvoiceXsl, b.oioublCreditNoteXsl];
    if (!unpacked.every((f) => existsSync(f))) {
      const staging = await mkdtemp(join(tmpdir(), 'holdet-oioubl-'));
      await run(UNZIP, ['-q', '-o', join(sourceDir, OIOUBL_ZIP), '-d', staging]);
      // Another process may have won the race; its copy is as good as ours.
      await rename(staging, oioublDir).catch(() => rm(staging, { recursive: true, force: true }));
    }
    // Never removed here: another test file may be reading it. A damaged copy is for a person to delete.
    for (const f of [...unpacked, b.peppolXsl.cen, b.peppolXsl.peppol]) {
      if (!existsSync(f)) {
        throw new Error(`E-invoice validation material is incomplete: ${f} is missing (delete ${oioublDir})`);
      }
    }
    return b;
  })();
  return bundle;
}

async function assertTools(): Promise<void> {
  const missing: string[] = [];
  for (const [cmd, args] of [
    ['xmllint', ['--version']],
    ['java', ['-version']],
  ] as const) {
    await run(cmd, [...args]).catch(() => missing.push(cmd));
  }
  if (!existsSync(SAXON_JAR)) missing.push(SAXON_JAR);
  if (!existsSync(UNZIP)) missing.push(UNZIP);
  if (missing.length > 0) {
    throw new Error(
      `E-invoice validation needs ${missing.join(', ')}: run \`${INSTALL}\` (and a Java runtime)`,
    );
  }
}

interface Placed extends EinvoiceInput {
  path: string;
  result: EinvoiceResult;
}

/** Validates a batch: one xmllint call per schema, one Saxon run per stylesheet, all in parallel. */
export async function validateDocuments(
  docs: readonly EinvoiceInput[],
): Promise<Map<string, EinvoiceResult>> {
  const b = await einvoiceBundle();
  const work = await mkdtemp(join(tmpdir(), 'holdet-einvoice-'));
  try {
    const groups = {
      'oioubl-invoice': b.oioublInvoiceXsl,
      'oioubl-credit_note': b.oioublCreditNoteXsl,
      peppol: null,
    } as const;
    const placed: Placed[] = [];
    const names = new Set<string>();
    for (const [i, d] of docs.entries()) {
      if (names.has(d.name)) throw new Error(`Duplicate document name in batch: ${d.name}`);
      names.add(d.name);
      const group = d.format === 'peppol' ? 'peppol' : `oioubl-${d.kind}`;
      const path = join(work, 'in', group, `d${i}.xml`);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, d.xml, 'utf8');
      placed.push({ ...d, path, result: { schemaErrors: [], ruleErrors: [], warnings: [] } });
    }
    const jobs: Promise<void>[] = [];
    for (const kind of ['invoice', 'credit_note'] as const) {
      const these = placed.filter((p) => p.kind === kind);
      if (these.length === 0) continue;
      jobs.push(schemaCheck(kind === 'invoice' ? b.invoiceXsd : b.creditNoteXsd, these));
    }
    for (const [group, xsl] of Object.entries(groups)) {
      const these = placed.filter((p) => dirname(p.path) === join(work, 'in', group));
      if (these.length === 0) continue;
      const inDir = join(work, 'in', group);
      if (xsl) jobs.push(rules(xsl, inDir, join(work, 'out', group), these, parseOioubl));
      else {
        jobs.push(rules(b.peppolXsl.cen, inDir, join(work, 'out', 'cen'), these, parseSvrl));
        jobs.push(rules(b.peppolXsl.peppol, inDir, join(work, 'out', 'peppol'), these, parseSvrl));
      }
    }
    await Promise.all(jobs);
    return new Map(placed.map((p) => [p.name, p.result]));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Runs a command that may exit non-zero with results (xmllint, Saxon), returning its output either way. */
async function capture(cmd: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  try {
    return await run(cmd, args, { maxBuffer: 64 * 1024 * 1024, timeout: 180_000 });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; code?: unknown };
    if (typeof err.code !== 'number') throw e; // not started or killed: no results to read
    return { stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

async function schemaCheck(xsd: string, docs: Placed[]): Promise<void> {
  const { stdout, stderr } = await capture('xmllint', [
    '--noout',
    '--schema',
    xsd,
    ...docs.map((d) => d.path),
  ]);
  const lines = `${stderr}\n${stdout}`.split('\n');
  for (const d of docs) {
    const valid = lines.includes(`${d.path} validates`);
    const errors = lines.filter((l) => l.startsWith(`${d.path}:`)).map((l) => l.slice(d.path.length + 1));
    d.result.schemaErrors.push(...errors);
    if (!valid && errors.length === 0) d.result.schemaErrors.push(`xmllint gave no verdict:\n${stderr}`);
  }
}

type Parsed = { errors: string[]; warnings: string[]; sane: string | null };

async function rules(
  xsl: string,
  inDir: string,
  outDir: string,
  docs: Placed[],
  parse: (output: string) => Parsed,
): Promise<void> {
  await mkdir(outDir, { recursive: true });
  // C1-only JIT and the serial collector halve a short run: start-up and compiling dominate.
  const { stderr } = await capture('java', [
    '-XX:TieredStopAtLevel=1',
    '-XX:+UseSerialGC',
    '-jar',
    SAXON_JAR,
    `-s:${inDir}`,
    `-xsl:${xsl}`,
    `-o:${outDir}`,
  ]);
  const sheet = xsl.split('/').at(-1);
  for (const d of docs) {
    const file = d.path.split('/').at(-1) ?? '';
    const output = await readFile(join(outDir, file), 'utf8').catch(() => null);
    if (output === null) {
      d.result.ruleErrors.push(
        `${sheet} produced no result for this document; Saxon said:\n${stderr.trim()}`,
      );
      continue;
    }
    const parsed = parse(output);
    if (parsed.sane) d.result.ruleErrors.push(`${sheet}: ${parsed.sane}`);
    d.result.ruleErrors.push(...parsed.errors);
    d.result.warnings.push(...parsed.warnings);
  }
}

function decode(text: string): string {
  return decodeXml(text.replace(/<[^>]+>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
}

function child(block: string, name: string): string {
  const m = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(block);
  return m?.[1] ? decode(m[1]) : '';
}

/** The OIOUBL stylesheets write `<Error>`/`<Warning>` with Description (rule id first) and Xpath. */
export function parseOioubl(output: string): Parsed {
  const entries = (tag: string) =>
    [...output.matchAll(new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => {
      const body = m[1] ?? '';
      const where = child(body, 'Xpath');
      return `${child(body, 'Description') || decode(body)}${where ? ` at ${where}` : ''}`;
    });
  // Every run writes this line; without it the stylesheet did not recognise the document at all.
  const sane = /<Information>Checking OIOUBL-2\.1 /.test(output)
    ? null
    : 'no "Checking OIOUBL-2.1" line in output';
  return { errors: entries('Error'), warnings: entries('Warning'), sane };
}

/** SVRL: every failed assertion or report; flag="fatal" (or "error") is an error, the rest warnings. */
export function parseSvrl(output: string): Parsed {
  const errors: string[] = [];
  const warnings: string[] = [];
  const re = /<svrl:(failed-assert|successful-report)\b([^>]*)>([\s\S]*?)<\/svrl:\1>/g;
  for (const m of output.matchAll(re)) {
    const attrs = m[2] ?? '';
    const attr = (n: string) => decode(new RegExp(`\\b${n}="([^"]*)"`).exec(attrs)?.[1] ?? '');
    // Locations read /*:Invoice[namespace-uri()='…'][1]/…: shortened to /Invoice[1]/….
    const where = attr('location')
      .replace(/\[namespace-uri\(\)='[^']*'\]/g, '')
      .replace(/\*:/g, '');
    const text = `${child(m[3] ?? '', 'svrl:text')} at ${where}`;
    const flag = attr('flag');
    if (flag === 'fatal' || flag === 'error') errors.push(text);
    else warnings.push(`[${flag || 'no flag'}] ${text}`);
  }
  // No rule fired means the stylesheet matched nothing (wrong namespace or root): not a pass.
  const sane = /<svrl:fired-rule\b/.test(output) ? null : 'no rule fired: the document was not recognised';
  return { errors, warnings, sane };
}

// ---- reading the writers' XML back in tests -----------------------------------------------------------

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** One pass over the references, as a parser does (xmlbuilder2's reader decodes twice: `&amp;#65;` → "A"). */
function decodeXml(text: string): string {
  return text.replace(/&(?:(amp|lt|gt|quot|apos)|#x([0-9a-fA-F]+)|#(\d+));/g, (_, name, hex, dec) =>
    name ? (ENTITIES[name] ?? '') : String.fromCodePoint(Number.parseInt(hex ?? dec, hex ? 16 : 10)),
  );
}

/**
 * Every element's text by its path of local names, e.g. `Invoice/LegalMonetaryTotal/PayableAmount`. A small
 * reader of its own, enough for the writers' output (xmllint has already found each file well-formed).
 */
export function readBack(xml: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const open: { path: string; text: string }[] = [];
  const put = (path: string, text: string) => out.set(path, [...(out.get(path) ?? []), text]);
  const tokens = /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<(\/?)(?:[\w.-]+:)?([\w.-]+)(?:\s[^>]*?)?(\/?)>|([^<]+)/g;
  for (const [, close, name, selfClosing, text] of xml.matchAll(tokens)) {
    if (text !== undefined) {
      for (const o of open) o.text += decodeXml(text);
    } else if (name && close) {
      const done = open.pop();
      if (done) put(done.path, done.text);
    } else if (name) {
      const path = open.length > 0 ? `${open.at(-1)?.path}/${name}` : name;
      if (selfClosing) put(path, '');
      else open.push({ path, text: '' });
    }
  }
  return out;
}

/** `1234.50` (exactly two decimals) as øre. */
export function amountOre(amount: string | undefined): number {
  if (!amount || !/^-?\d+\.\d\d$/.test(amount)) throw new Error(`Not an amount with two decimals: ${amount}`);
  const [whole = '', frac = ''] = amount.replace('-', '').split('.');
  return (amount.startsWith('-') ? -1 : 1) * (Number(whole) * 100 + Number(frac));
}
