import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';

// The session cookie, in one place: its name, its options, setting and clearing it.

const SESSION_TTL_S = 30 * 24 * 3600;

export function sessionCookieName(_config: Config): string {
  return 'holdet_session';
}

function options(config: Config) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.nodeEnv === 'production' };
}

export function readSessionCookie(request: FastifyRequest, config: Config): string | undefined {
  return request.cookies[sessionCookieName(config)];
}

export function setSessionCookie(
  reply: FastifyReply,
  config: Config,
  session: { cookieValue: string; expiresAt: Date },
): FastifyReply {
  return reply.setCookie(sessionCookieName(config), session.cookieValue, {
    ...options(config),
    maxAge: Math.min(SESSION_TTL_S, Math.floor((session.expiresAt.getTime() - Date.now()) / 1000)),
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): FastifyReply {
  return reply.clearCookie(sessionCookieName(config), options(config));
}
