import { type Insertable, sql, type Updateable } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { SeatCounts } from '../series/service.ts';
import {
  type AttendeeTable,
  type BuyerTable,
  type RegistrationConfirmationTable,
  type RegistrationTable,
  SEAT_AWAITING_STATUS,
  SEAT_CLAIMING_STATUSES,
  SEAT_TAKING_STATUSES,
} from './table.ts';

// All SQL of the registration module.

/** The buyer's and the attendee's columns next to the registration's, prefixed (model.ts reads them). */
const PARTY_COLUMNS = [
  'b.id as buyer_id',
  'b.organisation_type as buyer_organisation_type',
  'b.organisation_name as buyer_organisation_name',
  'b.cvr as buyer_cvr',
  'b.address_street as buyer_address_street',
  'b.address_postal_code as buyer_address_postal_code',
  'b.address_city as buyer_address_city',
  'b.public_buyer as buyer_public_buyer',
  'b.ean as buyer_ean',
  'b.person_reference as buyer_person_reference',
  'b.order_number as buyer_order_number',
  'b.kontostreng as buyer_kontostreng',
  'b.invoice_contact_name as buyer_invoice_contact_name',
  'b.invoice_contact_email as buyer_invoice_contact_email',
  'b.terms_accepted_at as buyer_terms_accepted_at',
  'a.id as attendee_id',
  'a.name as attendee_name',
  'a.email as attendee_email_address',
  'a.phone as attendee_phone',
  'a.job_title as attendee_job_title',
  'a.management_level as attendee_management_level',
  'a.dietary_needs as attendee_dietary_needs',
  'a.dietary_deleted_at as attendee_dietary_deleted_at',
  'a.directory_consent as attendee_directory_consent',
  'a.account_id as attendee_account_id',
] as const;

/** Registrations with their buyer and attendee (one of each per registration). */
function withParties(db: Executor) {
  return db
    .selectFrom('registration as r')
    .innerJoin('buyer as b', 'b.registration_id', 'r.id')
    .innerJoin('attendee as a', 'a.registration_id', 'r.id')
    .selectAll('r')
    .select(PARTY_COLUMNS);
}

export type RegistrationRow = Awaited<ReturnType<ReturnType<typeof withParties>['executeTakeFirstOrThrow']>>;

/**
 * What the seat rules need, without reading the whole waitlist: every taken seat (confirmed, reserved or
 * offered, at most about `capacity` rows), the first `capacity` people in line who have confirmed — nobody
 * further back can be offered a seat in one go —, the unconfirmed registrations whose deadline has passed
 * (they lapse now), and the first unconfirmed person still in line (so a newcomer queues behind them).
 */
export async function seatRows(db: Executor, seriesId: string, capacity: number, now: string) {
  const cols = [
    'id',
    'status',
    'seq',
    'offer_expires_at as offerExpiresAt',
    'awaiting_until as awaitingUntil',
    'verified_at',
  ] as const;
  const of = () => db.selectFrom('registration').select(cols).where('series_id', '=', seriesId);
  const line = (verified: boolean) =>
    of()
      .where('status', '=', 'waitlisted')
      .where('verified_at', verified ? 'is not' : 'is', null);
  const [taking, head, lapsed, waiting] = await Promise.all([
    of().where('status', 'in', ['confirmed', 'reserved', 'offered']).execute(),
    line(true).orderBy('seq').limit(capacity).execute(),
    line(false).where('awaiting_until', '<=', now).execute(),
    line(false).where('awaiting_until', '>', now).orderBy('seq').limit(1).execute(),
  ]);
  return [...taking, ...head, ...lapsed, ...waiting].map(({ verified_at, ...r }) => ({
    ...r,
    verified: verified_at !== null,
  }));
}

