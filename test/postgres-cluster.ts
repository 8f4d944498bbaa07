import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

// A throwaway PostgreSQL cluster from Debian's binaries (docs/decisions/0004-test-postgres.md): initdb into a
// temporary folder, started on a free port with durability off, removed by stop() or when the process exits.
// Used by the test run's global setup and by the benchmark's PostgreSQL scenario.

const PG_ROOT = '/usr/lib/postgresql';
const run = promisify(execFile);

export interface PostgresCluster {
  /** A server URL with the superuser `postgres` (no password) and its `postgres` database. */
  url: string;
  stop: () => Promise<void>;
}

/** The bin folder of the newest PostgreSQL Debian installed, or null. */
export function findPostgresBin(): string | null {
  if (!existsSync(PG_ROOT)) return null;
  const versions = readdirSync(PG_ROOT)
    .filter((v) => /^\d+(\.\d+)?$/.test(v) && existsSync(join(PG_ROOT, v, 'bin', 'initdb')))
    .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
  return versions[0] ? join(PG_ROOT, versions[0], 'bin') : null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startCluster(): Promise<PostgresCluster> {
  const bin = findPostgresBin();
  if (!bin) {
    throw new Error(
      'PostgreSQL is needed for the database tests: apt-get install postgresql (or set TEST_DATABASE_URL)',
    );
  }
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'holdet-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'postgres.log');
  mkdirSync(data, { mode: 0o700 });
  if (asRoot) {
    // initdb refuses to run as root: the cluster belongs to the postgres user Debian's package creates.
    let uid: number;
    let gid: number;
    try {
      uid = Number(execFileSync('id', ['-u', 'postgres'], { stdio: 'pipe' }).toString().trim());
      gid = Number(execFileSync('id', ['-g', 'postgres'], { stdio: 'pipe' }).toString().trim());
    } catch {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(
        'PostgreSQL is needed for the database tests: running as root needs the postgres user that ' +
          "Debian's package creates: apt-get install postgresql (or set TEST_DATABASE_URL)",
      );
    }
    chownSync(dir, uid, gid);
    chownSync(data, uid, gid);
  }
  const pg = (tool: string, args: string[]) => {
    const [file, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]]
      : [join(bin, tool), args];
    return run(file, argv, { cwd: dir, timeout: 120_000 });
  };

  let started = false;
  const stopSync = () => {
    if (!started) return;
    started = false;
    try {
      const args = ['-D', data, '-m', 'immediate', '-w', 'stop'];
      const [file, argv] = asRoot
        ? ['runuser', ['-u', 'postgres', '--', join(bin, 'pg_ctl'), ...args]]
        : [join(bin, 'pg_ctl'), args];
      execFileSync(file, argv, { stdio: 'ignore', cwd: dir });
    } catch {
      // Already gone.
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // If the run is interrupted before teardown, the cluster must not outlive it.
  process.once('exit', stopSync);

  try {
    await pg('initdb', [
      '-D',
      data,
      '-A',
      'trust',
      '-U',
      'postgres',
      '-E',
      'UTF8',
      '--no-locale',
      '--no-sync',
    ]);
    const port = await freePort();
    const options = [
      `-p ${port}`,
      `-k ${dir}`,
      '-c listen_addresses=127.0.0.1',
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
    ].join(' ');
    started = true;
    await pg('pg_ctl', ['-D', data, '-l', log, '-o', options, '-w', '-t', '60', 'start']);
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      stop: async () => {
        process.removeListener('exit', stopSync);
        stopSync();
      },
    };
  } catch (error) {
    const logText = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '';
    stopSync();
    process.removeListener('exit', stopSync);
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not start the test PostgreSQL from ${bin}: ${message}\n${logText}`);
  }
}
