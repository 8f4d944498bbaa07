import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app.ts';
import { notFound } from '../../shared/errors.ts';
import { isSlug } from '../../shared/slug.ts';
import { requireAccount } from '../../web/account.ts';
import { pageContext, sendHtml } from '../../web/context.ts';
import { csrfToken } from '../../web/csrf.ts';
import {
  auditLog,
  seriesOverview,
  seriesRegistrations,
  seriesSlugOfRegistration,
} from '../registration/reads.ts';
import { registrationDeps } from '../registration/routes.tsx';
import { cancelReason } from '../registration/schemas.ts';
import { cancelRegistration } from '../registration/service.ts';
import { auditPage, overviewPage, seriesAdminPage } from './views.tsx';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function adminRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps.database;
  const regDeps = registrationDeps(deps);

  app.get('/arrangoer', async (request, reply) => {
    requireAccount(request, 'organiser');
    return sendHtml(
      reply,
      overviewPage(await pageContext(db, request), await seriesOverview(db), csrfToken(reply)),
    );
  });

  app.get('/arrangoer/log', async (request, reply) => {
    requireAccount(request, 'organiser');
    return sendHtml(reply, auditPage(await pageContext(db, request), await auditLog(db)));
  });

  async function seriesPageFor(
    request: Parameters<typeof pageContext>[1],
    reply: Parameters<typeof csrfToken>[0],
    slug: string,
    extra: { notice?: 'cancelled' | 'not-cancellable'; reasonMissingFor?: string },
    status = 200,
  ) {
    const data = await seriesRegistrations(regDeps, slug);
    if (!data) throw notFound();
    const ctx = await pageContext(db, request);
    return sendHtml(reply, seriesAdminPage(ctx, { slug, ...data, csrf: csrfToken(reply), ...extra }), status);
  }

  app.get<{ Params: { slug: string }; Querystring: { besked?: string } }>(
    '/arrangoer/serier/:slug',
    async (request, reply) => {
      requireAccount(request, 'organiser');
      if (!isSlug(request.params.slug)) throw notFound();
      const b = request.query.besked;
      const notice = b === 'cancelled' || b === 'not-cancellable' ? b : undefined;
      return seriesPageFor(request, reply, request.params.slug, { notice });
    },
  );

  app.post<{ Params: { id: string }; Body: { reason?: unknown } }>(
    '/arrangoer/tilmeldinger/:id/annuller',
    async (request, reply) => {
      const account = requireAccount(request, 'organiser');
      const { id } = request.params;
      if (!UUID.test(id)) throw notFound();
      const slug = await seriesSlugOfRegistration(db, id);
      if (!slug) throw notFound();
      const reason = cancelReason(request.body?.reason);
      if (reason === '') return seriesPageFor(request, reply, slug, { reasonMissingFor: id }, 400);
      const outcome = await cancelRegistration(regDeps, {
        registrationId: id,
        reason,
        actor: { accountId: account.id, label: account.email },
      });
      const notice = outcome.kind === 'cancelled' ? 'cancelled' : 'not-cancellable';
      return reply.redirect(`/arrangoer/serier/${slug}?besked=${notice}`, 303);
    },
  );
}