/** The highest arrival number so far (0 for none), from the (series_id, seq) index. */
export async function maxSeq(db: Executor, seriesId: string): Promise<number> {
  const row = await db
    .selectFrom('registration')
    .select('seq')
    .where('series_id', '=', seriesId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.seq ?? 0;
}

/** Position in line: how many wait with a lower arrival number, plus one. */
export async function positionOf(db: Executor, seriesId: string, seq: number): Promise<number> {
  const row = await db
    .selectFrom('registration')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('series_id', '=', seriesId)
    .where('status', '=', 'waitlisted')
    .where('seq', '<', seq)
    .executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}

/**
 * Which of these emails already have a confirmed, active registration in the series (the ones the unique
 * index guards). Unconfirmed and ended registrations never block anyone.
 */
export async function registeredEmails(db: Executor, seriesId: string, emails: string[]): Promise<string[]> {
  if (emails.length === 0) return [];
  const rows = await db
    .selectFrom('registration')
    .select('attendee_email')
    .where('series_id', '=', seriesId)
    .where('attendee_email', 'in', emails)
    .where('verified_at', 'is not', null)
    .where('status', 'in', ['confirmed', 'offered', 'waitlisted'])
    .execute();
  return rows.map((r) => r.attendee_email);
}

export function byId(db: Executor, id: string) {
  return withParties(db).where('r.id', '=', id).executeTakeFirst();
}

export function byIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return withParties(db).where('r.id', 'in', ids).execute();
}

/** New registrations with their buyers and attendees: three statements, in the order the keys need. */
export async function insertMany(
  db: Executor,
  rows: {
    registration: Insertable<RegistrationTable>;
    buyer: Insertable<BuyerTable>;
    attendee: Insertable<AttendeeTable>;
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('registration')
    .values(rows.map((r) => r.registration))
    .execute();
  await db
    .insertInto('buyer')
    .values(rows.map((r) => r.buyer))
    .execute();
  await db
    .insertInto('attendee')
    .values(rows.map((r) => r.attendee))
    .execute();
}

/** The attendee's account, once the registration is confirmed. */
export async function setAttendeeAccount(
  db: Executor,
  attendeeId: string,
  accountId: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('attendee')
    .set({ account_id: accountId, updated_at: at })
    .where('id', '=', attendeeId)
    .execute();
}

/** The attendee names of these registrations (for other modules' lists), by registration id. */
export async function attendeeNames(db: Executor, registrationIds: string[]) {
  if (registrationIds.length === 0) return [];
  return db
    .selectFrom('attendee')
    .select(['registration_id', 'name'])
    .where('registration_id', 'in', registrationIds)
    .execute();
}

export async function update(
  db: Executor,
  id: string,
  changes: Updateable<RegistrationTable>,
): Promise<void> {
  await db.updateTable('registration').set(changes).where('id', '=', id).execute();
}

/** Every registration of a series in arrival order (organiser view). */
export function ofSeries(db: Executor, seriesId: string) {
  return withParties(db).where('r.series_id', '=', seriesId).orderBy('r.seq').execute();
}

/**
 * The registrations of an account, and those made with its email that still await confirmation (they have
 * no account yet: the person sees them once signed in).
 */
export function ofAccount(db: Executor, account: { id: string; email: string }) {
  return withParties(db)
    .where((eb) =>
      eb.or([
        eb('a.account_id', '=', account.id),
        eb.and([
          eb('a.account_id', 'is', null),
          eb('r.attendee_email', '=', account.email),
          eb('r.verified_at', 'is', null),
          eb('r.status', 'in', ['reserved', 'waitlisted']),
        ]),
      ]),
    )
    .orderBy('r.created_at', 'desc')
    .orderBy('r.seq', 'desc')
    .execute();
}

/** Series with an offer whose deadline has passed or an unconfirmed registration past its deadline. */
export function seriesWithDueOffers(db: Executor, now: string) {
  return db
    .selectFrom('registration')
    .select('series_id')
    .distinct()
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'offered'), eb('offer_expires_at', '<=', now)]),
        eb.and([
          eb('verified_at', 'is', null),
          eb('status', 'in', ['reserved', 'waitlisted']),
          eb('awaiting_until', '<=', now),
        ]),
      ]),
    )
    .execute();
}

/**
 * Registrations of these emails that await confirmation and still hold their place, with when their last
 * confirmation mail was made (the same form sent again finds its registration here).
 */
