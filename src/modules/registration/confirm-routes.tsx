import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../deps.ts';
import { access, PUBLIC } from '../../web/access.ts';
import { pageContext, sendPrivate } from '../../web/context.ts';
import { csrfToken } from '../../web/csrf.ts';
import { sendRateLimited } from '../../web/rate-limited.tsx';
import { readSessionCookie, setSessionCookie, signInDestination } from '../auth/service.ts';
import { takeLimits } from '../limits/service.ts';
import type { ConfirmErrorKey } from './confirm-messages.ts';
import { CONFIRM_PATH } from './confirmation.ts';
import {
  type ConfirmOutcome,
  checkConfirmToken,
  confirmWithCode,
  confirmWithToken,
  type RegistrationDeps,
} from './service.ts';
import { type CodeFormState, codeFormPage, confirmButtonPage, confirmOutcomePage } from './views/confirm.tsx';

// Confirming a registration from its mail: the link (GET shows a button, POST confirms) and the code form.

const email = z
  .string({ error: 'confirm.error.emailRequired' })
  .transform((v) => v.trim().toLowerCase())
  .pipe(
    z
      .string()
      .min(1, { error: 'confirm.error.emailRequired' })
      .max(254, { error: 'confirm.error.email' })
      .pipe(z.email({ error: 'confirm.error.email' })),
  );
/** People copy codes with spaces ("123 456"); those are not part of it. */
const code = z
  .string({ error: 'confirm.error.code' })
  .transform((v) => v.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^[0-9]{6}$/, { error: 'confirm.error.code' }));
const codeForm = z.object({ email, code });

function typed(body: unknown): CodeFormState['values'] {
  const values: CodeFormState['values'] = {};
  if (!body || typeof body !== 'object') return values;
  for (const field of ['email', 'code'] as const) {
    const raw = (body as Record<string, unknown>)[field];
    const first = Array.isArray(raw) ? raw[0] : raw;
    if (typeof first === 'string') values[field] = first.slice(0, 300);
  }
  return values;
}

export function confirmationRoutes(app: FastifyInstance, deps: AppDeps, regDeps: RegistrationDeps): void {
  const { db } = deps.database;

  /** Signs the participant in and sends them to Min side, or shows what happened. */
  async function answer(
    request: FastifyRequest,
    reply: FastifyReply,
    outcome: ConfirmOutcome,
  ): Promise<FastifyReply> {
    if (outcome.kind === 'confirmed' && outcome.signIn) {
      const notice = outcome.place === 'seat' ? 'confirmed' : 'confirmed-line';
      return setSessionCookie(reply, deps.config, outcome.signIn.session)
        .header('cache-control', 'private, no-store')
        .redirect(
          signInDestination(
            outcome.signIn,
            `/min-side?besked=${notice}${request.lang === 'en' ? '&lang=en' : ''}`,
          ),
          303,
        );
    }
    const ctx = await pageContext(db, request);
    switch (outcome.kind) {
      case 'confirmed':
        return sendPrivate(
          reply,
          confirmOutcomePage(ctx, {
            kind: 'done',
            place: outcome.place,
            participantName: outcome.participantName,
            seriesSlug: outcome.seriesSlug,
          }),
        );
      case 'already-confirmed':
        return sendPrivate(reply, confirmOutcomePage(ctx, outcome));
      case 'too-late':
        return sendPrivate(reply, confirmOutcomePage(ctx, outcome), 410);
      case 'unknown':
        return sendPrivate(reply, confirmOutcomePage(ctx, outcome), 404);
    }
  }

  app.get(CONFIRM_PATH, access(PUBLIC), async (request, reply) => {
    const ctx = await pageContext(db, request);
    return sendPrivate(reply, codeFormPage(ctx, { csrf: csrfToken(reply), values: {}, errors: {} }));
  });

  app.post(CONFIRM_PATH, access(PUBLIC), async (request, reply) => {
    const values = typed(request.body);
    const parsed = codeForm.safeParse(values);
    let errors: CodeFormState['errors'] = {};
    if (parsed.success) {
      // Six digits can be guessed only slowly: codes typed are limited per IP and per address, for every
      // instance together (a code also dies after five wrong tries; the link in the mail still works).
      const now = deps.clock.now();
      const verdict = await takeLimits(
        db,
        [
          { rule: 'confirm-code-ip', limit: deps.config.rateLimits.codeIp, subject: request.ip },
          { rule: 'confirm-code-email', limit: deps.config.rateLimits.codeEmail, subject: parsed.data.email },
        ],
        now,
      );
      if (verdict.limited) {
        const ctx = await pageContext(db, request);
        return sendRateLimited(reply, ctx, { action: 'code', retryAt: verdict.retryAt, now });
      }
      const outcome = await confirmWithCode(regDeps, parsed.data, {
        replaceSession: readSessionCookie(request, deps.config),
      });
      if (outcome.kind !== 'wrong-code') return answer(request, reply, outcome);
      errors = { code: 'confirm.error.wrongCode' };
    } else {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if (field === 'email' || field === 'code') errors[field] ??= issue.message as ConfirmErrorKey;
      }
    }
    const ctx = await pageContext(db, request);
    return sendPrivate(reply, codeFormPage(ctx, { csrf: csrfToken(reply), values, errors }), 400);
  });

  app.get<{ Params: { token: string } }>(`${CONFIRM_PATH}/:token`, access(PUBLIC), async (request, reply) => {
    const { token } = request.params;
    const check = await checkConfirmToken(regDeps, token, request.lang);
    const ctx = await pageContext(db, request);
    switch (check.state) {
      case 'usable':
        return sendPrivate(
          reply,
          confirmButtonPage(ctx, { csrf: csrfToken(reply), token, subject: check.subject }),
        );
      case 'used':
        return sendPrivate(
          reply,
          confirmOutcomePage(ctx, { kind: 'already-confirmed', seriesSlug: check.seriesSlug }),
        );
      case 'expired':
        return sendPrivate(
          reply,
          confirmOutcomePage(ctx, { kind: 'too-late', seriesSlug: check.seriesSlug }),
          410,
        );
    }
    return sendPrivate(reply, confirmOutcomePage(ctx, { kind: 'unknown' }), 404);
  });

  app.post<{ Params: { token: string } }>(
    `${CONFIRM_PATH}/:token`,
    access(PUBLIC),
    async (request, reply) => {
      const outcome = await confirmWithToken(regDeps, request.params.token, {
        replaceSession: readSessionCookie(request, deps.config),
      });
      return answer(request, reply, outcome);
    },
  );
}
