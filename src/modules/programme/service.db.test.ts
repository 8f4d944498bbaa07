import { beforeAll, expect, it } from 'vitest';
import { uniqueEmail } from '../../../test/auth.ts';
import { calendarsOf } from '../../../test/calendar.ts';
import { describeEachDialect, TEST_NOW } from '../../../test/db.ts';
import { SLUG_2027 } from '../../../test/fixtures.ts';
import { registerConfirmed, registrationTestDeps, validForm } from '../../../test/registration.ts';
import { fixedClock } from '../../shared/clock.ts';
import { parseRegistration } from '../registration/schemas.ts';
import { type SessionForEditing, sessionsForEditing } from '../series/service.ts';
import { saveSession } from './service.ts';

// Two organisers change the same session at the same moment: the series lock orders them, so the SEQUENCE
// rises once per change and every mail carries a SEQUENCE of its own — a client never sees two versions of
// one entry with the same number (on PostgreSQL, with real concurrent transactions).

const ACTOR = { accountId: null, label: 'test' };

describeEachDialect('programme: concurrent session changes', (getDb) => {
  let participant: string;
  let session: SessionForEditing;

  beforeAll(async () => {
    const { deps } = registrationTestDeps(getDb());
    participant = uniqueEmail('ane');
    const parsed = parseRegistration(validForm(1, { participant_email: participant }));
    if (!parsed.ok) throw new Error('test form invalid');
    expect((await registerConfirmed(deps, SLUG_2027, parsed.form))?.kind).toBe('confirmed');
    const found = await sessionsForEditing(getDb().db, SLUG_2027);
    const first = found?.sessions[0];
    if (!first) throw new Error('no session');
    session = first;
  });

  it('raises the SEQUENCE once per change, in the order the lock gives, with one mail per change each', async () => {
    const deps = { database: getDb(), clock: fixedClock(TEST_NOW), baseUrl: 'http://localhost' };
    const hour = 3600_000;
    const moved = (hours: number) => ({
      ...session,
      startsAt: new Date(Date.parse(session.startsAt) + hours * hour).toISOString(),
      endsAt: new Date(Date.parse(session.endsAt) + hours * hour).toISOString(),
    });
    const outcomes = await Promise.all([1, 2, 3].map((h) => saveSession(deps, session.id, moved(h), ACTOR)));
    expect(outcomes.map((o) => o.kind)).toEqual(['saved', 'saved', 'saved']);
    const stored = await getDb()
      .db.selectFrom('session')
      .select('sequence')
      .where('id', '=', session.id)
      .executeTakeFirstOrThrow();
    expect(stored.sequence).toBe(session.sequence + 3);
    const mails = await getDb()
      .db.selectFrom('outbox')
      .select('attachments')
      .where('kind', '=', 'session.changed')
      .where('to_address', '=', participant)
      .execute();
    const sequences = mails.map((m) => Number(calendarsOf(m.attachments)[0]?.events[0]?.sequence)).sort();
    expect(sequences).toEqual([1, 2, 3].map((n) => session.sequence + n));
  });
});
