import type { Executor } from '../../db/database.ts';
import { enqueueMail } from '../../email/outbox.ts';
import { type Actor, auditedChange, SYSTEM_ACTOR } from '../../shared/audit.ts';
import type { Lang } from '../../shared/danish.ts';
import { AppError } from '../../shared/errors.ts';
import {
  type CreditChoice,
  type CreditOutcome,
  creditRegistration,
  type IssuedDocument,
  issueInvoices,
} from '../invoicing/service.ts';
import { endedSeriesIds, seriesTermsBySlug } from '../series/service.ts';
import type { RegistrationDeps } from './deps.ts';
import { cancelledMail } from './emails.ts';
import { queueRegistration, type RegisterOutcome } from './group-commit.ts';
import { confirmed, type RegistrationSeries } from './mail-context.ts';
import * as q from './queries.ts';
import { canAnswerOffer, canCancel } from './rules.ts';
import { isEligible, type RegistrationForm } from './schemas.ts';
import { withRegistration } from './settle.ts';
import type { RegistrationStatus } from './table.ts';

// The registration module's only door. Every seat change runs here (or in confirm.ts), in one transaction
// that first locks the series; mails and audit rows are written in the same transaction, so they exist
// exactly when the change does. Other modules and the views get domain objects (model.ts), never rows.

/** Who is told of a change to the series' sessions (the programme module's mails). */
export { confirmedAttendees, type SeriesAttendee } from './attendees.ts';
export {
  type ConfirmationSubject,
  type ConfirmOutcome,
  checkConfirmToken,
  confirmWithCode,
  confirmWithToken,
} from './confirm.ts';
export { type RegistrationDeps, registrationDeps } from './deps.ts';
/** The member directory's consent, given at registration (issue 11; the directory module's door to it). */
export {
  type DirectoryAttendee,
  type DirectoryConsent,
  directoryAttendees,
  directoryConsentsOf,
  setDirectoryConsent,
} from './directory.ts';
export type { RegisterOutcome } from './group-commit.ts';
export { type RegistrationSeries, registrationSeries } from './mail-context.ts';
export { regMessages } from './messages.ts';
export type { Attendee, Buyer, Registration } from './model.ts';
export {
  type PersonRegistration,
  type PersonRegistrationStatus,
  registrationsOfPerson,
} from './person-registrations.ts';
/** The series' seat counts (series/service.ts SeatCounts), for the composition root to wire in. */
export { seatCounts } from './queries.ts';
export {
  type AuditLogRow,
  auditLog,
  type CancelFacts,
  cancelFacts,
  type MyRegistration,
  myRegistrations,
  type OrganiserRegistration,
  type SeriesOverviewRow,
  seriesOverview,
  seriesRegistrations,
} from './reads.ts';
export { canCancel, statusKey } from './rules.ts';
export { cancelReason } from './schemas.ts';
export { expireDueOffers, settleSeries, settleSeriesLocked } from './settle.ts';
export { REGISTRATION_STATUSES, type RegistrationStatus } from './table.ts';

/** Returns null when there is no public series with that slug. */
export async function register(
  deps: RegistrationDeps,
  slug: string,
  form: RegistrationForm,
  lang: Lang,
): Promise<RegisterOutcome | null> {
  const series = await seriesTermsBySlug(deps.database.db, slug);
  return series ? registerIn(deps, series, form, lang) : null;
}

/** register() in a series already found (registrationSeries). */
export async function registerIn(
  deps: RegistrationDeps,
  series: RegistrationSeries['terms'],
  form: RegistrationForm,
  lang: Lang,
  sender?: { ip: string },
): Promise<RegisterOutcome | null> {
  // Nothing is stored for someone who may not take part.
  if (!isEligible(form.management_level, form.organisation_type)) return { kind: 'not-eligible' };
  return new Promise((resolve, reject) => {
    queueRegistration(deps, series, { form, lang, resolve, reject, ...(sender ? { ip: sender.ip } : {}) });
  });
}

export type CancelOutcome =
  | { kind: 'cancelled'; previous: RegistrationStatus; credit: IssuedDocument | null }
  | { kind: 'not-cancellable'; status: RegistrationStatus }
  | { kind: 'credit-refused'; reason: CreditRefusal; remainingOre: number };

type CreditRefusal = Extract<CreditOutcome, { kind: 'refused' }>['reason'];

