import type { Kysely } from 'kysely';
import type { DB, Executor, Tx } from '../../db/database.ts';
import { enqueueMail } from '../../email/outbox.ts';
import { auditedChange } from '../../shared/audit.ts';
import type { Lang } from '../../shared/danish.ts';
import { newId } from '../../shared/ids.ts';
import { codeHash, newCode, newSecret, sameHash, sha256 } from '../../shared/secrets.ts';
import type { SignedInAccount } from '../../web/account.ts';
import { DEFAULT_RATE_LIMITS, type RateLimits, takeLimits } from '../limits/service.ts';
import { siteInfo, siteOrganiserId } from '../series/service.ts';
import { signInMail } from './emails.ts';
import { toSignedInAccount } from './model.ts';
import * as q from './queries.ts';
import {
  accountChanges,
  isCodeShape,
  isSecretShape,
  MAX_CODE_ATTEMPTS,
  normaliseEmail,
  SECOND_FACTOR_PATH,
  type SecondFactorStep,
  type SignInFailure,
  safeNext,
  secondFactorStep,
  tokenExpiresAt,
  tokenFailure,
} from './rules.ts';
import { type NewSession, type SignInOptions, startSession } from './sessions.ts';
import type { AccountRole } from './table.ts';

export { sha256 } from '../../shared/secrets.ts';
export type { SecondFactorStep } from './rules.ts';
export {
  completeSecondFactor,
  confirmOwnSetup,
  type PendingSignIn,
  pendingSignIn,
  type ResetSecondFactorResult,
  resetSecondFactor,
  type SecondFactorResult,
  securityStatus,
  type TotpSetup,
  totpSetup,
} from './second-factor.ts';
export {
  clearSessionCookie,
  readSessionCookie,
  sessionCookieName,
  setSessionCookie,
} from './session-cookie.ts';
export {
  deleteEndedSessions,
  type NewSession,
  type SignInOptions,
  sessionAccount,
  signOut,
  signOutEverywhere,
  startSession,
  startSessionCleanup,
} from './sessions.ts';

// Accounts, sign-in links and codes, and browser sessions. Secrets (link token, code, session cookie) are
// random and only their SHA-256 hashes are stored, so a copy of the database signs nobody in.

const DAY_MS = 24 * 3600_000;

/** The account the demo prints a sign-in link for on first start. */
export const DEMO_ORGANISER = { email: 'arrangoer@example.dk', name: 'Demo-arrangør' } as const;

/**
 * The account for this email, made if missing (email lower-cased), and its id. A participant's details
 * never rename an organiser or take their role; an organiser request upgrades a participant. Safe inside
 * the caller's transaction and against a parallel call for the same email.
 */
export async function ensureAccount(
  db: Executor,
  input: { email: string; name: string; role: AccountRole; organiserId?: string | null },
  now: Date,
): Promise<string> {
  const email = normaliseEmail(input.email);
  const name = input.name.trim();
  const organiserId = input.role === 'organiser' ? (input.organiserId ?? null) : null;
  const at = now.toISOString();
  await q.insertAccountIfMissing(db, {
    id: newId(),
    email,
    name: name === '' ? (email.split('@')[0] ?? email) : name,
    role: input.role,
    organiser_id: organiserId,
    created_at: at,
    updated_at: at,
  });
  const account = await q.accountByEmail(db, email);
  if (!account) throw new Error(`account for ${email} vanished`);
  const changes = accountChanges(account, { name, role: input.role, organiserId });
  if (changes) await q.updateAccount(db, account.id, changes, at);
  return account.id;
}

export interface IssuedSignIn {
  token: string;
  code: string;
  expiresAt: Date;
}

function newSignIn(now: Date): IssuedSignIn & { id: string } {
  return { id: newId(), token: newSecret(), code: newCode(), expiresAt: tokenExpiresAt(now) };
}

