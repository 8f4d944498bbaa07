import { seedDemoAll } from './boot.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/connect.ts';
import type { Database } from './db/database.ts';
import { migrateAllDown, migrateToLatest } from './db/migrate.ts';
import { LOGIN_TOKEN_MINUTES } from './modules/auth/rules.ts';
import { emailForm, parseForm } from './modules/auth/schemas.ts';
import { createOrganiser, resetSecondFactor, signInLink } from './modules/auth/service.ts';
import { systemClock } from './shared/clock.ts';

// `holdet <command>`: operations on the configured database (DATABASE_URL).

const HELP = `Usage: holdet <command>

Commands:
  migrate        bring the database schema up to date
  migrate-down   roll every migration back (drops all Holdet tables)
  seed-demo      add the demo masterclass if the database has no organiser
  create-organiser --email <address> [--name "<name>"]
                 make (or upgrade) an organiser account for the site and print a one-time sign-in
                 link and code (valid for 20 minutes); run it again for a new link
  reset-second-factor --email <address>
                 remove the account's second factor (TOTP and recovery codes), so the next sign-in
                 sets it up again (an organiser) or asks for none (anyone else)
  help           show this text

The database is taken from DATABASE_URL (default sqlite:./data/holdet.db), links from BASE_URL.`;

export async function runCli(
  argv: string[],
  /** The environment to configure from; loadConfig reads the process's own when this is undefined. */
  env?: Record<string, string | undefined>,
  open: (url: string) => Database = openDatabase,
): Promise<number> {
  const [command] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(HELP);
    return command ? 0 : 1;
  }
  const config = loadConfig(env);
  const database = open(config.databaseUrl);
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
        const seeded = await seedDemoAll(database.db, systemClock.now());
        console.log(
          seeded ? 'Seeded the demo masterclass.' : 'The database already has an organiser; nothing seeded.',
        );
        return 0;
      }
      case 'create-organiser': {
        const options = parseOptions(argv.slice(1), ['email', 'name']);
        const parsed = parseForm(emailForm, { email: options?.email ?? '' });
        if (!options || !parsed.ok) {
          console.error(`Usage: holdet create-organiser --email <address> [--name "<name>"]`);
          return 2;
        }
        await migrateToLatest(database.db);
        const made = await createOrganiser(
          database.db,
          { email: parsed.data.email, name: options.name, actorLabel: 'cli' },
          systemClock.now(),
        );
        if (!made.ok) {
          console.error('The database has no organiser yet: run `holdet seed-demo` or start Holdet once.');
          return 1;
        }
        console.log(`Organiser account: ${made.name} <${made.email}>`);
        console.log(
          `Sign in within ${LOGIN_TOKEN_MINUTES} minutes (the link works once): ${signInLink(config.baseUrl, made.token)}`,
        );
        console.log(`Or enter the code ${made.code} at ${config.baseUrl}/log-ind/kode`);
        return 0;
      }
      case 'reset-second-factor': {
        const options = parseOptions(argv.slice(1), ['email']);
        const parsed = parseForm(emailForm, { email: options?.email ?? '' });
        if (!options || !parsed.ok) {
          console.error('Usage: holdet reset-second-factor --email <address>');
          return 2;
        }
        await migrateToLatest(database.db);
        const reset = await resetSecondFactor(
          database.db,
          { email: parsed.data.email, actorLabel: 'cli' },
          systemClock.now(),
        );
        if (!reset.ok) {
          console.error(`No account has the email ${parsed.data.email}.`);
          return 1;
        }
        console.log(
          reset.removed
            ? `The second factor of ${parsed.data.email} is removed; the next sign-in sets it up again.`
            : `${parsed.data.email} had no second factor; nothing to remove.`,
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

/** `--name value` and `--name=value` for the given names; null on anything else. */
function parseOptions(args: string[], names: readonly string[]): Record<string, string> | null {
  const options: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const match = /^--([a-z-]+)(?:=(.*))?$/s.exec(args[i] ?? '');
    if (!match?.[1] || !names.includes(match[1])) return null;
    const value = match[2] ?? args[++i];
    if (value === undefined) return null;
    options[match[1]] = value;
  }
  return options;
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
