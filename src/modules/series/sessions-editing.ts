import type { Selectable } from 'kysely';
import type { Executor, Tx } from '../../db/database.ts';
import { type Actor, auditedChange, writeAudit } from '../../shared/audit.ts';
import { newId } from '../../shared/ids.ts';
import * as q from './queries.ts';
import { type SessionChanged, sessionChange } from './rules.ts';
import type { SeriesTable, SessionMode, SessionStatus, SessionTable } from './table.ts';

// The organiser's edits of a series' sessions. Every write runs in the caller's transaction (which holds the
// series lock, so calendar SEQUENCEs rise one at a time), is audited there, and bumps the series' version so
// its cached pages go stale. A change that matters to attendees (time, place, mode, meeting link,
// cancellation) raises the session's SEQUENCE: the calendar files sent next move the same entries (same UID).

/** What the organiser edits of a session, both languages; instants UTC. */
export interface SessionFields {
  questionDa: string;
  questionEn: string;
  descriptionDa: string;
  descriptionEn: string;
  expertId: string | null;
  startsAt: string;
  endsAt: string;
  mode: SessionMode;
  /** In person: where (null: the series' venue). */
  venueId: string | null;
  /** Online: the meeting address (https); null in person. */
  meetingUrl: string | null;
}

/** A session as the back office shows and edits it — the meeting link too: only organisers see this. */
export interface SessionForEditing extends SessionFields {
  id: string;
  seriesId: string;
  seriesSlug: string;
  /** The series' facilitator (a public person) and venue, which a session without its own uses. */
  facilitatorId: string | null;
  seriesVenueId: string | null;
  ordinal: number;
  status: SessionStatus;
  sequence: number;
}

function toFields(row: Selectable<SessionTable>): SessionFields {
  return {
    questionDa: row.question_da,
    questionEn: row.question_en,
    descriptionDa: row.description_da,
    descriptionEn: row.description_en,
    expertId: row.expert_id,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    mode: row.mode,
    venueId: row.venue_id,
    meetingUrl: row.meeting_url,
  };
}

type SeriesRow = Selectable<SeriesTable>;

function toEditing(row: Selectable<SessionTable>, series: SeriesRow): SessionForEditing {
  return {
    ...toFields(row),
    id: row.id,
    seriesId: row.series_id,
    seriesSlug: series.slug,
    facilitatorId: series.facilitator_id,
    seriesVenueId: series.venue_id,
    ordinal: row.ordinal,
    status: row.status,
    sequence: row.sequence,
  };
}

function toColumns(f: SessionFields) {
  return {
    question_da: f.questionDa,
    question_en: f.questionEn,
    description_da: f.descriptionDa,
    description_en: f.descriptionEn,
    expert_id: f.expertId,
    starts_at: f.startsAt,
    ends_at: f.endsAt,
    mode: f.mode,
    venue_id: f.mode === 'online' ? null : f.venueId,
    meeting_url: f.mode === 'online' ? f.meetingUrl : null,
  };
}

/** Every session of a series by number, cancelled ones too (null: no such series). */
export async function sessionsForEditing(
  db: Executor,
  seriesSlug: string,
): Promise<{ seriesId: string; seriesVenueId: string | null; sessions: SessionForEditing[] } | null> {
  const series = await q.seriesBySlug(db, seriesSlug);
  if (!series) return null;
  const rows = await q.sessionsOfSeries(db, series.id);
  return {
    seriesId: series.id,
    seriesVenueId: series.venue_id,
    sessions: rows.map((r) => toEditing(r, series)),
  };
}

/** One session with its series' slug (null: none). */
export async function sessionForEditing(db: Executor, sessionId: string): Promise<SessionForEditing | null> {
  const row = await q.sessionById(db, sessionId);
  if (!row) return null;
  const series = await q.seriesById(db, row.series_id);
  return series ? toEditing(row, series) : null;
}

/** Adds a session after the last one. Returns its id. */
export async function addSession(
  tx: Executor,
  seriesId: string,
  fields: SessionFields,
  actor: Actor,
  now: Date,
): Promise<string> {
  const at = now.toISOString();
  const id = newId();
  const ordinal = (await q.lastOrdinal(tx, seriesId)) + 1;
  const columns = toColumns(fields);
  await q.insertSession(tx, {
    id,
    series_id: seriesId,
    ordinal,
    ...columns,
    created_at: at,
    updated_at: at,
  });
  await q.bumpSeries(tx, seriesId, at);
  await writeAudit(tx, {
    actor,
    action: 'session.create',
    entity: 'session',
    entityId: id,
    // The meeting link is stored in the audit only as set/changed (shared/audit.ts).
    after: { series_id: seriesId, ordinal, ...columns },
    at: now,
  });
  return id;
}

