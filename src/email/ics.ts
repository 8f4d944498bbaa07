import ical, { ICalCalendarMethod } from 'ical-generator';

// The calendar file attached to a confirmation: one event per session, in UTC, with a UID that stays the
// same for the session, so a later file (higher SEQUENCE) updates the events instead of adding new ones.

export interface CalendarSession {
  id: string;
  ordinal: number;
  /** UTC instants (ISO 8601). */
  startsAt: string;
  endsAt: string;
  question: string;
  /** Address or "Online"; empty when not known. */
  location: string;
}

export interface SeriesCalendarInput {
  seriesId: string;
  seriesTitle: string;
  organiserName: string;
  organiserEmail: string;
  sessions: CalendarSession[];
  /** Raise it whenever a session's time or place changes. Default 0. */
  sequence?: number;
  /** The series page, linked from every event. */
  seriesUrl?: string;
  /** DTSTAMP: when the file was made. Default now. */
  stamp?: Date;
}

export const ICS_PRODID = '-//Holdet//Holdet//DA';

/** The stable UID of a session's event. */
export function sessionUid(sessionId: string): string {
  return `session-${sessionId}@holdet`;
}

/** The whole series as an iCalendar text (CRLF line ends, METHOD:PUBLISH). */
export function seriesCalendar(input: SeriesCalendarInput): string {
  const calendar = ical({
    prodId: { company: 'Holdet', product: 'Holdet', language: 'DA' },
    method: ICalCalendarMethod.PUBLISH,
    name: input.seriesTitle,
  });
  const stamp = input.stamp ?? new Date();
  const organizer = input.organiserEmail ? { name: input.organiserName, email: input.organiserEmail } : null;
  for (const session of [...input.sessions].sort((a, b) => a.ordinal - b.ordinal)) {
    calendar.createEvent({
      id: sessionUid(session.id),
      sequence: input.sequence ?? 0,
      stamp,
      start: new Date(session.startsAt),
      end: new Date(session.endsAt),
      summary: `${input.seriesTitle} – session ${session.ordinal}: ${session.question}`,
      location: session.location || null,
      organizer,
      url: input.seriesUrl ?? null,
      description: input.seriesUrl ?? null,
    });
  }
  // RFC 5545 ends every content line, the last one too, with CRLF.
  const text = calendar.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}
