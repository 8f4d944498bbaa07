import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { seedDemoAll } from '../src/boot.ts';
import { openDatabase } from '../src/db/connect.ts';
import type { Database, Dialect } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';

// Every database test runs on both engines: SQLite in memory, and a database of its own on the
// PostgreSQL server the global setup provides.

export const DIALECTS: readonly Dialect[] = ['sqlite', 'postgres'];

/** When the demo is seeded in tests: the 2027 hold's registration opens at this instant. */
export const DEMO_SEEDED_AT = new Date('2026-01-05T09:00:00.000Z');

/** A moment when the 2027 hold is open for registration and the 2021 hold is long completed. */
export const TEST_NOW = new Date('2026-03-02T12:00:00.000Z');

export interface TestDbOptions {
  /** `demo` (default): migrate and seed the demo; `migrate`: schema only; `none`: an empty database. */
  prepare?: 'none' | 'migrate' | 'demo';
  /** SQLite in a file of its own (in a temporary folder) instead of in memory, so `url` can open it again. */
  sqliteFile?: boolean;
}

export interface TestDatabase extends Database {
  /**
   * A URL for `openDatabase` that reaches the same data through another connection (another app instance).
   * Not for in-memory SQLite: that URL would open a new, empty database.
   */
  url: string;
  /** Closes the connection (again, if a test already did) and removes the database. */
  destroy(): Promise<void>;
}

/** A fresh database on the given engine. */
export async function createTestDatabase(
  dialect: Dialect,
  options: TestDbOptions = {},
): Promise<TestDatabase> {
  const made = dialect === 'sqlite' ? createSqlite(options.sqliteFile ?? false) : await createPostgres();
  try {
    const prepare = options.prepare ?? 'demo';
    if (prepare !== 'none') await migrateToLatest(made.db);
    if (prepare === 'demo') await seedDemoAll(made.db, DEMO_SEEDED_AT);
    return made;
  } catch (error) {
    await made.destroy();
    throw error;
  }
}

async function quietClose(database: Database): Promise<void> {
  try {
    await database.close();
  } catch {
    // Closed twice: a test may close its database on purpose.
  }
}

function createSqlite(inFile: boolean): TestDatabase {
  if (!inFile) {
    const url = 'sqlite::memory:';
    const database = openDatabase(url);
    return { ...database, url, destroy: () => quietClose(database) };
  }
  const dir = mkdtempSync(join(tmpdir(), 'holdet-test-'));
  const url = `sqlite:${join(dir, 'holdet.db')}`;
  const database = openDatabase(url);
  return {
    ...database,
    url,
    async destroy() {
      await quietClose(database);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function admin<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * pg's pool.end() resolves before its connections' server processes have gone, and DROP DATABASE … WITH
 * (FORCE) would kill them mid-goodbye, an error nobody listens for any more. So wait for them, briefly.
 */
async function dropWhenFree(client: pg.Client, name: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await client.query(`DROP DATABASE IF EXISTS ${name}${attempt >= 50 ? ' WITH (FORCE)' : ''}`);
      return;
    } catch (error) {
      const inUse = (error as { code?: string }).code === '55006';
      if (!inUse || attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function createPostgres(): Promise<TestDatabase> {
  const serverUrl = inject('postgresUrl');
  const name = `holdet_test_${randomBytes(6).toString('hex')}`;
  await admin(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = openDatabase(url.toString(), { poolSize: 5 });
  return {
    ...database,
    url: url.toString(),
    async destroy() {
      await quietClose(database);
      await admin(serverUrl, (c) => dropWhenFree(c, name));
    },
  };
}

/**
 * Runs `body` once per engine, each in a `describe` named `name (sqlite)` / `name (postgres)` with a fresh
 * database made before its tests and removed after them. Tests in one block share that database.
 */
export function describeEachDialect(
  name: string,
  body: (getDb: () => TestDatabase, dialect: Dialect) => void,
  options: TestDbOptions = {},
): void {
  for (const dialect of DIALECTS) {
    describe(`${name} (${dialect})`, () => {
      let current: TestDatabase | undefined;
      beforeAll(async () => {
        current = await createTestDatabase(dialect, options);
      });
      afterAll(async () => {
        await current?.destroy();
      });
      body(() => {
        if (!current) throw new Error('The test database is made in beforeAll; use getDb() inside tests');
        return current;
      }, dialect);
    });
  }
}
