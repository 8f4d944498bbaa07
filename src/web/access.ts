import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { AppError } from '../shared/errors.ts';

// Who may reach a route is declared where the route is defined: `app.get(path, access(PUBLIC), handler)`.
// A route without a declaration stops the app from starting (registerAccess' onRoute hook), and the
// authorisation matrix (test/authorisation-matrix.db.test.ts) reads every route from the same table.
//
// The route gate answers the coarse question — may this actor reach this kind of page at all. Decisions about
// one resource (this invoice, this session's materials) are pure functions in the owning module's rules.ts,
// called by the service or route with the loaded resource.

/** What a gate decides: go on, send the stranger to sign in, refuse (403), or pretend nothing is here (404). */
export type Verdict = 'allow' | 'sign-in' | 'forbidden' | 'not-found';

export interface Policy {
  /** A short name, shown by the matrix test and in errors ("organiser", "loopback", …). */
  readonly name: string;
  decide(request: FastifyRequest): Verdict | Promise<Verdict>;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Policy;
  }
}

/** Anyone, signed in or not. */
export const PUBLIC: Policy = { name: 'public', decide: () => 'allow' };

/** Any signed-in person (what they may see is then decided by the module's rules). */
export const SIGNED_IN: Policy = {
  name: 'signed-in',
  decide: (request) => (request.account ? 'allow' : 'sign-in'),
};

/** The organisation's staff. */
export const ORGANISER: Policy = {
  name: 'organiser',
  decide: (request) => {
    if (!request.account) return 'sign-in';
    return request.account.role === 'organiser' ? 'allow' : 'forbidden';
  },
};

/** A named policy made by a module (its decision usually calls that module's rules.ts). */
export function policy(name: string, decide: Policy['decide']): Policy {
  return { name, decide };
}

/** Route options that declare the route's access: `app.get('/x', access(PUBLIC), handler)`. */
export function access(gate: Policy): { config: { access: Policy } } {
  return { config: { access: gate } };
}

/** The declared policy of a route as Fastify holds it (undefined: none). */
export function declaredAccess(route: Pick<RouteOptions, 'config'>): Policy | undefined {
  return (route.config as { access?: Policy } | undefined)?.access;
}

const VERDICT_ERRORS: Record<Exclude<Verdict, 'allow'>, () => AppError> = {
  'sign-in': () => new AppError('unauthorized', 'sign in first'),
  forbidden: () => new AppError('forbidden', 'not allowed'),
  'not-found': () => new AppError('not_found', 'not here'),
};

export interface AccessOptions {
  /** Routes made by plugins that cannot take options (static files): the policy they get. */
  pluginRoutes(route: RouteOptions): Policy | undefined;
}

/**
 * Refuses any route added without an access declaration, and checks the declared gate before every handler.
 * Register before anything that adds a preHandler (CSRF), so a stranger's POST is sent to sign in, not told
 * their form is stale.
 */
export function registerAccess(app: FastifyInstance, options: AccessOptions): void {
  app.addHook('onRoute', (route) => {
    if (declaredAccess(route)) return;
    const given = options.pluginRoutes(route);
    if (!given) {
      const methods = Array.isArray(route.method) ? route.method.join(',') : route.method;
      throw new Error(`route ${methods} ${route.url} declares no access: add access(PUBLIC | SIGNED_IN | …)`);
    }
    route.config = { ...(route.config as object), access: given } as RouteOptions['config'];
  });
  // A callback hook, not an async one: public pages (the cached, hot path) pay one comparison, no promise.
  app.addHook('preHandler', (request, _reply, done) => {
    const gate = (request.routeOptions.config as { access?: Policy } | undefined)?.access;
    // No route matched (the 404 handler), or anyone may come: nothing to decide.
    if (!gate || gate === PUBLIC) return done();
    const refuse = (verdict: Verdict) => (verdict === 'allow' ? undefined : VERDICT_ERRORS[verdict]());
    const verdict = gate.decide(request);
    if (typeof verdict === 'string') return done(refuse(verdict));
    verdict.then((v) => done(refuse(v)), done);
  });
}
