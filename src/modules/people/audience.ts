import type { Executor } from '../../db/database.ts';
import { type Actor, writeAudit } from '../../shared/audit.ts';
import { accountById, accountsByIds, organiserStaff } from '../auth/service.ts';
import { confirmedAttendees } from '../registration/service.ts';
import * as series from '../series/service.ts';
import { grantRole } from './grants.ts';
import * as q from './queries.ts';
import { type MemberRole, orderedRoles } from './rules.ts';
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

/** A member of a series with an account, as notifications and mails to the series need them. */
export interface AudienceMember {
  accountId: string;
  email: string;
  name: string;
  roles: MemberRole[];
  expertSessionIds: string[];
  substituteSessionIds: string[];
}

/**
 * Every member of a series with an account, each once: participants by their confirmed registration (the
 * registration module's confirmedAttendees), experts, the facilitator and substitutes by their grants in force
 * and by the public person linked to an account (as sessionCast), and the organisers (the staff of the series'
 * organiser). Ordered by account id. A handful of queries, none per member.
 */
export async function seriesAudience(db: Executor, seriesId: string, _now: Date): Promise<AudienceMember[]> {
  const cast = await series.seriesCastAccounts(db, seriesId);
  if (!cast) return [];
  const [attendees, grants, staff] = await Promise.all([
    confirmedAttendees(db, seriesId),
    q.grantsInSeries(db, seriesId),
    organiserStaff(db, cast.organiserId),
  ]);
  const members = new Map<string, { roles: Set<MemberRole>; expert: Set<string>; substitute: Set<string> }>();
  const add = (accountId: string | null | undefined, role: MemberRole, sessionId?: string | null) => {
    if (!accountId) return;
    let m = members.get(accountId);
    if (!m) {
      m = { roles: new Set(), expert: new Set(), substitute: new Set() };
      members.set(accountId, m);
    }
    m.roles.add(role);
    if (sessionId && role === 'expert') m.expert.add(sessionId);
    if (sessionId && role === 'substitute') m.substitute.add(sessionId);
  };
  for (const a of attendees) add(a.accountId, 'participant');
  for (const g of grants) add(g.account_id, g.role, g.session_id);
  add(cast.facilitatorAccountId, 'facilitator');
  for (const e of cast.experts) add(e.accountId, 'expert', e.sessionId);
  for (const s of staff) add(s.id, 'organiser');
  const accounts = new Map((await accountsByIds(db, [...members.keys()])).map((a) => [a.id, a]));
  const out: AudienceMember[] = [];
  for (const [accountId, m] of [...members].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const account = accounts.get(accountId);
    if (!account) continue;
    out.push({
      accountId,
      email: account.email,
      name: account.name,
      roles: orderedRoles([...m.roles]),
      expertSessionIds: [...m.expert].sort(),
      substituteSessionIds: [...m.substitute].sort(),
    });
  }
  return out;
}
