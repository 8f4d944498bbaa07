import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../deps.ts';
import { notFound } from '../../shared/errors.ts';
import { isId } from '../../shared/ids.ts';
import { isSlug } from '../../shared/slug.ts';
import { access, ORGANISER, SIGNED_IN } from '../../web/access.ts';
import { requireAccount } from '../../web/account.ts';
import { pageContext, sendPrivate } from '../../web/context.ts';
import { csrfToken } from '../../web/csrf.ts';
import { isMember } from '../people/service.ts';
import { announcementValues, type Fields, parseAnnouncement, parseMessage } from './forms.ts';
import { announcementPath, myThreadPath, organiserThreadPath } from './paths.ts';
import { mayAnnounce, mayWriteToOrganiser } from './rules.ts';
import {
  announce,
  announcementsFor,
  answerThread,
  type MessagesHold,
  messageActor,
  messagesHold,
  myThread,
  myThreads,
  openAnnouncement,
  organiserThread,
  organiserThreads,
  writeToOrganiser,
} from './service.ts';
import {
  announcementFormPage,
  announcementPage,
  announcementsPage,
  type MessageNotice,
  myThreadPage,
  myThreadsPage,
  organiserThreadPage,
  organiserThreadsPage,
} from './views/pages.tsx';

// The messages pages. Announcements live under a series' members' home (members only; writing is the
// organiser's and the facilitator's); the private threads on Min side (the member's own) and in the back
// office (the organiser's). Every route is for signed-in people; what each may see is messages/rules.ts, and
// anything else is a 404, so the pages do not tell what exists.

const BASE = '/mit-hold/:slug/beskeder';
const NOTICES: readonly MessageNotice[] = ['sent', 'written', 'answered'];

type Params = { slug: string };
type IdParams = { slug: string; id: string };
type Query = Record<string, unknown>;