/** A new link token and code for the email. Only their hashes are stored. */
export async function issueSignIn(db: Executor, email: string, now: Date): Promise<IssuedSignIn> {
  const address = normaliseEmail(email);
  const issued = newSignIn(now);
  await q.deleteOldLoginTokens(db, address, new Date(now.getTime() - DAY_MS).toISOString());
  await q.insertLoginToken(db, {
    id: issued.id,
    email: address,
    token_hash: sha256(issued.token),
    code_hash: codeHash(issued.id, issued.code),
    attempts: 0,
    expires_at: issued.expiresAt.toISOString(),
    used_at: null,
    created_at: now.toISOString(),
  });
  return { token: issued.token, code: issued.code, expiresAt: issued.expiresAt };
}

export function signInLink(baseUrl: string, token: string, next?: string | null): string {
  const safe = safeNext(next);
  return `${baseUrl}/log-ind/${token}${safe ? `?next=${encodeURIComponent(safe)}` : ''}`;
}

/** The same for a known and an unknown email, so the answer does not tell whether an account exists. */
export type SignInRequestResult = { status: 'sent' } | { status: 'rate_limited'; retryAt: Date };

/**
 * Counts the request against the per-email and per-IP limits (`limits`: the settings), then, if the email
 * has an account, writes a token and the sign-in mail in one transaction. An unknown email gets no mail and
 * the same answer.
 */
export async function requestSignIn(
  db: Kysely<DB>,
  input: { email: string; ip: string; baseUrl: string; lang: Lang; next?: string | null },
  now: Date,
  limits: RateLimits = DEFAULT_RATE_LIMITS,
): Promise<SignInRequestResult> {
  const email = normaliseEmail(input.email);
  // Both counters count every request, so a blocked address cannot be told from a known one. Counted
  // before (outside) the transaction, so the counter rows are locked only for their own statement.
  const verdict = await takeLimits(
    db,
    [
      { rule: 'sign-in:email', limit: limits.signInEmail, subject: email },
      { rule: 'sign-in:ip', limit: limits.signInIp, subject: input.ip },
    ],
    now,
  );
  if (verdict.limited) return { status: 'rate_limited', retryAt: verdict.retryAt };
  return db.transaction().execute(async (tx) => {
    const account = await q.accountByEmail(tx, email);
    const site = (await siteInfo(tx)) ?? { name: 'Holdet', email: '' };
    if (!account) {
      // Do the same work short of writing, so the answer takes about as long.
      const unused = newSignIn(now);
      signInMail({
        lang: input.lang,
        to: email,
        link: signInLink(input.baseUrl, unused.token, input.next),
        code: unused.code,
        site,
      });
      return { status: 'sent' };
    }
    const issued = await issueSignIn(tx, email, now);
    const mail = signInMail({
      lang: input.lang,
      to: account.email,
      link: signInLink(input.baseUrl, issued.token, input.next),
      code: issued.code,
      site,
    });
    await enqueueMail(tx, mail, now);
    return { status: 'sent' };
  });
}

/**
 * `secondFactor`: `none` — signed in; `setup`/`verify` — the session is pending (request.account stays
 * null) until the second factor is set up or given: send the browser to signInDestination().
 */
export type SignInResult =
  | { ok: true; session: NewSession; account: SignedInAccount; secondFactor: SecondFactorStep }
  | { ok: false; reason: SignInFailure };

/** Where a browser goes after the first factor: `to`, or the second-factor page first (which then goes on to `to`). */
export function signInDestination(result: { secondFactor: SecondFactorStep }, to: string): string {
  if (result.secondFactor === 'none') return to;
  const next = safeNext(to);
  return next ? `${SECOND_FACTOR_PATH}?next=${encodeURIComponent(next)}` : SECOND_FACTOR_PATH;
}

/** The code form can also be over its limits (per IP, per email): then it says when to try again. */
export type CodeSignInResult = SignInResult | { ok: false; reason: 'rate_limited'; retryAt: Date };

