import type { Database } from '../../db/database.ts';
import { lockSeries } from '../../db/lock.ts';
import { enqueueMail } from '../../email/outbox.ts';
import { type Actor, SYSTEM_ACTOR, writeAudit } from '../../shared/audit.ts';
import type { Clock } from '../../shared/clock.ts';
import type { Lang } from '../../shared/danish.ts';
import { AppError } from '../../shared/errors.ts';
import type { CreditChoice } from '../invoicing/rules.ts';
import {
  type CreditOutcome,
  creditRegistration,
  type IssuedDocument,
  issueInvoices,
} from '../invoicing/service.ts';
import type { RateLimits } from '../limits/service.ts';
import type { RegistrationState } from '../series/service.ts';
import { cancelledMail } from './emails.ts';
import { queueRegistration } from './group-commit.ts';
import { confirmed, mailContextFor, type RegistrationSeries } from './mail-context.ts';
import * as q from './queries.ts';
import { canAnswerOffer, canCancel } from './rules.ts';

export { canCancel, statusKey } from './rules.ts';

import { isEligible, type RegistrationForm } from './schemas.ts';
import { settle, withRegistration } from './settle.ts';
import type { RegistrationStatus } from './table.ts';

export {
  type ConfirmationSubject,
  type ConfirmOutcome,
  checkConfirmToken,
  confirmWithCode,
  confirmWithToken,
} from './confirm.ts';
export { type RegistrationSeries, registrationSeries } from './mail-context.ts';
export {
  type PersonRegistration,
  type PersonRegistrationStatus,
  registrationsOfPerson,
} from './person-registrations.ts';

// Every seat change runs here, in one transaction that first locks the series; mails and audit rows are
// written in the same transaction, so they exist exactly when the change does.

export interface RegistrationDeps {
  database: Database;
  clock: Clock;
  baseUrl: string;
  offerHours: number;
  /** How long a new registration holds its place while it waits for confirmation by mail. */
  confirmHours: number;
  /** The registration limits; forms that come with a sender's address count into them. */
  rateLimits?: RateLimits;
}

/**
 * What a sent form led to. 'reserved', 'waitlisted' and 'already-registered' all await the person's mail
 * and show the same page, so the page never tells a stranger who is registered.
 */
export type RegisterOutcome =
  | { kind: 'reserved'; registrationId: string; awaitingUntil: string }
  | { kind: 'waitlisted'; registrationId: string; position: number; awaitingUntil: string }
  | { kind: 'already-registered'; email: string; awaitingUntil: string }
  /** Over a registration limit (per IP, participant or invoice contact): nothing stored. */
  | { kind: 'rate-limited'; retryAt: Date }
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
      await issueInvoices(tx, [row], { now, actor: input.actor, baseUrl: deps.baseUrl });
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
