import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect, TEST_NOW } from '../../../test/db.ts';
import { type DilemmaPeople, makeDilemmaPeople, type Who } from '../../../test/dilemmas.ts';
import { SLUG_2027 } from '../../../test/fixtures.ts';
import { holdHome } from '../members/service.ts';
import { searchPage } from '../search/service.ts';
import type { DilemmaInput } from './forms.ts';
import {
  addAgendaPoint,
  addComment,
  agendaForMail,
  changeAgendaItem,
  type Dilemma,
  type DilemmasHold,
  dilemmaFor,
  dilemmaList,
  dilemmasHold,
  markDiscussed,
  placeOnAgenda,
  submitDilemma,
  writeFollowup,
} from './service.ts';

// The dilemmas through the service on both engines: who sees what, anonymity in search and notifications, the
// guard, the status moves with their audit rows, the agenda's order, and the follow-up among the materials.

const input = (over: Partial<DilemmaInput> = {}): DilemmaInput => ({
  kind: 'dilemma',
  title: 'Skæve måltal i afklaringen',
  situation: 'Vores afdeling har fået et måltal for hurtig afklaring af nye forløb.',
  dilemma: 'Skal vi følge måltallet eller give tid til den svære samtale?',
  tried: 'Ekstra tid til to forløb om måneden.',
  wanted: 'Erfaringer med at måle på det rigtige.',
  anonymous: true,
  ...over,
});

const LATER = new Date('2028-01-01T12:00:00.000Z');

