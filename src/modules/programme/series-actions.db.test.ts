import { beforeAll, expect, it } from 'vitest';
import { calendarsOf } from '../../../test/calendar.ts';
import { describeEachDialect } from '../../../test/db.ts';
import { SLUG_2027, seriesIdOf } from '../../../test/fixtures.ts';
import { registerConfirmed, registrationTestDeps, validForm } from '../../../test/registration.ts';
import { sessionUid } from '../../email/ics.ts';
import { newId } from '../../shared/ids.ts';
import { parseRegistration } from '../registration/schemas.ts';
import { type RegistrationDeps, seatsHeld } from '../registration/service.ts';
import { type SeriesFields, seriesForEditing } from '../series/service.ts';
import { copySeriesAction, editSeriesAction, seriesStatusAction } from './series-actions.ts';

// The back office's series changes across modules, under the series lock: real registrations, a real
// invoice, the waitlist, and the role grants a copy carries.

const ACTOR = { accountId: null, label: 'test' };

describeEachDialect('series actions', (getDb) => {
  let deps: RegistrationDeps;
  let seriesId: string;
  let fields: SeriesFields;
  let waitlistedId: string;

  const form = (n: number) => {
    const parsed = parseRegistration(validForm(n, { participant_email: `person${n}@jobcenter.example.dk` }));
    if (!parsed.ok) throw new Error('test form invalid');
    return parsed.form;
  };
  const stored = async () => {
    const found = await seriesForEditing(getDb().db, SLUG_2027);
    if (!found) throw new Error('no 2027 hold');
    return found;
  };

  beforeAll(async () => {
    deps = registrationTestDeps(getDb()).deps;
    seriesId = await seriesIdOf(getDb().db, SLUG_2027);
    fields = await stored();
    // One seat: the first person takes it (and is invoiced), the second waits in line.
    const lowered = await editSeriesAction(deps, seriesId, { ...fields, capacity: 1 }, ACTOR);
    expect(lowered.kind).toBe('saved');
    expect((await registerConfirmed(deps, SLUG_2027, form(1)))?.kind).toBe('confirmed');
    const second = await registerConfirmed(deps, SLUG_2027, form(2));
    if (second?.kind !== 'waitlisted') throw new Error(`expected a place in line, got ${second?.kind}`);
    waitlistedId = second.registrationId;
  });

  it('refuses a price or VAT change once an invoice exists, with the reason, and stores nothing', async () => {
    const before = await stored();
    const outcome = await editSeriesAction(
      deps,
      seriesId,
      { ...fields, capacity: 1, priceOre: 1_000_000, vatRateBp: 0, titleDa: 'Skal ikke gemmes' },
      ACTOR,
    );
    expect(outcome).toMatchObject({ kind: 'refused', reasons: ['price-frozen', 'vat-frozen'] });
    expect(await stored()).toEqual(before);
  });

  it('refuses a capacity below the seats held', async () => {
    expect(await seatsHeld(getDb().db, seriesId)).toBe(1);
    const outcome = await editSeriesAction(deps, seriesId, { ...fields, capacity: 0 }, ACTOR);
    expect(outcome).toEqual({ kind: 'refused', reasons: ['capacity-below-held'], seatsHeld: 1 });
  });

  it('refuses to make a series with seats held a draft again', async () => {
    expect(await seriesStatusAction(deps, seriesId, 'draft', ACTOR)).toEqual({
      kind: 'refused',
      reason: 'seats-held',
    });
  });

  it('offers a raised capacity to the head of the line at once, with a mail', async () => {
    const outcome = await editSeriesAction(deps, seriesId, { ...fields, capacity: 2 }, ACTOR);
    expect(outcome).toMatchObject({ kind: 'saved', changed: ['capacity'], capacityRaised: true, offered: 1 });
    const row = await getDb()
      .db.selectFrom('registration')
      .select(['status', 'offer_expires_at'])
      .where('id', '=', waitlistedId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('offered');
    const mails = await getDb()
      .db.selectFrom('outbox')
      .select(['kind', 'to_address'])
      .where('to_address', '=', 'person2@jobcenter.example.dk')
      .execute();
    expect(mails.map((m) => m.kind)).toContain('registration.offered');
  });

  it('copies the facilitator and expert grants in force for the copied sessions', async () => {
    const db = getDb().db;
    const source = await stored();
    const [first, second, ...rest] = source.sessions;
    if (!first || !second) throw new Error('four sessions');
    // The second session is left out of the copy: its expert's grant stays behind.
    const outcome = await copySeriesAction(
      deps,
      seriesId,
      {
        slug: 'beskaeftigelsesfaglig-masterclass-2028',
        titleDa: source.titleDa,
        titleEn: source.titleEn,
        sessions: [first, ...rest].map((s) => ({
          sourceId: s.id,
          startsAt: s.startsAt.replace('2027', '2028'),
          endsAt: s.endsAt.replace('2027', '2028'),
        })),
        registrationOpensAt: '2027-12-01T08:00:00.000Z',
        registrationClosesAt: '2028-06-04T22:00:00.000Z',
      },
      ACTOR,
    );
    if (outcome.kind !== 'copied') throw new Error(outcome.kind);
    const grants = (id: string) =>
      db
        .selectFrom('role_grant')
        .select(['account_id', 'role', 'session_id'])
        .where('series_id', '=', id)
        .where('revoked_at', 'is', null)
        .execute();
    const old = await grants(seriesId);
    const made = await grants(outcome.seriesId);
    const expected = old
      .filter((g) => g.role === 'facilitator' || (g.role === 'expert' && g.session_id !== second.id))
      .map((g) => ({
        ...g,
        session_id: g.session_id ? (outcome.sessionIds.get(g.session_id) ?? 'missing') : null,
      }));
    expect(made.sort(byKey)).toEqual(expected.sort(byKey));
    expect(made.filter((g) => g.role === 'facilitator')).toHaveLength(1);
    expect(made.filter((g) => g.role === 'expert')).toHaveLength(3);
    const audits = await db
      .selectFrom('audit')
      .select('action')
      .where('action', '=', 'people.grant')
      .execute();
    expect(audits.length).toBeGreaterThanOrEqual(4);
    // No registrations come along.
    expect(await seatsHeld(db, outcome.seriesId)).toBe(0);
  });

  it('publishing the copy gives its experts and facilitator their sessions in their calendar', async () => {
    const db = getDb().db;
    const copy = await seriesForEditing(db, 'beskaeftigelsesfaglig-masterclass-2028');
    if (!copy) throw new Error('no copy');
    const outcome = await seriesStatusAction(deps, copy.id, 'published', ACTOR);
    expect(outcome).toMatchObject({ kind: 'moved', from: 'draft', to: 'published' });
    const mails = await db.selectFrom('outbox').selectAll().where('kind', '=', 'session.published').execute();
    const grants = await db
      .selectFrom('role_grant as g')
      .innerJoin('account as a', 'a.id', 'g.account_id')
      .select(['a.email', 'g.role', 'g.session_id'])
      .where('g.series_id', '=', copy.id)
      .where('g.revoked_at', 'is', null)
      .execute();
    const facilitator = grants.find((g) => g.role === 'facilitator')?.email;
    // Each session: its expert and the facilitator, each address once (the facilitator is session 4's expert).
    const expected = copy.sessions.flatMap((x) => {
      const expert = grants.find((g) => g.role === 'expert' && g.session_id === x.id)?.email;
      return [...new Set([expert, facilitator].filter((e): e is string => !!e))].map((e) => `${x.id}:${e}`);
    });
    const got = mails.map((m) => {
      const event = calendarsOf(m.attachments)[0]?.events[0];
      expect(calendarsOf(m.attachments)[0]?.method).toBe('REQUEST');
      return `${copy.sessions.find((x) => sessionUid(x.id) === event?.uid)?.id}:${m.to_address}`;
    });
    expect(got.sort()).toEqual(expected.sort());
    expect(expected.length).toBeGreaterThanOrEqual(copy.sessions.length);
  });

  it('counts no seat for an offer that has lapsed: the seats are settled first, under the lock', async () => {
    // Three days on, the offer made above (48 hours) has expired: one seat is held, so one is enough.
    const later = registrationTestDeps(
      getDb(),
      new Date(Date.parse('2026-03-02T12:00:00.000Z') + 3 * 86_400_000),
    );
    const outcome = await editSeriesAction(later.deps, seriesId, { ...fields, capacity: 1 }, ACTOR);
    expect(outcome).toMatchObject({ kind: 'saved', changed: ['capacity'] });
    const row = await getDb()
      .db.selectFrom('registration')
      .select('status')
      .where('id', '=', waitlistedId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('expired');
  });

  it('moves the sessions held at the series venue with it (SEQUENCE + 1, attendees told) and hands over the facilitator role', async () => {
    const db = getDb().db;
    const before = await stored();
    const at = new Date().toISOString();
    const venueId = newId();
    await db
      .insertInto('venue')
      .values({
        id: venueId,
        organiser_id: before.organiserId,
        name: 'Aalborg Universitet København',
        street: 'A.C. Meyers Vænge 15',
        postal_code: '2450',
        city: 'København SV',
        created_at: at,
        updated_at: at,
      })
      .execute();
    const larsen = await db
      .selectFrom('person')
      .select(['id', 'account_id'])
      .where('name', '=', 'Flemming Larsen')
      .executeTakeFirstOrThrow();
    const sequences = new Map(
      (
        await db.selectFrom('session').select(['id', 'sequence']).where('series_id', '=', seriesId).execute()
      ).map((x) => [x.id, x.sequence]),
    );
    const mailsBefore = await db
      .selectFrom('outbox')
      .select('id')
      .where('kind', '=', 'session.changed')
      .execute();
    const outcome = await editSeriesAction(
      deps,
      seriesId,
      { ...fields, capacity: before.capacity, venueId, facilitatorId: larsen.id },
      ACTOR,
    );
    if (outcome.kind !== 'saved') throw new Error(outcome.kind);
    const sessions = await db
      .selectFrom('session')
      .select(['id', 'sequence', 'venue_id'])
      .where('series_id', '=', seriesId)
      .execute();
    const atSeriesVenue = sessions.filter((x) => x.venue_id === null);
    expect(atSeriesVenue.length).toBeGreaterThan(0);
    for (const x of atSeriesVenue) {
      expect(x.sequence).toBe((sequences.get(x.id) ?? -1) + 1);
    }
    const mails = await db.selectFrom('outbox').selectAll().where('kind', '=', 'session.changed').execute();
    const made = mails.length - mailsBefore.length;
    expect(outcome.told).toBe(made);
    const toParticipant = mails.filter((m) => m.to_address === 'person1@jobcenter.example.dk');
    expect(toParticipant.length).toBe(atSeriesVenue.length);
    expect(toParticipant[0]?.text_body).toContain('A.C. Meyers Vænge 15');
    const facilitators = await db
      .selectFrom('role_grant')
      .select('account_id')
      .where('series_id', '=', seriesId)
      .where('role', '=', 'facilitator')
      .where('revoked_at', 'is', null)
      .execute();
    expect(facilitators.map((g) => g.account_id)).toEqual([larsen.account_id]);
    // Saving again with the same venue moves nothing and tells nobody.
    const again = await editSeriesAction(
      deps,
      seriesId,
      { ...fields, capacity: before.capacity, venueId, facilitatorId: larsen.id },
      ACTOR,
    );
    expect(again).toMatchObject({ kind: 'saved', told: 0 });
  });
});

const byKey = (
  a: { role: string; session_id: string | null },
  b: { role: string; session_id: string | null },
) => `${a.role}:${a.session_id}`.localeCompare(`${b.role}:${b.session_id}`);
