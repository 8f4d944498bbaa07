#!/usr/bin/env node
// `npm test`: make sure the system tools the tests need are there (installing them when we may), then
// lint, typecheck and run every test. The last line is always `N passed, N failed`, where lint and the
// typecheck count as one check each and every Vitest test as one.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules', '.bin', name);

const REQUIREMENTS = [
  { pkg: 'chromium', why: 'the browser tests', present: () => existsSync('/usr/bin/chromium') },
  {
    pkg: 'postgresql',
    why: 'the database tests',
    // An existing server given by TEST_DATABASE_URL makes Debian's binaries unnecessary.
    present: () => Boolean(process.env.TEST_DATABASE_URL) || hasPostgresBinaries(),
  },
  {
    pkg: 'fonts-dejavu-core',
    why: 'stable text rendering in the browser tests',
    present: () => existsSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'),
  },
  {
    pkg: 'libxml2-utils',
    why: 'validating e-invoices against the UBL schema',
    present: () => existsSync('/usr/bin/xmllint'),
  },
  {
    pkg: 'libsaxonhe-java',
    why: 'validating e-invoices against the OIOUBL and Peppol rules (XSLT 2.0)',
    present: () => existsSync('/usr/share/java/Saxon-HE.jar') && existsSync('/usr/bin/java'),
  },
  {
    pkg: 'poppler-utils',
    why: 'reading the invoice PDFs back (pdftotext, pdftoppm)',
    present: () => existsSync('/usr/bin/pdftotext'),
  },
  { pkg: 'unzip', why: 'unpacking the official OIOUBL bundle', present: () => existsSync('/usr/bin/unzip') },
];

function hasPostgresBinaries() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return false;
  return readdirSync(base).some((v) => existsSync(join(base, v, 'bin', 'initdb')));
}

function log(text) {
  process.stdout.write(`${text}\n`);
}

/** Runs a command with its output streamed live; resolves with its exit code. */
function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
    child.on('error', (error) => {
      log(`Could not run ${command}: ${error.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

async function provision() {
  const missing = REQUIREMENTS.filter((r) => !r.present());
  if (missing.length === 0) return true;
  const packages = missing.map((r) => r.pkg);
  const isRoot = process.getuid?.() === 0;
  const isDebian = existsSync('/etc/debian_version') && existsSync('/usr/bin/apt-get');
  if (!isRoot || !isDebian) {
    log('The tests need system packages that are not installed:');
    for (const r of missing) log(`  ${r.pkg} (for ${r.why})`);
    log(`Install them, e.g.: sudo apt-get install -y --no-install-recommends ${packages.join(' ')}`);
    return false;
  }
  log(`== Installing ${packages.join(', ')} (needed by the tests)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = await run('apt-get', ['update'], { env });
  const install =
    update === 0
      ? await run('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { env })
      : update;
  const still = REQUIREMENTS.filter((r) => !r.present());
  if (install !== 0 || still.length > 0) {
    log(`Installing ${packages.join(' ')} failed; the tests cannot run without them.`);
    return false;
  }
  return true;
}

async function main() {
  const started = Date.now();
  const checks = []; // { name, ok }
  let vitest = { passed: 0, failed: 0, skipped: 0, note: '' };

  const ready = await provision();
  if (!ready) {
    log('');
    log('0 passed, 1 failed');
    return 1;
  }

  log('\n== Lint and format (biome check .)');
  checks.push({ name: 'biome check', ok: (await run(bin('biome'), ['check', '.'])) === 0 });

  log('\n== Typecheck (tsc --noEmit)');
  checks.push({ name: 'tsc --noEmit', ok: (await run(bin('tsc'), ['--noEmit'])) === 0 });

  log('\n== Tests (vitest run)');
  const dir = mkdtempSync(join(tmpdir(), 'holdet-test-'));
  const report = join(dir, 'vitest.json');
  try {
    const code = await run(bin('vitest'), [
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
    ]);
    if (existsSync(report)) {
      const json = JSON.parse(readFileSync(report, 'utf8'));
      vitest = {
        passed: json.numPassedTests ?? 0,
        failed: json.numFailedTests ?? 0,
        skipped: (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0),
        note: '',
      };
      // A failing global setup, a file that does not load or an unhandled error fails the run without
      // failing a single test: count it as one failed check.
      if (code !== 0 && vitest.failed === 0) vitest.note = `vitest exited with code ${code}`;
      const badFiles = (json.testResults ?? []).filter(
        (f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0,
      );
      if (badFiles.length > 0 && !vitest.note) vitest.note = `${badFiles.length} test file(s) failed to load`;
    } else {
      vitest.note = `vitest exited with code ${code} and wrote no report`;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const failedChecks = checks.filter((c) => !c.ok);
  const passed = checks.length - failedChecks.length + vitest.passed;
  const failed = failedChecks.length + vitest.failed + (vitest.note ? 1 : 0);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);

  log('\n== Summary');
  for (const c of checks) log(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}`);
  log(
    `  ${vitest.failed === 0 && !vitest.note ? 'ok  ' : 'FAIL'} vitest: ${vitest.passed} passed, ${vitest.failed} failed, ${vitest.skipped} skipped`,
  );
  if (vitest.note) log(`  FAIL ${vitest.note}`);
  log(`  time ${seconds} s`);
  log('');
  log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main();
