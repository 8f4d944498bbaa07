import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../deps.ts';
import { access, PUBLIC } from '../../web/access.ts';
import { pageContext, sendPrivate } from '../../web/context.ts';
import { csrfToken } from '../../web/csrf.ts';
import { href } from '../../web/layout.tsx';
import { sendRateLimited } from '../../web/rate-limited.tsx';
import { destinationAfterSignIn, safeNext } from './rules.ts';
import { codeForm, emailForm, type FormValues, formValues, parseForm } from './schemas.ts';
import { secondFactorRoutes } from './second-factor-routes.tsx';
import * as auth from './service.ts';
import { clearSessionCookie, readSessionCookie, setSessionCookie } from './session-cookie.ts';
import {
  checkMailPage,
  codePage,
  confirmPage,
  type FormState,
  failedPage,
  signInPage,
} from './views/sign-in.tsx';
import { signOutPage } from './views/sign-out.tsx';

function queryNext(request: FastifyRequest): string | null {
  return safeNext((request.query as Record<string, unknown> | undefined)?.next);
}

export function authRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps.database;
  const { config } = deps;
  const now = () => deps.clock.now();
  const idleDays = config.sessionIdleDays;
  const signInOptions = (request: FastifyRequest) => ({
    replaceSession: readSessionCookie(request, config),
    idleDays,
  });

  // Who is signed in, for every request. No cookie, no query: public pages pay nothing for this.
  app.addHook('onRequest', (request, _reply, done) => {
    const value = readSessionCookie(request, config);
    if (!value) return done();
    auth.sessionAccount(db, value, now(), idleDays).then(
      (account) => {
        request.account = account;
        done();
      },
      (error: Error) => done(error),
    );
  });

  // Signed in, or — with a second factor to give — half signed in and sent to it first.
  const signedIn = (
    reply: FastifyReply,
    result: Extract<auth.SignInResult, { ok: true }>,
    next: string | null,
  ) =>
    setSessionCookie(reply, config, result.session).redirect(
      auth.signInDestination(result, destinationAfterSignIn(result.account.role, next)),
      303,
    );

  const formState = (reply: FastifyReply, values: FormValues, next: string | null): FormState => ({
    csrf: csrfToken(reply),
    values,
    errors: {},
    next,
  });

  app.get('/log-ind', access(PUBLIC), async (request, reply) => {
    const ctx = await pageContext(db, request);
    return sendPrivate(reply, signInPage(ctx, formState(reply, {}, queryNext(request))));
  });

  app.post('/log-ind', access(PUBLIC), async (request, reply) => {
    const values = formValues(request.body);
    const next = safeNext(values.next);
    const parsed = parseForm(emailForm, values);
    const ctx = await pageContext(db, request);
    if (!parsed.ok) {
      const state = { ...formState(reply, values, next), errors: parsed.errors };
      return sendPrivate(reply, signInPage(ctx, state), 400);
    }
    const { email } = parsed.data;
    const at = now();
    const result = await auth.requestSignIn(
      db,
      { email, ip: request.ip, baseUrl: config.baseUrl, lang: request.lang, next },
      at,
      config.rateLimits,
    );
    if (result.status === 'rate_limited') {
      return sendRateLimited(reply, ctx, { action: 'sign-in', retryAt: result.retryAt, now: at });
    }
    return sendPrivate(reply, checkMailPage(ctx, formState(reply, { email }, next)));
  });

  // Static segments win over `:token` in the router, so this is never taken for a token.
  app.get('/log-ind/kode', access(PUBLIC), async (request, reply) => {
    const ctx = await pageContext(db, request);
    return sendPrivate(reply, codePage(ctx, formState(reply, {}, queryNext(request))));
  });

  app.post('/log-ind/kode', access(PUBLIC), async (request, reply) => {
    const values = formValues(request.body);
    const next = safeNext(values.next);
    const parsed = parseForm(codeForm, values);
    if (parsed.ok) {
      const at = now();
      const result = await auth.signInWithCode(
        db,
        { ...parsed.data, ip: request.ip },
        at,
        signInOptions(request),
        config.rateLimits,
      );
      if (result.ok) return signedIn(reply, result, next);
      if (result.reason === 'rate_limited') {
        const ctx = await pageContext(db, request);
        return sendRateLimited(reply, ctx, { action: 'code', retryAt: result.retryAt, now: at });
      }
    }
    const ctx = await pageContext(db, request);
    const errors = parsed.ok ? { code: 'auth.error.wrongCode' as const } : parsed.errors;
    return sendPrivate(reply, codePage(ctx, { ...formState(reply, values, next), errors }), 400);
  });

  app.get<{ Params: { token: string } }>('/log-ind/:token', access(PUBLIC), async (request, reply) => {
    const { token } = request.params;
    const next = queryNext(request);
    const state = await auth.checkSignInToken(db, token, now());
    const ctx = await pageContext(db, request);
    if (state !== 'usable') return sendPrivate(reply, failedPage(ctx, state, next), 400);
    return sendPrivate(reply, confirmPage(ctx, { csrf: csrfToken(reply), token, next }));
  });

  app.post<{ Params: { token: string } }>('/log-ind/:token', access(PUBLIC), async (request, reply) => {
    const next = safeNext(formValues(request.body).next);
    const result = await auth.signInWithToken(db, request.params.token, now(), signInOptions(request));
    if (result.ok) return signedIn(reply, result, next);
    const ctx = await pageContext(db, request);
    return sendPrivate(reply, failedPage(ctx, result.reason, next), 400);
  });

  // The header's "Log ud" link: the page with the button. Nobody to sign out: the front page.
  app.get('/log-ud', access(PUBLIC), async (request, reply) => {
    if (!request.account) return reply.redirect(href({ lang: request.lang }, '/'), 303);
    const ctx = await pageContext(db, request);
    return sendPrivate(reply, signOutPage(ctx, csrfToken(reply)));
  });

  secondFactorRoutes(app, deps);

  app.post('/log-ud', access(PUBLIC), async (request, reply) => {
    const value = readSessionCookie(request, config);
    if (value) await auth.signOut(db, value, now());
    return clearSessionCookie(reply, config).redirect('/', 303);
  });

  // "Log ud alle steder" on Min side: every session of the account ends, this browser's too.
  app.post('/log-ud/alle', access(PUBLIC), async (request, reply) => {
    const value = readSessionCookie(request, config);
    if (value) await auth.signOutEverywhere(db, value, now(), idleDays);
    return clearSessionCookie(reply, config).redirect('/', 303);
  });
}
