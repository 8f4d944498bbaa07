import type { FastifyRequest } from 'fastify';
import { socketPeer } from './peer.ts';

// What request logs may say about a URL. A path that carries a secret (a sign-in link, a confirmation or
// invitation link, a personal calendar feed) is logged with the secret replaced; query values are never
// logged, since a query may carry an email address (`?next=…`, a form sent by GET) or a token.

/**
 * Every path whose next segment is a secret token. One list: a new token-bearing route goes here.
 * `except` names static segments under the same prefix that are not tokens.
 */
export const TOKEN_PATHS: readonly { prefix: string; except?: readonly string[] }[] = [
  { prefix: '/log-ind', except: ['kode', 'totrin'] },
  { prefix: '/tilmelding/bekraeft' },
  { prefix: '/invitation' },
  { prefix: '/praeferencer' },
  { prefix: '/kalender' },
  { prefix: '/varsler' },
];

export const REDACTED = '[redacted]';

/** Query keys whose values are harmless and useful in a log line. */
const KEPT_QUERY_VALUES = new Set(['lang']);

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

// The prefix may follow other segments (`/serier/x/tilmelding/bekraeft/<token>`): over-redacting is harmless.
const TOKEN_SEGMENT = new RegExp(
  `(${TOKEN_PATHS.map((p) => escapeRegExp(p.prefix)).join('|')})/([^/?#]+)`,
  'g',
);
const EXCEPTIONS = new Map(TOKEN_PATHS.map((p) => [p.prefix, new Set(p.except ?? [])]));

/** `/log-ind/AbC…?next=/x&lang=en` → `/log-ind/[redacted]?next=[redacted]&lang=en`. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const redactedPath = path.replace(TOKEN_SEGMENT, (whole, prefix: string, segment: string) =>
    EXCEPTIONS.get(prefix)?.has(segment) ? whole : `${prefix}/${REDACTED}`,
  );
  if (q === -1) return redactedPath;
  const query = url
    .slice(q + 1)
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const eq = part.indexOf('=');
      const key = eq === -1 ? part : part.slice(0, eq);
      // A key is shown only when it is a plain word; `?ane@example.dk` is itself a value.
      const shownKey = /^[A-Za-z_-]{1,40}$/.test(key) ? key : REDACTED;
      if (eq === -1) return shownKey;
      return KEPT_QUERY_VALUES.has(key) ? part : `${shownKey}=${REDACTED}`;
    })
    .join('&');
  return `${redactedPath}?${query}`;
}

/** pino serializers for Fastify's request log lines: Fastify's own fields, with the URL redacted. */
export const logSerializers = {
  req(request: FastifyRequest) {
    return {
      method: request.method,
      url: redactUrl(request.url ?? ''),
      host: request.host,
      remoteAddress: request.ip,
      peerAddress: socketPeer(request),
    };
  },
};
