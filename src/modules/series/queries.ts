import {
  type AliasableExpression,
  type CompiledQuery,
  type Expression,
  type Insertable,
  sql,
  type Updateable,
} from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { PersonTable, SeriesTable, SessionTable, VenueTable } from './table.ts';

// All SQL of the series module.

export function siteOrganiser(db: Executor) {
  return db
    .selectFrom('organiser')
    .selectAll()
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

export function setOrganiserSettings(db: Executor, organiserId: string, settings: string, at: string) {
  return db
    .updateTable('organiser')
    .set({ settings, updated_at: at })
    .where('id', '=', organiserId)
    .execute();
}

/**
 * How a series' seats are counted, as SQL the summary query embeds: the registration module owns the
 * registration table and the statuses that count, so it writes these subqueries (registration/queries.ts
 * `seatCounts`) and the composition root hands them in. The series module names no other module's table, and
 * the cache stamp stays one query.
 */
export interface SeatCounts {
  /** Seats claimed — held, or waited for by someone in line (public seats-left counts these). */
  claimed(db: Executor, seriesId: Expression<string>): AliasableExpression<number>;
  /** Of those, seats held for registrations that await confirmation by mail. */
  awaiting(db: Executor, seriesId: Expression<string>): AliasableExpression<number>;
}

/** Public series with what the list and the cache need: timing, version and seats claimed. */
export function publicSeriesSummaries(db: Executor, seats: SeatCounts, slug?: string) {
  let q = summariesQuery(db, seats);
  if (slug !== undefined) q = q.where('s.slug', '=', slug);
  return q.execute();
}

export type SummaryRow = Awaited<ReturnType<typeof publicSeriesSummaries>>[number];

const SLUG_SLOT = '\u0000slug';
type CompiledSummary = { query: CompiledQuery<SummaryRow>; slugAt: number };
const compiledSummaryQueries = new WeakMap<Executor, WeakMap<SeatCounts, CompiledSummary>>();

/**
 * The same as `publicSeriesSummaries(db, slug)[0]`, for the cache stamp that every series-page request
 * asks for: the query is built and compiled once per database with a placeholder for the slug, because
 * Kysely's building and compiling took longer than SQLite's answer.
 */
export async function publicSeriesSummary(
  db: Executor,
  seats: SeatCounts,
  slug: string,
): Promise<SummaryRow | undefined> {
  let ofDb = compiledSummaryQueries.get(db);
  if (!ofDb) {
    ofDb = new WeakMap();
    compiledSummaryQueries.set(db, ofDb);
  }
  let compiled = ofDb.get(seats);
  if (!compiled) {
    const query = summariesQuery(db, seats).where('s.slug', '=', SLUG_SLOT).compile();
    compiled = { query, slugAt: query.parameters.indexOf(SLUG_SLOT) };
    ofDb.set(seats, compiled);
  }
  const query: CompiledQuery<SummaryRow> = {
    ...compiled.query,
    parameters: compiled.query.parameters.with(compiled.slugAt, slug),
  };
  const { rows } = await db.executeQuery(query);
  return rows[0];
}

function summariesQuery(db: Executor, seats: SeatCounts, options: { drafts?: boolean } = {}) {
  const q = db
    .selectFrom('series as s')
    .select([
      's.id',
      's.slug',
      's.title_da',
      's.title_en',
      's.summary_da',
      's.summary_en',
      's.capacity',
      's.price_ore',
      's.vat_rate_bp',
      's.status',
      's.version',
      's.registration_opens_at',
      's.registration_closes_at',
    ])
    .select((eb) => [
      seats.claimed(db, eb.ref('s.id')).as('claimed'),
      seats.awaiting(db, eb.ref('s.id')).as('awaiting'),
      eb
        .selectFrom('session as x')
        .whereRef('x.series_id', '=', 's.id')
        .select((e) => e.fn.min('x.starts_at').as('m'))
        .as('first_starts_at'),
      eb
        .selectFrom('session as x')
        .whereRef('x.series_id', '=', 's.id')
        .select((e) => e.fn.max('x.ends_at').as('m'))
        .as('last_ends_at'),
      eb
        .selectFrom('session as x')
        .whereRef('x.series_id', '=', 's.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('session_count'),
    ]);
  return options.drafts ? q : q.where('s.status', '!=', 'draft');
}

export function seriesBySlug(db: Executor, slug: string) {
  return db.selectFrom('series').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export function sessionsOfSeries(db: Executor, seriesId: string) {
  return db.selectFrom('session').selectAll().where('series_id', '=', seriesId).orderBy('ordinal').execute();
}

export function personsByIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('person').selectAll().where('id', 'in', ids).execute();
}

export function personBySlug(db: Executor, slug: string) {
  return db.selectFrom('person').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export function venuesByIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('venue').selectAll().where('id', 'in', ids).execute();
}

/** Every public session a person speaks at, and every public series they facilitate. */
export function engagementsOfPerson(db: Executor, personId: string) {
  return Promise.all([
    db
      .selectFrom('session as x')
      .innerJoin('series as s', 's.id', 'x.series_id')
      .where('x.expert_id', '=', personId)
      .where('s.status', '!=', 'draft')
      .select([
        'x.ordinal',
        'x.starts_at',
        'x.ends_at',
        'x.question_da',
        'x.question_en',
        's.slug',
        's.title_da',
        's.title_en',
      ])
      .orderBy('x.starts_at', 'desc')
      .execute(),
    db
      .selectFrom('series as s')
      .where('s.facilitator_id', '=', personId)
      .where('s.status', '!=', 'draft')
      .select(['s.slug', 's.title_da', 's.title_en'])
      .select((eb) =>
        eb
          .selectFrom('session as x')
          .whereRef('x.series_id', '=', 's.id')
          .select((e) => e.fn.min('x.starts_at').as('m'))
          .as('first_starts_at'),
      )
      .orderBy('s.slug', 'desc')
      .execute(),
  ]);
}

/** What a registration needs of its series (model.ts `SeriesTerms`), drafts too. */
const TERMS_COLUMNS = [
  'id',
  'slug',
  'capacity',
  'status',
  'version',
  'registration_opens_at',
  'registration_closes_at',
  'price_ore',
  'vat_rate_bp',
] as const;

export function termsBySlug(db: Executor, slug: string) {
  return db.selectFrom('series').select(TERMS_COLUMNS).where('slug', '=', slug).executeTakeFirst();
}

export function termsById(db: Executor, seriesId: string) {
  return db.selectFrom('series').select(TERMS_COLUMNS).where('id', '=', seriesId).executeTakeFirst();
}

export type TermsRow = NonNullable<Awaited<ReturnType<typeof termsById>>>;

/** Series (drafts too; all, or those with these ids), newest first, with the start of their first session. */
export function headings(db: Executor, ids?: readonly string[]) {
  if (ids?.length === 0) return Promise.resolve([]);
  let q = db
    .selectFrom('series as s')
    .select(['s.id', 's.slug', 's.title_da', 's.title_en', 's.status', 's.capacity'])
    .select((eb) =>
      eb
        .selectFrom('session as x')
        .whereRef('x.series_id', '=', 's.id')
        .select((e) => e.fn.min('x.starts_at').as('m'))
        .as('first_starts_at'),
    );
  if (ids) q = q.where('s.id', 'in', ids);
  return q.orderBy('first_starts_at', 'desc').execute();
}

export type HeadingRow = Awaited<ReturnType<typeof headings>>[number];

/** Ids of the series whose last session ended before `now`. */
export async function endedSeriesIds(db: Executor, now: string): Promise<string[]> {
  const rows = await db
    .selectFrom('session')
    .select('series_id')
    .groupBy('series_id')
    .having((h) => h.fn.max('ends_at'), '<', now)
    .execute();
  return rows.map((r) => r.series_id);
}

/** A series with the organiser that runs it: what an invoice names when it is issued. */
export function billing(db: Executor, seriesId: string) {
  return db
    .selectFrom('series')
    .innerJoin('organiser', 'organiser.id', 'series.organiser_id')
    .select([
      'series.id',
      'series.title_da',
      'series.title_en',
      'series.price_ore',
      'series.vat_rate_bp',
      'organiser.id as organiser_id',
      'organiser.name as organiser_name',
      'organiser.street',
      'organiser.postal_code',
      'organiser.city',
      'organiser.cvr',
      'organiser.email',
      'organiser.phone',
      'organiser.settings',
    ])
    .where('series.id', '=', seriesId)
    .executeTakeFirst();
}

export type BillingRow = NonNullable<Awaited<ReturnType<typeof billing>>>;

/** The start instants of a series' sessions, by ordinal. */
export async function sessionStarts(db: Executor, seriesId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('session')
    .select('starts_at')
    .where('series_id', '=', seriesId)
    .orderBy('ordinal')
    .execute();
  return rows.map((r) => r.starts_at);
}

export async function countOrganisers(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('organiser')
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function personById(db: Executor, id: string) {
  return db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst();
}

export function personOfAccount(db: Executor, accountId: string) {
  return db.selectFrom('person').selectAll().where('account_id', '=', accountId).executeTakeFirst();
}

export function allPersons(db: Executor) {
  return db.selectFrom('person').selectAll().orderBy('name').orderBy('id').execute();
}

/** Every series (drafts too) a person facilitates, and every session they are the expert of. */
export function castOfPerson(db: Executor, personId: string) {
  return Promise.all([
    db
      .selectFrom('series as s')
      .where('s.facilitator_id', '=', personId)
      .select(['s.id', 's.slug', 's.title_da', 's.title_en'])
      .orderBy('s.slug')
      .execute(),
    db
      .selectFrom('session as x')
      .innerJoin('series as s', 's.id', 'x.series_id')
      .where('x.expert_id', '=', personId)
      .select([
        'x.id',
        'x.ordinal',
        'x.question_da',
        'x.question_en',
        's.id as series_id',
        's.slug',
        's.title_da',
        's.title_en',
      ])
      .orderBy('s.slug')
      .orderBy('x.ordinal')
      .execute(),
  ]);
}

export function linkPersonAccount(db: Executor, personId: string, accountId: string, at: string) {
  return db
    .updateTable('person')
    .set({ account_id: accountId, updated_at: at })
    .where('id', '=', personId)
    .execute();
}

export function updatePerson(
  db: Executor,
  personId: string,
  fields: { title_da: string; title_en: string; bio_da: string; bio_en: string; links: string },
  at: string,
) {
  return db
    .updateTable('person')
    .set({ ...fields, updated_at: at })
    .where('id', '=', personId)
    .execute();
}

/**
 * Bumps the version of every series that names `id` in its own column or in one of its sessions' (a person as
 * facilitator or expert, a venue as the series' or a session's), so their cached pages go stale.
 */
function bumpSeriesNaming(
  db: Executor,
  columns: { series: 'facilitator_id' | 'venue_id'; session: 'expert_id' | 'venue_id' },
  id: string,
  at: string,
) {
  return db
    .updateTable('series')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: at }))
    .where((eb) =>
      eb.or([
        eb(columns.series, '=', id),
        eb('id', 'in', eb.selectFrom('session').select('series_id').where(columns.session, '=', id)),
      ]),
    )
    .execute();
}

