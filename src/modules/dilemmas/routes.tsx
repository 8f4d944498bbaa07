import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../deps.ts';
import { notFound } from '../../shared/errors.ts';
import { isId } from '../../shared/ids.ts';
import { CONFIRM_FIELD, type PersonalDataCheck } from '../../shared/personal-data.ts';
import { isSlug } from '../../shared/slug.ts';
import { access, SIGNED_IN } from '../../web/access.ts';
import { requireAccount } from '../../web/account.ts';
import { pageContext, sendPrivate } from '../../web/context.ts';
import { csrfToken } from '../../web/csrf.ts';
import { isMember } from '../people/service.ts';
import {
  DILEMMA_FIELDS,
  type DilemmaValues,
  dilemmaValuesOf,
  emptyDilemmaValues,
  parseComment,
  parseDilemmaForm,
  parseFollowup,
  parsePoint,
} from './forms.ts';
import { dilemmasMessages } from './messages.ts';
import type { Dilemma } from './model.ts';
import { agendaPath, dilemmaPath } from './paths.ts';
import {
  AGENDA_MAX,
  authorShown,
  mayComment,
  mayCommentAnonymously,
  mayManageAgenda,
  mayPlace,
  maySubmitDilemma,
} from './rules.ts';
import {
  addAgendaPoint,
  addComment,
  agendaPage,
  changeAgendaItem,
  commentsOf,
  cursorText,
  type DilemmasHold,
  dilemmaFor,
  dilemmaList,
  dilemmasHold,
  followupLink,
  markDiscussed,
  parseCursor,
  placeOnAgenda,
  submitDilemma,
  writeFollowup,
} from './service.ts';
import {
  agendaPageView,
  dilemmaPage,
  followupPageView,
  type GuardState,
  listPage,
  submitPage,
} from './views/pages.tsx';

// The dilemmas pages under a series' members' home, and each session's agenda. Every route is for signed-in
// people (the gate sends a stranger to sign in); what each person may see and do is dilemmas/rules.ts, and
// anything else is a 404, so the pages do not tell what exists.

const BASE = '/mit-hold/:slug/dilemmaer';
const AGENDA = '/mit-hold/:slug/dagsorden/:sessionId';

type Params = { slug: string };
type IdParams = { slug: string; id: string };
type SessionParams = { slug: string; sessionId: string };
type ItemParams = SessionParams & { itemId: string };
type Query = Record<string, unknown>;
type Body = Record<string, unknown> | undefined;

const NOTICES = ['created', 'commented', 'placed', 'discussed', 'followup'] as const;
type Notice = (typeof NOTICES)[number];

/** The guard's refusals and warnings next to their fields, and the confirmation to tick. */
function guardErrors(
  check: PersonalDataCheck,
  confirmed: boolean,
): { errors: Record<string, string>; guard: GuardState } {
  return {
    // A ticked warning is no longer a problem of its field (a CPR number still is).
    errors: { ...(confirmed ? {} : check.warnings), ...check.errors },
    guard: { warnings: check.warnings, confirmed },
  };
}

const confirmedIn = (body: Body) => {
  const v = body?.[CONFIRM_FIELD];
  return typeof v === 'string' && v !== '';
};

