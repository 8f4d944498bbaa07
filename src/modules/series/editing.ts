import type { Selectable, Updateable } from 'kysely';
import type { Executor, Tx } from '../../db/database.ts';
import { type Actor, auditedChange, writeAudit } from '../../shared/audit.ts';
import { newId } from '../../shared/ids.ts';
import * as q from './queries.ts';
import {
  type SeriesChangeRefusal,
  type StatusMoveRefusal,
  seriesChangeRefusal,
  statusMoveRefusal,
} from './rules.ts';
import type { SeriesStatus, SeriesTable, SessionStatus } from './table.ts';

// The organiser's writes to a series: create, edit, move its status, copy it to run it again. Each runs in
// the caller's transaction. Edits that touch seats or money (updateSeries, setSeriesStatus) are decided
// with facts the caller read under the series lock (db/lock.ts `lockSeries`, taken first in that
// transaction): the seats held (registration) and whether an invoice exists (invoicing) — modules this one
// may not import. Every write bumps `series.version`, so cached pages of the series go stale at once.

/** What the series form edits. Money in øre, VAT in basis points, instants UTC ISO. */
export interface SeriesFields {
  slug: string;
  titleDa: string;
  titleEn: string;
  summaryDa: string;
  summaryEn: string;
  introDa: string;
  introEn: string;
  audienceDa: string;
  audienceEn: string;
  cateringDa: string;
  cateringEn: string;
  termsDa: string;
  termsEn: string;
  capacity: number;
  priceOre: number;
  vatRateBp: number;
  registrationOpensAt: string;
  registrationClosesAt: string;
  facilitatorId: string | null;
  venueId: string | null;
}

/** A session as the organiser's series pages list it (both languages; cancelled ones too). */
export interface EditingSession {
  id: string;
  ordinal: number;
  startsAt: string;
  endsAt: string;
  questionDa: string;
  questionEn: string;
  status: SessionStatus;
}

export interface SeriesForEditing extends SeriesFields {
  id: string;
  organiserId: string;
  status: SeriesStatus;
  version: number;
  copiedFrom: string | null;
  sessions: EditingSession[];
}

const COLUMNS = {
  slug: 'slug',
  titleDa: 'title_da',
  titleEn: 'title_en',
  summaryDa: 'summary_da',
  summaryEn: 'summary_en',
  introDa: 'intro_da',
  introEn: 'intro_en',
  audienceDa: 'audience_da',
  audienceEn: 'audience_en',
  cateringDa: 'catering_da',
  cateringEn: 'catering_en',
  termsDa: 'terms_da',
  termsEn: 'terms_en',
  capacity: 'capacity',
  priceOre: 'price_ore',
  vatRateBp: 'vat_rate_bp',
  registrationOpensAt: 'registration_opens_at',
  registrationClosesAt: 'registration_closes_at',
  facilitatorId: 'facilitator_id',
  venueId: 'venue_id',
} as const satisfies Record<keyof SeriesFields, keyof SeriesTable>;

type Column = (typeof COLUMNS)[keyof SeriesFields];
type FieldColumns = { [K in keyof SeriesFields as (typeof COLUMNS)[K]]: SeriesFields[K] };

function toColumns(fields: SeriesFields): FieldColumns {
  return Object.fromEntries(
    (Object.keys(COLUMNS) as (keyof SeriesFields)[]).map((k) => [COLUMNS[k], fields[k]]),
  ) as FieldColumns;
}

function fieldsOf(row: Selectable<SeriesTable>): SeriesFields {
  return Object.fromEntries(
    (Object.keys(COLUMNS) as (keyof SeriesFields)[]).map((k) => [k, row[COLUMNS[k]]]),
  ) as unknown as SeriesFields;
}

/** The columns whose value differs, as the audit row's before and after show them. */
function changedColumns(before: FieldColumns, after: FieldColumns) {
  const keys = (Object.keys(after) as Column[]).filter((k) => before[k] !== after[k]);
  return {
    keys,
    before: Object.fromEntries(keys.map((k) => [k, before[k]])),
    after: Object.fromEntries(keys.map((k) => [k, after[k]])),
  };
}

function toEditing(row: Selectable<SeriesTable>, sessions: EditingSession[]): SeriesForEditing {
  return {
    ...fieldsOf(row),
    id: row.id,
    organiserId: row.organiser_id,
    status: row.status,
    version: row.version,
    copiedFrom: row.copied_from,
    sessions,
  };
}

async function editingSessions(db: Executor, seriesId: string): Promise<EditingSession[]> {
  return (await q.sessionsOfSeries(db, seriesId)).map((s) => ({
    id: s.id,
    ordinal: s.ordinal,
    startsAt: s.starts_at,
    endsAt: s.ends_at,
    questionDa: s.question_da,
    questionEn: s.question_en,
    status: s.status,
  }));
}

