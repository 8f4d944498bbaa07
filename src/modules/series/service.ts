import type { Selectable } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { Lang } from '../../shared/danish.ts';
import type { SiteInfo } from '../../web/layout.tsx';
import {
  type PersonPage,
  type SeriesBilling,
  type SeriesHeading,
  type SeriesPage,
  type SeriesSummary,
  type SeriesTerms,
  toBilling,
  toHeading,
  toPerson,
  toSession,
  toSiteInfo,
  toSummary,
  toTerms,
  toVenue,
} from './model.ts';
import * as q from './queries.ts';
import { isPublic, type PersonLink, personLinks } from './rules.ts';
import type { PersonTable, SeriesTable } from './table.ts';

/** Sessions with their meeting links and calendar sequence, for attendees' mails only (not public pages). */
export { type AttendeeSession, attendeeSessions } from './attendee-sessions.ts';
/** The demo seed, for the people module that adds the demo's accounts and roles in its transaction. */
export { DEMO_PERSONS, type DemoCast, type DemoPersonKey, seedDemoIfEmpty } from './demo.ts';
/** The organiser's writes to a series (create, edit, status, copy), for the programme module. */
export {
  type CopyInput,
  type CopyOutcome,
  type CreateOutcome,
  copySeries,
  createSeries,
  type EditingSession,
  type SeriesFields,
  type SeriesForEditing,
  type StatusOutcome,
  scheduledSessionCount,
  seriesForEditing,
  seriesForEditingById,
  seriesSlugTaken,
  setSeriesStatus,
  type UpdateOutcome,
  type UpdateRefusal,
  updateSeries,
} from './editing.ts';
export type { SeatCounts } from './queries.ts';
/** The series' registration window and states (registration), and the rules of editing and copying a series. */
export {
  acceptsRegistrations,
  isPublic,
  possibleStatusMoves,
  proposedCopyDates,
  proposedCopyInstant,
  type RegistrationState,
  registrationState,
  type SeriesChangeRefusal,
  STATUS_MOVES,
  type StatusMoveRefusal,
  statusMoveRefusal,
} from './rules.ts';
/** The organiser's edits of sessions (the programme module runs them under the series lock). */
export {
  addSession,
  cancelSession,
  moveSession,
  moveSessionsHeldAt,
  moveSessionsWithSeriesVenue,
  type SessionChange,
  type SessionFields,
  type SessionForEditing,
  seriesHeldAt,
  sessionForEditing,
  sessionPlace,
  sessionsForEditing,
  updateSession,
} from './sessions-editing.ts';
export { SERIES_STATUSES, type SeriesStatus } from './table.ts';
/** What other modules' pages show of a series: its link, its sessions' times, its register button. */
export {
  CancelledTag,
  Place,
  personPath,
  RegisterAction,
  seriesPath,
  sessionPath,
  When,
} from './views/parts.tsx';
/** The public series page, for the organiser's preview (with its banner). */
export { seriesPageView } from './views/series.tsx';

// Reads for the public pages. Each returns domain objects (model.ts); null means "no such public page".

export type {
  Person,
  PersonPage,
  SeriesBilling,
  SeriesHeading,
  SeriesOrganiser,
  SeriesPage,
  SeriesSummary,
  SeriesTerms,
  SessionView,
  Venue,
} from './model.ts';
export { seriesTitleWithYear } from './model.ts';
export {
  createPerson,
  createVenue,
  type PersonFields,
  updatePerson,
  updateVenue,
  type VenueFields,
  type VenueListItem,
  type VenueRecord,
  venueForEditing,
  venueList,
} from './people-editing.ts';
export { type PersonLink, personLinks } from './rules.ts';

export async function siteInfo(db: Executor): Promise<SiteInfo | null> {
  const o = await q.siteOrganiser(db);
  return o ? toSiteInfo(o) : null;
}