/** A saved change: the session before and after, and what of it moves attendees' calendar entries. */
export interface SessionChange {
  before: SessionForEditing;
  after: SessionForEditing;
  changed: SessionChanged;
  /** Time, place, mode or meeting link changed: the SEQUENCE rose, and attendees are to be told. */
  matters: boolean;
  /** Another expert (or none): the SEQUENCE rose; the new expert gets the entry, the previous one a cancel. */
  expertChanged: boolean;
}

/** Only the keys whose values differ, for the audit row. */
function differences(before: Record<string, unknown>, after: Record<string, unknown>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (before[key] !== after[key]) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}

/**
 * Saves a session's fields. Null: no such session, or it is cancelled (a cancelled session is not edited).
 * Nothing is written when nothing changed.
 */
export async function updateSession(
  tx: Tx,
  sessionId: string,
  fields: SessionFields,
  actor: Actor,
  now: Date,
): Promise<SessionChange | null> {
  const columns = toColumns(fields);
  const at = now.toISOString();
  const outcome = await auditedChange(tx, {
    read: (tx) => sessionWithSeries(tx, sessionId),
    write: async (tx, { row }) => {
      const changed = sessionChange(toFields(row), { ...fields, ...fromColumns(columns) });
      const diff = differences(toColumns(toFields(row)), columns);
      const any = Object.keys(diff.after).length > 0;
      const matters = any && (changed.time || changed.place || changed.mode);
      // A new expert is a change of who is invited: their entry is made, the previous one's cancelled.
      const expertChanged = row.expert_id !== columns.expert_id;
      const raised = matters || expertChanged;
      const sequence = raised ? row.sequence + 1 : row.sequence;
      if (any) {
        await q.updateSessionRow(tx, sessionId, { ...columns, sequence, updated_at: at });
        await q.bumpSeries(tx, row.series_id, at);
      }
      return { changed, diff, any, matters, expertChanged, raised, sequence };
    },
    audit: ({ row }, w) =>
      w.any
        ? {
            actor,
            action: 'session.update',
            entity: 'session',
            entityId: sessionId,
            before: w.raised ? { ...w.diff.before, sequence: row.sequence } : w.diff.before,
            after: w.raised ? { ...w.diff.after, sequence: w.sequence } : w.diff.after,
            at: now,
          }
        : null,
  });
  if (!outcome) return null;
  const { row, series } = outcome.before;
  const w = outcome.result;
  const before = toEditing(row, series);
  const after = w.any
    ? toEditing({ ...row, ...columns, sequence: w.sequence, updated_at: at }, series)
    : before;
  return { before, after, changed: w.changed, matters: w.matters, expertChanged: w.expertChanged };
}

/** A session that may be changed (not cancelled) with its series; null: none. */
async function sessionWithSeries(tx: Tx, sessionId: string) {
  const row = await q.sessionById(tx, sessionId);
  if (!row || row.status === 'cancelled') return null;
  const series = await q.seriesById(tx, row.series_id);
  return series ? { row, series } : null;
}

/** The venue and link as stored (a venue only in person, a link only online). */
function fromColumns(c: ReturnType<typeof toColumns>): Pick<SessionFields, 'venueId' | 'meetingUrl'> {
  return { venueId: c.venue_id, meetingUrl: c.meeting_url };
}

/**
 * Cancels a session: it stays (its number, its calendar UID), marked cancelled, with its SEQUENCE raised.
 * Null: no such session, or cancelled already.
 */
export async function cancelSession(
  tx: Tx,
  sessionId: string,
  actor: Actor,
  now: Date,
): Promise<SessionForEditing | null> {
  const at = now.toISOString();
  const outcome = await auditedChange(tx, {
    read: (tx) => sessionWithSeries(tx, sessionId),
    write: async (tx, { row }) => {
      const sequence = row.sequence + 1;
      await q.updateSessionRow(tx, sessionId, {
        status: 'cancelled',
        cancelled_at: at,
        sequence,
        updated_at: at,
      });
      await q.bumpSeries(tx, row.series_id, at);
      return sequence;
    },
    audit: ({ row }, sequence) => ({
      actor,
      action: 'session.cancel',
      entity: 'session',
      entityId: sessionId,
      before: { status: row.status, sequence: row.sequence },
      after: { status: 'cancelled', sequence },
      at: now,
    }),
  });
  if (!outcome) return null;
  const { row, series } = outcome.before;
  const cancelled = {
    ...row,
    status: 'cancelled' as const,
    cancelled_at: at,
    sequence: outcome.result,
    updated_at: at,
  };
  return toEditing(cancelled, series);
}

/**
 * Moves a session one place up or down in the series' order (swapping numbers with its neighbour; the
 * unique number per series is kept by parking one of them on a free number first). False: nothing to move.
 */
