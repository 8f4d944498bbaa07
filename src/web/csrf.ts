import { randomBytes } from 'node:crypto';
import fastifyCsrf from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../shared/errors.ts';

// Every state-changing request carries a token tied to a secret in an HttpOnly cookie. Forms include it as
// the hidden field `_csrf` (csrfField); the check runs in preHandler, where the parsed form body exists.
// One exception: a multipart POST to a route with `config: { multipart: true }` has no parsed body yet (it is
// streamed), so its handler checks the token itself from the form's first field (files' readMultipartForm)
// before it reads any file byte. Every other POST — a urlencoded one to that same route too — is checked here.

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route reads a multipart form itself (files' readMultipartForm), which checks `_csrf` from the form's
     * first field; a multipart request to it skips the preHandler's check (a urlencoded one does not).
     */
    multipart?: boolean;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The cookie that holds the CSRF secret. */
export const CSRF_COOKIE = 'holdet_csrf';

function csrfCookieOptions(secure: boolean) {
  return { path: '/', sameSite: 'lax' as const, httpOnly: true, secure };
}

export async function registerCsrf(app: FastifyInstance, options: { secureCookies: boolean }): Promise<void> {
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: CSRF_COOKIE,
    cookieOpts: csrfCookieOptions(options.secureCookies),
  });
  app.addHook('preHandler', (request, reply, done) => {
    if (!UNSAFE.has(request.method)) return done();
    if (leavesCsrfToHandler(request)) return done();
    app.csrfProtection(request, reply, (error?: Error) => {
      // A missing or wrong token is the visitor's problem (an old tab, cookies blocked), never a 5xx.
      done(error ? new AppError('forbidden', 'csrf') : undefined);
    });
  });
}

/** A multipart request to a route that reads its multipart form itself (and checks `_csrf` from it). */
function leavesCsrfToHandler(request: FastifyRequest): boolean {
  if (request.routeOptions.config?.multipart !== true) return false;
  const isMultipart = (request as { isMultipart?: () => boolean }).isMultipart;
  return typeof isMultipart === 'function' && isMultipart.call(request) === true;
}

/** The token for this response's forms (sets the secret cookie on first use). */
export function csrfToken(reply: FastifyReply): string {
  // A page that carries a token is one person's: never stored by the browser or a proxy.
  reply.header('cache-control', 'no-store');
  return reply.generateCsrf();
}

/**
 * A new CSRF secret for this browser (at sign-in), so a token seen before signing in is worth nothing after.
 * Sets the cookie and makes it this request's secret too, so `csrfToken(reply)` later in the same response
 * makes tokens for the new secret. The secret is made as @fastify/csrf makes it: 18 random bytes, base64url.
 */
export function renewCsrfSecret(reply: FastifyReply, options: { secureCookies: boolean }): void {
  const secret = randomBytes(18).toString('base64url');
  reply.setCookie(CSRF_COOKIE, secret, csrfCookieOptions(options.secureCookies));
  reply.request.cookies[CSRF_COOKIE] = secret;
}

/**
 * Checks a token read by the handler itself (the first field of a streamed multipart form) with the very
 * check of the preHandler: the plugin's csrfProtection, given the token as the body. The plugin answers a
 * bad token by sending an error on the reply; here that send is caught and becomes AppError('forbidden',
 * 'csrf'), which the app's error handler turns into the 403 "form has expired" page.
 */
export async function checkCsrfToken(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string | undefined,
): Promise<void> {
  if (!token) throw new AppError('forbidden', 'csrf');
  const previous = request.body;
  request.body = { _csrf: token };
  try {
    const ok = await new Promise<boolean>((resolve) => {
      const catching = Object.create(reply, {
        send: {
          value: () => {
            resolve(false);
            return catching;
          },
        },
      }) as FastifyReply;
      request.server.csrfProtection(request, catching, (error?: Error) => resolve(!error));
    });
    if (!ok) throw new AppError('forbidden', 'csrf');
  } finally {
    request.body = previous;
  }
}
