import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { describeEachDialect, TEST_NOW } from '../../../test/db.ts';
import { addRegistrations, SLUG_2027, seriesIdOf } from '../../../test/fixtures.ts';
import type { DB } from '../../db/database.ts';
import { seatCounts } from '../registration/service.ts';
import {
  copySeries,
  createSeries,
  type SeriesFields,
  seriesForEditing,
  seriesPage,
  seriesPreview,
  setSeriesStatus,
  siteOrganiserId,
  updateSeries,
} from './service.ts';

const ACTOR = { accountId: null, label: 'test' };
const NO_FACTS = { hasInvoices: false, seatsHeld: 0 };

function fields(slug: string, overrides: Partial<SeriesFields> = {}): SeriesFields {
  return {
    slug,
    titleDa: 'Ledelse i praksis',
    titleEn: 'Leadership in practice',
    summaryDa: 'Fire møder for ledere.',
    summaryEn: 'Four meetings for managers.',
    introDa: 'Intro.',
    introEn: 'Intro.',
    audienceDa: 'Ledere.',
    audienceEn: 'Managers.',
    cateringDa: 'Frokost.',
    cateringEn: 'Lunch.',
    termsDa: 'Afbud senest 14 dage før.',
    termsEn: 'Cancel at least 14 days before.',
    capacity: 12,
    priceOre: 1_500_000,
    vatRateBp: 2500,
    registrationOpensAt: '2027-01-04T08:00:00.000Z',
    registrationClosesAt: '2027-05-31T22:00:00.000Z',
    facilitatorId: null,
    venueId: null,
    ...overrides,
  };
}

async function auditsOf(db: Kysely<DB>, entityId: string) {
  return db.selectFrom('audit').selectAll().where('entity_id', '=', entityId).orderBy('at').execute();
}

async function versionOf(db: Kysely<DB>, id: string) {
  return (await db.selectFrom('series').select('version').where('id', '=', id).executeTakeFirstOrThrow())
    .version;
}