/** The id of the organiser that runs the site (the first one); null before seeding. */
export async function siteOrganiserId(db: Executor): Promise<string | null> {
  return (await q.siteOrganiser(db))?.id ?? null;
}

/** The site organiser's settings as stored (JSON text): theme colours here, invoicing's settings, … */
export async function organiserSettings(
  db: Executor,
): Promise<{ organiserId: string; settingsJson: string } | null> {
  const o = await q.siteOrganiser(db);
  return o ? { organiserId: o.id, settingsJson: o.settings } : null;
}

/**
 * Merges `patch` into the organiser's settings, keeping the other keys (a broken stored object is replaced).
 * The series module owns the organiser row; other modules change their part of its settings through here.
 */
export async function updateOrganiserSettings(
  db: Executor,
  organiserId: string,
  patch: Record<string, unknown>,
  now: Date,
): Promise<void> {
  const o = await q.siteOrganiser(db);
  let stored: Record<string, unknown> = {};
  if (o && o.id === organiserId) {
    try {
      const parsed: unknown = JSON.parse(o.settings);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        stored = parsed as Record<string, unknown>;
    } catch {
      // A broken settings object is replaced by what was just saved.
    }
  }
  await q.setOrganiserSettings(db, organiserId, JSON.stringify({ ...stored, ...patch }), now.toISOString());
}

