import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDialect, TEST_NOW } from '../../../test/db.ts';
import { SLUG_2021, SLUG_2027, seriesIdOf } from '../../../test/fixtures.ts';
import type { DB } from '../../db/database.ts';
import { seatCounts } from '../registration/service.ts';
import {
  createPerson,
  createVenue,
  type PersonFields,
  seriesPage,
  siteOrganiserId,
  updatePerson,
  updateVenue,
  type VenueFields,
  venueForEditing,
  venueList,
} from './service.ts';

const ACTOR = { accountId: null, label: 'organiser@example.dk' };

const person = (name: string): PersonFields => ({
  name,
  titleDa: 'Lektor',
  titleEn: 'Associate professor',
  bioDa: 'Forsker i beskæftigelse.',
  bioEn: 'Researches employment.',
  links: [{ label: 'Forskning', url: 'https://example.dk/' }],
});

const VENUE: VenueFields = {
  name: 'Aalborg Universitet København',
  street: 'A.C. Meyers Vænge 15',
  postalCode: '2450',
  city: 'København SV',
  notesDa: 'Indgang fra gården.',
  notesEn: 'Entrance from the courtyard.',
};

async function versions(db: Kysely<DB>): Promise<Record<string, number>> {
  const rows = await db.selectFrom('series').select(['slug', 'version']).execute();
  return Object.fromEntries(rows.map((r) => [r.slug, Number(r.version)]));
}

async function auditOf(db: Kysely<DB>, entityId: string) {
  const rows = await db
    .selectFrom('audit')
    .select(['action', 'entity', 'actor_label', 'before_json', 'after_json'])
    .where('entity_id', '=', entityId)
    .orderBy('at')
    // Written at the same instant in these tests: create before update.
    .orderBy('action')
    .execute();
  return rows.map((r) => ({
    action: r.action,
    entity: r.entity,
    actor: r.actor_label,
    before: r.before_json ? JSON.parse(r.before_json) : null,
    after: r.after_json ? JSON.parse(r.after_json) : null,
  }));
}

