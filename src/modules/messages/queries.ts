import type { Executor } from '../../db/database.ts';
import type { AnnouncementScope } from './rules.ts';

// All SQL of the messages module.

const ANNOUNCEMENT_COLUMNS = [
  'n.id',
  'n.series_id',
  'n.author_id',
  'n.author_name',
  'n.title',
  'n.body_md',
  'n.to_participants',
  'n.to_substitutes',
  'n.to_experts',
  'n.created_at',
] as const;

export async function insertAnnouncement(
  db: Executor,
  row: {
    id: string;
    series_id: string;
    author_id: string | null;
    author_name: string;
    title: string;
    body_md: string;
    to_participants: number;
    to_substitutes: number;
    to_experts: number;
    created_at: string;
  },
): Promise<void> {
  await db.insertInto('announcement').values(row).execute();
}

/**
 * The newest announcements of a series in the person's scope, each with whether they have read it: one range
 * of (series_id, created_at) read backwards, stopping at `limit`.
 */
export function announcementList(
  db: Executor,
  input: { seriesId: string; scope: AnnouncementScope; accountId: string; limit: number },
) {
  const { scope } = input;
  return db
    .selectFrom('announcement as n')
    .leftJoin('announcement_read as r', (j) =>
      j.onRef('r.announcement_id', '=', 'n.id').on('r.account_id', '=', input.accountId),
    )
    .select([...ANNOUNCEMENT_COLUMNS, 'r.read_at'])
    .where('n.series_id', '=', input.seriesId)
    .$if(!scope.all, (qb) =>
      qb.where((eb) =>
        eb.or(
          scope.groups.map((g) =>
            eb(
              g === 'participants'
                ? 'n.to_participants'
                : g === 'substitutes'
                  ? 'n.to_substitutes'
                  : 'n.to_experts',
              '=',
              1,
            ),
          ),
        ),
      ),
    )
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id', 'desc')
    .limit(input.limit)
    .execute();
}

export function announcementById(db: Executor, id: string) {
  return db
    .selectFrom('announcement as n')
    .select(ANNOUNCEMENT_COLUMNS)
    .where('n.id', '=', id)
    .executeTakeFirst();
}

/** Marks it read for the account (once: a second opening changes nothing). */
export async function markRead(db: Executor, announcementId: string, accountId: string, at: string) {
  await db
    .insertInto('announcement_read')
    .values({ announcement_id: announcementId, account_id: accountId, read_at: at })
    .onConflict((oc) => oc.columns(['announcement_id', 'account_id']).doNothing())
    .execute();
}

export function readAt(db: Executor, announcementId: string, accountId: string) {
  return db
    .selectFrom('announcement_read')
    .select('read_at')
    .where('announcement_id', '=', announcementId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

// ——— Private threads ———

const THREAD_COLUMNS = [
  't.id',
  't.series_id',
  't.account_id',
  't.member_name',
  't.awaiting_answer',
  't.created_at',
  't.last_at',
] as const;

export function threadOfMember(db: Executor, seriesId: string, accountId: string) {
  return db
    .selectFrom('message_thread as t')
    .select(THREAD_COLUMNS)
    .where('t.series_id', '=', seriesId)
    .where('t.account_id', '=', accountId)
    .executeTakeFirst();
}

export function threadById(db: Executor, id: string) {
  return db
    .selectFrom('message_thread as t')
    .select(THREAD_COLUMNS)
    .where('t.id', '=', id)
    .executeTakeFirst();
}

export function threadsOfAccount(db: Executor, accountId: string) {
  return db
    .selectFrom('message_thread as t')
    .select(THREAD_COLUMNS)
    .where('t.account_id', '=', accountId)
    .orderBy('t.last_at', 'desc')
    .execute();
}

/** The threads of these series, unanswered first, then the most recent. */
export function threadsOfSeries(db: Executor, seriesIds: readonly string[], limit: number) {
  if (seriesIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('message_thread as t')
    .select(THREAD_COLUMNS)
    .where('t.series_id', 'in', seriesIds)
    .orderBy('t.awaiting_answer', 'desc')
    .orderBy('t.last_at', 'desc')
    .orderBy('t.id')
    .limit(limit)
    .execute();
}

export async function insertThread(
  db: Executor,
  row: { id: string; series_id: string; account_id: string; member_name: string; at: string },
): Promise<void> {
  await db
    .insertInto('message_thread')
    .values({
      id: row.id,
      series_id: row.series_id,
      account_id: row.account_id,
      member_name: row.member_name,
      awaiting_answer: 1,
      created_at: row.at,
      last_at: row.at,
    })
    .onConflict((oc) => oc.columns(['series_id', 'account_id']).doNothing())
    .execute();
}

export async function touchThread(db: Executor, id: string, awaiting: boolean, at: string): Promise<void> {
  await db
    .updateTable('message_thread')
    .set({ awaiting_answer: awaiting ? 1 : 0, last_at: at })
    .where('id', '=', id)
    .execute();
}

export async function insertPost(
  db: Executor,
  row: {
    id: string;
    thread_id: string;
    author_id: string | null;
    author_name: string;
    from_organiser: number;
    body_md: string;
    created_at: string;
  },
): Promise<void> {
  await db.insertInto('message_post').values(row).execute();
}

export function postsOfThread(db: Executor, threadId: string) {
  return db
    .selectFrom('message_post')
    .select(['id', 'author_id', 'author_name', 'from_organiser', 'body_md', 'created_at'])
    .where('thread_id', '=', threadId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
