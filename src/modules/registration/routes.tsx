import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps.ts';
import { copenhagenDay } from '../../shared/danish.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { isId } from '../../shared/ids.ts';
import { isSlug } from '../../shared/slug.ts';
import { access, PUBLIC, SIGNED_IN } from '../../web/access.ts';
import { requireAccount } from '../../web/account.ts';
import { pageContext, sendHtml } from '../../web/context.ts';
import { csrfToken } from '../../web/csrf.ts';
import { sendRateLimited } from '../../web/rate-limited.tsx';
import { documentRowsOfAccount } from '../invoicing/service.ts';
import {
  acceptsRegistrations,
  RegisterAction,
  type SeriesPage,
  seriesPage,
  seriesSummary,
  seriesTitleWithYear,
} from '../series/service.ts';
import { confirmationRoutes } from './confirm-routes.tsx';
import { CONFIRM_PATH } from './confirmation.ts';
import { registrationDeps } from './deps.ts';
import { seatCounts } from './queries.ts';
import { myRegistrations } from './reads.ts';
import { parseRegistration } from './schemas.ts';
import { answerOffer, type RegisterOutcome, registerIn, registrationSeries } from './service.ts';
import { registrationFormPage } from './views/form.tsx';
import { myPage, type Notice } from './views/my-page.tsx';
import { registrationResultPage } from './views/result.tsx';

export function registrationRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps.database;
  const regDeps = registrationDeps(deps);

  async function publicSeries(slug: string, lang: 'da' | 'en'): Promise<SeriesPage> {
    if (!isSlug(slug)) throw notFound();
    const page = await seriesPage(db, slug, lang, deps.clock.now(), seatCounts);
    if (!page) throw notFound();
    return page;
  }

  app.get<{ Params: { slug: string } }>(
    '/serier/:slug/tilmelding',
    access(PUBLIC),
    async (request, reply) => {
      const page = await publicSeries(request.params.slug, request.lang);
      const ctx = await pageContext(db, request);
      const model = {
        seriesSlug: page.summary.slug,
        seriesTitle: seriesTitleWithYear(page),
        csrf: csrfToken(reply),
      };
      if (!acceptsRegistrations(page.summary.state)) {
        const outcome: RegisterOutcome = { kind: 'closed', state: page.summary.state };
        const closedText = <RegisterAction ctx={ctx} summary={page.summary} />;
        return sendHtml(reply, registrationResultPage(ctx, outcome, { ...model, email: '', closedText }));
      }
      return sendHtml(
        reply,
        registrationFormPage(ctx, {
          ...model,
          waitlist: page.summary.state === 'waitlist',
          values: {},
          errors: {},
        }),
      );
    },
  );

  app.post<{ Params: { slug: string } }>(
    '/serier/:slug/tilmelding',
    access(PUBLIC),
    async (request, reply) => {
      const { slug } = request.params;
      if (!isSlug(slug)) throw notFound();
      const parsed = parseRegistration(request.body);
      if (!parsed.ok) {
        // The summary is enough for the form again (one query): the sessions are not on it.
        const summary = await seriesSummary(db, slug, request.lang, deps.clock.now(), seatCounts);
        if (!summary) throw notFound();
        const form = {
          seriesSlug: summary.slug,
          seriesTitle: seriesTitleWithYear({ summary }),
          csrf: csrfToken(reply),
          waitlist: summary.state === 'waitlist',
          values: parsed.values,
          errors: parsed.errors,
        };
        return sendHtml(reply, registrationFormPage(await pageContext(db, request), form), 400);
      }
      // Rate limits per IP, participant and invoice contact (src/modules/limits): a 429 page when over.
      // The result page needs the title, kept with the mail texts per series version: no seat count here,
      // registerIn() decides under the lock.
      const heading = await registrationSeries(regDeps, slug, request.lang);
      if (!heading) throw notFound();
      // Counted against the limits per IP, participant and invoice contact in the registration's own
      // transaction (one statement for everyone who arrives together).
      const outcome = await registerIn(regDeps, heading.terms, parsed.form, request.lang, { ip: request.ip });
      if (!outcome) throw notFound();
      if (outcome.kind === 'rate-limited') {
        const ctx = await pageContext(db, request);
        return sendRateLimited(reply, ctx, {
          action: 'registration',
          retryAt: outcome.retryAt,
          now: deps.clock.now(),
        });
      }
      const ctx = await pageContext(db, request);
      // The outcome is one person's (their email is on it): never stored, with or without a form token.
      reply.header('cache-control', 'no-store');
      const awaitsMail =
        outcome.kind === 'reserved' || outcome.kind === 'waitlisted' || outcome.kind === 'already-registered';
      const closed =
        outcome.kind === 'closed'
          ? await seriesSummary(db, heading.slug, request.lang, deps.clock.now(), seatCounts)
          : null;
      return sendHtml(
        reply,
        registrationResultPage(ctx, outcome, {
          seriesSlug: heading.slug,
          seriesTitle: heading.title,
          // Only the "check your mail" page has a form (the code); a token costs a hash and a cookie.
          csrf: awaitsMail ? csrfToken(reply) : '',
          email: parsed.form.participant_email,
          closedText: closed ? <RegisterAction ctx={ctx} summary={closed} /> : undefined,
        }),
        outcome.kind === 'closed' ? 409 : 200,
      );
    },
  );

  confirmationRoutes(app, deps, regDeps);

  const NOTICES: readonly Notice[] = ['accepted', 'declined', 'too-late', 'confirmed', 'confirmed-line'];

  app.get<{ Querystring: { besked?: string } }>('/min-side', access(SIGNED_IN), async (request, reply) => {
    const account = requireAccount(request);
    const registrations = await myRegistrations(regDeps, account, request.lang);
    const invoices = await documentRowsOfAccount(db, account.id, copenhagenDay(deps.clock.now()));
    const notice = NOTICES.find((n) => n === request.query.besked);
    const ctx = await pageContext(db, request);
    return sendHtml(
      reply,
      myPage(ctx, {
        name: account.name,
        email: account.email,
        registrations,
        invoices,
        csrf: csrfToken(reply),
        notice,
        codeUrl: CONFIRM_PATH,
      }),
    );
  });

  app.post<{ Params: { id: string }; Body: { svar?: unknown } }>(
    '/min-side/tilbud/:id',
    access(SIGNED_IN),
    async (request, reply) => {
      const account = requireAccount(request);
      const answer = request.body?.svar;
      if (answer !== 'ja' && answer !== 'nej') throw new AppError('bad_request', 'answer ja or nej');
      if (!isId(request.params.id)) throw notFound();
      const outcome = await answerOffer(regDeps, {
        registrationId: request.params.id,
        accountId: account.id,
        accept: answer === 'ja',
        actor: { accountId: account.id, label: account.email },
      });
      const notice: Notice =
        outcome.kind === 'accepted' ? 'accepted' : outcome.kind === 'declined' ? 'declined' : 'too-late';
      return reply.redirect(`/min-side?besked=${notice}${request.lang === 'en' ? '&lang=en' : ''}`, 303);
    },
  );
}
