import type { ExpressionBuilder, Insertable, Selectable, Updateable } from 'kysely';
import type { DB, Executor } from '../../db/database.ts';
import type { MaterialTable } from './table.ts';

// All SQL of the materials module: its own tables only (material, material_visit).

export type MaterialRow = Selectable<MaterialTable>;

export function insertMaterial(db: Executor, row: Insertable<MaterialTable>) {
  return db.insertInto('material').values(row).execute();
}

/** One material that is not deleted. */
export function materialRow(db: Executor, id: string): Promise<MaterialRow | undefined> {
  return db
    .selectFrom('material')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** Every material of a series that is not deleted, newest first (the timeline filters by who is asking). */
export function materialsOfSeries(db: Executor, seriesId: string): Promise<MaterialRow[]> {
  return db
    .selectFrom('material')
    .selectAll()
    .where('series_id', '=', seriesId)
    .where('deleted_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}

export function updateMaterial(db: Executor, id: string, set: Updateable<MaterialTable>) {
  return db.updateTable('material').set(set).where('id', '=', id).where('deleted_at', 'is', null).execute();
}

/** What the series copy takes along: marked for reuse, neither hidden nor deleted. */
export function reusableMaterials(db: Executor, seriesId: string): Promise<MaterialRow[]> {
  return db
    .selectFrom('material')
    .selectAll()
    .where('series_id', '=', seriesId)
    .where('reuse', '=', 1)
    .where('deleted_at', 'is', null)
    .where('hidden_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** The materials (not deleted) that use a file. */
export function materialsWithFile(db: Executor, fileId: string): Promise<MaterialRow[]> {
  return db
    .selectFrom('material')
    .selectAll()
    .where('file_id', '=', fileId)
    .where('deleted_at', 'is', null)
    .execute();
}

export function countMaterialsOfSeries(db: Executor, seriesIds: readonly string[]) {
  if (seriesIds.length === 0) return Promise.resolve(0);
  return db
    .selectFrom('material')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('series_id', 'in', seriesIds)
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

export async function previousVisit(
  db: Executor,
  accountId: string,
  seriesId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('material_visit')
    .select('seen_at')
    .where('account_id', '=', accountId)
    .where('series_id', '=', seriesId)
    .executeTakeFirst();
  return row?.seen_at ?? null;
}

export function recordVisit(db: Executor, accountId: string, seriesId: string, at: string) {
  return db
    .insertInto('material_visit')
    .values({ account_id: accountId, series_id: seriesId, seen_at: at })
    .onConflict((oc) => oc.columns(['account_id', 'series_id']).doUpdateSet({ seen_at: at }))
    .execute();
}

/** What the timeline may load (rules.ts timelineScope): the query's condition. */
export interface Scope {
  sessionIds: string[] | null;
  seriesWide: boolean;
  hidden: 'all' | 'own';
}

function inScope(scope: Scope, accountId: string) {
  return (eb: ExpressionBuilder<DB, 'material'>) => {
    const place =
      scope.sessionIds === null
        ? scope.seriesWide
          ? eb.lit(true)
          : eb('session_id', 'is not', null)
        : eb.or([
            ...(scope.sessionIds.length > 0 ? [eb('session_id', 'in', scope.sessionIds)] : []),
            ...(scope.seriesWide ? [eb('session_id', 'is', null)] : []),
            eb.lit(false),
          ]);
    const hidden =
      scope.hidden === 'all'
        ? eb.lit(true)
        : eb.or([eb('hidden_at', 'is', null), eb('added_by', '=', accountId)]);
    return eb.and([place, hidden]);
  };
}

/** The timeline's columns: everything but a note's text. */
const TIMELINE_COLUMNS = [
  'id',
  'series_id',
  'session_id',
  'phase',
  'kind',
  'title',
  'description',
  'url',
  'authors',
  'year',
  'publisher',
  'identifier',
  'file_id',
  'added_by',
  'added_by_name',
  'shared',
  'reuse',
  'copied_from',
  'created_at',
  'updated_at',
  'hidden_at',
  'hidden_by',
  'deleted_at',
  'deleted_by',
] as const;

/**
 * The newest `limit` materials of one place and phase (all: null) that the scope lets this person see,
 * newest first, without a note's text. It walks the series' (series_id, created_at) index from the newest
 * and stops at the limit, so a series with 10,000 materials costs what one with 100 does.
 */
export async function timelineList(
  db: Executor,
  input: {
    seriesId: string;
    sessionId: string | null;
    phase: 'before' | 'after';
    scope: Scope;
    accountId: string;
    limit: number | null;
  },
): Promise<MaterialRow[]> {
  let query = db
    .selectFrom('material')
    .select(TIMELINE_COLUMNS)
    .where('series_id', '=', input.seriesId)
    .where((eb) =>
      input.sessionId === null ? eb('session_id', 'is', null) : eb('session_id', '=', input.sessionId),
    )
    .where('phase', '=', input.phase)
    .where('deleted_at', 'is', null)
    .where(inScope(input.scope, input.accountId))
    .orderBy('created_at', 'desc')
    .orderBy('id');
  if (input.limit !== null) query = query.limit(input.limit);
  const rows = await query.execute();
  return rows.map((row) => ({ ...row, body_md: '' }));
}

/** How many of what the scope shows others added after `since`, counted up to `cap` (a range of the index). */
export async function countNewSince(
  db: Executor,
  input: { seriesId: string; scope: Scope; accountId: string; since: string; cap: number },
): Promise<number> {
  const newest = db
    .selectFrom('material')
    .select('id')
    .where('series_id', '=', input.seriesId)
    .where('created_at', '>', input.since)
    .where('deleted_at', 'is', null)
    .where((eb) => eb.or([eb('added_by', 'is', null), eb('added_by', '!=', input.accountId)]))
    .where(inScope(input.scope, input.accountId))
    .limit(input.cap);
  const row = await db
    .selectFrom(newest.as('n'))
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
