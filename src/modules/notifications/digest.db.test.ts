import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/db.ts';
import { openDatabase } from '../../db/connect.ts';
import { ensureAccount } from '../auth/service.ts';
import { DIGEST_MAX_ITEMS } from './digest.ts';
import * as q from './queries.ts';
import { digestDayDue } from './rules.ts';
import { type NotificationInput, notify, queueDigests } from './service.ts';
import type { NotificationKind } from './table.ts';

// The daily digest on both engines: due from DIGEST_HOUR on the Copenhagen wall clock (across the change to
// summer time), one mail per person per Copenhagen day listing what waited, even with two app instances
// (two database handles) racing; `now` and `platform` notifications never join it.

const INSTANCE = fileURLToPath(new URL('../../../test/digest-instance.ts', import.meta.url));

/** Another app instance in its own process, started and ready; `go()` runs its digest job and gives its count. */
async function otherInstance(url: string, at: Date): Promise<{ go(): Promise<number> }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', INSTANCE, url, at.toISOString(), '7'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  const seen = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const m = pattern.exec(out);
        if (m) resolve(m);
      };
      proc.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        check();
      });
      proc.once('exit', (code) =>
        pattern.exec(out) ? check() : reject(new Error(`instance exited ${code}: ${out}`)),
      );
      check();
    });
  await seen(/ready\n/);
  return {
    async go() {
      proc.stdin.write('go\n');
      return Number((await seen(/queued (\d+)\n/))[1]);
    },
  };
}

// 2026: summer time begins Sunday 29 March at 01:00 UTC (CET +1 → CEST +2).
const WINTER_DAY = '2026-03-27';
const SUMMER_DAY = '2026-03-30';
const utc = (iso: string) => new Date(iso);

describe('when the digest is due (Copenhagen wall clock)', () => {
  it('is due from 07:00 in winter (06:00 UTC) and in summer (05:00 UTC)', () => {
    expect(digestDayDue(utc(`${WINTER_DAY}T05:59:59Z`), 7)).toBeNull();
    expect(digestDayDue(utc(`${WINTER_DAY}T06:00:00Z`), 7)).toBe(WINTER_DAY);
    expect(digestDayDue(utc(`${SUMMER_DAY}T04:59:59Z`), 7)).toBeNull();
    expect(digestDayDue(utc(`${SUMMER_DAY}T05:00:00Z`), 7)).toBe(SUMMER_DAY);
    // The night of the change itself: 07:00 CEST on the 29th is 05:00 UTC.
    expect(digestDayDue(utc('2026-03-29T04:59:00Z'), 7)).toBeNull();
    expect(digestDayDue(utc('2026-03-29T05:00:00Z'), 7)).toBe('2026-03-29');
    // The Copenhagen day, not the UTC day: 23:30 UTC on the 30th is already the 31st in Copenhagen.
    expect(digestDayDue(utc(`${SUMMER_DAY}T23:30:00Z`), 7)).toBeNull();
    expect(digestDayDue(utc(`${SUMMER_DAY}T23:30:00Z`), 0)).toBe('2026-03-31');
    expect(digestDayDue(utc(`${WINTER_DAY}T23:00:00Z`), 0)).toBe('2026-03-28');
  });
});