describeEachDialect('people and venues in the back office (series service)', (getDb) => {
  async function organiserId(): Promise<string> {
    const id = await siteOrganiserId(getDb().db);
    if (!id) throw new Error('no organiser');
    return id;
  }

  it('creates a person with a unique slug from the name, audited', async () => {
    const { db } = getDb();
    const org = await organiserId();
    const make = (name: string) =>
      db.transaction().execute((tx) => createPerson(tx, org, person(name), ACTOR, TEST_NOW));
    const first = await make('Karen Ærø Hansen');
    expect(first.slug).toBe('karen-aeroe-hansen');
    expect((await make('Karen Ærø Hansen')).slug).toBe('karen-aeroe-hansen-2');
    expect((await make('karen ærø  hansen!')).slug).toBe('karen-aeroe-hansen-3');
    // `ny` is the new-person form's path; a name of only signs still gets a slug.
    expect((await make('Ny')).slug).toBe('ny-2');
    expect((await make('***')).slug).toBe('person');
    expect((await make('—')).slug).toBe('person-2');

    const row = await db
      .selectFrom('person')
      .selectAll()
      .where('id', '=', first.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      organiser_id: org,
      name: 'Karen Ærø Hansen',
      title_da: 'Lektor',
      title_en: 'Associate professor',
      bio_da: 'Forsker i beskæftigelse.',
      account_id: null,
      created_at: TEST_NOW.toISOString(),
    });
    expect(JSON.parse(row.links)).toEqual([{ label: 'Forskning', url: 'https://example.dk/' }]);
    expect(await auditOf(db, first.id)).toEqual([
      {
        action: 'person.create',
        entity: 'person',
        actor: 'organiser@example.dk',
        before: null,
        after: {
          slug: 'karen-aeroe-hansen',
          name: 'Karen Ærø Hansen',
          title_da: 'Lektor',
          title_en: 'Associate professor',
          bio_da: 'Forsker i beskæftigelse.',
          bio_en: 'Researches employment.',
          links: [{ label: 'Forskning', url: 'https://example.dk/' }],
        },
      },
    ]);
  });

  it('creates two people of one name at once with two slugs', async () => {
    const { db } = getDb();
    const org = await organiserId();
    const made = await Promise.all(
      [1, 2, 3].map(() =>
        db.transaction().execute((tx) => createPerson(tx, org, person('Samtidig Samsen'), ACTOR, TEST_NOW)),
      ),
    );
    expect(made.map((m) => m.slug).sort()).toEqual([
      'samtidig-samsen',
      'samtidig-samsen-2',
      'samtidig-samsen-3',
    ]);
  });

  it('edits a person: the slug stays, only the changed fields are audited, the series showing them go stale', async () => {
    const { db } = getDb();
    const leif = await db
      .selectFrom('person')
      .selectAll()
      .where('slug', '=', 'leif-toefting-kongsgaard')
      .executeTakeFirstOrThrow();
    const caswell = await db
      .selectFrom('person')
      .selectAll()
      .where('name', '=', 'Dorte Caswell')
      .executeTakeFirstOrThrow();
    const before = await versions(db);
    const fields: PersonFields = {
      name: 'Leif T. Kongsgaard',
      titleDa: 'Direktør',
      titleEn: leif.title_en,
      bioDa: leif.bio_da,
      bioEn: leif.bio_en,
      links: JSON.parse(leif.links),
    };
    const saved = await db.transaction().execute((tx) => updatePerson(tx, leif.id, fields, ACTOR, TEST_NOW));
    expect(saved).toEqual({ id: leif.id, slug: 'leif-toefting-kongsgaard' });
    const after = await versions(db);
    // Leif facilitates both holds.
    expect(after[SLUG_2021]).toBe((before[SLUG_2021] ?? 0) + 1);
    expect(after[SLUG_2027]).toBe((before[SLUG_2027] ?? 0) + 1);
    const audit = (await auditOf(db, leif.id)).filter((a) => a.action === 'person.update');
    expect(audit).toEqual([
      {
        action: 'person.update',
        entity: 'person',
        actor: 'organiser@example.dk',
        before: { name: 'Leif Tøfting Kongsgaard', title_da: leif.title_da },
        after: { name: 'Leif T. Kongsgaard', title_da: 'Direktør' },
      },
    ]);
    const page = await seriesPage(db, SLUG_2027, 'da', TEST_NOW, seatCounts);
    expect(page?.facilitator).toMatchObject({ name: 'Leif T. Kongsgaard', title: 'Direktør' });

    // An expert of one session in each hold: both go stale too; a save that changes nothing writes no audit row.
    const unchanged: PersonFields = {
      name: caswell.name,
      titleDa: caswell.title_da,
      titleEn: caswell.title_en,
      bioDa: caswell.bio_da,
      bioEn: caswell.bio_en,
      links: JSON.parse(caswell.links),
    };
    await db.transaction().execute((tx) => updatePerson(tx, caswell.id, unchanged, ACTOR, TEST_NOW));
    expect((await auditOf(db, caswell.id)).filter((a) => a.action === 'person.update')).toEqual([]);

    // A person on no page bumps nothing; no such person is null.
    const org = await organiserId();
    const lone = await db
      .transaction()
      .execute((tx) => createPerson(tx, org, person('Ensom Ekspert'), ACTOR, TEST_NOW));
    const beforeLone = await versions(db);
    await db.transaction().execute((tx) => updatePerson(tx, lone.id, person('Ensom E.'), ACTOR, TEST_NOW));
    expect(await versions(db)).toEqual(beforeLone);
    const none = await db
      .transaction()
      .execute((tx) =>
        updatePerson(tx, '00000000-0000-4000-8000-000000000000', person('X'), ACTOR, TEST_NOW),
      );
    expect(none).toBeNull();
  });

  it('creates and edits venues, audited; an edit bumps the series that show the venue, as theirs or a session’s', async () => {
    const { db } = getDb();
    const org = await organiserId();
    const made = await db.transaction().execute((tx) => createVenue(tx, org, VENUE, ACTOR, TEST_NOW));
    expect(await venueForEditing(db, made.id)).toEqual({ id: made.id, ...VENUE });
    expect(await venueForEditing(db, '00000000-0000-4000-8000-000000000000')).toBeNull();
    const listed = await venueList(db);
    expect(listed.find((v) => v.id === made.id)).toMatchObject({
      name: VENUE.name,
      seriesCount: 0,
      sessionCount: 0,
    });
    expect(listed.find((v) => v.name === 'Væksthuset')).toMatchObject({ seriesCount: 2, sessionCount: 0 });

    // The new venue on the 2021 hold's second session only.
    const id2021 = await seriesIdOf(db, SLUG_2021);
    await db
      .updateTable('session')
      .set({ venue_id: made.id })
      .where('series_id', '=', id2021)
      .where('ordinal', '=', 2)
      .execute();
    expect((await venueList(db)).find((v) => v.id === made.id)).toMatchObject({ sessionCount: 1 });
    const before = await versions(db);
    const edited = { ...VENUE, street: 'A.C. Meyers Vænge 15A', notesEn: 'Use the courtyard door.' };
    expect(await db.transaction().execute((tx) => updateVenue(tx, made.id, edited, ACTOR, TEST_NOW))).toEqual(
      {
        id: made.id,
      },
    );
    const after = await versions(db);
    expect(after[SLUG_2021]).toBe((before[SLUG_2021] ?? 0) + 1);
    expect(after[SLUG_2027]).toBe(before[SLUG_2027]);
    expect(await auditOf(db, made.id)).toEqual([
      {
        action: 'venue.create',
        entity: 'venue',
        actor: 'organiser@example.dk',
        before: null,
        after: {
          name: VENUE.name,
          street: VENUE.street,
          postal_code: '2450',
          city: VENUE.city,
          notes_da: VENUE.notesDa,
          notes_en: VENUE.notesEn,
        },
      },
      {
        action: 'venue.update',
        entity: 'venue',
        actor: 'organiser@example.dk',
        before: { street: VENUE.street, notes_en: VENUE.notesEn },
        after: { street: 'A.C. Meyers Vænge 15A', notes_en: 'Use the courtyard door.' },
      },
    ]);

    // The series' own venue: both holds go stale, and the page shows the notes in the visitor's language.
    const vaeksthuset = listed.find((v) => v.name === 'Væksthuset');
    if (!vaeksthuset) throw new Error('no demo venue');
    const before2 = await versions(db);
    await db
      .transaction()
      .execute((tx) =>
        updateVenue(
          tx,
          vaeksthuset.id,
          { ...vaeksthuset, notesDa: 'Parkering bag huset.', notesEn: 'Parking behind the house.' },
          ACTOR,
          TEST_NOW,
        ),
      );
    const after2 = await versions(db);
    expect(after2[SLUG_2021]).toBe((before2[SLUG_2021] ?? 0) + 1);
    expect(after2[SLUG_2027]).toBe((before2[SLUG_2027] ?? 0) + 1);
    const da = await seriesPage(db, SLUG_2027, 'da', TEST_NOW, seatCounts);
    expect(da?.venue?.notes).toBe('Parkering bag huset.');
    expect(da?.sessions[0]?.venue?.notes).toBe('Parkering bag huset.');
    const en = await seriesPage(db, SLUG_2027, 'en', TEST_NOW, seatCounts);
    expect(en?.venue?.notes).toBe('Parking behind the house.');

    const missing = await db
      .transaction()
      .execute((tx) => updateVenue(tx, '00000000-0000-4000-8000-000000000000', VENUE, ACTOR, TEST_NOW));
    expect(missing).toBeNull();
  });
});
