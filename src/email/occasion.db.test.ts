import { expect, it } from 'vitest';
import { describeEachDialect, TEST_NOW } from '../../test/db.ts';
import { openDatabase } from '../db/connect.ts';
import { enqueueMail, enqueueOnce, type OutgoingMail } from './outbox.ts';

// A scheduled mail is queued once per occasion: a second call (another instance, a restart, a retried
// round) queues nothing, on both engines, also when both calls race in their own transactions.

const mail = (to: string): OutgoingMail => ({
  kind: 'test.scheduled',
  to,
  subject: 'Påmindelse',
  text: 'Hej',
  html: '<p>Hej</p>',
});

describeEachDialect(
  'enqueueOnce',
  (getDb, dialect) => {
    it('queues an occasion once, and other mails as before', async () => {
      const { db } = getDb();
      expect(await enqueueOnce(db, 'reminder:s1:a1', mail('a@example.dk'), TEST_NOW)).toBe(true);
      expect(await enqueueOnce(db, 'reminder:s1:a1', mail('a@example.dk'), TEST_NOW)).toBe(false);
      expect(await enqueueOnce(db, 'reminder:s1:a2', mail('b@example.dk'), TEST_NOW)).toBe(true);
      await enqueueMail(db, mail('c@example.dk'), TEST_NOW);
      await enqueueMail(db, mail('c@example.dk'), TEST_NOW);
      const rows = await db.selectFrom('outbox').select(['to_address', 'occasion']).execute();
      expect(rows.filter((r) => r.occasion === 'reminder:s1:a1')).toHaveLength(1);
      expect(rows.filter((r) => r.to_address === 'c@example.dk' && r.occasion === null)).toHaveLength(2);
    });

    it('two instances racing for one occasion queue it once', async () => {
      if (dialect === 'sqlite') {
        // One SQLite file is one writer at a time; the race is PostgreSQL's (below) — here the second loses.
        const { db } = getDb();
        const results = await Promise.all([
          db.transaction().execute((tx) => enqueueOnce(tx, 'race:1', mail('r@example.dk'), TEST_NOW)),
          db.transaction().execute((tx) => enqueueOnce(tx, 'race:1', mail('r@example.dk'), TEST_NOW)),
        ]);
        expect(results.filter(Boolean)).toHaveLength(1);
        return;
      }
      const first = getDb();
      // A second pool on the same database stands for a second instance.
      const other = openDatabase(first.url);
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          (i % 2 ? other : first).db
            .transaction()
            .execute((tx) => enqueueOnce(tx, 'race:2', mail('r@example.dk'), TEST_NOW)),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const count = await first.db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('occasion', '=', 'race:2')
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(1);
      await other.close();
    });
  },
  { prepare: 'migrate' },
);
