import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { SLUG_2027 } from '../../test/fixtures.ts';
import { registrationTestDeps } from '../../test/registration.ts';
import { plantedText, registerWithDietaryNeeds } from '../../test/scan.ts';
import { startOfferExpiryJob } from '../modules/registration/jobs.ts';

// Erased means erased in the file too: SQLite keeps deleted content in free space and in its write-ahead
// log unless told otherwise (secure_delete, a TRUNCATE checkpoint after the erase job). PostgreSQL's files
// are the server's; see docs/SECURITY.md.

describe('dietary needs in the SQLite files', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite', { sqliteFile: true });
  });
  afterAll(async () => {
    await database?.destroy();
  });

  const inFiles = (plant: string) => {
    const dir = dirname(database.url.slice('sqlite:'.length));
    return readdirSync(dir).filter((f) => readFileSync(join(dir, f)).includes(plant));
  };

  it('are gone from the database file and its log once the erase job has run', async () => {
    const plant = plantedText();
    const { deps, clock } = registrationTestDeps(database);
    await registerWithDietaryNeeds(deps, SLUG_2027, (n) => `${plant}-${n}`, 3);
    expect(inFiles(plant).length).toBeGreaterThan(0);

    clock.set(new Date('2028-01-01T00:00:00Z'));
    const job = startOfferExpiryJob(deps, { intervalMs: 10 });
    const left = () =>
      database.db.selectFrom('attendee').select('id').where('dietary_needs', 'is not', null).execute();
    for (let i = 0; i < 500 && (await left()).length > 0; i++) await new Promise((r) => setTimeout(r, 10));
    // stop() waits for the round under way: the checkpoint after the erase has run too.
    await job.stop();
    expect(await left()).toEqual([]);
    expect(inFiles(plant)).toEqual([]);
  });
});
