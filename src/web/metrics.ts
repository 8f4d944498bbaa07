import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { PageCache } from './page-cache.ts';

/** Prometheus metrics for one app instance; each app has its own registry so tests can run several. */
export function registerMetrics(app: FastifyInstance, cache: PageCache<unknown>): Registry {
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

  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
  return registry;
}
