import type { Kysely } from 'kysely';
import type { Config } from './config.ts';
import { openDatabase } from './db/connect.ts';
import type { Database, DB } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { seedDemoDilemmas } from './modules/dilemmas/demo.ts';
import { seedDemoDirectory } from './modules/directory/demo.ts';
import { seedDemoMaterials } from './modules/materials/demo.ts';
import { seedDemoMessages } from './modules/messages/demo.ts';
import { seedDemo } from './modules/people/demo.ts';
import { seedDemoQuestions } from './modules/questions/demo.ts';
import type { Clock } from './shared/clock.ts';

/**
 * The whole demo into an empty database: the series, its people and roles (people's seedDemo), then the
 * materials (which build on the sessions and, for the demo PDF, the files module). False: not empty.
 */
export async function seedDemoAll(db: Kysely<DB>, now: Date): Promise<boolean> {
  const seeded = await seedDemo(db, now);
  if (seeded) await seedDemoMaterials(db, now);
  if (seeded) await seedDemoMessages(db, now);
  if (seeded) await seedDemoDirectory(db, now);
  if (seeded) await seedDemoQuestions(db, now);
  if (seeded) await seedDemoDilemmas(db, now);
  return seeded;
}

/** Opens the configured database, brings its schema up to date and seeds the demo into an empty one. */
export async function prepareDatabase(
  config: Config,
  clock: Clock,
): Promise<{ database: Database; seeded: boolean }> {
  const database = openDatabase(config.databaseUrl);
  try {
    await migrateToLatest(database.db);
    const seeded = await seedDemoAll(database.db, clock.now());
    return { database, seeded };
  } catch (error) {
    await database.close();
    throw error;
  }
}
