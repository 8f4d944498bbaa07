import { copenhagenClock, copenhagenDay, copenhagenToUtc } from '../../shared/danish.ts';
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

// ——— Editing (the organiser's back office) ———

/** The moves a series' status may make; each says what else must hold (statusMoveRefusal). */
export const STATUS_MOVES: Readonly<Record<SeriesStatus, readonly SeriesStatus[]>> = {
  draft: ['published'],
  published: ['closed', 'draft'],
  closed: ['published', 'archived'],
  archived: [],
};

export type StatusMoveRefusal =
  /** Not one of STATUS_MOVES. */
  | 'not-allowed'
  /** A draft with no sessions has nothing to publish. */
  | 'no-sessions'
  /** Back to draft would hide a series people hold seats in. */
  | 'seats-held';

/** Why a series may not move from `from` to `to` now; null: it may. */
export function statusMoveRefusal(
  from: SeriesStatus,
  to: SeriesStatus,
  facts: { sessionCount: number; seatsHeld: number },
): StatusMoveRefusal | null {
  if (!STATUS_MOVES[from].includes(to)) return 'not-allowed';
  if (from === 'draft' && to === 'published' && facts.sessionCount === 0) return 'no-sessions';
  if (from === 'published' && to === 'draft' && facts.seatsHeld > 0) return 'seats-held';
  return null;
}

/** The moves a series can make now (the buttons the edit page shows). */
export function possibleStatusMoves(
  from: SeriesStatus,
  facts: { sessionCount: number; seatsHeld: number },
): SeriesStatus[] {
  return STATUS_MOVES[from].filter((to) => statusMoveRefusal(from, to, facts) === null);
}

export type SeriesChangeRefusal =
  /** The price cannot change once an invoice has been issued at the old one. */
  | 'price-frozen'
  /** Nor the VAT rate. */
  | 'vat-frozen'
  /** Capacity below the seats already held (confirmed, reserved, offered). */
  | 'capacity-below-held'
  /** The address of a published series is in mails and calendars: only a draft's slug may change. */
  | 'slug-fixed';

/** What the guards compare: the series as stored and as the form would have it. */
export interface GuardedSeries {
  slug: string;
  status: SeriesStatus;
  capacity: number;
  priceOre: number;
  vatRateBp: number;
}

/**
 * Why a change to a series is refused (each reason once, in form order); empty: it may be saved. Decided
 * under the series lock, with the facts read there.
 */
export function seriesChangeRefusal(
  before: GuardedSeries,
  after: Pick<GuardedSeries, 'slug' | 'capacity' | 'priceOre' | 'vatRateBp'>,
  facts: { hasInvoices: boolean; seatsHeld: number },
): SeriesChangeRefusal[] {
  const refusals: SeriesChangeRefusal[] = [];
  if (after.slug !== before.slug && before.status !== 'draft') refusals.push('slug-fixed');
  if (after.capacity < facts.seatsHeld && after.capacity !== before.capacity) {
    refusals.push('capacity-below-held');
  }
  if (facts.hasInvoices && after.priceOre !== before.priceOre) refusals.push('price-frozen');
  if (facts.hasInvoices && after.vatRateBp !== before.vatRateBp) refusals.push('vat-frozen');
  return refusals;
}

const WEEK_MS = 7 * 24 * 3600_000;

/** A Copenhagen day (`YYYY-MM-DD`) moved by whole weeks: the same weekday. */
export function addWeeksToDay(day: string, weeks: number): string {
  const t = Date.parse(`${day}T12:00:00.000Z`) + weeks * WEEK_MS;
  return new Date(t).toISOString().slice(0, 10);
}

/**
 * The day a copy proposes for a day of the source: the same weekday about a year later — 52 weeks on, which
 * is one or two days before the same date (a year has 365 or 366 days), never further off.
 */
export function proposedCopyDay(day: string): string {
  return addWeeksToDay(day, 52);
}

/**
 * What a copy proposes for each session: the same weekday a year later at the same Copenhagen wall-clock
 * times, so a session at 10.00 stays at 10.00 whether or not the new day is in summer time (the UTC instants
 * shift by an hour then).
 */
export function proposedCopyDates(
  sessions: readonly { startsAt: string; endsAt: string }[],
): { day: string; startTime: string; endTime: string; startsAt: string; endsAt: string }[] {
  return sessions.map((s) => {
    const day = proposedCopyDay(copenhagenDay(s.startsAt));
    const startTime = copenhagenClock(s.startsAt);
    const endTime = copenhagenClock(s.endsAt);
    return {
      day,
      startTime,
      endTime,
      startsAt: copenhagenToUtc(day, startTime),
      endsAt: copenhagenToUtc(day, endTime),
    };
  });
}

/** An instant a year on (52 weeks), at the same Copenhagen wall-clock time: a copy's registration window. */
export function proposedCopyInstant(instant: string): string {
  return copenhagenToUtc(proposedCopyDay(copenhagenDay(instant)), copenhagenClock(instant));
}
