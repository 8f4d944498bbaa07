import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps.ts';
import { notFound } from '../../shared/errors.ts';
import { isSlug } from '../../shared/slug.ts';
import { access, SIGNED_IN } from '../../web/access.ts';
import { requireAccount } from '../../web/account.ts';
import { pageContext, sendHtml } from '../../web/context.ts';
import { holdHome, myHolds } from './service.ts';
import { holdHomePage, holdListPage, MEMBERS_PATH } from './views/home.tsx';

// Mit hold: the signed-in person's series, and one series' members' home. Someone with nothing to do with a
// series finds nothing there (404), so the page does not tell who belongs where.

export function membersRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps.database;
  const now = () => deps.clock.now();

  app.get(MEMBERS_PATH, access(SIGNED_IN), async (request, reply) => {
    const account = requireAccount(request);
    const items = await myHolds(db, account, request.lang, now());
    return sendHtml(reply, holdListPage(await pageContext(db, request), items));
  });

  app.get<{ Params: { slug: string }; Querystring: Record<string, unknown> }>(
    `${MEMBERS_PATH}/:slug`,
    access(SIGNED_IN),
    async (request, reply) => {
      const account = requireAccount(request);
      const { slug } = request.params;
      if (!isSlug(slug)) throw notFound();
      // `?materialer=alle`: every material of each list, not only the newest.
      const allMaterials = request.query.materialer === 'alle';
      const home = await holdHome(db, account, slug, request.lang, now(), { allMaterials });
      if (!home) throw notFound();
      return sendHtml(reply, holdHomePage(await pageContext(db, request), home));
    },
  );
}
