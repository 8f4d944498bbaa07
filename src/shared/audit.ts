import type { Executor, Tx } from '../db/database.ts';
import { newId } from './ids.ts';

/** Who did what to which row, when, with the row before and after. Written in the change's transaction. */
export interface AuditTable {
  id: string;
  at: string;
  actor_account_id: string | null;
  /** A readable name for the actor: an email, or `system` for jobs. */
  actor_label: string;
  action: string;
  entity: string;
  entity_id: string;
  /** JSON, redacted (redactAudit): never special-category data or a secret. */
  before_json: string | null;
  after_json: string | null;
}

export interface Actor {
  accountId: string | null;
  label: string;
}

export const SYSTEM_ACTOR: Actor = { accountId: null, label: 'system' };

export interface AuditEntry {
  actor: Actor;
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  at: Date;
}

// An audit row says THAT a sensitive field was set or changed, never what it holds. The value of a sensitive
// key, at any depth, is replaced by a marker; a value that is not set (null, undefined, '') stays as it is,
// so "not given" and "erased" still show:
//   before      after        stored
//   (absent)    'Vegetar'    after: "[udfyldt]"                       (set)
//   'Vegetar'   'Vegetar'    before: "[udfyldt]", after: "[udfyldt]"  (kept)
//   'Vegetar'   'Vegan'      before: "[udfyldt]", after: "[ændret]"   (changed)
//   'Vegetar'   null         before: "[udfyldt]", after: null         (erased)
// writeAudit/writeAudits apply it to every entry, so no caller can forget; migration 0007 applied it to the
// rows written before, and the log page applies it again to whatever it shows.

/** Stored for a sensitive value that is set. */
export const REDACTED_SET = '[udfyldt]';
/** Stored in `after` for a sensitive value that was set before too, to something else. */
export const REDACTED_CHANGED = '[ændret]';

/**
 * Keys whose values never reach an audit row: special-category data (GDPR art. 9) and secrets. Compared after
 * normalising (camelCase and kebab-case to snake_case, lower case, leading/trailing `_` dropped), so
 * `tokenHash`, `Token-Hash` and `_token_hash` all match `token_hash`.
 */
export const SENSITIVE_AUDIT_KEYS: readonly string[] = [
  // Special-category data: dietary needs can reveal health or religion.
  'dietary_needs',
  'dietary',
  'allergies',
  'health',
  // Sign-in: the link token, the code, their hashes; sessions and their cookies; CSRF.
  'token',
  'token_hash',
  'link_token',
  'code',
  'code_hash',
  'sign_in_code',
  'login_code',
  // The second factor: its secret, the URI and QR code that carry it, codes from the app, recovery codes.
  'totp_secret',
  'totp_code',
  'otpauth_uri',
  'recovery_code',
  'recovery_codes',
  'session',
  'session_id',
  'id_hash',
  'cookie',
  'cookie_value',
  'set_cookie',
  'csrf',
  'authorization',
  // An online session's meeting address: whoever has it can join (it often carries a passcode).
  'meeting_url',
  // Anything else secret.
  'password',
  'password_hash',
  'secret',
  'api_key',
  'private_key',
];

/** Any key that ends so is sensitive as well (`csrf_token`, `session_id_hash`, `smtp_password`, …). */
export const SENSITIVE_AUDIT_KEY_SUFFIXES: readonly string[] = [
  '_token',
  '_hash',
  '_secret',
  '_password',
  '_cookie',
  '_csrf',
];

const exact = new Set(SENSITIVE_AUDIT_KEYS);

function normaliseKey(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** Whether an audit row may hold this key's value (false: only a marker). */
export function isSensitiveAuditKey(key: string): boolean {
  const k = normaliseKey(key);
  return exact.has(k) || SENSITIVE_AUDIT_KEY_SUFFIXES.some((suffix) => k.endsWith(suffix));
}

const isSet = (v: unknown) => v !== null && v !== undefined && v !== '';
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The value as JSON would store it: plain objects, arrays, strings, numbers, booleans and null. */
function plain(value: unknown): unknown {
  if (value === undefined) return undefined;
  const text = JSON.stringify(value);
  return text === undefined ? undefined : JSON.parse(text);
}

type Side = 'before' | 'after';

function redactValue(value: unknown, other: unknown, side: Side): unknown {
  if (Array.isArray(value)) {
    const others = Array.isArray(other) ? other : [];
    return value.map((v, i) => redactValue(v, others[i], side));
  }
  if (value !== null && typeof value === 'object') {
    const others =
      other !== null && typeof other === 'object' && !Array.isArray(other)
        ? (other as Record<string, unknown>)
        : {};
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (!isSensitiveAuditKey(key)) out[key] = redactValue(v, others[key], side);
      else if (!isSet(v)) out[key] = v;
      else if (side === 'after' && isSet(others[key]) && !same(others[key], v)) out[key] = REDACTED_CHANGED;
      else out[key] = REDACTED_SET;
    }
    return out;
  }
  return value;
}