export async function moveSession(
  tx: Executor,
  sessionId: string,
  direction: 'up' | 'down',
  actor: Actor,
  now: Date,
): Promise<boolean> {
  const row = await q.sessionById(tx, sessionId);
  if (!row) return false;
  const sessions = await q.sessionsOfSeries(tx, row.series_id);
  const index = sessions.findIndex((s) => s.id === sessionId);
  const other = sessions[direction === 'up' ? index - 1 : index + 1];
  if (!other) return false;
  const at = now.toISOString();
  const parked = (await q.lastOrdinal(tx, row.series_id)) + 1;
  await q.updateSessionRow(tx, row.id, { ordinal: parked, updated_at: at });
  await q.updateSessionRow(tx, other.id, { ordinal: row.ordinal, updated_at: at });
  await q.updateSessionRow(tx, row.id, { ordinal: other.ordinal, updated_at: at });
  await q.bumpSeries(tx, row.series_id, at);
  await writeAudit(tx, {
    actor,
    action: 'session.move',
    entity: 'session',
    entityId: sessionId,
    before: { ordinal: row.ordinal },
    after: { ordinal: other.ordinal },
    at: now,
  });
  return true;
}

/**
 * Where a session is held, as a mail or a calendar entry writes it: "Online", or its venue (the series' when
 * it has none of its own) as "name, street, postal code city"; '' when no venue is known.
 */
export async function sessionPlace(
  db: Executor,
  session: { mode: SessionMode; venueId: string | null; seriesVenueId: string | null },
  onlineWord: string,
): Promise<string> {
  if (session.mode === 'online') return onlineWord;
  const id = session.venueId ?? session.seriesVenueId;
  if (!id) return '';
  const [venue] = await q.venuesByIds(db, [id]);
  return venue ? `${venue.name}, ${venue.street}, ${venue.postal_code} ${venue.city}` : '';
}

/**
 * The series' venue changed: each scheduled in-person session without a venue of its own is now held
 * elsewhere, so its calendar entry moves — SEQUENCE + 1, audited. Returns those sessions as they are now
 * (the caller tells their attendees). In the caller's transaction, under the series lock.
 */
export async function moveSessionsWithSeriesVenue(
  tx: Executor,
  seriesId: string,
  from: string | null,
  actor: Actor,
  now: Date,
): Promise<SessionForEditing[]> {
  const series = await q.seriesById(tx, seriesId);
  if (!series || series.venue_id === from) return [];
  const at = now.toISOString();
  const moved: SessionForEditing[] = [];
  for (const row of await q.sessionsOfSeries(tx, seriesId)) {
    if (row.status === 'cancelled' || row.mode !== 'in_person' || row.venue_id !== null) continue;
    const sequence = row.sequence + 1;
    await q.updateSessionRow(tx, row.id, { sequence, updated_at: at });
    await writeAudit(tx, {
      actor,
      action: 'session.update',
      entity: 'session',
      entityId: row.id,
      before: { series_venue_id: from, sequence: row.sequence },
      after: { series_venue_id: series.venue_id, sequence },
      at: now,
    });
    moved.push(toEditing({ ...row, sequence, updated_at: at }, series));
  }
  if (moved.length > 0) await q.bumpSeries(tx, seriesId, at);
  return moved;
}

/** The series (ids, sorted) with a scheduled in-person session at a venue — its own, or its series' — not yet over. */
export async function seriesHeldAt(db: Executor, venueId: string, now: Date): Promise<string[]> {
  const rows = await q.sessionsHeldAt(db, venueId, now.toISOString());
  return [...new Set(rows.map((r) => r.series_id))].sort();
}

/**
 * A venue's address changed: every scheduled in-person session held there that is not over yet moves with it —
 * SEQUENCE + 1, audited (`venue_address`). Returns those sessions as they are now (the caller tells their
 * attendees). In the caller's transaction, which holds the locks of their series (seriesHeldAt).
 */
export async function moveSessionsHeldAt(
  tx: Executor,
  venueId: string,
  actor: Actor,
  now: Date,
): Promise<SessionForEditing[]> {
  const at = now.toISOString();
  const moved: SessionForEditing[] = [];
  const bumped = new Set<string>();
  for (const row of await q.sessionsHeldAt(tx, venueId, at)) {
    const series = await q.seriesById(tx, row.series_id);
    if (!series) continue;
    const sequence = row.sequence + 1;
    await q.updateSessionRow(tx, row.id, { sequence, updated_at: at });
    await writeAudit(tx, {
      actor,
      action: 'session.update',
      entity: 'session',
      entityId: row.id,
      before: { venue_address: venueId, sequence: row.sequence },
      after: { venue_address: venueId, sequence },
      at: now,
    });
    if (!bumped.has(row.series_id)) {
      bumped.add(row.series_id);
      await q.bumpSeries(tx, row.series_id, at);
    }
    moved.push(toEditing({ ...row, sequence, updated_at: at }, series));
  }
  return moved;
}
