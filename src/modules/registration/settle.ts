import type { Tx } from '../../db/database.ts';
import { enqueueMail } from '../../email/outbox.ts';
import { SYSTEM_ACTOR, writeAudit } from '../../shared/audit.ts';
import { offerExpiredMail, offeredMail } from './emails.ts';
import type { MailContextFor } from './mail-context.ts';
import * as q from './queries.ts';
import { type SeatRow, settleSeats } from './rules.ts';
import type { RegistrationDeps } from './service.ts';

/**
 * Brings a series' seats up to date: expired offers end, free seats are offered to the head of the line.
 * Must run under the series lock. Returns how many changes it made, and the seat rows as they are now.
 */
export async function settle(
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