/**
 * The before and after of an audit entry with every sensitive key's value replaced by a marker, at any
 * depth (see SENSITIVE_AUDIT_KEYS). `after` says `[ændret]` where `before` had another value at the same
 * place. Pure; the inputs are not changed.
 */
export function redactAudit(before: unknown, after: unknown): { before: unknown; after: unknown } {
  const b = plain(before);
  const a = plain(after);
  return { before: redactValue(b, a, 'before'), after: redactValue(a, b, 'after') };
}

/** The stored JSON texts, redacted again (for rows written before redaction, and for the log page). */
export function redactAuditJson(
  beforeJson: string | null,
  afterJson: string | null,
): { before_json: string | null; after_json: string | null } {
  const parse = (text: string | null): { ok: boolean; value: unknown } => {
    if (text === null) return { ok: true, value: undefined };
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch {
      return { ok: false, value: undefined };
    }
  };
  const b = parse(beforeJson);
  const a = parse(afterJson);
  const r = redactAudit(b.value, a.value);
  // Text that is not JSON cannot be checked, so it is not kept.
  const text = (ok: boolean, value: unknown) => (!ok || value === undefined ? null : JSON.stringify(value));
  return { before_json: text(b.ok, r.before), after_json: text(a.ok, r.after) };
}

export async function writeAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await writeAudits(db, [entry]);
}

/** Several entries in one statement (one round trip), in the given order. Every entry is redacted first. */
export async function writeAudits(db: Executor, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('audit')
    .values(
      entries.map((entry) => {
        const { before, after } = redactAudit(entry.before, entry.after);
        return {
          id: newId(),
          at: entry.at.toISOString(),
          actor_account_id: entry.actor.accountId,
          actor_label: entry.actor.label,
          action: entry.action,
          entity: entry.entity,
          entity_id: entry.entityId,
          before_json: before === undefined ? null : JSON.stringify(before),
          after_json: after === undefined ? null : JSON.stringify(after),
        };
      }),
    )
    .execute();
}

/**
 * One audited change: what `read` finds before, what `write` does, and the audit row `audit` makes of the two.
 * Every change to something that exists goes through here (a new row with only an "after" uses writeAudit,
 * a batch of them writeAudits, as the registration rush does), so the order is always the same — read,
 * write, audit — and all three run in the transaction the caller passes (a `Tx`, so a bare connection does
 * not type-check). docs/ARCHITECTURE.md (Audit) lists which change uses which.
 */
export interface AuditedChange<Found, Result> {
  /**
   * The state before the change. Null or undefined: there is nothing to change — no write, no audit row, and
   * auditedChange returns null. (A change that may start from nothing, such as creating a row, returns an
   * object that says so, `{ account: undefined }`, and then always gets an outcome.)
   */
  read(tx: Tx): Promise<Found>;
  /** Makes the change; what it returns is handed to `audit` and back to the caller. */
  write(tx: Tx, before: NonNullable<Found>): Promise<Result>;
  /** The audit row for this change (redacted by writeAudit); null: this outcome is not worth a row. */
  audit(before: NonNullable<Found>, result: Result): AuditEntry | null;
}

/** The state read before the change and what the write returned; null (only) when `read` can find nothing. */
export type AuditedOutcome<Found, Result> =
  | { before: NonNullable<Found>; result: Result }
  | ([Found] extends [NonNullable<Found>] ? never : null);

export async function auditedChange<Found, Result>(
  tx: Tx,
  change: AuditedChange<Found, Result>,
): Promise<AuditedOutcome<Found, Result>> {
  const found = await change.read(tx);
  if (found === null || found === undefined) return null as AuditedOutcome<Found, Result>;
  const before = found as NonNullable<Found>;
  const result = await change.write(tx, before);
  const entry = change.audit(before, result);
  if (entry) await writeAudit(tx, entry);
  return { before, result };
}
