import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect, TEST_NOW } from '../../../test/db.ts';
import { ensureAccount } from '../auth/service.ts';
import * as q from './queries.ts';
import { DEFAULT_CHOICES } from './rules.ts';
import { type NotificationInput, notify } from './service.ts';
import type { NotificationKind } from './table.ts';

// notify on both engines: stored once per (account, key); mailed at once, left for the digest, or only on the
// platform, by the person's choice or the default.

describeEachDialect('notify', (getDb) => {
  let ann: string;
  let bo: string;

  beforeAll(async () => {
    const db = getDb().db;
    ann = await ensureAccount(
      db,
      { email: 'ann.notify@example.dk', name: 'Ann', role: 'participant' },
      TEST_NOW,
    );
    bo = await ensureAccount(
      db,
      { email: 'bo.notify@example.dk', name: 'Bo', role: 'participant' },
      TEST_NOW,
    );
  });

  const item = (accountId: string, kind: NotificationKind, key: string): NotificationInput => ({
    accountId,
    kind,
    seriesId: null,
    subject: { da: 'Nyt svar på dit spørgsmål', en: 'A new answer to your question' },
    text: { da: 'Eksperten har svaret.', en: 'The expert has answered.' },
    path: `/mit-hold/x/spoergsmaal/${key}`,
    key,
  });
  const mailsTo = (to: string, kind: string) =>
    getDb()
      .db.selectFrom('outbox')
      .select(['subject', 'text_body', 'html_body'])
      .where('to_address', '=', to)
      .where('kind', '=', kind)
      .execute();
  const rowsOf = (accountId: string) =>
    getDb().db.selectFrom('notification').selectAll().where('account_id', '=', accountId).execute();

  it('defaults: questions and answers at once, the rest in the digest', () => {
    expect(DEFAULT_CHOICES).toEqual({
      questions: 'now',
      answers: 'now',
      dilemmas: 'digest',
      messages: 'digest',
      materials: 'digest',
    });
  });

  it('mails an answer at once (the default) — one mail, stored once per key', async () => {
    const db = getDb().db;
    await db.transaction().execute((tx) => notify(tx, [item(ann, 'answers', 'answer:1')], TEST_NOW));
    await db.transaction().execute((tx) => notify(tx, [item(ann, 'answers', 'answer:1')], TEST_NOW));
    const mails = await mailsTo('ann.notify@example.dk', 'notifications.now');
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe('Nyt på Holdet: svar på spørgsmål, du stiller eller følger');
    expect(mails[0]?.text_body).toContain('Eksperten har svaret.');
    expect(mails[0]?.text_body).toContain('The expert has answered.');
    expect(mails[0]?.text_body).toMatch(/\/varsler\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}/);
    const rows = await rowsOf(ann);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ delivery: 'now', mailed_at: TEST_NOW.toISOString(), read_at: null });
  });

  it('leaves a dilemma for the digest and mails nothing now; platform never mails', async () => {
    const db = getDb().db;
    await q.saveChoice(db, {
      account_id: bo,
      kind: 'questions',
      choice: 'platform',
      updated_at: TEST_NOW.toISOString(),
    });
    await db
      .transaction()
      .execute((tx) =>
        notify(tx, [item(bo, 'dilemmas', 'dilemma:1'), item(bo, 'questions', 'question:1')], TEST_NOW),
      );
    expect(await mailsTo('bo.notify@example.dk', 'notifications.now')).toHaveLength(0);
    const rows = (await rowsOf(bo)).sort((a, b) => a.dedup_key.localeCompare(b.dedup_key));
    expect(rows.map((r) => [r.dedup_key, r.delivery, r.mailed_at])).toEqual([
      ['dilemma:1', 'digest', null],
      ['question:1', 'platform', null],
    ]);
  });

  it('rolls back with the caller: no row, no mail', async () => {
    const db = getDb().db;
    await expect(
      db.transaction().execute(async (tx) => {
        await notify(tx, [item(ann, 'questions', 'question:rolled-back')], TEST_NOW);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect((await rowsOf(ann)).some((r) => r.dedup_key === 'question:rolled-back')).toBe(false);
    expect(await mailsTo('ann.notify@example.dk', 'notifications.now')).toHaveLength(1);
  });
});

describe('notify with nothing', () => {
  it('does nothing for no items', async () => {
    await expect(notify({} as never, [], TEST_NOW)).resolves.toBeUndefined();
  });
});
