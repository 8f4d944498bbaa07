import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../deps.ts';
import { access, PUBLIC, SIGNED_IN } from '../../web/access.ts';
import { requireAccount } from '../../web/account.ts';
import { pageContext, sendPrivate } from '../../web/context.ts';
import { csrfToken } from '../../web/csrf.ts';
import { sendRateLimited } from '../../web/rate-limited.tsx';
import { authMessages } from './messages.ts';
import {
  destinationAfterSignIn,
  isRecoveryCodeShape,
  normaliseRecoveryCode,
  SECOND_FACTOR_PATH,
  SECOND_FACTOR_SETUP_PATH,
  safeNext,
} from './rules.ts';
import { formValues } from './schemas.ts';
import * as auth from './service.ts';
import { clearSessionCookie, readSessionCookie, setSessionCookie } from './session-cookie.ts';
import {
  endedPage,
  recoveryCodesPage,
  recoveryUsedPage,
  securityPage,
  setupPage,
  verifyPage,
} from './views/second-factor.tsx';

// The second step of signing in (PUBLIC: the browser is not signed in yet — each handler finds the pending
// sign-in behind the cookie, and without one there is nothing here), and the security page of any signed-in
// person (SIGNED_IN), where the second factor can be turned on.

const SIX_DIGITS = /^[0-9]{6}$/;

function typedCode(values: { code?: string }): string {
  return (values.code ?? '').trim().slice(0, 100);
}

