import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../db/database.ts';
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
