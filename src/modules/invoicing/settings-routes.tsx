import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps.ts';
import { copenhagenDay } from '../../shared/danish.ts';
import { notFound } from '../../shared/errors.ts';
import { access, ORGANISER } from '../../web/access.ts';
import { requireAccount } from '../../web/account.ts';
import { pageContext, sendHtml } from '../../web/context.ts';
import { csrfToken } from '../../web/csrf.ts';
import { currentInvoiceSettings, saveInvoiceSettings } from './service.ts';
import { parseSettingsForm, settingsPage, settingsValues } from './settings-page.tsx';

/** The organiser's invoice settings page. */
export function invoiceSettingsRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps.database;

  app.get<{ Querystring: { besked?: string } }>(
    '/arrangoer/indstillinger',
    access(ORGANISER),
    async (request, reply) => {
      const current = await currentInvoiceSettings(db);
      if (!current) throw notFound();
      const ctx = await pageContext(db, request);
      return sendHtml(
        reply,
        settingsPage(ctx, {
          values: settingsValues(current.settings),
          saved: request.query.besked === 'gemt',
          csrf: csrfToken(reply),
          today: copenhagenDay(deps.clock.now()),
        }),
      );
    },
  );

  app.post<{ Body: Record<string, unknown> | undefined }>(
    '/arrangoer/indstillinger',
    access(ORGANISER),
    async (request, reply) => {
      const account = requireAccount(request);
      const current = await currentInvoiceSettings(db);
      if (!current) throw notFound();
      const now = deps.clock.now();
      const today = copenhagenDay(now);
      const parsed = parseSettingsForm(request.body, current.usedPrefixes, today, request.lang);
      if (!parsed.ok) {
        const ctx = await pageContext(db, request);
        const page = settingsPage(ctx, {
          values: parsed.values,
          errors: parsed.errors,
          csrf: csrfToken(reply),
          today,
        });
        return sendHtml(reply, page, 400);
      }
      await saveInvoiceSettings(deps.database, {
        settings: parsed.settings,
        now,
        actor: { accountId: account.id, label: account.email },
      });
      return reply.redirect(
        `/arrangoer/indstillinger?besked=gemt${request.lang === 'en' ? '&lang=en' : ''}`,
        303,
      );
    },
  );
}
