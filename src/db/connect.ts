import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  type Driver,
  Kysely,
  PostgresDialect,
  type SqliteDatabase,
  SqliteDialect,
  sql,
} from 'kysely';
import pg from 'pg';
import type { Database, DB } from './database.ts';

// COUNT(*) and other int8 results arrive as strings from pg; our counts fit comfortably in a JS number.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export interface ConnectOptions {
  /** Max pool size for PostgreSQL. */
  poolSize?: number;
}

/** Opens the database named by a `sqlite:` or `postgres://` URL. */
export function openDatabase(url: string, options: ConnectOptions = {}): Database {
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length));
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url, options);
  throw new Error(`Unsupported DATABASE_URL: ${url.split(':')[0]}:…`);
}

function openSqlite(path: string): Database {
  const file = path === '' ? ':memory:' : path;
  if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // Erased data (dietary needs after the series, redacted audit values) is overwritten with zeros instead of
  // lingering in free space of the file, where a copy of the file would still carry it.
  sqlite.pragma('secure_delete = ON');
  const db = new Kysely<DB>({ dialect: new ImmediateSqliteDialect({ database: reusingStatements(sqlite) }) });
  return {
    db,
    dialect: 'sqlite',
    async ping() {
      await sql`select 1`.execute(db);
    },
    async close() {
      await db.destroy();
    },
  };
}

/**
 * Kysely's SQLite driver calls `prepare` for every query, and parsing and planning the SQL cost more than
 * running a small read. The prepared statements are kept by SQL text instead (the `max` most recently
 * used), so a hot query is prepared once. A statement reads fresh data on every run, and SQLite prepares
 * it again by itself if the schema changes under it.
 */
function reusingStatements(sqlite: SQLite.Database, max = 200): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    prepare(text) {
      const cached = statements.get(text);
      // One still being iterated (a streamed query) cannot run again meanwhile: prepare another.
      const statement = cached && !cached.busy ? cached : sqlite.prepare(text);
      statements.delete(text); // and set again below: most recently used last
      if (statements.size >= max) {
        const oldest = statements.keys().next().value;
        if (oldest !== undefined) statements.delete(oldest);
      }
      statements.set(text, statement);
      return statement;
    },
    close() {
      statements.clear();
      sqlite.close();
    },
  };
}

/**
 * Every SQLite transaction starts with BEGIN IMMEDIATE: it takes the write lock at once, so two
 * transactions (from this process or another) never both read a seat count and then both write.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}

function openPostgres(url: string, options: ConnectOptions): Database {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    async ping() {
      await sql`select 1`.execute(db);
    },
    async close() {
      await db.destroy();
    },
  };
}
