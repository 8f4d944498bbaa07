import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors.ts';
import { access, ORGANISER, PUBLIC, policy, registerAccess, SIGNED_IN } from './access.ts';
import type { SignedInAccount } from './account.ts';

// The gate in isolation: a bare Fastify with the access hooks, a fake "who is signed in" header, and an
// error handler that shows which AppError a refusal became.

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

function bare(): FastifyInstance {
  const made = Fastify();
  made.decorateRequest('account', null);
  registerAccess(made, { pluginRoutes: (route) => (route.url.startsWith('/static/') ? PUBLIC : undefined) });
  made.addHook('onRequest', async (request) => {
    const role = request.headers['x-role'];
    if (role === 'organiser' || role === 'participant') {
      request.account = { id: 'a', email: 'a@example.dk', name: 'A', role } as SignedInAccount;
    }
  });
  made.setErrorHandler(async (error, _request, reply) =>
    reply.code(error instanceof AppError ? error.status : 500).send({ code: (error as AppError).code }),
  );
  return made;
}

describe('route access', () => {
  it('refuses to start with a route that declares no access, naming it', async () => {
    app = bare();
    expect(() => app?.get('/hemmelig', async () => 'x')).toThrow(/GET \/hemmelig declares no access/);
  });

  it('gives plugin routes the policy named for them', async () => {
    app = bare();
    app.get('/static/x.css', async () => 'x');
    await app.ready();
    expect((await app.inject('/static/x.css')).statusCode).toBe(200);
  });

  it('turns each verdict into its answer before the handler runs', async () => {
    app = bare();
    let ran = 0;
    const handler = async () => {
      ran += 1;
      return 'ok';
    };
    app.get('/alle', access(PUBLIC), handler);
    app.get('/logget-ind', access(SIGNED_IN), handler);
    app.get('/arrangoer', access(ORGANISER), handler);
    app.get('/skjult', access(policy('hidden', () => 'not-found')), handler);
    await app.ready();
    const ready = app;
    const status = async (url: string, role?: string) =>
      (await ready.inject({ url, headers: role ? { 'x-role': role } : {} })).statusCode;
    expect(await status('/alle')).toBe(200);
    expect(await status('/logget-ind')).toBe(401);
    expect(await status('/logget-ind', 'participant')).toBe(200);
    expect(await status('/arrangoer')).toBe(401);
    expect(await status('/arrangoer', 'participant')).toBe(403);
    expect(await status('/arrangoer', 'organiser')).toBe(200);
    expect(await status('/skjult', 'organiser')).toBe(404);
    expect(ran).toBe(3);
  });
});
