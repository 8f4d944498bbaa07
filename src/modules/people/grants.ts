import type { Executor } from '../../db/database.ts';
import { type Actor as AuditActor, writeAudit } from '../../shared/audit.ts';
import { newId } from '../../shared/ids.ts';
import * as q from './queries.ts';
import type { GrantedRole } from './table.ts';

// Granting a role, on its own so the files that grant (the service, the session cast) import no circle.

/**
 * A role as the audit log shows it. The session is `series_session`: the audit's redaction treats any
 * `session_id` as a browser session's id, a secret.
 */
export function auditedRole(r: {
  accountId?: string;
  role: string;
  seriesId: string;
  sessionId: string | null;
}) {
  return {
    ...(r.accountId ? { account_id: r.accountId } : {}),
    role: r.role,
    series_id: r.seriesId,
    series_session: r.sessionId,
  };
}

/**
 * Grants a role in a series (expert and substitute for one session of it) inside the caller's transaction,
 * audited there. The same role already in force is not granted twice.
 */
export async function grantRole(
  tx: Executor,
  input: {
    accountId: string;
    role: GrantedRole;
    seriesId: string;
    sessionId?: string | null;
    by: AuditActor;
  },
  now: Date,
): Promise<{ grantId: string; created: boolean }> {
  const sessionId = input.sessionId ?? null;
  if ((input.role === 'facilitator') !== (sessionId === null)) {
    throw new Error(`role ${input.role} ${sessionId ? 'has no session' : 'needs a session'}`);
  }
  const wanted = { accountId: input.accountId, role: input.role, seriesId: input.seriesId, sessionId };
  // writeAudit, not auditedChange: a grant is a new row with only an "after". The look-up below is no
  // "before" — it finds the same grant in force, which is then not granted twice and not audited.
  const existing = await q.activeGrantLike(tx, wanted);
  if (existing) return { grantId: existing.id, created: false };
  const id = newId();
  const at = now.toISOString();
  await q.insertGrant(tx, {
    id,
    account_id: input.accountId,
    role: input.role,
    series_id: input.seriesId,
    session_id: sessionId,
    granted_by: input.by.accountId,
    granted_by_label: input.by.label,
    granted_at: at,
    revoked_at: null,
    revoked_by: null,
  });
  await writeAudit(tx, {
    actor: input.by,
    action: 'people.grant',
    entity: 'role_grant',
    entityId: id,
    after: auditedRole({ accountId: input.accountId, role: input.role, seriesId: input.seriesId, sessionId }),
    at: now,
  });
  return { grantId: id, created: true };
}
