import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { access, policy } from './access.ts';
import type { PageCache } from './page-cache.ts';
import { isLoopbackPeer } from './peer.ts';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** `Authorization: Bearer <token>` equals the token, compared in constant time (digests: equal lengths). */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? '');
  const given = match?.[1] ?? '';
  return timingSafeEqual(digest(given), digest(token)) && given !== '';
}

/**
 * Who may read /metrics: with METRICS_TOKEN, whoever sends it as a bearer token (401 otherwise); without,
 * only connections from this machine (404 otherwise, as if there were nothing there).
 */
function metricsAccess(request: FastifyRequest, token: string | null): 'ok' | 'unauthorized' | 'hidden' {
  if (token !== null) return bearerMatches(request.headers.authorization, token) ? 'ok' : 'unauthorized';
  return isLoopbackPeer(request) ? 'ok' : 'hidden';
}

/** Prometheus metrics for one app instance; each app has its own registry so tests can run several. */
export function registerMetrics(
  app: FastifyInstance,
  cache: PageCache<unknown>,
  options: { token: string | null },
): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'holdet_' });
  const duration = new Histogram({
    name: 'holdet_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const cacheEvents = new Counter({
    name: 'holdet_page_cache_total',
    help: 'Rendered-page cache lookups by result',
    labelNames: ['result'] as const,
    registers: [registry],
    collect() {
      this.reset();
      this.inc({ result: 'hit' }, cache.hits);
      this.inc({ result: 'miss' }, cache.misses);
    },
  });
  void cacheEvents;

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'not_found';
    duration.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  const metricsGate = policy('loopback-or-token', (request) =>
    metricsAccess(request, options.token) === 'hidden' ? 'not-found' : 'allow',
  );
  app.get('/metrics', access(metricsGate), async (request, reply) => {
    // The gate has hidden the route from everyone it does not know; a wrong or missing token is told so.
    if (metricsAccess(request, options.token) === 'unauthorized') {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="metrics"')
        .header('cache-control', 'no-store')
        .send();
    }
    reply.header('content-type', registry.contentType).header('cache-control', 'no-store');
    return registry.metrics();
  });
  return registry;
}
