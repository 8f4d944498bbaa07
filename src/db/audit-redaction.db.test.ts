import { type Kysely, Migrator } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDialect, TEST_NOW } from '../../test/db.ts';
import { plantedText, scanDatabase } from '../../test/scan.ts';
import { newId } from '../shared/ids.ts';
import type { DB } from './database.ts';
import { migrateAllDown, migrateToLatest, migrations } from './migrate.ts';

// Migration 0007 redacts the audit rows written before writeAudit did: the registration row with its
// dietary needs in `after`, secrets at any depth.

const NAME = '0007_audit_redaction';

/** Migrates up to and including the migration just before 0007 (whichever that is once others land). */
async function migrateToJustBefore(db: Kysely<DB>): Promise<void> {
  const names = Object.keys(migrations);
  const previous = names[names.indexOf(NAME) - 1];
  if (!previous) throw new Error(`${NAME} is not in the list after another migration`);
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error } = await migrator.migrateTo(previous);
  if (error) throw error;
}

describeEachDialect(
  'migration 0007: audit redaction',
  (getDb) => {
    it('takes dietary needs and secrets out of audit rows already stored, and leaves the rest', async () => {
      const database = getDb();
      const { db } = database;
      await migrateToJustBefore(db);
      const plant = plantedText();
      const secret = plantedText('HEMMELIG');
      const row = (action: string, before: unknown, after: unknown) => ({
        id: newId(),
        at: TEST_NOW.toISOString(),
        actor_account_id: null,
        actor_label: 'deltager@example.dk',
        action,
        entity: 'registration',
        entity_id: newId(),
        before_json: before === null ? null : JSON.stringify(before),
        after_json: after === null ? null : JSON.stringify(after),
      });
      const rows = [
        row('registration.confirmed', null, { status: 'confirmed', seq: 1, dietary_needs: plant }),
        row('registration.waitlisted', null, { status: 'waitlisted', seq: 2, dietary_needs: null }),
        row('test.nested', { session: { id_hash: secret } }, { deep: [{ token: secret, keep: 'ja' }] }),
        row('registration.cancelled', { status: 'confirmed' }, { status: 'cancelled', cancel_reason: 'Syg' }),
        row('test.broken', null, null),
      ];
      // Not JSON at all: can't be checked, so it does not survive.
      rows[4] = { ...(rows[4] as (typeof rows)[number]), after_json: `ikke json ${plant}` };
      // More than one batch of the migration.
      const filler = Array.from({ length: 520 }, (_, i) =>
        row('registration.confirmed', null, { seq: 10 + i, dietary_needs: `${plant}-${i}` }),
      );
      for (let i = 0; i < filler.length; i += 100) {
        await db
          .insertInto('audit')
          .values(filler.slice(i, i + 100))
          .execute();
      }
      await db.insertInto('audit').values(rows).execute();
      expect((await scanDatabase(database, plant)).length).toBe(522);

      const done = await migrateToLatest(db);
      expect(done.map((r) => [r.migrationName, r.status])).toContainEqual([NAME, 'Success']);

      expect(await scanDatabase(database, plant)).toEqual([]);
      expect(await scanDatabase(database, secret)).toEqual([]);
      const stored = await db
        .selectFrom('audit')
        .select(['action', 'before_json', 'after_json'])
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('action')
        .execute();
      expect(stored).toEqual([
        {
          action: 'registration.cancelled',
          before_json: '{"status":"confirmed"}',
          after_json: '{"status":"cancelled","cancel_reason":"Syg"}',
        },
        {
          action: 'registration.confirmed',
          before_json: null,
          after_json: '{"status":"confirmed","seq":1,"dietary_needs":"[udfyldt]"}',
        },
        {
          action: 'registration.waitlisted',
          before_json: null,
          after_json: '{"status":"waitlisted","seq":2,"dietary_needs":null}',
        },
        { action: 'test.broken', before_json: null, after_json: null },
        {
          action: 'test.nested',
          before_json: '{"session":"[udfyldt]"}',
          after_json: '{"deep":[{"token":"[udfyldt]","keep":"ja"}]}',
        },
      ]);

      // Down is a no-op for 0007 (what was redacted stays gone), and the whole list still goes down and up.
      await migrateAllDown(db);
      await migrateToLatest(db);
    });
  },
  { prepare: 'none' },
);
