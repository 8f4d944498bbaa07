import type { Database, Executor, Tx } from '../../db/database.ts';
import { lockSeries } from '../../db/lock.ts';
import { enqueueMail, type OutgoingMail } from '../../email/outbox.ts';
import { type Actor, SYSTEM_ACTOR, writeAudit } from '../../shared/audit.ts';
import type { Clock } from '../../shared/clock.ts';
import type { Lang } from '../../shared/danish.ts';
import { AppError } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { ensureAccount } from '../auth/service.ts';
import { acceptsRegistrations, type RegistrationState } from '../series/rules.ts';
import { type SeriesPage, seriesPage, siteInfo } from '../series/service.ts';
import {
  cancelledMail,
  confirmedMail,
  offerExpiredMail,
  offeredMail,
  type RegistrationMailContext,
  waitlistedMail,
} from './emails.ts';
import * as q from './queries.ts';
import { canAnswerOffer, canCancel, decideNewRegistration, type SeatRow, settleSeats } from './rules.ts';
import { isEligible, type RegistrationForm } from './schemas.ts';
import type { RegistrationStatus } from './table.ts';

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
  if (!isEligible(form.management_level, form.organisation_type)) {
    // Nothing is stored for someone who may not take part.
    return (await q.seriesForRegistration(deps.database.db, slug)) ? { kind: 'not-eligible' } : null;
  }
  const now = deps.clock.now();
  return deps.database.db.transaction().execute(async (tx) => {
    const series = await q.seriesForRegistration(tx, slug);
    if (!series || !(await lockSeries(tx, deps.database.dialect, series.id))) return null;
    const page = await seriesPage(tx, slug, lang, now);
    if (!page) return null;
    if (!acceptsRegistrations(page.summary.state)) return { kind: 'closed', state: page.summary.state };
    if (await q.byEmail(tx, series.id, form.participant_email)) {
      return { kind: 'already-registered', email: form.participant_email };
    }
    const mail = await mailContextFactory(tx, deps, page);
    await settle(tx, deps, series.id, series.capacity, now, mail);

    const rows = await q.seatRows(tx, series.id, series.capacity);
    const status = decideNewRegistration(rows, series.capacity, now);
    const seq = (await q.maxSeq(tx, series.id)) + 1;
    const id = newId();
    const at = now.toISOString();
    const accountId = await ensureAccount(
      tx,
      { email: form.participant_email, name: form.participant_name, role: 'participant' },
      now,
    );
    const row = {
      id,
      series_id: series.id,
      status,
      account_id: accountId,
      seq,
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
      terms_accepted_at: at,
      lang,
      confirmed_at: status === 'confirmed' ? at : null,
      created_at: at,
      updated_at: at,
    };
    await q.insert(tx, row);
    const actor: Actor = { accountId, label: form.participant_email };
    await writeAudit(tx, {
      actor,
      action: `registration.${status}`,
      entity: 'registration',
      entityId: id,
      after: row,
      at: now,
    });
    const ctx = mail(form.participant_email, form.participant_name, lang);
    if (status === 'confirmed') {
      await enqueueMail(tx, confirmed(ctx, page, form.public_buyer === 'ja'), now);
      return { kind: 'confirmed', registrationId: id };
    }
    const position = await q.positionOf(tx, series.id, seq);
    await enqueueMail(tx, waitlistedMail({ ...ctx, position }), now);
    return { kind: 'waitlisted', registrationId: id, position };
  });
}

type MailContextFor = (to: string, name: string, lang: Lang) => RegistrationMailContext;

