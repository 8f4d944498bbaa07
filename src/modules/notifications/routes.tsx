import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps.ts';
import { access, PUBLIC, SIGNED_IN } from '../../web/access.ts';
import { requireAccount } from '../../web/account.ts';
import { pageContext, sendPrivate } from '../../web/context.ts';
import { csrfToken } from '../../web/csrf.ts';
import { CHOICE_LINK_PATH, SETTINGS_PATH } from './links.ts';
import { notificationsMessages } from './messages.ts';
import { isChoice } from './rules.ts';
import {
  changeLinkedChoice,
  choicesOf,
  linkedChoice,
  markRead,
  type NotificationChoice,
  type NotificationKind,
  recentNotifications,
  saveChoices,
} from './service.ts';
import { NOTIFICATION_KINDS } from './table.ts';
import { linkFailedPage, linkPage, settingsPage } from './views/pages.tsx';

// Min side → Varsler (the person's choices and newest notifications; opening it marks them read) and the
// page behind the link in every notification mail: GET shows the one choice and a button (a mail filter that
// opens the link changes nothing), POST changes it. That link works without signing in: the token is signed
// (token.ts); a wrong one is a 404, an expired one a 400, both a Danish page. The token is never logged
// (web/redact.ts TOKEN_PATHS) nor audited.

type Body = Record<string, unknown>;
const langQuery = (lang: string, first: boolean) => (lang === 'en' ? `${first ? '?' : '&'}lang=en` : '');

export function notificationsRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps.database;
  const now = () => deps.clock.now();

  app.get<{ Querystring: { gemt?: string } }>(SETTINGS_PATH, access(SIGNED_IN), async (request, reply) => {
    const account = requireAccount(request);
    const [choices, recent] = await Promise.all([
      choicesOf(db, account.id),
      recentNotifications(db, account.id, request.lang),
    ]);
    const page = settingsPage(await pageContext(db, request), {
      csrf: csrfToken(reply),
      values: Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, choices[k].choice])),
      errors: {},
      saved: request.query.gemt === '1',
      digestHour: deps.config.digestHour,
      recent,
    });
    // Opening the list is reading it: what it showed is no longer new.
    await markRead(
      db,
      account.id,
      recent.filter((n) => n.unread).map((n) => n.id),
      now(),
    );
    return sendPrivate(reply, page);
  });

  app.post<{ Body: Body }>(SETTINGS_PATH, access(SIGNED_IN), async (request, reply) => {
    const account = requireAccount(request);
    const body = request.body ?? {};
    const m = notificationsMessages(request.lang);
    const values: Partial<Record<NotificationKind, string>> = {};
    const errors: Partial<Record<NotificationKind, string>> = {};
    const changes: Partial<Record<NotificationKind, NotificationChoice>> = {};
    for (const kind of NOTIFICATION_KINDS) {
      const raw = body[kind];
      if (isChoice(raw)) {
        values[kind] = raw;
        changes[kind] = raw;
      } else errors[kind] = m['notifications.pickOne'];
    }
    if (Object.keys(errors).length > 0) {
      const page = settingsPage(await pageContext(db, request), {
        csrf: csrfToken(reply),
        values,
        errors,
        saved: false,
        digestHour: deps.config.digestHour,
        recent: await recentNotifications(db, account.id, request.lang),
      });
      return sendPrivate(reply, page, 400);
    }
    await db
      .transaction()
      .execute((tx) =>
        saveChoices(
          tx,
          account.id,
          changes,
          { accountId: account.id, label: account.email },
          now(),
          'settings',
        ),
      );
    return reply.redirect(`${SETTINGS_PATH}?gemt=1${langQuery(request.lang, false)}`, 303);
  });

  app.get<{ Params: { token: string }; Querystring: { gemt?: string } }>(
    `${CHOICE_LINK_PATH}/:token`,
    access(PUBLIC),
    async (request, reply) => {
      const linked = await linkedChoice(db, request.params.token, now());
      const ctx = await pageContext(db, request);
      if (!linked.ok)
        return sendPrivate(
          reply,
          linkFailedPage(ctx, linked.reason),
          linked.reason === 'expired' ? 400 : 404,
        );
      return sendPrivate(
        reply,
        linkPage(ctx, {
          csrf: csrfToken(reply),
          token: request.params.token,
          kind: linked.kind,
          choice: linked.choice,
          saved: request.query.gemt === '1',
        }),
      );
    },
  );

  app.post<{ Params: { token: string }; Body: Body }>(
    `${CHOICE_LINK_PATH}/:token`,
    access(PUBLIC),
    async (request, reply) => {
      const { token } = request.params;
      const choice = request.body?.choice;
      if (!isChoice(choice)) {
        // Only a hand-made form sends no valid choice: show the page again, as it was.
        const linked = await linkedChoice(db, token, now());
        const ctx = await pageContext(db, request);
        if (!linked.ok)
          return sendPrivate(
            reply,
            linkFailedPage(ctx, linked.reason),
            linked.reason === 'expired' ? 400 : 404,
          );
        return sendPrivate(
          reply,
          linkPage(ctx, {
            csrf: csrfToken(reply),
            token,
            kind: linked.kind,
            choice: linked.choice,
            saved: false,
          }),
          400,
        );
      }
      const changed = await changeLinkedChoice(db, token, choice, now());
      if (!changed.ok) {
        const ctx = await pageContext(db, request);
        return sendPrivate(
          reply,
          linkFailedPage(ctx, changed.reason),
          changed.reason === 'expired' ? 400 : 404,
        );
      }
      return reply.redirect(`${CHOICE_LINK_PATH}/${token}?gemt=1${langQuery(request.lang, false)}`, 303);
    },
  );
}
