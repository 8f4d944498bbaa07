import type { Insertable } from 'kysely';
import type { Database, Tx } from '../../db/database.ts';
import { lockSeries } from '../../db/lock.ts';
import { enqueueMail, type OutgoingMail } from '../../email/outbox.ts';
import { type Actor, type AuditEntry, SYSTEM_ACTOR, writeAudit, writeAudits } from '../../shared/audit.ts';
import type { Clock } from '../../shared/clock.ts';
import type { Lang } from '../../shared/danish.ts';
import { AppError } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { ensureAccount } from '../auth/service.ts';
import {
  acceptsRegistrations,
  isPublic,
  type RegistrationState,
  registrationState,
} from '../series/rules.ts';
import { cancelledMail, offerExpiredMail, offeredMail, waitlistedMail } from './emails.ts';
import {
  confirmed,
  type MailContextFor,
  mailContextFor,
  type Price,
  priceOf,
  type RegistrationSeries,
  seriesMail,
} from './mail-context.ts';
import * as q from './queries.ts';
import { canAnswerOffer, canCancel, decideNewRegistration, type SeatRow, settleSeats } from './rules.ts';
import { isEligible, type RegistrationForm } from './schemas.ts';
import type { RegistrationStatus, RegistrationTable } from './table.ts';

export { type RegistrationSeries, registrationSeries } from './mail-context.ts';

// Every seat change runs here, in one transaction that first locks the series; mails and audit rows are
// written in the same transaction, so they exist exactly when the change does.

export interface RegistrationDeps {
  database: Database;
  clock: Clock;
  baseUrl: string;
  offerHours: number;
}

export type RegisterOutcome =
  | { kind: 'confirmed'; registrationId: string }
  | { kind: 'waitlisted'; registrationId: string; position: number }
  | { kind: 'already-registered'; email: string }
  | { kind: 'not-eligible' }
  | { kind: 'closed'; state: RegistrationState };

/** Returns null when there is no public series with that slug. */
export async function register(
  deps: RegistrationDeps,
  slug: string,
  form: RegistrationForm,
  lang: Lang,
): Promise<RegisterOutcome | null> {
  const series = await q.seriesForRegistration(deps.database.db, slug);
  return series ? registerIn(deps, series, form, lang) : null;
}

/** register() in a series already found (registrationSeries). */
export async function registerIn(
  deps: RegistrationDeps,
  series: RegistrationSeries['terms'],
  form: RegistrationForm,
  lang: Lang,
): Promise<RegisterOutcome | null> {
  // Nothing is stored for someone who may not take part.
  if (!isEligible(form.management_level, form.organisation_type)) return { kind: 'not-eligible' };
  return new Promise((resolve, reject) => {
    queueRegistration(deps, series, { form, lang, resolve, reject });
  });
}

// A rush: registrations for one series that arrive while its transaction runs wait for the next one and
// then go in together, in arrival order: one lock, one read of the seats, one commit (group commit). Each is
// decided exactly as if it had come alone, so the outcomes are the same; the lock is taken once per group
// instead of once per person, which is what lets a rush through quickly, above all on PostgreSQL, where
// every statement under the lock is a round trip that every other instance waits for.

interface Pending {
  form: RegistrationForm;
  lang: Lang;
  resolve(outcome: RegisterOutcome | null): void;
  reject(error: unknown): void;
}

type SeriesRef = q.SeriesTerms;

/** Per database and series: who waits for the running transaction. Present while one runs. */
const waiting = new WeakMap<Database, Map<string, Pending[]>>();
/** At most this many in one transaction: the bulk insert binds ~30 values for each. */
const GROUP_MAX = 50;

function queueRegistration(deps: RegistrationDeps, series: SeriesRef, pending: Pending): void {
  let bySeries = waiting.get(deps.database);
  if (!bySeries) {
    bySeries = new Map();
    waiting.set(deps.database, bySeries);
  }
  const queue = bySeries.get(series.id);
  if (queue) {
    queue.push(pending);
    return;
  }
  const started = [pending];
  bySeries.set(series.id, started);
  void drain(deps, series, bySeries, started);
}

