import { beforeEach, expect, it } from 'vitest';
import { describeEachDialect, TEST_NOW } from '../../test/db.ts';
import { clearRegistrations, SLUG_2027 } from '../../test/fixtures.ts';
import { registrationTestDeps } from '../../test/registration.ts';
import { placesOf, plantedText, registerWithDietaryNeeds, scanDatabase } from '../../test/scan.ts';
import { SYSTEM_ACTOR, writeAudit, writeAudits } from './audit.ts';

// Whatever a caller hands writeAudit, the row says only THAT a sensitive field was set.

describeEachDialect('audit rows hold no special-category data or secrets', (getDb) => {
  beforeEach(async () => {
    const { db } = getDb();
    await db.deleteFrom('audit').execute();
    await db.deleteFrom('outbox').execute();
    await clearRegistrations(db);
    await db.deleteFrom('account').where('role', '=', 'participant').execute();
  });

  it('a registration with dietary needs is audited as [udfyldt]; the text is only in the attendee', async () => {
    const database = getDb();
    const plant = plantedText();
    const { deps } = registrationTestDeps(database);
    const [withNeeds, without] = await registerWithDietaryNeeds(
      deps,
      SLUG_2027,
      (n) => (n === 1 ? plant : ''),
      2,
    );
    expect(withNeeds?.kind).toBe('confirmed');
    expect(without?.kind).toBe('confirmed');
    const rows = await database.db
      .selectFrom('audit')
      .select(['entity_id', 'after_json'])
      .where('action', '=', 'registration.reserved')
      .execute();
    expect(rows).toHaveLength(2);
    const after = (id: string) =>
      JSON.parse(rows.find((r) => r.entity_id === id)?.after_json ?? '{}') as Record<string, unknown>;
    const id = (o: typeof withNeeds) => (o?.kind === 'confirmed' ? o.registrationId : '');
    // The rest of the row is still there, so the log says who registered with what.
    expect(after(id(withNeeds))).toMatchObject({
      status: 'reserved',
      seq: 1,
      attendee: { dietary_needs: '[udfyldt]' },
      buyer: { organisation_name: 'Jobcenter Østby' },
    });
    expect(after(id(without))).toMatchObject({ seq: 2, attendee: { dietary_needs: null } });
    expect(placesOf(await scanDatabase(database, plant))).toEqual(['attendee.dietary_needs']);
  });

  it('redacts sign-in secrets at any depth, in one entry and in several', async () => {
    const { db } = getDb();
    const secret = plantedText('HEMMELIG');
    await writeAudit(db, {
      actor: SYSTEM_ACTOR,
      action: 'test.one',
      entity: 'account',
      entityId: 'a',
      before: { session: { id_hash: secret } },
      after: { method: 'code', code: secret, nested: [{ tokenHash: secret }] },
      at: TEST_NOW,
    });
    await writeAudits(db, [
      {
        actor: SYSTEM_ACTOR,
        action: 'test.two',
        entity: 'x',
        entityId: 'b',
        after: { _csrf: secret },
        at: TEST_NOW,
      },
      {
        actor: SYSTEM_ACTOR,
        action: 'test.three',
        entity: 'x',
        entityId: 'c',
        after: { cookie: secret },
        at: TEST_NOW,
      },
    ]);
    const rows = await db
      .selectFrom('audit')
      .select(['action', 'before_json', 'after_json'])
      .orderBy('action')
      .execute();
    expect(rows).toEqual([
      {
        action: 'test.one',
        before_json: '{"session":"[udfyldt]"}',
        after_json: '{"method":"code","code":"[udfyldt]","nested":[{"tokenHash":"[udfyldt]"}]}',
      },
      { action: 'test.three', before_json: null, after_json: '{"cookie":"[udfyldt]"}' },
      { action: 'test.two', before_json: null, after_json: '{"_csrf":"[udfyldt]"}' },
    ]);
    expect(await scanDatabase(getDb(), secret)).toEqual([]);
  });
});
