import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

// Building blocks of the benchmark: a server in a child process, a timed load against it, its memory.

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A number from the environment, or the fallback when it is unset or empty; throws below `min`. */
export function fromEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min)
    throw new Error(`${name} must be a number ≥ ${min}, not ${raw}`);
  return value;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  name: string;
  /** http://127.0.0.1:<port>, no trailing slash. */
  origin: string;
  pid: number;
  /** From spawn to the first 200 from the health path. */
  startupMs: number;
  /** Resident set size of the child now, in MiB (Linux only: /proc/<pid>/status VmRSS). */
  rssMiB(): number;
  stop(): Promise<void>;
}

export interface StartOptions {
  name: string;
  /** Arguments to `node` (the same binary that runs the benchmark), run in the project's root. */
  args: string[];
  env?: Record<string, string>;
  port: number;
  healthPath: string;
  timeoutMs?: number;
}

/** Spawns `node <args>` and resolves once `healthPath` answers 200 (polled every 10 ms). */
export async function startServer(options: StartOptions): Promise<ServerProcess> {
  const origin = `http://127.0.0.1:${options.port}`;
  const started = performance.now();
  const child = spawn(process.execPath, options.args, {
    cwd: ROOT,
    env: { ...process.env, ...options.env, PORT: String(options.port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Keep the tail of the output for the error message if the server never comes up.
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const deadline = started + (options.timeoutMs ?? 30_000);
  let startupMs: number | undefined;
  while (startupMs === undefined) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `${options.name} exited (${child.exitCode ?? child.signalCode}) before it was healthy:\n${output}`,
      );
    }
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${options.name} was not healthy within ${options.timeoutMs ?? 30_000} ms:\n${output}`);
    }
    try {
      const response = await fetch(origin + options.healthPath, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.status === 200) startupMs = performance.now() - started;
    } catch {
      // Not listening yet.
    }
    if (startupMs === undefined) await sleep(10);
  }

  const pid = child.pid;
  if (pid === undefined) throw new Error(`${options.name} has no pid`);
  return {
    name: options.name,
    origin,
    pid,
    startupMs,
    rssMiB: () => rssMiB(pid),
    async stop() {
      process.off('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** CPU time (user + system) the process has used so far, in microseconds. */
export function cpuMicros(pid: number): number {
  // Fields 14 and 15 of /proc/<pid>/stat, after the command name in parentheses; in ticks of 1/100 s.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
  if (!kib) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(kib) / 1024;
}

export interface LoadOptions {
  connections: number;
  durationS: number;
  /** Load run first and thrown away (JIT, caches, connection set-up). 0 for none. */
  warmupS: number;
  /** Anything else autocannon takes: method, headers, body, requests… */
  request?: Omit<autocannon.Options, 'url' | 'connections' | 'duration' | 'amount'>;
}

export interface LoadResult {
  reqPerSec: number;
  /** The server's CPU time per request in the measured run: steadier than req/s on a busy machine. */
  cpuMicrosPerReq: number;
  p50Ms: number;
  p99Ms: number;
  total: number;
  /** Responses that were not 2xx. */
  non2xx: number;
  /** Connection errors and timeouts. */
  socketErrors: number;
}

/** Loads `path` of the server with autocannon for the given time, after the warm-up. */
export async function load(server: ServerProcess, path: string, options: LoadOptions): Promise<LoadResult> {
  const base = { ...options.request, url: server.origin + path, connections: options.connections };
  if (options.warmupS > 0) await autocannon({ ...base, duration: options.warmupS });
  const cpuBefore = cpuMicros(server.pid);
  const r = await autocannon({ ...base, duration: options.durationS });
  return {
    reqPerSec: r.requests.average,
    cpuMicrosPerReq: (cpuMicros(server.pid) - cpuBefore) / Math.max(1, r.requests.total),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    total: r.requests.total,
    non2xx: r.non2xx,
    socketErrors: r.errors,
  };
}

export interface AmountTarget {
  server: ServerProcess;
  /** Anything else autocannon takes for this server: method, headers, body, requests… */
  request?: LoadOptions['request'];
}

/**
 * Sends exactly `amount` requests to `path`, split evenly over the targets (several app instances behind
 * one "load balancer"), each target with its share of the connections, all at once and without a warm-up:
 * for loads where every request changes the data. Latencies are collected from every response, so p50 and
 * p99 are over all targets together; req/s is the total over the time from the start to the last response.
 */
export async function loadAmount(
  targets: readonly AmountTarget[],
  path: string,
  options: { amount: number; connections: number },
): Promise<LoadResult> {
  const latencies: number[] = [];
  const cpuBefore = targets.map((t) => cpuMicros(t.server.pid));
  const started = performance.now();
  // autocannon reports only at its next 1 s tick after the last response: the time is taken from here.
  let lastResponse = started;
  const results = await Promise.all(
    targets.map((target, i) => {
      const share = (total: number) =>
        Math.floor(total / targets.length) + (i < total % targets.length ? 1 : 0);
      return new Promise<autocannon.Result>((resolve, reject) => {
        const run: autocannon.Options = {
          ...target.request,
          url: target.server.origin + path,
          connections: share(options.connections),
          amount: share(options.amount),
        };
        const instance = autocannon(run, (error, result) => (error ? reject(error) : resolve(result)));
        instance.on('response', (_client, _status, _bytes, responseTime) => {
          latencies.push(responseTime);
          lastResponse = performance.now();
        });
      });
    }),
  );
  const seconds = (lastResponse - started) / 1000;
  const cpu = targets.reduce((sum, t, i) => sum + cpuMicros(t.server.pid) - (cpuBefore[i] ?? 0), 0);
  const total = results.reduce((sum, r) => sum + r.requests.total, 0);
  latencies.sort((a, b) => a - b);
  const percentile = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)] ?? 0;
  return {
    reqPerSec: total / seconds,
    cpuMicrosPerReq: cpu / Math.max(1, total),
    p50Ms: percentile(0.5),
    p99Ms: percentile(0.99),
    total,
    non2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
    socketErrors: results.reduce((sum, r) => sum + r.errors, 0),
  };
}

// Printing a section's results: a table with the first column left-aligned, and memory in MiB.

export const MiB = 1024 * 1024;
export const mib = (bytes: number) => (bytes / MiB).toFixed(1);
export const signedMib = (bytes: number) => `${bytes >= 0 ? '+' : ''}${(bytes / MiB).toFixed(1)}`;

export function printTable(table: string[][]): void {
  const widths = table[0]?.map((_, i) => Math.max(...table.map((line) => line[i]?.length ?? 0))) ?? [];
  for (const line of table) {
    console.log(
      line
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
        .join('  '),
    );
  }
}
