import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect, TEST_NOW } from '../../../test/db.ts';
import { SLUG_2027, seriesIdOf, sessionIdsOf } from '../../../test/fixtures.ts';
import { materialFields } from '../../../test/materials.ts';
import { registrationTestDeps } from '../../../test/registration.ts';
import { ensureAccount } from '../auth/service.ts';
import type { Membership } from '../people/service.ts';
import { copySeriesAction } from '../programme/series-actions.ts';
import { seriesForEditing } from '../series/service.ts';
import type { MaterialFields } from './forms.ts';
import {
  addMaterial,
  copyReusedMaterials,
  deleteMaterial,
  editMaterial,
  hideMaterial,
  holdTimeline,
  type MaterialActor,
  type MaterialsHold,
  markReuse,
  materialFor,
  showMaterial,
} from './service.ts';

// The materials service on both engines: every write audited in its transaction, soft deletes, hiding,
// reuse and the series copy, and the timeline with "new since your last visit".

const later = (minutes: number) => new Date(TEST_NOW.getTime() + minutes * 60_000);

function member(seriesId: string, roles: Membership['roles'], extra: Partial<Membership> = {}): Membership {
  return {
    seriesId,
    seriesSlug: SLUG_2027,
    roles,
    expertSessionIds: [],
    substituteSessionIds: [],
    registration: null,
    ...extra,
  };
}

const note = (over: Partial<MaterialFields> = {}): MaterialFields =>
  materialFields({
    title: 'Gribning i samtaler',
    description: 'Et kort oplæg',
    bodyMd: '# Hvad er gribning?\n\nAt gribe det, borgeren siger.',
    ...over,
  });

