import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';

// In production without TRUST_PROXY, request.ip is the socket's peer. Behind a load balancer that is the
// balancer, for everyone: every per-IP limit would be shared by all visitors. Say so once.

let warned = false;

export const PROXY_WARNING =
  'requests arrive with X-Forwarded-For/Forwarded but TRUST_PROXY is off: request.ip is the proxy, so ' +
  'behind a load balancer every visitor would share one limit. Set TRUST_PROXY to the hop count or the ' +
  "proxies' addresses (see docs/SECURITY.md)";

/** For tests: the warning is once per process. */
export function resetProxyWarning(): void {
  warned = false;
}

export function registerProxyWarning(
  app: FastifyInstance,
  config: Pick<Config, 'nodeEnv' | 'trustProxy'>,
): void {
  if (config.nodeEnv !== 'production' || config.trustProxy !== false) return;
  app.addHook('onRequest', (request, _reply, done) => {
    if (
      !warned &&
      (request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined)
    ) {
      warned = true;
      request.log.warn(PROXY_WARNING);
    }
    done();
  });
}
