import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../deps.ts';
import type { Actor } from '../../shared/audit.ts';
import type { Lang } from '../../shared/danish.ts';
import { notFound } from '../../shared/errors.ts';
import { isSlug } from '../../shared/slug.ts';
import { access, ORGANISER } from '../../web/access.ts';
import { requireAccount } from '../../web/account.ts';
import { pageContext, sendPrivate } from '../../web/context.ts';
import { csrfToken } from '../../web/csrf.ts';
import { registrationDeps, seatCounts } from '../registration/service.ts';
import * as series from '../series/service.ts';
import {
  copySeriesAction,
  createSeriesAction,
  editSeriesAction,
  seriesEditFacts,
  seriesStatusAction,
} from './series-actions.ts';
import {
  copyValues,
  type FormErrors,
  type FormValues,
  newSeriesValues,
  parseCopyForm,
  parseSeriesForm,
  proposedCopySlug,
  seriesValues,
} from './series-forms.ts';
import { seriesEditMessages } from './series-messages.ts';
import { copyFormPage } from './views/series-copy.tsx';
import { type EditNotice, editSeriesPath, NEW_SERIES_PATH, seriesFormPage } from './views/series-edit.tsx';

// The organiser's series pages: create, edit, status, preview, copy. Parse → programme action (one
// transaction under the series lock, series-actions.ts) → render or redirect.

type Body = Record<string, unknown> | undefined;
type SlugParams = { Params: { slug: string } };

const NOTICES: Record<string, EditNotice> = {
  oprettet: 'created',
  gemt: 'saved',
  kopieret: 'copied',
  status: 'status',
};

/** The series' title in the page's language with the year of its first session, as the public pages write it. */
function titleOf(found: series.SeriesForEditing, lang: Lang): string {
  const title = lang === 'da' ? found.titleDa : found.titleEn;
  const first = found.sessions.map((s) => s.startsAt).sort()[0];
  return first ? `${title} ${first.slice(0, 4)}` : title;
}

function actorOf(request: FastifyRequest): Actor {
  const account = requireAccount(request);
  return { accountId: account.id, label: account.email };
}

