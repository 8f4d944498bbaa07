import { afterEach, expect, it } from 'vitest';
import { createTestApp } from '../../../test/app.ts';
import { DEMO_SEEDED_AT, describeEachDialect, TEST_NOW } from '../../../test/db.ts';
import {
  addRegistrations,
  bumpVersion,
  clearRegistrations,
  SLUG_2021,
  SLUG_2027,
  seriesIdOf,
  setSeriesStatus,
  times,
} from '../../../test/fixtures.ts';
import { fixedClock } from '../../shared/clock.ts';
import { seatCounts } from '../registration/service.ts';
import { DEMO_ORGANISER } from './demo.ts';
import {
  endedSeriesIds,
  listPublicSeries,
  personPage,
  seriesBilling,
  seriesHeading,
  seriesHeadings,
  seriesPage,
  seriesStamp,
  seriesTerms,
  seriesTermsBySlug,
  siteStamp,
} from './service.ts';

const at = (iso: string) => new Date(iso);

describeEachDialect('series service', (getDb) => {
  afterEach(async () => {
    await clearRegistrations(getDb().db);
  });

  async function summaryOf(slug: string, now = TEST_NOW) {
    const all = await listPublicSeries(getDb().db, 'da', now, seatCounts);
    const found = all.find((s) => s.slug === slug);
    if (!found) throw new Error(`${slug} is not listed`);
    return found;
  }

  it('lists both public holds: 2027 open with every seat free, 2021 completed', async () => {
    const all = await listPublicSeries(getDb().db, 'da', TEST_NOW, seatCounts);
    expect(all.map((s) => s.slug).sort()).toEqual([SLUG_2021, SLUG_2027]);
    const s2027 = await summaryOf(SLUG_2027);
    expect(s2027).toMatchObject({
      state: 'open',
      capacity: 15,
      seatsLeft: 15,
      priceOre: 1_800_000,
      priceInclVatOre: 2_250_000,
      sessionCount: 4,
      firstStartsAt: '2027-06-07T08:00:00.000Z',
      lastEndsAt: '2027-11-22T13:30:00.000Z',
    });
    expect((await summaryOf(SLUG_2021)).state).toBe('completed');
  });

  it('counts confirmed, offered and waitlisted registrations as claims on a seat', async () => {
    const { db } = getDb();
    const id = await seriesIdOf(db, SLUG_2027);
    await addRegistrations(db, id, [
      ...times(3, 'confirmed' as const),
      ...times(2, 'offered' as const),
      ...times(4, 'waitlisted' as const),
      ...times(6, 'cancelled' as const),
      'declined',
    ]);
    // Someone already waiting gets a freed seat before a newcomer does, so they count too.
    expect((await summaryOf(SLUG_2027)).seatsLeft).toBe(6);
    expect((await seriesPage(db, SLUG_2027, 'da', TEST_NOW, seatCounts))?.summary.seatsLeft).toBe(6);
    // Registrations on the other hold do not touch this one.
    await addRegistrations(db, await seriesIdOf(db, SLUG_2021), times(5, 'confirmed'));
    expect((await summaryOf(SLUG_2027)).seatsLeft).toBe(6);
  });

  it('counts seats reserved for unconfirmed registrations as taken, says how many, and restamps when one is confirmed', async () => {
    const { db } = getDb();
    const id = await seriesIdOf(db, SLUG_2027);
    await addRegistrations(db, id, [...times(2, 'confirmed' as const), ...times(3, 'reserved' as const)]);
    expect(await summaryOf(SLUG_2027)).toMatchObject({ seatsLeft: 10, awaitingSeats: 3 });
    const before = await seriesStamp(db, SLUG_2027, TEST_NOW, seatCounts);
    // Confirming turns a reserved seat into a binding one: the count stays, the page's note must not.
    const one = await db
      .selectFrom('registration')
      .select('id')
      .where('status', '=', 'reserved')
      .executeTakeFirstOrThrow();
    await db.updateTable('registration').set({ status: 'confirmed' }).where('id', '=', one.id).execute();
    expect(await summaryOf(SLUG_2027)).toMatchObject({ seatsLeft: 10, awaitingSeats: 2 });
    expect(await seriesStamp(db, SLUG_2027, TEST_NOW, seatCounts)).not.toBe(before);
    const app = await createTestApp(getDb());
    try {
      const page = await app.inject({ method: 'GET', url: `/serier/${SLUG_2027}` });
      expect(page.body).toContain('(2 pladser er holdt for tilmeldinger, der endnu ikke er bekræftet)');
    } finally {
      await app.close();
    }
  });

  it('follows registrations live, one seat at a time', async () => {
    const { db } = getDb();
    const id = await seriesIdOf(db, SLUG_2027);
    for (let taken = 1; taken <= 3; taken++) {
      await addRegistrations(db, id, ['confirmed']);
      expect((await summaryOf(SLUG_2027)).seatsLeft).toBe(15 - taken);
    }
    await db.updateTable('registration').set({ status: 'cancelled' }).where('series_id', '=', id).execute();
    expect((await summaryOf(SLUG_2027)).seatsLeft).toBe(15);
  });

  it('changes the stamp when a seat is claimed or the series is edited, not when someone cancels nothing', async () => {
    const { db } = getDb();
    const id = await seriesIdOf(db, SLUG_2027);
    const stamp = () => seriesStamp(db, SLUG_2027, TEST_NOW, seatCounts);
    const before = await stamp();
    const siteBefore = await siteStamp(db, TEST_NOW, seatCounts);
    expect(before).toBeTruthy();
    expect(await stamp()).toBe(before);

    await addRegistrations(db, id, ['cancelled', 'declined', 'expired']);
    expect(await stamp()).toBe(before);

    await addRegistrations(db, id, ['confirmed']);
    const afterSeat = await stamp();
    expect(afterSeat).not.toBe(before);
    expect(await siteStamp(db, TEST_NOW, seatCounts)).not.toBe(siteBefore);

    await bumpVersion(db, id);
    expect(await stamp()).not.toBe(afterSeat);
  });

  it('offers the waitlist once every seat is claimed, and never shows negative seats', async () => {
    const { db } = getDb();
    const id = await seriesIdOf(db, SLUG_2027);
    await addRegistrations(db, id, [...times(13, 'confirmed' as const), 'offered']);
    expect(await summaryOf(SLUG_2027)).toMatchObject({ state: 'open', seatsLeft: 1 });
    await addRegistrations(db, id, ['waitlisted']);
    expect(await summaryOf(SLUG_2027)).toMatchObject({ state: 'waitlist', seatsLeft: 0 });
    await addRegistrations(db, id, ['confirmed']);
    expect(await summaryOf(SLUG_2027)).toMatchObject({ state: 'waitlist', seatsLeft: 0 });
  });

  it('follows the registration window in time', async () => {
    const state = async (iso: string) => (await summaryOf(SLUG_2027, at(iso))).state;
    expect(await state('2026-01-05T08:59:59.999Z')).toBe('not_open');
    expect(await state(DEMO_SEEDED_AT.toISOString())).toBe('open');
    expect(await state('2027-06-06T21:59:59.999Z')).toBe('open');
    // The deadline is midnight before the first Monday, Copenhagen time.
    expect(await state('2027-06-06T22:00:00.000Z')).toBe('closed');
    expect(await state('2027-08-30T10:00:00.000Z')).toBe('closed');
    expect(await state('2027-11-22T13:29:59.999Z')).toBe('closed');
    expect(await state('2027-11-22T13:30:00.000Z')).toBe('completed');
    expect((await summaryOf(SLUG_2021, at('2021-04-01T00:00:00.000Z'))).state).toBe('closed');
  });

  it('shows a hold the organiser closed as closed, and keeps drafts off every public page', async () => {
    const { db } = getDb();
    const app = await createTestApp(getDb(), { clock: fixedClock(TEST_NOW) });
    try {
      await setSeriesStatus(db, SLUG_2027, 'closed');
      expect((await summaryOf(SLUG_2027)).state).toBe('closed');

      await setSeriesStatus(db, SLUG_2027, 'draft');
      expect((await listPublicSeries(db, 'da', TEST_NOW, seatCounts)).map((s) => s.slug)).toEqual([
        SLUG_2021,
      ]);
      expect(await seriesPage(db, SLUG_2027, 'da', TEST_NOW, seatCounts)).toBeNull();
      expect(await seriesStamp(db, SLUG_2027, TEST_NOW, seatCounts)).toBeNull();
      const caswell = await personPage(db, 'dorte-caswell', 'da');
      expect(caswell?.sessions.map((s) => s.seriesSlug)).toEqual([SLUG_2021]);

      for (const path of ['', '/sessioner/1', '/tilmelding']) {
        const res = await app.inject(`/serier/${SLUG_2027}${path}`);
        expect(res.statusCode, path).toBe(404);
      }
      const front = await app.inject('/');
      expect(front.statusCode).toBe(200);
      expect(front.body).not.toContain(SLUG_2027);
    } finally {
      await setSeriesStatus(db, SLUG_2027, 'published');
      await app.close();
    }
    expect((await summaryOf(SLUG_2027)).state).toBe('open');
  });

  it('builds the series page in either language, sessions in order with their experts', async () => {
    const { db } = getDb();
    const da = await seriesPage(db, SLUG_2027, 'da', TEST_NOW, seatCounts);
    const en = await seriesPage(db, SLUG_2027, 'en', TEST_NOW, seatCounts);
    expect(da?.summary.title).toBe('Beskæftigelsesfaglig masterclass');
    expect(en?.summary.title).toBe('Masterclass in employment services');
    expect(da?.sessions.map((s) => s.ordinal)).toEqual([1, 2, 3, 4]);
    expect(da?.sessions.map((s) => s.expert?.slug)).toEqual([
      'dorte-caswell',
      'charlotte-liebak-hansen',
      'flemming-larsen',
      'leif-toefting-kongsgaard',
    ]);
    // Sessions without a venue of their own take the series' venue.
    expect(da?.sessions.every((s) => s.venue?.name === 'Væksthuset')).toBe(true);
    expect(da?.facilitator?.name).toBe('Leif Tøfting Kongsgaard');
    expect(await seriesPage(db, 'no-such-series', 'da', TEST_NOW, seatCounts)).toBeNull();
  });

  it('gives a person page to experts with public engagements only', async () => {
    const { db } = getDb();
    const leif = await personPage(db, 'leif-toefting-kongsgaard', 'en');
    expect(leif?.sessions.map((s) => [s.seriesSlug, s.ordinal])).toEqual([
      [SLUG_2027, 4],
      [SLUG_2021, 4],
    ]);
    expect(leif?.facilitates.map((f) => f.seriesSlug)).toEqual([SLUG_2027, SLUG_2021]);
    expect(await personPage(db, 'nobody', 'da')).toBeNull();
  });

  it('hands other modules terms, headings and billing as domain objects, drafts too, on the executor given', async () => {
    const { db } = getDb();
    const id2027 = await seriesIdOf(db, SLUG_2027);
    const id2021 = await seriesIdOf(db, SLUG_2021);
    await setSeriesStatus(db, SLUG_2027, 'draft');
    try {
      const terms = await seriesTermsBySlug(db, SLUG_2027);
      expect(terms).toMatchObject({
        id: id2027,
        slug: SLUG_2027,
        capacity: 15,
        status: 'draft',
        priceOre: 1_800_000,
        vatRateBp: 2500,
      });
      if (!terms) throw new Error('no terms');
      expect(terms.registrationOpensAt < terms.registrationClosesAt).toBe(true);
      // Read again under the seat lock: the same, on the transaction.
      expect(await db.transaction().execute((tx) => seriesTerms(tx, id2027))).toEqual(terms);
      expect(await seriesTermsBySlug(db, 'nobody')).toBeNull();

      const headings = await seriesHeadings(db, 'en');
      expect(headings.map((h) => [h.slug, h.titleWithYear, h.status])).toEqual([
        [SLUG_2027, 'Masterclass in employment services 2027', 'draft'],
        [SLUG_2021, 'Masterclass in employment services 2021', 'closed'],
      ]);
      expect(await seriesHeading(db, id2027, 'da')).toMatchObject({
        title: 'Beskæftigelsesfaglig masterclass',
        titleWithYear: 'Beskæftigelsesfaglig masterclass 2027',
        capacity: 15,
        firstStartsAt: '2027-06-07T08:00:00.000Z',
      });
      expect(await seriesHeadings(db, 'da', [])).toEqual([]);

      const billing = await seriesBilling(db, id2027);
      expect(billing).toMatchObject({
        id: id2027,
        titleDa: 'Beskæftigelsesfaglig masterclass',
        titleEn: 'Masterclass in employment services',
        priceOre: 1_800_000,
        vatRateBp: 2500,
        organiser: {
          name: DEMO_ORGANISER.name,
          street: DEMO_ORGANISER.street,
          postalCode: DEMO_ORGANISER.postal_code,
          city: DEMO_ORGANISER.city,
          cvr: DEMO_ORGANISER.cvr,
        },
      });
      expect(billing?.sessionStarts).toHaveLength(4);
      expect(billing?.sessionStarts[0]).toBe('2027-06-07T08:00:00.000Z');
      expect(await seriesBilling(db, 'no-such-id')).toBeNull();

      expect(await endedSeriesIds(db, TEST_NOW)).toEqual([id2021]);
      expect((await endedSeriesIds(db, at('2028-01-01T00:00:00.000Z'))).sort()).toEqual(
        [id2021, id2027].sort(),
      );
    } finally {
      await setSeriesStatus(db, SLUG_2027, 'published');
    }
  });
});
