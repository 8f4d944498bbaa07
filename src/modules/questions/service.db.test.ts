import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect, TEST_NOW } from '../../../test/db.ts';
import { SLUG_2027 } from '../../../test/fixtures.ts';
import { type QuestionsFixture, questionsFixture, type Who } from '../../../test/questions.ts';
import type { Database } from '../../db/database.ts';
import { actorFor } from '../people/service.ts';
import { search, searchScope } from '../search/service.ts';
import type { AskFields } from './forms.ts';
import {
  askQuestion,
  deletePost,
  editPost,
  historyOf,
  markSolved,
  medianFirstReplyMs,
  postOf,
  type QuestionsHold,
  questionFor,
  questionList,
  questionsHold,
  replyTo,
  setFollowing,
  threadOf,
  waitingForMe,
} from './service.ts';

// The questions service on both engines: states and the first reply's time, the thread and its order, edit
// history, soft delete with the facts recounted, notifications stored through notify, the search entry in step
// (and nothing for a substitute of another session), the lists and queues, and the median.

const at = (minutes: number) => new Date(TEST_NOW.getTime() + minutes * 60_000);

describeEachDialect('questions service', (getDb) => {
  let f: QuestionsFixture;
  let database: Database;
  const holds = new Map<Who, QuestionsHold>();

  beforeAll(async () => {
    database = getDb();
    f = await questionsFixture(database);
  });

  async function hold(who: Who): Promise<QuestionsHold> {
    const known = holds.get(who);
    if (known) return known;
    const account = await database.db
      .selectFrom('account')
      .select(['id', 'email', 'name', 'role'])
      .where('email', '=', f.emails[who])
      .executeTakeFirstOrThrow();
    const made = await questionsHold(database.db, account as never, SLUG_2027, 'da', TEST_NOW);
    if (!made) throw new Error(`no hold for ${who}`);
    holds.set(who, made);
    return made;
  }

  const fields = (over: Partial<AskFields> = {}): AskFields => ({
    title: 'Hvordan inddrager vi borgerens egne mål?',
    bodyMd: 'Vi vil gerne arbejde mere med **borgerens egne mål** i samtalerne.',
    addressedTo: 'experts',
    expertAccountId: null,
    sessionId: f.sessions[0] ?? null,
    ...over,
  });

  async function ask(who: Who, over: Partial<AskFields> = {}, when = TEST_NOW) {
    const h = await hold(who);
    return askQuestion(database.db, { hold: h, fields: fields(over) }, f.writers[who], when);
  }

  async function reply(who: Who, questionId: string, body: string, when: Date) {
    const h = await hold(who);
    return replyTo(database.db, { hold: h, questionId, bodyMd: body }, f.writers[who], when);
  }

  const notifications = (accountId: string, key: string) =>
    database.db
      .selectFrom('notification')
      .select(['account_id', 'kind', 'subject_da', 'text_da', 'path'])
      .where('account_id', '=', accountId)
      .where('dedup_key', '=', key)
      .execute();

  describe('states and the first reply', () => {
    it('unanswered until an expert or the facilitator replies; a participant’s reply does not answer', async () => {
      const q = await ask('participant');
      expect(q.state).toBe('unanswered');
      expect(q.firstReplyAt).toBeNull();
      await reply('other', q.id, 'Vi har samme udfordring.', at(10));
      const h = await hold('participant');
      expect((await questionFor(database.db, h, q.id))?.state).toBe('unanswered');
      await reply('expert', q.id, 'Start med at spørge borgeren, hvad der er vigtigt for dem.', at(60));
      const answered = await questionFor(database.db, h, q.id);
      expect(answered?.state).toBe('answered');
      expect(answered?.firstReplyAt).toBe(at(60).toISOString());
      expect(answered?.replyCount).toBe(2);
      // A later reply by the facilitator keeps the first reply's time.
      await reply('facilitator', q.id, 'Godt spørgsmål – vi tager det op på session 1.', at(120));
      expect((await questionFor(database.db, h, q.id))?.firstReplyAt).toBe(at(60).toISOString());
    });

    it('solved while the marked reply stands; the accepted reply comes first; deleting it unmarks', async () => {
      const q = await ask('participant');
      const first = await reply('other', q.id, 'Et første bud.', at(5));
      const helped = await reply('expert', q.id, 'Det, der hjalp.', at(30));
      if (!first || !helped) throw new Error('no reply');
      expect(
        await markSolved(database.db, { questionId: q.id, postId: helped.id }, f.writers.participant, at(40)),
      ).toBe(true);
      const h = await hold('participant');
      const solved = await questionFor(database.db, h, q.id);
      expect(solved?.state).toBe('solved');
      const thread = await threadOf(database.db, h, solved as never);
      expect(thread.replies.map((p) => p.id)).toEqual([helped.id, first.id]);
      // The opening post is no reply to mark.
      expect(
        await markSolved(
          database.db,
          { questionId: q.id, postId: thread.opening.id },
          f.writers.participant,
          at(41),
        ),
      ).toBe(false);
      const audit = await database.db
        .selectFrom('audit')
        .select(['action', 'after_json'])
        .where('entity_id', '=', q.id)
        .where('action', '=', 'question.solve')
        .execute();
      expect(audit).toHaveLength(1);
      await deletePost(
        database.db,
        { slug: SLUG_2027, postId: helped.id, reason: 'Forkert tråd' },
        f.writers.participant,
        at(50),
      );
      const after = await questionFor(database.db, h, q.id);
      // The only expert reply is gone: unanswered again, nothing marked.
      expect(after?.state).toBe('unanswered');
      expect(after?.solvedPostId).toBeNull();
      expect(after?.firstReplyAt).toBeNull();
    });
  });

  describe('edits and deletes', () => {
    it('an edit keeps the earlier version (the opening post with its title) and is audited without text', async () => {
      const q = await ask('participant', { title: 'Første overskrift', bodyMd: 'Første tekst' });
      const h = await hold('participant');
      const thread = await threadOf(database.db, h, q);
      await editPost(
        database.db,
        { slug: SLUG_2027, postId: thread.opening.id, title: 'Anden overskrift', bodyMd: 'Anden tekst' },
        f.writers.participant,
        at(3),
      );
      const post = await postOf(database.db, q, thread.opening.id);
      expect(post?.bodyMd).toBe('Anden tekst');
      expect(post?.editedAt).toBe(at(3).toISOString());
      expect((await questionFor(database.db, h, q.id))?.title).toBe('Anden overskrift');
      const history = await historyOf(database.db, post as never);
      expect(history).toEqual([
        { title: 'Første overskrift', bodyMd: 'Første tekst', replacedAt: at(3).toISOString() },
      ]);
      const rows = await database.db
        .selectFrom('audit')
        .select(['action', 'before_json', 'after_json'])
        .where('entity_id', 'in', [q.id, thread.opening.id])
        .execute();
      expect(rows.map((r) => r.action).sort()).toEqual(['question.ask', 'question.edit']);
      for (const r of rows) {
        expect(`${r.before_json}${r.after_json}`).not.toMatch(/tekst|overskrift|borgerens/i);
      }
    });

    it('deleting the opening post deletes the question: out of the list and out of search', async () => {
      const q = await ask('participant', { title: 'Forsvindingsnummer', bodyMd: 'Om forsvindingsnumre' });
      const h = await hold('participant');
      const scope = searchScope(
        (
          await actorFor(
            database.db,
            {
              id: f.writers.participant.accountId,
              email: f.emails.participant,
              name: '',
              role: 'participant',
            },
            TEST_NOW,
          )
        ).memberships,
      );
      expect(
        (await search(database.db, { query: 'forsvindingsnummer', scope, limit: 10, offset: 0 })).hits,
      ).toHaveLength(1);
      const thread = await threadOf(database.db, h, q);
      await deletePost(
        database.db,
        { slug: SLUG_2027, postId: thread.opening.id, reason: null },
        f.writers.participant,
        at(2),
      );
      expect((await questionFor(database.db, h, q.id))?.deleted).toBe(true);
      const list = await questionList(database.db, h, { filter: 'all', mine: false, before: null });
      expect(list.questions.some((x) => x.id === q.id)).toBe(false);
      expect(
        (await search(database.db, { query: 'forsvindingsnummer', scope, limit: 10, offset: 0 })).hits,
      ).toHaveLength(0);
    });
  });

  describe('notifications', () => {
    it('a question to one expert tells that expert (not the asker, not the other experts)', async () => {
      const expert = f.writers.expert.accountId;
      const q = await ask('participant', { addressedTo: 'expert', expertAccountId: expert });
      const told = await notifications(expert, `question:${q.id}`);
      expect(told).toHaveLength(1);
      expect(told[0]?.kind).toBe('questions');
      expect(told[0]?.path).toBe(`/mit-hold/${SLUG_2027}/spoergsmaal/${q.id}`);
      expect(told[0]?.text_da).toContain('borgerens egne mål');
      expect(told[0]?.text_da).not.toContain('**');
      expect(await notifications(f.writers.otherExpert.accountId, `question:${q.id}`)).toHaveLength(0);
      expect(await notifications(f.writers.participant.accountId, `question:${q.id}`)).toHaveLength(0);
    });

    it('to every expert: each expert is told; to the facilitator: the facilitator only', async () => {
      const all = await ask('participant', { addressedTo: 'experts' });
      for (const who of ['expert', 'otherExpert', 'facilitator'] as const)
        expect(await notifications(f.writers[who].accountId, `question:${all.id}`)).toHaveLength(1);
      const fac = await ask('participant', { addressedTo: 'facilitator' });
      expect(await notifications(f.writers.facilitator.accountId, `question:${fac.id}`)).toHaveLength(1);
      expect(await notifications(f.writers.expert.accountId, `question:${fac.id}`)).toHaveLength(0);
    });

    it('a reply tells the asker and the followers, never the one who replied', async () => {
      const q = await ask('participant', { addressedTo: 'facilitator' });
      await setFollowing(
        database.db,
        { questionId: q.id, accountId: f.writers.other.accountId, follow: true },
        TEST_NOW,
      );
      const post = await reply('facilitator', q.id, 'Her er mit svar.', at(30));
      if (!post) throw new Error('no reply');
      const key = `answer:${post.id}`;
      expect((await notifications(f.writers.participant.accountId, key))[0]?.kind).toBe('answers');
      expect(await notifications(f.writers.other.accountId, key)).toHaveLength(1);
      expect(await notifications(f.writers.facilitator.accountId, key)).toHaveLength(0);
      // Unfollowing stops it; replying follows.
      await setFollowing(
        database.db,
        { questionId: q.id, accountId: f.writers.other.accountId, follow: false },
        TEST_NOW,
      );
      const second = await reply('expert', q.id, 'Og et svar mere.', at(40));
      if (!second) throw new Error('no reply');
      expect(await notifications(f.writers.other.accountId, `answer:${second.id}`)).toHaveLength(0);
      expect(await notifications(f.writers.facilitator.accountId, `answer:${second.id}`)).toHaveLength(1);
    });

    it('a follower who may not see the question is not told (a substitute of another session)', async () => {
      const q = await ask('participant', { sessionId: f.sessions[0] ?? null });
      await setFollowing(
        database.db,
        { questionId: q.id, accountId: f.writers.otherSubstitute.accountId, follow: true },
        TEST_NOW,
      );
      const post = await reply('expert', q.id, 'Svar.', at(10));
      expect(await notifications(f.writers.otherSubstitute.accountId, `answer:${post?.id}`)).toHaveLength(0);
    });
  });

  describe('search', () => {
    it('one entry per question: its title, the asker, the question and the answers; none for another session’s substitute', async () => {
      const q = await ask('participant', {
        title: 'Mentorordninger i virksomhederne',
        bodyMd: 'Hvordan følger vi op på *mentorordninger*?',
        sessionId: f.sessions[0] ?? null,
      });
      await reply('expert', q.id, 'Se på **jobrotation** som supplement.', at(5));
      const scopeOf = async (who: Who) =>
        searchScope(
          (
            await actorFor(
              database.db,
              { id: f.writers[who].accountId, email: f.emails[who], name: '', role: 'participant' },
              TEST_NOW,
            )
          ).memberships,
        );
      const find = async (who: Who, words: string) =>
        (await search(database.db, { query: words, scope: await scopeOf(who), limit: 10, offset: 0 })).hits;
      const hits = await find('other', 'mentorordninger');
      expect(hits.map((h) => [h.source, h.kind, h.sourceId, h.authorName])).toEqual([
        ['question', 'question', q.id, f.writers.participant.name],
      ]);
      // The answer's words find it too.
      expect((await find('other', 'jobrotation')).map((h) => h.sourceId)).toEqual([q.id]);
      expect((await find('substitute', 'jobrotation')).map((h) => h.sourceId)).toEqual([q.id]);
      expect(await find('otherSubstitute', 'jobrotation')).toEqual([]);
      expect(await find('otherSeries', 'jobrotation')).toEqual([]);
      expect(await find('waitlisted', 'jobrotation')).toEqual([]);
    });
  });

  describe('lists and figures', () => {
    it('a substitute’s list holds only their session’s questions; the expert’s queue what is addressed to them', async () => {
      const mine = await ask(
        'participant',
        {
          sessionId: f.sessions[0] ?? null,
          addressedTo: 'expert',
          expertAccountId: f.writers.expert.accountId,
        },
        at(3000),
      );
      const other = await ask('participant', {
        sessionId: f.sessions[1] ?? null,
        addressedTo: 'expert',
        expertAccountId: f.writers.otherExpert.accountId,
      });
      const wide = await ask('participant', { sessionId: null }, at(3001));
      const sub = await questionList(database.db, await hold('substitute'), {
        filter: 'all',
        mine: false,
        before: null,
      });
      const ids = sub.questions.map((x) => x.id);
      expect(ids).toContain(mine.id);
      expect(ids).not.toContain(other.id);
      expect(ids).not.toContain(wide.id);
      const queue = (await waitingForMe(database.db, await hold('expert'))).map((x) => x.id);
      expect(queue).toContain(mine.id);
      expect(queue).toContain(wide.id);
      expect(queue).not.toContain(other.id);
      // Oldest first.
      expect(queue.indexOf(mine.id)).toBeLessThan(queue.indexOf(wide.id));
      const forMe = await questionList(database.db, await hold('expert'), {
        filter: 'all',
        mine: true,
        before: null,
      });
      expect(forMe.questions.map((x) => x.id)).not.toContain(other.id);
    });

    it('pages by a cursor, newest first, without repeats', async () => {
      const h = await hold('other');
      for (let i = 0; i < 25; i++) await ask('other', { title: `Side ${i}` }, at(1000 + i));
      const seen: string[] = [];
      let before = null;
      for (let page = 0; page < 50; page++) {
        const got = await questionList(database.db, h, { filter: 'all', mine: false, before });
        seen.push(...got.questions.map((x) => x.id));
        if (!got.next) break;
        const [createdAt, id] = Buffer.from(got.next, 'base64url').toString().split('|');
        before = { createdAt: createdAt as string, id: id as string };
      }
      expect(new Set(seen).size).toBe(seen.length);
      const total = await database.db
        .selectFrom('question')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('series_id', '=', f.seriesId)
        .where('deleted_at', 'is', null)
        .executeTakeFirstOrThrow();
      expect(seen.length).toBe(Number(total.n));
    });

    it('the median time to the first expert reply', async () => {
      const { db } = database;
      const before = await medianFirstReplyMs(db, [f.seriesId]);
      expect(before === null || before >= 0).toBe(true);
      expect(await medianFirstReplyMs(db, [])).toBeNull();
      // In a series of its own: 1 h and 3 h → 2 h.
      const ids = ['m-1', 'm-2'];
      for (const [i, hours] of [1, 3].entries()) {
        await db
          .insertInto('question')
          .values({
            id: ids[i] as string,
            series_id: 'median-series',
            session_id: null,
            addressed_to: 'experts',
            expert_account_id: null,
            asker_id: null,
            asker_name: 'x',
            title: 'x',
            state: 'answered',
            first_reply_at: at(hours * 60).toISOString(),
            solved_post_id: null,
            created_at: TEST_NOW.toISOString(),
            last_post_at: TEST_NOW.toISOString(),
            deleted_at: null,
          })
          .execute();
      }
      expect(await medianFirstReplyMs(db, ['median-series'])).toBe(2 * 3_600_000);
    });
  });
});
