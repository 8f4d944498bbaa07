import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps.ts';
import { formatKroner, type Lang } from '../../shared/danish.ts';
import { notFound } from '../../shared/errors.ts';
import { isId } from '../../shared/ids.ts';
import { isSlug } from '../../shared/slug.ts';
import { access, ORGANISER } from '../../web/access.ts';
import { requireAccount } from '../../web/account.ts';
import { pageContext, sendHtml } from '../../web/context.ts';
import { csrfToken } from '../../web/csrf.ts';
import { creditable, creditableInvoice, creditInvoice } from '../invoicing/service.ts';
import {
  auditLog,
  cancelFacts,
  cancelRegistration,
  type RegistrationStatus,
  registrationDeps,
  seriesOverview,
  seriesRegistrations,
} from '../registration/service.ts';
import { type CancelErrors, type CancelValues, cancelPage, creditPage, parseCancelForm } from './cancel.tsx';
import { adminMessages } from './messages.ts';
import { auditPage, overviewPage, type SeriesNotice, seriesAdminPage } from './views.tsx';

const CANCELLABLE: readonly RegistrationStatus[] = ['confirmed', 'reserved', 'offered', 'waitlisted'];

export function adminRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps.database;
  const regDeps = registrationDeps(deps);

  app.get('/arrangoer', access(ORGANISER), async (request, reply) => {
    return sendHtml(
      reply,
      overviewPage(await pageContext(db, request), await seriesOverview(db), csrfToken(reply)),
    );
  });

  app.get('/arrangoer/log', access(ORGANISER), async (request, reply) => {
    return sendHtml(reply, auditPage(await pageContext(db, request), await auditLog(db)));
  });

  async function seriesPageFor(
    request: Parameters<typeof pageContext>[1],
    reply: Parameters<typeof csrfToken>[0],
    slug: string,
    extra: { notice?: SeriesNotice },
  ) {
    const data = await seriesRegistrations(regDeps, slug);
    if (!data) throw notFound();
    const ctx = await pageContext(db, request);
    return sendHtml(reply, seriesAdminPage(ctx, { slug, ...data, csrf: csrfToken(reply), ...extra }));
  }

  app.get<{ Params: { slug: string }; Querystring: { besked?: string; kreditnota?: string } }>(
    '/arrangoer/serier/:slug',
    access(ORGANISER),
    async (request, reply) => {
      if (!isSlug(request.params.slug)) throw notFound();
      const { besked, kreditnota } = request.query;
      const credit =
        typeof kreditnota === 'string' && /^[A-Za-z0-9/-]{1,40}$/.test(kreditnota) ? kreditnota : null;
      const notice: SeriesNotice | undefined =
        besked === 'cancelled'
          ? { kind: 'cancelled', creditNote: credit }
          : besked === 'not-cancellable'
            ? { kind: 'not-cancellable' }
            : undefined;
      return seriesPageFor(request, reply, request.params.slug, { notice });
    },
  );

  /** The registration and what is left to credit on its invoice (only a confirmed one is credited). */
  async function cancelModel(id: string, lang: Lang) {
    if (!isId(id)) throw notFound();
    const registration = await cancelFacts(db, id, lang);
    if (!registration) throw notFound();
    const credit = registration.status === 'confirmed' ? await creditable(db, id) : null;
    return { registration, creditable: credit };
  }

  app.get<{ Params: { id: string } }>(
    '/arrangoer/tilmeldinger/:id/annuller',
    access(ORGANISER),
    async (request, reply) => {
      const ctx = await pageContext(db, request);
      const model = await cancelModel(request.params.id, ctx.lang);
      if (!CANCELLABLE.includes(model.registration.status)) {
        return reply.redirect(
          `/arrangoer/serier/${model.registration.seriesSlug}?besked=not-cancellable`,
          303,
        );
      }
      return sendHtml(reply, cancelPage(ctx, { ...model, csrf: csrfToken(reply) }));
    },
  );

  app.post<{ Params: { id: string }; Body: Record<string, unknown> | undefined }>(
    '/arrangoer/tilmeldinger/:id/annuller',
    access(ORGANISER),
    async (request, reply) => {
      const account = requireAccount(request);
      const ctx = await pageContext(db, request);
      const model = await cancelModel(request.params.id, ctx.lang);
      const m = adminMessages(ctx.lang);
      const slug = model.registration.seriesSlug;
      const again = (values: CancelValues, errors: CancelErrors) =>
        sendHtml(reply, cancelPage(ctx, { ...model, csrf: csrfToken(reply), values, errors }), 400);
      const parsed = parseCancelForm(request.body, model.creditable, m);
      if (!parsed.ok) return again(parsed.values, parsed.errors);
      const outcome = await cancelRegistration(regDeps, {
        registrationId: model.registration.id,
        reason: parsed.reason,
        credit: parsed.credit,
        actor: { accountId: account.id, label: account.email },
      });
      if (outcome.kind === 'credit-refused') {
        // The invoice changed between the page and the answer (another organiser credited it): say so.
        const values = {
          reason: parsed.reason,
          credit: parsed.credit.kind,
          amount: textOf(request.body?.amount),
        };
        const max = formatKroner(outcome.remainingOre, { decimals: true, lang: ctx.lang });
        return again(
          values,
          outcome.reason === 'too-large'
            ? { amount: m['admin.amountTooLarge'](max) }
            : { credit: m['admin.nothingLeft'] },
        );
      }
      if (outcome.kind === 'not-cancellable') {
        return reply.redirect(`/arrangoer/serier/${slug}?besked=not-cancellable`, 303);
      }
      const credit = outcome.credit ? `&kreditnota=${encodeURIComponent(outcome.credit.number)}` : '';
      return reply.redirect(`/arrangoer/serier/${slug}?besked=cancelled${credit}`, 303);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/arrangoer/fakturaer/:id/krediter',
    access(ORGANISER),
    async (request, reply) => {
      const credit = await creditableInvoiceOr404(request.params.id);
      const ctx = await pageContext(db, request);
      return sendHtml(reply, creditPage(ctx, { creditable: credit, csrf: csrfToken(reply) }));
    },
  );

  app.post<{ Params: { id: string }; Body: Record<string, unknown> | undefined }>(
    '/arrangoer/fakturaer/:id/krediter',
    access(ORGANISER),
    async (request, reply) => {
      const account = requireAccount(request);
      const credit = await creditableInvoiceOr404(request.params.id);
      const ctx = await pageContext(db, request);
      const m = adminMessages(ctx.lang);
      const again = (values: CancelValues, errors: CancelErrors) =>
        sendHtml(reply, creditPage(ctx, { creditable: credit, csrf: csrfToken(reply), values, errors }), 400);
      const parsed = parseCancelForm(request.body, credit, m, { allowNone: false });
      if (!parsed.ok) return again(parsed.values, parsed.errors);
      const outcome = await creditInvoice(
        { database: deps.database, baseUrl: deps.config.baseUrl },
        {
          invoiceId: credit.invoiceId,
          choice: parsed.credit,
          reason: parsed.reason,
          now: deps.clock.now(),
          actor: { accountId: account.id, label: account.email },
        },
      );
      if (outcome.kind !== 'credited') {
        // Credited meanwhile by someone else: say what is left now.
        const left = outcome.kind === 'refused' ? outcome.remainingOre : 0;
        const values = {
          reason: parsed.reason,
          credit: parsed.credit.kind,
          amount: textOf(request.body?.amount),
        };
        const max = formatKroner(left, { decimals: true, lang: ctx.lang });
        return again(
          values,
          left > 0 ? { amount: m['admin.amountTooLarge'](max) } : { credit: m['admin.nothingLeft'] },
        );
      }
      const lang = ctx.lang === 'en' ? '&lang=en' : '';
      return reply.redirect(`/arrangoer/fakturaer/${outcome.document.id}?besked=credited${lang}`, 303);
    },
  );

  async function creditableInvoiceOr404(id: string) {
    if (!isId(id)) throw notFound();
    const credit = await creditableInvoice(db, id);
    if (!credit) throw notFound();
    return credit;
  }
}

const textOf = (v: unknown) => (typeof v === 'string' ? v.slice(0, 100) : '');
