import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Executor } from '../../db/database.ts';
import type { AppDeps } from '../../deps.ts';
import type { Lang } from '../../shared/danish.ts';
import { notFound } from '../../shared/errors.ts';
import { isId } from '../../shared/ids.ts';
import { isSlug } from '../../shared/slug.ts';
import { access, ORGANISER } from '../../web/access.ts';
import { requireAccount } from '../../web/account.ts';
import { pageContext, sendPrivate } from '../../web/context.ts';
import { csrfToken } from '../../web/csrf.ts';
import { messages } from '../../web/i18n.ts';
import * as series from '../series/service.ts';
import {
  addSessionTo,
  cancelSessionAndTell,
  moveSessionInOrder,
  type ProgrammeDeps,
  type SessionOutcome,
  saveSession,
} from './service.ts';
import {
  EMPTY_SESSION,
  parseCancelNote,
  parseInPersonForm,
  parseOnlineForm,
  parseSessionForm,
  sessionValues,
} from './session-forms.ts';
import {
  type SessionNotice,
  seriesSessionsPath,
  sessionActionPage,
  sessionFormPage,
  sessionListPage,
} from './views/sessions.tsx';

// The organiser's session pages: the list, add, edit, move, and the three changes that tell everyone
// affected (online, back to in person, cancel). Every route is the organiser's only.

type Body = Record<string, unknown> | undefined;

const NOTICES = ['saved', 'added', 'cancelled', 'moved', 'is-cancelled'] as const;

/** The notice a redirect carries back to the list (`?besked=saved&nr=2&sendt=27`). */
function noticeFrom(query: Record<string, unknown>): SessionNotice | undefined {
  const kind = NOTICES.find((k) => k === query.besked);
  if (!kind) return undefined;
  if (kind === 'moved' || kind === 'is-cancelled') return { kind };
  const ordinal = Number(query.nr);
  if (!Number.isInteger(ordinal) || ordinal < 1 || ordinal > 999) return undefined;
  const sent = query.sendt === undefined ? null : Number(query.sendt);
  const told = sent !== null && Number.isInteger(sent) && sent >= 0 ? sent : null;
  return { kind, ordinal, told };
}

function doneUrl(slug: string, lang: Lang, outcome: SessionOutcome, kind: 'saved' | 'cancelled'): string {
  const en = lang === 'en' ? '&lang=en' : '';
  if (outcome.kind === 'cancelled') return `${seriesSessionsPath(slug)}?besked=is-cancelled${en}`;
  if (outcome.kind !== 'saved') return seriesSessionsPath(slug);
  const sent = outcome.told === null ? '' : `&sendt=${outcome.told}`;
  return `${seriesSessionsPath(slug)}?besked=${kind}&nr=${outcome.session.ordinal}${sent}${en}`;
}

