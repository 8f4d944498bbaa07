import type { Database } from '../src/db/database.ts';
import { createOrganiser, ensureAccount } from '../src/modules/auth/service.ts';
import { DEMO_PEOPLE } from '../src/modules/people/demo.ts';
import { grantRole } from '../src/modules/people/service.ts';
import { parseRegistration } from '../src/modules/registration/schemas.ts';
import type { SignedInAccount } from '../src/web/account.ts';
import { uniqueEmail } from './auth.ts';
import { TEST_NOW } from './db.ts';
import { SLUG_2021, SLUG_2027, seriesIdOf, setSeriesStatus } from './fixtures.ts';
import { registerConfirmed, registrationTestDeps, validForm } from './registration.ts';

// The people of the dilemmas' tests, made the way the app makes them: two participants of the 2027 hold (the
// author and another), a participant of the 2021 hold, a substitute of the 2027 hold's SECOND session, the demo's
// experts of its second (`expert`) and first (`otherExpert`) sessions, the demo's facilitator, an organiser, a
// waitlisted person and a stranger with an account. The tests use the second session: the demo's dilemmas are on
// the first one's agenda.

export type Who =
  | 'author'
  | 'other'
  | 'otherSeries'
  | 'substitute'
  | 'expert'
  | 'otherExpert'
  | 'facilitator'
  | 'organiser'
  | 'waitlisted'
  | 'stranger';

export interface DilemmaPeople {
  seriesId: string;
  sessions: string[];
  accounts: Record<Who, SignedInAccount>;
}

export async function makeDilemmaPeople(database: Database): Promise<DilemmaPeople> {
  const db = database.db;
  const { deps } = registrationTestDeps(database);
  const form = (n: number, email: string, name: string) => {
    const parsed = parseRegistration(validForm(n, { participant_email: email, participant_name: name }));
    if (!parsed.ok) throw new Error(`test form invalid: ${JSON.stringify(parsed.errors)}`);
    return parsed.form;
  };
  const emails = {} as Record<Who, string>;
  emails.author = uniqueEmail('forfatter');
  emails.other = uniqueEmail('deltager');
  const a = await registerConfirmed(deps, SLUG_2027, form(1, emails.author, 'Karen Forfattersen'));
  if (a?.kind !== 'confirmed') throw new Error(`author: ${a?.kind}`);
  const b = await registerConfirmed(deps, SLUG_2027, form(2, emails.other, 'Ole Andersen'));
  if (b?.kind !== 'confirmed') throw new Error(`other: ${b?.kind}`);

  const seriesId = await seriesIdOf(db, SLUG_2027);
  await db
    .updateTable('series')
    .set((eb) => ({ capacity: 2, version: eb('version', '+', 1) }))
    .where('id', '=', seriesId)
    .execute();
  emails.waitlisted = uniqueEmail('venteliste');
  const w = await registerConfirmed(deps, SLUG_2027, form(3, emails.waitlisted, 'Vera Venteliste'));
  if (w?.kind !== 'waitlisted') throw new Error(`waitlisted: ${w?.kind}`);

  const earlier = await db
    .selectFrom('series')
    .select(['registration_opens_at', 'status'])
    .where('slug', '=', SLUG_2021)
    .executeTakeFirstOrThrow();
  const then = new Date(new Date(earlier.registration_opens_at).getTime() + 24 * 3600_000);
  emails.otherSeries = uniqueEmail('andet-hold');
  await setSeriesStatus(db, SLUG_2021, 'published');
  const old = await registerConfirmed(
    registrationTestDeps(database, then).deps,
    SLUG_2021,
    form(4, emails.otherSeries, 'Anne Andethold'),
  );
  if (old?.kind !== 'confirmed') throw new Error(`other series: ${old?.kind}`);
  await setSeriesStatus(db, SLUG_2021, earlier.status);

  const sessions = (
    await db.selectFrom('session').select('id').where('series_id', '=', seriesId).orderBy('ordinal').execute()
  ).map((s) => s.id);
  emails.substitute = uniqueEmail('stedfortraeder');
  const subId = await ensureAccount(
    db,
    { email: emails.substitute, name: 'Stine Stedfortræder', role: 'participant' },
    TEST_NOW,
  );
  await db.transaction().execute((tx) =>
    grantRole(
      tx,
      {
        accountId: subId,
        role: 'substitute',
        seriesId,
        sessionId: sessions[1] ?? null,
        by: { accountId: null, label: 'test' },
      },
      TEST_NOW,
    ),
  );
  emails.stranger = uniqueEmail('fremmed');
  await ensureAccount(db, { email: emails.stranger, name: 'Frede Fremmed', role: 'participant' }, TEST_NOW);
  emails.expert = DEMO_PEOPLE.liebak.email;
  emails.otherExpert = DEMO_PEOPLE.caswell.email;
  emails.facilitator = DEMO_PEOPLE.kongsgaard.email;
  emails.organiser = uniqueEmail('org');
  const made = await createOrganiser(
    db,
    { email: emails.organiser, name: 'Olga Organisator', actorLabel: 'test' },
    TEST_NOW,
  );
  if (!made.ok) throw new Error(made.reason);

  const accounts = {} as Record<Who, SignedInAccount>;
  for (const who of Object.keys(emails) as Who[]) {
    const row = await db
      .selectFrom('account')
      .select(['id', 'email', 'name', 'role'])
      .where('email', '=', emails[who])
      .executeTakeFirstOrThrow();
    accounts[who] = row;
  }
  return { seriesId, sessions, accounts };
}
