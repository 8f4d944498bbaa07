import type { Generated } from 'kysely';

// Instants are ISO-8601 UTC strings (`2027-06-07T08:00:00.000Z`): identical on SQLite and PostgreSQL,
// and they sort as text. Money is integer øre. Texts that visitors read come in Danish and English.

export interface OrganiserTable {
  id: string;
  slug: string;
  name: string;
  street: string;
  postal_code: string;
  city: string;
  cvr: string;
  email: string;
  phone: string;
  website: string | null;
  /** JSON object of organiser settings (theme colour, payment terms, …). */
  settings: string;
  created_at: string;
  updated_at: string;
}

export interface PersonTable {
  id: string;
  organiser_id: string;
  slug: string;
  name: string;
  title_da: string;
  title_en: string;
  bio_da: string;
  bio_en: string;
  photo_url: string | null;
  /** The account this public person signs in with (null: none yet; an invitation links one). */
  account_id: string | null;
  /** JSON array of `{ label, url }` (https only, at most 5), shown on the public person page. */
  links: Generated<string>;
  created_at: string;
  updated_at: string;
}

export interface VenueTable {
  id: string;
  organiser_id: string;
  name: string;
  street: string;
  postal_code: string;
  city: string;
  /** Practical notes for those who come (access, parking), in each language; '' when none. */
  notes_da: Generated<string>;
  notes_en: Generated<string>;
  created_at: string;
  updated_at: string;
}

export const SERIES_STATUSES = ['draft', 'published', 'closed', 'archived'] as const;
export type SeriesStatus = (typeof SERIES_STATUSES)[number];

export interface SeriesTable {
  id: string;
  organiser_id: string;
  slug: string;
  title_da: string;
  title_en: string;
  summary_da: string;
  summary_en: string;
  intro_da: string;
  intro_en: string;
  audience_da: string;
  audience_en: string;
  catering_da: string;
  catering_en: string;
  capacity: number;
  price_ore: number;
  /** VAT rate in basis points: 2500 = 25 %. */
  vat_rate_bp: number;
  registration_opens_at: string;
  registration_closes_at: string;
  status: SeriesStatus;
  facilitator_id: string | null;
  venue_id: string | null;
  /** The series' own terms, shown with the standard ones (binding, substitutes); '' when none. */
  terms_da: Generated<string>;
  terms_en: Generated<string>;
  /** The series this one was copied from (to run it again); null when made from scratch. */
  copied_from: string | null;
  /** Bumped on every change to the series or its sessions, so cached pages know they are stale. */
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export const SESSION_MODES = ['in_person', 'online'] as const;
export type SessionMode = (typeof SESSION_MODES)[number];

export const SESSION_STATUSES = ['scheduled', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export interface SessionTable {
  id: string;
  series_id: string;
  ordinal: number;
  starts_at: string;
  ends_at: string;
  question_da: string;
  question_en: string;
  description_da: string;
  description_en: string;
  mode: SessionMode;
  venue_id: string | null;
  /** Only for participants; never shown on public pages. */
  meeting_url: string | null;
  expert_id: string | null;
  /** A cancelled session is kept (its calendar entry is cancelled with the same UID), never deleted. */
  status: Generated<SessionStatus>;
  /** The calendar SEQUENCE of the session's event: raised on every change to its time, place or mode. */
  sequence: Generated<number>;
  cancelled_at: string | null;
  created_at: string;
  updated_at: string;
}
