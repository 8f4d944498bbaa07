import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect, TEST_NOW } from '../../test/db.ts';
import type { Tx } from '../db/database.ts';
import { type Actor, auditedChange } from './audit.ts';

// auditedChange: read before → write → audit after, all in the caller's transaction.

const ID = '00000000-0000-4000-8000-00000000a0d1';
const EMAIL = 'audited-change@example.dk';
const actor: Actor = { accountId: null, label: 'test' };

describeEachDialect('auditedChange', (getDb) => {
  const at = TEST_NOW.toISOString();
  const cleanUp = async () => {
    const { db } = getDb();
    await db.deleteFrom('audit').where('entity_id', '=', ID).execute();
    await db.deleteFrom('account').where('id', '=', ID).execute();
  };
  beforeEach(async () => {
    await cleanUp();
    await getDb()
      .db.insertInto('account')
      .values({
        id: ID,
        email: EMAIL,
        name: 'Før',
        role: 'participant',
        organiser_id: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
  });
  afterEach(cleanUp);

  const nameOf = async () =>
    (await getDb().db.selectFrom('account').select('name').where('id', '=', ID).executeTakeFirst())?.name;
  const auditRows = () =>
    getDb()
      .db.selectFrom('audit')
      .select(['action', 'entity', 'entity_id', 'actor_label', 'before_json', 'after_json'])
      .where('entity_id', '=', ID)
      .execute();

  const rename = (tx: Tx, name: string, opts: { failInAudit?: boolean; silent?: boolean } = {}) =>
    auditedChange(tx, {
      read: (tx) => tx.selectFrom('account').select(['id', 'name']).where('id', '=', ID).executeTakeFirst(),
      write: async (tx, before) => {
        await tx.updateTable('account').set({ name }).where('id', '=', before.id).execute();
        return { name };
      },
      audit: (before, after) => {
        if (opts.failInAudit) throw new Error('audit failed');
        if (opts.silent) return null;
        return {
          actor,
          action: 'account.rename',
          entity: 'account',
          entityId: before.id,
          // A secret handed in by mistake is still redacted (writeAudit does it).
          before: { name: before.name, token: 'hemmelig' },
          after: { name: after.name },
          at: TEST_NOW,
        };
      },
    });

  it('reads the row before, writes, and audits before and after; returns both', async () => {
    const outcome = await getDb()
      .db.transaction()
      .execute((tx) => rename(tx, 'Efter'));
    expect(outcome).toEqual({ before: { id: ID, name: 'Før' }, result: { name: 'Efter' } });
    expect(await nameOf()).toBe('Efter');
    expect(await auditRows()).toEqual([
      {
        action: 'account.rename',
        entity: 'account',
        entity_id: ID,
        actor_label: 'test',
        before_json: '{"name":"Før","token":"[udfyldt]"}',
        after_json: '{"name":"Efter"}',
      },
    ]);
  });

  it('changes nothing and writes no row when there is nothing to read', async () => {
    let wrote = false;
    const outcome = await getDb()
      .db.transaction()
      .execute((tx) =>
        auditedChange(tx, {
          read: (tx) =>
            tx.selectFrom('account').select('id').where('id', '=', 'no-such-id').executeTakeFirst(),
          write: async () => {
            wrote = true;
          },
          audit: (before) => ({ actor, action: 'x', entity: 'account', entityId: before.id, at: TEST_NOW }),
        }),
      );
    expect(outcome).toBeNull();
    expect(wrote).toBe(false);
    expect(await auditRows()).toEqual([]);
  });

  it('a change whose audit fails is rolled back with it: the write never stands alone', async () => {
    await expect(
      getDb()
        .db.transaction()
        .execute((tx) => rename(tx, 'Halvvejs', { failInAudit: true })),
    ).rejects.toThrow('audit failed');
    expect(await nameOf()).toBe('Før');
    expect(await auditRows()).toEqual([]);
  });

  it('a failure after the audit in the same transaction takes both back', async () => {
    await expect(
      getDb()
        .db.transaction()
        .execute(async (tx) => {
          await rename(tx, 'Efter');
          throw new Error('later step failed');
        }),
    ).rejects.toThrow('later step failed');
    expect(await nameOf()).toBe('Før');
    expect(await auditRows()).toEqual([]);
  });

  it('an outcome the audit declines is written without a row', async () => {
    await getDb()
      .db.transaction()
      .execute((tx) => rename(tx, 'Stille', { silent: true }));
    expect(await nameOf()).toBe('Stille');
    expect(await auditRows()).toEqual([]);
  });
});
