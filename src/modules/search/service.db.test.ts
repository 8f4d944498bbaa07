import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../../../test/db.ts';

import { scopeCoversIndex, searchQuery, tsqueryLiteral } from './queries.ts';
import {
  audience,
  indexDocument,
  removeDocument,
  type SearchDocument,
  type SearchScope,
  search,
} from './service.ts';

// The index on both engines: the Danish cases, phrases, ranking, scope, reindex and removal — and the
// SAME set of hits from SQLite (FTS5) and PostgreSQL (tsvector + GIN) for a list of queries over the same
// documents.

const SERIES_A = 'serie-a';
const SERIES_B = 'serie-b';
const CORPUS: [id: string, title: string, body: string][] = [
  ['d01', 'Borgerinddragelse i praksis', 'Hvordan kommunen arbejder med borgerinddragelse i jobcentret.'],
  ['d02', 'Notat om jobcentre', 'Jobcentrene i Region Hovedstaden samarbejder med virksomheder.'],
  ['d03', 'Jobcenter Aarhus', 'Et jobcenter med fokus på unge ledige.'],
  ['d04', 'Århus og Aalborg', 'Erfaringer fra to kommuner: Aarhus Kommune og Aalborg Kommune.'],
  ['d05', 'Positive afvigelser', 'Artiklen om positive afvigelser i socialt arbejde.'],
  ['d06', 'Afvigelser fra planen', 'Positive resultater, men også afvigelser.'],
  ['d07', 'Ledelse af medarbejdere', 'Lederne og medarbejderne i kommunerne.'],
  ['d08', 'Medarbejderen', 'En medarbejder fortæller om sin indsats.'],
  ['d09', 'Indsatsen for unge', 'Indsatser og indsatsen i 2027.'],
  ['d10', 'Virksomhederne', 'Virksomhed og virksomheder i samarbejde.'],
  ['d11', 'Rapport 2027', 'Tal for 2021 og 2027: 15 procent.'],
  ['d12', 'Sundhedscentret', 'Sundhedscentre og sundhedscenter i kommunen.'],
  ['d13', 'Grønne områder', 'Områderne ved søen, øer og åer.'],
  ['d14', 'Sårbare børn', 'Børnene og de sårbare familier.'],
  ['d15', 'Ungdomsuddannelse', 'Ungdomsuddannelsen for alle.'],
  ['d16', 'Mødet på Østerbro', 'Østerbro Lokaludvalg mødes.'],
  ['d17', 'Kaffe og kage', 'Intet om noget som helst.'],
  ['d18', 'Socialrådgiverens hverdag', 'Socialrådgivere fortæller.'],
  ['d19', 'Borgerne først', 'Borgeren i centrum af borgerinddragelsen.'],
  ['d20', 'Podcast om beskæftigelse', 'Beskæftigelsen stiger.'],
  ['d21', 'Dilemmaer i praksis', 'Et dilemma om tavshedspligt.'],
  ['d22', 'Netværket', 'Netværk og netværkene.'],
  ['d23', 'Frivillige', 'Frivillighed og frivilligheden.'],
  ['d24', 'Psykiatrien', 'Psykiatri og recovery.'],
  ['d25', 'Æblehaven', 'Æbler og æblekage fra haven.'],
  ['d26', 'Første gang', 'Det første møde.'],
  ['d27', 'Covid19 erfaringer', 'Under covid19 lukkede jobcentrene.'],
  ['d28', 'Lovgivning', 'Lov om aktiv beskæftigelsesindsats § 12.'],
  ['d29', 'Beskæftigelsesindsats', 'Beskæftigelsesindsatsen i jobcentret.'],
  ['d30', 'Samskabelse', 'Samskabelse med borgerne og civilsamfundet.'],
  ['d31', 'Sammen om velfærd', 'Velfærd skabes sammen.'],
  ['d32', 'Mål og resultater', 'Resultaterne var positive.'],
  ['d33', 'Faaborg', 'Faaborg og Fåborg er samme by.'],
  ['d34', 'Kommunalreformen', 'Reformen i 2007 ændrede kommunerne.'],
  ['d35', 'Tillid', 'Tillidsbaseret ledelse og tillid.'],
  ['d36', 'Borgerinddragelsen', 'Inddragelse af borgere.'],
  ['d37', 'Praktik', 'Praktikpladser i virksomhederne.'],
  ['d38', 'Værktøjer', 'Værktøjskassen til medarbejdere.\n\nEt andet afsnit om <script>alert(1)</script>.'],
  ['d39', 'Evaluering', 'Evalueringen viste positive afvigelser hos de unge.'],
  ['d40', 'Øvelser', 'Øvelse gør mester.'],
];

