import type { Selectable } from 'kysely';
import type { Lang } from '../../shared/danish.ts';
import { withVat } from '../../shared/money.ts';
import type { SiteInfo } from '../../web/layout.tsx';
import type { BillingRow, HeadingRow, SummaryRow, TermsRow } from './queries.ts';
import {
  type PersonLink,
  personLinks,
  type RegistrationState,
  registrationState,
  seatsLeft,
} from './rules.ts';
import type {
  OrganiserTable,
  PersonTable,
  SeriesStatus,
  SessionMode,
  SessionTable,
  VenueTable,
} from './table.ts';

// The series module's domain objects, and the functions that make them from rows (as Ghost's models do):
// camelCase, the visitor's language already picked, nothing a public page must not show (a session's
// meeting URL, ids of the organiser). Services hand these to views and to other modules, never a row.

/** An expert or facilitator as their public page shows them. */
export interface Person {
  id: string;
  slug: string;
  name: string;
  title: string;
  bio: string;
  photoUrl: string | null;
  /** Links the person keeps on their profile (https only). */
  links: PersonLink[];
}

export interface Venue {
  id: string;
  name: string;
  street: string;
  postalCode: string;
  city: string;
  /** Practical notes for those who come (access, parking), in the visitor's language; '' when none. */
  notes: string;
}

export interface SeriesSummary {
  id: string;
  slug: string;
  title: string;
  summary: string;
  capacity: number;
  seatsLeft: number;
  /** Of the seats claimed, how many are held for registrations that still await confirmation by mail. */
  awaitingSeats: number;
  priceOre: number;
  priceInclVatOre: number;
  vatRateBp: number;
  state: RegistrationState;
  registrationOpensAt: string;
  registrationClosesAt: string;
  firstStartsAt: string | null;
  lastEndsAt: string | null;
  sessionCount: number;
  /** Changes whenever anything shown about the series changes (content, seats, state). */
  stamp: string;
}

export interface SessionView {
  id: string;
  ordinal: number;
  startsAt: string;
  endsAt: string;
  question: string;
  description: string;
  mode: SessionMode;
  /** Cancelled sessions stay in the programme, marked (their number and date still mean something). */
  cancelled: boolean;
  venue: Venue | null;
  expert: Person | null;
}

const pick = <T>(lang: Lang, da: T, en: T): T => (lang === 'da' ? da : en);

export function toPerson(row: Selectable<PersonTable>, lang: Lang): Person {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    title: pick(lang, row.title_da, row.title_en),
    bio: pick(lang, row.bio_da, row.bio_en),
    photoUrl: row.photo_url,
    links: personLinks(row.links),
  };
}

export function toVenue(row: Selectable<VenueTable>, lang: Lang): Venue {
  return {
    id: row.id,
    name: row.name,
    street: row.street,
    postalCode: row.postal_code,
    city: row.city,
    notes: pick(lang, row.notes_da, row.notes_en),
  };
}

/** Who runs the site, as every page's frame shows it. */
export function toSiteInfo(row: Selectable<OrganiserTable>): SiteInfo {
  return {
    name: row.name,
    street: row.street,
    postalCode: row.postal_code,
    city: row.city,
    cvr: row.cvr,
    email: row.email,
    phone: row.phone,
  };
}

/** A session with its venue (its own, else the series') and expert already looked up. */
export function toSession(
  row: Selectable<SessionTable>,
  lang: Lang,
  venue: Venue | null,
  expert: Person | null,
): SessionView {
  return {
    id: row.id,
    ordinal: row.ordinal,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    question: pick(lang, row.question_da, row.question_en),
    description: pick(lang, row.description_da, row.description_en),
    mode: row.mode,
    cancelled: row.status === 'cancelled',
    venue,
    expert,
  };
}

export function toSummary(row: SummaryRow, lang: Lang, now: Date): SeriesSummary {
  const claimed = Number(row.claimed ?? 0);
  const awaiting = Number(row.awaiting ?? 0);
  const timing = {
    status: row.status,
    capacity: row.capacity,
    claimedSeats: claimed,
    registrationOpensAt: row.registration_opens_at,
    registrationClosesAt: row.registration_closes_at,
    firstStartsAt: row.first_starts_at ?? null,
    lastEndsAt: row.last_ends_at ?? null,
  };
  const state = registrationState(timing, now);
  return {
    id: row.id,
    slug: row.slug,
    title: pick(lang, row.title_da, row.title_en),
    summary: pick(lang, row.summary_da, row.summary_en),
    capacity: row.capacity,
    seatsLeft: seatsLeft(row.capacity, claimed),
    awaitingSeats: awaiting,
    priceOre: row.price_ore,
    priceInclVatOre: withVat(row.price_ore, row.vat_rate_bp),
    vatRateBp: row.vat_rate_bp,
    state,
    registrationOpensAt: row.registration_opens_at,
    registrationClosesAt: row.registration_closes_at,
    firstStartsAt: timing.firstStartsAt,
    lastEndsAt: timing.lastEndsAt,
    sessionCount: Number(row.session_count ?? 0),
    stamp: `${row.id}:${row.version}:${claimed}:${awaiting}:${state}`,
  };
}