/** A back-office path with its message, in the page's language. */
function pathWith(path: string, lang: Lang, query: Record<string, string> = {}): string {
  const params = new URLSearchParams(query);
  if (lang === 'en') params.set('lang', 'en');
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export function seriesEditRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps.database;
  const regDeps = registrationDeps(deps);

  async function choices() {
    const [persons, venues] = await Promise.all([series.personChoices(db), series.venueChoices(db)]);
    return { persons, venues };
  }
  const ids = (c: Awaited<ReturnType<typeof choices>>) => ({
    persons: c.persons.map((p) => p.id),
    venues: c.venues.map((v) => v.id),
  });

  /** The series of the path (any status), or 404. */
  async function seriesOf(slug: string): Promise<series.SeriesForEditing> {
    if (!isSlug(slug)) throw notFound();
    const found = await series.seriesForEditing(db, slug);
    if (!found) throw notFound();
    return found;
  }

  async function editPage(
    request: FastifyRequest,
    reply: FastifyReply,
    found: series.SeriesForEditing,
    state: { values: FormValues; errors?: FormErrors; notice?: EditNotice; offered?: number; told?: number },
    status = 200,
  ) {
    const facts = await seriesEditFacts(regDeps, found.id);
    const ctx = await pageContext(db, request);
    const html = seriesFormPage(ctx, {
      csrf: csrfToken(reply),
      values: state.values,
      errors: state.errors,
      choices: await choices(),
      existing: {
        slug: found.slug,
        title: titleOf(found, request.lang),
        status: found.status,
        sessions: found.sessions,
        seatsHeld: facts.seatsHeld,
        hasInvoices: facts.hasInvoices,
        moves: series.possibleStatusMoves(found.status, facts),
        notice: state.notice,
        offered: state.offered,
        told: state.told,
      },
    });
    return sendPrivate(reply, html, status);
  }

  // ——— New ———

  app.get(NEW_SERIES_PATH, access(ORGANISER), async (request, reply) => {
    const ctx = await pageContext(db, request);
    const html = seriesFormPage(ctx, {
      csrf: csrfToken(reply),
      values: newSeriesValues(),
      choices: await choices(),
    });
    return sendPrivate(reply, html);
  });

  app.post<{ Body: Body }>(NEW_SERIES_PATH, access(ORGANISER), async (request, reply) => {
    const actor = actorOf(request);
    const m = seriesEditMessages(request.lang);
    const offered = await choices();
    const parsed = parseSeriesForm(request.body, request.lang, ids(offered));
    const refuse = async (values: FormValues, errors: FormErrors) => {
      const ctx = await pageContext(db, request);
      const html = seriesFormPage(ctx, { csrf: csrfToken(reply), values, errors, choices: offered });
      return sendPrivate(reply, html, 400);
    };
    if (!parsed.ok) return refuse(parsed.values, parsed.errors);
    const outcome = await createSeriesAction(regDeps, parsed.fields, actor);
    if (outcome.kind === 'slug-taken') {
      return refuse(typedValues(request.body), { slug: m['series.error.slugTaken'] });
    }
    return reply.redirect(pathWith(editSeriesPath(outcome.slug), request.lang, { besked: 'oprettet' }), 303);
  });

  // ——— Edit ———

  app.get<SlugParams & { Querystring: { besked?: string; tilbudt?: string; sendt?: string } }>(
    '/arrangoer/serier/:slug/rediger',
    access(ORGANISER),
    async (request, reply) => {
      const found = await seriesOf(request.params.slug);
      const notice = typeof request.query.besked === 'string' ? NOTICES[request.query.besked] : undefined;
      const offeredText = request.query.tilbudt;
      const count = (text: unknown) =>
        typeof text === 'string' && /^[1-9]\d{0,4}$/.test(text) ? Number(text) : 0;
      const offered = count(offeredText);
      const told = count(request.query.sendt);
      return editPage(request, reply, found, { values: seriesValues(found), notice, offered, told });
    },
  );

  app.post<SlugParams & { Body: Body }>(
    '/arrangoer/serier/:slug/rediger',
    access(ORGANISER),
    async (request, reply) => {
      const actor = actorOf(request);
      const found = await seriesOf(request.params.slug);
      const m = seriesEditMessages(request.lang);
      const parsed = parseSeriesForm(request.body, request.lang, ids(await choices()));
      if (!parsed.ok) {
        return editPage(request, reply, found, { values: parsed.values, errors: parsed.errors }, 400);
      }
      const outcome = await editSeriesAction(regDeps, found.id, parsed.fields, actor);
      if (outcome.kind === 'not-found') throw notFound();
      if (outcome.kind === 'refused') {
        const errors: FormErrors = {};
        for (const reason of outcome.reasons) {
          if (reason === 'slug-taken') errors.slug = m['series.error.slugTaken'];
          if (reason === 'slug-fixed') errors.slug = m['series.error.slugFixed'];
          if (reason === 'capacity-below-held')
            errors.capacity = m['series.error.capacityHeld'](outcome.seatsHeld);
          if (reason === 'price-frozen') errors.price = m['series.error.priceFrozen'];
          if (reason === 'vat-frozen') errors.vatRate = m['series.error.vatFrozen'];
        }
        const values = typedValues(request.body);
        return editPage(request, reply, found, { values, errors }, 400);
      }
      const query: Record<string, string> = { besked: 'gemt' };
      if (outcome.offered > 0) query.tilbudt = String(outcome.offered);
      if (outcome.told > 0) query.sendt = String(outcome.told);
      return reply.redirect(pathWith(editSeriesPath(parsed.fields.slug), request.lang, query), 303);
    },
  );

  // ——— Status ———

  app.post<SlugParams & { Body: Body }>(
    '/arrangoer/serier/:slug/status',
    access(ORGANISER),
    async (request, reply) => {
      const actor = actorOf(request);
      const found = await seriesOf(request.params.slug);
      const m = seriesEditMessages(request.lang);
      const raw = request.body?.status;
      const to = series.SERIES_STATUSES.find((s) => s === raw);
      const refuse = (message: string) =>
        editPage(request, reply, found, { values: seriesValues(found), errors: { status: message } }, 400);
      if (!to) return refuse(m['series.status.error.missing']);
      const outcome = await seriesStatusAction(regDeps, found.id, to, actor);
      if (outcome.kind === 'not-found') throw notFound();
      if (outcome.kind === 'refused') return refuse(m[`series.status.error.${outcome.reason}`]);
      return reply.redirect(pathWith(editSeriesPath(found.slug), request.lang, { besked: 'status' }), 303);
    },
  );

  // ——— Preview ———

  app.get<SlugParams>(
    '/arrangoer/serier/:slug/forhaandsvisning',
    access(ORGANISER),
    async (request, reply) => {
      const { slug } = request.params;
      if (!isSlug(slug)) throw notFound();
      const page = await series.seriesPreview(db, slug, request.lang, deps.clock.now(), seatCounts);
      const found = await series.seriesForEditing(db, slug);
      if (!page || !found) throw notFound();
      const m = seriesEditMessages(request.lang);
      const banner = m['series.preview.banner'](m[`series.status.${found.status}`]);
      // Never cached, never indexed: sendPrivate (the page of a draft is the organiser's alone).
      return sendPrivate(reply, series.seriesPageView(await pageContext(db, request), page, { banner }));
    },
  );

  // ——— Copy ———

  const scheduled = (found: series.SeriesForEditing) =>
    found.sessions.filter((s) => s.status === 'scheduled');

  async function copyPage(
    request: FastifyRequest,
    reply: FastifyReply,
    found: series.SeriesForEditing,
    state: { values: FormValues; errors?: FormErrors },
    status = 200,
  ) {
    const ctx = await pageContext(db, request);
    const html = copyFormPage(ctx, {
      csrf: csrfToken(reply),
      source: { slug: found.slug, title: titleOf(found, request.lang) },
      sessions: scheduled(found),
      values: state.values,
      errors: state.errors,
    });
    return sendPrivate(reply, html, status);
  }

  app.get<SlugParams>('/arrangoer/serier/:slug/kopier', access(ORGANISER), async (request, reply) => {
    const found = await seriesOf(request.params.slug);
    const values = copyValues({
      slug: proposedCopySlug(found.slug, 1),
      titleDa: found.titleDa,
      titleEn: found.titleEn,
      sessions: series.proposedCopyDates(scheduled(found)),
      registrationOpensAt: series.proposedCopyInstant(found.registrationOpensAt),
      registrationClosesAt: series.proposedCopyInstant(found.registrationClosesAt),
    });
    return copyPage(request, reply, found, { values });
  });

  app.post<SlugParams & { Body: Body }>(
    '/arrangoer/serier/:slug/kopier',
    access(ORGANISER),
    async (request, reply) => {
      const actor = actorOf(request);
      const found = await seriesOf(request.params.slug);
      const parsed = parseCopyForm(request.body, request.lang, scheduled(found));
      if (!parsed.ok) return copyPage(request, reply, found, parsed, 400);
      const outcome = await copySeriesAction(regDeps, found.id, parsed.fields, actor);
      if (outcome.kind === 'not-found') throw notFound();
      if (outcome.kind === 'slug-taken') {
        const m = seriesEditMessages(request.lang);
        return copyPage(
          request,
          reply,
          found,
          { values: typedValues(request.body), errors: { slug: m['series.error.slugTaken'] } },
          400,
        );
      }
      return reply.redirect(
        pathWith(editSeriesPath(outcome.slug), request.lang, { besked: 'kopieret' }),
        303,
      );
    },
  );
}

/** What was typed, as strings (for a form refused after parsing: the values stay as typed). */
function typedValues(body: Body): FormValues {
  const values: FormValues = {};
  for (const [k, v] of Object.entries(body ?? {})) {
    const first = Array.isArray(v) ? v[0] : v;
    if (k !== '_csrf' && typeof first === 'string') values[k] = first.slice(0, 6000);
  }
  return values;
}
