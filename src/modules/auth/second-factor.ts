import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import QRCode from 'qrcode';
import type { DB, Executor, Tx } from '../../db/database.ts';
import { auditedChange } from '../../shared/audit.ts';
import { newId } from '../../shared/ids.ts';
import { codeHash, isSecretShape, sameHash, sha256 } from '../../shared/secrets.ts';
import type { SignedInAccount } from '../../web/account.ts';
import { DEFAULT_RATE_LIMITS, type RateLimits, takeLimits } from '../limits/service.ts';
import { siteInfo } from '../series/service.ts';
import * as q from './queries.ts';
import {
  formatRecoveryCode,
  isRecoveryCodeShape,
  MAX_SECOND_FACTOR_ATTEMPTS,
  normaliseEmail,
  normaliseRecoveryCode,
  RECOVERY_ALPHABET,
  RECOVERY_CODE_COUNT,
  RECOVERY_CODE_LENGTH,
} from './rules.ts';
import { type NewSession, type SignInOptions, startSession } from './sessions.ts';
import { acceptedStep, groupedSecret, newTotpSecret, totpUri } from './totp.ts';

// The second factor: TOTP (RFC 6238) set up and given after the mail's link or code, one-time recovery
// codes, the security page's own setup, and the CLI's reset. The TOTP secret never goes to a log or an audit
// row; recovery codes are stored only as sha256(id:code).

/** A half-signed-in browser: the first factor is done, the second is not. */
export interface PendingSignIn {
  account: SignedInAccount;
  /** `setup`: no second factor yet (an organiser's first sign-in); `verify`: ask for a code. */
  step: 'setup' | 'verify';
  attemptsLeft: number;
}

/** The pending sign-in behind this cookie, or null (none, ended, or a whole session). An ended one is deleted. */
export async function pendingSignIn(db: Executor, cookieValue: string | undefined, now: Date) {
  if (!isSecretShape(cookieValue)) return null;
  const idHash = sha256(cookieValue);
  const row = await q.pendingSession(db, idHash);
  if (!row) return null;
  if (row.expires_at <= now.toISOString() || row.second_factor_attempts >= MAX_SECOND_FACTOR_ATTEMPTS) {
    await q.deletePendingSession(db, idHash);
    return null;
  }
  const pending: PendingSignIn = {
    account: { id: row.id, email: row.email, name: row.name, role: row.role },
    step: (await q.hasSecondFactor(db, row.id)) ? 'verify' : 'setup',
    attemptsLeft: MAX_SECOND_FACTOR_ATTEMPTS - row.second_factor_attempts,
  };
  return pending;
}

/** What the setup page shows: the QR code (SVG) and the same secret as text, in groups of four. */
export interface TotpSetup {
  secretText: string;
  qrSvg: string;
}

/**
 * The account's unconfirmed secret — made now if there is none, the same one on every reload — as a QR code
 * and as text; null when the account already has a confirmed second factor. Issuer: the site's name; label:
 * the email.
 */
export async function totpSetup(
  db: Executor,
  account: SignedInAccount,
  now: Date,
): Promise<TotpSetup | null> {
  await q.insertSecondFactorIfMissing(db, {
    account_id: account.id,
    totp_secret: newTotpSecret(),
    created_at: now.toISOString(),
  });
  const row = await q.secondFactorOf(db, account.id);
  if (!row || row.confirmed_at !== null) return null;
  const issuer = (await siteInfo(db))?.name ?? 'Holdet';
  const svg = await QRCode.toString(totpUri(row.totp_secret, issuer, account.email), {
    type: 'svg',
    margin: 2,
  });
  // The QR code is a picture of the text next to it: hidden from screen readers, which read the text.
  const qrSvg = svg.replace('<svg ', '<svg aria-hidden="true" focusable="false" class="totp-qr" ');
  return { secretText: groupedSecret(row.totp_secret), qrSvg };
}

export type SecondFactorFailure =
  /** No pending sign-in behind the cookie (none, ended, or too many wrong codes before). */
  | { ok: false; reason: 'no_pending' }
  | { ok: false; reason: 'wrong_code'; attemptsLeft: number }
  /** That wrong code was the last one allowed: the pending sign-in has ended. */
  | { ok: false; reason: 'ended' }
  | { ok: false; reason: 'rate_limited'; retryAt: Date };

export type SecondFactorResult =
  | {
      ok: true;
      session: NewSession;
      account: SignedInAccount;
      /** Set up just now: the recovery codes to show once. */
      recoveryCodes?: string[];
      /** A recovery code was spent: how many are left. */
      recoveryCodesLeft?: number;
    }
  | SecondFactorFailure;

interface CodeInput {
  cookieValue: string | undefined;
  code: string;
  ip: string;
}

function limitChecks(accountId: string, ip: string, limits: RateLimits) {
  return [
    { rule: 'second-factor:account', limit: limits.codeEmail, subject: accountId },
    { rule: 'second-factor:ip', limit: limits.codeIp, subject: ip },
  ];
}

