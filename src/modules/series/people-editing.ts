import type { Executor, Tx } from '../../db/database.ts';
import { type Actor, auditedChange, writeAudit } from '../../shared/audit.ts';
import { newId } from '../../shared/ids.ts';
import { firstFreeSlug, slugify } from '../../shared/slug.ts';
import * as q from './queries.ts';
import { type PersonLink, personLinks } from './rules.ts';

// The organiser's writes to public persons and venues (the back office). Each runs in the caller's
// transaction, is audited there (person.create / person.update / venue.create / venue.update, with only the
// changed fields), and bumps the version of every series whose public pages show the changed thing, so the
// cached pages go stale at once (decision 0003).

/** What the organiser gives of a public person: the name, and the profile fields of /min-profil. */
export interface PersonFields {
  name: string;
  titleDa: string;
  titleEn: string;
  bioDa: string;
  bioEn: string;
  links: PersonLink[];
}

/** Words the organiser's person paths use after /arrangoer/personer/: never a person's slug. */
const RESERVED_PERSON_SLUGS = ['ny'];

const personColumns = (f: PersonFields) => ({
  name: f.name,
  title_da: f.titleDa,
  title_en: f.titleEn,
  bio_da: f.bioDa,
  bio_en: f.bioEn,
  links: JSON.stringify(f.links),
});

/** Only the keys whose values differ, from both sides (what an audit row of an edit holds). */
function changed<T extends Record<string, unknown>>(
  before: T,
  after: T,
): { before: Partial<T>; after: Partial<T> } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}

/** The audited view of a person's fields (links as data, not as JSON text). */
const shownPerson = (f: PersonFields) => ({ ...personColumns(f), links: f.links });

/**
 * Creates a public person with a slug made from the name, unique (`karen-hansen`, `karen-hansen-2`, …; the
 * slug stays when the name is edited later, so links keep working). The organiser row is locked first, so two
 * people of the same name created at once get two slugs. A new person is on no series page: nothing to bump.
 */
export async function createPerson(
  tx: Tx,
  organiserId: string,
  fields: PersonFields,
  actor: Actor,
  now: Date,
): Promise<{ id: string; slug: string }> {
  await q.lockOrganiserRow(tx, organiserId);
  const base = slugify(fields.name);
  const taken = new Set(await q.personSlugsLike(tx, base === '' ? 'person' : base));
  const slug = firstFreeSlug(base, taken, 'person', RESERVED_PERSON_SLUGS);
  const id = newId();
  const at = now.toISOString();
  await q.insertPerson(tx, {
    id,
    organiser_id: organiserId,
    slug,
    ...personColumns(fields),
    photo_url: null,
    account_id: null,
    created_at: at,
    updated_at: at,
  });
  await writeAudit(tx, {
    actor,
    action: 'person.create',
    entity: 'person',
    entityId: id,
    after: { slug, ...shownPerson(fields) },
    at: now,
  });
  return { id, slug };
}

/**
 * The organiser's edit of a person (name, titles, bios, links), audited with the changed fields, and the
 * version of every series that shows them bumped. Null: no such person.
 */
export async function updatePerson(
  tx: Tx,
  personId: string,
  fields: PersonFields,
  actor: Actor,
  now: Date,
): Promise<{ id: string; slug: string } | null> {
  const outcome = await auditedChange(tx, {
    read: (tx) => q.personById(tx, personId),
    write: async (tx, before) => {
      const at = now.toISOString();
      await q.updatePersonDetails(tx, before.id, personColumns(fields), at);
      await q.bumpSeriesShowingPerson(tx, before.id, at);
      return { id: before.id, slug: before.slug };
    },
    audit: (before) => {
      const was: PersonFields = {
        name: before.name,
        titleDa: before.title_da,
        titleEn: before.title_en,
        bioDa: before.bio_da,
        bioEn: before.bio_en,
        links: personLinks(before.links),
      };
      const diff = changed(shownPerson(was), shownPerson(fields));
      if (Object.keys(diff.after).length === 0) return null;
      return {
        actor,
        action: 'person.update',
        entity: 'person',
        entityId: before.id,
        before: diff.before,
        after: diff.after,
        at: now,
      };
    },
  });
  return outcome?.result ?? null;
}