const doc = (i: number, [id, title, body]: (typeof CORPUS)[number]): SearchDocument => ({
  source: 'material',
  sourceId: id,
  seriesId: i % 2 === 0 ? SERIES_A : SERIES_B,
  sessionId: i % 4 === 0 ? 'a1' : null,
  kind: 'note',
  title,
  authorName: 'Test',
  path: `/x/${id}`,
  createdAt: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
  body,
});

const EVERYTHING: SearchScope = { seriesIds: [SERIES_A, SERIES_B], sessionIds: [] };

/** The queries, and the hits they must give (null: only that both engines agree). */
const QUERIES: [string, string[] | null][] = [
  ['borgerinddragelsen', ['d01', 'd19', 'd36']],
  ['borgerinddragelse', ['d01', 'd19', 'd36']],
  ['jobcentrene', ['d01', 'd02', 'd03', 'd27', 'd29']],
  ['jobcenter', ['d01', 'd02', 'd03', 'd27', 'd29']],
  ['Aarhus', ['d03', 'd04']],
  ['århus', ['d03', 'd04']],
  ['AALBORG', ['d04']],
  ['fåborg', ['d33']],
  ['"positive afvigelser"', ['d05', 'd39']],
  ['positive afvigelser', ['d05', 'd06', 'd39']],
  ['„positive afvigelser“ evaluering', ['d39']],
  ['2027', ['d09', 'd11']],
  ['2021 15', ['d11']],
  ['12', ['d28']],
  ['medarbejderne', ['d07', 'd08', 'd38']],
  ['indsatsen', ['d08', 'd09']],
  ['virksomhed', ['d02', 'd10', 'd37']],
  ['kommunerne', ['d01', 'd04', 'd07', 'd12', 'd34']],
  ['sundhedscenter', ['d12']],
  ['øer åer', ['d13']],
  ['børn', ['d14']],
  ['leder', ['d07', 'd35']],
  ['borger', ['d19', 'd30', 'd36']],
  ['ledige', ['d03']],
  ['samskabelse borgerne', ['d30']],
  ['"borgerne og civilsamfundet"', ['d30']],
  ['"civilsamfundet borgerne"', []],
  ['"gang det"', []],
  ['kaffe jobcenter', []],
  ['"praksis" dilemma', ['d21']],
  ['covid19', ['d27']],
  ['æblekage', ['d25']],
  ['script', ['d38']],
  ['!!!', []],
  ['', []],
  ['og', null],
  ['i praksis', null],
  ['frivillige', null],
  ['"positive" resultater', null],
  ['ungdomsuddannelsen', ['d15']],
  ['østerbro mødes', ['d16']],
  ['psykiatrien recovery', ['d24']],
  ['netværk', ['d22']],
  ['tillid', ['d35']],
  ['velfærd sammen', ['d31']],
  ['første', ['d19', 'd26']],
];

async function hitIds(db: TestDatabase, query: string, scope = EVERYTHING, seriesId?: string) {
  const result = await search(db.db, {
    query,
    scope,
    limit: 100,
    offset: 0,
    ...(seriesId ? { seriesId } : {}),
  });
  return result.hits.map((h) => h.sourceId);
}

