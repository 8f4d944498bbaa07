import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { AgendaItemTable, DilemmaCommentTable, DilemmaFollowupTable, DilemmaTable } from './table.ts';

// All SQL of the dilemmas module: its own tables only (dilemma, dilemma_comment, agenda_item, dilemma_followup).
// Every list is read a page at a time by an index, so a series of 50,000 posts costs no more than one of ten.

export type DilemmaRow = Selectable<DilemmaTable>;
export type CommentRow = Selectable<DilemmaCommentTable>;
export type AgendaRow = Selectable<AgendaItemTable>;
export type FollowupRow = Selectable<DilemmaFollowupTable>;

export function insertDilemma(db: Executor, row: Insertable<DilemmaTable>) {
  return db.insertInto('dilemma').values(row).execute();
}

export function dilemmaRow(db: Executor, id: string): Promise<DilemmaRow | undefined> {
  return db.selectFrom('dilemma').selectAll().where('id', '=', id).executeTakeFirst();
}

export function dilemmaRows(db: Executor, ids: readonly string[]): Promise<DilemmaRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('dilemma')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
}

export function updateDilemma(db: Executor, id: string, set: Updateable<DilemmaTable>) {
  return db.updateTable('dilemma').set(set).where('id', '=', id).execute();
}

/** Where a page of the list starts: after this one (newest first). */
export interface Cursor {
  createdAt: string;
  id: string;
}

/**
 * One page of a series' dilemmas, newest first, from the cursor on; `sessionIds` narrows to those placed on
 * these sessions (an expert's). `limit` rows at most (ask for one more to know whether there are more).
 */
export function dilemmaPage(
  db: Executor,
  input: { seriesId: string; sessionIds: readonly string[] | null; after: Cursor | null; limit: number },
): Promise<DilemmaRow[]> {
  let q = db.selectFrom('dilemma').selectAll().where('series_id', '=', input.seriesId);
  if (input.sessionIds !== null) {
    if (input.sessionIds.length === 0) return Promise.resolve([]);
    q = q.where('session_id', 'in', [...input.sessionIds]);
  }
  const after = input.after;
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb('created_at', '<', after.createdAt),
        eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
      ]),
    );
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(input.limit).execute();
}

/** The dilemmas of a series not yet on an agenda (the agenda page's choice), newest first, capped. */
export function newDilemmas(db: Executor, seriesId: string, limit: number): Promise<DilemmaRow[]> {
  return db
    .selectFrom('dilemma')
    .selectAll()
    .where('series_id', '=', seriesId)
    .where('status', '=', 'new')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** The dilemmas on a session's agenda or taken up there (at most an agenda's worth). */
export function dilemmasOfSession(db: Executor, sessionId: string): Promise<DilemmaRow[]> {
  return db
    .selectFrom('dilemma')
    .selectAll()
    .where('session_id', '=', sessionId)
    .orderBy('created_at')
    .limit(200)
    .execute();
}

export function insertComment(db: Executor, row: Insertable<DilemmaCommentTable>) {
  return db.insertInto('dilemma_comment').values(row).execute();
}

/** One page of a dilemma's comments, oldest first, from the cursor on. */
export function commentPage(
  db: Executor,
  input: { dilemmaId: string; after: Cursor | null; limit: number },
): Promise<CommentRow[]> {
  let q = db.selectFrom('dilemma_comment').selectAll().where('dilemma_id', '=', input.dilemmaId);
  const after = input.after;
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb('created_at', '>', after.createdAt),
        eb.and([eb('created_at', '=', after.createdAt), eb('id', '>', after.id)]),
      ]),
    );
  return q.orderBy('created_at').orderBy('id').limit(input.limit).execute();
}

/** Who has commented on a dilemma (each once; capped: a notification goes to at most this many). */
export async function commenters(db: Executor, dilemmaId: string, cap: number): Promise<string[]> {
  const rows = await db
    .selectFrom('dilemma_comment')
    .select('author_id')
    .distinct()
    .where('dilemma_id', '=', dilemmaId)
    .limit(cap)
    .execute();
  return rows.map((r) => r.author_id);
}

export async function bumpCommentCount(db: Executor, dilemmaId: string, at: string) {
  await db
    .updateTable('dilemma')
    .set((eb) => ({ comment_count: eb('comment_count', '+', 1), updated_at: at }))
    .where('id', '=', dilemmaId)
    .execute();
}

// ——— The agenda ———

export function agendaOf(db: Executor, sessionId: string): Promise<AgendaRow[]> {
  return db
    .selectFrom('agenda_item')
    .selectAll()
    .where('session_id', '=', sessionId)
    .orderBy('position')
    .orderBy('created_at')
    .execute();
}

/** The agendas of several sessions (Mit hold's programme), in one query. */
export function agendasOf(db: Executor, sessionIds: readonly string[]): Promise<AgendaRow[]> {
  if (sessionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('agenda_item')
    .selectAll()
    .where('session_id', 'in', [...sessionIds])
    .orderBy('session_id')
    .orderBy('position')
    .orderBy('created_at')
    .execute();
}

/** An agenda's rows with their dilemmas (left join within the module), for several sessions at once. */
export function agendaWithDilemmas(db: Executor, sessionIds: readonly string[]) {
  if (sessionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('agenda_item as a')
    .leftJoin('dilemma as d', 'd.id', 'a.dilemma_id')
    .select([
      'a.id as item_id',
      'a.session_id',
      'a.position',
      'a.text',
      'a.dilemma_id',
      'd.series_id as d_series_id',
      'd.title as d_title',
      'd.anonymous as d_anonymous',
      'd.author_id as d_author_id',
      'd.status as d_status',
    ])
    .where('a.session_id', 'in', [...sessionIds])
    .orderBy('a.session_id')
    .orderBy('a.position')
    .orderBy('a.created_at')
    .execute();
}

export function agendaItem(db: Executor, id: string): Promise<AgendaRow | undefined> {
  return db.selectFrom('agenda_item').selectAll().where('id', '=', id).executeTakeFirst();
}

export function agendaItemOfDilemma(db: Executor, dilemmaId: string): Promise<AgendaRow | undefined> {
  return db.selectFrom('agenda_item').selectAll().where('dilemma_id', '=', dilemmaId).executeTakeFirst();
}

export function insertAgendaItem(db: Executor, row: Insertable<AgendaItemTable>) {
  return db.insertInto('agenda_item').values(row).execute();
}

export function setPosition(db: Executor, id: string, position: number) {
  return db.updateTable('agenda_item').set({ position }).where('id', '=', id).execute();
}

export function deleteAgendaItem(db: Executor, id: string) {
  return db.deleteFrom('agenda_item').where('id', '=', id).execute();
}

// ——— Follow-ups ———

export function insertFollowup(db: Executor, row: Insertable<DilemmaFollowupTable>) {
  return db.insertInto('dilemma_followup').values(row).execute();
}

export function followupsOf(db: Executor, sessionIds: readonly string[]): Promise<FollowupRow[]> {
  if (sessionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('dilemma_followup')
    .selectAll()
    .where('session_id', 'in', [...sessionIds])
    .orderBy('created_at')
    .execute();
}

export function followupRow(db: Executor, id: string): Promise<FollowupRow | undefined> {
  return db.selectFrom('dilemma_followup').selectAll().where('id', '=', id).executeTakeFirst();
}
