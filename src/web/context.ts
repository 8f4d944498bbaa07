import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Executor } from '../db/database.ts';
import { viewerOf } from './account.ts';
import { nulFields } from './form-guard.ts';
import { type Lang, pickLang } from './i18n.ts';
import { type PageContext, pageFor, type SharedPage, type SiteInfo } from './layout.tsx';

/** Reads who runs the site (null: no organiser yet). The composition root gives it (series' siteInfo). */
export type SiteInfoLoader = (db: Executor) => Promise<SiteInfo | null>;

declare module 'fastify' {
  interface FastifyRequest {
    lang: Lang;
  }
  interface FastifyInstance {
    loadSiteInfo?: SiteInfoLoader;
  }
}

/**
 * Gives pageContext its site-info loader. The web layer imports no module: app.ts (the composition root)
 * passes the series module's reader in here, once, before the routes.
 */
export function provideSiteInfo(app: FastifyInstance, loader: SiteInfoLoader): void {
  app.decorate('loadSiteInfo', loader);
}

const ONE_YEAR_S = 365 * 24 * 3600;

/** Decides the request's language; an explicit `?lang=` is remembered in a cookie. */
export function resolveLang(
  request: FastifyRequest,
  reply: FastifyReply,
  options: { secureCookie: boolean } = { secureCookie: false },
): Lang {
  const query = request.query as Record<string, unknown> | undefined;
  const explicit = query?.lang;
  const lang = pickLang(explicit, request.cookies.lang, request.headers['accept-language']);
  if ((explicit === 'da' || explicit === 'en') && request.cookies.lang !== explicit) {
    reply.setCookie('lang', explicit, {
      path: '/',
      maxAge: ONE_YEAR_S,
      sameSite: 'lax',
      httpOnly: true,
      // Production is served over HTTPS (behind its proxy); the cookie never travels in the clear.
      secure: options.secureCookie,
    });
  }
  return lang;
}

/** Shown when the database has no organiser yet (before seeding). */
export const FALLBACK_SITE: SiteInfo = {
  name: 'Holdet',
  street: '',
  postalCode: '',
  city: '',
  cvr: '',
  email: '',
  phone: '',
};

export async function pageContext(db: Executor, request: FastifyRequest): Promise<PageContext> {
  const path = request.url.split('?')[0] ?? '/';
  const load = request.server?.loadSiteInfo;
  const site = (load ? await load(db) : null) ?? FALLBACK_SITE;
  const refused = nulFields(request);
  const viewer = viewerOf(request.account);
  return refused.length > 0
    ? { lang: request.lang, path, site, viewer, nulFields: refused }
    : { lang: request.lang, path, site, viewer };
}

/** For a page the cache shares between visitors: no one's account menu, a slot for it instead. */
export async function sharedPageContext(db: Executor, request: FastifyRequest): Promise<PageContext> {
  return { ...(await pageContext(db, request)), viewer: null, accountSlot: true };
}

/**
 * Sends a shared page with this visitor's account menu: the cached bytes as they are to a visitor who is not
 * signed in; for one who is, the page with their menu, which cache-policy.ts makes `private, no-store`.
 */
export function sendShared(request: FastifyRequest, reply: FastifyReply, page: SharedPage): FastifyReply {
  // A stranger: the cached bytes, with nothing made per request.
  if (!request.account) return sendHtml(reply, page.anonymous);
  const path = request.url.split('?')[0] ?? '/';
  return sendHtml(reply, pageFor(page, { lang: request.lang, path, viewer: viewerOf(request.account) }));
}

export function sendHtml(reply: FastifyReply, html: string | Buffer, status = 200): FastifyReply {
  // Revalidate every time (seats-left is live); a page with a form token has already said no-store.
  if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-cache');
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('vary', 'Accept-Language, Cookie')
    .send(html);
}

/** A page with a CSRF token or a token from a mail: never stored by a browser or a proxy, never indexed. */
export function sendPrivate(reply: FastifyReply, html: string, status = 200): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'private, no-store')
    .header('x-robots-tag', 'noindex')
    .send(html);
}
