import type { Executor } from '../../db/database.ts';
import { accountById } from '../auth/service.ts';
import * as series from '../series/service.ts';
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
