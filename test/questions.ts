import { expect } from 'vitest';
import type { Database } from '../src/db/database.ts';
import { ensureAccount } from '../src/modules/auth/service.ts';
import { DEMO_PEOPLE } from '../src/modules/people/demo.ts';
import { grantRole, type Membership, membershipIn } from '../src/modules/people/service.ts';
import type { QuestionWriter } from '../src/modules/questions/service.ts';
import { parseRegistration } from '../src/modules/registration/schemas.ts';
import { uniqueEmail } from './auth.ts';
import { TEST_NOW } from './db.ts';
import { SLUG_2021, SLUG_2027, seriesIdOf, setSeriesStatus } from './fixtures.ts';
import { registerConfirmed, registrationTestDeps, validForm } from './registration.ts';

// The people of the questions tests, in the 2027 hold: two participants, a substitute of the first session and
// one of the second, the demo's expert of the first session (Dorte Caswell) and of the second (Charlotte
// Liebak Hansen), the facilitator (Leif Tøfting Kongsgaard), a participant of the 2021 hold only, a
// waitlisted person and a stranger.

export type Who =
  | 'participant'
  | 'other'
  | 'substitute'
  | 'otherSubstitute'
  | 'expert'
  | 'otherExpert'
  | 'facilitator'
  | 'otherSeries'
  | 'waitlisted'
  | 'stranger';

export interface QuestionsFixture {
  seriesId: string;
  sessions: string[];
  emails: Record<Who, string>;
  writers: Record<Who, QuestionWriter & { accountId: string }>;
  membership(who: Who): Promise<Membership | null>;
}

export async function questionsFixture(database: Database): Promise<QuestionsFixture> {
  const db = database.db;
  const { deps } = registrationTestDeps(database);
  const parsed = (n: number, email: string) => {
    const p = parseRegistration(validForm(n, { participant_email: email }));
    if (!p.ok) throw new Error('test form invalid');
    return p.form;
  };
  const emails = {} as Record<Who, string>;
  emails.participant = uniqueEmail('deltager');
  expect((await registerConfirmed(deps, SLUG_2027, parsed(1, emails.participant)))?.kind).toBe('confirmed');
  emails.other = uniqueEmail('deltager');
  expect((await registerConfirmed(deps, SLUG_2027, parsed(2, emails.other)))?.kind).toBe('confirmed');
  const seriesId = await seriesIdOf(db, SLUG_2027);
  // Fill the hold so the next one waits in line.
  await db
    .updateTable('series')
    .set((eb) => ({ capacity: 2, version: eb('version', '+', 1) }))
    .where('id', '=', seriesId)
    .execute();
  emails.waitlisted = uniqueEmail('venteliste');
  const inLine = await registerConfirmed(deps, SLUG_2027, parsed(3, emails.waitlisted));
  expect(inLine?.kind).toBe('waitlisted');

  // A participant of the 2021 hold only (registered while it was open).
  const earlier = await db
    .selectFrom('series')
    .select(['status', 'registration_opens_at'])
    .where('slug', '=', SLUG_2021)
    .executeTakeFirstOrThrow();
  await setSeriesStatus(db, SLUG_2021, 'published');
  const then = new Date(new Date(earlier.registration_opens_at).getTime() + 24 * 3600_000);
  emails.otherSeries = uniqueEmail('andet-hold');
  const old = await registerConfirmed(
    registrationTestDeps(database, then).deps,
    SLUG_2021,
    parsed(4, emails.otherSeries),
  );
  expect(old?.kind).toBe('confirmed');
  await setSeriesStatus(db, SLUG_2021, earlier.status);

  const sessions = (
    await db.selectFrom('session').select('id').where('series_id', '=', seriesId).orderBy('ordinal').execute()
  ).map((s) => s.id);
  for (const [who, session] of [
    ['substitute', sessions[0]],
    ['otherSubstitute', sessions[1]],
  ] as const) {
    emails[who] = uniqueEmail('stedfortraeder');
    const accountId = await ensureAccount(
      db,
      { email: emails[who], name: 'Stine Sted', role: 'participant' },
      TEST_NOW,
    );
    await db.transaction().execute((tx) =>
      grantRole(
        tx,
        {
          accountId,
          role: 'substitute',
          seriesId,
          sessionId: session ?? null,
          by: { accountId: null, label: 'test' },
        },
        TEST_NOW,
      ),
    );
  }
  emails.stranger = uniqueEmail('fremmed');
  await ensureAccount(db, { email: emails.stranger, name: 'Fremmed', role: 'participant' }, TEST_NOW);
  emails.expert = DEMO_PEOPLE.caswell.email;
  emails.otherExpert = DEMO_PEOPLE.liebak.email;
  emails.facilitator = DEMO_PEOPLE.kongsgaard.email;

  const writers = {} as QuestionsFixture['writers'];
  const accounts = new Map<
    Who,
    { id: string; email: string; name: string; role: 'participant' | 'organiser' }
  >();
  for (const who of Object.keys(emails) as Who[]) {
    const a = await db
      .selectFrom('account')
      .select(['id', 'name', 'email', 'role'])
      .where('email', '=', emails[who])
      .executeTakeFirstOrThrow();
    accounts.set(who, {
      id: a.id,
      name: a.name,
      email: a.email,
      role: a.role as 'participant' | 'organiser',
    });
    writers[who] = { accountId: a.id, name: a.name, label: a.email };
  }
  return {
    seriesId,
    sessions,
    emails,
    writers,
    async membership(who) {
      const a = accounts.get(who);
      if (!a) return null;
      return membershipIn(db, { ...a, organiserId: null } as never, seriesId, TEST_NOW);
    },
  };
}
