import type { Config } from './config.ts';
import { openDatabase } from './db/connect.ts';
import type { Database } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { seedDemo } from './modules/people/demo.ts';
import type { Clock } from './shared/clock.ts';

/** Opens the configured database, brings its schema up to date and seeds the demo into an empty one. */
export async function prepareDatabase(
  config: Config,
  clock: Clock,
): Promise<{ database: Database; seeded: boolean }> {
  const database = openDatabase(config.databaseUrl);
  try {
    await migrateToLatest(database.db);
    const seeded = await seedDemo(database.db, clock.now());
    return { database, seeded };
  } catch (error) {
    await database.close();
    throw error;
  }
}