describeEachDialect('materials service', (getDb) => {
  let seriesId: string;
  let sessionIds: string[];
  let organiser: MaterialActor;
  let participant: MaterialActor;
  const hold = () => ({ seriesId, slug: SLUG_2027 });
  const holdFor = (membership: Membership, accountId: string): MaterialsHold => ({
    ...hold(),
    title: 'x',
    membership,
    accountId,
    sessions: [],
  });
  const audits = (entityId: string) =>
    getDb()
      .db.selectFrom('audit')
      .select(['action', 'actor_label', 'before_json', 'after_json'])
      .where('entity', '=', 'material')
      .where('entity_id', '=', entityId)
      .orderBy('at')
      .orderBy('action')
      .execute();

  beforeAll(async () => {
    const db = getDb().db;
    seriesId = await seriesIdOf(db, SLUG_2027);
    sessionIds = await sessionIdsOf(db, seriesId);
    const make = async (email: string, name: string): Promise<MaterialActor> => ({
      accountId: await ensureAccount(db, { email, name, role: 'participant' }, TEST_NOW),
      name,
      label: email,
    });
    organiser = await make('org.materials@example.dk', 'Olga Organiser');
    participant = await make('deltager.materials@example.dk', 'Pia Deltager');
  });

  it('adds a material with its audit row in the same transaction', async () => {
    const added = await addMaterial(
      getDb().db,
      { hold: hold(), fields: note({ sessionId: sessionIds[0] ?? null }), shared: false },
      organiser,
      TEST_NOW,
    );
    expect(added).toMatchObject({
      seriesId,
      sessionId: sessionIds[0],
      kind: 'note',
      title: 'Gribning i samtaler',
      addedBy: organiser.accountId,
      addedByName: 'Olga Organiser',
      shared: false,
      reuse: false,
      hidden: false,
      createdAt: TEST_NOW.toISOString(),
    });
    const rows = await audits(added.id);
    expect(rows.map((r) => r.action)).toEqual(['material.create']);
    expect(rows[0]?.actor_label).toBe('org.materials@example.dk');
    expect(JSON.parse(rows[0]?.after_json ?? '{}')).toMatchObject({
      title: 'Gribning i samtaler',
      kind: 'note',
    });
  });

  it('edits with the before and after audited; the kind stays', async () => {
    const added = await addMaterial(
      getDb().db,
      { hold: hold(), fields: note(), shared: false },
      organiser,
      TEST_NOW,
    );
    const saved = await editMaterial(
      getDb().db,
      {
        id: added.id,
        slug: SLUG_2027,
        fields: note({ title: 'Ny titel', kind: 'video', phase: 'after' }),
        upload: null,
      },
      organiser,
      later(1),
    );
    expect(saved).toMatchObject({
      title: 'Ny titel',
      kind: 'note',
      phase: 'after',
      updatedAt: later(1).toISOString(),
    });
    const update = (await audits(added.id)).find((r) => r.action === 'material.update');
    expect(JSON.parse(update?.before_json ?? '{}').title).toBe('Gribning i samtaler');
    expect(JSON.parse(update?.after_json ?? '{}').title).toBe('Ny titel');
  });

  it('deletes softly: the row stays, marked; nobody sees it; a second delete finds nothing', async () => {
    const db = getDb().db;
    const added = await addMaterial(db, { hold: hold(), fields: note(), shared: false }, organiser, TEST_NOW);
    expect(await deleteMaterial(db, { id: added.id, slug: SLUG_2027 }, organiser, later(2))).toBe(true);
    const row = await db
      .selectFrom('material')
      .selectAll()
      .where('id', '=', added.id)
      .executeTakeFirstOrThrow();
    expect(row.deleted_at).toBe(later(2).toISOString());
    expect(row.deleted_by).toBe(organiser.accountId);
    const staff = holdFor(member(seriesId, ['organiser']), organiser.accountId);
    expect(await materialFor(db, staff, added.id)).toBeNull();
    expect(await deleteMaterial(db, { id: added.id, slug: SLUG_2027 }, organiser, later(3))).toBe(false);
    expect(
      await editMaterial(
        db,
        { id: added.id, slug: SLUG_2027, fields: note(), upload: null },
        organiser,
        later(3),
      ),
    ).toBeNull();
    const actions = (await audits(added.id)).map((r) => r.action);
    expect(actions).toEqual(['material.create', 'material.delete']);
  });

  it('hides what a participant shared from the others, not from staff or the one who shared it', async () => {
    const db = getDb().db;
    const shared = await addMaterial(
      db,
      {
        hold: hold(),
        fields: note({
          kind: 'article',
          url: 'https://example.dk/artikel',
          bodyMd: '',
          sessionId: sessionIds[1] ?? null,
        }),
        shared: true,
      },
      participant,
      TEST_NOW,
    );
    expect(shared.shared).toBe(true);
    expect(await hideMaterial(db, { id: shared.id, slug: SLUG_2027 }, organiser, later(1))).toBe(true);
    const other = holdFor(member(seriesId, ['participant']), 'someone-else');
    const own = holdFor(member(seriesId, ['participant']), participant.accountId);
    const staff = holdFor(member(seriesId, ['facilitator']), organiser.accountId);
    expect(await materialFor(db, other, shared.id)).toBeNull();
    expect((await materialFor(db, own, shared.id))?.hidden).toBe(true);
    expect((await materialFor(db, staff, shared.id))?.hidden).toBe(true);
    expect(await showMaterial(db, { id: shared.id, slug: SLUG_2027 }, organiser, later(2))).toBe(true);
    expect((await materialFor(db, other, shared.id))?.hidden).toBe(false);
    const rows = await audits(shared.id);
    expect(rows.map((r) => r.action)).toEqual(['material.create', 'material.hide', 'material.show']);
    expect(JSON.parse(rows[1]?.after_json ?? '{}').hidden_at).toBe(later(1).toISOString());
  });

  describe('the timeline', () => {
    it('sorts per session and phase, newest first; the series’ own apart; a substitute sees only theirs', async () => {
      const db = getDb().db;
      const [s1, s2] = sessionIds;
      const at = (n: number) => new Date(TEST_NOW.getTime() - (100 - n) * 3600_000);
      const titles = ['t-s1-before-old', 't-s1-before-new', 't-s1-after', 't-s2-before', 't-series'];
      const places = [
        { sessionId: s1, phase: 'before', at: at(1) },
        { sessionId: s1, phase: 'before', at: at(2) },
        { sessionId: s1, phase: 'after', at: at(3) },
        { sessionId: s2, phase: 'before', at: at(4) },
        { sessionId: null, phase: 'before', at: at(5) },
      ] as const;
      for (const [i, p] of places.entries()) {
        await addMaterial(
          db,
          {
            hold: hold(),
            fields: note({ title: titles[i], sessionId: p.sessionId ?? null, phase: p.phase }),
            shared: false,
          },
          organiser,
          p.at,
        );
      }
      const pick = (items: { title: string }[]) =>
        items.map((i) => i.title).filter((t) => t.startsWith('t-'));
      const everyone = await holdTimeline(
        db,
        { seriesId, membership: member(seriesId, ['participant']), accountId: 'p-timeline', sessionIds },
        TEST_NOW,
      );
      expect(pick(everyone.sessions.get(s1 ?? '')?.before ?? [])).toEqual([
        't-s1-before-new',
        't-s1-before-old',
      ]);
      expect(pick(everyone.sessions.get(s1 ?? '')?.after ?? [])).toEqual(['t-s1-after']);
      expect(pick(everyone.sessions.get(s2 ?? '')?.before ?? [])).toEqual(['t-s2-before']);
      expect(pick(everyone.seriesWide?.before ?? [])).toEqual(['t-series']);
      expect(everyone.addTo.seriesWide).toBe(true);

      const substitute = await holdTimeline(
        db,
        {
          seriesId,
          membership: member(seriesId, ['substitute'], { substituteSessionIds: [s1 ?? ''] }),
          accountId: 'sub-timeline',
          sessionIds: [s1 ?? ''],
        },
        TEST_NOW,
      );
      expect(substitute.seriesWide).toBeNull();
      expect([...substitute.sessions.keys()]).toEqual([s1]);
      expect(pick(substitute.sessions.get(s1 ?? '')?.before ?? [])).toEqual([
        't-s1-before-new',
        't-s1-before-old',
      ]);
      expect(substitute.addTo).toEqual({ sessionIds: new Set([s1]), seriesWide: false });
    });

    it('marks what others added since the previous visit, once', async () => {
      const db = getDb().db;
      const me = 'visitor-account';
      const input = { seriesId, membership: member(seriesId, ['participant']), accountId: me, sessionIds };
      const first = await holdTimeline(db, input, later(10));
      expect(first.newCount).toBe(0);
      const fresh = await addMaterial(
        db,
        {
          hold: hold(),
          fields: note({ title: 'Frisk', sessionId: sessionIds[2] ?? null, phase: 'after' }),
          shared: false,
        },
        organiser,
        later(11),
      );
      const second = await holdTimeline(db, input, later(12));
      expect(second.newCount).toBe(1);
      expect(second.sessions.get(sessionIds[2] ?? '')?.after.find((m) => m.id === fresh.id)?.isNew).toBe(
        true,
      );
      const third = await holdTimeline(db, input, later(13));
      expect(third.newCount).toBe(0);
      const visit = await db
        .selectFrom('material_visit')
        .select('seen_at')
        .where('account_id', '=', me)
        .executeTakeFirstOrThrow();
      expect(visit.seen_at).toBe(later(13).toISOString());
    });
    it('lists the newest 20 of a place and phase, says there are more, and lists all when asked', async () => {
      const db = getDb().db;
      const s4 = sessionIds[3] ?? '';
      for (let i = 0; i < 25; i++) {
        await addMaterial(
          db,
          {
            hold: hold(),
            fields: note({ title: `mange-${String(i).padStart(2, '0')}`, sessionId: s4, phase: 'after' }),
            shared: false,
          },
          organiser,
          new Date(TEST_NOW.getTime() - (30 - i) * 60_000),
        );
      }
      const input = {
        seriesId,
        membership: member(seriesId, ['participant']),
        accountId: 'many',
        sessionIds,
      };
      const some = await holdTimeline(db, input, TEST_NOW);
      const after = some.sessions.get(s4)?.after ?? [];
      expect(after.length).toBe(20);
      expect(after[0]?.title).toBe('mange-24');
      expect(some.sessions.get(s4)?.more).toEqual({ before: false, after: true });
      const all = await holdTimeline(db, { ...input, all: true }, TEST_NOW);
      expect(all.sessions.get(s4)?.after.length).toBe(25);
      expect(all.sessions.get(s4)?.after.at(-1)?.title).toBe('mange-00');
    });
  });

  describe('reuse and the series copy', () => {
    it('takes the reuse-marked materials along to the copied sessions, not the hidden or deleted ones', async () => {
      const db = getDb().db;
      const [s1, s2] = sessionIds;
      const add = (title: string, sessionId: string | null, shared = false) =>
        addMaterial(db, { hold: hold(), fields: note({ title, sessionId }), shared }, organiser, TEST_NOW);
      const keep = await add('Genbrug mig', s1 ?? null);
      const wide = await add('Genbrug hele rækken', null);
      const hidden = await add('Skjult genbrug', s2 ?? null, true);
      const gone = await add('Slettet genbrug', s2 ?? null);
      const unmarked = await add('Ikke markeret', s1 ?? null);
      for (const m of [keep, wide, hidden, gone]) {
        expect(await markReuse(db, { id: m.id, slug: SLUG_2027, reuse: true }, organiser, later(1))).toBe(
          true,
        );
      }
      await hideMaterial(db, { id: hidden.id, slug: SLUG_2027 }, organiser, later(2));
      await deleteMaterial(db, { id: gone.id, slug: SLUG_2027 }, organiser, later(2));
      expect((await audits(keep.id)).map((r) => r.action)).toEqual(['material.create', 'material.reuse']);

      const source = await seriesForEditing(db, SLUG_2027);
      if (!source) throw new Error('no 2027 hold');
      const outcome = await copySeriesAction(
        registrationTestDeps(getDb()).deps,
        seriesId,
        {
          slug: 'beskaeftigelsesfaglig-masterclass-2029',
          titleDa: source.titleDa,
          titleEn: source.titleEn,
          sessions: source.sessions.slice(0, 1).map((s) => ({
            sourceId: s.id,
            startsAt: s.startsAt.replace('2027', '2029'),
            endsAt: s.endsAt.replace('2027', '2029'),
          })),
          registrationOpensAt: '2028-12-01T08:00:00.000Z',
          registrationClosesAt: '2029-06-04T22:00:00.000Z',
        },
        { accountId: null, label: 'test' },
      );
      if (outcome.kind !== 'copied') throw new Error(outcome.kind);
      const copies = await db
        .selectFrom('material')
        .selectAll()
        .where('series_id', '=', outcome.seriesId)
        .where('copied_from', 'in', [keep.id, wide.id, hidden.id, gone.id, unmarked.id])
        .orderBy('title')
        .execute();
      expect(copies.map((c) => [c.title, c.copied_from, c.session_id, c.reuse])).toEqual([
        ['Genbrug hele rækken', wide.id, null, 1],
        ['Genbrug mig', keep.id, outcome.sessionIds.get(s1 ?? ''), 1],
      ]);
      expect(unmarked.reuse).toBe(false);
      const created = await db
        .selectFrom('audit')
        .select('action')
        .where(
          'entity_id',
          'in',
          copies.map((c) => c.id),
        )
        .execute();
      expect(created.map((c) => c.action)).toEqual(['material.create', 'material.create']);
    });

    it('puts a material whose session was not copied on the whole series', async () => {
      const db = getDb().db;
      const to = await seriesIdOf(db, 'beskaeftigelsesfaglig-masterclass-2021');
      const m = await addMaterial(
        db,
        {
          hold: hold(),
          fields: note({ title: 'Uden gang', sessionId: sessionIds[3] ?? null }),
          shared: false,
        },
        organiser,
        TEST_NOW,
      );
      await markReuse(db, { id: m.id, slug: SLUG_2027, reuse: true }, organiser, TEST_NOW);
      const n = await db
        .transaction()
        .execute((tx) =>
          copyReusedMaterials(
            tx,
            { fromSeriesId: seriesId, toSeriesId: to, sessionIds: new Map() },
            { accountId: null, label: 'test' },
            TEST_NOW,
          ),
        );
      expect(n).toBeGreaterThanOrEqual(3);
      const copy = await db
        .selectFrom('material')
        .selectAll()
        .where('copied_from', '=', m.id)
        .executeTakeFirstOrThrow();
      expect(copy.series_id).toBe(to);
      expect(copy.session_id).toBeNull();
    });
  });
});
