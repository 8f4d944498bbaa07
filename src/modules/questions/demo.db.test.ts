import { expect, it } from 'vitest';
import { DEMO_SEEDED_AT, describeEachDialect } from '../../../test/db.ts';
import { seedDemoQuestions } from './demo.ts';

// The demo's questions, as every test database that seeds the demo has them (test/db.ts seeds through the
// composition root's seedDemoAll): a handful in each hold, to the experts and the facilitator, some answered
// by the experts' own accounts, one solved in each hold, some still unanswered in the coming one — in search,
// and seeded once.

describeEachDialect('demo questions', (getDb) => {
  const questions = () =>
    getDb()
      .db.selectFrom('question')
      .innerJoin('series', 'series.id', 'question.series_id')
      .select([
        'series.slug',
        'question.id',
        'question.state',
        'question.addressed_to',
        'question.first_reply_at',
        'question.created_at',
      ])
      .where('question.asker_id', 'is', null)
      .execute();

  it('has questions in both holds: answered, solved and (in the coming hold) unanswered', async () => {
    const rows = await questions();
    const next = rows.filter((r) => r.slug.endsWith('2027'));
    const first = rows.filter((r) => r.slug.endsWith('2021'));
    expect(next.length).toBeGreaterThanOrEqual(4);
    expect(first.length).toBeGreaterThanOrEqual(2);
    expect(new Set(next.map((r) => r.state))).toEqual(new Set(['unanswered', 'answered', 'solved']));
    expect(first.every((r) => r.state !== 'unanswered')).toBe(true);
    expect(new Set(next.map((r) => r.addressed_to))).toEqual(new Set(['expert', 'experts', 'facilitator']));
    for (const r of rows) if (r.first_reply_at) expect(r.first_reply_at > r.created_at).toBe(true);
    // Nothing lies in the future of the seed.
    expect(rows.every((r) => r.created_at <= DEMO_SEEDED_AT.toISOString())).toBe(true);
  });

  it('the answers are the experts’ (their accounts), in search, and nobody was notified', async () => {
    const db = getDb().db;
    const answers = await db
      .selectFrom('question_post')
      .innerJoin('account', 'account.id', 'question_post.author_id')
      .select(['account.email', 'question_post.author_role'])
      .where('question_post.kind', '=', 'reply')
      .execute();
    expect(answers.some((a) => a.email === 'dorte.caswell@example.dk' && a.author_role === 'expert')).toBe(
      true,
    );
    const indexed = await db
      .selectFrom('search_entry')
      .select('source_id')
      .where('source', '=', 'question')
      .execute();
    const ids = new Set(indexed.map((r) => r.source_id));
    for (const q of await questions()) expect(ids.has(q.id)).toBe(true);
    const told = await db
      .selectFrom('notification')
      .select('id')
      .where('kind', 'in', ['questions', 'answers'])
      .execute();
    expect(told).toEqual([]);
  });

  it('seeding again adds nothing', async () => {
    const before = (await questions()).length;
    expect(await seedDemoQuestions(getDb().db, DEMO_SEEDED_AT)).toBe(false);
    expect((await questions()).length).toBe(before);
  });
});