async function drain(
  deps: RegistrationDeps,
  series: SeriesRef,
  bySeries: Map<string, Pending[]>,
  queue: Pending[],
): Promise<void> {
  try {
    while (queue.length > 0) {
      // Let the requests that are ready already reach the queue first (one turn of the event loop): with
      // SQLite every query runs synchronously, so they get no other chance while a transaction runs.
      await new Promise((resolve) => setImmediate(resolve));
      const group = queue.splice(0, GROUP_MAX);
      try {
        const outcomes = await registerGroup(deps, series, group);
        for (const [i, p] of group.entries()) p.resolve(outcomes[i] ?? null);
      } catch (error) {
        if (group.length === 1) {
          group[0]?.reject(error);
          continue;
        }
        // One registration that fails must not fail the others: each again on its own.
        for (const p of group) {
          try {
            p.resolve((await registerGroup(deps, series, [p]))[0] ?? null);
          } catch (single) {
            p.reject(single);
          }
        }
      }
    }
  } finally {
    // Nothing can join between the last check and here: there is no await in between.
    bySeries.delete(series.id);
  }
}

/** Registers each in arrival order under one lock of the series, in one transaction. */
async function registerGroup(
  deps: RegistrationDeps,
  series: SeriesRef,
  group: readonly Pick<Pending, 'form' | 'lang'>[],
): Promise<(RegisterOutcome | null)[]> {
  const { db, dialect } = deps.database;
  const now = deps.clock.now();
  const none = () => group.map(() => null);
  // What the seats do not decide is read before the lock: the mail texts (kept per series version) and the
  // organiser.
  const mail = await mailContextFor(db, deps, series);
  if (!mail) return none();
  const emails = group.map((p) => p.form.participant_email);
  try {
    return await db.transaction().execute(async (tx) => {
      // The accounts do not depend on the seats either: made before the lock, in this transaction, for
      // everyone not registered already (checked again under the lock).
      const accounts = new Map<string, string>();
      const ensure = async (form: RegistrationForm) => {
        const email = form.participant_email;
        const id = await ensureAccount(tx, { email, name: form.participant_name, role: 'participant' }, now);
        accounts.set(email, id);
        return id;
      };
      const before = new Set(await q.registeredEmails(tx, series.id, emails));
      // The first of several with one email registers: its name goes into the account.
      const firsts = new Map<string, RegistrationForm>();
      for (const { form } of group) {
        const email = form.participant_email;
        if (!before.has(email) && !firsts.has(email)) firsts.set(email, form);
      }
      // In the order of the emails, so that two groups (two instances) with people in common never wait
      // for each other's new accounts in a circle.
      const sorted = [...firsts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      await Promise.all(sorted.map(([, form]) => ensure(form)));

      if (!(await lockSeries(tx, dialect, series.id))) throw new Abandoned(none());
      // The series as it is now (the organiser may have closed or changed it meanwhile); its sessions come
      // with the mail texts, kept per version.
      const terms = await q.seriesTerms(tx, series.id);
      const kept = terms && isPublic(terms.status) ? await seriesMail(tx, deps, terms) : null;
      const mailTo =
        terms?.version === series.version ? mail : terms && (await mailContextFor(tx, deps, terms));
      if (!terms || !kept || !mailTo) throw new Abandoned(none());
      const state = registrationState(
        {
          status: terms.status,
          capacity: terms.capacity,
          // Open or waitlist, a registration is taken either way: the seats are decided below, not here.
          heldSeats: 0,
          registrationOpensAt: terms.registration_opens_at,
          registrationClosesAt: terms.registration_closes_at,
          firstStartsAt: kept.firstStartsAt,
          lastEndsAt: kept.lastEndsAt,
        },
        now,
      );
      if (!acceptsRegistrations(state)) {
        // Nobody registers, so the accounts made above go too.
        throw new Abandoned(group.map(() => ({ kind: 'closed', state })));
      }
      const capacity = terms.capacity;
      const price = priceOf(terms);
      const taken = new Set(await q.registeredEmails(tx, series.id, emails));
      const seats = [...(await settle(tx, deps, series.id, capacity, now, mailTo)).rows];
      let seq = await q.maxSeq(tx, series.id);
      let nextPosition: number | undefined;
      const at = now.toISOString();
      const rows: Insertable<RegistrationTable>[] = [];
      const audits: AuditEntry[] = [];
      const mails: OutgoingMail[] = [];
      const outcomes: RegisterOutcome[] = [];
      for (const { form, lang } of group) {
        const email = form.participant_email;
        if (taken.has(email)) {
          outcomes.push({ kind: 'already-registered', email });
          continue;
        }
        taken.add(email);
        // The seats as they are with everybody before this one in the group: they are in `seats` too.
        const status = decideNewRegistration(seats, capacity, now);
        seq += 1;
        const id = newId();
        seats.push({ id, status, seq, offerExpiresAt: null });
        // Only when a registration vanished between the two checks is the account not made yet.
        const accountId = accounts.get(email) ?? (await ensure(form));
        const row = registrationRow(form, { id, seriesId: series.id, status, accountId, seq, lang, at });
        rows.push(row);
        audits.push({
          actor: { accountId, label: email },
          action: `registration.${status}`,
          entity: 'registration',
          entityId: id,
          after: row,
          at: now,
        });
        const ctx = mailTo(email, form.participant_name, lang);
        if (status === 'confirmed') {
          mails.push(confirmed(ctx, price, form.public_buyer === 'ja'));
          outcomes.push({ kind: 'confirmed', registrationId: id });
        } else {
          // The line before the first of the group is counted once; the group only adds to its end.
          nextPosition ??= await q.positionOf(tx, series.id, seq);
          const position = nextPosition++;
          mails.push(waitlistedMail({ ...ctx, position }));
          outcomes.push({ kind: 'waitlisted', registrationId: id, position });
        }
      }
      // One statement for the registrations and one for the audit lines; a mail each (the outbox takes
      // them one at a time), sent together.
      await Promise.all([
        q.insertMany(tx, rows),
        writeAudits(tx, audits),
        ...mails.map((m) => enqueueMail(tx, m, now)),
      ]);
      return outcomes;
    });
  } catch (error) {
    if (error instanceof Abandoned) return error.outcomes;
    throw error;
  }
}

/** Thrown to roll a group's transaction back when nobody in it registers. */
class Abandoned extends Error {
  constructor(readonly outcomes: (RegisterOutcome | null)[]) {
    super('registration group abandoned');
  }
}

function registrationRow(
  form: RegistrationForm,
  r: {
    id: string;
    seriesId: string;
    status: 'confirmed' | 'waitlisted';
    accountId: string;
    seq: number;
    lang: Lang;
    at: string;
  },
): Insertable<RegistrationTable> {
  return {
    id: r.id,
    series_id: r.seriesId,
    status: r.status,
    account_id: r.accountId,
    seq: r.seq,
    participant_name: form.participant_name,
    participant_email: form.participant_email,
    participant_phone: form.participant_phone || null,
    job_title: form.job_title,
    management_level: form.management_level,
    organisation_type: form.organisation_type,
    organisation_name: form.organisation_name,
    cvr: form.cvr,
    address_street: form.address_street,
    address_postal_code: form.address_postal_code,
    address_city: form.address_city,
    public_buyer: form.public_buyer === 'ja' ? 1 : 0,
    ean: form.ean || null,
    person_reference: form.person_reference || null,
    order_number: form.order_number || null,
    kontostreng: form.kontostreng || null,
    invoice_contact_name: form.invoice_contact_name,
    invoice_contact_email: form.invoice_contact_email,
    dietary_needs: form.dietary_needs || null,
    directory_consent: form.directory_consent ? 1 : 0,
    terms_accepted_at: r.at,
    lang: r.lang,
    confirmed_at: r.status === 'confirmed' ? r.at : null,
    created_at: r.at,
    updated_at: r.at,
  };
}

/**
 * Brings a series' seats up to date: expired offers end, free seats are offered to the head of the line.
 * Must run under the series lock. Returns how many changes it made, and the seat rows as they are now.
 */
async function settle(
  tx: Tx,
  deps: RegistrationDeps,
  seriesId: string,
  capacity: number,
  now: Date,
  mail: MailContextFor,
): Promise<{ changed: number; rows: SeatRow[] }> {
  const rows: SeatRow[] = await q.seatRows(tx, seriesId, capacity);
  const changes = settleSeats(rows, capacity, now, deps.offerHours);
  if (changes.length === 0) return { changed: 0, rows };
  const people = new Map(
    (
      await q.byIds(
        tx,
        changes.map((c) => c.id),
      )
    ).map((r) => [r.id, r]),
  );
  const at = now.toISOString();
  for (const change of changes) {
    const before = people.get(change.id);
    if (!before) continue;
    const ctx = mail(before.participant_email, before.participant_name, before.lang === 'en' ? 'en' : 'da');
    if (change.kind === 'expire') {
      await q.update(tx, change.id, { status: 'expired', updated_at: at });
      await enqueueMail(tx, offerExpiredMail(ctx), now);
    } else {
      await q.update(tx, change.id, {
        status: 'offered',
        offered_at: at,
        offer_expires_at: change.expiresAt,
        updated_at: at,
      });
      await enqueueMail(tx, offeredMail({ ...ctx, expiresAt: change.expiresAt }), now);
    }
    await writeAudit(tx, {
      actor: SYSTEM_ACTOR,
      action: change.kind === 'expire' ? 'registration.offer-expired' : 'registration.offered',
      entity: 'registration',
      entityId: change.id,
      before: { status: before.status, offer_expires_at: before.offer_expires_at },
      after:
        change.kind === 'expire'
          ? { status: 'expired' }
          : { status: 'offered', offer_expires_at: change.expiresAt },
      at: now,
    });
  }
  return { changed: changes.length, rows: await q.seatRows(tx, seriesId, capacity) };
}

/** Runs `work` on one registration under its series' lock, after settling the series' seats. */
async function withRegistration<T>(
  deps: RegistrationDeps,
  registrationId: string,
  work: (
    tx: Tx,
    row: NonNullable<Awaited<ReturnType<typeof q.byId>>>,
    mail: MailContextFor,
    price: Price,
  ) => Promise<T>,
): Promise<T> {
  const now = deps.clock.now();
  return deps.database.db.transaction().execute(async (tx) => {
    const found = await q.byId(tx, registrationId);
    if (!found) throw new AppError('not_found', 'no such registration');
    await lockSeries(tx, deps.database.dialect, found.series_id);
    const series = await q.seriesTerms(tx, found.series_id);
    const mail = series && isPublic(series.status) ? await mailContextFor(tx, deps, series) : null;
    if (!series || !mail) throw new AppError('not_found', 'series not public');
    await settle(tx, deps, found.series_id, series.capacity, now, mail);
    const row = await q.byId(tx, registrationId);
    if (!row) throw new AppError('not_found', 'no such registration');
    const result = await work(tx, row, mail, priceOf(series));
    // Whatever `work` freed goes to the line at once.
    await settle(tx, deps, found.series_id, series.capacity, now, mail);
    return result;
  });
}

export type CancelOutcome =
  | { kind: 'cancelled'; previous: RegistrationStatus }
  | { kind: 'not-cancellable'; status: RegistrationStatus };

/** The organiser cancels a registration with a reason; a freed seat is offered to the head of the line. */
export async function cancelRegistration(
  deps: RegistrationDeps,
  input: { registrationId: string; reason: string; actor: Actor },
): Promise<CancelOutcome> {
  const now = deps.clock.now();
  return withRegistration(deps, input.registrationId, async (tx, row, mail) => {
    if (!canCancel(row.status)) return { kind: 'not-cancellable', status: row.status };
    const at = now.toISOString();
    await q.update(tx, row.id, {
      status: 'cancelled',
      cancelled_at: at,
      cancel_reason: input.reason,
      updated_at: at,
    });
    await writeAudit(tx, {
      actor: input.actor,
      action: 'registration.cancelled',
      entity: 'registration',
      entityId: row.id,
      before: { status: row.status },
      after: { status: 'cancelled', cancel_reason: input.reason },
      at: now,
    });
    const ctx = mail(row.participant_email, row.participant_name, row.lang === 'en' ? 'en' : 'da');
    await enqueueMail(tx, cancelledMail({ ...ctx, reason: input.reason }), now);
    return { kind: 'cancelled', previous: row.status };
  });
}

export type AnswerOutcome = { kind: 'accepted' } | { kind: 'declined' } | { kind: 'too-late' };

/** The person offered a seat accepts (binding) or declines it. Only their own registration. */
export async function answerOffer(
  deps: RegistrationDeps,
  input: { registrationId: string; accountId: string; accept: boolean; actor: Actor },
): Promise<AnswerOutcome> {
  const now = deps.clock.now();
  return withRegistration(deps, input.registrationId, async (tx, row, mail, price) => {
    if (row.account_id !== input.accountId) throw new AppError('not_found', 'not yours');
    if (!canAnswerOffer({ status: row.status, offerExpiresAt: row.offer_expires_at }, now))
      return { kind: 'too-late' };
    const at = now.toISOString();
    const status = input.accept ? 'confirmed' : 'declined';
    await q.update(tx, row.id, { status, confirmed_at: input.accept ? at : null, updated_at: at });
    await writeAudit(tx, {
      actor: input.actor,
      action: input.accept ? 'registration.offer-accepted' : 'registration.offer-declined',
      entity: 'registration',
      entityId: row.id,
      before: { status: row.status },
      after: { status },
      at: now,
    });
    if (input.accept) {
      const ctx = mail(row.participant_email, row.participant_name, row.lang === 'en' ? 'en' : 'da');
      await enqueueMail(tx, confirmed(ctx, price, row.public_buyer === 1), now);
      return { kind: 'accepted' };
    }
    return { kind: 'declined' };
  });
}

/** The background job (and any reader that wants fresh seats): settle every series with a lapsed offer. */
export async function expireDueOffers(deps: RegistrationDeps): Promise<number> {
  const now = deps.clock.now();
  const due = await q.seriesWithDueOffers(deps.database.db, now.toISOString());
  let changed = 0;
  for (const { series_id } of due) changed += await settleSeries(deps, series_id);
  return changed;
}

/** Settles one series now. */
export async function settleSeries(deps: RegistrationDeps, seriesId: string): Promise<number> {
  const now = deps.clock.now();
  return deps.database.db.transaction().execute(async (tx) => {
    if (!(await lockSeries(tx, deps.database.dialect, seriesId))) return 0;
    const series = await tx
      .selectFrom('series')
      .select(['id', 'slug', 'capacity', 'version'])
      .where('id', '=', seriesId)
      .executeTakeFirstOrThrow();
    const mail = await mailContextFor(tx, deps, series);
    if (!mail) return 0;
    return (await settle(tx, deps, seriesId, series.capacity, now, mail)).changed;
  });
}

/** Deletes the dietary notes of every series that has ended, with one audit row per run that erased any. */
export async function eraseDietaryNeeds(deps: RegistrationDeps): Promise<number> {
  const now = deps.clock.now();
  return deps.database.db.transaction().execute(async (tx) => {
    const erased = await q.eraseDietaryNeedsAfter(tx, now.toISOString());
    if (erased > 0) {
      await writeAudit(tx, {
        actor: SYSTEM_ACTOR,
        action: 'registration.dietary-erased',
        entity: 'registration',
        entityId: '*',
        after: { erased },
        at: now,
      });
    }
    return erased;
  });
}
