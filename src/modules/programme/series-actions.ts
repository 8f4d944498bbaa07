import { lockSeries } from '../../db/lock.ts';
import type { Actor } from '../../shared/audit.ts';
import { accountById } from '../auth/service.ts';
import { seriesHasInvoices } from '../invoicing/service.ts';
import { copyReusedMaterials } from '../materials/service.ts';
import { copyGrants, moveCastRole } from '../people/service.ts';
import { type RegistrationDeps, seatsHeld, settleSeriesLocked } from '../registration/service.ts';
import * as series from '../series/service.ts';
import { giveCastTheirEntries, moveSessionsToSeriesVenue } from './service.ts';

// The series changes of the back office, each one transaction across the modules that own the facts: the
// series lock first (db/lock.ts), then what registration says of the seats and invoicing of the invoices,
// then the series write, then — when seats came free — registration's offers to the line. A refusal writes
// nothing. The programme module owns no tables; every write goes through the owner's service.

/** The organiser a new series belongs to: the account's own, else the site's. */
async function organiserOf(deps: RegistrationDeps, accountId: string | null): Promise<string | null> {
  const db = deps.database.db;
  const account = accountId ? await accountById(db, accountId) : null;
  return account?.organiserId ?? (await series.siteOrganiserId(db));
}

export async function createSeriesAction(
  deps: RegistrationDeps,
  fields: series.SeriesFields,
  actor: Actor,
): Promise<series.CreateOutcome> {
  const organiserId = await organiserOf(deps, actor.accountId);
  if (!organiserId) throw new Error('no organiser to create a series for');
  const now = deps.clock.now();
  return deps.database.db
    .transaction()
    .execute((tx) => series.createSeries(tx, organiserId, fields, actor, now));
}

export type EditOutcome =
  | (Extract<series.UpdateOutcome, { kind: 'saved' }> & { offered: number; told: number })
  | (Extract<series.UpdateOutcome, { kind: 'refused' }> & { seatsHeld: number })
  | { kind: 'not-found' };

/**
 * Saves the series form under the series lock: the seats held and whether an invoice exists are read
 * there, so a registration or an invoice cannot slip in between the check and the write. Raising the
 * capacity offers the new seats to the waitlist in the same transaction (as after a cancellation).
 */
export async function editSeriesAction(
  deps: RegistrationDeps,
  seriesId: string,
  fields: series.SeriesFields,
  actor: Actor,
): Promise<EditOutcome> {
  const now = deps.clock.now();
  return deps.database.db.transaction().execute(async (tx): Promise<EditOutcome> => {
    if (!(await lockSeries(tx, deps.database.dialect, seriesId))) return { kind: 'not-found' };
    // Lapsed reservations and expired offers end first, as before every seat decision: they hold no seat.
    await settleSeriesLocked(tx, deps, seriesId);
    const facts = {
      seatsHeld: await seatsHeld(tx, seriesId),
      hasInvoices: await seriesHasInvoices(tx, seriesId),
    };
    const before = await series.seriesForEditingById(tx, seriesId);
    const outcome = await series.updateSeries(tx, seriesId, fields, facts, actor, now);
    if (outcome.kind === 'refused') return { ...outcome, seatsHeld: facts.seatsHeld };
    if (outcome.kind === 'not-found' || !before) return { kind: 'not-found' };
    const offered = outcome.capacityRaised ? await settleSeriesLocked(tx, deps, seriesId) : 0;
    // The new facilitator takes over the role; sessions held at the series' venue move with it, and their
    // attendees are told (a calendar change like any other).
    const facilitator = { fromPersonId: before.facilitatorId, toPersonId: fields.facilitatorId };
    await moveCastRole(tx, { role: 'facilitator', seriesId, sessionId: null, ...facilitator }, actor, now);
    const told =
      before.venueId === fields.venueId
        ? 0
        : await moveSessionsToSeriesVenue(tx, deps, { seriesId, fromVenueId: before.venueId }, actor, now);
    return { ...outcome, offered, told };
  });
}

/** Moves the series' status under the series lock (back to draft only while nobody holds a seat). */
export async function seriesStatusAction(
  deps: RegistrationDeps,
  seriesId: string,
  to: series.SeriesStatus,
  actor: Actor,
): Promise<series.StatusOutcome> {
  const now = deps.clock.now();
  return deps.database.db.transaction().execute(async (tx) => {
    if (!(await lockSeries(tx, deps.database.dialect, seriesId))) return { kind: 'not-found' as const };
    await settleSeriesLocked(tx, deps, seriesId);
    const held = await seatsHeld(tx, seriesId);
    const outcome = await series.setSeriesStatus(tx, seriesId, to, { seatsHeld: held }, actor, now);
    // Published for the first time: the experts and the facilitator get their sessions' entries now (nobody
    // else holds any yet; participants get theirs with their confirmation).
    if (outcome.kind === 'moved' && outcome.from === 'draft' && outcome.to === 'published') {
      await giveCastTheirEntries(tx, deps, seriesId, now);
    }
    return outcome;
  });
}

/**
 * Copies a series (a new draft) and, in the same transaction, the roles that come with it: the facilitator
 * grant and the expert grants of the copied sessions, for the accounts that held them (people service), and
 * the materials the staff marked for reuse (materials service), each to its copied session.
 */
export async function copySeriesAction(
  deps: RegistrationDeps,
  sourceId: string,
  input: series.CopyInput,
  actor: Actor,
): Promise<series.CopyOutcome> {
  const now = deps.clock.now();
  return deps.database.db.transaction().execute(async (tx) => {
    const outcome = await series.copySeries(tx, sourceId, input, actor, now);
    if (outcome.kind !== 'copied') return outcome;
    const mapping = { fromSeriesId: sourceId, toSeriesId: outcome.seriesId, sessionIds: outcome.sessionIds };
    await copyGrants(tx, mapping, actor, now);
    await copyReusedMaterials(tx, mapping, actor, now);
    return outcome;
  });
}

/** What the edit page shows beside the form: the seats held and whether price and VAT are frozen. */
export async function seriesEditFacts(
  deps: RegistrationDeps,
  seriesId: string,
): Promise<{ seatsHeld: number; hasInvoices: boolean; sessionCount: number }> {
  const db = deps.database.db;
  const [held, hasInvoices, sessionCount] = await Promise.all([
    seatsHeld(db, seriesId),
    seriesHasInvoices(db, seriesId),
    series.scheduledSessionCount(db, seriesId),
  ]);
  return { seatsHeld: held, hasInvoices, sessionCount };
}