/**
 * What a registration needs of its series: the seats, the window, the price, and the version of the rest
 * (registration reads it again under the series lock, on the transaction's executor). Drafts too.
 */
export interface SeriesTerms {
  id: string;
  slug: string;
  capacity: number;
  status: SeriesStatus;
  version: number;
  registrationOpensAt: string;
  registrationClosesAt: string;
  priceOre: number;
  vatRateBp: number;
}

export function toTerms(row: TermsRow): SeriesTerms {
  return {
    id: row.id,
    slug: row.slug,
    capacity: row.capacity,
    status: row.status,
    version: row.version,
    registrationOpensAt: row.registration_opens_at,
    registrationClosesAt: row.registration_closes_at,
    priceOre: row.price_ore,
    vatRateBp: row.vat_rate_bp,
  };
}

/** What another module's list or page names of a series (drafts too): its link, title, seats and start. */
export interface SeriesHeading {
  id: string;
  slug: string;
  title: string;
  /** The title with the year of the first session, as the public pages write it ("… 2027"). */
  titleWithYear: string;
  status: SeriesStatus;
  capacity: number;
  firstStartsAt: string | null;
}

export function toHeading(row: HeadingRow, lang: Lang): SeriesHeading {
  const title = pick(lang, row.title_da, row.title_en);
  const firstStartsAt = row.first_starts_at ?? null;
  return {
    id: row.id,
    slug: row.slug,
    title,
    titleWithYear: firstStartsAt ? `${title} ${firstStartsAt.slice(0, 4)}` : title,
    status: row.status,
    capacity: row.capacity,
    firstStartsAt,
  };
}

/** The organiser that runs a series, as its invoices name the seller; `settingsJson` as stored. */
export interface SeriesOrganiser {
  id: string;
  name: string;
  street: string;
  postalCode: string;
  city: string;
  cvr: string;
  email: string;
  phone: string;
  settingsJson: string;
}

/** What an invoice says of its series when it is issued: titles in both languages, price, session starts. */
export interface SeriesBilling {
  id: string;
  titleDa: string;
  titleEn: string;
  priceOre: number;
  vatRateBp: number;
  /** The sessions' start instants, by ordinal. */
  sessionStarts: string[];
  organiser: SeriesOrganiser;
}

export function toBilling(row: BillingRow, sessionStarts: string[]): SeriesBilling {
  return {
    id: row.id,
    titleDa: row.title_da,
    titleEn: row.title_en,
    priceOre: row.price_ore,
    vatRateBp: row.vat_rate_bp,
    sessionStarts,
    organiser: {
      id: row.organiser_id,
      name: row.organiser_name,
      street: row.street,
      postalCode: row.postal_code,
      city: row.city,
      cvr: row.cvr,
      email: row.email,
      phone: row.phone,
      settingsJson: row.settings,
    },
  };
}

/** A public series page: the summary, its texts, its people and venue, its sessions. */
export interface SeriesPage {
  summary: SeriesSummary;
  intro: string;
  audience: string;
  catering: string;
  /** The series' own terms beyond the standard ones ('' when none). */
  terms: string;
  facilitator: Person | null;
  venue: Venue | null;
  sessions: SessionView[];
  /** Everyone on the page — the facilitator, then the experts in session order — each once. */
  people: Person[];
}

/** A public person page: the person, the sessions they speak at, the series they facilitate. */
export interface PersonPage {
  person: Person;
  sessions: {
    seriesSlug: string;
    seriesTitle: string;
    ordinal: number;
    startsAt: string;
    endsAt: string;
    question: string;
  }[];
  facilitates: { seriesSlug: string; seriesTitle: string; firstStartsAt: string | null }[];
}

/** The series' title with the year of its first session ("Ledelse i praksis 2027"). */
export function seriesTitleWithYear(page: Pick<SeriesPage, 'summary'>): string {
  const year = page.summary.firstStartsAt?.slice(0, 4);
  return year ? `${page.summary.title} ${year}` : page.summary.title;
}