/** Bumps the version of every series whose pages show the person. */
export function bumpSeriesShowingPerson(db: Executor, personId: string, at: string) {
  return bumpSeriesNaming(db, { series: 'facilitator_id', session: 'expert_id' }, personId, at);
}

export function seriesRefsByIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('series')
    .select(['id', 'slug', 'organiser_id'])
    .where('id', 'in', ids)
    .orderBy('slug')
    .execute();
}

export function seriesRefsOfOrganiser(db: Executor, organiserId: string) {
  return db
    .selectFrom('series')
    .select(['id', 'slug', 'organiser_id'])
    .where('organiser_id', '=', organiserId)
    .orderBy('slug')
    .execute();
}

export function sessionRefsByIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('session').select(['id', 'series_id', 'ordinal']).where('id', 'in', ids).execute();
}

/** Every venue of the organiser, by name: what a form's venue choice lists. */
export function allVenues(db: Executor) {
  return db.selectFrom('venue').selectAll().orderBy('name').orderBy('id').execute();
}

// ——— Sessions (the organiser's back office) ———

export function sessionById(db: Executor, sessionId: string) {
  return db.selectFrom('session').selectAll().where('id', '=', sessionId).executeTakeFirst();
}

export function seriesById(db: Executor, seriesId: string) {
  return db.selectFrom('series').selectAll().where('id', '=', seriesId).executeTakeFirst();
}