/** A series as its edit form shows it, any status (null: no such series). */
export async function seriesForEditing(db: Executor, slug: string): Promise<SeriesForEditing | null> {
  const row = await q.seriesBySlug(db, slug);
  return row ? toEditing(row, await editingSessions(db, row.id)) : null;
}

/** The same by id, read again inside a transaction (under the series lock). */
export async function seriesForEditingById(db: Executor, id: string): Promise<SeriesForEditing | null> {
  const row = await q.seriesById(db, id);
  return row ? toEditing(row, await editingSessions(db, row.id)) : null;
}

/** Scheduled sessions of a series (what publishing needs at least one of). */
export function scheduledSessionCount(db: Executor, seriesId: string): Promise<number> {
  return q.sessionCount(db, seriesId);
}

/** Whether a series other than `exceptId` has this slug. */
export function seriesSlugTaken(db: Executor, slug: string, exceptId?: string): Promise<boolean> {
  return q.slugInUse(db, slug, exceptId);
}

export type CreateOutcome = { kind: 'created'; id: string; slug: string } | { kind: 'slug-taken' };

/** A new series, always a draft, audited (`series.create`, only an "after"). */
export async function createSeries(
  tx: Tx,
  organiserId: string,
  fields: SeriesFields,
  actor: Actor,
  now: Date,
): Promise<CreateOutcome> {
  if (await q.slugInUse(tx, fields.slug)) return { kind: 'slug-taken' };
  const id = newId();
  const at = now.toISOString();
  const columns = toColumns(fields);
  await q.insertSeries(tx, {
    ...columns,
    id,
    organiser_id: organiserId,
    status: 'draft',
    copied_from: null,
    created_at: at,
    updated_at: at,
  });
  // writeAudit, not auditedChange: a new row has only an "after".
  await writeAudit(tx, {
    actor,
    action: 'series.create',
    entity: 'series',
    entityId: id,
    after: { ...columns, status: 'draft' },
    at: now,
  });
  return { kind: 'created', id, slug: fields.slug };
}

/** Refusals of an edit: the guards' (rules.ts) and a slug another series has. */
export type UpdateRefusal = SeriesChangeRefusal | 'slug-taken';

export type UpdateOutcome =
  | {
      kind: 'saved';
      /** The columns that changed ([] when nothing did: then nothing is written or audited). */
      changed: string[];
      /** More seats than before: the caller offers them to the waitlist (registration's settle). */
      capacityRaised: boolean;
    }
  | { kind: 'refused'; reasons: UpdateRefusal[] }
  | { kind: 'not-found' };

/**
 * Saves the form's fields, guarded: price and VAT frozen once an invoice exists, capacity never below the
 * seats held, a published series' slug fixed. The caller holds the series lock and read `facts` under it.
 * A refusal writes nothing. Audited `series.update` with only the changed fields.
 */
export async function updateSeries(
  tx: Tx,
  seriesId: string,
  fields: SeriesFields,
  facts: { hasInvoices: boolean; seatsHeld: number },
  actor: Actor,
  now: Date,
): Promise<UpdateOutcome> {
  const row = await q.seriesById(tx, seriesId);
  if (!row) return { kind: 'not-found' };
  const reasons: UpdateRefusal[] = seriesChangeRefusal(
    {
      slug: row.slug,
      status: row.status,
      capacity: row.capacity,
      priceOre: row.price_ore,
      vatRateBp: row.vat_rate_bp,
    },
    fields,
    facts,
  );
  if (fields.slug !== row.slug && (await q.slugInUse(tx, fields.slug, seriesId))) {
    reasons.unshift('slug-taken');
  }
  if (reasons.length > 0) return { kind: 'refused', reasons };
  const outcome = await auditedChange(tx, {
    read: async () => row,
    write: async (tx, before) => {
      const diff = changedColumns(toColumns(fieldsOf(before)), toColumns(fields));
      if (diff.keys.length === 0) return diff;
      const changes: Updateable<SeriesTable> = diff.after;
      await q.updateSeriesRow(tx, seriesId, changes, now.toISOString());
      return diff;
    },
    audit: (before, diff) =>
      diff.keys.length === 0
        ? null
        : {
            actor,
            action: 'series.update',
            entity: 'series',
            entityId: before.id,
            before: diff.before,
            after: diff.after,
            at: now,
          },
  });
  return {
    kind: 'saved',
    changed: outcome.result.keys,
    capacityRaised: fields.capacity > row.capacity,
  };
}

export type StatusOutcome =
  | { kind: 'moved'; from: SeriesStatus; to: SeriesStatus }
  | { kind: 'refused'; reason: StatusMoveRefusal }
  | { kind: 'not-found' };

