import { expect, it } from 'vitest';
import { DEMO_SEEDED_AT, describeEachDialect } from '../../../test/db.ts';
import { SLUG_2021, SLUG_2027, seriesIdOf } from '../../../test/fixtures.ts';
import { seedDemoDilemmas } from './demo.ts';
import { agendaForMail } from './service.ts';

// The demo's dilemmas, seeded with the rest of the demo into every demo test database.

describeEachDialect('dilemmas demo', (getDb) => {
  it('puts two dilemmas (one anonymous) on the agenda of the 2027 hold’s first session, among other points', async () => {
    const db = getDb().db;
    const seriesId = await seriesIdOf(db, SLUG_2027);
    const first = await db
      .selectFrom('session')
      .select('id')
      .where('series_id', '=', seriesId)
      .orderBy('ordinal')
      .executeTakeFirstOrThrow();
    const rows = await db.selectFrom('dilemma').selectAll().where('series_id', '=', seriesId).execute();
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.anonymous).sort()).toEqual([0, 1]);
    expect(rows.every((r) => r.session_id === first.id && r.status === 'agenda')).toBe(true);
    const lines = await agendaForMail(db, first.id, 'da');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe('Dagsorden:');
    expect(lines.filter((l) => l.includes('Dilemma: '))).toHaveLength(2);
    // The anonymous one's search entry carries no name.
    const anonymous = rows.find((r) => r.anonymous === 1);
    const entry = await db
      .selectFrom('search_entry')
      .select(['author_name', 'audience'])
      .where('source', '=', 'dilemma')
      .where('source_id', '=', anonymous?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(entry.author_name).toBe('');
    expect(entry.audience.split(' ')).toHaveLength(4);
  });

  it('has a follow-up after the 2021 hold among its last session’s materials, and seeds nothing twice', async () => {
    const db = getDb().db;
    const seriesId = await seriesIdOf(db, SLUG_2021);
    const followup = await db
      .selectFrom('dilemma_followup')
      .selectAll()
      .where('series_id', '=', seriesId)
      .executeTakeFirstOrThrow();
    const material = await db
      .selectFrom('material')
      .selectAll()
      .where('id', '=', followup.material_id)
      .executeTakeFirstOrThrow();
    expect(material).toMatchObject({ kind: 'note', phase: 'after', session_id: followup.session_id });
    const dilemma = await db
      .selectFrom('dilemma')
      .selectAll()
      .where('followup_id', '=', followup.id)
      .executeTakeFirstOrThrow();
    expect(dilemma.status).toBe('followed_up');
    expect(material.body_md).toContain(`/mit-hold/${SLUG_2021}/dilemmaer/${dilemma.id}`);
    expect(await seedDemoDilemmas(db, DEMO_SEEDED_AT)).toBe(false);
    expect(await db.selectFrom('dilemma').select('id').execute()).toHaveLength(3);
  });
});