describeEachDialect('dilemmas service', (getDb) => {
  let people: DilemmaPeople;
  const holds = {} as Record<Who, DilemmasHold | null>;
  const hold = (who: Who) => {
    const h = holds[who];
    if (!h) throw new Error(`${who} has no hold`);
    return h;
  };
  const reload = async (who: Who, now = TEST_NOW) => {
    holds[who] = await dilemmasHold(getDb().db, people.accounts[who], SLUG_2027, 'da', now);
    return holds[who];
  };
  let anonymous: Dilemma;
  let named: Dilemma;

  beforeAll(async () => {
    people = await makeDilemmaPeople(getDb());
    for (const who of Object.keys(people.accounts) as Who[]) await reload(who);
    const a = await submitDilemma(getDb().db, hold('author'), input(), false, 'da', TEST_NOW);
    if (a?.kind !== 'done') throw new Error('not submitted');
    anonymous = a.value;
    const b = await submitDilemma(
      getDb().db,
      hold('other'),
      input({
        title: 'Planer på tværs af afdelinger',
        anonymous: false,
        situation: 'To planer for samme forløb.',
      }),
      false,
      'da',
      TEST_NOW,
    );
    if (b?.kind !== 'done') throw new Error('not submitted');
    named = b.value;
  });

  const notifications = (accountId: string) =>
    getDb()
      .db.selectFrom('notification')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('kind', '=', 'dilemmas')
      .execute();
  const audits = (entityId: string) =>
    getDb()
      .db.selectFrom('audit')
      .select(['action', 'before_json', 'after_json'])
      .where('entity_id', '=', entityId)
      .orderBy('at')
      .execute();
  const sees = async (who: Who, d: Dilemma) => {
    const h = holds[who];
    return h ? (await dilemmaFor(getDb().db, h, d.id)) !== null : false;
  };

  describe('putting forward', () => {
    it('only a participant may; the audit row keeps no text; the facilitator is told without the name', async () => {
      expect(await submitDilemma(getDb().db, hold('expert'), input(), false, 'da', TEST_NOW)).toBeNull();
      expect(await submitDilemma(getDb().db, hold('facilitator'), input(), false, 'da', TEST_NOW)).toBeNull();
      const rows = await audits(anonymous.id);
      expect(rows.map((r) => r.action)).toEqual(['dilemma.submit']);
      expect(JSON.stringify(rows)).not.toContain('måltal');
      expect(JSON.stringify(rows)).not.toContain('Skæve');
      const told = await notifications(people.accounts.facilitator.id);
      const aboutAnonymous = told.find((n) => n.dedup_key === `dilemma:${anonymous.id}`);
      expect(aboutAnonymous?.text_da).toContain('En deltager');
      expect(aboutAnonymous?.text_en).toContain('A participant');
      const authorName = people.accounts.author.name;
      for (const n of told) expect(JSON.stringify(n)).not.toContain(authorName);
      const aboutNamed = told.find((n) => n.dedup_key === `dilemma:${named.id}`);
      expect(aboutNamed?.text_da).toContain(people.accounts.other.name);
      // Nobody else is told of a new dilemma.
      expect(await notifications(people.accounts.other.id)).toEqual([]);
    });

    it('refuses a CPR number and stores nothing; a sensitive word near a name needs the tick', async () => {
      const before = await dilemmaList(getDb().db, hold('author'), null);
      const refused = await submitDilemma(
        getDb().db,
        hold('author'),
        input({ situation: 'Borgeren med CPR 010190-1234 har ringet.' }),
        true,
        'da',
        TEST_NOW,
      );
      expect(refused?.kind).toBe('refused');
      if (refused?.kind === 'refused') expect(Object.keys(refused.check.errors)).toEqual(['situation']);
      const warned = await submitDilemma(
        getDb().db,
        hold('author'),
        input({ dilemma: 'Jens Hansen har fået diagnosen skizofreni.' }),
        false,
        'da',
        TEST_NOW,
      );
      expect(warned?.kind).toBe('refused');
      if (warned?.kind === 'refused') expect(Object.keys(warned.check.warnings)).toEqual(['dilemma']);
      const after = await dilemmaList(getDb().db, hold('author'), null);
      expect(after?.items.length).toBe(before?.items.length);
    });
  });

  describe('who sees it', () => {
    it('unplaced: participants, the facilitator, organisers; no expert, substitute or outsider', async () => {
      const expected: Record<Who, boolean> = {
        author: true,
        other: true,
        facilitator: true,
        organiser: true,
        expert: false,
        otherExpert: false,
        substitute: false,
        otherSeries: false,
        waitlisted: false,
        stranger: false,
      };
      for (const who of Object.keys(expected) as Who[])
        expect(await sees(who, anonymous), who).toBe(expected[who]);
      expect(holds.stranger).toBeNull();
      expect(holds.otherSeries).toBeNull();
    });

    it('placed on session 2: its expert too, not the expert of session 1 nor the substitute', async () => {
      const placed = await placeOnAgenda(
        getDb().db,
        hold('facilitator'),
        { dilemmaId: anonymous.id, sessionId: people.sessions[1] as string },
        TEST_NOW,
      );
      expect(placed).toBe('done');
      expect(await sees('expert', anonymous)).toBe(true);
      expect(await sees('otherExpert', anonymous)).toBe(false);
      expect(await sees('substitute', anonymous)).toBe(false);
      const list = await dilemmaList(getDb().db, hold('expert'), null);
      expect(list?.items.map((d) => d.id)).toEqual([anonymous.id]);
      // The expert of session 1 lists only the demo's two on that session.
      const other = await dilemmaList(getDb().db, hold('otherExpert'), null);
      expect(other?.items.map((d) => d.id)).not.toContain(anonymous.id);
      expect(other?.items.every((d) => d.sessionId === people.sessions[0])).toBe(true);
      anonymous = (await dilemmaFor(getDb().db, hold('facilitator'), anonymous.id)) as Dilemma;
      expect(await dilemmaList(getDb().db, hold('substitute'), null)).toBeNull();
    });
  });

  describe('search', () => {
    const find = async (who: Who, query: string) => {
      const page = await searchPage(
        getDb().db,
        people.accounts[who],
        { query, hold: null, page: 1 },
        'da',
        TEST_NOW,
      );
      // The hits on this test's two dilemmas (the demo's are in the index too).
      return (page?.hits ?? []).filter((h) => h.sourceId === anonymous.id || h.sourceId === named.id);
    };

    it('a participant finds a dilemma by its words; the placed session’s expert too', async () => {
      expect((await find('other', 'måltallet')).map((h) => h.sourceId)).toContain(anonymous.id);
      expect((await find('expert', 'måltallet')).map((h) => h.sourceId)).toContain(anonymous.id);
      expect((await find('facilitator', 'måltallet')).map((h) => h.sourceId)).toContain(anonymous.id);
      expect((await find('organiser', 'måltallet')).map((h) => h.sourceId)).toContain(anonymous.id);
    });

    it('another series’ member, another session’s expert and a substitute do not', async () => {
      for (const who of ['otherSeries', 'otherExpert', 'substitute', 'waitlisted', 'stranger'] as const)
        expect(await find(who, 'måltallet'), who).toEqual([]);
    });

    it('searching the anonymous author’s name finds nothing, for anyone; hits and snippets never carry it', async () => {
      const name = people.accounts.author.name;
      for (const word of name.split(' ')) {
        for (const who of ['other', 'facilitator', 'organiser', 'author'] as const)
          expect(
            (await find(who, word)).map((h) => h.sourceId),
            `${who} ${word}`,
          ).not.toContain(anonymous.id);
      }
      const hits = await find('other', 'måltallet');
      const hit = hits.find((h) => h.sourceId === anonymous.id);
      expect(hit?.authorName).toBe('');
      expect(JSON.stringify(hits)).not.toContain(name);
      // The named one carries its author's name.
      const namedHit = (await find('author', 'planer')).find((h) => h.sourceId === named.id);
      expect(namedHit?.authorName).toBe(people.accounts.other.name);
    });
  });

  describe('comments', () => {
    it('the anonymous author comments anonymously; others named; each told, never the commenter', async () => {
      const c1 = await addComment(
        getDb().db,
        hold('other'),
        anonymous,
        { body: 'Vi har samme udfordring.', anonymous: true },
        false,
        'da',
        TEST_NOW,
      );
      expect(c1?.kind === 'done' && c1.value.anonymous).toBe(false);
      const c2 = await addComment(
        getDb().db,
        hold('author'),
        anonymous,
        { body: 'Tak, hvordan gjorde I?', anonymous: true },
        false,
        'da',
        TEST_NOW,
      );
      expect(c2?.kind === 'done' && c2.value.anonymous).toBe(true);
      const c3 = await addComment(
        getDb().db,
        hold('expert'),
        anonymous,
        { body: 'Forskningen peger på små forsøg.', anonymous: false },
        false,
        'da',
        TEST_NOW,
      );
      expect(c3?.kind).toBe('done');
      expect(
        await addComment(
          getDb().db,
          hold('otherExpert'),
          anonymous,
          { body: 'x', anonymous: false },
          false,
          'da',
          TEST_NOW,
        ),
      ).toBeNull();
      const authorName = people.accounts.author.name;
      // The other participant: told of the author's comment ("En deltager") and the expert's.
      const toOther = await notifications(people.accounts.other.id);
      expect(toOther.length).toBe(2);
      for (const n of toOther) expect(JSON.stringify(n)).not.toContain(authorName);
      expect(toOther.some((n) => n.text_da.startsWith('En deltager'))).toBe(true);
      // The author: told of the other's and the expert's comment, not of their own.
      const toAuthor = await notifications(people.accounts.author.id);
      expect(toAuthor.map((n) => n.dedup_key).sort()).toEqual(
        [c1, c3].map((c) => (c?.kind === 'done' ? `dilemma-comment:${c.value.id}` : '')).sort(),
      );
      // The expert was not a commenter before their comment and is not the author: nothing.
      expect(await notifications(people.accounts.expert.id)).toEqual([]);
      const rows = await audits(anonymous.id);
      expect(rows.filter((r) => r.action === 'dilemma.comment').length).toBe(3);
      expect(JSON.stringify(rows)).not.toContain('udfordring');
    });

    it('a comment passes the guard before anything is stored', async () => {
      const refused = await addComment(
        getDb().db,
        hold('other'),
        anonymous,
        { body: 'Ring til borgeren, cpr 2512891234.', anonymous: false },
        false,
        'da',
        TEST_NOW,
      );
      expect(refused?.kind).toBe('refused');
      const count = await getDb()
        .db.selectFrom('dilemma_comment')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('dilemma_id', '=', anonymous.id)
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(3);
    });
  });

  describe('the agenda, discussed, the follow-up', () => {
    it('keeps points in order, moves them up and down, removes one, and lists them for the reminder', async () => {
      const session = people.sessions[1] as string;
      const f = hold('facilitator');
      expect(await addAgendaPoint(getDb().db, f, { sessionId: session, text: 'Velkomst' }, TEST_NOW)).toBe(
        'done',
      );
      expect(await placeOnAgenda(getDb().db, f, { dilemmaId: named.id, sessionId: session }, TEST_NOW)).toBe(
        'done',
      );
      expect(
        await addAgendaPoint(getDb().db, hold('other'), { sessionId: session, text: 'x' }, TEST_NOW),
      ).toBe('refused');
      let lines = await agendaForMail(getDb().db, session, 'da');
      expect(lines).toEqual([
        'Dagsorden:',
        `1. Dilemma: ${anonymous.title}`,
        '2. Velkomst',
        `3. Dilemma: ${named.title}`,
      ]);
      const items = await getDb()
        .db.selectFrom('agenda_item')
        .select(['id', 'text'])
        .where('session_id', '=', session)
        .orderBy('position')
        .execute();
      const welcome = items.find((i) => i.text === 'Velkomst')?.id as string;
      expect(
        await changeAgendaItem(getDb().db, f, { sessionId: session, itemId: welcome, move: 'up' }, TEST_NOW),
      ).toBe('done');
      lines = await agendaForMail(getDb().db, session, 'en');
      expect(lines).toEqual([
        'Agenda:',
        '1. Velkomst',
        `2. Dilemma: ${anonymous.title}`,
        `3. Dilemma: ${named.title}`,
      ]);
      // No mail line names an author.
      expect(lines.join('\n')).not.toContain(people.accounts.author.name);
      const removable = (
        await getDb()
          .db.selectFrom('agenda_item')
          .select('id')
          .where('dilemma_id', '=', named.id)
          .executeTakeFirstOrThrow()
      ).id;
      expect(
        await changeAgendaItem(
          getDb().db,
          f,
          { sessionId: session, itemId: removable, move: 'remove' },
          TEST_NOW,
        ),
      ).toBe('done');
      expect((await dilemmaFor(getDb().db, f, named.id))?.status).toBe('new');
      expect((await audits(named.id)).map((r) => r.action).sort()).toEqual([
        'dilemma.agenda',
        'dilemma.agenda',
        'dilemma.submit',
      ]);
      expect(await agendaForMail(getDb().db, people.sessions[3] as string, 'da')).toEqual([]);
    });

    it('Mit hold shows every session’s agenda: the titles to members, “a dilemma” to another session’s expert', async () => {
      const session = people.sessions[1] as string;
      const lines = async (who: Who) =>
        (await holdHome(getDb().db, people.accounts[who], SLUG_2027, 'da', TEST_NOW))?.dilemmas?.agendas.get(
          session,
        );
      expect((await lines('other'))?.map((l) => l.text)).toEqual(['Velkomst', anonymous.title]);
      expect((await lines('substitute'))?.map((l) => l.text)).toEqual(['Velkomst', anonymous.title]);
      expect((await lines('substitute'))?.some((l) => l.dilemmaId !== null)).toBe(false);
      expect((await lines('otherExpert'))?.map((l) => l.text)).toEqual(['Velkomst', null]);
      expect((await lines('expert'))?.find((l) => l.kind === 'dilemma')?.dilemmaId).toBe(anonymous.id);
    });

    it('discussed only after the session has begun; then the follow-up joins the session’s materials', async () => {
      const session = people.sessions[1] as string;
      expect(await markDiscussed(getDb().db, hold('facilitator'), anonymous.id, TEST_NOW)).toBe('refused');
      const f = await reload('facilitator', LATER);
      const o = await reload('other', LATER);
      if (!f || !o) throw new Error('no hold');
      expect(await markDiscussed(getDb().db, o, anonymous.id, LATER)).toBe('refused');
      expect(await markDiscussed(getDb().db, f, anonymous.id, LATER)).toBe('done');
      expect(await markDiscussed(getDb().db, f, anonymous.id, LATER)).toBe('refused');
      expect(
        (
          await writeFollowup(
            getDb().db,
            hold('facilitator'),
            session,
            { title: 'x', body: 'y', dilemmaIds: [] },
            false,
            'da',
            TEST_NOW,
          )
        )?.kind,
      ).toBe('not-yet');
      expect(
        await writeFollowup(
          getDb().db,
          o,
          session,
          { title: 'x', body: 'y', dilemmaIds: [] },
          false,
          'da',
          LATER,
        ),
      ).toBeNull();
      const refused = await writeFollowup(
        getDb().db,
        f,
        session,
        { title: 'Opsamling', body: 'Borgeren 010190-1234 blev nævnt.', dilemmaIds: [anonymous.id] },
        false,
        'da',
        LATER,
      );
      expect(refused?.kind).toBe('refused');
      const done = await writeFollowup(
        getDb().db,
        f,
        session,
        {
          title: 'Opsamling efter session 1',
          body: 'Små forsøg, synlige for forvaltningen.',
          dilemmaIds: [anonymous.id, named.id],
        },
        false,
        'da',
        LATER,
      );
      if (done?.kind !== 'done') throw new Error(`follow-up: ${done?.kind}`);
      const material = await getDb()
        .db.selectFrom('material')
        .selectAll()
        .where('id', '=', done.materialId)
        .executeTakeFirstOrThrow();
      expect(material).toMatchObject({
        kind: 'note',
        phase: 'after',
        session_id: session,
        title: 'Opsamling efter session 1',
      });
      expect(material.body_md).toContain(`/mit-hold/${SLUG_2027}/dilemmaer/${anonymous.id}`);
      // Only discussed dilemmas of the session are taken up; the named one (new) is not linked.
      expect(material.body_md).not.toContain(named.id);
      expect(material.body_md).not.toContain(people.accounts.author.name);
      const followup = await getDb()
        .db.selectFrom('dilemma_followup')
        .selectAll()
        .where('id', '=', done.followupId)
        .executeTakeFirstOrThrow();
      expect(followup.material_id).toBe(done.materialId);
      const after = await dilemmaFor(getDb().db, f, anonymous.id);
      expect(after?.status).toBe('followed_up');
      expect(after?.followupId).toBe(done.followupId);
      expect((await dilemmaFor(getDb().db, f, named.id))?.status).toBe('new');
      // In time order; the first five share one instant (their order among themselves is the engine's).
      const actions = (await audits(anonymous.id)).map((r) => r.action);
      expect(actions.slice(0, 5).sort()).toEqual([
        'dilemma.agenda',
        'dilemma.comment',
        'dilemma.comment',
        'dilemma.comment',
        'dilemma.submit',
      ]);
      expect(actions.slice(5)).toEqual(['dilemma.discussed', 'dilemma.followed_up']);
      // A followed-up dilemma moves no further.
      expect(await placeOnAgenda(getDb().db, f, { dilemmaId: anonymous.id, sessionId: session }, LATER)).toBe(
        'refused',
      );
    });
  });

  describe('the list', () => {
    it('is paged newest first by a cursor, each page bounded', async () => {
      // The two of this test (same instant: by id, descending) come before the demo's (an hour older and more).
      const page = await dilemmaList(getDb().db, hold('other'), null);
      const mine = [named.id, anonymous.id].sort().reverse();
      expect(page?.items.map((d) => d.id).slice(0, 2)).toEqual(mine);
      expect(page?.items.length).toBe(4);
      expect(page?.next).toBeNull();
      const rest = await dilemmaList(getDb().db, hold('other'), {
        createdAt: named.createdAt,
        id: mine[0] as string,
      });
      expect(rest?.items.map((d) => d.id)[0]).toBe(mine[1]);
      expect(rest?.items.length).toBe(3);
    });
  });
});