/**
 * Moves a series' status (rules.ts STATUS_MOVES). The caller holds the series lock and read the seats held
 * under it; the sessions are counted here. Audited `series.status`; the version is bumped, so the front
 * page and the series' pages follow at once.
 */
export async function setSeriesStatus(
  tx: Tx,
  seriesId: string,
  to: SeriesStatus,
  facts: { seatsHeld: number },
  actor: Actor,
  now: Date,
): Promise<StatusOutcome> {
  const row = await q.seriesById(tx, seriesId);
  if (!row) return { kind: 'not-found' };
  const sessionCount = await q.sessionCount(tx, seriesId);
  const reason = statusMoveRefusal(row.status, to, { sessionCount, seatsHeld: facts.seatsHeld });
  if (reason) return { kind: 'refused', reason };
  await auditedChange(tx, {
    read: async () => row,
    write: (tx) => q.updateSeriesRow(tx, seriesId, { status: to }, now.toISOString()),
    audit: (before) => ({
      actor,
      action: 'series.status',
      entity: 'series',
      entityId: before.id,
      before: { status: before.status },
      after: { status: to },
      at: now,
    }),
  });
  return { kind: 'moved', from: row.status, to };
}

export interface CopyInput {
  slug: string;
  titleDa: string;
  titleEn: string;
  /** One per session to copy (a scheduled session of the source), with its new times. */
  sessions: { sourceId: string; startsAt: string; endsAt: string }[];
  registrationOpensAt: string;
  registrationClosesAt: string;
}

export type CopyOutcome =
  | { kind: 'copied'; seriesId: string; slug: string; sessionIds: Map<string, string> }
  | { kind: 'slug-taken' }
  | { kind: 'not-found' };

/**
 * Copies a series to run it again, as a new draft: its texts, capacity, price, VAT, facilitator, venue and
 * the scheduled sessions named in `input` (question, description, expert, mode, venue; not the meeting
 * link) at their new times, numbered in time order; never registrations or anything members wrote.
 * `copied_from` names the source. Audited `series.copy` (a new row: only an "after").
 * Returns the new session id of each source session, for the people module's copy of role grants.
 */
export async function copySeries(
  tx: Tx,
  sourceId: string,
  input: CopyInput,
  actor: Actor,
  now: Date,
): Promise<CopyOutcome> {
  const source = await q.seriesById(tx, sourceId);
  if (!source) return { kind: 'not-found' };
  if (await q.slugInUse(tx, input.slug)) return { kind: 'slug-taken' };
  const sourceSessions = new Map(
    (await q.sessionsOfSeries(tx, sourceId)).filter((s) => s.status === 'scheduled').map((s) => [s.id, s]),
  );
  const id = newId();
  const at = now.toISOString();
  const columns = {
    ...toColumns(fieldsOf(source)),
    slug: input.slug,
    title_da: input.titleDa,
    title_en: input.titleEn,
    registration_opens_at: input.registrationOpensAt,
    registration_closes_at: input.registrationClosesAt,
  };
  await q.insertSeries(tx, {
    ...columns,
    id,
    organiser_id: source.organiser_id,
    status: 'draft',
    copied_from: sourceId,
    created_at: at,
    updated_at: at,
  });
  const wanted = input.sessions
    .flatMap((s) => {
      const from = sourceSessions.get(s.sourceId);
      return from ? [{ from, startsAt: s.startsAt, endsAt: s.endsAt }] : [];
    })
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.from.ordinal - b.from.ordinal);
  const sessionIds = new Map<string, string>();
  await q.insertSessions(
    tx,
    wanted.map(({ from, startsAt, endsAt }, i) => {
      const newSessionId = newId();
      sessionIds.set(from.id, newSessionId);
      return {
        id: newSessionId,
        series_id: id,
        ordinal: i + 1,
        starts_at: startsAt,
        ends_at: endsAt,
        question_da: from.question_da,
        question_en: from.question_en,
        description_da: from.description_da,
        description_en: from.description_en,
        mode: from.mode,
        venue_id: from.venue_id,
        meeting_url: null,
        expert_id: from.expert_id,
        cancelled_at: null,
        created_at: at,
        updated_at: at,
      };
    }),
  );
  await writeAudit(tx, {
    actor,
    action: 'series.copy',
    entity: 'series',
    entityId: id,
    after: {
      ...columns,
      status: 'draft',
      copied_from: sourceId,
      sessions: wanted.map(({ from, startsAt, endsAt }) => ({
        copied_from: from.id,
        id: sessionIds.get(from.id),
        starts_at: startsAt,
        ends_at: endsAt,
      })),
    },
    at: now,
  });
  return { kind: 'copied', seriesId: id, slug: input.slug, sessionIds };
}
