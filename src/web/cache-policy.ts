import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

// The one place that decides whether a browser or a proxy may keep an answer. Anything answered to a
// signed-in person, and any page a route marks as personal (`config: { personalData: true }`), is
// `private, no-store`, whatever the route set. Anonymous public pages keep their own headers (the page cache
// relies on `no-cache` revalidation), and so do static assets. A member's file download (`config: { download:
// true }`) is `private, no-cache`: the person's own browser may keep it, but asks again each time (ETag, so an
// unchanged file costs a 304 and no bytes), and no shared cache ever stores it.

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The answer shows personal data even to a visitor who is not signed in. */
    personalData?: boolean;
    /** A stored file sent to a signed-in person who may see it: private, revalidated every time. */
    download?: boolean;
  }
}

export const PRIVATE_NO_STORE = 'private, no-store';
export const PRIVATE_NO_CACHE = 'private, no-cache';

function isStaticAsset(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? '';
  return path.startsWith('/static/') || path === '/theme.css';
}

function mustNotStore(request: FastifyRequest): boolean {
  if (isStaticAsset(request)) return false;
  return request.account !== null || request.routeOptions.config?.personalData === true;
}

export function registerCachePolicy(app: FastifyInstance): void {
  app.addHook('onSend', (request: FastifyRequest, reply: FastifyReply, payload: unknown, done) => {
    if (request.routeOptions.config?.download === true && reply.statusCode < 400) {
      reply.header('cache-control', PRIVATE_NO_CACHE);
    } else if (mustNotStore(request)) reply.header('cache-control', PRIVATE_NO_STORE);
    done(null, payload);
  });
}