export function dilemmasRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps.database;
  const now = () => deps.clock.now();

  /** The series and the person's membership; 404 unless they hold a role in it. */
  async function holdOf(request: FastifyRequest<{ Params: Params }>): Promise<DilemmasHold> {
    const { slug } = request.params;
    if (!isSlug(slug)) throw notFound();
    const hold = await dilemmasHold(db, requireAccount(request), slug, request.lang, now());
    if (!hold || !isMember(hold.membership)) throw notFound();
    return hold;
  }

  async function dilemmaOf(request: FastifyRequest<{ Params: IdParams }>) {
    if (!isId(request.params.id)) throw notFound();
    const hold = await holdOf(request);
    const dilemma = await dilemmaFor(db, hold, request.params.id);
    if (!dilemma) throw notFound();
    return { hold, dilemma };
  }

  /** The agenda's keepers only, on a session of this series. */
  async function agendaHold(request: FastifyRequest<{ Params: SessionParams }>) {
    if (!isId(request.params.sessionId)) throw notFound();
    const hold = await holdOf(request);
    if (!mayManageAgenda(hold.membership)) throw notFound();
    const session = hold.sessions.find((s) => s.id === request.params.sessionId);
    if (!session) throw notFound();
    return { hold, session };
  }

  const heading = (hold: DilemmasHold) => ({ slug: hold.slug, title: hold.title });
  const langTail = (request: FastifyRequest, first: boolean) =>
    request.lang === 'en' ? `${first ? '?' : '&'}lang=en` : '';
  const redirectTo = (request: FastifyRequest, reply: FastifyReply, path: string, notice?: Notice) =>
    reply.redirect(
      notice ? `${path}?besked=${notice}${langTail(request, false)}` : `${path}${langTail(request, true)}`,
      303,
    );
  const noticeOf = (query: Query): Notice | undefined => NOTICES.find((n) => n === query.besked);
  const ordinalOf = (hold: DilemmasHold, sessionId: string | null) =>
    sessionId === null ? null : (hold.sessions.find((s) => s.id === sessionId)?.ordinal ?? null);

  // ——— The list ———

  app.get<{ Params: Params; Querystring: Query }>(BASE, access(SIGNED_IN), async (request, reply) => {
    const hold = await holdOf(request);
    const after = parseCursor(request.query.efter);
    const page = await dilemmaList(db, hold, after);
    if (!page) throw notFound();
    const ctx = await pageContext(db, request);
    return sendPrivate(
      reply,
      listPage(ctx, {
        hold: heading(hold),
        items: page.items.map((d) => ({
          dilemma: d,
          author: authorShown(hold.membership, hold.account.id, d),
          sessionOrdinal: ordinalOf(hold, d.sessionId),
        })),
        next: page.next ? cursorText(page.next) : null,
        first: after === null,
        mayAdd: maySubmitDilemma(hold.membership),
        expertView: page.expertView,
      }),
    );
  });

  // ——— Submit ———

  const submitForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    hold: DilemmasHold,
    values: DilemmaValues,
    errors?: Record<string, string>,
    guard?: GuardState,
  ) => {
    const ctx = await pageContext(db, request);
    return sendPrivate(
      reply,
      submitPage(ctx, { hold: heading(hold), values, errors, guard, csrf: csrfToken(reply) }),
      errors ? 400 : 200,
    );
  };

  app.get<{ Params: Params }>(`${BASE}/ny`, access(SIGNED_IN), async (request, reply) => {
    const hold = await holdOf(request);
    if (!maySubmitDilemma(hold.membership)) throw notFound();
    return submitForm(request, reply, hold, emptyDilemmaValues());
  });

  app.post<{ Params: Params; Body: Body }>(`${BASE}/ny`, access(SIGNED_IN), async (request, reply) => {
    const hold = await holdOf(request);
    if (!maySubmitDilemma(hold.membership)) throw notFound();
    const values = dilemmaValuesOf(request.body ?? {});
    const parsed = parseDilemmaForm(values, request.lang);
    if (!parsed.ok) return submitForm(request, reply, hold, values, parsed.errors);
    const outcome = await submitDilemma(
      deps.database.db,
      hold,
      parsed.input,
      confirmedIn(request.body),
      request.lang,
      now(),
    );
    if (!outcome) throw notFound();
    if (outcome.kind === 'refused') {
      const { errors, guard } = guardErrors(outcome.check, confirmedIn(request.body));
      const onFields = Object.fromEntries(
        Object.entries(errors).filter(([f]) => (DILEMMA_FIELDS as readonly string[]).includes(f)),
      );
      return submitForm(request, reply, hold, values, onFields, guard);
    }
    return redirectTo(request, reply, dilemmaPath(hold.slug, outcome.value.id), 'created');
  });

  // ——— One dilemma ———

  const showDilemma = async (
    request: FastifyRequest,
    reply: FastifyReply,
    hold: DilemmasHold,
    dilemma: Dilemma,
    extra: {
      comment?: { value: string; error?: string; anonymous: boolean; guard?: GuardState };
      placeError?: string;
      notice?: Notice;
      after?: ReturnType<typeof parseCursor>;
    } = {},
    status = 200,
  ) => {
    const ctx = await pageContext(db, request);
    const m = dilemmasMessages(ctx.lang);
    const [comments, followupPath] = await Promise.all([
      commentsOf(db, dilemma, extra.after ?? null),
      followupLink(db, hold, dilemma),
    ]);
    const me = hold.account.id;
    const notices: Record<Notice, string> = {
      created: m['dilemmas.notice.created'],
      commented: m['dilemmas.notice.commented'],
      placed: m['dilemmas.notice.placed'],
      discussed: m['dilemmas.notice.discussed'],
      followup: m['followup.notice'],
    };
    const page = dilemmaPage(ctx, {
      hold: heading(hold),
      dilemma,
      author: authorShown(hold.membership, me, dilemma),
      sessionOrdinal: ordinalOf(hold, dilemma.sessionId),
      comments: comments.items.map((c) => ({
        comment: c,
        author: authorShown(hold.membership, me, c),
      })),
      moreComments: comments.next ? cursorText(comments.next) : null,
      followupPath,
      comment: mayComment(hold.membership, dilemma)
        ? {
            value: extra.comment?.value ?? '',
            error: extra.comment?.error,
            anonymousChoice: mayCommentAnonymously(me, dilemma)
              ? { checked: extra.comment ? extra.comment.anonymous : true }
              : null,
            name: hold.account.name,
            guard: extra.comment?.guard,
          }
        : null,
      place: mayPlace(hold.membership, dilemma)
        ? {
            sessions: hold.sessions
              .filter((s) => !s.cancelled)
              .map((s) => ({ id: s.id, ordinal: s.ordinal, question: s.question })),
            error: extra.placeError,
          }
        : null,
      notice: extra.notice ? notices[extra.notice] : undefined,
      csrf: csrfToken(reply),
    });
    return sendPrivate(reply, page, status);
  };

  app.get<{ Params: IdParams; Querystring: Query }>(
    `${BASE}/:id`,
    access(SIGNED_IN),
    async (request, reply) => {
      const { hold, dilemma } = await dilemmaOf(request);
      return showDilemma(request, reply, hold, dilemma, {
        notice: noticeOf(request.query),
        after: parseCursor(request.query.efter),
      });
    },
  );

  app.post<{ Params: IdParams; Body: Body }>(
    `${BASE}/:id/kommentar`,
    access(SIGNED_IN),
    async (request, reply) => {
      const { hold, dilemma } = await dilemmaOf(request);
      if (!mayComment(hold.membership, dilemma)) throw notFound();
      const body = request.body ?? {};
      const typed = typeof body.body === 'string' ? body.body : '';
      const anonymous = typeof body.anonym === 'string' && body.anonym !== '';
      const parsed = parseComment(body, request.lang);
      if (!parsed.ok)
        return showDilemma(
          request,
          reply,
          hold,
          dilemma,
          {
            comment: { value: typed, error: parsed.errors.body, anonymous },
          },
          400,
        );
      const outcome = await addComment(
        deps.database.db,
        hold,
        dilemma,
        { body: parsed.input, anonymous },
        confirmedIn(body),
        request.lang,
        now(),
      );
      if (!outcome) throw notFound();
      if (outcome.kind === 'refused') {
        const { errors, guard } = guardErrors(outcome.check, confirmedIn(request.body));
        return showDilemma(
          request,
          reply,
          hold,
          dilemma,
          {
            comment: {
              value: typed,
              error: errors.body ?? Object.values(errors)[0],
              anonymous,
              guard,
            },
          },
          400,
        );
      }
      return redirectTo(request, reply, dilemmaPath(hold.slug, dilemma.id), 'commented');
    },
  );

  app.post<{ Params: IdParams; Body: Body }>(
    `${BASE}/:id/dagsorden`,
    access(SIGNED_IN),
    async (request, reply) => {
      const { hold, dilemma } = await dilemmaOf(request);
      if (!mayManageAgenda(hold.membership)) throw notFound();
      const sessionId = request.body?.session;
      const m = dilemmasMessages(request.lang);
      if (typeof sessionId !== 'string' || !hold.sessions.some((s) => s.id === sessionId && !s.cancelled))
        return showDilemma(request, reply, hold, dilemma, { placeError: m['dilemmas.err.session'] }, 400);
      const outcome = await placeOnAgenda(
        deps.database.db,
        hold,
        { dilemmaId: dilemma.id, sessionId },
        now(),
      );
      if (outcome === null) throw notFound();
      if (outcome === 'full')
        return showDilemma(
          request,
          reply,
          hold,
          dilemma,
          { placeError: m['agenda.err.full'](AGENDA_MAX) },
          400,
        );
      if (outcome === 'refused') return showDilemma(request, reply, hold, dilemma, {}, 409);
      return redirectTo(request, reply, dilemmaPath(hold.slug, dilemma.id), 'placed');
    },
  );

  app.post<{ Params: IdParams }>(`${BASE}/:id/droeftet`, access(SIGNED_IN), async (request, reply) => {
    const { hold, dilemma } = await dilemmaOf(request);
    if (!mayManageAgenda(hold.membership)) throw notFound();
    const outcome = await markDiscussed(deps.database.db, hold, dilemma.id, now());
    if (outcome === null) throw notFound();
    if (outcome !== 'done') return showDilemma(request, reply, hold, dilemma, {}, 409);
    return redirectTo(request, reply, dilemmaPath(hold.slug, dilemma.id), 'discussed');
  });

  // ——— The agenda of a session ———

  const showAgenda = async (
    request: FastifyRequest,
    reply: FastifyReply,
    hold: DilemmasHold,
    sessionId: string,
    extra: { point?: { value: string; error?: string }; dilemmaError?: string; notice?: string } = {},
    status = 200,
  ) => {
    const page = await agendaPage(db, hold, sessionId, now());
    if (!page) throw notFound();
    const ctx = await pageContext(db, request);
    return sendPrivate(
      reply,
      agendaPageView(ctx, {
        hold: heading(hold),
        session: { id: page.session.id, ordinal: page.session.ordinal, question: page.session.question },
        lines: page.lines,
        newDilemmas: page.newDilemmas.map((d) => ({ id: d.id, title: d.title })),
        begun: page.begun,
        followups: page.followups,
        ...extra,
        csrf: csrfToken(reply),
      }),
      status,
    );
  };

  app.get<{ Params: SessionParams; Querystring: Query }>(
    AGENDA,
    access(SIGNED_IN),
    async (request, reply) => {
      const { hold, session } = await agendaHold(request);
      const m = dilemmasMessages(request.lang);
      return showAgenda(request, reply, hold, session.id, {
        notice: request.query.besked === 'followup' ? m['followup.notice'] : undefined,
      });
    },
  );

  app.post<{ Params: SessionParams; Body: Body }>(
    `${AGENDA}/punkt`,
    access(SIGNED_IN),
    async (request, reply) => {
      const { hold, session } = await agendaHold(request);
      const body = request.body ?? {};
      const typed = typeof body.point === 'string' ? body.point : '';
      const parsed = parsePoint(body, request.lang);
      if (!parsed.ok)
        return showAgenda(
          request,
          reply,
          hold,
          session.id,
          { point: { value: typed, error: parsed.errors.point } },
          400,
        );
      const outcome = await addAgendaPoint(
        deps.database.db,
        hold,
        { sessionId: session.id, text: parsed.input },
        now(),
      );
      if (outcome === 'full') {
        const m = dilemmasMessages(request.lang);
        return showAgenda(
          request,
          reply,
          hold,
          session.id,
          { point: { value: typed, error: m['agenda.err.full'](AGENDA_MAX) } },
          400,
        );
      }
      if (outcome !== 'done') throw notFound();
      return redirectTo(request, reply, agendaPath(hold.slug, session.id));
    },
  );

  app.post<{ Params: SessionParams; Body: Body }>(
    `${AGENDA}/dilemma`,
    access(SIGNED_IN),
    async (request, reply) => {
      const { hold, session } = await agendaHold(request);
      const m = dilemmasMessages(request.lang);
      const id = request.body?.dilemma;
      const outcome =
        typeof id === 'string' && isId(id)
          ? await placeOnAgenda(deps.database.db, hold, { dilemmaId: id, sessionId: session.id }, now())
          : null;
      if (outcome !== 'done') {
        const error = outcome === 'full' ? m['agenda.err.full'](AGENDA_MAX) : m['agenda.err.dilemma'];
        return showAgenda(request, reply, hold, session.id, { dilemmaError: error }, 400);
      }
      return redirectTo(request, reply, agendaPath(hold.slug, session.id));
    },
  );

  app.post<{ Params: ItemParams; Body: Body }>(
    `${AGENDA}/punkter/:itemId`,
    access(SIGNED_IN),
    async (request, reply) => {
      const { hold, session } = await agendaHold(request);
      if (!isId(request.params.itemId)) throw notFound();
      const handling = request.body?.handling;
      const move =
        handling === 'op' ? 'up' : handling === 'ned' ? 'down' : handling === 'fjern' ? 'remove' : null;
      if (!move) return showAgenda(request, reply, hold, session.id, {}, 400);
      const outcome = await changeAgendaItem(
        deps.database.db,
        hold,
        { sessionId: session.id, itemId: request.params.itemId, move },
        now(),
      );
      if (outcome === null) throw notFound();
      if (outcome !== 'done') return showAgenda(request, reply, hold, session.id, {}, 409);
      return redirectTo(request, reply, agendaPath(hold.slug, session.id));
    },
  );

  // ——— The follow-up ———

  const showFollowup = async (
    request: FastifyRequest,
    reply: FastifyReply,
    hold: DilemmasHold,
    sessionId: string,
    values: { title: string; body: string; dilemmaIds: string[] } | null,
    extra: { errors?: Record<string, string>; guard?: GuardState } = {},
    status = 200,
  ) => {
    const page = await agendaPage(db, hold, sessionId, now());
    if (!page?.begun) throw notFound();
    const ctx = await pageContext(db, request);
    const m = dilemmasMessages(ctx.lang);
    return sendPrivate(
      reply,
      followupPageView(ctx, {
        hold: heading(hold),
        session: { id: page.session.id, ordinal: page.session.ordinal, question: page.session.question },
        discussed: page.discussed.map((d) => ({ id: d.id, title: d.title })),
        values: values ?? {
          title: m['followup.defaultTitle'](page.session.ordinal),
          body: '',
          dilemmaIds: page.discussed.map((d) => d.id),
        },
        errors: extra.errors,
        guard: extra.guard,
        csrf: csrfToken(reply),
      }),
      status,
    );
  };

  app.get<{ Params: SessionParams }>(`${AGENDA}/opsamling`, access(SIGNED_IN), async (request, reply) => {
    const { hold, session } = await agendaHold(request);
    return showFollowup(request, reply, hold, session.id, null);
  });

  app.post<{ Params: SessionParams; Body: Body }>(
    `${AGENDA}/opsamling`,
    access(SIGNED_IN),
    async (request, reply) => {
      const { hold, session } = await agendaHold(request);
      const body = request.body ?? {};
      const raw = body.dilemma;
      const values = {
        title: typeof body.title === 'string' ? body.title : '',
        body: typeof body.body === 'string' ? body.body : '',
        dilemmaIds: (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string'),
      };
      const parsed = parseFollowup(body, request.lang);
      if (!parsed.ok)
        return showFollowup(request, reply, hold, session.id, values, { errors: parsed.errors }, 400);
      const outcome = await writeFollowup(
        deps.database.db,
        hold,
        session.id,
        parsed.input,
        confirmedIn(body),
        request.lang,
        now(),
      );
      if (!outcome || outcome.kind === 'not-yet') throw notFound();
      if (outcome.kind === 'refused') {
        const { errors, guard } = guardErrors(outcome.check, confirmedIn(request.body));
        return showFollowup(
          request,
          reply,
          hold,
          session.id,
          values,
          {
            errors,
            guard,
          },
          400,
        );
      }
      return reply.redirect(
        `${agendaPath(hold.slug, session.id)}?besked=followup${langTail(request, false)}`,
        303,
      );
    },
  );
}