describeEachDialect('series editing', (getDb) => {
  const db = () => getDb().db;
  let n = 0;
  const freshSlug = () => `ny-serie-${++n}`;

  async function create(overrides: Partial<SeriesFields> = {}) {
    const organiserId = await siteOrganiserId(db());
    if (!organiserId) throw new Error('no organiser');
    const made = await db()
      .transaction()
      .execute((tx) => createSeries(tx, organiserId, fields(freshSlug(), overrides), ACTOR, TEST_NOW));
    if (made.kind !== 'created') throw new Error(made.kind);
    return made;
  }

  describe('createSeries', () => {
    it('makes a draft with every field, audited as series.create', async () => {
      const made = await create();
      const found = await seriesForEditing(db(), made.slug);
      expect(found).toMatchObject({ ...fields(made.slug), status: 'draft', copiedFrom: null, sessions: [] });
      const [audit] = await auditsOf(db(), made.id);
      expect(audit?.action).toBe('series.create');
      expect(JSON.parse(audit?.after_json ?? '{}')).toMatchObject({ slug: made.slug, price_ore: 1_500_000 });
    });

    it('refuses a slug another series has, and stores nothing', async () => {
      const organiserId = (await siteOrganiserId(db())) ?? '';
      const before = await db().selectFrom('series').select('id').execute();
      const outcome = await db()
        .transaction()
        .execute((tx) => createSeries(tx, organiserId, fields(SLUG_2027), ACTOR, TEST_NOW));
      expect(outcome).toEqual({ kind: 'slug-taken' });
      expect(await db().selectFrom('series').select('id').execute()).toHaveLength(before.length);
    });

    it('a draft has a preview but no public page', async () => {
      const made = await create();
      expect(await seriesPage(db(), made.slug, 'da', TEST_NOW, seatCounts)).toBeNull();
      const preview = await seriesPreview(db(), made.slug, 'da', TEST_NOW, seatCounts);
      expect(preview?.summary.title).toBe('Ledelse i praksis');
      expect(preview?.terms).toBe('Afbud senest 14 dage før.');
      expect((await seriesPreview(db(), made.slug, 'en', TEST_NOW, seatCounts))?.terms).toBe(
        'Cancel at least 14 days before.',
      );
    });
  });

  describe('updateSeries', () => {
    it('saves only what changed, bumps the version and audits the changed fields', async () => {
      const made = await create();
      const v0 = await versionOf(db(), made.id);
      const outcome = await db()
        .transaction()
        .execute((tx) =>
          updateSeries(
            tx,
            made.id,
            fields(made.slug, { titleDa: 'Nyt navn', capacity: 14 }),
            NO_FACTS,
            ACTOR,
            TEST_NOW,
          ),
        );
      expect(outcome).toEqual({ kind: 'saved', changed: ['title_da', 'capacity'], capacityRaised: true });
      expect(await versionOf(db(), made.id)).toBe(v0 + 1);
      const audit = (await auditsOf(db(), made.id)).find((a) => a.action === 'series.update');
      expect(JSON.parse(audit?.before_json ?? '{}')).toEqual({ title_da: 'Ledelse i praksis', capacity: 12 });
      expect(JSON.parse(audit?.after_json ?? '{}')).toEqual({ title_da: 'Nyt navn', capacity: 14 });
    });

    it('writes nothing when nothing changed', async () => {
      const made = await create();
      const v0 = await versionOf(db(), made.id);
      const outcome = await db()
        .transaction()
        .execute((tx) => updateSeries(tx, made.id, fields(made.slug), NO_FACTS, ACTOR, TEST_NOW));
      expect(outcome).toEqual({ kind: 'saved', changed: [], capacityRaised: false });
      expect(await versionOf(db(), made.id)).toBe(v0);
      expect((await auditsOf(db(), made.id)).map((a) => a.action)).toEqual(['series.create']);
    });

    it('refuses with reasons — price and VAT frozen, capacity below the seats held — and stores nothing', async () => {
      const made = await create();
      const v0 = await versionOf(db(), made.id);
      const outcome = await db()
        .transaction()
        .execute((tx) =>
          updateSeries(
            tx,
            made.id,
            fields(made.slug, { priceOre: 1, vatRateBp: 0, capacity: 3, titleDa: 'Ændret' }),
            { hasInvoices: true, seatsHeld: 5 },
            ACTOR,
            TEST_NOW,
          ),
        );
      expect(outcome).toEqual({
        kind: 'refused',
        reasons: ['capacity-below-held', 'price-frozen', 'vat-frozen'],
      });
      const found = await seriesForEditing(db(), made.slug);
      expect(found).toMatchObject({ titleDa: 'Ledelse i praksis', capacity: 12, priceOre: 1_500_000 });
      expect(await versionOf(db(), made.id)).toBe(v0);
      expect((await auditsOf(db(), made.id)).map((a) => a.action)).toEqual(['series.create']);
    });

    it("refuses another series' slug, and a published series' new slug", async () => {
      const made = await create();
      const taken = await db()
        .transaction()
        .execute((tx) => updateSeries(tx, made.id, fields(SLUG_2027), NO_FACTS, ACTOR, TEST_NOW));
      expect(taken).toEqual({ kind: 'refused', reasons: ['slug-taken'] });
      const published = await seriesIdOf(db(), SLUG_2027);
      const found = await seriesForEditing(db(), SLUG_2027);
      if (!found) throw new Error('no 2027 hold');
      const fixed = await db()
        .transaction()
        .execute((tx) =>
          updateSeries(tx, published, { ...found, slug: 'andet-navn' }, NO_FACTS, ACTOR, TEST_NOW),
        );
      expect(fixed).toEqual({ kind: 'refused', reasons: ['slug-fixed'] });
    });
  });

  describe('setSeriesStatus', () => {
    it('refuses to publish a draft without sessions, with the reason', async () => {
      const made = await create();
      const outcome = await db()
        .transaction()
        .execute((tx) => setSeriesStatus(tx, made.id, 'published', { seatsHeld: 0 }, ACTOR, TEST_NOW));
      expect(outcome).toEqual({ kind: 'refused', reason: 'no-sessions' });
      expect((await seriesForEditing(db(), made.slug))?.status).toBe('draft');
    });

    it('moves the 2027 hold to closed and back (audited, version bumped); back to draft only without seats', async () => {
      const id = await seriesIdOf(db(), SLUG_2027);
      const v0 = await versionOf(db(), id);
      const move = (to: 'closed' | 'published' | 'draft', seatsHeld = 0) =>
        db()
          .transaction()
          .execute((tx) => setSeriesStatus(tx, id, to, { seatsHeld }, ACTOR, TEST_NOW));
      expect(await move('closed')).toEqual({ kind: 'moved', from: 'published', to: 'closed' });
      expect(await seriesPage(db(), SLUG_2027, 'da', TEST_NOW, seatCounts)).not.toBeNull();
      expect(await move('draft')).toEqual({ kind: 'refused', reason: 'not-allowed' });
      expect(await move('published')).toEqual({ kind: 'moved', from: 'closed', to: 'published' });
      expect(await move('draft', 2)).toEqual({ kind: 'refused', reason: 'seats-held' });
      expect(await versionOf(db(), id)).toBe(v0 + 2);
      const rows = (await auditsOf(db(), id)).filter((a) => a.action === 'series.status');
      expect(
        rows.map((a) => [JSON.parse(a.before_json ?? '{}').status, JSON.parse(a.after_json ?? '{}').status]),
      ).toEqual([
        ['published', 'closed'],
        ['closed', 'published'],
      ]);
    });
  });

  describe('copySeries', () => {
    it('copies texts, sessions, experts and facilitator as a new draft — not registrations, meeting links or cancelled sessions', async () => {
      const sourceId = await seriesIdOf(db(), SLUG_2027);
      await addRegistrations(db(), sourceId, ['confirmed', 'waitlisted']);
      const sessions = await db()
        .selectFrom('session')
        .selectAll()
        .where('series_id', '=', sourceId)
        .orderBy('ordinal')
        .execute();
      const [first, second, ...rest] = sessions;
      if (!first || !second) throw new Error('the demo has four sessions');
      // One session online with a link, one cancelled: the link stays behind, the cancelled one too.
      await db()
        .updateTable('session')
        .set({ mode: 'online', meeting_url: 'https://meet.example.dk/hemmelig', sequence: 3 })
        .where('id', '=', first.id)
        .execute();
      await db()
        .updateTable('session')
        .set({ status: 'cancelled', cancelled_at: TEST_NOW.toISOString() })
        .where('id', '=', second.id)
        .execute();
      const input = {
        slug: 'beskaeftigelsesfaglig-masterclass-2028',
        titleDa: 'Beskæftigelsesfaglig masterclass',
        titleEn: 'Employment masterclass',
        sessions: [first, second, ...rest].map((s, i) => ({
          sourceId: s.id,
          startsAt: `2028-0${6 + i}-05T08:00:00.000Z`,
          endsAt: `2028-0${6 + i}-05T12:30:00.000Z`,
        })),
        registrationOpensAt: '2027-12-01T08:00:00.000Z',
        registrationClosesAt: '2028-06-04T22:00:00.000Z',
      };
      const outcome = await db()
        .transaction()
        .execute((tx) => copySeries(tx, sourceId, input, ACTOR, TEST_NOW));
      if (outcome.kind !== 'copied') throw new Error(outcome.kind);
      const source = await db()
        .selectFrom('series')
        .selectAll()
        .where('id', '=', sourceId)
        .executeTakeFirstOrThrow();
      const copy = await db()
        .selectFrom('series')
        .selectAll()
        .where('id', '=', outcome.seriesId)
        .executeTakeFirstOrThrow();
      expect(copy).toMatchObject({
        slug: input.slug,
        status: 'draft',
        copied_from: sourceId,
        summary_da: source.summary_da,
        intro_en: source.intro_en,
        catering_da: source.catering_da,
        terms_da: source.terms_da,
        capacity: source.capacity,
        price_ore: source.price_ore,
        vat_rate_bp: source.vat_rate_bp,
        facilitator_id: source.facilitator_id,
        venue_id: source.venue_id,
        registration_opens_at: input.registrationOpensAt,
      });
      const copied = await db()
        .selectFrom('session')
        .selectAll()
        .where('series_id', '=', outcome.seriesId)
        .orderBy('ordinal')
        .execute();
      expect(copied).toHaveLength(sessions.length - 1);
      expect(copied.map((s) => s.ordinal)).toEqual([1, 2, 3]);
      expect(copied[0]).toMatchObject({
        question_da: first.question_da,
        expert_id: first.expert_id,
        mode: 'online',
        meeting_url: null,
        sequence: 0,
        status: 'scheduled',
        starts_at: '2028-06-05T08:00:00.000Z',
      });
      expect(outcome.sessionIds.get(first.id)).toBe(copied[0]?.id);
      expect(outcome.sessionIds.has(second.id)).toBe(false);
      const registrations = await db()
        .selectFrom('registration')
        .select('id')
        .where('series_id', '=', outcome.seriesId)
        .execute();
      expect(registrations).toEqual([]);
      const [audit] = await auditsOf(db(), outcome.seriesId);
      expect(audit?.action).toBe('series.copy');
      expect(JSON.parse(audit?.after_json ?? '{}')).toMatchObject({
        copied_from: sourceId,
        slug: input.slug,
      });
    });

    it('refuses a slug in use and stores nothing', async () => {
      const sourceId = await seriesIdOf(db(), SLUG_2027);
      const count = async () => (await db().selectFrom('series').select('id').execute()).length;
      const before = await count();
      const outcome = await db()
        .transaction()
        .execute((tx) =>
          copySeries(
            tx,
            sourceId,
            {
              slug: SLUG_2027,
              titleDa: 'x',
              titleEn: 'x',
              sessions: [],
              registrationOpensAt: '2027-12-01T08:00:00.000Z',
              registrationClosesAt: '2028-06-04T22:00:00.000Z',
            },
            ACTOR,
            TEST_NOW,
          ),
        );
      expect(outcome).toEqual({ kind: 'slug-taken' });
      expect(await count()).toBe(before);
    });
  });
});