function newRecoveryCode(): string {
  let code = '';
  for (let i = 0; i < RECOVERY_CODE_LENGTH; i += 1)
    code += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  return code;
}

/** Ten new recovery codes (the old ones go); returns them formatted, to show once. Only hashes are stored. */
async function replaceRecoveryCodes(tx: Tx, accountId: string, now: Date): Promise<string[]> {
  await q.deleteRecoveryCodes(tx, accountId);
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await q.insertRecoveryCodes(
    tx,
    codes.map((code) => {
      const id = newId();
      return {
        id,
        account_id: accountId,
        code_hash: codeHash(id, code),
        used_at: null,
        created_at: now.toISOString(),
      };
    }),
  );
  return codes.map(formatRecoveryCode);
}

/**
 * Confirms the account's unconfirmed secret with a current code, inside the caller's transaction: marks it
 * confirmed and the code's step used, makes the recovery codes, audits `auth.second-factor-set-up` (no
 * secret). Null when the code is not right (or there is nothing to confirm).
 */
async function confirmSetup(tx: Tx, account: SignedInAccount, code: string, now: Date) {
  const outcome = await auditedChange(tx, {
    read: async (tx) => {
      const row = await q.secondFactorOf(tx, account.id);
      if (!row || row.confirmed_at !== null) return null;
      const step = acceptedStep(row.totp_secret, code, now, row.last_used_step);
      return step === null ? null : { step };
    },
    // The step is taken in the UPDATE itself: of two confirmations racing, one makes the codes.
    write: async (tx, { step }) =>
      (await q.useTotpStep(tx, account.id, step, now.toISOString(), true))
        ? replaceRecoveryCodes(tx, account.id, now)
        : null,
    audit: (_before, codes) =>
      codes
        ? {
            actor: { accountId: account.id, label: account.email },
            action: 'auth.second-factor-set-up',
            entity: 'account',
            entityId: account.id,
            after: { method: 'totp', recovery_codes_made: codes.length },
            at: now,
          }
        : null,
  });
  return outcome?.result ?? null;
}

type Given = { kind: 'totp' } | { kind: 'recovery'; left: number };

/** Checks a TOTP code (6 digits) or a recovery code against the account, spending it when right. */
async function checkCode(tx: Tx, account: SignedInAccount, typed: string, now: Date): Promise<Given | null> {
  const code = typed.replace(/\s+/g, '');
  if (/^[0-9]{6}$/.test(code)) {
    const row = await q.secondFactorOf(tx, account.id);
    if (!row || row.confirmed_at === null) return null;
    const step = acceptedStep(row.totp_secret, code, now, row.last_used_step);
    if (step === null) return null;
    return (await q.useTotpStep(tx, account.id, step, now.toISOString(), false)) ? { kind: 'totp' } : null;
  }
  const recovery = normaliseRecoveryCode(typed);
  if (!isRecoveryCodeShape(recovery)) return null;
  const outcome = await auditedChange(tx, {
    read: async (tx) => {
      const unused = await q.unusedRecoveryCodes(tx, account.id);
      const match = unused.find((r) => sameHash(r.code_hash, codeHash(r.id, recovery)));
      return match ? { id: match.id, left: unused.length - 1 } : null;
    },
    write: (tx, { id }) => q.spendRecoveryCode(tx, id, now.toISOString()),
    audit: ({ left }, spent) =>
      spent
        ? {
            actor: { accountId: account.id, label: account.email },
            action: 'auth.recovery-code-used',
            entity: 'account',
            entityId: account.id,
            after: { left },
            at: now,
          }
        : null,
  });
  return outcome?.result ? { kind: 'recovery', left: outcome.before.left } : null;
}

/**
 * The second step of a pending sign-in: `setup` confirms a new TOTP with a current code (then recovery codes
 * are made), `verify` takes a current code or a recovery code. Limited per account and per IP (every try
 * counts); each wrong code counts against the pending sign-in, which ends at MAX_SECOND_FACTOR_ATTEMPTS. On
 * success the pending session is swapped for a whole one (a new cookie value) and `auth.sign-in` is audited.
 */
