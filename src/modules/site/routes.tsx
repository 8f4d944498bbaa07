import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps.ts';
import { access, PUBLIC } from '../../web/access.ts';
import { pageContext, sendHtml } from '../../web/context.ts';
import { accessibilityPage, privacyPage } from './views.tsx';

export function siteRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps.database;
  app.get('/privatliv', access(PUBLIC), async (request, reply) =>
    sendHtml(
      reply,
      privacyPage(await pageContext(db, request), { mailRetentionDays: deps.config.mailBodyRetentionDays }),
    ),
  );
  app.get('/tilgaengelighed', access(PUBLIC), async (request, reply) =>
    sendHtml(reply, accessibilityPage(await pageContext(db, request))),
  );
}
