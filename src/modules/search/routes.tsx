import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps.ts';
import { notFound } from '../../shared/errors.ts';
import { isSlug } from '../../shared/slug.ts';
import { access, SIGNED_IN } from '../../web/access.ts';
import { requireAccount } from '../../web/account.ts';
import { pageContext, sendPrivate } from '../../web/context.ts';
import { MAX_QUERY_LENGTH, parseQuery } from './query.ts';
import { PAGE_SIZE, SEARCH_COUNT_CAP, searchPage } from './service.ts';
import { searchPageView } from './views/page.tsx';
import { SEARCH_PATH } from './views/search-box.tsx';

// The search page: any signed-in person searches what they may see (search/rules.ts searchScope); `hold`
// limits it to one series of theirs, and a `hold` that names none of theirs finds nothing there (404).

const LAST_PAGE = Math.ceil(SEARCH_COUNT_CAP / PAGE_SIZE);

const one = (value: unknown): string =>
  typeof value === 'string' ? value : Array.isArray(value) ? one(value[0]) : '';

export function searchRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps.database;

  app.get<{ Querystring: Record<string, unknown> }>(
    SEARCH_PATH,
    access(SIGNED_IN),
    async (request, reply) => {
      const account = requireAccount(request);
      const query = one(request.query.q).slice(0, MAX_QUERY_LENGTH);
      const holdParam = one(request.query.hold).trim();
      const hold = holdParam === '' ? null : holdParam;
      if (hold !== null && !isSlug(hold)) throw notFound();
      const side = /^[1-9][0-9]{0,3}$/.test(one(request.query.side)) ? Number(one(request.query.side)) : 1;
      const page = await searchPage(
        db,
        account,
        { query, hold, page: Math.min(side, LAST_PAGE) },
        request.lang,
        deps.clock.now(),
      );
      if (!page) throw notFound();
      const hasWords = parseQuery(query).terms.length > 0;
      return sendPrivate(reply, searchPageView(await pageContext(db, request), page, hasWords));
    },
  );
}