describeEachDialect(
  'the daily digest',
  (getDb, dialect) => {
    const db = () => getDb().db;
    const made: { id: string; email: string }[] = [];
    const person = async (name: string) => {
      const email = `${name}.${made.length}@digest.example.dk`;
      const id = await ensureAccount(
        db(),
        { email, name, role: 'participant' },
        utc(`${WINTER_DAY}T00:00:00Z`),
      );
      made.push({ id, email });
      return { id, email };
    };
    const item = (accountId: string, kind: NotificationKind, key: string): NotificationInput => ({
      accountId,
      kind,
      seriesId: null,
      subject: { da: `Emne ${key}`, en: `Subject ${key}` },
      text: { da: `Tekst ${key}`, en: `Text ${key}` },
      path: `/mit-hold/x/${key}`,
      key,
    });
    const tell = (items: NotificationInput[], at: Date) =>
      db()
        .transaction()
        .execute((tx) => notify(tx, items, at));
    const digestsTo = (email: string) =>
      db()
        .selectFrom('outbox')
        .select(['subject', 'text_body'])
        .where('to_address', '=', email)
        .where('kind', '=', 'notifications.digest')
        .execute();

    it('waits for the digest hour, then sends one mail listing everything pending, oldest first', async () => {
      const ann = await person('ann');
      await q.saveChoice(db(), { account_id: ann.id, kind: 'answers', choice: 'digest', updated_at: 'x' });
      await tell([item(ann.id, 'dilemmas', 'dilemma:a')], utc(`${WINTER_DAY}T01:00:00Z`));
      await tell(
        [item(ann.id, 'answers', 'answer:a'), item(ann.id, 'questions', 'question:now')],
        utc(`${WINTER_DAY}T02:00:00Z`),
      );
      expect(await queueDigests(db(), utc(`${WINTER_DAY}T05:59:00Z`), { digestHour: 7 })).toBe(0);
      expect(await digestsTo(ann.email)).toHaveLength(0);
      expect(await queueDigests(db(), utc(`${WINTER_DAY}T06:00:00Z`), { digestHour: 7 })).toBe(1);
      const [mail, ...more] = await digestsTo(ann.email);
      expect(more).toHaveLength(0);
      expect(mail?.subject).toBe('Dagens nyt fra Holdet');
      const text = mail?.text_body ?? '';
      expect(text.indexOf('Emne dilemma:a')).toBeGreaterThan(-1);
      expect(text.indexOf('Emne dilemma:a')).toBeLessThan(text.indexOf('Emne answer:a'));
      expect(text).not.toContain('question:now');
      // A change link for each kind the digest tells of.
      expect(text.match(/\/varsler\/[A-Za-z0-9_-]{28}\.[A-Za-z0-9_-]{22}/g)).toHaveLength(2);
      const pending = await db()
        .selectFrom('notification')
        .select(['dedup_key', 'mailed_at'])
        .where('account_id', '=', ann.id)
        .where('delivery', '=', 'digest')
        .execute();
      expect(pending.every((n) => n.mailed_at === `${WINTER_DAY}T06:00:00.000Z`)).toBe(true);
    });

    it('lists at most DIGEST_MAX_ITEMS, the newest, says how many more wait, and mails them all', async () => {
      const cy = await person('cy');
      const many = DIGEST_MAX_ITEMS + 5;
      for (let i = 0; i < many; i++)
        await tell(
          [item(cy.id, 'dilemmas', `c:${String(i).padStart(3, '0')}`)],
          new Date(Date.parse(`${WINTER_DAY}T01:00:00Z`) + i * 1000),
        );
      expect(await queueDigests(db(), utc(`${WINTER_DAY}T06:00:00Z`), { digestHour: 7 })).toBe(1);
      const [mail, ...more] = await digestsTo(cy.email);
      expect(more).toHaveLength(0);
      const text = mail?.text_body ?? '';
      expect(text).toContain(`Der er sket ${many} ting siden sidst:`);
      expect(text).toContain(`Her er de ${DIGEST_MAX_ITEMS} nyeste. 5 mere kan ses på platformen`);
      expect(text).not.toContain('Emne c:004');
      expect(text).toContain('Emne c:005');
      expect(text).toContain(`Emne c:${String(many - 1).padStart(3, '0')}`);
      const waiting = await db()
        .selectFrom('notification')
        .select('id')
        .where('account_id', '=', cy.id)
        .where('mailed_at', 'is', null)
        .execute();
      expect(waiting).toHaveLength(0);
      expect(await queueDigests(db(), utc(`${WINTER_DAY}T09:00:00Z`), { digestHour: 7 })).toBe(0);
    });

    it('sends once a day: what comes after today’s digest waits for tomorrow’s, at 07:00 summer time', async () => {
      const bo = await person('bo');
      await tell([item(bo.id, 'messages', 'message:1')], utc(`${WINTER_DAY}T03:00:00Z`));
      expect(await queueDigests(db(), utc(`${WINTER_DAY}T07:00:00Z`), { digestHour: 7 })).toBe(1);
      await tell([item(bo.id, 'messages', 'message:2')], utc(`${WINTER_DAY}T08:00:00Z`));
      expect(await queueDigests(db(), utc(`${WINTER_DAY}T09:00:00Z`), { digestHour: 7 })).toBe(0);
      expect(await queueDigests(db(), utc(`${WINTER_DAY}T22:59:00Z`), { digestHour: 7 })).toBe(0);
      expect(await digestsTo(bo.email)).toHaveLength(1);
      // Past midnight in Copenhagen but before 07:00 there: still nothing.
      expect(await queueDigests(db(), utc('2026-03-28T05:59:00Z'), { digestHour: 7 })).toBe(0);
      expect(await queueDigests(db(), utc('2026-03-28T06:00:00Z'), { digestHour: 7 })).toBe(1);
      const mails = await digestsTo(bo.email);
      expect(mails).toHaveLength(2);
      expect(mails.some((m) => m.text_body.includes('Emne message:2'))).toBe(true);
      // Across the change to summer time: due at 05:00 UTC.
      await tell([item(bo.id, 'materials', 'material:3')], utc('2026-03-29T12:00:00Z'));
      expect(await queueDigests(db(), utc(`${SUMMER_DAY}T04:59:00Z`), { digestHour: 7 })).toBe(0);
      expect(await queueDigests(db(), utc(`${SUMMER_DAY}T05:00:00Z`), { digestHour: 7 })).toBe(1);
      const days = await db()
        .selectFrom('notification_digest')
        .select(['day', 'items'])
        .where('account_id', '=', bo.id)
        .orderBy('day')
        .execute();
      expect(days).toEqual([
        { day: WINTER_DAY, items: 1 },
        { day: '2026-03-28', items: 1 },
        { day: SUMMER_DAY, items: 1 },
      ]);
    });

    it('never mails platform-only notifications, and moving a kind off the digest takes its pending ones out', async () => {
      const cy = await person('cy');
      await q.saveChoice(db(), { account_id: cy.id, kind: 'dilemmas', choice: 'platform', updated_at: 'x' });
      await tell([item(cy.id, 'dilemmas', 'dilemma:p')], utc('2026-04-01T01:00:00Z'));
      expect(await queueDigests(db(), utc('2026-04-01T06:00:00Z'), { digestHour: 7 })).toBe(0);
      expect(await digestsTo(cy.email)).toHaveLength(0);
      await tell([item(cy.id, 'messages', 'message:p')], utc('2026-04-01T07:00:00Z'));
      await db()
        .transaction()
        .execute(async (tx) => {
          const { saveChoices } = await import('./service.ts');
          await saveChoices(
            tx,
            cy.id,
            { messages: 'platform' },
            { accountId: cy.id, label: cy.email },
            utc('2026-04-01T08:00:00Z'),
            'settings',
          );
        });
      expect(await queueDigests(db(), utc('2026-04-02T06:00:00Z'), { digestHour: 7 })).toBe(0);
      expect(await digestsTo(cy.email)).toHaveLength(0);
    });

    it(`sends each person's digest exactly once with two instances racing (${dialect})`, async () => {
      const people = [];
      for (let i = 0; i < 60; i++) people.push(await person(`race${i}`));
      const at = utc('2026-04-10T01:00:00Z');
      await tell(
        people.flatMap((p) => [
          item(p.id, 'dilemmas', `race:d:${p.id}`),
          item(p.id, 'materials', `race:m:${p.id}`),
        ]),
        at,
      );
      const due = utc('2026-04-10T05:00:00Z');
      // Another instance as its own process (both engines), and on PostgreSQL a second pool in this one too.
      const child = await otherInstance(getDb().url, due);
      const other = dialect === 'postgres' ? openDatabase(getDb().url, { poolSize: 5 }) : null;
      try {
        const runs = await Promise.all([
          child.go(),
          queueDigests(db(), due, { digestHour: 7 }),
          other ? queueDigests(other.db, due, { digestHour: 7 }) : 0,
          queueDigests(db(), due, { digestHour: 7 }),
        ]);
        expect(runs.reduce((a, b) => a + b, 0)).toBe(people.length);
        for (const p of people) {
          const mails = await digestsTo(p.email);
          expect(mails, p.email).toHaveLength(1);
          expect(mails[0]?.text_body).toContain(`race:d:${p.id}`);
          expect(mails[0]?.text_body).toContain(`race:m:${p.id}`);
        }
        expect(await queueDigests(db(), utc('2026-04-10T10:00:00Z'), { digestHour: 7 })).toBe(0);
      } finally {
        await other?.close();
      }
    }, 60_000);
  },
  { prepare: 'migrate', sqliteFile: true },
);
