import type { FastifyRequest } from 'fastify';

// Who is on the other end of the TCP connection. Deliberately not request.ip: with TRUST_PROXY that is
// whatever X-Forwarded-For says, and a header is the visitor's to write.

/** The address of the socket's peer (the proxy in front, when there is one), never a header. */
export function socketPeer(request: FastifyRequest): string | undefined {
  return request.raw.socket?.remoteAddress ?? undefined;
}

/** 127.0.0.0/8, ::1 and IPv4-mapped 127.x (::ffff:127.0.0.1). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.toLowerCase();
  if (a === '::1' || a === '0:0:0:0:0:0:0:1') return true;
  const v4 = a.startsWith('::ffff:') ? a.slice(7) : a;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** True only when the connection itself comes from this machine. */
export function isLoopbackPeer(request: FastifyRequest): boolean {
  return isLoopbackAddress(socketPeer(request));
}