/** Whether a link can still be used, without using it (the page behind the link shows a button). */
export async function checkSignInToken(
  db: Executor,
  token: string,
  now: Date,
): Promise<'usable' | SignInFailure> {
  if (!isSecretShape(token)) return 'unknown';
  const row = await q.loginTokenByHash(db, sha256(token));
  // Wrong codes do not matter here: they disable the code, never the link.
  if (row && row.used_at === null && row.expires_at > now.toISOString()) return 'usable';
  return tokenFailure(row, now);
}

/** Spends a link token (once, even when two requests race) and starts a session. */
export async function signInWithToken(
  db: Kysely<DB>,
  token: string,
  now: Date,
  options: SignInOptions = {},
): Promise<SignInResult> {
  if (!isSecretShape(token)) return { ok: false, reason: 'unknown' };
  const tokenHash = sha256(token);
  return db.transaction().execute(async (tx) => {
    const spent = await q.spendLoginToken(tx, { tokenHash }, now.toISOString());
    if (!spent) return { ok: false, reason: tokenFailure(await q.loginTokenByHash(tx, tokenHash), now) };
    return signInAccount(tx, spent.email, 'link', now, options);
  });
}

/**
 * Signs in with the code from the mail. The form is limited per IP (`input.ip`) and per email first (every
 * entry counts, right or wrong). Then each try counts against every live token of the email before the code
 * is compared; after MAX_CODE_ATTEMPTS tries, from wherever they came, a token's CODE is disabled, even for
 * the right code: the link in the same mail still works.
 */
export async function signInWithCode(
  db: Kysely<DB>,
  input: { email: string; code: string; ip?: string | undefined },
  now: Date,
  options: SignInOptions = {},
  limits: RateLimits = DEFAULT_RATE_LIMITS,
): Promise<CodeSignInResult> {
  const email = normaliseEmail(input.email);
  if (!isCodeShape(input.code)) return { ok: false, reason: 'wrong_code' };
  const verdict = await takeLimits(
    db,
    [
      { rule: 'code:email', limit: limits.codeEmail, subject: email },
      ...(input.ip === undefined ? [] : [{ rule: 'code:ip', limit: limits.codeIp, subject: input.ip }]),
    ],
    now,
  );
  if (verdict.limited) return { ok: false, reason: 'rate_limited', retryAt: verdict.retryAt };
  const at = now.toISOString();
  return db.transaction().execute(async (tx) => {
    const live = await q.takeCodeAttempt(tx, email, at, MAX_CODE_ATTEMPTS);
    const match = live.find((t) => sameHash(t.code_hash, codeHash(t.id, input.code)));
    if (!match) return { ok: false, reason: 'wrong_code' };
    const spent = await q.spendLoginToken(tx, { id: match.id, codeAttemptsAtMost: MAX_CODE_ATTEMPTS }, at);
    if (!spent) return { ok: false, reason: 'wrong_code' };
    return signInAccount(tx, spent.email, 'code', now, options);
  });
}

/**
 * Starts a session for the account with this email, inside the caller's transaction: ends the browser's
 * previous session (`options.replaceSession`) and the account's ended ones, stores only the hash of the new
 * cookie value, and audits with the method (never a token or code). `registration`: a person who has just
 * confirmed a registration. An account that needs a second factor (an organiser; anyone who turned it on)
 * gets a PENDING session instead — audited `auth.first-factor` — which signs nobody in until the second
 * factor is done (second-factor.ts). Set the cookie with setSessionCookie (session-cookie.ts, re-exported here).
 */
export async function signInAccount(
  tx: Tx,
  email: string,
  method: 'link' | 'code' | 'registration',
  now: Date,
  options: SignInOptions,
): Promise<SignInResult> {
  const outcome = await auditedChange(tx, {
    read: async (tx) => {
      const account = await q.accountByEmail(tx, normaliseEmail(email));
      if (!account) return null;
      return { account, step: secondFactorStep(account.role, await q.hasSecondFactor(tx, account.id)) };
    },
    write: (tx, { account, step }) => startSession(tx, account.id, now, options, step !== 'none'),
    audit: ({ account, step }) => ({
      actor: { accountId: account.id, label: account.email },
      action: step === 'none' ? 'auth.sign-in' : 'auth.first-factor',
      entity: 'account',
      entityId: account.id,
      after: step === 'none' ? { method } : { method, second_factor: step },
      at: now,
    }),
  });
  if (!outcome) return { ok: false, reason: 'unknown' };
  const { account, step } = outcome.before;
  return { ok: true, session: outcome.result, account: toSignedInAccount(account), secondFactor: step };
}