describe('the same hits on SQLite and PostgreSQL', () => {
  let sqlite: TestDatabase;
  let postgres: TestDatabase;
  beforeAll(async () => {
    [sqlite, postgres] = await Promise.all([
      createTestDatabase('sqlite', { prepare: 'migrate' }),
      createTestDatabase('postgres', { prepare: 'migrate' }),
    ]);
    for (const database of [sqlite, postgres]) {
      await database.db.transaction().execute(async (tx) => {
        for (const [i, d] of CORPUS.entries()) await indexDocument(tx, doc(i, d));
      });
    }
  });
  afterAll(async () => {
    await Promise.all([sqlite?.destroy(), postgres?.destroy()]);
  });

  it.each(QUERIES)('%s', async (query, expected) => {
    const [a, b] = await Promise.all([hitIds(sqlite, query), hitIds(postgres, query)]);
    expect([...a].sort()).toEqual([...b].sort());
    if (expected) expect([...a].sort()).toEqual(expected);
  });

  it('agrees within one series and one substitute’s session too', async () => {
    for (const [query] of QUERIES) {
      for (const [scope, seriesId] of [
        [EVERYTHING, SERIES_B],
        [{ seriesIds: [], sessionIds: ['a1'] }, undefined],
      ] as [SearchScope, string | undefined][]) {
        const [a, b] = await Promise.all([
          hitIds(sqlite, query, scope, seriesId),
          hitIds(postgres, query, scope, seriesId),
        ]);
        expect([...a].sort(), query).toEqual([...b].sort());
      }
    }
  });
});