export function secondFactorRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps.database;
  const { config } = deps;
  const now = () => deps.clock.now();

  const startAgain = (next: string | null) =>
    next ? `/log-ind?next=${encodeURIComponent(next)}` : '/log-ind';

  async function ended(request: FastifyRequest, reply: FastifyReply, next: string | null) {
    const ctx = await pageContext(db, request);
    clearSessionCookie(reply, config);
    return sendPrivate(reply, endedPage(ctx, startAgain(next)), 400);
  }

  /** The setup page or the code page for the pending sign-in, with an error when there is one. */
  async function pendingPage(
    request: FastifyRequest,
    reply: FastifyReply,
    pending: auth.PendingSignIn,
    form: { next: string | null; code: string; error?: string | undefined },
    status = 200,
  ) {
    const ctx = await pageContext(db, request);
    const state = { csrf: csrfToken(reply), ...form };
    if (pending.step === 'verify')
      return sendPrivate(reply, verifyPage(ctx, SECOND_FACTOR_PATH, state), status);
    const setup = await auth.totpSetup(db, pending.account, now());
    if (!setup) return ended(request, reply, form.next);
    const page = setupPage(ctx, { action: SECOND_FACTOR_SETUP_PATH, lead: 'sign-in', setup, state });
    return sendPrivate(reply, page, status);
  }

  app.get(SECOND_FACTOR_PATH, access(PUBLIC), async (request, reply) => {
    const next = safeNext((request.query as Record<string, unknown> | undefined)?.next);
    if (request.account) return reply.redirect(destinationAfterSignIn(request.account.role, next), 303);
    const pending = await auth.pendingSignIn(db, readSessionCookie(request, config), now());
    if (!pending) return reply.redirect(startAgain(next), 303);
    return pendingPage(request, reply, pending, { next, code: '' });
  });

  async function answer(request: FastifyRequest, reply: FastifyReply, mode: 'setup' | 'verify') {
    const values = formValues(request.body);
    const next = safeNext(values.next);
    const code = typedCode(values);
    const cookieValue = readSessionCookie(request, config);
    const at = now();
    const pending = await auth.pendingSignIn(db, cookieValue, at);
    if (!pending) return ended(request, reply, next);
    const m = authMessages(request.lang);
    const digits = code.replace(/\s+/g, '');
    const wellFormed =
      SIX_DIGITS.test(digits) || (mode === 'verify' && isRecoveryCodeShape(normaliseRecoveryCode(code)));
    if (!wellFormed) {
      const error = mode === 'setup' ? m['sf.error.setupCode'] : m['sf.error.code'];
      return pendingPage(request, reply, pending, { next, code, error }, 400);
    }
    const result = await auth.completeSecondFactor(
      db,
      mode,
      { cookieValue, code, ip: request.ip },
      at,
      { idleDays: config.sessionIdleDays },
      config.rateLimits,
    );
    if (result.ok) {
      const to = destinationAfterSignIn(result.account.role, next);
      setSessionCookie(reply, config, result.session);
      const ctx = await pageContext(db, request);
      if (result.recoveryCodes) {
        return sendPrivate(reply, recoveryCodesPage(ctx, { codes: result.recoveryCodes, continueTo: to }));
      }
      if (result.recoveryCodesLeft !== undefined) {
        return sendPrivate(reply, recoveryUsedPage(ctx, { left: result.recoveryCodesLeft, continueTo: to }));
      }
      return reply.redirect(to, 303);
    }
    switch (result.reason) {
      case 'rate_limited': {
        const ctx = await pageContext(db, request);
        return sendRateLimited(reply, ctx, { action: 'second-factor', retryAt: result.retryAt, now: at });
      }
      case 'wrong_code': {
        const error = m['sf.error.wrongCode'](result.attemptsLeft);
        return pendingPage(request, reply, pending, { next, code: '', error }, 400);
      }
      case 'ended':
      case 'no_pending':
        return ended(request, reply, next);
    }
  }

  app.post(SECOND_FACTOR_PATH, access(PUBLIC), (request, reply) => answer(request, reply, 'verify'));
  app.post(SECOND_FACTOR_SETUP_PATH, access(PUBLIC), (request, reply) => answer(request, reply, 'setup'));

  async function ownPage(
    request: FastifyRequest,
    reply: FastifyReply,
    form: { code: string; error?: string | undefined },
    status = 200,
  ) {
    const account = requireAccount(request);
    const ctx = await pageContext(db, request);
    const status_ = await auth.securityStatus(db, account.id);
    if (status_.enabled) {
      return sendPrivate(
        reply,
        securityPage(ctx, { enabled: true, recoveryCodesLeft: status_.recoveryCodesLeft }),
      );
    }
    const setup = await auth.totpSetup(db, account, now());
    if (!setup) return reply.redirect('/min-side/sikkerhed', 303);
    const page = securityPage(ctx, { enabled: false, setup, csrf: csrfToken(reply), ...form });
    return sendPrivate(reply, page, status);
  }

  app.get('/min-side/sikkerhed', access(SIGNED_IN), (request, reply) =>
    ownPage(request, reply, { code: '' }),
  );

  app.post('/min-side/sikkerhed', access(SIGNED_IN), async (request, reply) => {
    const account = requireAccount(request);
    // Already on: nothing to confirm (the page says so).
    if ((await auth.securityStatus(db, account.id)).enabled)
      return reply.redirect('/min-side/sikkerhed', 303);
    const m = authMessages(request.lang);
    const code = typedCode(formValues(request.body));
    if (!SIX_DIGITS.test(code.replace(/\s+/g, ''))) {
      return ownPage(request, reply, { code, error: m['sf.error.setupCode'] }, 400);
    }
    const at = now();
    const result = await auth.confirmOwnSetup(db, { account, code, ip: request.ip }, at, config.rateLimits);
    const ctx = await pageContext(db, request);
    if (result.ok) {
      return sendPrivate(
        reply,
        recoveryCodesPage(ctx, { codes: result.recoveryCodes, continueTo: '/min-side/sikkerhed' }),
      );
    }
    if (result.reason === 'rate_limited') {
      return sendRateLimited(reply, ctx, { action: 'second-factor', retryAt: result.retryAt, now: at });
    }
    return ownPage(request, reply, { code: '', error: m['sf.error.wrongOwnCode'] }, 400);
  });
}
