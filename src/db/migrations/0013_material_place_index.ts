import type { Kysely } from 'kysely';

// Mit hold lists the newest materials of each place (a session or the whole series) and phase. With only the
// series' (series_id, created_at) index, a sparse list (a session's "after" before it has happened) walks
// every material of the series; this index gives each list its own range, in the list's order, so the page
// costs the same at 10,000 materials as at 100. Frozen once landed.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('material_place_idx')
    .on('material')
    .columns(['series_id', 'session_id', 'phase', 'created_at', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('material_place_idx').execute();
}
