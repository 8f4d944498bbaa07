import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { uniqueEmail } from '../../../test/auth.ts';
import { describeEachDialect, TEST_NOW } from '../../../test/db.ts';
import { SLUG_2021, SLUG_2027, seriesIdOf } from '../../../test/fixtures.ts';
import type { DB, Executor } from '../../db/database.ts';
import { newId } from '../../shared/ids.ts';
import type { SignedInAccount } from '../../web/account.ts';
import { createOrganiser, ensureAccount } from '../auth/service.ts';
import { seatCounts } from '../registration/service.ts';
import type { RegistrationStatus } from '../registration/table.ts';
import { seriesPage } from '../series/service.ts';
import { DEMO_PEOPLE } from './demo.ts';
import { actorFor, grantRole, grantsOf, maySeeSession, membershipIn, revokeRole } from './service.ts';

async function accountOf(db: Executor, email: string): Promise<SignedInAccount> {
  const a = await db
    .selectFrom('account')
    .select(['id', 'email', 'name', 'role'])
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return a;
}

async function sessionIds(db: Executor, seriesId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('session')
    .select('id')
    .where('series_id', '=', seriesId)
    .orderBy('ordinal')
    .execute();
  return rows.map((r) => r.id);
}

async function newPerson(db: Kysely<DB>): Promise<SignedInAccount> {
  const email = uniqueEmail('person');
  await ensureAccount(db, { email, name: 'Ane Person', role: 'participant' }, TEST_NOW);
  return accountOf(db, email);
}

