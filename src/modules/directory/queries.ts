import type { Executor } from '../../db/database.ts';

// All SQL of the directory module.

export function entriesOfSeries(db: Executor, seriesId: string, accountIds: readonly string[]) {
  if (accountIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('directory_entry')
    .select(['account_id', 'work_on'])
    .where('series_id', '=', seriesId)
    .where('account_id', 'in', accountIds)
    .execute();
}

export function entriesOfAccount(db: Executor, accountId: string) {
  return db
    .selectFrom('directory_entry')
    .select(['series_id', 'work_on'])
    .where('account_id', '=', accountId)
    .execute();
}

export async function saveEntry(
  db: Executor,
  row: { account_id: string; series_id: string; work_on: string; updated_at: string },
): Promise<void> {
  await db
    .insertInto('directory_entry')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['account_id', 'series_id'])
        .doUpdateSet({ work_on: row.work_on, updated_at: row.updated_at }),
    )
    .execute();
}
