import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import { renewCsrfSecret } from '../../web/csrf.ts';
import { PENDING_SIGN_IN_MINUTES, SESSION_TTL_MS } from './rules.ts';

// The session cookie, in one place: its name, its options, setting, clearing and reading it. The value is 32
// random bytes; the database keeps only their hash (src/modules/auth).
//
// In production the name has the `__Host-` prefix: browsers then only accept it when it is Secure, has
// Path=/ and no Domain, so neither a sibling subdomain nor plain HTTP can plant or overwrite it.

const BASE_NAME = 'holdet_session';

function production(config: Config): boolean {
  return config.nodeEnv === 'production';
}

export function sessionCookieName(config: Config): string {
  return production(config) ? `__Host-${BASE_NAME}` : BASE_NAME;
}

/** HttpOnly, SameSite=Lax, Path=/, never a Domain; Secure in production. */
function cookieOptions(config: Config) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: production(config) };
}

export function readSessionCookie(request: FastifyRequest, config: Config): string | undefined {
  const value = request.cookies[sessionCookieName(config)];
  return value === '' ? undefined : value;
}

/**
 * Signs the browser in: sets the session cookie (for the session's 30-day maximum; the idle time is
 * enforced on the server) and renews the CSRF secret, as every sign-in must. No caching of this response.
 * `session.expiresAt` is the server's end of the session; the cookie's Max-Age is the same 30 days (a pending
 * session's: PENDING_SIGN_IN_MINUTES).
 */
export function setSessionCookie(
  reply: FastifyReply,
  config: Config,
  session: { cookieValue: string; expiresAt: Date; pending?: boolean },
): FastifyReply {
  renewCsrfSecret(reply, { secureCookies: production(config) });
  // A half-signed-in session (second factor still to do) lasts minutes, and so does its cookie.
  const maxAge = session.pending ? PENDING_SIGN_IN_MINUTES * 60 : Math.floor(SESSION_TTL_MS / 1000);
  return reply
    .setCookie(sessionCookieName(config), session.cookieValue, { ...cookieOptions(config), maxAge })
    .header('cache-control', 'no-store');
}

export function clearSessionCookie(reply: FastifyReply, config: Config): FastifyReply {
  return reply
    .clearCookie(sessionCookieName(config), cookieOptions(config))
    .header('cache-control', 'no-store');
}
