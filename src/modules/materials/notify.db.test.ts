import { beforeAll, expect, it } from 'vitest';
import { uniqueEmail } from '../../../test/auth.ts';
import { describeEachDialect, TEST_NOW } from '../../../test/db.ts';
import { SLUG_2027, seriesIdOf } from '../../../test/fixtures.ts';
import { registerConfirmed, registrationTestDeps, validForm } from '../../../test/registration.ts';
import { ensureAccount } from '../auth/service.ts';
import { DEMO_PEOPLE } from '../people/demo.ts';
import { grantRole, seriesAudience } from '../people/service.ts';
import { parseRegistration } from '../registration/schemas.ts';
import type { MaterialFields } from './forms.ts';
import { addMaterial, type MaterialActor } from './service.ts';

// A series' audience (people's seriesAudience) and the notifications a new material makes, on both engines:
// every member who may see it, once each, never the one who added it; a session's substitute only for their
// session; nobody for the demo's seed.

const note = (over: Partial<MaterialFields> = {}): MaterialFields => ({
  kind: 'note',
  title: 'Til næste gang',
  description: '',
  sessionId: null,
  phase: 'before',
  url: null,
  authors: '',
  year: null,
  publisher: '',
  identifier: '',
  bodyMd: 'Læs dette.',
  ...over,
});

describeEachDialect('the audience of a series and new materials', (getDb) => {
  let seriesId: string;
  let sessions: string[];
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const database = getDb();
    const db = database.db;
    seriesId = await seriesIdOf(db, SLUG_2027);
    sessions = (
      await db
        .selectFrom('session')
        .select('id')
        .where('series_id', '=', seriesId)
        .orderBy('ordinal')
        .execute()
    ).map((s) => s.id);
    const { deps } = registrationTestDeps(database);
    for (const [n, who] of [
      [1, 'p1'],
      [2, 'p2'],
    ] as const) {
      const parsed = parseRegistration(validForm(n, { participant_email: uniqueEmail(who) }));
      if (!parsed.ok) throw new Error('test form invalid');
      expect((await registerConfirmed(deps, SLUG_2027, parsed.form))?.kind).toBe('confirmed');
      const a = await db
        .selectFrom('attendee')
        .select('account_id')
        .where('email', '=', parsed.form.participant_email)
        .executeTakeFirstOrThrow();
      ids[who] = a.account_id as string;
    }
    ids.substitute = await ensureAccount(
      db,
      { email: uniqueEmail('sub'), name: 'Sanne', role: 'participant' },
      TEST_NOW,
    );
    await db.transaction().execute((tx) =>
      grantRole(
        tx,
        {
          accountId: ids.substitute as string,
          role: 'substitute',
          seriesId,
          sessionId: sessions[1] ?? null,
          by: { accountId: null, label: 'test' },
        },
        TEST_NOW,
      ),
    );
    for (const key of ['caswell', 'kongsgaard'] as const) {
      const a = await db
        .selectFrom('account')
        .select('id')
        .where('email', '=', DEMO_PEOPLE[key].email)
        .executeTakeFirstOrThrow();
      ids[key] = a.id;
    }
  });

  const told = (materialId: string) =>
    getDb()
      .db.selectFrom('notification')
      .select(['account_id', 'kind', 'subject_da', 'path'])
      .where('dedup_key', '=', `material:${materialId}`)
      .execute();
  const actor = (who: string): MaterialActor => ({ accountId: ids[who] as string, name: who, label: who });

  it('names every member once with their roles: participants, the cast, substitutes', async () => {
    const audience = await seriesAudience(getDb().db, seriesId, TEST_NOW);
    const byId = new Map(audience.map((m) => [m.accountId, m]));
    expect(audience).toHaveLength(byId.size);
    expect(byId.get(ids.p1 as string)?.roles).toEqual(['participant']);
    expect(byId.get(ids.substitute as string)).toMatchObject({
      roles: ['substitute'],
      substituteSessionIds: [sessions[1]],
    });
    expect(byId.get(ids.caswell as string)).toMatchObject({
      roles: ['expert'],
      expertSessionIds: [sessions[0]],
    });
    expect(byId.get(ids.kongsgaard as string)?.roles).toEqual(['facilitator', 'expert']);
  });

  it('tells every member who may see a series-wide material but the adder; a substitute-only member not', async () => {
    const m = await addMaterial(
      getDb().db,
      { hold: { seriesId, slug: SLUG_2027 }, fields: note(), shared: false },
      actor('kongsgaard'),
      TEST_NOW,
    );
    const rows = await told(m.id);
    const to = new Set(rows.map((r) => r.account_id));
    expect(to.has(ids.p1 as string) && to.has(ids.p2 as string) && to.has(ids.caswell as string)).toBe(true);
    expect(to.has(ids.kongsgaard as string)).toBe(false);
    expect(to.has(ids.substitute as string)).toBe(false);
    expect(rows).toHaveLength(to.size);
    expect(rows[0]).toMatchObject({
      kind: 'materials',
      subject_da: 'Nyt materiale: Til næste gang',
      path: `/mit-hold/${SLUG_2027}/materialer/${m.id}`,
    });
    // Materials wait for the digest by default: nothing is mailed at once.
    const mails = await getDb()
      .db.selectFrom('outbox')
      .select('id')
      .where('kind', '=', 'notifications.now')
      .execute();
    expect(mails).toHaveLength(0);
  });

  it('tells a session’s substitute of their session’s material, and a participant’s shared link to the others', async () => {
    const m = await addMaterial(
      getDb().db,
      {
        hold: { seriesId, slug: SLUG_2027 },
        fields: note({
          kind: 'video',
          url: 'https://example.dk/v',
          sessionId: sessions[1] ?? null,
          bodyMd: '',
        }),
        shared: true,
      },
      actor('p1'),
      TEST_NOW,
    );
    const to = new Set((await told(m.id)).map((r) => r.account_id));
    expect(to.has(ids.substitute as string)).toBe(true);
    expect(to.has(ids.p2 as string)).toBe(true);
    expect(to.has(ids.p1 as string)).toBe(false);
  });

  it('tells nobody of what the demo seeds (no account adds it)', async () => {
    const m = await addMaterial(
      getDb().db,
      { hold: { seriesId, slug: SLUG_2027 }, fields: note({ title: 'Seed' }), shared: false },
      { accountId: null, name: 'Demo', label: 'demo' },
      TEST_NOW,
    );
    expect(await told(m.id)).toEqual([]);
  });
});
