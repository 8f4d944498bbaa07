import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

// The random secrets mailed to people (link tokens and 6-digit codes) and how they are kept: only as
// SHA-256 hashes, so a copy of the database confirms or signs in nobody.

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** 32 random bytes, base64url (43 characters): a link token or a session cookie. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Six random digits. */
export function newCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** A code is only 6 digits, so its hash is salted with the id of the row that keeps it. */
export function codeHash(rowId: string, code: string): string {
  return sha256(`${rowId}:${code}`);
}

/** Compares two hex hashes in constant time. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

const SECRET_SHAPE = /^[A-Za-z0-9_-]{43}$/;
export function isSecretShape(value: unknown): value is string {
  return typeof value === 'string' && SECRET_SHAPE.test(value);
}

export function isCodeShape(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9]{6}$/.test(value);
}