export function sessionRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps.database;
  const programme: ProgrammeDeps = {
    database: deps.database,
    clock: deps.clock,
    baseUrl: deps.config.baseUrl,
  };
  const actorOf = (request: FastifyRequest) => {
    const account = requireAccount(request);
    return { accountId: account.id, label: account.email };
  };

  /** The series by slug with what its pages name (404: none). */
  async function seriesOf(executor: Executor, slug: string, lang: Lang) {
    if (!isSlug(slug)) throw notFound();
    const found = await series.sessionsForEditing(executor, slug);
    if (!found) throw notFound();
    const heading = await series.seriesHeading(executor, found.seriesId, lang);
    if (!heading) throw notFound();
    return { ...found, slug, title: heading.titleWithYear, public: series.isPublic(heading.status) };
  }

  async function sessionOf(id: string) {
    if (!isId(id)) throw notFound();
    const session = await series.sessionForEditing(db, id);
    if (!session) throw notFound();
    return session;
  }

  async function choices(seriesVenueId: string | null) {
    const [experts, venues] = await Promise.all([series.personChoices(db), series.venueChoices(db)]);
    const seriesVenue = seriesVenueId ? (venues.find((v) => v.id === seriesVenueId)?.label ?? null) : null;
    return { experts, venues, seriesVenue };
  }

  // ——— The list ———

  app.get<{ Params: { slug: string }; Querystring: Record<string, unknown> }>(
    '/arrangoer/serier/:slug/sessioner',
    access(ORGANISER),
    async (request, reply) => {
      const ctx = await pageContext(db, request);
      const s = await seriesOf(db, request.params.slug, ctx.lang);
      const online = messages(ctx.lang)['series.online'];
      const places = new Map<string, string>();
      for (const session of s.sessions)
        places.set(session.id, await series.sessionPlace(db, session, online));
      return sendPrivate(
        reply,
        sessionListPage(ctx, {
          series: s,
          sessions: s.sessions,
          places,
          csrf: csrfToken(reply),
          notice: noticeFrom(request.query),
        }),
      );
    },
  );

  // ——— Add ———

  app.get<{ Params: { slug: string } }>(
    '/arrangoer/serier/:slug/sessioner/ny',
    access(ORGANISER),
    async (request, reply) => {
      const ctx = await pageContext(db, request);
      const s = await seriesOf(db, request.params.slug, ctx.lang);
      const c = await choices(s.seriesVenueId);
      return sendPrivate(
        reply,
        sessionFormPage(ctx, {
          series: s,
          session: null,
          values: EMPTY_SESSION,
          ...c,
          csrf: csrfToken(reply),
        }),
      );
    },
  );

  app.post<{ Params: { slug: string }; Body: Body }>(
    '/arrangoer/serier/:slug/sessioner/ny',
    access(ORGANISER),
    async (request, reply) => {
      const ctx = await pageContext(db, request);
      const s = await seriesOf(db, request.params.slug, ctx.lang);
      const c = await choices(s.seriesVenueId);
      const parsed = parseSessionForm(
        request.body,
        { experts: c.experts.map((e) => e.id), venues: c.venues.map((v) => v.id) },
        ctx.lang,
      );
      if (!parsed.ok) {
        const page = sessionFormPage(ctx, {
          series: s,
          session: null,
          values: parsed.values,
          errors: parsed.errors,
          ...c,
          csrf: csrfToken(reply),
        });
        return sendPrivate(reply, page, 400);
      }
      const added = await addSessionTo(programme, s.seriesId, parsed.fields, actorOf(request));
      if (!added) throw notFound();
      const en = ctx.lang === 'en' ? '&lang=en' : '';
      const sent = added.told === null ? '' : `&sendt=${added.told}`;
      return reply.redirect(
        `${seriesSessionsPath(s.slug)}?besked=added&nr=${added.session.ordinal}${sent}${en}`,
        303,
      );
    },
  );

  // ——— Edit ———

  async function editModel(request: FastifyRequest, id: string) {
    const ctx = await pageContext(db, request);
    const session = await sessionOf(id);
    const heading = await series.seriesHeading(db, session.seriesId, ctx.lang);
    if (!heading) throw notFound();
    const c = await choices(session.seriesVenueId);
    return { ctx, session, s: { slug: session.seriesSlug, title: heading.titleWithYear }, c };
  }

  /** A cancelled session is not edited: back to the list, which says so. */
  function refuseCancelled(reply: FastifyReply, slug: string, lang: Lang) {
    return reply.redirect(
      `${seriesSessionsPath(slug)}?besked=is-cancelled${lang === 'en' ? '&lang=en' : ''}`,
      303,
    );
  }

  app.get<{ Params: { id: string } }>(
    '/arrangoer/sessioner/:id',
    access(ORGANISER),
    async (request, reply) => {
      const { ctx, session, s, c } = await editModel(request, request.params.id);
      if (session.status === 'cancelled') return refuseCancelled(reply, s.slug, ctx.lang);
      return sendPrivate(
        reply,
        sessionFormPage(ctx, {
          series: s,
          session,
          values: sessionValues(session),
          ...c,
          csrf: csrfToken(reply),
        }),
      );
    },
  );

  app.post<{ Params: { id: string }; Body: Body }>(
    '/arrangoer/sessioner/:id',
    access(ORGANISER),
    async (request, reply) => {
      const { ctx, session, s, c } = await editModel(request, request.params.id);
      if (session.status === 'cancelled') return refuseCancelled(reply, s.slug, ctx.lang);
      const parsed = parseSessionForm(
        request.body,
        { experts: c.experts.map((e) => e.id), venues: c.venues.map((v) => v.id) },
        ctx.lang,
      );
      if (!parsed.ok) {
        const page = sessionFormPage(ctx, {
          series: s,
          session,
          values: parsed.values,
          errors: parsed.errors,
          ...c,
          csrf: csrfToken(reply),
        });
        return sendPrivate(reply, page, 400);
      }
      const outcome = await saveSession(programme, session.id, parsed.fields, actorOf(request));
      return reply.redirect(doneUrl(s.slug, ctx.lang, outcome, 'saved'), 303);
    },
  );

  // ——— Move ———

  app.post<{ Params: { id: string }; Body: Body }>(
    '/arrangoer/sessioner/:id/flyt',
    access(ORGANISER),
    async (request, reply) => {
      const session = await sessionOf(request.params.id);
      const direction =
        request.body?.retning === 'op' ? 'up' : request.body?.retning === 'ned' ? 'down' : null;
      const en = request.lang === 'en' ? '&lang=en' : '';
      if (direction) await moveSessionInOrder(programme, session.id, direction, actorOf(request));
      return reply.redirect(`${seriesSessionsPath(session.seriesSlug)}?besked=moved${en}`, 303);
    },
  );

  // ——— Online, back to in person, cancel ———

  const ACTIONS = [
    { path: 'online', kind: 'online' },
    { path: 'fremmoede', kind: 'in-person' },
    { path: 'aflys', kind: 'cancel' },
  ] as const;

  for (const action of ACTIONS) {
    app.get<{ Params: { id: string } }>(
      `/arrangoer/sessioner/:id/${action.path}`,
      access(ORGANISER),
      async (request, reply) => {
        const { ctx, session, s, c } = await editModel(request, request.params.id);
        if (session.status === 'cancelled') return refuseCancelled(reply, s.slug, ctx.lang);
        const value =
          action.kind === 'online'
            ? (session.meetingUrl ?? '')
            : action.kind === 'in-person'
              ? (session.venueId ?? '')
              : '';
        return sendPrivate(
          reply,
          sessionActionPage(ctx, {
            kind: action.kind,
            series: s,
            session,
            value,
            ...c,
            csrf: csrfToken(reply),
          }),
        );
      },
    );

    app.post<{ Params: { id: string }; Body: Body }>(
      `/arrangoer/sessioner/:id/${action.path}`,
      access(ORGANISER),
      async (request, reply) => {
        const { ctx, session, s, c } = await editModel(request, request.params.id);
        if (session.status === 'cancelled') return refuseCancelled(reply, s.slug, ctx.lang);
        const again = (value: string, error: string) =>
          sendPrivate(
            reply,
            sessionActionPage(ctx, {
              kind: action.kind,
              series: s,
              session,
              value,
              error,
              ...c,
              csrf: csrfToken(reply),
            }),
            400,
          );
        if (action.kind === 'cancel') {
          const note = parseCancelNote(request.body, ctx.lang);
          if (!note.ok) return again(note.note, note.error);
          const outcome = await cancelSessionAndTell(programme, session.id, note.note, actorOf(request));
          return reply.redirect(doneUrl(s.slug, ctx.lang, outcome, 'cancelled'), 303);
        }
        const parsed =
          action.kind === 'online'
            ? parseOnlineForm(request.body, session, ctx.lang)
            : parseInPersonForm(
                request.body,
                session,
                c.venues.map((v) => v.id),
                ctx.lang,
              );
        if (!parsed.ok) {
          const field = action.kind === 'online' ? 'meetingUrl' : 'venueId';
          return again(parsed.values[field], parsed.errors[field] ?? '');
        }
        const outcome = await saveSession(programme, session.id, parsed.fields, actorOf(request));
        return reply.redirect(doneUrl(s.slug, ctx.lang, outcome, 'saved'), 303);
      },
    );
  }
}
