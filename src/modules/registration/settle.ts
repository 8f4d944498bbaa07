import type { Tx } from '../../db/database.ts';
import { lockSeries } from '../../db/lock.ts';
import { enqueueMail } from '../../email/outbox.ts';
import { auditedChange, SYSTEM_ACTOR } from '../../shared/audit.ts';
import { AppError } from '../../shared/errors.ts';
import { isPublic, type SeriesTerms, seriesTerms } from '../series/service.ts';
import type { RegistrationDeps } from './deps.ts';
import { offerExpiredMail, offeredMail } from './emails.ts';
import { type MailContextFor, mailContextFor, type Price, priceOf } from './mail-context.ts';
import { type Registration, toRegistration } from './model.ts';
import * as q from './queries.ts';
import { type SeatRow, settleSeats } from './rules.ts';

/**
 * Brings a series' seats up to date: registrations not confirmed in time lapse, expired offers end, free
 * seats are offered to the head of the line among those who confirmed. Must run under the series lock.
 * Returns how many changes it made, and the seat rows as they are now.
 */
export async function settle(
  tx: Tx,
  deps: RegistrationDeps,
  seriesId: string,
  capacity: number,
  now: Date,
  mail: MailContextFor,
): Promise<{ changed: number; rows: SeatRow[] }> {
  const at = now.toISOString();
  const rows: SeatRow[] = await q.seatRows(tx, seriesId, capacity, at);
  const changes = settleSeats(rows, capacity, now, deps.offerHours);
  if (changes.length === 0) return { changed: 0, rows };
  const people = new Map(
    (
      await q.byIds(
        tx,
        changes.map((c) => c.id),
      )
    ).map((r) => [r.id, toRegistration(r)]),
  );
  for (const change of changes) {
    // Each change starts from its registration as the one query above read them, under the series lock;
    // one that is not there is skipped (no write, no row).
    const read = async () => people.get(change.id);
    if (change.kind === 'lapse') {
      // Never confirmed: the place goes, without a mail (the address may not be the person's who typed it).
      await auditedChange(tx, {
        read,
        write: (tx, before) => q.update(tx, before.id, { status: 'expired', updated_at: at }),
        audit: (before) => ({
          actor: SYSTEM_ACTOR,
          action: 'registration.unconfirmed-expired',
          entity: 'registration',
          entityId: before.id,
          before: { status: before.status, awaiting_until: before.awaitingUntil },
          after: { status: 'expired' },
          at: now,
        }),
      });
      continue;
    }
    await auditedChange(tx, {
      read,
      write: async (tx, before) => {
        const ctx = mail(before.attendee.email, before.attendee.name, before.lang);
        if (change.kind === 'expire') {
          await q.update(tx, before.id, { status: 'expired', updated_at: at });
          await enqueueMail(tx, offerExpiredMail(ctx), now);
        } else {
          await q.update(tx, before.id, {
            status: 'offered',
            offered_at: at,
            offer_expires_at: change.expiresAt,
            updated_at: at,
          });
          await enqueueMail(tx, offeredMail({ ...ctx, expiresAt: change.expiresAt }), now);
        }
      },
      audit: (before) => ({
        actor: SYSTEM_ACTOR,
        action: change.kind === 'expire' ? 'registration.offer-expired' : 'registration.offered',
        entity: 'registration',
        entityId: before.id,
        before: { status: before.status, offer_expires_at: before.offerExpiresAt },
        after:
          change.kind === 'expire'
            ? { status: 'expired' }
            : { status: 'offered', offer_expires_at: change.expiresAt },
        at: now,
      }),
    });
  }
  return { changed: changes.length, rows: await q.seatRows(tx, seriesId, capacity, at) };
}

/**
 * Runs `work` on one registration under its series' lock, after settling the series' seats; `series` is the
 * series as read under the lock.
 */
export async function withRegistration<T>(
  deps: RegistrationDeps,
  registrationId: string,
  work: (
    tx: Tx,
    registration: Registration,
    mail: MailContextFor,
    price: Price,
    series: SeriesTerms,
  ) => Promise<T>,
): Promise<T> {
  const now = deps.clock.now();
  return deps.database.db.transaction().execute(async (tx) => {
    const found = await q.byId(tx, registrationId);
    if (!found) throw new AppError('not_found', 'no such registration');
    await lockSeries(tx, deps.database.dialect, found.series_id);
    const series = await seriesTerms(tx, found.series_id);
    const mail = series && isPublic(series.status) ? await mailContextFor(tx, deps, series) : null;
    if (!series || !mail) throw new AppError('not_found', 'series not public');
    await settle(tx, deps, found.series_id, series.capacity, now, mail);
    const row = await q.byId(tx, registrationId);
    if (!row) throw new AppError('not_found', 'no such registration');
    const result = await work(tx, toRegistration(row), mail, priceOf(series), series);
    // Whatever `work` freed goes to the line at once.
    await settle(tx, deps, found.series_id, series.capacity, now, mail);
    return result;
  });
}

/** Settles one series now. */
export async function settleSeries(deps: RegistrationDeps, seriesId: string): Promise<number> {
  return deps.database.db.transaction().execute(async (tx) => {
    if (!(await lockSeries(tx, deps.database.dialect, seriesId))) return 0;
    return settleSeriesLocked(tx, deps, seriesId);
  });
}

/**
 * Settles one series in the caller's transaction, which already holds the series lock (taken first): what
 * the organiser's raised capacity frees is offered to the line at once, as after a cancellation, the offers
 * mailed in that transaction. The series is read again here (its capacity as just saved). A series with no
 * public page has no line to offer to: 0.
 */
export async function settleSeriesLocked(tx: Tx, deps: RegistrationDeps, seriesId: string): Promise<number> {
  const series = await seriesTerms(tx, seriesId);
  if (!series || !isPublic(series.status)) return 0;
  const mail = await mailContextFor(tx, deps, series);
  if (!mail) return 0;
  return (await settle(tx, deps, seriesId, series.capacity, deps.clock.now(), mail)).changed;
}

/** The background job (and any reader that wants fresh seats): settle every series with a lapsed offer. */
export async function expireDueOffers(deps: RegistrationDeps): Promise<number> {
  const now = deps.clock.now();
  const due = await q.seriesWithDueOffers(deps.database.db, now.toISOString());
  let changed = 0;
  for (const { series_id } of due) changed += await settleSeries(deps, series_id);
  return changed;
}
