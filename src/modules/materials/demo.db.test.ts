import { expect, it } from 'vitest';
import { DEMO_SEEDED_AT, describeEachDialect } from '../../../test/db.ts';
import { seedDemoMaterials } from './demo.ts';

// The demo's materials, as every test database that seeds the demo has them (test/db.ts seeds through the
// composition root's seedDemoAll): each session of both holds has materials on its theme, literature only
// what the source names, and seeding again adds nothing.

describeEachDialect('demo materials', (getDb) => {
  const materials = () =>
    getDb()
      .db.selectFrom('material')
      .innerJoin('series', 'series.id', 'material.series_id')
      .leftJoin('session', 'session.id', 'material.session_id')
      .select([
        'series.slug',
        'session.ordinal',
        'material.kind',
        'material.title',
        'material.phase',
        'material.reuse',
      ])
      .execute();

  it('gives each of the four sessions of both holds materials, and the series its own', async () => {
    const rows = await materials();
    for (const slug of ['beskaeftigelsesfaglig-masterclass-2021', 'beskaeftigelsesfaglig-masterclass-2027']) {
      const ofHold = rows.filter((r) => r.slug === slug);
      expect(new Set(ofHold.map((r) => r.ordinal))).toEqual(new Set([null, 1, 2, 3, 4]));
      for (const ordinal of [1, 2, 3, 4]) {
        expect(
          ofHold.filter((r) => r.ordinal === ordinal).length,
          `${slug} session ${ordinal}`,
        ).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it('cites as literature only what the source names', async () => {
    const literature = (await materials()).filter((r) => r.kind === 'literature').map((r) => r.title);
    expect(new Set(literature)).toEqual(
      new Set([
        'CUBB – Center for udvikling af borgerinddragende beskæftigelsesindsatser',
        'Beskæftigelses Indikator Projektet (BIP)',
        'Ph.d.-studie om organisatorisk dilemmakapacitet i beskæftigelsesorganisationer',
      ]),
    );
  });

  it('audits every demo material as added by the demo, and adds nothing when seeded again', async () => {
    const db = getDb().db;
    const count = (await materials()).length;
    const audits = await db
      .selectFrom('audit')
      .select(['actor_label'])
      .where('action', '=', 'material.create')
      .where('actor_label', '=', 'demo')
      .execute();
    expect(audits.length).toBe(count);
    expect(await seedDemoMaterials(db, DEMO_SEEDED_AT)).toBe(false);
    expect((await materials()).length).toBe(count);
  });
});