export async function completeSecondFactor(
  db: Kysely<DB>,
  mode: 'setup' | 'verify',
  input: CodeInput,
  now: Date,
  options: SignInOptions = {},
  limits: RateLimits = DEFAULT_RATE_LIMITS,
): Promise<SecondFactorResult> {
  const pending = await pendingSignIn(db, input.cookieValue, now);
  if (!pending || !isSecretShape(input.cookieValue)) return { ok: false, reason: 'no_pending' };
  const { account } = pending;
  const verdict = await takeLimits(db, limitChecks(account.id, input.ip, limits), now);
  if (verdict.limited) return { ok: false, reason: 'rate_limited', retryAt: verdict.retryAt };
  const idHash = sha256(input.cookieValue);
  return db.transaction().execute(async (tx): Promise<SecondFactorResult> => {
    let recoveryCodes: string[] | null = null;
    let given: Given | null = null;
    if (mode === 'setup' && pending.step === 'setup')
      recoveryCodes = await confirmSetup(tx, account, input.code, now);
    if (mode === 'verify' && pending.step === 'verify') given = await checkCode(tx, account, input.code, now);
    if (!recoveryCodes && !given) {
      const counted = await q.countSecondFactorAttempt(tx, idHash);
      if (!counted) return { ok: false, reason: 'no_pending' };
      if (counted.second_factor_attempts >= MAX_SECOND_FACTOR_ATTEMPTS) {
        await auditedChange(tx, {
          read: async () => ({ wrongCodes: counted.second_factor_attempts }),
          write: (tx) => q.deletePendingSession(tx, idHash),
          audit: ({ wrongCodes }, ended) =>
            ended
              ? {
                  actor: { accountId: account.id, label: account.email },
                  action: 'auth.second-factor-failed',
                  entity: 'account',
                  entityId: account.id,
                  after: { wrong_codes: wrongCodes },
                  at: now,
                }
              : null,
        });
        return { ok: false, reason: 'ended' };
      }
      return {
        ok: false,
        reason: 'wrong_code',
        attemptsLeft: MAX_SECOND_FACTOR_ATTEMPTS - counted.second_factor_attempts,
      };
    }
    const method = recoveryCodes ? 'totp-set-up' : given?.kind === 'recovery' ? 'recovery-code' : 'totp';
    const signedIn = await auditedChange(tx, {
      read: (tx) => q.pendingSession(tx, idHash),
      // Of two requests racing with right codes, only the one that ends the pending session goes on.
      write: async (tx) =>
        (await q.deletePendingSession(tx, idHash))
          ? startSession(tx, account.id, now, { idleDays: options.idleDays }, false)
          : null,
      audit: (_pending, session) =>
        session
          ? {
              actor: { accountId: account.id, label: account.email },
              action: 'auth.sign-in',
              entity: 'account',
              entityId: account.id,
              after: { method, second_factor: true },
              at: now,
            }
          : null,
    });
    const session = signedIn?.result;
    if (!session) return { ok: false, reason: 'no_pending' };
    return {
      ok: true,
      session,
      account,
      ...(recoveryCodes ? { recoveryCodes } : {}),
      ...(given?.kind === 'recovery' ? { recoveryCodesLeft: given.left } : {}),
    };
  });
}

/** The security page: whether the person has a second factor, and how many recovery codes are unspent. */
export async function securityStatus(db: Executor, accountId: string) {
  const enabled = await q.hasSecondFactor(db, accountId);
  const left = enabled ? (await q.unusedRecoveryCodes(db, accountId)).length : 0;
  return { enabled, recoveryCodesLeft: left };
}

export type OwnSetupResult =
  | { ok: true; recoveryCodes: string[] }
  | { ok: false; reason: 'wrong_code' }
  | { ok: false; reason: 'rate_limited'; retryAt: Date };

/** A signed-in person turns the second factor on from their security page (the same checks and limits). */
export async function confirmOwnSetup(
  db: Kysely<DB>,
  input: { account: SignedInAccount; code: string; ip: string },
  now: Date,
  limits: RateLimits = DEFAULT_RATE_LIMITS,
): Promise<OwnSetupResult> {
  const verdict = await takeLimits(db, limitChecks(input.account.id, input.ip, limits), now);
  if (verdict.limited) return { ok: false, reason: 'rate_limited', retryAt: verdict.retryAt };
  const codes = await db.transaction().execute((tx) => confirmSetup(tx, input.account, input.code, now));
  return codes ? { ok: true, recoveryCodes: codes } : { ok: false, reason: 'wrong_code' };
}

export type ResetSecondFactorResult = { ok: true; removed: boolean } | { ok: false; reason: 'unknown' };

/**
 * `holdet reset-second-factor`: removes the account's TOTP and recovery codes (and any half-done sign-in),
 * audited, so the next sign-in sets it up again (an organiser) or asks for none (anyone else).
 */
export async function resetSecondFactor(
  db: Kysely<DB>,
  input: { email: string; actorLabel: string },
  now: Date,
): Promise<ResetSecondFactorResult> {
  return db.transaction().execute(async (tx) => {
    const outcome = await auditedChange(tx, {
      read: async (tx) => {
        const account = await q.accountByEmail(tx, normaliseEmail(input.email));
        return account ? { account, hadFactor: await q.hasSecondFactor(tx, account.id) } : null;
      },
      write: async (tx, { account }) => {
        const removed = (await q.deleteSecondFactor(tx, account.id)) > 0;
        await q.deletePendingSessionsOfAccount(tx, account.id);
        return removed;
      },
      audit: ({ account, hadFactor }) => ({
        actor: { accountId: null, label: input.actorLabel },
        action: 'auth.second-factor-reset',
        entity: 'account',
        entityId: account.id,
        before: { second_factor: hadFactor },
        after: { second_factor: false },
        at: now,
      }),
    });
    if (!outcome) return { ok: false, reason: 'unknown' };
    const removed = outcome.result;
    return { ok: true, removed };
  });
}
