import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Executor, Tx } from '../../db/database.ts';
import type { ExtractRequest, ExtractResponse } from './extract-worker.ts';
import { claimFile, fileRow, giveUpExhausted, nextPendingId, recordNoText, recordText } from './queries.ts';
import { textKind } from './rules.ts';
import { fileStore } from './storage.ts';

// The text-extraction job (decision 0013): one round claims one pending file (a lock of two minutes, so
// instances share the work and a crashed one's file is taken up again), reads its bytes, and extracts its
// text in a worker thread with a heap limit and a time limit, so a large or broken file never slows an
// upload or a page. The text is recorded with the caller's re-indexing (onText) in one transaction.

export interface ExtractLimits {
  /** Larger files are not extracted (status 'none'). */
  maxBytes: number;
  /** The worker is stopped after this long (status 'failed', error 'timeout'). */
  timeoutMs: number;
  /** The worker's heap. */
  maxHeapMb: number;
  /** Text beyond this is cut off. */
  maxChars: number;
  /** A claimed file is this instance's for this long. */
  lockMs: number;
  /** Claims before a file is given up ('failed', error 'attempts'). */
  maxAttempts: number;
}

export const EXTRACT_LIMITS: ExtractLimits = {
  maxBytes: 25 * 1024 * 1024,
  timeoutMs: 30_000,
  maxHeapMb: 256,
  maxChars: 500_000,
  lockMs: 2 * 60_000,
  maxAttempts: 3,
};

export type ExtractOutcome = { ok: true; text: string } | { ok: false; error: string };

const WORKER = new URL('./extract-worker.ts', import.meta.url).href;
// tsx's ESM API, found next to its CommonJS entry (the one `require.resolve` can name).
const TSX_API = pathToFileURL(
  createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs'),
).href;

/**
 * The worker is started through tsx's API, so its TypeScript loads in whatever runs us (node --import tsx,
 * Vitest) without relying on a loader flag reaching the worker.
 */
const BOOT = `import(${JSON.stringify(TSX_API)}).then((api) => api.tsImport(${JSON.stringify(WORKER)}, ${JSON.stringify(import.meta.url)}))`;

/** Extracts in a worker thread, with the limits; never throws. */
export function extractInWorker(
  kind: 'pdf' | 'docx',
  bytes: Buffer,
  limits: Pick<ExtractLimits, 'timeoutMs' | 'maxHeapMb' | 'maxChars'>,
): Promise<ExtractOutcome> {
  return new Promise((resolve) => {
    const copy = new Uint8Array(bytes); // its own buffer, handed over to the worker
    const workerData: ExtractRequest = { holdetExtract: true, kind, bytes: copy, maxChars: limits.maxChars };
    const worker = new Worker(BOOT, {
      eval: true,
      workerData,
      transferList: [copy.buffer],
      resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb, maxYoungGenerationSizeMb: 32 },
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const finish = (outcome: ExtractOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ ok: false, error: 'timeout' }), limits.timeoutMs);
    worker.on('message', (message: ExtractResponse) => finish(message));
    worker.on('error', (error) => finish({ ok: false, error: String(error.message).slice(0, 500) }));
    worker.on('exit', (code) => finish({ ok: false, error: `worker exited (${code})` }));
  });
}

async function readAll(db: Executor, fileId: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of fileStore.read(db, fileId)) parts.push(part);
  return Buffer.concat(parts);
}

export async function extractPendingText(
  db: Executor,
  now: () => Date,
  onText: (tx: Tx, fileId: string, text: string) => Promise<void>,
  limits: Partial<ExtractLimits> = {},
): Promise<number> {
  const l = { ...EXTRACT_LIMITS, ...limits };
  const startedAt = now();
  const nowIso = startedAt.toISOString();
  await giveUpExhausted(db, nowIso, l.maxAttempts);
  let id = await nextPendingId(db, nowIso);
  // Another instance may take the file between the look and the claim: look again, a few times.
  for (let tries = 0; id !== null && tries < 5; tries++) {
    if (await claimFile(db, id, nowIso, new Date(startedAt.getTime() + l.lockMs).toISOString())) break;
    id = await nextPendingId(db, nowIso);
  }
  if (id === null) return 0;
  const row = await fileRow(db, id);
  const kind = row ? textKind(row.content_type) : null;
  if (!row || !kind) {
    await recordNoText(db, id, 'none', null);
    return 1;
  }
  if (row.size > l.maxBytes) {
    await recordNoText(db, id, 'none', 'too-large');
    return 1;
  }
  const outcome = await extractInWorker(kind, await readAll(db, id), l);
  if (!outcome.ok) {
    await recordNoText(db, id, 'failed', outcome.error);
    return 1;
  }
  const fileId = id;
  const record = async (tx: Tx) => {
    await recordText(tx, fileId, outcome.text);
    await onText(tx, fileId, outcome.text);
  };
  if (db.isTransaction) await record(db as Tx);
  else await db.transaction().execute(record);
  return 1;
}
