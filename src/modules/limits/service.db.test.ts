import { beforeEach, expect, it } from 'vitest';
import { describeEachDialect, TEST_NOW } from '../../../test/db.ts';
import { openDatabase } from '../../db/connect.ts';
import { fixedClock } from '../../shared/clock.ts';
import {
  counterKey,
  deleteExpiredCounters,
  startCounterCleanup,
  takeLimits,
  takeLimitsInOrder,
} from './service.ts';

const at = (ms: number) => new Date(TEST_NOW.getTime() + ms);
const limit = { max: 3, windowMs: 15 * 60_000 };
const windowEnd = new Date('2026-03-02T12:15:00.000Z');

describeEachDialect(
  'the rate limiter',
  (getDb, dialect) => {
    const db = () => getDb().db;
    beforeEach(async () => {
      await db().deleteFrom('rate_limit').execute();
    });

    it('allows max requests per window, then says when the window ends; the next window starts over', async () => {
      const check = [{ rule: 'test', limit, subject: '192.0.2.1' }];
      for (let i = 0; i < limit.max; i++)
        expect(await takeLimits(db(), check, at(i))).toEqual({ limited: false });
      expect(await takeLimits(db(), check, at(60_000))).toEqual({
        limited: true,
        retryAt: windowEnd,
        rules: ['test'],
      });
      expect(await takeLimits(db(), check, windowEnd)).toEqual({ limited: false });
    });

    it('judges a batch in one statement as if each request came alone, in order', async () => {
      const ip = (subject: string) => [{ rule: 'batch', limit, subject }];
      // One before the batch, then five from the same address and one from another, together.
      expect(await takeLimits(db(), ip('192.0.2.7'), TEST_NOW)).toEqual({ limited: false });
      const verdicts = await takeLimitsInOrder(
        db(),
        [
          ip('192.0.2.7'),
          ip('192.0.2.7'),
          ip('198.51.100.1'),
          ip('192.0.2.7'),
          ip('192.0.2.7'),
          ip('192.0.2.7'),
        ],
        at(1000),
      );
      expect(verdicts.map((v) => v.limited)).toEqual([false, false, false, true, true, true]);
      expect(verdicts[3]).toEqual({ limited: true, retryAt: windowEnd, rules: ['batch'] });
      // Every request counted, refused ones too: the next single one sees 7.
      const rows = await db().selectFrom('rate_limit').select(['key', 'count']).execute();
      expect(rows.find((r) => r.key === counterKey('batch', '192.0.2.7'))?.count).toBe(6);
      expect(await takeLimitsInOrder(db(), [], TEST_NOW)).toEqual([]);
    });

    it('counts several checks in one go and refuses when any is over, with the latest window end', async () => {
      const long = { max: 1, windowMs: 3600_000 };
      const checks = [
        { rule: 'a', limit, subject: 'x' },
        { rule: 'b', limit: long, subject: 'Ane@Example.dk' },
      ];
      expect(await takeLimits(db(), checks, TEST_NOW)).toEqual({ limited: false });
      // The email counts however it is typed.
      const second = await takeLimits(
        db(),
        [{ ...checks[1], subject: ' ane@example.DK' }] as typeof checks,
        at(1),
      );
      expect(second).toEqual({ limited: true, retryAt: new Date('2026-03-02T13:00:00.000Z'), rules: ['b'] });
    });

    it('stores only a hash of the subject', async () => {
      await takeLimits(db(), [{ rule: 'registration:email', limit, subject: 'ane@example.dk' }], TEST_NOW);
      const rows = await db().selectFrom('rate_limit').selectAll().execute();
      expect(JSON.stringify(rows)).not.toContain('ane@example.dk');
      expect(rows.map((r) => r.key)).toEqual([counterKey('registration:email', 'ane@example.dk')]);
    });

    it('gives parallel requests each their own count, also from two instances on one database', async () => {
      const other = dialect === 'postgres' ? openDatabase(getDb().url, { poolSize: 5 }) : getDb();
      try {
        const check = [
          { rule: 'rush', limit: { max: 20, windowMs: 15 * 60_000 }, subject: '10.0.0.1' },
          { rule: 'rush-email', limit: { max: 1000, windowMs: 15 * 60_000 }, subject: 'same@example.dk' },
        ];
        const verdicts = await Promise.all(
          Array.from({ length: 30 }, (_, i) => takeLimits((i % 2 ? other : getDb()).db, check, TEST_NOW)),
        );
        expect(verdicts.filter((v) => !v.limited)).toHaveLength(20);
        const row = await db()
          .selectFrom('rate_limit')
          .select('count')
          .where('key', '=', counterKey('rush', '10.0.0.1'))
          .executeTakeFirstOrThrow();
        expect(Number(row.count)).toBe(30);
      } finally {
        if (other !== getDb()) await other.close();
      }
    });

    it('deletes counters whose window has ended, and keeps live ones', async () => {
      const short = { max: 5, windowMs: 60_000 };
      await takeLimits(db(), [{ rule: 'old', limit: short, subject: 'a' }], TEST_NOW);
      await takeLimits(db(), [{ rule: 'live', limit, subject: 'a' }], TEST_NOW);
      expect(await deleteExpiredCounters(db(), at(59_999))).toBe(0);
      expect(await deleteExpiredCounters(db(), at(60_000))).toBe(1);
      const keys = (await db().selectFrom('rate_limit').select('key').execute()).map((r) => r.key);
      expect(keys).toEqual([counterKey('live', 'a')]);
      expect(await deleteExpiredCounters(db(), windowEnd)).toBe(1);
      expect(await db().selectFrom('rate_limit').select('key').execute()).toEqual([]);
    });

    it('runs the cleanup as a job: old rows go without anyone asking', async () => {
      await takeLimits(db(), [{ rule: 'job', limit: { max: 1, windowMs: 60_000 }, subject: 'a' }], TEST_NOW);
      const job = startCounterCleanup(db(), fixedClock(at(60_000)), { intervalMs: 10 });
      try {
        for (let i = 0; i < 100; i++) {
          if ((await db().selectFrom('rate_limit').select('key').execute()).length === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      } finally {
        await job.stop();
      }
      expect(await db().selectFrom('rate_limit').select('key').execute()).toEqual([]);
    });
  },
  { prepare: 'migrate' },
);