/** Builds the shared part of every registration mail for one series, in the language of each reader. */
async function mailContextFactory(
  db: Executor,
  deps: RegistrationDeps,
  page: SeriesPage,
): Promise<MailContextFor> {
  const now = deps.clock.now();
  const [site, da, en] = await Promise.all([
    siteInfo(db),
    seriesPage(db, page.summary.slug, 'da', now),
    seriesPage(db, page.summary.slug, 'en', now),
  ]);
  const pages: Record<Lang, SeriesPage> = { da: da ?? page, en: en ?? page };
  return (to, name, lang) => {
    const p = pages[lang];
    const year = p.summary.firstStartsAt?.slice(0, 4);
    const query = lang === 'en' ? '?lang=en' : '';
    return {
      lang,
      to,
      participantName: name,
      seriesId: p.summary.id,
      seriesTitle: year ? `${p.summary.title} ${year}` : p.summary.title,
      seriesUrl: `${deps.baseUrl}/serier/${p.summary.slug}${query}`,
      myPageUrl: `${deps.baseUrl}/min-side${query}`,
      sessions: p.sessions.map((s) => ({
        id: s.id,
        ordinal: s.ordinal,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        question: s.question,
        place:
          s.mode === 'online'
            ? 'Online'
            : s.venue
              ? `${s.venue.name}, ${s.venue.street}, ${s.venue.postal_code} ${s.venue.city}`
              : '',
      })),
      organiser: { name: site?.name ?? 'Holdet', email: site?.email ?? '', phone: site?.phone ?? '' },
    };
  };
}

function confirmed(ctx: RegistrationMailContext, page: SeriesPage, publicBuyer: boolean): OutgoingMail {
  return confirmedMail({
    ...ctx,
    publicBuyer,
    priceExclOre: page.summary.priceOre,
    priceInclOre: page.summary.priceInclVatOre,
  });
}

/**
 * Brings a series' seats up to date: expired offers end, free seats are offered to the head of the line.
 * Must run under the series lock. Returns how many changes it made.
 */
async function settle(
  tx: Tx,
  deps: RegistrationDeps,
  seriesId: string,
  capacity: number,
  now: Date,
  mail: MailContextFor,
): Promise<number> {
  const rows: SeatRow[] = await q.seatRows(tx, seriesId, capacity);
  const changes = settleSeats(rows, capacity, now, deps.offerHours);
  if (changes.length === 0) return 0;
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
  return changes.length;
}

/** Runs `work` on one registration under its series' lock, after settling the series' seats. */
async function withRegistration<T>(
  deps: RegistrationDeps,
  registrationId: string,
  work: (
    tx: Tx,
    row: NonNullable<Awaited<ReturnType<typeof q.byId>>>,
    mail: MailContextFor,
    page: SeriesPage,
  ) => Promise<T>,
): Promise<T> {
  const now = deps.clock.now();
  return deps.database.db.transaction().execute(async (tx) => {
    const found = await q.byId(tx, registrationId);
    if (!found) throw new AppError('not_found', 'no such registration');
    await lockSeries(tx, deps.database.dialect, found.series_id);
    const series = await tx
      .selectFrom('series')
      .select(['slug', 'capacity'])
      .where('id', '=', found.series_id)
      .executeTakeFirstOrThrow();
    const page = await seriesPage(tx, series.slug, 'da', now);
    if (!page) throw new AppError('not_found', 'series not public');
    const mail = await mailContextFactory(tx, deps, page);
    await settle(tx, deps, found.series_id, series.capacity, now, mail);
    const row = await q.byId(tx, registrationId);
    if (!row) throw new AppError('not_found', 'no such registration');
    const result = await work(tx, row, mail, page);
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
  return withRegistration(deps, input.registrationId, async (tx, row, mail, page) => {
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
      await enqueueMail(tx, confirmed(ctx, page, row.public_buyer === 1), now);
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
      .select(['slug', 'capacity'])
      .where('id', '=', seriesId)
      .executeTakeFirstOrThrow();
    const page = await seriesPage(tx, series.slug, 'da', now);
    if (!page) return 0;
    const mail = await mailContextFactory(tx, deps, page);
    return settle(tx, deps, seriesId, series.capacity, now, mail);
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