/** Theme colours from the organiser's settings, validated so they can be written into CSS safely. */
export async function themeColours(db: Executor): Promise<{ primary: string; primaryDark: string }> {
  const fallback = { primary: '#0b5c3b', primaryDark: '#073d27' };
  const o = await q.siteOrganiser(db);
  if (!o) return fallback;
  let settings: unknown;
  try {
    settings = JSON.parse(o.settings);
  } catch {
    return fallback;
  }
  const colour = (v: unknown, d: string) => (typeof v === 'string' && /^#[0-9a-fA-F]{6}$/.test(v) ? v : d);
  const s = (settings ?? {}) as Record<string, unknown>;
  return {
    primary: colour(s.themePrimary, fallback.primary),
    primaryDark: colour(s.themePrimaryDark, fallback.primaryDark),
  };
}

export async function listPublicSeries(
  db: Executor,
  lang: Lang,
  now: Date,
  seats: q.SeatCounts,
): Promise<SeriesSummary[]> {
  const rows = await q.publicSeriesSummaries(db, seats);
  return rows.map((r) => toSummary(r, lang, now));
}

/** The summary of one public series (null: none), from one query: for what needs no sessions. */
export async function seriesSummary(
  db: Executor,
  slug: string,
  lang: Lang,
  now: Date,
  seats: q.SeatCounts,
): Promise<SeriesSummary | null> {
  const row = await q.publicSeriesSummary(db, seats, slug);
  return row ? toSummary(row, lang, now) : null;
}

/** The cache stamp of one series page (null: no such public series). One cheap query. */
export async function seriesStamp(
  db: Executor,
  slug: string,
  now: Date,
  seats: q.SeatCounts,
): Promise<string | null> {
  const row = await q.publicSeriesSummary(db, seats, slug);
  return row ? toSummary(row, 'da', now).stamp : null;
}

/** The cache stamp of everything public: changes when any series changes. */
export async function siteStamp(db: Executor, now: Date, seats: q.SeatCounts): Promise<string> {
  const rows = await q.publicSeriesSummaries(db, seats);
  return rows
    .map((r) => toSummary(r, 'da', now).stamp)
    .sort()
    .join('|');
}

function byId<T extends { id: string }>(rows: T[]): Map<string, T> {
  return new Map(rows.map((r) => [r.id, r]));
}

export async function seriesPage(
  db: Executor,
  slug: string,
  lang: Lang,
  now: Date,
  seats: q.SeatCounts,
): Promise<SeriesPage | null> {
  const [summaryRow] = await q.publicSeriesSummaries(db, seats, slug);
  const series = await q.seriesBySlug(db, slug);
  if (!summaryRow || !series || !isPublic(series.status)) return null;
  return pageOf(db, summaryRow, series, lang, now);
}

/**
 * The public page of a series of any status, drafts too: the organiser's preview (never cached, never
 * public). Null: no such series.
 */
export async function seriesPreview(
  db: Executor,
  slug: string,
  lang: Lang,
  now: Date,
  seats: q.SeatCounts,
): Promise<SeriesPage | null> {
  const summaryRow = await q.anySeriesSummary(db, seats, slug);
  const series = await q.seriesBySlug(db, slug);
  if (!summaryRow || !series) return null;
  return pageOf(db, summaryRow, series, lang, now);
}

async function pageOf(
  db: Executor,
  summaryRow: q.SummaryRow,
  series: Selectable<SeriesTable>,
  lang: Lang,
  now: Date,
): Promise<SeriesPage> {
  const sessions = await q.sessionsOfSeries(db, series.id);
  const personIds = [series.facilitator_id, ...sessions.map((s) => s.expert_id)].filter(
    (x): x is string => !!x,
  );
  const venueIds = [series.venue_id, ...sessions.map((s) => s.venue_id)].filter((x): x is string => !!x);
  const [persons, venues] = await Promise.all([
    q.personsByIds(db, [...new Set(personIds)]),
    q.venuesByIds(db, [...new Set(venueIds)]),
  ]);
  const personMap = byId(persons.map((p) => toPerson(p, lang)));
  const venueMap = byId(venues.map((v) => toVenue(v, lang)));
  const pick = (s: Selectable<SeriesTable>, field: 'intro' | 'audience' | 'catering' | 'terms') =>
    lang === 'da' ? s[`${field}_da`] : s[`${field}_en`];
  const venueOf = (id: string | null) => (id ? (venueMap.get(id) ?? null) : null);
  const personOf = (id: string | null) => (id ? (personMap.get(id) ?? null) : null);
  return {
    summary: toSummary(summaryRow, lang, now),
    intro: pick(series, 'intro'),
    audience: pick(series, 'audience'),
    catering: pick(series, 'catering'),
    terms: pick(series, 'terms'),
    facilitator: personOf(series.facilitator_id),
    venue: venueOf(series.venue_id),
    sessions: sessions.map((s) =>
      toSession(s, lang, venueOf(s.venue_id) ?? venueOf(series.venue_id), personOf(s.expert_id)),
    ),
    people: [...new Set(personIds)].flatMap((id) => personMap.get(id) ?? []),
  };
}

export async function personPage(db: Executor, slug: string, lang: Lang): Promise<PersonPage | null> {
  const person = await q.personBySlug(db, slug);
  if (!person) return null;
  const [sessions, facilitates] = await q.engagementsOfPerson(db, person.id);
  // A person who appears on no public page has no public page either.
  if (sessions.length === 0 && facilitates.length === 0) return null;
  return {
    person: toPerson(person, lang),
    sessions: sessions.map((s) => ({
      seriesSlug: s.slug,
      seriesTitle: lang === 'da' ? s.title_da : s.title_en,
      ordinal: s.ordinal,
      startsAt: s.starts_at,
      endsAt: s.ends_at,
      question: lang === 'da' ? s.question_da : s.question_en,
    })),
    facilitates: facilitates.map((f) => ({
      seriesSlug: f.slug,
      seriesTitle: lang === 'da' ? f.title_da : f.title_en,
      firstStartsAt: f.first_starts_at ?? null,
    })),
  };
}

// People: the public persons, their link to an account (set by the people module's invitations) and the
// profile they edit themselves. Reads return domain objects; the people module audits the changes.

/** A public person as other modules see them. */
export interface PersonProfile {
  id: string;
  slug: string;
  name: string;
  titleDa: string;
  titleEn: string;
  bioDa: string;
  bioEn: string;
  links: PersonLink[];
  accountId: string | null;
}

function toProfile(p: Selectable<PersonTable>): PersonProfile {
  return {
    id: p.id,
    slug: p.slug,
    name: p.name,
    titleDa: p.title_da,
    titleEn: p.title_en,
    bioDa: p.bio_da,
    bioEn: p.bio_en,
    links: personLinks(p.links),
    accountId: p.account_id,
  };
}

export async function personProfileBySlug(db: Executor, slug: string): Promise<PersonProfile | null> {
  const p = await q.personBySlug(db, slug);
  return p ? toProfile(p) : null;
}

export async function personProfileById(db: Executor, id: string): Promise<PersonProfile | null> {
  const p = await q.personById(db, id);
  return p ? toProfile(p) : null;
}

/** The public person linked to an account (null: the account has none). */
export async function personOfAccount(db: Executor, accountId: string): Promise<PersonProfile | null> {
  const p = await q.personOfAccount(db, accountId);
  return p ? toProfile(p) : null;
}

export async function allPersonProfiles(db: Executor): Promise<PersonProfile[]> {
  return (await q.allPersons(db)).map(toProfile);
}

/** What the series data says a person is: facilitator of series, expert of sessions (drafts included). */
export interface PersonCast {
  facilitates: { seriesId: string; seriesSlug: string; seriesTitle: string }[];
  expertOf: {
    sessionId: string;
    seriesId: string;
    seriesSlug: string;
    seriesTitle: string;
    ordinal: number;
    question: string;
  }[];
}

export async function castOfPerson(db: Executor, personId: string, lang: Lang): Promise<PersonCast> {
  const [facilitates, sessions] = await q.castOfPerson(db, personId);
  // Holds of one masterclass share a title: the year tells them apart ("… 2021", "… 2027").
  const ids = [...facilitates.map((s) => s.id), ...sessions.map((x) => x.series_id)];
  const titles = new Map((await seriesHeadings(db, lang, ids)).map((h) => [h.id, h.titleWithYear]));
  return {
    facilitates: facilitates.map((s) => ({
      seriesId: s.id,
      seriesSlug: s.slug,
      seriesTitle: titles.get(s.id) ?? (lang === 'da' ? s.title_da : s.title_en),
    })),
    expertOf: sessions.map((x) => ({
      sessionId: x.id,
      seriesId: x.series_id,
      seriesSlug: x.slug,
      seriesTitle: titles.get(x.series_id) ?? (lang === 'da' ? x.title_da : x.title_en),
      ordinal: x.ordinal,
      question: lang === 'da' ? x.question_da : x.question_en,
    })),
  };
}

/** Links a public person to an account (inside the caller's transaction). */
export async function linkPersonToAccount(
  db: Executor,
  personId: string,
  accountId: string,
  now: Date,
): Promise<void> {
  await q.linkPersonAccount(db, personId, accountId, now.toISOString());
}

export interface ProfileFields {
  titleDa: string;
  titleEn: string;
  bioDa: string;
  bioEn: string;
  links: PersonLink[];
}

/**
 * Saves a person's own profile (inside the caller's transaction) and bumps the version of every series
 * that shows them, so cached series pages and the front page are stale at once (decision 0003).
 */
export async function updatePersonProfile(
  db: Executor,
  personId: string,
  fields: ProfileFields,
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  await q.updatePerson(
    db,
    personId,
    {
      title_da: fields.titleDa,
      title_en: fields.titleEn,
      bio_da: fields.bioDa,
      bio_en: fields.bioEn,
      links: JSON.stringify(fields.links),
    },
    at,
  );
  await q.bumpSeriesShowingPerson(db, personId, at);
}

/** A series by id and slug, for modules that key things by series. */
export interface SeriesRef {
  id: string;
  slug: string;
  organiserId: string;
}

const toRef = (r: { id: string; slug: string; organiser_id: string }): SeriesRef => ({
  id: r.id,
  slug: r.slug,
  organiserId: r.organiser_id,
});

export async function seriesRefs(db: Executor, ids: string[]): Promise<SeriesRef[]> {
  return (await q.seriesRefsByIds(db, [...new Set(ids)])).map(toRef);
}

export async function seriesRefsOfOrganiser(db: Executor, organiserId: string): Promise<SeriesRef[]> {
  return (await q.seriesRefsOfOrganiser(db, organiserId)).map(toRef);
}

/** Sessions by id: which series and which number, for modules that key things by session. */
export async function sessionRefs(
  db: Executor,
  ids: string[],
): Promise<{ id: string; seriesId: string; ordinal: number }[]> {
  const rows = await q.sessionRefsByIds(db, [...new Set(ids)]);
  return rows.map((r) => ({ id: r.id, seriesId: r.series_id, ordinal: r.ordinal }));
}

// Reads for the registration and invoicing modules, drafts too. Each takes the executor to run on: inside a
// transaction that holds the series lock (db/lock.ts, taken first), pass that transaction.

/** What registering needs of a series, by its slug (null: no such series). One query. */
export async function seriesTermsBySlug(db: Executor, slug: string): Promise<SeriesTerms | null> {
  const row = await q.termsBySlug(db, slug);
  return row ? toTerms(row) : null;
}

/** The same by id: what registration reads again under the series lock. One query. */
export async function seriesTerms(db: Executor, seriesId: string): Promise<SeriesTerms | null> {
  const row = await q.termsById(db, seriesId);
  return row ? toTerms(row) : null;
}

/** Every series (or those with these ids), newest first: what lists of registrations name. One query. */
export async function seriesHeadings(
  db: Executor,
  lang: Lang,
  ids?: readonly string[],
): Promise<SeriesHeading[]> {
  return (await q.headings(db, ids)).map((r) => toHeading(r, lang));
}

/** One series' heading (null: no such series). */
export async function seriesHeading(
  db: Executor,
  seriesId: string,
  lang: Lang,
): Promise<SeriesHeading | null> {
  return (await seriesHeadings(db, lang, [seriesId]))[0] ?? null;
}

/** The series whose last session has ended before `now` (their dietary notes are erased). */
export function endedSeriesIds(db: Executor, now: Date): Promise<string[]> {
  return q.endedSeriesIds(db, now.toISOString());
}

/** What an invoice issued now says of its series and seller (null: no such series). Two queries. */
export async function seriesBilling(db: Executor, seriesId: string): Promise<SeriesBilling | null> {
  const row = await q.billing(db, seriesId);
  return row ? toBilling(row, await q.sessionStarts(db, seriesId)) : null;
}

// Choices the back office's forms offer (drafts' people and venues too).

/** Every venue, by name, as a select field lists them: id and "name, street, city". */
export async function venueChoices(db: Executor): Promise<{ id: string; label: string }[]> {
  return (await q.allVenues(db)).map((v) => ({ id: v.id, label: `${v.name}, ${v.street}, ${v.city}` }));
}

/** Every public person, by name, as a select field lists them (expert, facilitator). */
export async function personChoices(db: Executor): Promise<{ id: string; label: string }[]> {
  return (await q.allPersons(db)).map((p) => ({ id: p.id, label: p.name }));
}

/** Who a series' programme names, by account: its organiser, the facilitator's and each session's expert's. */
export interface SeriesCastAccounts {
  organiserId: string;
  facilitatorAccountId: string | null;
  experts: { sessionId: string; accountId: string }[];
}

/** Null: no such series. Two queries. */
export async function seriesCastAccounts(db: Executor, seriesId: string): Promise<SeriesCastAccounts | null> {
  const [head, experts] = await q.castAccountsOfSeries(db, seriesId);
  if (!head) return null;
  return {
    organiserId: head.organiser_id,
    facilitatorAccountId: head.facilitator_account_id ?? null,
    experts: experts.map((e) => ({ sessionId: e.session_id, accountId: e.account_id as string })),
  };
}
