import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps.ts';
import { notFound } from '../../shared/errors.ts';
import { isSlug } from '../../shared/slug.ts';
import { access, SIGNED_IN } from '../../web/access.ts';
import { requireAccount } from '../../web/account.ts';
import { pageContext, sendPrivate } from '../../web/context.ts';
import { csrfToken } from '../../web/csrf.ts';
import { parseChoices } from './forms.ts';
import { DIRECTORY_CHOICES_PATH } from './paths.ts';
import { mayJoinDirectory } from './rules.ts';
import { directoryHold, directoryOf, myDirectoryChoices, saveDirectoryChoices } from './service.ts';
import { choicesPage, directoryPage } from './views/pages.tsx';

// The member directory: one hold's list (members of that series only; anyone else 404) and the person's own
// choices on Min side. The list is private (no-store, noindex) and has no export.

export function directoryRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps.database;
  const now = () => deps.clock.now();

  app.get<{ Params: { slug: string } }>(
    '/mit-hold/:slug/deltagere',
    access(SIGNED_IN),
    async (request, reply) => {
      const { slug } = request.params;
      if (!isSlug(slug)) throw notFound();
      const hold = await directoryHold(db, requireAccount(request), slug, request.lang, now());
      const members = hold ? await directoryOf(db, hold) : null;
      if (!hold || !members) throw notFound();
      const ctx = await pageContext(db, request);
      return sendPrivate(
        reply,
        directoryPage(ctx, {
          hold: { slug: hold.slug, title: hold.title },
          members,
          mayJoin: mayJoinDirectory(hold.membership),
        }),
      );
    },
  );

  app.get<{ Querystring: Record<string, unknown> }>(
    DIRECTORY_CHOICES_PATH,
    access(SIGNED_IN),
    async (request, reply) => {
      const choices = await myDirectoryChoices(db, requireAccount(request), request.lang, now());
      const ctx = await pageContext(db, request);
      return sendPrivate(
        reply,
        choicesPage(ctx, { choices, saved: request.query.besked === 'gemt', csrf: csrfToken(reply) }),
      );
    },
  );

  app.post<{ Body: Record<string, unknown> }>(
    DIRECTORY_CHOICES_PATH,
    access(SIGNED_IN),
    async (request, reply) => {
      const account = requireAccount(request);
      const current = await myDirectoryChoices(db, account, request.lang, now());
      const parsed = parseChoices(
        request.body ?? {},
        current.map((c) => c.seriesId),
        request.lang,
      );
      if (!parsed.ok) {
        const byId = new Map(parsed.choices.map((c) => [c.seriesId, c]));
        const typed = current.map((c) => ({ ...c, ...(byId.get(c.seriesId) ?? {}) }));
        const ctx = await pageContext(db, request);
        return sendPrivate(
          reply,
          choicesPage(ctx, {
            choices: typed,
            errors: parsed.errors,
            warnings: parsed.warnings,
            confirmed: parsed.confirmed,
            csrf: csrfToken(reply),
          }),
          400,
        );
      }
      await saveDirectoryChoices(deps.database.db, account, parsed.choices, now());
      return reply.redirect(
        `${DIRECTORY_CHOICES_PATH}?besked=gemt${request.lang === 'en' ? '&lang=en' : ''}`,
        303,
      );
    },
  );
}
