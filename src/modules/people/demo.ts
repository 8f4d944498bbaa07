import type { Kysely } from 'kysely';
import type { DB, Tx } from '../../db/database.ts';
import { ensureAccount } from '../auth/service.ts';
import {
  DEMO_PERSONS,
  type DemoCast,
  type DemoPersonKey,
  linkPersonToAccount,
  seedDemoIfEmpty,
} from '../series/service.ts';
import { grantRole } from './service.ts';

// The demo's people: the four experts and the facilitator get accounts with example addresses, linked to
// their public persons, and the roles the programme gives them (facilitator of each hold, expert of their
// session), so every role can be tried. Granted by `demo`.

export const DEMO_PEOPLE: Record<DemoPersonKey, { email: string }> = {
  caswell: { email: 'dorte.caswell@example.dk' },
  liebak: { email: 'charlotte.liebak-hansen@example.dk' },
  larsen: { email: 'flemming.larsen@example.dk' },
  kongsgaard: { email: 'leif.kongsgaard@example.dk' },
};

/** The demo person accounts in the programme's order: name, address and the roles they hold. */
export function demoPeopleAccounts(): { name: string; email: string; roles: string }[] {
  // The programme gives the persons' sessions in this order: session 1 is Dorte Caswell's, … 4 Leif's.
  return DEMO_PERSONS.map((p, i) => ({
    name: p.name,
    email: DEMO_PEOPLE[p.key].email,
    roles: `${p.key === 'kongsgaard' ? 'facilitator and ' : ''}expert of session ${i + 1}, both holds`,
  }));
}

const DEMO_ACTOR = { accountId: null, label: 'demo' };

export async function seedDemoPeople(tx: Tx, cast: DemoCast, now: Date): Promise<void> {
  const accounts = new Map<DemoPersonKey, string>();
  for (const p of DEMO_PERSONS) {
    const personId = cast.personIds.get(p.key);
    if (!personId) continue;
    const accountId = await ensureAccount(
      tx,
      { email: DEMO_PEOPLE[p.key].email, name: p.name, role: 'participant' },
      now,
    );
    await linkPersonToAccount(tx, personId, accountId, now);
    accounts.set(p.key, accountId);
  }
  for (const series of cast.series) {
    const facilitator = accounts.get(cast.facilitator);
    if (facilitator) {
      await grantRole(
        tx,
        { accountId: facilitator, role: 'facilitator', seriesId: series.id, by: DEMO_ACTOR },
        now,
      );
    }
    for (const session of series.sessions) {
      const expert = accounts.get(session.expert);
      if (!expert) continue;
      await grantRole(
        tx,
        { accountId: expert, role: 'expert', seriesId: series.id, sessionId: session.id, by: DEMO_ACTOR },
        now,
      );
    }
  }
}

/** The whole demo — series, sessions, persons, their accounts and roles — into an empty database. */
export function seedDemo(db: Kysely<DB>, now: Date): Promise<boolean> {
  return seedDemoIfEmpty(db, now, seedDemoPeople);
}
