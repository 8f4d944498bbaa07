import { expect, it } from 'vitest';
import { DEMO_SEEDED_AT, describeEachDialect } from '../../../test/db.ts';
import { SLUG_2021, SLUG_2027 } from '../../../test/fixtures.ts';
import { openDatabase } from '../../db/connect.ts';
import { DEMO_PERSONS, seedDemoIfEmpty } from './demo.ts';

// Ten o'clock to half past two in Copenhagen: summer time (UTC+2) in June, August and October, winter
// time (UTC+1) by 22 November.
const SESSION_TIMES = (year: number) => [
  [`${year}-06-07T08:00:00.000Z`, `${year}-06-07T12:30:00.000Z`],
  [`${year}-08-30T08:00:00.000Z`, `${year}-08-30T12:30:00.000Z`],
  [`${year}-10-04T08:00:00.000Z`, `${year}-10-04T12:30:00.000Z`],
  [`${year}-11-22T09:00:00.000Z`, `${year}-11-22T13:30:00.000Z`],
];

const EXPERTS = ['Dorte Caswell', 'Charlotte Liebak Hansen', 'Flemming Larsen', 'Leif Tøfting Kongsgaard'];

describeEachDialect(
  'demo seed',
  (getDb, dialect) => {
    it('seeds into an empty database, and does nothing the second time', async () => {
      const { db } = getDb();
      expect(await seedDemoIfEmpty(db, DEMO_SEEDED_AT)).toBe(true);
      const counts = async () =>
        Object.fromEntries(
          await Promise.all(
            (['organiser', 'person', 'venue', 'series', 'session', 'registration'] as const).map(
              async (table) => {
                const row = await db
                  .selectFrom(table)
                  .select((eb) => eb.fn.countAll<number>().as('n'))
                  .executeTakeFirstOrThrow();
                return [table, Number(row.n)];
              },
            ),
          ),
        );
      const first = await counts();
      expect(first).toEqual({ organiser: 1, person: 4, venue: 1, series: 2, session: 8, registration: 0 });

      expect(await seedDemoIfEmpty(db, new Date('2026-06-01T00:00:00.000Z'))).toBe(false);
      expect(await counts()).toEqual(first);
    });

    // Several instances share a database only on PostgreSQL (SQLite has one writing process).
    if (dialect === 'postgres') {
      it('seeds exactly once when two instances start on the same empty database at once', async () => {
        const database = getDb();
        const second = openDatabase(database.url);
        try {
          await database.db.deleteFrom('session').execute();
          await database.db.deleteFrom('series').execute();
          await database.db.deleteFrom('venue').execute();
          await database.db.deleteFrom('person').execute();
          await database.db.deleteFrom('organiser').execute();
          const results = await Promise.all([
            seedDemoIfEmpty(database.db, DEMO_SEEDED_AT),
            seedDemoIfEmpty(second.db, DEMO_SEEDED_AT),
          ]);
          expect(results.filter(Boolean)).toHaveLength(1);
          const series = await database.db.selectFrom('series').select('slug').execute();
          expect(series).toHaveLength(2);
        } finally {
          await second.close();
        }
      });
    }

    it('makes the 2021 and the 2027 hold: 15 seats at 18.000 kr. plus 25 % VAT', async () => {
      const { db } = getDb();
      const series = await db.selectFrom('series').selectAll().orderBy('slug').execute();
      expect(series.map((s) => [s.slug, s.status])).toEqual([
        [SLUG_2021, 'closed'],
        [SLUG_2027, 'published'],
      ]);
      for (const s of series) {
        expect(s.capacity).toBe(15);
        expect(s.price_ore).toBe(1_800_000);
        expect(s.vat_rate_bp).toBe(2500);
        expect(s.title_da).toBe('Beskæftigelsesfaglig masterclass');
        expect(s.version).toBe(1);
      }
      const [s2021, s2027] = series;
      // Registration for 2027 opens when the demo is seeded and closes at midnight before the first Monday.
      expect(s2027?.registration_opens_at).toBe(DEMO_SEEDED_AT.toISOString());
      expect(s2027?.registration_closes_at).toBe('2027-06-06T22:00:00.000Z');
      expect(s2021?.registration_opens_at).toBe('2021-03-01T08:00:00.000Z');
      expect(s2021?.registration_closes_at).toBe('2021-06-06T22:00:00.000Z');
    });

    it('puts four sessions on the four Mondays, 10.00–14.30 Copenhagen time', async () => {
      const { db } = getDb();
      for (const year of [2021, 2027]) {
        const sessions = await db
          .selectFrom('session as x')
          .innerJoin('series as s', 's.id', 'x.series_id')
          .innerJoin('person as p', 'p.id', 'x.expert_id')
          .select(['x.ordinal', 'x.starts_at', 'x.ends_at', 'x.mode', 'x.meeting_url', 'p.name'])
          .where('s.slug', '=', `beskaeftigelsesfaglig-masterclass-${year}`)
          .orderBy('x.ordinal')
          .execute();
        expect(sessions.map((x) => x.ordinal)).toEqual([1, 2, 3, 4]);
        expect(sessions.map((x) => [x.starts_at, x.ends_at])).toEqual(SESSION_TIMES(year));
        expect(sessions.map((x) => new Date(x.starts_at).getUTCDay())).toEqual([1, 1, 1, 1]);
        expect(sessions.map((x) => x.name)).toEqual(EXPERTS);
        expect(sessions.every((x) => x.mode === 'in_person' && x.meeting_url === null)).toBe(true);
      }
    });

    it('adds the four experts, with the facilitator of both holds among them', async () => {
      const { db } = getDb();
      const persons = await db.selectFrom('person').select(['slug', 'name']).orderBy('name').execute();
      expect(persons.map((p) => p.name)).toEqual([...EXPERTS].sort());
      expect(persons.map((p) => p.slug).sort()).toEqual(DEMO_PERSONS.map((p) => p.slug).sort());
      const facilitators = await db
        .selectFrom('series as s')
        .innerJoin('person as p', 'p.id', 's.facilitator_id')
        .select('p.name')
        .execute();
      expect(facilitators.map((f) => f.name)).toEqual(['Leif Tøfting Kongsgaard', 'Leif Tøfting Kongsgaard']);
    });
  },
  { prepare: 'migrate' },
);
