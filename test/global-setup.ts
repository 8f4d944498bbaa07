import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { startCluster } from './postgres-cluster.ts';

// Gives every test a PostgreSQL server (docs/decisions/0004-test-postgres.md): TEST_DATABASE_URL, or a
// throwaway cluster started from Debian's binaries and removed at the end. Also checks for the Chromium
// the browser tests drive. A missing tool fails the run with what to install: nothing is skipped.

declare module 'vitest' {
  interface ProvidedContext {
    /** A server URL with a user; test/db.ts creates one database per test block on it. */
    postgresUrl: string;
    /** The Chromium executable for the browser tests. */
    chromiumPath: string;
  }
}

export const CHROMIUM_PATH = '/usr/bin/chromium';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error('Chromium is needed for the browser tests: apt-get install chromium');
  }
  project.provide('chromiumPath', CHROMIUM_PATH);

  const given = process.env.TEST_DATABASE_URL?.trim();
  if (given) {
    project.provide('postgresUrl', given);
    return async () => {};
  }
  const cluster = await startCluster();
  project.provide('postgresUrl', cluster.url);
  return cluster.stop;
}