describeEachDialect(
  'search',
  (getDb, dialect) => {
    const put = (d: Partial<SearchDocument> & { sourceId: string }) =>
      indexDocument(getDb().db, {
        source: 'material',
        seriesId: 's1',
        sessionId: null,
        kind: 'note',
        title: 'Uden titel',
        authorName: 'Test',
        path: `/x/${d.sourceId}`,
        createdAt: '2026-02-01T10:00:00.000Z',
        body: '',
        ...d,
      });
    const ids = async (query: string, scope: SearchScope = { seriesIds: ['s1', 's2'], sessionIds: [] }) =>
      (await search(getDb().db, { query, scope, limit: 20, offset: 0 })).hits.map((h) => h.sourceId);

    beforeAll(async () => {
      await put({
        sourceId: 'body-old',
        body: 'Om mentorordninger i praksis.',
        createdAt: '2026-01-01T10:00:00.000Z',
      });
      await put({
        sourceId: 'body-new',
        body: 'Om mentorordninger i praksis.',
        createdAt: '2026-01-05T10:00:00.000Z',
      });
      await put({
        sourceId: 'title',
        title: 'Mentorordninger',
        body: 'Et notat.',
        createdAt: '2025-06-01T10:00:00.000Z',
      });
      await put({ sourceId: 'session-1', sessionId: 'sess-1', title: 'Supervision til gang 1' });
      await put({ sourceId: 'session-2', sessionId: 'sess-2', title: 'Supervision til gang 2' });
      await put({ sourceId: 'whole', title: 'Supervision for hele holdet' });
      await put({ sourceId: 'other', seriesId: 's9', title: 'Supervision på et andet hold' });
    });

    it('ranks a title match over a body match, then newer first', async () => {
      expect(await ids('mentorordningerne')).toEqual(['title', 'body-new', 'body-old']);
    });

    it('gives a substitute only their session, nobody without a scope anything, no one another series', async () => {
      expect(await ids('supervision', { seriesIds: [], sessionIds: ['sess-1'] })).toEqual(['session-1']);
      expect(await ids('supervision', { seriesIds: [], sessionIds: [] })).toEqual([]);
      expect((await ids('supervision')).sort()).toEqual(['session-1', 'session-2', 'whole']);
      expect(await ids('supervision', { seriesIds: ['s2'], sessionIds: ['sess-1'] })).toEqual(['session-1']);
    });

    it('searches a scope of many series that holds the whole index without its condition, and never past it', async () => {
      // s1, s2 and s9 hold every entry: an organiser's archive. Nine series (more than the scope condition is
      // kept for) with the three among them: the same hits as the three alone, and the MATCH has no scope.
      const many = ['s1', 's2', 's9', ...Array.from({ length: 6 }, (_, i) => `t${i}`)];
      expect((await ids('supervision', { seriesIds: many, sessionIds: [] })).sort()).toEqual([
        'other',
        'session-1',
        'session-2',
        'whole',
      ]);
      expect(await scopeCoversIndex(getDb().db, many)).toBe(true);
      // Without s9 the nine do not hold the index: its entry stays out, through the scope condition.
      const notS9 = many.map((id) => (id === 's9' ? 't9' : id));
      expect(await scopeCoversIndex(getDb().db, notS9)).toBe(false);
      expect((await ids('supervision', { seriesIds: notS9, sessionIds: [] })).sort()).toEqual([
        'session-1',
        'session-2',
        'whole',
      ]);
      const wide = searchQuery(
        getDb().db,
        { terms: [['supervision']], scope: { seriesIds: many, sessionIds: [] }, wholeIndex: true },
        { limit: 20, offset: 0 },
      ).compile(getDb().db);
      if (dialect === 'sqlite')
        expect(wide.parameters).toContain('{title_stems body_stems} : ("supervision")');
      else expect(wide.sql).not.toContain('series_id IN');
    });

    it('limits to one series, and pages with a count', async () => {
      const one = await search(getDb().db, {
        query: 'supervision',
        scope: { seriesIds: ['s1', 's9'], sessionIds: [] },
        seriesId: 's9',
        limit: 20,
        offset: 0,
      });
      expect(one.hits.map((h) => h.sourceId)).toEqual(['other']);
      const first = await search(getDb().db, {
        query: 'supervision',
        scope: { seriesIds: ['s1'], sessionIds: [] },
        limit: 2,
        offset: 0,
      });
      const second = await search(getDb().db, {
        query: 'supervision',
        scope: { seriesIds: ['s1'], sessionIds: [] },
        limit: 2,
        offset: 2,
      });
      expect(first.total).toBe(3);
      expect(second.total).toBe(3);
      expect([...first.hits, ...second.hits].map((h) => h.sourceId).sort()).toEqual([
        'session-1',
        'session-2',
        'whole',
      ]);
    });

    it('hands back the hit with its title and snippet marked', async () => {
      const { hits } = await search(getDb().db, {
        query: 'mentorordning',
        scope: { seriesIds: ['s1'], sessionIds: [] },
        limit: 1,
        offset: 0,
      });
      expect(hits[0]).toMatchObject({
        sourceId: 'title',
        path: '/x/title',
        kind: 'note',
        titleParts: [{ text: 'Mentorordninger', hit: true }],
        snippet: [{ text: 'Et notat.', hit: false }],
      });
    });

    it('replaces a document on reindex, and forgets a removed one', async () => {
      await put({ sourceId: 'changing', title: 'Kvalitetsmodellen' });
      expect(await ids('kvalitetsmodel')).toEqual(['changing']);
      await put({ sourceId: 'changing', title: 'Tilsynsrapporten', sessionId: 'sess-2' });
      expect(await ids('kvalitetsmodel')).toEqual([]);
      expect(await ids('tilsynsrapport', { seriesIds: [], sessionIds: ['sess-2'] })).toEqual(['changing']);
      await removeDocument(getDb().db, 'material', 'changing');
      expect(await ids('tilsynsrapport')).toEqual([]);
      const n = await getDb()
        .db.selectFrom('search_entry')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('source_id', '=', 'changing')
        .executeTakeFirst();
      expect(Number(n?.n)).toBe(0);
    });

    it('counts no further than 1000 and one', async () => {
      await getDb()
        .db.transaction()
        .execute(async (tx) => {
          for (let i = 0; i < 1005; i++) {
            await indexDocument(tx, {
              source: 'material',
              sourceId: `many-${i}`,
              seriesId: 's2',
              sessionId: null,
              kind: 'note',
              title: `Mange ${i}`,
              authorName: 'Test',
              path: '/x',
              createdAt: '2026-02-01T10:00:00.000Z',
              body: 'gentagelse',
            });
          }
        });
      const result = await search(getDb().db, {
        query: 'gentagelse',
        scope: { seriesIds: ['s2'], sessionIds: [] },
        limit: 20,
        offset: 0,
      });
      expect(result.hits).toHaveLength(20);
      expect(result.total).toBe(1001);
    });

    it('matches through the full-text index (FTS5 MATCH with the scope inside it; GIN with @@)', async () => {
      const filter = { terms: [['supervision']], scope: { seriesIds: ['s2'], sessionIds: [] } };
      const query = searchQuery(getDb().db, filter, { limit: 20, offset: 0 });
      if (dialect === 'sqlite') {
        const plan = await sql<{ detail: string }>`EXPLAIN QUERY PLAN ${query}`.execute(getDb().db);
        const steps = plan.rows.map((r) => r.detail).join(' | ');
        // Ranked inside the full-text index (a subquery of row ids and scores), the scope part of the MATCH
        // (scope_tokens); only the page's rows are then read, each by its id.
        expect(steps).toMatch(/^CO-ROUTINE hit \| SCAN search_fts VIRTUAL TABLE INDEX \d+:M/);
        expect(query.compile(getDb().db).parameters).toContain(
          'scope_tokens : ("zss2") AND {title_stems body_stems} : ("supervision")',
        );
        expect(steps).toContain('SEARCH e USING INTEGER PRIMARY KEY');
        expect(steps).not.toMatch(/SCAN e\b|SCAN search_entry/);
      } else {
        // The planner may rather start from the scope's indexes; without them, the match itself (the shape
        // searchQuery writes: the tsquery literal in a joined subquery) must be able to use the GIN index.
        expect(query.compile(getDb().db).sql).toContain('e.tsv @@ tq.q');
        const plan = await getDb()
          .db.transaction()
          .execute(async (tx) => {
            await sql`SET LOCAL enable_seqscan = off`.execute(tx);
            return sql<{ 'QUERY PLAN': string }>`EXPLAIN SELECT e.doc_no FROM search_entry e
              CROSS JOIN (SELECT ${tsqueryLiteral(filter.terms)}::tsquery AS q) tq WHERE e.tsv @@ tq.q`.execute(
              tx,
            );
          });
        expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('search_entry_tsv_idx');
      }
    });
  },
  { prepare: 'migrate' },
);

