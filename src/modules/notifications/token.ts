import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Executor } from '../../db/database.ts';
import * as q from './queries.ts';
import {
  type ChoiceLinkClaim,
  choiceLinkExpiry,
  choicePayload,
  isExpired,
  parseChoicePayload,
} from './rules.ts';
import type { NotificationKind } from './table.ts';

// The link in every notification mail that changes a choice without signing in: `<payload>.<HMAC>`, both
// base64url, the HMAC-SHA256 of the payload under the key the migration made (`notification_key`). Nothing is
// stored per link; a changed key voids every link. The token is never logged or audited (the route's
// parameter is redacted like every token).

function sign(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

/** Signs choice tokens with the key read once (for a mail run that signs many). */
export async function choiceSigner(
  db: Executor,
): Promise<(accountId: string, kind: NotificationKind, now: Date) => string> {
  const secret = await q.linkSecret(db);
  return (accountId, kind, now) => {
    const payload = choicePayload({ accountId, kind, expiresAt: choiceLinkExpiry(now) });
    return `${Buffer.from(payload).toString('base64url')}.${sign(secret, payload)}`;
  };
}

export async function choiceToken(
  db: Executor,
  accountId: string,
  kind: NotificationKind,
  now: Date,
): Promise<string> {
  return (await choiceSigner(db))(accountId, kind, now);
}

export type TokenCheck = { ok: true; claim: ChoiceLinkClaim } | { ok: false; reason: 'invalid' | 'expired' };

/** A token's claim, when the signature holds and it has not expired. Any string is safe to pass. */
export async function checkChoiceToken(db: Executor, token: string, now: Date): Promise<TokenCheck> {
  const m = /^([A-Za-z0-9_-]{1,200})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return { ok: false, reason: 'invalid' };
  const payload = Buffer.from(m[1] as string, 'base64url').toString('utf8');
  const expected = Buffer.from(sign(await q.linkSecret(db), payload));
  const given = Buffer.from(m[2] as string);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: 'invalid' };
  const claim = parseChoicePayload(payload);
  if (!claim) return { ok: false, reason: 'invalid' };
  if (isExpired(claim, now)) return { ok: false, reason: 'expired' };
  return { ok: true, claim };
}
