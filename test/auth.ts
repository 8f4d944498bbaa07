import type { Kysely } from 'kysely';
import type { DB } from '../src/db/database.ts';
import {
  completeSecondFactor,
  ensureAccount,
  pendingSignIn,
  totpSetup,
} from '../src/modules/auth/service.ts';
import { TOTP_PERIOD_SECONDS, totpCode, totpStep } from '../src/modules/auth/totp.ts';
import { type GrantedRole, grantRole } from '../src/modules/people/service.ts';
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

/** A participant account at `email` granted `role` in a series (for one session: substitute, expert); its id. */
export async function addGrantedAccount(
  db: Kysely<DB>,
  grant: { email: string; name: string; role: GrantedRole; seriesId: string; sessionId: string | null },
  at: Date = TEST_NOW,
): Promise<string> {
  const accountId = await ensureAccount(
    db,
    { email: grant.email, name: grant.name, role: 'participant' },
    at,
  );
  await db.transaction().execute((tx) =>
    grantRole(
      tx,
      {
        accountId,
        role: grant.role,
        seriesId: grant.seriesId,
        sessionId: grant.sessionId,
        by: { accountId: null, label: 'test' },
      },
      at,
    ),
  );
  return accountId;
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

let helperIp = 0;

/**
 * Completes the second factor of a pending sign-in (an organiser's, or anyone's who turned it on) through the
 * auth service, as the person's app would: sets TOTP up when the account has none yet, or gives the code of
 * the next unused 30-second step. Returns the cookie value of the whole session. `at`: the app's clock.
 */
export async function passSecondFactor(
  db: Kysely<DB>,
  cookieValue: string,
  at: Date = TEST_NOW,
): Promise<string> {
  const pending = await pendingSignIn(db, cookieValue, at);
  if (!pending) throw new Error('no pending sign-in behind this cookie');
  helperIp += 1;
  // A fresh documentation address per call, so many sign-ins in one file stay within the per-IP limit.
  const ip = `198.51.${Math.floor(helperIp / 250) % 250}.${(helperIp % 250) + 1}`;
  let mode: 'setup' | 'verify' = 'verify';
  let when = at;
  if (pending.step === 'setup') {
    await totpSetup(db, pending.account, at);
    mode = 'setup';
  }
  const row = await db
    .selectFrom('second_factor')
    .select(['totp_secret', 'last_used_step'])
    .where('account_id', '=', pending.account.id)
    .executeTakeFirstOrThrow();
  // A code works once: after the step just used comes the next one (given at its own time when that is later).
  if (row.last_used_step !== null && row.last_used_step >= totpStep(at)) {
    when = new Date((row.last_used_step + 1) * TOTP_PERIOD_SECONDS * 1000);
  }
  const code = totpCode(row.totp_secret, when);
  const done = await completeSecondFactor(db, mode, { cookieValue, code, ip }, when > at ? when : at);
  if (!done.ok) throw new Error(`second factor: ${done.reason}`);
  return done.session.cookieValue;
}

/** The TOTP secret of an account that has one set up (tests compute codes from it). */
export async function totpSecretOf(db: Kysely<DB>, email: string): Promise<string> {
  const row = await db
    .selectFrom('second_factor as f')
    .innerJoin('account as a', 'a.id', 'f.account_id')
    .select('f.totp_secret')
    .where('a.email', '=', email.toLowerCase())
    .executeTakeFirstOrThrow();
  return row.totp_secret;
}

/** The grouped secret shown as text on the setup page, without spaces: what a person types into their app. */
export function secretFromPage(html: string): string {
  const text = /<code id="totp-secret"[^>]*>([^<]+)<\/code>/.exec(html)?.[1];
  if (!text) throw new Error('no TOTP secret on the page');
  return text.replace(/\s+/g, '');
}