export function messagesRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps.database;
  const now = () => deps.clock.now();

  /** The series and the person's membership; 404 unless they hold a role in it. */
  async function holdOf(request: FastifyRequest<{ Params: Params }>): Promise<MessagesHold> {
    const { slug } = request.params;
    if (!isSlug(slug)) throw notFound();
    const hold = await messagesHold(db, requireAccount(request), slug, request.lang, now());
    if (!hold || !isMember(hold.membership)) throw notFound();
    return hold;
  }

  const heading = (hold: MessagesHold) => ({ slug: hold.slug, title: hold.title });
  const noticeOf = (query: Query) => NOTICES.find((n) => n === query.besked);
  const done = (request: FastifyRequest, reply: FastifyReply, path: string, notice: MessageNotice) =>
    reply.redirect(`${path}?besked=${notice}${request.lang === 'en' ? '&lang=en' : ''}`, 303);

  // ——— Announcements ———

  app.get<{ Params: Params }>(BASE, access(SIGNED_IN), async (request, reply) => {
    const hold = await holdOf(request);
    const items = await announcementsFor(db, hold);
    const ctx = await pageContext(db, request);
    return sendPrivate(
      reply,
      announcementsPage(ctx, {
        hold: heading(hold),
        items,
        mayAnnounce: mayAnnounce(hold.membership),
        mayWrite: mayWriteToOrganiser(hold.membership),
      }),
    );
  });

  app.get<{ Params: Params }>(`${BASE}/ny`, access(SIGNED_IN), async (request, reply) => {
    const hold = await holdOf(request);
    if (!mayAnnounce(hold.membership)) throw notFound();
    const ctx = await pageContext(db, request);
    return sendPrivate(
      reply,
      announcementFormPage(ctx, {
        hold: heading(hold),
        values: announcementValues({}),
        csrf: csrfToken(reply),
      }),
    );
  });

  app.post<{ Params: Params; Body: Fields }>(`${BASE}/ny`, access(SIGNED_IN), async (request, reply) => {
    const hold = await holdOf(request);
    if (!mayAnnounce(hold.membership)) throw notFound();
    const parsed = parseAnnouncement(request.body ?? {}, request.lang);
    if (!parsed.ok) {
      const ctx = await pageContext(db, request);
      const page = announcementFormPage(ctx, {
        hold: heading(hold),
        values: parsed.values,
        errors: parsed.errors,
        warnings: parsed.warnings,
        csrf: csrfToken(reply),
      });
      return sendPrivate(reply, page, 400);
    }
    const made = await announce(
      deps.database.db,
      { hold: { seriesId: hold.seriesId, slug: hold.slug, title: hold.title }, ...parsed.value },
      messageActor(requireAccount(request)),
      now(),
    );
    return done(request, reply, announcementPath(hold.slug, made.id), 'sent');
  });

  app.get<{ Params: IdParams; Querystring: Query }>(
    `${BASE}/:id`,
    access(SIGNED_IN),
    async (request, reply) => {
      if (!isId(request.params.id)) throw notFound();
      const hold = await holdOf(request);
      const announcement = await openAnnouncement(db, hold, request.params.id, now());
      if (!announcement) throw notFound();
      const ctx = await pageContext(db, request);
      return sendPrivate(
        reply,
        announcementPage(ctx, { hold: heading(hold), announcement, notice: noticeOf(request.query) }),
      );
    },
  );

  // ——— The member's threads with the organiser (Min side) ———

  app.get('/min-side/beskeder', access(SIGNED_IN), async (request, reply) => {
    const model = await myThreads(db, requireAccount(request), request.lang, now());
    return sendPrivate(reply, myThreadsPage(await pageContext(db, request), model));
  });

  /** The hold of a thread page: a member of it, or someone who wrote there before (their own thread). */
  async function threadHold(request: FastifyRequest<{ Params: Params }>) {
    const { slug } = request.params;
    if (!isSlug(slug)) throw notFound();
    const hold = await messagesHold(db, requireAccount(request), slug, request.lang, now());
    if (!hold) throw notFound();
    const mine = await myThread(db, hold);
    const mayWrite = mayWriteToOrganiser(hold.membership);
    if (!mayWrite && !mine.thread) throw notFound();
    return { hold, mine, mayWrite };
  }

  app.get<{ Params: Params; Querystring: Query }>(
    '/min-side/beskeder/:slug',
    access(SIGNED_IN),
    async (request, reply) => {
      const { hold, mine, mayWrite } = await threadHold(request);
      const ctx = await pageContext(db, request);
      return sendPrivate(
        reply,
        myThreadPage(ctx, {
          hold: heading(hold),
          posts: mine.posts,
          mayWrite,
          notice: noticeOf(request.query),
          csrf: csrfToken(reply),
        }),
      );
    },
  );

  app.post<{ Params: Params; Body: Fields }>(
    '/min-side/beskeder/:slug',
    access(SIGNED_IN),
    async (request, reply) => {
      const { hold, mine, mayWrite } = await threadHold(request);
      if (!mayWrite) throw notFound();
      const parsed = parseMessage(request.body ?? {}, request.lang);
      if (!parsed.ok) {
        const ctx = await pageContext(db, request);
        const page = myThreadPage(ctx, {
          hold: heading(hold),
          posts: mine.posts,
          mayWrite,
          values: parsed.values,
          errors: parsed.errors,
          warnings: parsed.warnings,
          csrf: csrfToken(reply),
        });
        return sendPrivate(reply, page, 400);
      }
      await writeToOrganiser(
        deps.database.db,
        hold,
        parsed.value.bodyMd,
        messageActor(requireAccount(request)),
        now(),
      );
      return done(request, reply, myThreadPath(hold.slug), 'written');
    },
  );

  // ——— The organiser's threads (back office) ———

  app.get('/arrangoer/beskeder', access(ORGANISER), async (request, reply) => {
    const threads = await organiserThreads(db, requireAccount(request), request.lang, now());
    return sendPrivate(reply, organiserThreadsPage(await pageContext(db, request), threads));
  });

  async function threadOf(request: FastifyRequest<{ Params: { id: string } }>) {
    if (!isId(request.params.id)) throw notFound();
    const found = await organiserThread(db, requireAccount(request), request.params.id, request.lang, now());
    if (!found) throw notFound();
    return found;
  }

  app.get<{ Params: { id: string }; Querystring: Query }>(
    '/arrangoer/beskeder/:id',
    access(ORGANISER),
    async (request, reply) => {
      const found = await threadOf(request);
      const ctx = await pageContext(db, request);
      return sendPrivate(
        reply,
        organiserThreadPage(ctx, { ...found, notice: noticeOf(request.query), csrf: csrfToken(reply) }),
      );
    },
  );

  app.post<{ Params: { id: string }; Body: Fields }>(
    '/arrangoer/beskeder/:id',
    access(ORGANISER),
    async (request, reply) => {
      const found = await threadOf(request);
      const parsed = parseMessage(request.body ?? {}, request.lang);
      if (!parsed.ok) {
        const ctx = await pageContext(db, request);
        const page = organiserThreadPage(ctx, {
          ...found,
          values: parsed.values,
          errors: parsed.errors,
          warnings: parsed.warnings,
          csrf: csrfToken(reply),
        });
        return sendPrivate(reply, page, 400);
      }
      await answerThread(
        deps.database.db,
        found,
        parsed.value.bodyMd,
        messageActor(requireAccount(request)),
        now(),
      );
      return done(request, reply, organiserThreadPath(found.thread.id), 'answered');
    },
  );
}
