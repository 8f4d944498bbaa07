import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DEMO_SEEDED_AT, describeEachDialect } from '../../test/db.ts';
import { SLUG_2027, seriesIdOf } from '../../test/fixtures.ts';
import { seedDemo } from '../modules/people/demo.ts';
import { newId } from '../shared/ids.ts';
import type { DB } from './database.ts';
import { migrateAllDown, migrateToLatest, migrations } from './migrate.ts';

const TABLES = [
  'account',
  'agenda_item',
  'announcement',
  'announcement_read',
  'attendee',
  'audit',
  'buyer',
  'dilemma',
  'dilemma_comment',
  'dilemma_followup',
  'directory_entry',
  'file_chunk',
  'invoice',
  'invoice_sequence',
  'login_token',
  'material',
  'material_visit',
  'message_post',
  'message_thread',
  'notification',
  'notification_choice',
  'notification_digest',
  'notification_key',
  'organiser',
  'outbox',
  'person',
  'person_invitation',
  'question',
  'question_follow',
  'question_post',
  'question_revision',
  'rate_limit',
  'recovery_code',
  'registration',
  'registration_confirmation',
  'role_grant',
  'search_entry',
  'second_factor',
  'series',
  'session',
  'stored_file',
  'venue',
  'web_session',
];

async function appTables(db: Kysely<DB>): Promise<string[]> {
  const tables = await db.introspection.getTables();
  return (
    tables
      .map((t) => t.name)
      .filter((name) => !name.startsWith('kysely_'))
      // SQLite's full-text index is a virtual table with shadow tables of its own (search module).
      .filter((name) => !name.startsWith('search_fts'))
      .sort()
  );
}

describe('the migration list', () => {
  it('names migrations in order, starting with the foundation', () => {
    const names = Object.keys(migrations);
    expect(names[0]).toBe('0001_foundation');
    expect([...names].sort()).toEqual(names);
  });
});

describeEachDialect(
  'migrations',
  (getDb) => {
    it('go up, down and up again, creating and removing every table', async () => {
      const { db } = getDb();
      const names = Object.keys(migrations);
      expect(await appTables(db)).toEqual([]);

      const up = await migrateToLatest(db);
      expect(up.map((r) => [r.migrationName, r.status])).toEqual(names.map((n) => [n, 'Success']));
      expect(await appTables(db)).toEqual(TABLES);
      expect(await migrateToLatest(db)).toEqual([]);

      const down = await migrateAllDown(db);
      expect(down.map((r) => r.migrationName)).toEqual([...names].reverse());
      expect(await appTables(db)).toEqual([]);

      await migrateToLatest(db);
      expect(await appTables(db)).toEqual(TABLES);
      // The schema after a round trip takes the demo like a fresh one.
      expect(await seedDemo(db, DEMO_SEEDED_AT)).toBe(true);
    });
  },
  { prepare: 'none' },
);

describeEachDialect('schema constraints', (getDb) => {
  const at = DEMO_SEEDED_AT.toISOString();

  it('rejects a series without seats and a session numbered 0, on both engines', async () => {
    const { db } = getDb();
    const template = await db
      .selectFrom('series')
      .selectAll()
      .where('slug', '=', SLUG_2027)
      .executeTakeFirstOrThrow();
    await expect(
      db
        .insertInto('series')
        .values({ ...template, id: newId(), slug: 'no-seats', capacity: 0 })
        .execute(),
    ).rejects.toThrow();
    await expect(
      db
        .insertInto('series')
        .values({ ...template, id: newId(), slug: 'negative-price', price_ore: -1 })
        .execute(),
    ).rejects.toThrow();
    const session = await db
      .selectFrom('session')
      .selectAll()
      .where('series_id', '=', template.id)
      .executeTakeFirstOrThrow();
    await expect(
      db
        .insertInto('session')
        .values({ ...session, id: newId(), ordinal: 0 })
        .execute(),
    ).rejects.toThrow();
  });

  it('keeps slugs and session ordinals unique', async () => {
    const { db } = getDb();
    const template = await db
      .selectFrom('series')
      .selectAll()
      .where('slug', '=', SLUG_2027)
      .executeTakeFirstOrThrow();
    await expect(
      db
        .insertInto('series')
        .values({ ...template, id: newId() })
        .execute(),
    ).rejects.toThrow();
    const session = await db
      .selectFrom('session')
      .selectAll()
      .where('series_id', '=', template.id)
      .executeTakeFirstOrThrow();
    await expect(
      db
        .insertInto('session')
        .values({ ...session, id: newId() })
        .execute(),
    ).rejects.toThrow();
  });

  it('enforces foreign keys', async () => {
    const { db } = getDb();
    await expect(
      db
        .insertInto('registration')
        .values({ id: newId(), series_id: newId(), status: 'confirmed', created_at: at, updated_at: at })
        .execute(),
    ).rejects.toThrow();
    const seriesId = await seriesIdOf(db, SLUG_2027);
    await db
      .insertInto('registration')
      .values({ id: newId(), series_id: seriesId, status: 'confirmed', created_at: at, updated_at: at })
      .execute();
    await db.deleteFrom('registration').execute();
  });
});
