import fastifyCsrf from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../shared/errors.ts';

// Every state-changing request carries a token tied to a secret in an HttpOnly cookie. Forms include it as
// the hidden field `_csrf` (csrfField); the check runs in preHandler, where the parsed form body exists.

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function registerCsrf(app: FastifyInstance, options: { secureCookies: boolean }): Promise<void> {
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'holdet_csrf',
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: options.secureCookies },
  });
  app.addHook('preHandler', (request, reply, done) => {
    if (!UNSAFE.has(request.method)) return done();
    app.csrfProtection(request, reply, (error?: Error) => {
      // A missing or wrong token is the visitor's problem (an old tab, cookies blocked), never a 5xx.
      done(error ? new AppError('forbidden', 'csrf') : undefined);
    });
  });
}

/** The token for this response's forms (sets the secret cookie on first use). */
export function csrfToken(reply: FastifyReply): string {
  // A page that carries a token is one person's: never stored by the browser or a proxy.
  reply.header('cache-control', 'no-store');
  return reply.generateCsrf();
}
