import type { SeriesStatus } from './table.ts';

// Pure decisions about what a visitor may see and do with a series. Time is passed in.

/** Draft series are the organiser's alone; every other status has a public page. */
export function isPublic(status: SeriesStatus): boolean {
  return status !== 'draft';
}

export function seatsLeft(capacity: number, claimedSeats: number): number {
  return Math.max(0, capacity - claimedSeats);
}

export type RegistrationState =
  /** Registration has not opened yet. */
  | 'not_open'
  /** Seats are free: registering confirms a seat. */
  | 'open'
  /** Registration is open but every seat is claimed: registering joins the waitlist. */
  | 'waitlist'
  /** Deadline passed, first session started, or the organiser closed it. */
  | 'closed'
  /** The last session has ended. */
  | 'completed';

export interface SeriesTiming {
  status: SeriesStatus;
  capacity: number;
  /** Claims on a seat: taken seats and everyone in line (registration's SEAT_CLAIMING_STATUSES). */
  claimedSeats: number;
  registrationOpensAt: string;
  registrationClosesAt: string;
  /** Start of the first session and end of the last; null while a series has no sessions. */
  firstStartsAt: string | null;
  lastEndsAt: string | null;
}

export function registrationState(s: SeriesTiming, now: Date): RegistrationState {
  const t = now.getTime();
  if (s.lastEndsAt && t >= Date.parse(s.lastEndsAt)) return 'completed';
  if (s.status === 'archived') return 'completed';
  if (s.status !== 'published') return 'closed';
  if (t < Date.parse(s.registrationOpensAt)) return 'not_open';
  if (t >= Date.parse(s.registrationClosesAt)) return 'closed';
  if (s.firstStartsAt && t >= Date.parse(s.firstStartsAt)) return 'closed';
  return seatsLeft(s.capacity, s.claimedSeats) > 0 ? 'open' : 'waitlist';
}

/** May a visitor start a registration now (confirmed or waitlisted)? */
export function acceptsRegistrations(state: RegistrationState): boolean {
  return state === 'open' || state === 'waitlist';
}

/** The front page lists what is coming first (soonest first), then what has been (newest first). */
export function partitionForFrontPage<T extends { state: RegistrationState; firstStartsAt: string | null }>(
  series: T[],
): { upcoming: T[]; earlier: T[] } {
  const key = (s: T) => s.firstStartsAt ?? '9999';
  const upcoming = series.filter((s) => s.state !== 'completed').sort((a, b) => key(a).localeCompare(key(b)));
  const earlier = series.filter((s) => s.state === 'completed').sort((a, b) => key(b).localeCompare(key(a)));
  return { upcoming, earlier };
}

/**
 * The last day a person can register, for display: a deadline at midnight means "until the day before".
 */
export function lastRegistrationMoment(closesAt: string): Date {
  return new Date(Date.parse(closesAt) - 1);
}

/** A link on a public person's page. */
export interface PersonLink {
  label: string;
  url: string;
}

/** The stored links of a person (JSON), keeping only well-formed https ones, so a bad row shows nothing. */
export function personLinks(json: string | null | undefined): PersonLink[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json ?? '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((item) => {
    if (!item || typeof item !== 'object') return [];
    const { label, url } = item as Record<string, unknown>;
    if (typeof label !== 'string' || typeof url !== 'string' || !url.startsWith('https://')) return [];
    return [{ label, url }];
  });
}

/** What of a session moves attendees' calendar entries: its time, its place (venue or link), its mode. */
export interface SessionChanged {
  time: boolean;
  place: boolean;
  mode: boolean;
}

/** Compares a session's stored fields before and after an edit. */
export function sessionChange(
  before: {
    startsAt: string;
    endsAt: string;
    mode: string;
    venueId: string | null;
    meetingUrl: string | null;
  },
  after: {
    startsAt: string;
    endsAt: string;
    mode: string;
    venueId: string | null;
    meetingUrl: string | null;
  },
): SessionChanged {
  const mode = before.mode !== after.mode;
  return {
    time: before.startsAt !== after.startsAt || before.endsAt !== after.endsAt,
    mode,
    place: !mode && (before.venueId !== after.venueId || before.meetingUrl !== after.meetingUrl),
  };
}