/**
 * The organiser cancels a registration with a reason; a freed seat is offered to the head of the line. A
 * confirmed (invoiced) registration is credited as the organiser chooses: in full, in part, or not at all
 * (binding). A credit that cannot be given cancels nothing.
 */
export async function cancelRegistration(
  deps: RegistrationDeps,
  input: { registrationId: string; reason: string; credit: CreditChoice; actor: Actor },
): Promise<CancelOutcome> {
  const now = deps.clock.now();
  return withRegistration(deps, input.registrationId, async (tx, row, mail) => {
    if (!canCancel(row.status)) return { kind: 'not-cancellable', status: row.status };
    let credit: IssuedDocument | null = null;
    if (row.status === 'confirmed') {
      const outcome = await creditRegistration(tx, {
        registrationId: row.id,
        choice: input.credit,
        reason: input.reason,
        now,
        actor: input.actor,
        baseUrl: deps.baseUrl,
      });
      if (outcome.kind === 'refused') {
        return { kind: 'credit-refused', reason: outcome.reason, remainingOre: outcome.remainingOre };
      }
      if (outcome.kind === 'credited') credit = outcome.document;
    }
    const at = now.toISOString();
    await auditedChange(tx, {
      // As withRegistration read it under the series lock (the credit above wrote only invoicing's rows).
      read: async () => row,
      write: (tx, before) =>
        q.update(tx, before.id, {
          status: 'cancelled',
          cancelled_at: at,
          cancel_reason: input.reason,
          updated_at: at,
        }),
      audit: (before) => ({
        actor: input.actor,
        action: 'registration.cancelled',
        entity: 'registration',
        entityId: before.id,
        before: { status: before.status },
        after: { status: 'cancelled', cancel_reason: input.reason },
        at: now,
      }),
    });
    const ctx = mail(row.attendee.email, row.attendee.name, row.lang);
    await enqueueMail(tx, cancelledMail({ ...ctx, reason: input.reason }), now);
    return { kind: 'cancelled', previous: row.status, credit };
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
    if (row.attendee.accountId !== input.accountId) throw new AppError('not_found', 'not yours');
    if (!canAnswerOffer(row, now)) return { kind: 'too-late' };
    const at = now.toISOString();
    const status = input.accept ? 'confirmed' : 'declined';
    await auditedChange(tx, {
      // As withRegistration read it under the series lock.
      read: async () => row,
      write: (tx, before) =>
        q.update(tx, before.id, { status, confirmed_at: input.accept ? at : null, updated_at: at }),
      audit: (before) => ({
        actor: input.actor,
        action: input.accept ? 'registration.offer-accepted' : 'registration.offer-declined',
        entity: 'registration',
        entityId: before.id,
        before: { status: before.status },
        after: { status },
        at: now,
      }),
    });
    if (input.accept) {
      const ctx = mail(row.attendee.email, row.attendee.name, row.lang);
      await enqueueMail(tx, confirmed(ctx, price, row.buyer.publicBuyer), now);
      await issueInvoices(tx, [row], { now, actor: input.actor, baseUrl: deps.baseUrl });
      return { kind: 'accepted' };
    }
    return { kind: 'declined' };
  });
}

/** Deletes the dietary notes of every series that has ended, with one audit row per run that erased any. */
export async function eraseDietaryNeeds(deps: RegistrationDeps): Promise<number> {
  const now = deps.clock.now();
  const { result } = await deps.database.db.transaction().execute((tx) =>
    auditedChange(tx, {
      // What the erase starts from: the series that have ended. The row says how many notes went, never
      // whose or what (there is no per-registration before to keep).
      read: async (tx) => ({ ended: await endedSeriesIds(tx, now) }),
      write: (tx, { ended }) => q.eraseDietaryNeedsOf(tx, ended, now.toISOString()),
      audit: (_before, erased) =>
        erased > 0
          ? {
              actor: SYSTEM_ACTOR,
              action: 'registration.dietary-erased',
              entity: 'registration',
              entityId: '*',
              after: { erased },
              at: now,
            }
          : null,
    }),
  );
  return result;
}

/**
 * Seats held in a series — confirmed, reserved (awaiting confirmation by mail) and offered: what its
 * capacity may not drop below. Read under the series lock, on that transaction.
 */
export function seatsHeld(db: Executor, seriesId: string): Promise<number> {
  return q.seatsHeldIn(db, seriesId);
}
