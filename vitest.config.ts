import { defineConfig } from 'vitest/config';

// Everything a person reads is shown in Europe/Copenhagen by code; tests run in UTC so nothing leans on
// the machine's zone. Set here so the worker processes inherit it.
process.env.TZ = 'UTC';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'e2e/**/*.e2e.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    env: { TZ: 'UTC' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
  },
});
