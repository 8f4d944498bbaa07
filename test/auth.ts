import type { Kysely } from 'kysely';
import type { DB } from '../src/db/database.ts';
import { ensureAccount } from '../src/modules/auth/service.ts';
import { TEST_NOW } from './db.ts';

// Helpers for tests that sign someone in.

let counter = 0;

/** A fresh address, so tests sharing a database never share rate-limit counters or tokens. */
export function uniqueEmail(prefix = 'deltager'): string {
  counter += 1;
  return `${prefix}-${counter}-${Math.random().toString(36).slice(2, 8)}@example.dk`;
}

export async function addParticipant(db: Kysely<DB>, email = uniqueEmail(), name = 'Ane Deltager') {
  const id = await ensureAccount(db, { email, name, role: 'participant' }, TEST_NOW);
  return { id, email, name };
}

/** The link token and code from the newest sign-in mail to this address in the outbox. */
export async function latestSignInMail(db: Kysely<DB>, to: string) {
  const mail = await db
    .selectFrom('outbox')
    .selectAll()
    .where('to_address', '=', to)
    .where('kind', '=', 'auth.sign-in')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!mail) return null;
  const link = mail.text_body.match(/https?:\/\/\S+\/log-ind\/([A-Za-z0-9_-]{43})(\?\S*)?/);
  const code = mail.text_body.match(/\b(\d{6})\b/);
  if (!link?.[1] || !code?.[1]) throw new Error(`no link or code in the sign-in mail:\n${mail.text_body}`);
  return { mail, url: link[0], token: link[1], code: code[1] };
}
