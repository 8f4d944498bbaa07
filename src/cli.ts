import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/connect.ts';
import { migrateAllDown, migrateToLatest } from './db/migrate.ts';
import { seedDemoIfEmpty } from './modules/series/demo.ts';
import { systemClock } from './shared/clock.ts';

// `holdet <command>`: operations on the configured database (DATABASE_URL).

const HELP = `Usage: holdet <command>

Commands:
  migrate        bring the database schema up to date
  migrate-down   roll every migration back (drops all Holdet tables)
  seed-demo      add the demo masterclass if the database has no organiser
  help           show this text

The database is taken from DATABASE_URL (default sqlite:./data/holdet.db).`;

export async function runCli(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  const [command] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(HELP);
    return command ? 0 : 1;
  }
  const config = loadConfig(env);
  const database = openDatabase(config.databaseUrl);
  try {
    switch (command) {
      case 'migrate': {
        const done = await migrateToLatest(database.db);
        console.log(
          done.length === 0
            ? 'The schema is up to date.'
            : `Applied: ${done.map((r) => r.migrationName).join(', ')}`,
        );
        return 0;
      }
      case 'migrate-down': {
        const done = await migrateAllDown(database.db);
        console.log(`Rolled back: ${done.map((r) => r.migrationName).join(', ') || 'nothing'}`);
        return 0;
      }
      case 'seed-demo': {
        await migrateToLatest(database.db);
        const seeded = await seedDemoIfEmpty(database.db, systemClock.now());
        console.log(
          seeded ? 'Seeded the demo masterclass.' : 'The database already has an organiser; nothing seeded.',
        );
        return 0;
      }
      default:
        console.error(`Unknown command: ${command}\n\n${HELP}`);
        return 2;
    }
  } finally {
    await database.close();
  }
}

/** Runs a command and turns any failure into one readable line and a non-zero exit code. */
export async function cliMain(argv: string[]): Promise<number> {
  try {
    return await runCli(argv);
  } catch (error) {
    console.error(
      error instanceof ConfigError
        ? error.message
        : `holdet: ${error instanceof Error ? error.message : error}`,
    );
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exit(await cliMain(process.argv.slice(2)));
}
