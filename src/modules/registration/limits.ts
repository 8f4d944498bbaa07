import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app.ts';
import { pageContext } from '../../web/context.ts';
import { sendRateLimited } from '../../web/rate-limited.tsx';
import { type LimitVerdict, takeRegistrationLimits } from '../limits/service.ts';

/**
 * For POST /serier/:slug/tilmelding, once the form has parsed: counts it per IP, per participant email and
 * per invoice-contact email, and answers 429 when one is over its limit. Returns the sent reply then, else
 * null (go on and register).
 */
export async function refuseRegistrationOverLimit(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: AppDeps,
  form: { participant_email: string; invoice_contact_email: string },
): Promise<FastifyReply | null> {
  const now = deps.clock.now();
  const verdict: LimitVerdict = await takeRegistrationLimits(
    deps.database.db,
    deps.config.rateLimits,
    {
      ip: request.ip,
      participantEmail: form.participant_email,
      invoiceContactEmail: form.invoice_contact_email,
    },
    now,
  );
  if (!verdict.limited) return null;
  const ctx = await pageContext(deps.database.db, request);
  return sendRateLimited(reply, ctx, { action: 'registration', retryAt: verdict.retryAt, now });
}