export async function lastOrdinal(db: Executor, seriesId: string): Promise<number> {
  const row = await db
    .selectFrom('session')
    .where('series_id', '=', seriesId)
    .select((e) => e.fn.max('ordinal').as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export function insertSession(db: Executor, row: Insertable<SessionTable>) {
  return db.insertInto('session').values(row).execute();
}

export function updateSessionRow(db: Executor, sessionId: string, fields: Updateable<SessionTable>) {
  return db.updateTable('session').set(fields).where('id', '=', sessionId).execute();
}

/** Bumps one series' version: its cached pages go stale (convention 8). */
export function bumpSeries(db: Executor, seriesId: string, at: string) {
  return db
    .updateTable('series')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: at }))
    .where('id', '=', seriesId)
    .execute();
}

// ——— people and venues (the organiser's back office) ———

/**
 * Takes the organiser row's lock for the rest of the transaction (PostgreSQL: the row lock of an UPDATE that
 * changes nothing; SQLite: the transaction already holds the write lock), so two people created at once
 * cannot pick the same free slug.
 */
export function lockOrganiserRow(db: Executor, organiserId: string) {
  return db
    .updateTable('organiser')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('id', '=', organiserId)
    .executeTakeFirst();
}

/** The person slugs that are `base` or `base-…` (what a new person's slug must not be). */
export async function personSlugsLike(db: Executor, base: string): Promise<string[]> {
  const rows = await db
    .selectFrom('person')
    .select('slug')
    .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
    .execute();
  return rows.map((r) => r.slug);
}