/** A registration in a given state, as the registration module would have left it. */
async function addRegistration(
  db: Kysely<DB>,
  seriesId: string,
  who: SignedInAccount,
  status: RegistrationStatus,
  verified: boolean,
): Promise<void> {
  const at = TEST_NOW.toISOString();
  const id = newId();
  await db
    .insertInto('registration')
    .values({
      id,
      series_id: seriesId,
      status,
      attendee_email: who.email,
      verified_at: verified ? at : null,
      awaiting_until: verified ? null : new Date(TEST_NOW.getTime() + 24 * 3600_000).toISOString(),
      confirmed_at: status === 'confirmed' ? at : null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  // The buyer and the attendee (with the account once confirmed by mail), as the split tables hold them.
  await db
    .insertInto('buyer')
    .values({
      id: newId(),
      registration_id: id,
      organisation_type: 'jobcenter',
      organisation_name: 'Jobcenter Østby',
      cvr: '61126228',
      address_street: 'Rådhuspladsen 1',
      address_postal_code: '1550',
      address_city: 'København V',
      invoice_contact_name: 'Bogholderi',
      invoice_contact_email: 'faktura@jobcenter.example.dk',
      terms_accepted_at: at,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await db
    .insertInto('attendee')
    .values({
      id: newId(),
      registration_id: id,
      name: who.name,
      email: who.email,
      phone: null,
      job_title: 'Jobcenterchef',
      management_level: 'chef',
      dietary_needs: null,
      dietary_deleted_at: null,
      account_id: verified ? who.id : null,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

const AT = TEST_NOW;

describeEachDialect('people: the demo gives every role an account', (getDb) => {
  it('links each expert and the facilitator to an account with their roles, granted by the demo', async () => {
    const { db } = getDb();
    const s2027 = await seriesIdOf(db, SLUG_2027);
    const s2021 = await seriesIdOf(db, SLUG_2021);
    const [first, , , fourth] = await sessionIds(db, s2027);
    for (const { email } of Object.values(DEMO_PEOPLE)) {
      const account = await accountOf(db, email);
      const person = await db
        .selectFrom('person')
        .select('account_id')
        .where('account_id', '=', account.id)
        .executeTakeFirst();
      expect(person?.account_id).toBe(account.id);
    }
    const leif = await membershipIn(db, await accountOf(db, DEMO_PEOPLE.kongsgaard.email), s2027, AT);
    expect(leif?.roles).toEqual(['facilitator', 'expert']);
    expect(leif?.expertSessionIds).toEqual([fourth]);
    expect(
      (await membershipIn(db, await accountOf(db, DEMO_PEOPLE.kongsgaard.email), s2021, AT))?.roles,
    ).toEqual(['facilitator', 'expert']);
    const dorte = await membershipIn(db, await accountOf(db, DEMO_PEOPLE.caswell.email), s2027, AT);
    expect(dorte?.roles).toEqual(['expert']);
    expect(dorte?.expertSessionIds).toEqual([first]);
    const grants = await grantsOf(db, (await accountOf(db, DEMO_PEOPLE.caswell.email)).id);
    expect(grants.map((g) => [g.role, g.grantedBy, g.grantedByLabel])).toEqual([
      ['expert', null, 'demo'],
      ['expert', null, 'demo'],
    ]);
    const audited = await db
      .selectFrom('audit')
      .select('entity_id')
      .where('action', '=', 'people.grant')
      .where('actor_label', '=', 'demo')
      .execute();
    // Leif: facilitator and expert of both holds; three more experts of both holds.
    expect(audited).toHaveLength(10);
  });
});

describeEachDialect('people: membershipIn for each kind of person', (getDb) => {
  it('an organiser is a member of every series of their organiser', async () => {
    const { db } = getDb();
    const email = uniqueEmail('org');
    const made = await createOrganiser(db, { email, name: 'Bo', actorLabel: 'test' }, AT);
    if (!made.ok) throw new Error(made.reason);
    const actor = await actorFor(db, await accountOf(db, email), AT);
    expect(actor.organiser).toBe(true);
    expect(actor.memberships.map((m) => [m.seriesSlug, m.roles])).toEqual([
      [SLUG_2021, ['organiser']],
      [SLUG_2027, ['organiser']],
    ]);
  });

  it('a confirmed registration is a participant; the line and awaiting people are not members', async () => {
    const { db } = getDb();
    const seriesId = await seriesIdOf(db, SLUG_2027);
    const participant = await newPerson(db);
    await addRegistration(db, seriesId, participant, 'confirmed', true);
    expect(await membershipIn(db, participant, seriesId, AT)).toEqual({
      seriesId,
      seriesSlug: SLUG_2027,
      roles: ['participant'],
      expertSessionIds: [],
      substituteSessionIds: [],
      registration: { status: 'confirmed', position: null, awaitingUntil: null },
    });

    const inLine = await newPerson(db);
    await addRegistration(db, seriesId, inLine, 'waitlisted', true);
    const line = await membershipIn(db, inLine, seriesId, AT);
    expect(line?.roles).toEqual([]);
    expect(line?.registration).toEqual({ status: 'waitlisted', position: 1, awaitingUntil: null });

    const awaiting = await newPerson(db);
    await addRegistration(db, seriesId, awaiting, 'reserved', false);
    const waits = await membershipIn(db, awaiting, seriesId, AT);
    expect(waits?.roles).toEqual([]);
    expect(waits?.registration?.status).toBe('awaiting');
    expect(waits?.registration?.awaitingUntil).toBe('2026-03-03T12:00:00.000Z');
    // Past its deadline the place has lapsed: nothing left to show.
    expect(await membershipIn(db, awaiting, seriesId, new Date('2026-03-04T00:00:00.000Z'))).toBeNull();

    expect(await membershipIn(db, await newPerson(db), seriesId, AT)).toBeNull();

    // An open seat offer is a standing, not a role; once its deadline has passed it is no standing either.
    const offered = await newPerson(db);
    await addRegistration(db, seriesId, offered, 'offered', true);
    await db
      .updateTable('registration')
      .set({ offer_expires_at: new Date(AT.getTime() + 48 * 3600_000).toISOString() })
      .where('attendee_email', '=', offered.email)
      .execute();
    const offer = await membershipIn(db, offered, seriesId, AT);
    expect(offer?.roles).toEqual([]);
    expect(offer?.registration?.status).toBe('offered');
    expect(await membershipIn(db, offered, seriesId, new Date(AT.getTime() + 49 * 3600_000))).toBeNull();
  });

  it('a substitute sees only their session, and a revoked grant is no role', async () => {
    const { db } = getDb();
    const seriesId = await seriesIdOf(db, SLUG_2027);
    const [, second, third] = await sessionIds(db, seriesId);
    const who = await newPerson(db);
    const by = { accountId: null, label: 'test' };
    const { grantId } = await db
      .transaction()
      .execute((tx) =>
        grantRole(tx, { accountId: who.id, role: 'substitute', seriesId, sessionId: second, by }, AT),
      );
    const m = await membershipIn(db, who, seriesId, AT);
    expect(m?.roles).toEqual(['substitute']);
    expect(m?.substituteSessionIds).toEqual([second]);
    expect(maySeeSession(m, second as string)).toBe(true);
    expect(maySeeSession(m, third as string)).toBe(false);

    expect(await revokeRole(db, grantId, by, AT)).toBe(true);
    expect(await revokeRole(db, grantId, by, AT)).toBe(false);
    expect(await membershipIn(db, who, seriesId, AT)).toBeNull();
    const [grant] = await grantsOf(db, who.id);
    expect(grant?.revokedAt).toBe(AT.toISOString());
  });
});

describeEachDialect('people: grants are audited in their transaction', (getDb) => {
  it('writes the grant and its audit row together, once', async () => {
    const { db } = getDb();
    const seriesId = await seriesIdOf(db, SLUG_2027);
    const [first] = await sessionIds(db, seriesId);
    const who = await newPerson(db);
    const by = { accountId: newId(), label: 'bo@example.dk' };
    const input = { accountId: who.id, role: 'expert' as const, seriesId, sessionId: first, by };
    const made = await db.transaction().execute((tx) => grantRole(tx, input, AT));
    const again = await db.transaction().execute((tx) => grantRole(tx, input, AT));
    expect(made.created).toBe(true);
    expect(again).toEqual({ grantId: made.grantId, created: false });
    const audit = await db.selectFrom('audit').selectAll().where('entity_id', '=', made.grantId).execute();
    expect(audit.map((a) => [a.action, a.actor_account_id, a.actor_label])).toEqual([
      ['people.grant', by.accountId, by.label],
    ]);
    expect(JSON.parse(audit[0]?.after_json ?? '{}')).toEqual({
      account_id: who.id,
      role: 'expert',
      series_id: seriesId,
      series_session: first,
    });

    // A transaction that fails after the grant leaves neither the grant nor its audit row.
    const other = await newPerson(db);
    await expect(
      db.transaction().execute(async (tx) => {
        await grantRole(tx, { ...input, accountId: other.id }, AT);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await grantsOf(db, other.id)).toEqual([]);
    const orphan = await db
      .selectFrom('audit')
      .select('id')
      .where('action', '=', 'people.grant')
      .where('after_json', 'like', `%${other.id}%`)
      .execute();
    expect(orphan).toEqual([]);
  });

  it('refuses a session-scoped role without a session', async () => {
    const { db } = getDb();
    const seriesId = await seriesIdOf(db, SLUG_2027);
    const who = await newPerson(db);
    await expect(
      grantRole(db, { accountId: who.id, role: 'expert', seriesId, by: { accountId: null, label: 't' } }, AT),
    ).rejects.toThrow('needs a session');
  });
});

describe('people module', () => {
  it('has demo addresses for all four experts', () => {
    expect(Object.values(DEMO_PEOPLE).map((p) => p.email)).toContain('dorte.caswell@example.dk');
  });
});

describeEachDialect('people: one person with several roles is counted once', (getDb) => {
  it('the series page lists the facilitator, who is also the fourth expert, once among its people', async () => {
    const page = await seriesPage(getDb().db, SLUG_2027, 'da', AT, seatCounts);
    expect(page?.people.map((p) => p.name)).toEqual([
      'Leif Tøfting Kongsgaard',
      'Dorte Caswell',
      'Charlotte Liebak Hansen',
      'Flemming Larsen',
    ]);
  });
});
