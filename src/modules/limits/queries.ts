import type { Executor } from '../../db/database.ts';

// All SQL of the limits module. Instants are ISO strings (decision 0002), so `<`/`>` on them is time order.

export interface CounterBump {
  key: string;
  window_start: string;
  expires_at: string;
  /** How many requests to add (several from one batch count into one row). */
  by: number;
}

/**
 * Adds `by` requests to each counter and returns every counter's count in its current window, in ONE
 * statement: `INSERT … ON CONFLICT (key) DO UPDATE SET count = count + by … RETURNING`. The conflict
 * update runs on the locked row, so parallel requests on any instance each get their own count. A row from
 * an older window starts over at 1; a request whose clock is behind the stored window counts into the
 * stored (newer) window instead of resetting it. Keys must be distinct; the caller sorts them, so two
 * statements lock shared rows in the same order (no deadlock on PostgreSQL).
 */
export async function bumpCounters(
  db: Executor,
  bumps: readonly CounterBump[],
): Promise<{ key: string; count: number; expires_at: string }[]> {
  if (bumps.length === 0) return [];
  const rows = await db
    .insertInto('rate_limit')
    .values(bumps.map(({ by, ...b }) => ({ ...b, count: by })))
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => {
        const newer = eb(eb.ref('excluded.window_start'), '>', eb.ref('rate_limit.window_start'));
        return {
          count: eb
            .case()
            .when(newer)
            .then(eb.ref('excluded.count'))
            .else(eb('rate_limit.count', '+', eb.ref('excluded.count')))
            .end(),
          window_start: eb
            .case()
            .when(newer)
            .then(eb.ref('excluded.window_start'))
            .else(eb.ref('rate_limit.window_start'))
            .end(),
          expires_at: eb
            .case()
            .when(newer)
            .then(eb.ref('excluded.expires_at'))
            .else(eb.ref('rate_limit.expires_at'))
            .end(),
        };
      }),
    )
    .returning(['key', 'count', 'expires_at'])
    .execute();
  return rows.map((r) => ({ key: r.key, count: Number(r.count), expires_at: r.expires_at }));
}

/** Counters whose window has ended count nothing any more. Returns how many rows went. */
export async function deleteExpiredCounters(db: Executor, now: string): Promise<number> {
  const result = await db.deleteFrom('rate_limit').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