export function awaitingOf(db: Executor, seriesId: string, emails: string[], now: string) {
  if (emails.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('registration as r')
    .select(['r.id', 'r.attendee_email', 'r.form_digest', 'r.status', 'r.seq', 'r.awaiting_until'])
    .select((eb) =>
      eb
        .selectFrom('registration_confirmation as c')
        .whereRef('c.registration_id', '=', 'r.id')
        .select((e) => e.fn.max('c.created_at').as('m'))
        .as('last_mail_at'),
    )
    .where('r.series_id', '=', seriesId)
    .where('r.attendee_email', 'in', emails)
    .where('r.verified_at', 'is', null)
    .where('r.status', 'in', ['reserved', 'waitlisted'])
    .where('r.awaiting_until', '>', now)
    .execute();
}

/** Other unconfirmed registrations with the same email in the series: confirming one ends these. */
export function otherAwaiting(db: Executor, seriesId: string, email: string, exceptId: string) {
  return db
    .selectFrom('registration')
    .select(['id', 'status'])
    .where('series_id', '=', seriesId)
    .where('attendee_email', '=', email)
    .where('verified_at', 'is', null)
    .where('status', 'in', ['reserved', 'waitlisted'])
    .where('id', '!=', exceptId)
    .execute();
}

// Confirmation tokens and codes.

export async function insertConfirmations(
  db: Executor,
  rows: Insertable<RegistrationConfirmationTable>[],
): Promise<void> {
  if (rows.length > 0) await db.insertInto('registration_confirmation').values(rows).execute();
}

export function confirmationByTokenHash(db: Executor, tokenHash: string) {
  return db
    .selectFrom('registration_confirmation')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/**
 * Counts one code try against every live confirmation of the email whose code is not yet dead, and
 * returns them (with the count before this try) for comparing the code.
 */
export async function takeConfirmCodeAttempt(db: Executor, email: string, now: string, maxAttempts: number) {
  const live = await db
    .selectFrom('registration_confirmation')
    .selectAll()
    .where('email', '=', email)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .where('code_attempts', '<', maxAttempts)
    .execute();
  if (live.length === 0) return live;
  await db
    .updateTable('registration_confirmation')
    .set((eb) => ({ code_attempts: eb('code_attempts', '+', 1) }))
    .where(
      'id',
      'in',
      live.map((c) => c.id),
    )
    .execute();
  return live;
}

/** Spends every confirmation of a registration (either recipient's link or code then says "already"). */
export async function spendConfirmations(db: Executor, registrationId: string, now: string): Promise<void> {
  await db
    .updateTable('registration_confirmation')
    .set({ used_at: now })
    .where('registration_id', '=', registrationId)
    .where('used_at', 'is', null)
    .execute();
}

/** Confirmations that can no longer be used are kept a day for their "already used / expired" pages. */
export async function deleteOldConfirmations(db: Executor, before: string): Promise<void> {
  await db.deleteFrom('registration_confirmation').where('expires_at', '<', before).execute();
}

/** Counts per status for each series (organiser overview). */
export function statusCounts(db: Executor) {
  return db
    .selectFrom('registration')
    .select(['series_id', 'status'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .groupBy(['series_id', 'status'])
    .execute();
}

export function recentAudit(db: Executor, limit: number) {
  return db.selectFrom('audit').selectAll().orderBy('at', 'desc').orderBy('id').limit(limit).execute();
}

/** Who a confirmation link confirms, for its button page. */
export function confirmationFacts(db: Executor, registrationId: string) {
  return db
    .selectFrom('registration as r')
    .innerJoin('attendee as a', 'a.registration_id', 'r.id')
    .innerJoin('buyer as b', 'b.registration_id', 'r.id')
    .select(['a.name as attendee_name', 'b.organisation_name', 'r.series_id'])
    .where('r.id', '=', registrationId)
    .executeTakeFirst();
}

/** What the organiser's cancel page shows of a registration. */
export function cancelFacts(db: Executor, registrationId: string) {
  return db
    .selectFrom('registration as r')
    .innerJoin('attendee as a', 'a.registration_id', 'r.id')
    .innerJoin('buyer as b', 'b.registration_id', 'r.id')
    .select([
      'r.id',
      'r.series_id',
      'r.seq',
      'r.status',
      'r.verified_at',
      'a.name as attendee_name',
      'a.email as attendee_email',
      'b.organisation_name',
    ])
    .where('r.id', '=', registrationId)
    .executeTakeFirst();
}

/** Dietary notes of the registrations of these series (those that have ended): kept no longer. */
export async function eraseDietaryNeedsOf(
  db: Executor,
  seriesIds: readonly string[],
  now: string,
): Promise<number> {
  if (seriesIds.length === 0) return 0;
  const result = await db
    .updateTable('attendee')
    .set({ dietary_needs: null, dietary_deleted_at: now, updated_at: now })
    .where('dietary_needs', 'is not', null)
    .where((eb) =>
      eb(
        'registration_id',
        'in',
        eb
          .selectFrom('registration')
          .select('registration.id')
          .where('registration.series_id', 'in', seriesIds),
      ),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * The series' seat counts (series/service.ts `SeatCounts`): subqueries over this module's table that the
 * series summary query embeds, so its cache stamp stays one query. The composition root passes them in.
 */
export const seatCounts: SeatCounts = {
  claimed: (db, seriesId) =>
    sql<number>`${db
      .selectFrom('registration as r')
      .where('r.series_id', '=', seriesId)
      .where('r.status', 'in', SEAT_CLAIMING_STATUSES)
      .select((e) => e.fn.countAll<number>().as('n'))}`,
  awaiting: (db, seriesId) =>
    sql<number>`${db
      .selectFrom('registration as r')
      .where('r.series_id', '=', seriesId)
      .where('r.status', '=', SEAT_AWAITING_STATUS)
      .select((e) => e.fn.countAll<number>().as('n'))}`,
};

/** The attendees of a series' confirmed registrations, in arrival order: who a session change is mailed to. */
export function confirmedAttendeeRows(db: Executor, seriesId: string) {
  return db
    .selectFrom('registration as r')
    .innerJoin('attendee as a', 'a.registration_id', 'r.id')
    .select(['r.id as registrationId', 'a.name', 'a.email', 'a.account_id as accountId', 'r.lang'])
    .where('r.series_id', '=', seriesId)
    .where('r.status', '=', 'confirmed')
    .orderBy('r.seq')
    .execute();
}

// ——— Series editing ———

/** Seats held in a series: confirmed, reserved (awaiting confirmation) and offered (SEAT_TAKING_STATUSES). */
export async function seatsHeldIn(db: Executor, seriesId: string): Promise<number> {
  const row = await db
    .selectFrom('registration')
    .select((e) => e.fn.countAll<number>().as('n'))
    .where('series_id', '=', seriesId)
    .where('status', 'in', SEAT_TAKING_STATUSES)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

// ——— The member directory (issue 11): the consent given at registration, read and changed for the directory
// module through registration/directory.ts ———

/** Confirmed attendees of a series with an account who consented to the directory, by name. */
export function directoryAttendeeRows(db: Executor, seriesId: string) {
  return db
    .selectFrom('registration as r')
    .innerJoin('attendee as a', 'a.registration_id', 'r.id')
    .innerJoin('buyer as b', 'b.registration_id', 'r.id')
    .select([
      'a.account_id as accountId',
      'a.name',
      'a.job_title as jobTitle',
      'b.organisation_name as organisation',
    ])
    .where('r.series_id', '=', seriesId)
    .where('r.status', '=', 'confirmed')
    .where('a.directory_consent', '=', 1)
    .where('a.account_id', 'is not', null)
    .orderBy('a.name')
    .orderBy('a.id')
    .execute();
}

/** The confirmed registrations of an account, each with its attendee's directory consent. */
export function directoryConsentRows(db: Executor, accountId: string) {
  return db
    .selectFrom('registration as r')
    .innerJoin('attendee as a', 'a.registration_id', 'r.id')
    .select(['r.series_id as seriesId', 'a.id as attendeeId', 'a.directory_consent as consent'])
    .where('a.account_id', '=', accountId)
    .where('r.status', '=', 'confirmed')
    .execute();
}

export function setAttendeeDirectoryConsent(db: Executor, attendeeId: string, consent: boolean, at: string) {
  return db
    .updateTable('attendee')
    .set({ directory_consent: consent ? 1 : 0, updated_at: at })
    .where('id', '=', attendeeId)
    .executeTakeFirst();
}