export type CreateOrganiserResult =
  | ({ ok: true; accountId: string; email: string; name: string } & IssuedSignIn)
  | { ok: false; reason: 'no_organiser' };

/**
 * Makes (or upgrades) an organiser account tied to the site's organiser and returns a one-time sign-in
 * link token and code for it: for `holdet create-organiser` and the demo's first start.
 */
export async function createOrganiser(
  db: Kysely<DB>,
  input: { email: string; name?: string | undefined; actorLabel: string },
  now: Date,
): Promise<CreateOrganiserResult> {
  return db.transaction().execute(async (tx) => {
    const organiserId = await siteOrganiserId(tx);
    if (!organiserId) return { ok: false, reason: 'no_organiser' };
    const email = normaliseEmail(input.email);
    const shown = (a: Awaited<ReturnType<typeof q.accountByEmail>>) =>
      a ? { name: a.name, role: a.role, organiser_id: a.organiser_id } : undefined;
    const { result } = await auditedChange(tx, {
      // No account yet is a state too: the change creates it.
      read: async (tx) => ({ account: shown(await q.accountByEmail(tx, email)) }),
      write: async (tx) => {
        const accountId = await ensureAccount(
          tx,
          { email, name: input.name ?? '', role: 'organiser', organiserId },
          now,
        );
        return { accountId, account: shown(await q.accountByEmail(tx, email)) };
      },
      audit: (before, after) => {
        const changed = JSON.stringify(before.account) !== JSON.stringify(after.account);
        // Handing out a sign-in link outside the mail is worth a line of its own even when nothing changed.
        return {
          actor: { accountId: null, label: input.actorLabel },
          action: !before.account
            ? 'account.create-organiser'
            : changed
              ? 'account.update-organiser'
              : 'auth.issue-link',
          entity: 'account',
          entityId: after.accountId,
          before: before.account,
          after: after.account,
          at: now,
        };
      },
    });
    const issued = await issueSignIn(tx, email, now);
    return { ok: true, accountId: result.accountId, email, name: result.account?.name ?? '', ...issued };
  });
}

/** An account's address, name and staff mark, by id (null: no such account). For other modules' pages. */
export async function accountById(
  db: Executor,
  id: string,
): Promise<{
  id: string;
  email: string;
  name: string;
  organiserId: string | null;
  role: AccountRole;
} | null> {
  const a = await q.accountById(db, id);
  if (!a) return null;
  return { id: a.id, email: a.email, name: a.name, organiserId: a.organiser_id, role: a.role };
}

/** Accounts by id, as accountById gives them (missing ids are left out). One query per 500 ids. */
export async function accountsByIds(
  db: Executor,
  ids: readonly string[],
): Promise<{ id: string; email: string; name: string; organiserId: string | null; role: AccountRole }[]> {
  const unique = [...new Set(ids)];
  const out: { id: string; email: string; name: string; organiserId: string | null; role: AccountRole }[] =
    [];
  for (let i = 0; i < unique.length; i += 500) {
    for (const a of await q.accountsByIds(db, unique.slice(i, i + 500)))
      out.push({ id: a.id, email: a.email, name: a.name, organiserId: a.organiser_id, role: a.role });
  }
  return out;
}

/** The organisation's staff accounts of an organiser: the organisers of each of its series. */
export async function organiserStaff(
  db: Executor,
  organiserId: string,
): Promise<{ id: string; email: string; name: string }[]> {
  return (await q.staffOfOrganiser(db, organiserId)).map((a) => ({ id: a.id, email: a.email, name: a.name }));
}