// ——— Venues ———

/** A venue as the organiser edits it, both languages of its practical notes. */
export interface VenueFields {
  name: string;
  street: string;
  postalCode: string;
  city: string;
  /** Practical notes for those who come (access, parking), Danish and English; '' when none. */
  notesDa: string;
  notesEn: string;
}

export interface VenueRecord extends VenueFields {
  id: string;
}

/** A venue in the organiser's list, with how many series (as their venue) and sessions name it. */
export interface VenueListItem extends VenueRecord {
  seriesCount: number;
  sessionCount: number;
}

type VenueRow = NonNullable<Awaited<ReturnType<typeof q.venueById>>>;

function toRecord(v: VenueRow): VenueRecord {
  return {
    id: v.id,
    name: v.name,
    street: v.street,
    postalCode: v.postal_code,
    city: v.city,
    notesDa: v.notes_da,
    notesEn: v.notes_en,
  };
}

const venueColumns = (f: VenueFields) => ({
  name: f.name,
  street: f.street,
  postal_code: f.postalCode,
  city: f.city,
  notes_da: f.notesDa,
  notes_en: f.notesEn,
});

/** Every venue, by name, with where it is in use. */
export async function venueList(db: Executor): Promise<VenueListItem[]> {
  const [venues, use] = await Promise.all([q.allVenues(db), q.venueUse(db)]);
  return venues.map((v) => ({
    ...toRecord(v),
    seriesCount: use.get(v.id)?.series ?? 0,
    sessionCount: use.get(v.id)?.sessions ?? 0,
  }));
}

/** One venue with all its fields (null: none). */
export async function venueForEditing(db: Executor, id: string): Promise<VenueRecord | null> {
  const v = await q.venueById(db, id);
  return v ? toRecord(v) : null;
}

/** Creates a venue (audited). A new venue is on no series page yet: nothing to bump. */
export async function createVenue(
  tx: Tx,
  organiserId: string,
  fields: VenueFields,
  actor: Actor,
  now: Date,
): Promise<{ id: string }> {
  const id = newId();
  const at = now.toISOString();
  await q.insertVenue(tx, {
    id,
    organiser_id: organiserId,
    ...venueColumns(fields),
    created_at: at,
    updated_at: at,
  });
  await writeAudit(tx, {
    actor,
    action: 'venue.create',
    entity: 'venue',
    entityId: id,
    after: venueColumns(fields),
    at: now,
  });
  return { id };
}

/**
 * The organiser's edit of a venue, audited with the changed fields; bumps every series that shows it (as the
 * series' venue or a session's). Null: no such venue.
 */
export async function updateVenue(
  tx: Tx,
  venueId: string,
  fields: VenueFields,
  actor: Actor,
  now: Date,
): Promise<{ id: string } | null> {
  const outcome = await auditedChange(tx, {
    read: (tx) => q.venueById(tx, venueId),
    write: async (tx, before) => {
      const at = now.toISOString();
      await q.updateVenueRow(tx, before.id, venueColumns(fields), at);
      await q.bumpSeriesShowingVenue(tx, before.id, at);
      return { id: before.id };
    },
    audit: (before) => {
      const diff = changed(venueColumns(toRecord(before)), venueColumns(fields));
      if (Object.keys(diff.after).length === 0) return null;
      return {
        actor,
        action: 'venue.update',
        entity: 'venue',
        entityId: before.id,
        before: diff.before,
        after: diff.after,
        at: now,
      };
    },
  });
  return outcome?.result ?? null;
}
