import type { FastifyInstance } from 'fastify';
import { createApp } from '../src/app.ts';
import { type Config, loadConfig } from '../src/config.ts';
import type { Database } from '../src/db/database.ts';
import { type Clock, fixedClock } from '../src/shared/clock.ts';
import { TEST_NOW } from './db.ts';

/** The configuration of an app under test; the database itself is passed to createApp directly. */
export function testConfig(database: Pick<Database, 'dialect'>, env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    BASE_URL: 'http://holdet.test',
    DATABASE_URL: database.dialect === 'sqlite' ? 'sqlite::memory:' : 'postgres://postgres@127.0.0.1/holdet',
    // Tests post hundreds of registration forms from one address (127.0.0.1), for one invoice contact and
    // often one participant, all in one window of the fixed clock. The limits have tests of their own
    // (src/modules/limits), which set them through `env`.
    RATE_LIMIT_REGISTRATION_IP: '1000000/1h',
    RATE_LIMIT_REGISTRATION_EMAIL: '1000000/1h',
    RATE_LIMIT_REGISTRATION_INVOICE_EMAIL: '1000000/1h',
    ...env,
  });
}

/** A ready app on the given database, for `app.inject()`. Close it with `app.close()`. */
export async function createTestApp(
  database: Database,
  options: { clock?: Clock; env?: Record<string, string> } = {},
): Promise<FastifyInstance> {
  const app = await createApp({
    config: testConfig(database, options.env),
    database,
    clock: options.clock ?? fixedClock(TEST_NOW),
  });
  await app.ready();
  return app;
}