describe('documents with an audience: the same hits on SQLite and PostgreSQL', () => {
  // A dilemma-like document is for the series' participants, facilitator and organisers and one session's
  // expert; the series' scope alone (an expert of another session, a substitute) does not find it.
  const A = 'serie-a';
  const tokens = {
    participants: audience.participantsOf(A),
    facilitator: audience.facilitatorOf(A),
    organisers: audience.organisersOf(A),
    expertS1: audience.expertOf('sess-1'),
    expertS2: audience.expertOf('sess-2'),
    substituteS1: audience.substitutesOf('sess-1'),
  };
  const docs: SearchDocument[] = [
    {
      source: 'dilemma',
      sourceId: 'dil-1',
      seriesId: A,
      sessionId: 'sess-1',
      kind: 'dilemma',
      title: 'Måltal eller tid til samtalen',
      authorName: '',
      path: '/x/dil-1',
      createdAt: '2026-02-01T10:00:00.000Z',
      body: 'Jobcentrene måler på hurtig afklaring.',
      audience: [tokens.participants, tokens.facilitator, tokens.organisers, tokens.expertS1],
    },
    {
      source: 'dilemma',
      sourceId: 'dil-2',
      seriesId: A,
      sessionId: null,
      kind: 'dilemma',
      title: 'Samtalen på tværs',
      authorName: 'Karen',
      path: '/x/dil-2',
      createdAt: '2026-02-02T10:00:00.000Z',
      body: 'To planer for samme borger i jobcentret.',
      audience: [tokens.participants, tokens.facilitator, tokens.organisers],
    },
    {
      source: 'material',
      sourceId: 'mat-1',
      seriesId: A,
      sessionId: 'sess-1',
      kind: 'note',
      title: 'Samtalen i jobcentret',
      authorName: 'Leif',
      path: '/x/mat-1',
      createdAt: '2026-02-03T10:00:00.000Z',
      body: 'En note om samtaler.',
    },
  ];
  const scopes: [string, SearchScope, string[]][] = [
    [
      'a participant',
      { seriesIds: [A], sessionIds: [], audience: [tokens.participants] },
      ['dil-1', 'dil-2', 'mat-1'],
    ],
    [
      'the facilitator',
      { seriesIds: [A], sessionIds: [], audience: [tokens.facilitator] },
      ['dil-1', 'dil-2', 'mat-1'],
    ],
    [
      'the expert of session 1',
      { seriesIds: [A], sessionIds: [], audience: [tokens.expertS1] },
      ['dil-1', 'mat-1'],
    ],
    ['the expert of session 2', { seriesIds: [A], sessionIds: [], audience: [tokens.expertS2] }, ['mat-1']],
    [
      'a substitute of session 1',
      { seriesIds: [], sessionIds: ['sess-1'], audience: [tokens.substituteS1] },
      ['mat-1'],
    ],
    [
      'another series’ participant',
      { seriesIds: ['serie-b'], sessionIds: [], audience: [audience.participantsOf('serie-b')] },
      [],
    ],
    ['no audience tokens at all', { seriesIds: [A], sessionIds: [], audience: [] }, ['mat-1']],
  ];
  let sqlite: TestDatabase;
  let postgres: TestDatabase;
  beforeAll(async () => {
    [sqlite, postgres] = await Promise.all([
      createTestDatabase('sqlite', { prepare: 'migrate' }),
      createTestDatabase('postgres', { prepare: 'migrate' }),
    ]);
    for (const database of [sqlite, postgres])
      await database.db.transaction().execute(async (tx) => {
        for (const d of docs) await indexDocument(tx, d);
      });
  });
  afterAll(async () => {
    await Promise.all([sqlite?.destroy(), postgres?.destroy()]);
  });

  it.each(scopes)('%s', async (_who, scope, expected) => {
    for (const query of ['samtalen', 'jobcenter', '"samtalen på tværs"']) {
      const [a, b] = await Promise.all([hitIds(sqlite, query, scope), hitIds(postgres, query, scope)]);
      expect([...a].sort(), query).toEqual([...b].sort());
    }
    const [a, b] = await Promise.all([
      hitIds(sqlite, 'samtalen', scope),
      hitIds(postgres, 'samtalen', scope),
    ]);
    expect([...a].sort()).toEqual(expected);
    expect([...b].sort()).toEqual(expected);
    // Narrowed to its own series, the same; to another series, nothing of it.
    expect((await hitIds(sqlite, 'samtalen', scope, A)).sort()).toEqual(expected);
    expect((await hitIds(postgres, 'samtalen', scope, A)).sort()).toEqual(expected);
    expect(await hitIds(sqlite, 'samtalen', scope, 'serie-b')).toEqual([]);
    expect(await hitIds(postgres, 'samtalen', scope, 'serie-b')).toEqual([]);
  });

  it('a typed scope or audience token finds nothing', async () => {
    const scope: SearchScope = { seriesIds: [A], sessionIds: [], audience: [tokens.participants] };
    for (const db of [sqlite, postgres]) {
      expect(await hitIds(db, tokens.participants, scope)).toEqual([]);
      expect(await hitIds(db, 'zrserie', scope)).toEqual([]);
    }
  });

  it('a document taken out of the audience’s reach is re-indexed in place', async () => {
    for (const db of [sqlite, postgres]) {
      const first = docs[0] as SearchDocument;
      await indexDocument(db.db, {
        ...first,
        sessionId: 'sess-2',
        audience: [tokens.participants, tokens.expertS2],
      });
      expect(
        await hitIds(db, 'måltal', { seriesIds: [A], sessionIds: [], audience: [tokens.expertS1] }),
      ).toEqual([]);
      expect(
        await hitIds(db, 'måltal', { seriesIds: [A], sessionIds: [], audience: [tokens.expertS2] }),
      ).toEqual(['dil-1']);
      await indexDocument(db.db, first);
    }
  });
});
