import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import helmet from 'helmet';
import type { AppDeps } from './deps.ts';
import { createMailer } from './email/mailer.ts';
import { mailboxRoutes } from './email/routes.tsx';
import { adminRoutes } from './modules/admin/routes.tsx';
import { authRoutes } from './modules/auth/routes.tsx';
import { dilemmasRoutes } from './modules/dilemmas/routes.tsx';
import { directoryRoutes } from './modules/directory/routes.tsx';
import { registerMultipart } from './modules/files/service.ts';
import { invoiceAttachmentResolver } from './modules/invoicing/attachments.ts';
import { invoicingRoutes } from './modules/invoicing/routes.tsx';
import { invoiceSettingsRoutes } from './modules/invoicing/settings-routes.tsx';
import { materialsRoutes } from './modules/materials/routes.tsx';
import { membersRoutes } from './modules/members/routes.tsx';
import { messagesRoutes } from './modules/messages/routes.tsx';
import { notificationsRoutes } from './modules/notifications/routes.tsx';
import { configureNotificationLinks } from './modules/notifications/service.ts';
import { peopleRoutes } from './modules/people/routes.tsx';
import { programmeRoutes } from './modules/programme/routes.tsx';
import { questionsRoutes } from './modules/questions/routes.tsx';
import { registrationRoutes } from './modules/registration/routes.tsx';
import { seatCounts } from './modules/registration/service.ts';
import { searchRoutes } from './modules/search/routes.tsx';
import { seriesRoutes } from './modules/series/routes.tsx';
import { siteInfo } from './modules/series/service.ts';
import { siteRoutes } from './modules/site/routes.tsx';
import { AppError } from './shared/errors.ts';
import { access, PUBLIC, registerAccess } from './web/access.ts';
import { viewerOf } from './web/account.ts';
import { registerCachePolicy } from './web/cache-policy.ts';
import { FALLBACK_SITE, pageContext, provideSiteInfo, resolveLang, sendHtml } from './web/context.ts';
import { registerCsrf } from './web/csrf.ts';
import {
  badRequestPage,
  forbiddenPage,
  notFoundPage,
  serverErrorPage,
  staleFormPage,
} from './web/error-pages.tsx';
import { registerFormGuard } from './web/form-guard.ts';
import { pickLang } from './web/i18n.ts';
import type { SharedPage } from './web/layout.tsx';
import { registerMetrics } from './web/metrics.ts';
import { PageCache } from './web/page-cache.ts';
import { registerProxyWarning } from './web/proxy.ts';
import { logSerializers } from './web/redact.ts';

export type { AppDeps } from './deps.ts';

/** A hop count as the function Fastify makes of one (its types take no number); lists pass as they are. */
function fastifyTrustProxy(
  trust: AppDeps['config']['trustProxy'],
): boolean | string[] | ((a: string, hop: number) => boolean) {
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return trust;
}

