import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

// The one place that decides whether a browser or a proxy may keep an answer. Anything answered to a
// signed-in person, and any page a route marks as personal (`config: { personalData: true }`), is
// `private, no-store`, whatever the route set. Anonymous public pages keep their own headers (the page cache
// relies on `no-cache` revalidation), and so do static assets.

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The answer shows personal data even to a visitor who is not signed in. */
    personalData?: boolean;
  }
}

export const PRIVATE_NO_STORE = 'private, no-store';

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
    if (mustNotStore(request)) reply.header('cache-control', PRIVATE_NO_STORE);
    done(null, payload);
  });
}
