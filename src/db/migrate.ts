import { type Kysely, type Migration, type MigrationResult, Migrator } from 'kysely';
import * as m0001 from './migrations/0001_foundation.ts';
import * as m0002 from './migrations/0002_registration.ts';
import * as m0003 from './migrations/0003_invoicing.ts';
import * as m0004 from './migrations/0004_registration_confirmation.ts';
import * as m0005 from './migrations/0005_limits_and_sessions.ts';
import * as m0006 from './migrations/0006_outbox.ts';
import * as m0007 from './migrations/0007_audit_redaction.ts';
import * as m0008 from './migrations/0008_second_factor.ts';
import * as m0009 from './migrations/0009_people.ts';
import * as m0010 from './migrations/0010_registration_parties.ts';
import * as m0011 from './migrations/0011_programme.ts';
import * as m0012 from './migrations/0012_knowledge.ts';
import * as m0013 from './migrations/0013_notifications.ts';
import * as m0014 from './migrations/0014_questions.ts';
import * as m0015 from './migrations/0015_dilemmas.ts';
import * as m0016 from './migrations/0016_messages.ts';
import * as m0017 from './migrations/0017_occasions.ts';

// Listed by hand rather than read from the folder: the set of migrations is part of the code under review,
// and a bundler or a missing file can't silently drop one.
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_registration': m0002,
  '0003_invoicing': m0003,
  '0004_registration_confirmation': m0004,
  '0005_limits_and_sessions': m0005,
  '0006_outbox': m0006,
  '0007_audit_redaction': m0007,
  '0008_second_factor': m0008,
  '0009_people': m0009,
  '0010_registration_parties': m0010,
  '0011_programme': m0011,
  '0012_knowledge': m0012,
  '0013_notifications': m0013,
  '0014_questions': m0014,
  '0015_dilemmas': m0015,
  '0016_messages': m0016,
  '0017_occasions': m0017,
};

function migrator(db: Kysely<unknown>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

function check(results: { error?: unknown; results?: MigrationResult[] }): MigrationResult[] {
  if (results.error) {
    const failed = results.results?.find((r) => r.status === 'Error');
    const error = results.error instanceof Error ? results.error : new Error(String(results.error));
    if (failed) error.message = `Migration ${failed.migrationName} failed: ${error.message}`;
    throw error;
  }
  return results.results ?? [];
}

export async function migrateToLatest<T>(db: Kysely<T>): Promise<MigrationResult[]> {
  return check(await migrator(db as Kysely<unknown>).migrateToLatest());
}

/** Rolls every migration back, newest first. */
export async function migrateAllDown<T>(db: Kysely<T>): Promise<MigrationResult[]> {
  const m = migrator(db as Kysely<unknown>);
  const done: MigrationResult[] = [];
  for (;;) {
    const step = check(await m.migrateDown());
    if (step.length === 0) return done;
    done.push(...step);
  }
}
