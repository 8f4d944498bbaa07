import type { FastifyReply } from 'fastify';
import { secondsUntil } from '../shared/clock.ts';
import { copenhagenDay, formatDateLong, formatTime } from '../shared/danish.ts';
import { messages } from './i18n.ts';
import { href, type PageContext, renderPage } from './layout.tsx';

// The 429 page every rate limit answers with: what happened, and WHEN to try again (Copenhagen time), with a
// Retry-After header. Never a 5xx.

export type LimitedAction = 'sign-in' | 'code' | 'second-factor' | 'registration';

const REASON = {
  'sign-in': 'limit.signIn',
  code: 'limit.code',
  'second-factor': 'limit.secondFactor',
  registration: 'limit.registration',
} as const;

/** `Prøv igen kl. 13.15.`, or with the date when that is not today in Copenhagen. */
export function retryText(lang: PageContext['lang'], retryAt: Date, now: Date): string {
  const m = messages(lang);
  const time = formatTime(retryAt, lang);
  return copenhagenDay(retryAt) === copenhagenDay(now)
    ? m['limit.retryAt'](time)
    : m['limit.retryOn'](formatDateLong(retryAt, lang), time);
}

export function rateLimitedPage(
  ctx: PageContext,
  input: { action: LimitedAction; retryAt: Date; now: Date },
): string {
  const m = messages(ctx.lang);
  return renderPage({
    ctx,
    title: m['limit.title'],
    children: (
      <>
        <h1>{m['limit.title']}</h1>
        <p class="font-lead">{m[REASON[input.action]]}</p>
        <p>{retryText(ctx.lang, input.retryAt, input.now)}</p>
        <p>
          <a href={href(ctx, '/')}>{m['error.goHome']}</a>
        </p>
      </>
    ),
  });
}

/** Sends the 429 page with `Retry-After` (seconds), never stored by a browser or a proxy. */
export function sendRateLimited(
  reply: FastifyReply,
  ctx: PageContext,
  input: { action: LimitedAction; retryAt: Date; now: Date },
): FastifyReply {
  return reply
    .code(429)
    .header('retry-after', String(secondsUntil(input.retryAt, input.now)))
    .header('cache-control', 'no-store')
    .header('content-type', 'text/html; charset=utf-8')
    .header('x-robots-tag', 'noindex')
    .send(rateLimitedPage(ctx, input));
}