export function insertPerson(db: Executor, row: Insertable<PersonTable>) {
  return db.insertInto('person').values(row).execute();
}

export function updatePersonDetails(
  db: Executor,
  personId: string,
  fields: {
    name: string;
    title_da: string;
    title_en: string;
    bio_da: string;
    bio_en: string;
    links: string;
  },
  at: string,
) {
  return db
    .updateTable('person')
    .set({ ...fields, updated_at: at })
    .where('id', '=', personId)
    .execute();
}

export function venueById(db: Executor, id: string) {
  return db.selectFrom('venue').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertVenue(db: Executor, row: Insertable<VenueTable>) {
  return db.insertInto('venue').values(row).execute();
}

export function updateVenueRow(
  db: Executor,
  venueId: string,
  fields: {
    name: string;
    street: string;
    postal_code: string;
    city: string;
    notes_da: string;
    notes_en: string;
  },
  at: string,
) {
  return db
    .updateTable('venue')
    .set({ ...fields, updated_at: at })
    .where('id', '=', venueId)
    .execute();
}

/**
 * Bumps the version of every series whose pages show the venue — as the series' venue, or as the venue of
 * one of its sessions — so their cached pages go stale.
 */
export function bumpSeriesShowingVenue(db: Executor, venueId: string, at: string) {
  return bumpSeriesNaming(db, { series: 'venue_id', session: 'venue_id' }, venueId, at);
}

/** How many series and sessions name each venue (the venue list says where a venue is in use). */
export async function venueUse(db: Executor): Promise<Map<string, { series: number; sessions: number }>> {
  const [series, sessions] = await Promise.all([
    db
      .selectFrom('series')
      .select(['venue_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('venue_id', 'is not', null)
      .groupBy('venue_id')
      .execute(),
    db
      .selectFrom('session')
      .select(['venue_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('venue_id', 'is not', null)
      .groupBy('venue_id')
      .execute(),
  ]);
  const use = new Map<string, { series: number; sessions: number }>();
  for (const r of series) {
    if (r.venue_id) use.set(r.venue_id, { series: Number(r.n), sessions: 0 });
  }
  for (const r of sessions) {
    if (!r.venue_id) continue;
    const u = use.get(r.venue_id) ?? { series: 0, sessions: 0 };
    use.set(r.venue_id, { ...u, sessions: Number(r.n) });
  }
  return use;
}

// ——— attendee sessions ———

/**
 * Every session of a series (cancelled ones too) with the venue it is held at — its own, else the
 * series' — and its meeting link: for the mails and calendar files of the session's attendees only.
 */
export function attendeeSessionRows(db: Executor, seriesId: string) {
  return db
    .selectFrom('session as x')
    .innerJoin('series as s', 's.id', 'x.series_id')
    .leftJoin('venue as v', (join) =>
      join.on((eb) => eb('v.id', '=', eb.fn.coalesce('x.venue_id', 's.venue_id'))),
    )
    .select([
      'x.id',
      'x.ordinal',
      'x.starts_at',
      'x.ends_at',
      'x.question_da',
      'x.question_en',
      'x.mode',
      'x.meeting_url',
      'x.sequence',
      'x.status',
      'v.name as venue_name',
      'v.street as venue_street',
      'v.postal_code as venue_postal_code',
      'v.city as venue_city',
    ])
    .where('x.series_id', '=', seriesId)
    .orderBy('x.ordinal')
    .execute();
}

// ——— Series editing (editing.ts) ———

export async function slugInUse(db: Executor, slug: string, exceptId?: string): Promise<boolean> {
  let q = db.selectFrom('series').select('id').where('slug', '=', slug);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function insertSeries(db: Executor, row: Insertable<SeriesTable>): Promise<void> {
  await db.insertInto('series').values(row).execute();
}

/** Writes the changed columns and bumps the version, so the cached pages of the series go stale at once. */
export async function updateSeriesRow(
  db: Executor,
  id: string,
  changes: Updateable<SeriesTable>,
  at: string,
): Promise<void> {
  await db
    .updateTable('series')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1), updated_at: at }))
    .where('id', '=', id)
    .execute();
}

export async function insertSessions(db: Executor, rows: Insertable<SessionTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('session').values(rows).execute();
}

export async function sessionCount(db: Executor, seriesId: string): Promise<number> {
  const row = await db
    .selectFrom('session')
    .select((e) => e.fn.countAll<number>().as('n'))
    .where('series_id', '=', seriesId)
    .where('status', '=', 'scheduled')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** One series' summary whatever its status (the organiser's preview): the public query without its filter. */
export function anySeriesSummary(db: Executor, seats: SeatCounts, slug: string) {
  return summariesQuery(db, seats, { drafts: true }).where('s.slug', '=', slug).executeTakeFirst();
}

/** Scheduled in-person sessions held at a venue (their own, or their series' when they have none), not yet over. */
export function sessionsHeldAt(db: Executor, venueId: string, now: string) {
  return db
    .selectFrom('session as x')
    .innerJoin('series as s', 's.id', 'x.series_id')
    .selectAll('x')
    .where('x.status', '=', 'scheduled')
    .where('x.mode', '=', 'in_person')
    .where('x.ends_at', '>', now)
    .where((eb) =>
      eb.or([
        eb('x.venue_id', '=', venueId),
        eb.and([eb('x.venue_id', 'is', null), eb('s.venue_id', '=', venueId)]),
      ]),
    )
    .orderBy('x.series_id')
    .orderBy('x.ordinal')
    .execute();
}

/** A series' organiser and the accounts linked to its facilitator and its sessions' experts (cancelled too). */
export function castAccountsOfSeries(db: Executor, seriesId: string) {
  return Promise.all([
    db
      .selectFrom('series as s')
      .leftJoin('person as f', 'f.id', 's.facilitator_id')
      .select(['s.organiser_id', 'f.account_id as facilitator_account_id'])
      .where('s.id', '=', seriesId)
      .executeTakeFirst(),
    db
      .selectFrom('session as x')
      .innerJoin('person as p', 'p.id', 'x.expert_id')
      .select(['x.id as session_id', 'p.account_id'])
      .where('x.series_id', '=', seriesId)
      .where('p.account_id', 'is not', null)
      .execute(),
  ]);
}
