import { afterEach, expect, it } from 'vitest';
import { describeEachDialect, TEST_NOW } from '../../test/db.ts';
import { fixedClock } from '../shared/clock.ts';
import { enqueueMail, type OutgoingMail } from './outbox.ts';
import { eraseExpiredBodies, startBodyRetentionJob } from './retention.ts';

// Mail content is erased once a mail has been sent (or given up) for MAIL_BODY_RETENTION_DAYS, on both
// databases: text, HTML and attachments go; recipient, kind, subject, status and times stay; mails still
// waiting to be sent, and younger ones, keep everything.

const DAY = 24 * 3600 * 1000;
const daysAgo = (days: number, plusMs = 0) => new Date(TEST_NOW.getTime() - days * DAY + plusMs);

function signIn(n: number): OutgoingMail {
  return {
    kind: 'auth.sign-in',
    to: `person${n}@example.dk`,
    subject: 'Log ind hos Væksthusets Kompetencecenter',
    text: `Din kode er 12345${n}: http://holdet.test/log-ind/token-${n}\n`,
    html: `<p>Din kode er <b>12345${n}</b></p>`,
    priority: 'urgent',
    attachments: [
      {
        filename: 'note.txt',
        contentType: 'text/plain',
        content: Buffer.from('hemmelig').toString('base64'),
      },
    ],
  };
}

describeEachDialect(
  'mail body retention',
  (getDb) => {
    afterEach(async () => {
      await getDb().db.deleteFrom('outbox').execute();
    });

    const enqueue = async (
      n: number,
      createdAt: Date,
      status: 'pending' | 'sent' | 'failed',
      sentAt?: Date,
    ) => {
      const { db } = getDb();
      const id = await enqueueMail(db, signIn(n), createdAt);
      await db
        .updateTable('outbox')
        .set({ status, sent_at: sentAt ? sentAt.toISOString() : null })
        .where('id', '=', id)
        .execute();
      return id;
    };
    const row = (id: string) =>
      getDb().db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    it('erases text, HTML and attachments of mails sent more than N days ago, and keeps who, what and when', async () => {
      const old = await enqueue(1, daysAgo(31), 'sent', daysAgo(30, -1));
      const exactly = await enqueue(2, daysAgo(31), 'sent', daysAgo(30));
      const young = await enqueue(3, daysAgo(31), 'sent', daysAgo(30, 1));
      const waiting = await enqueue(4, daysAgo(40), 'pending');
      const gaveUp = await enqueue(5, daysAgo(30, -1), 'failed');
      const gaveUpLately = await enqueue(6, daysAgo(28), 'failed');

      expect(await eraseExpiredBodies(getDb().db, TEST_NOW, 30)).toBe(3);

      for (const [id, n] of [
        [old, 1],
        [exactly, 2],
        [gaveUp, 5],
      ] as const) {
        const erased = await row(id);
        expect(erased).toMatchObject({
          text_body: '',
          html_body: '',
          attachments: '[]',
          body_erased_at: TEST_NOW.toISOString(),
          to_address: `person${n}@example.dk`,
          kind: 'auth.sign-in',
          subject: 'Log ind hos Væksthusets Kompetencecenter',
          priority: 0,
        });
        expect(erased.created_at).not.toBe('');
      }
      expect((await row(old)).sent_at).toBe(daysAgo(30, -1).toISOString());
      for (const [id, n] of [
        [young, 3],
        [waiting, 4],
        [gaveUpLately, 6],
      ] as const) {
        const kept = await row(id);
        expect(kept.body_erased_at).toBeNull();
        expect(kept.text_body).toContain(`12345${n}`);
        expect(kept.attachments).toContain('note.txt');
      }

      // Erased is erased: a second sweep touches nothing, and one a day later only what has aged since.
      expect(await eraseExpiredBodies(getDb().db, TEST_NOW, 30)).toBe(0);
      expect(await eraseExpiredBodies(getDb().db, new Date(TEST_NOW.getTime() + DAY), 30)).toBe(1);
      expect((await row(young)).text_body).toBe('');
      expect((await row(waiting)).text_body).toContain('123454');
    });

    it('erases a large backlog in chunks, all of it', async () => {
      const { db } = getDb();
      const ids = await db.transaction().execute(async (tx) => {
        const made: string[] = [];
        for (let n = 0; n < 1_203; n++) made.push(await enqueueMail(tx, signIn(n), daysAgo(60)));
        return made;
      });
      await db
        .updateTable('outbox')
        .set({ status: 'sent', sent_at: daysAgo(60).toISOString() })
        .execute();
      expect(await eraseExpiredBodies(db, TEST_NOW, 7)).toBe(ids.length);
      const left = await db.selectFrom('outbox').select('id').where('text_body', '!=', '').execute();
      expect(left).toEqual([]);
    });

    it('runs from the job at once and then on its interval until stopped', async () => {
      const id = await enqueue(7, daysAgo(3), 'sent', daysAgo(2));
      const clock = fixedClock(TEST_NOW);
      const erased: number[] = [];
      const job = startBodyRetentionJob({
        database: getDb(),
        clock,
        days: 1,
        intervalMs: 20,
        onErased: (n) => erased.push(n),
      });
      try {
        const deadline = Date.now() + 5_000;
        while (erased.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
        expect(erased).toEqual([1]);
        expect((await row(id)).text_body).toBe('');
        // Another mail comes of age: the next sweep takes it.
        const later = await enqueue(8, daysAgo(3), 'sent', daysAgo(2));
        while (erased.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
        expect(erased).toEqual([1, 1]);
        expect((await row(later)).body_erased_at).toBe(TEST_NOW.toISOString());
      } finally {
        await job.stop();
      }
    });
  },
  { prepare: 'migrate' },
);
