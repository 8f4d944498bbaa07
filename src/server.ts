import { createApp } from './app.ts';
import { prepareDatabase } from './boot.ts';
import { ConfigError, loadConfig } from './config.ts';
import { systemClock } from './shared/clock.ts';

// loadConfig → open database → migrate (+ demo seed) → createApp → listen.

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const { database, seeded } = await prepareDatabase(config, systemClock);
  const app = await createApp({
    config,
    database,
    clock: systemClock,
    logger: {
      level: config.logLevel,
      ...(config.nodeEnv === 'production' ? {} : { transport: undefined }),
    },
  });
  if (seeded) app.log.info('seeded the demo masterclass into an empty database');

  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = config.baseUrl.replace(`:${config.port}`, `:${port}`);
  console.log(`Holdet is running at ${url} (database: ${database.dialect})`);
}

main().catch((error) => {
  console.error('Holdet could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
