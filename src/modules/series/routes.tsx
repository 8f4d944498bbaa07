import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps.ts';
import { notFound } from '../../shared/errors.ts';
import { isSlug } from '../../shared/slug.ts';
import { access, PUBLIC } from '../../web/access.ts';
import { pageContext, sendHtml, sendShared, sharedPageContext } from '../../web/context.ts';
import { type SharedPage, sharedPage } from '../../web/layout.tsx';
import type { PageCache } from '../../web/page-cache.ts';
import { partitionForFrontPage } from './rules.ts';
import * as series from './service.ts';
import { frontPage } from './views/front.tsx';
import { personPageView } from './views/person.tsx';
import { seriesPageView } from './views/series.tsx';
import { sessionPageView } from './views/session.tsx';

const ORDINAL = /^[1-9][0-9]{0,2}$/;

/** `seats`: the registration module's seat counts, wired in by the composition root (app.ts). */
export function seriesRoutes(
  app: FastifyInstance,
  deps: AppDeps,
  cache: PageCache<SharedPage>,
  seats: series.SeatCounts,
): void {
  const { db } = deps.database;
  const now = () => deps.clock.now();

  app.get('/', access(PUBLIC), async (request, reply) => {
    const at = now();
    const all = await series.listPublicSeries(db, request.lang, at, seats);
    const stamp = all.map((s) => s.stamp).join('|');
    const page = await cache.through(`${request.lang}:/`, stamp, async () => {
      const { upcoming, earlier } = partitionForFrontPage(all);
      const ctx = await sharedPageContext(db, request);
      return sharedPage(frontPage(ctx, upcoming, earlier), ctx);
    });
    return sendShared(request, reply, page);
  });

  app.get<{ Params: { slug: string } }>('/serier/:slug', access(PUBLIC), async (request, reply) => {
    const { slug } = request.params;
    if (!isSlug(slug)) throw notFound();
    const at = now();
    const stamp = await series.seriesStamp(db, slug, at, seats);
    if (!stamp) throw notFound();
    const shared = await cache.through(`${request.lang}:/serier/${slug}`, stamp, async () => {
      const page = await series.seriesPage(db, slug, request.lang, at, seats);
      if (!page) throw notFound();
      const ctx = await sharedPageContext(db, request);
      return sharedPage(seriesPageView(ctx, page), ctx);
    });
    return sendShared(request, reply, shared);
  });

  app.get<{ Params: { slug: string; ordinal: string } }>(
    '/serier/:slug/sessioner/:ordinal',
    access(PUBLIC),
    async (request, reply) => {
      const { slug, ordinal } = request.params;
      if (!isSlug(slug) || !ORDINAL.test(ordinal)) throw notFound();
      const page = await series.seriesPage(db, slug, request.lang, now(), seats);
      const session = page?.sessions.find((s) => s.ordinal === Number(ordinal));
      if (!page || !session) throw notFound();
      return sendHtml(reply, sessionPageView(await pageContext(db, request), page, session));
    },
  );

  app.get<{ Params: { slug: string } }>('/personer/:slug', access(PUBLIC), async (request, reply) => {
    const { slug } = request.params;
    if (!isSlug(slug)) throw notFound();
    const page = await series.personPage(db, slug, request.lang);
    if (!page) throw notFound();
    return sendHtml(reply, personPageView(await pageContext(db, request), page));
  });

  app.get('/theme.css', access(PUBLIC), async (_request, reply) => {
    const c = await series.themeColours(db);
    // Colours are validated as #rrggbb before they reach this text.
    const css = `:root{--holdet-primary:${c.primary};--holdet-primary-dark:${c.primaryDark}}
.button.button-primary{background-color:${c.primary};border-color:${c.primary}}
.button.button-primary:hover,.button.button-primary:active{background-color:${c.primaryDark};border-color:${c.primaryDark}}
`;
    return reply
      .header('content-type', 'text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(css);
  });
}