/** The logger options with request URLs redacted (sign-in tokens, query values); false stays off. */
function loggerOptions(logger: AppDeps['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const options = logger === true ? {} : logger;
  return { ...options, serializers: { ...logSerializers, ...options.serializers } };
}

const DKFDS_DIST = fileURLToPath(new URL('../node_modules/dkfds/dist/', import.meta.url));
const PUBLIC_DIR = fileURLToPath(new URL('../public/', import.meta.url));

export async function createApp(deps: AppDeps): Promise<FastifyInstance> {
  const production = deps.config.nodeEnv === 'production';
  // Notification mails are written inside other modules' transactions: their links need the public address.
  configureNotificationLinks({ baseUrl: deps.config.baseUrl });
  const app = Fastify({
    logger: loggerOptions(deps.logger),
    // Off unless TRUST_PROXY names the proxy (hop count or addresses): otherwise X-Forwarded-For is the
    // visitor's to write, and request.ip (rate limits) would be whatever they wrote.
    trustProxy: fastifyTrustProxy(deps.config.trustProxy),
    // Ids in logs and on the error page, so a reported reference finds its log line.
    genReqId: () => crypto.randomUUID().slice(0, 8),
    bodyLimit: 256 * 1024,
    // The router rejects an over-long path segment or a malformed %-escape before any hook or handler
    // runs, and by default answers with JSON that echoes the URL. Answer with our own pages instead.
    frameworkErrors: (error, request, reply) => {
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      // No hook has run: the language comes from the header alone.
      request.lang = pickLang(undefined, undefined, request.headers['accept-language']);
      void safeContext(deps, request).then((ctx) =>
        tooLong ? sendHtml(reply, notFoundPage(ctx), 404) : sendHtml(reply, badRequestPage(ctx), 400),
      );
    },
  });
  // Before any route or preHandler: every route must declare who may reach it, and the gate runs first.
  registerAccess(app, {
    pluginRoutes: (route) => (route.url.startsWith('/static/') ? PUBLIC : undefined),
  });
  if (deps.onRoute) app.addHook('onRoute', deps.onRoute);
  const cache = new PageCache<SharedPage>();

  // Security headers. helmet() turns its options into header values once, here; @fastify/helmet did that
  // again on every request, about a tenth of the time of a cached page.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        ...(production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    // Only meaningful over HTTPS; the proxy in front of a production instance terminates TLS.
    strictTransportSecurity: production,
    // frame-ancestors 'none', for browsers that only know the older header.
    xFrameOptions: { action: 'deny' },
  });
  registerProxyWarning(app, deps.config);
  app.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined));
  });
  await app.register(cookie);
  await app.register(formbody);
  // Uploads are streamed (files' readMultipartForm): no attachFieldsToBody, nothing kept in memory or on disk
  // by the plugin. A form is a few text fields (each ≤ 100 KB) and one file up to UPLOAD_MAX_MB.
  await registerMultipart(app, deps.config.uploadMaxBytes);
  await registerCsrf(app, { secureCookies: production });
  await app.register(fastifyStatic, {
    root: DKFDS_DIST,
    prefix: '/static/dkfds/',
    maxAge: '7d',
    index: false,
  });
  await app.register(fastifyStatic, {
    root: PUBLIC_DIR,
    prefix: '/static/',
    decorateReply: false,
    maxAge: '1h',
    index: false,
  });

  provideSiteInfo(app, siteInfo);
  app.decorateRequest('lang', 'da');
  app.decorateRequest('account', null);
  app.addHook('onRequest', async (request, reply) => {
    request.lang = resolveLang(request, reply, { secureCookie: production });
  });
  registerCachePolicy(app);
  registerFormGuard(app);

  registerMetrics(app, cache, { token: deps.config.metricsToken });

  app.get('/healthz', access(PUBLIC), async (_request, reply) => {
    try {
      await deps.database.ping();
      return reply.header('cache-control', 'no-store').send({ status: 'ok' });
    } catch (error) {
      app.log.error({ err: error }, 'health check failed');
      return reply.code(503).header('cache-control', 'no-store').send({ status: 'unavailable' });
    }
  });

  authRoutes(app, deps);
  seriesRoutes(app, deps, cache, seatCounts);
  registrationRoutes(app, deps);
  adminRoutes(app, deps);
  invoicingRoutes(app, deps);
  invoiceSettingsRoutes(app, deps);
  peopleRoutes(app, deps);
  programmeRoutes(app, deps);
  membersRoutes(app, deps);
  materialsRoutes(app, deps);
  notificationsRoutes(app, deps);
  questionsRoutes(app, deps);
  searchRoutes(app, deps);
  messagesRoutes(app, deps);
  directoryRoutes(app, deps);
  dilemmasRoutes(app, deps);
  siteRoutes(app, deps);
  mailboxRoutes(
    app,
    deps,
    deps.mailer ?? createMailer(deps.config),
    invoiceAttachmentResolver(deps.database),
  );

  app.setNotFoundHandler(async (request, reply) => {
    return sendHtml(reply, notFoundPage(await safeContext(deps, request)), 404);
  });

  // The one error handler: AppError codes map to a status and a page; anything else is a 500 that shows
  // only a reference.
  app.setErrorHandler(async (error, request, reply) => {
    const ctx = await safeContext(deps, request);
    if (error instanceof AppError) {
      if (error.code === 'not_found') return sendHtml(reply, notFoundPage(ctx), 404);
      if (error.code === 'unauthorized' && request.method === 'GET') {
        return reply.redirect(`/log-ind?next=${encodeURIComponent(request.url)}`, 303);
      }
      if (error.code === 'forbidden' && error.message === 'csrf')
        return sendHtml(reply, staleFormPage(ctx), 403);
      if (error.code === 'forbidden') return sendHtml(reply, forbiddenPage(ctx), 403);
      return sendHtml(reply, badRequestPage(ctx), error.status);
    }
    // @fastify/csrf-protection answers a bad token with reply.send(error), not through csrf.ts' callback.
    if (String((error as { code?: unknown }).code).startsWith('FST_CSRF_')) {
      return sendHtml(reply, staleFormPage(ctx), 403);
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      if (status === 404) return sendHtml(reply, notFoundPage(ctx), 404);
      return sendHtml(reply, badRequestPage(ctx), status);
    }
    request.log.error({ err: error }, 'request failed');
    return sendHtml(reply, serverErrorPage(ctx, request.id), 500);
  });

  return app;
}

/** The error pages must render even when the database is what failed. */
async function safeContext(deps: AppDeps, request: Parameters<typeof pageContext>[1]) {
  try {
    return await pageContext(deps.database.db, request);
  } catch {
    return {
      lang: request.lang ?? 'da',
      path: request.url.split('?')[0] ?? '/',
      site: FALLBACK_SITE,
      viewer: viewerOf(request.account),
    };
  }
}
