import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps.ts';
import { notFound } from '../shared/errors.ts';
import { isId } from '../shared/ids.ts';
import { policy } from '../web/access.ts';
import { pageContext, sendHtml } from '../web/context.ts';
import { isLoopbackPeer } from '../web/peer.ts';
import type { Mailer } from './mailer.ts';
import type { AttachmentResolver } from './outbox.ts';
import { mailboxAttachment, mailboxList, mailboxMail } from './service.ts';
import { MAILBOX_PATH, mailboxListPage, mailboxMailPage } from './views.tsx';

// The mailbox: every mail in the outbox, readable in the browser — sign-in links and codes included, so it
// is a way into every account. It exists only when mails are kept (no SMTP_URL) and never in production,
// and even then answers only connections from this machine (the socket's peer, never a forwarded header).
// Anything else gets the ordinary 404 page.

/**
 * The mail's own HTML, as a document of its own: its inline styles are allowed, nothing else is — no
 * scripts, no requests out, no forms, and (sandbox) an opaque origin that cannot reach this site's cookies.
 */
export const MAIL_HTML_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox";

const SAFE_CONTENT_TYPE = /^[\w.+-]+\/[\w.+-]+(\s*;\s*[\w-]+=("[\w .+-]*"|[\w.+-]+))*$/;

function mailId(params: unknown): string {
  const id = (params as { id?: string }).id ?? '';
  if (!isId(id)) throw notFound();
  return id;
}

/** `attachment; filename="…"` with an ASCII fallback and the exact UTF-8 name (RFC 6266). */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export function mailboxRoutes(
  app: FastifyInstance,
  deps: AppDeps,
  mailer: Mailer,
  resolveAttachment?: AttachmentResolver,
): void {
  if (deps.config.nodeEnv === 'production' || deps.config.smtpUrl !== null) return;
  const { db } = deps.database;
  // Only this machine's own browser (the socket peer, never X-Forwarded-For); anyone else finds nothing.
  const routeOptions = {
    config: {
      personalData: true,
      access: policy('loopback', (request) => (isLoopbackPeer(request) ? 'allow' : 'not-found')),
    },
  };

  app.get(MAILBOX_PATH, routeOptions, async (request, reply) => {
    const [ctx, entries] = await Promise.all([pageContext(db, request), mailboxList(db)]);
    return sendHtml(reply, mailboxListPage(ctx, entries, mailer.kind));
  });

  app.get(`${MAILBOX_PATH}/:id`, routeOptions, async (request, reply) => {
    const id = mailId(request.params);
    const mail = await mailboxMail(db, id);
    if (!mail) throw notFound();
    return sendHtml(
      reply,
      mailboxMailPage(await pageContext(db, request), mail, {
        from: deps.config.mailFrom,
        retentionDays: deps.config.mailBodyRetentionDays,
      }),
    );
  });

  app.get(`${MAILBOX_PATH}/:id/html`, routeOptions, async (request, reply) => {
    const mail = await mailboxMail(db, mailId(request.params));
    // An erased mail has no HTML left to show.
    if (!mail || mail.erasedAt) throw notFound();
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', MAIL_HTML_CSP)
      .header('cache-control', 'no-store')
      .send(mail.html);
  });

  app.get(`${MAILBOX_PATH}/:id/vedhaeftning/:n`, routeOptions, async (request, reply) => {
    const id = mailId(request.params);
    const n = (request.params as { n?: string }).n ?? '';
    if (!/^[1-9]\d{0,2}$/.test(n)) throw notFound();
    const attachment = await mailboxAttachment(db, id, Number(n), resolveAttachment);
    if (!attachment) throw notFound();
    const type = SAFE_CONTENT_TYPE.test(attachment.contentType)
      ? attachment.contentType
      : 'application/octet-stream';
    return reply
      .header('content-type', type)
      .header('content-disposition', contentDisposition(attachment.filename))
      .header('cache-control', 'no-store')
      .send(attachment.content);
  });
}
