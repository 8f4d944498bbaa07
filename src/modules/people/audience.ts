import type { Executor } from '../../db/database.ts';
import { type Actor, writeAudit } from '../../shared/audit.ts';
import { accountById } from '../auth/service.ts';
import * as series from '../series/service.ts';
import { grantRole } from './grants.ts';
import * as q from './queries.ts';
import type { GrantedRole } from './table.ts';

/** Someone with a role in a session, as a mail to them needs them. */
export interface SessionCastMember {
  accountId: string;
  email: string;
  name: string;
  roles: GrantedRole[];
}

/**
 * Everyone who takes part in a session through a role, each once: its expert and the series' facilitator (by
 * their grants, and by the public person linked to an account even before a grant), and its substitutes.
 * Participants are the registration module's (confirmedAttendees).
 */
export async function sessionCast(
  db: Executor,
  session: {
    seriesId: string;
    sessionId: string;
    expertPersonId: string | null;
    facilitatorPersonId: string | null;
  },
): Promise<SessionCastMember[]> {
  const roles = new Map<string, Set<GrantedRole>>();
  const add = (accountId: string | null | undefined, role: GrantedRole) => {
    if (!accountId) return;
    const set = roles.get(accountId) ?? new Set<GrantedRole>();
    set.add(role);
    roles.set(accountId, set);
  };
  for (const g of await q.grantsConcerningSession(db, session.seriesId, session.sessionId))
    add(g.account_id, g.role);
  const [expert, facilitator] = await Promise.all([
    session.expertPersonId ? series.personProfileById(db, session.expertPersonId) : null,
    session.facilitatorPersonId ? series.personProfileById(db, session.facilitatorPersonId) : null,
  ]);
  add(expert?.accountId, 'expert');
  add(facilitator?.accountId, 'facilitator');
  const members: SessionCastMember[] = [];
  for (const [accountId, set] of roles) {
    const account = await accountById(db, accountId);
    if (account) members.push({ accountId, email: account.email, name: account.name, roles: [...set] });
  }
  return members;
}

/**
 * The expert of a session (`sessionId`), or the facilitator of a series (`sessionId` null), is now another
 * public person: the previous one's grant of that role ends (audited, as a revoke), and the new one, if their
 * person is linked to an account, gets it (audited, as a grant). Someone with no account yet gets it when
 * they accept an invitation. In the caller's transaction.
 */
export async function moveCastRole(
  tx: Executor,
  change: {
    role: 'expert' | 'facilitator';
    seriesId: string;
    sessionId: string | null;
    fromPersonId: string | null;
    toPersonId: string | null;
  },
  by: Actor,
  now: Date,
): Promise<void> {
  if (change.fromPersonId === change.toPersonId) return;
  const [from, to] = await Promise.all([
    change.fromPersonId ? series.personProfileById(tx, change.fromPersonId) : null,
    change.toPersonId ? series.personProfileById(tx, change.toPersonId) : null,
  ]);
  const scope = { role: change.role, seriesId: change.seriesId, sessionId: change.sessionId };
  if (from?.accountId && from.accountId !== to?.accountId) {
    const at = now.toISOString();
    for (const g of await q.grantsInForce(tx, { accountId: from.accountId, ...scope })) {
      if (!(await q.revokeGrant(tx, g.id, by.accountId, at))) continue;
      await writeAudit(tx, {
        actor: by,
        action: 'people.revoke',
        entity: 'role_grant',
        entityId: g.id,
        before: { role: g.role, series_id: g.series_id, series_session: g.session_id, revoked_at: null },
        after: { revoked_at: at },
        at: now,
      });
    }
  }
  if (to?.accountId) await grantRole(tx, { accountId: to.accountId, ...scope, by }, now);
}
