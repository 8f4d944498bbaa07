import { expect, it } from 'vitest';
import { describeEachDialect, TEST_NOW } from '../../../test/db.ts';
import { SLUG_2027, seriesIdOf } from '../../../test/fixtures.ts';
import { registrationTestDeps, storedRegistration } from '../../../test/registration.ts';
import { placesOf, plantedText, registerWithDietaryNeeds, scanDatabase } from '../../../test/scan.ts';
import { startOfferExpiryJob } from './jobs.ts';
import { answerOffer, cancelRegistration } from './service.ts';

// "Deleted when the series ends" must hold for every copy: dietary needs are planted as a unique text,
// the registrations go through their usual life (confirmed, invoiced, mailed, waitlisted, offered, accepted,
// cancelled), the series ends, the erase job runs — and then the text is in no column of any table.

const MINUTE = 60_000;

describeEachDialect('dietary needs are erased everywhere after the series', (getDb) => {
  it('leaves the planted text in no table once the erase job has run', async () => {
    const database = getDb();
    const { db } = database;
    const plant = plantedText();
    const { deps, clock } = registrationTestDeps(database);

    // 15 seats: 1–15 confirmed (invoiced, mailed), 16 and 17 waitlisted; 18 gives none.
    const outcomes = await registerWithDietaryNeeds(
      deps,
      SLUG_2027,
      (n) => (n === 18 ? '' : `${plant}-${n}`),
      18,
    );
    expect(outcomes.map((o) => o.kind)).toEqual([
      ...Array.from({ length: 15 }, () => 'confirmed'),
      'waitlisted',
      'waitlisted',
      'waitlisted',
    ]);
    // 1 is cancelled with a credit note; 16 is offered the seat and takes it (invoiced then).
    const first = outcomes[0];
    if (first?.kind !== 'confirmed') throw new Error('1 not confirmed');
    const organiser = { accountId: null, label: 'arrangoer@example.dk' };
    const cancelled = await cancelRegistration(deps, {
      registrationId: first.registrationId,
      reason: 'Sygdom',
      credit: { kind: 'full' },
      actor: organiser,
    });
    expect(cancelled).toMatchObject({ kind: 'cancelled' });
    const offered = await storedRegistration(db, { seq: 16 });
    expect(offered.status).toBe('offered');
    const actor = { accountId: offered.attendee.accountId, label: offered.attendee.email };
    expect(
      await answerOffer(deps, {
        registrationId: offered.id,
        accountId: offered.attendee.accountId ?? '',
        accept: true,
        actor,
      }),
    ).toEqual({ kind: 'accepted' });

    // Before the end the text is where it belongs, and only there: one registration column, 17 rows — not in
    // the audit rows, the mails, the invoices or the credit note.
    const before = await scanDatabase(database, plant);
    expect(placesOf(before)).toEqual(['attendee.dietary_needs']);
    expect(before).toHaveLength(17);
    expect(await db.selectFrom('invoice').select('id').execute()).toHaveLength(17);

    // The series ends; the job that runs in the server erases.
    const seriesId = await seriesIdOf(db, SLUG_2027);
    const last = await db
      .selectFrom('session')
      .select((eb) => eb.fn.max('ends_at').as('ends_at'))
      .where('series_id', '=', seriesId)
      .executeTakeFirstOrThrow();
    const ended = new Date(new Date(String(last.ends_at)).getTime() + MINUTE);
    expect(ended.getTime()).toBeGreaterThan(TEST_NOW.getTime());
    clock.set(ended);
    const errors: unknown[] = [];
    const job = startOfferExpiryJob(deps, { intervalMs: 10, onError: (e) => errors.push(e) });
    const left = () =>
      db.selectFrom('attendee').select('id').where('dietary_needs', 'is not', null).execute();
    for (let i = 0; i < 500 && (await left()).length > 0; i++) await new Promise((r) => setTimeout(r, 10));
    await job.stop();
    expect(errors).toEqual([]);
    expect(await left()).toEqual([]);

    expect(await scanDatabase(database, plant)).toEqual([]);
    const erasedAudit = await db
      .selectFrom('audit')
      .select('after_json')
      .where('action', '=', 'registration.dietary-erased')
      .execute();
    expect(erasedAudit.map((a) => a.after_json)).toEqual(['{"erased":17}']);
  });
});
