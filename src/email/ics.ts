import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
} from 'ical-generator';
import type { Lang } from '../shared/danish.ts';
import type { Attachment } from './outbox.ts';

// Calendar files as iTIP scheduling messages (RFC 5546) carried by mail (iMIP, RFC 6047): the confirmation
// puts each session in the attendee's calendar with METHOD:REQUEST, a later change to a session sends a
// REQUEST for the same UID with a higher SEQUENCE (the entry moves), a cancelled session a CANCEL.
//
// ONE SESSION PER FILE (one UID per iTIP message). Why, and not one file with every session:
// - RFC 5546 identifies a component by its UID (with RECURRENCE-ID for one instance of a recurring one) and
//   orders its revisions by SEQUENCE (section 2.1.5), per UID. iMIP (RFC 6047, section 4.4) does allow
//   several components of one type under one METHOD, so a four-VEVENT REQUEST is legal iCalendar; but
//   an iTIP message is the organiser's transaction on *one* calendar object, and CalDAV scheduling
//   (RFC 6638) and every scheduling client treat it so.
// - Outlook (Microsoft's [MS-STANOICAL] 2.2.175, on RFC 6047 section 4.4): "On import, all but the first
//   VEVENT are ignored." A multi-event REQUEST would put only session 1 in an Outlook calendar, and the
//   later REQUEST/CANCEL of sessions 2–4 would find no entry to move. CalConnect's iMIP developer guide
//   likewise recommends one iMIP object per message part.
// - The sessions change one at a time (each its own SEQUENCE); the mail about a change carries that one
//   session, so the first files must already be one per session for the UIDs to line up everywhere.
// So `sessionsCalendar` takes exactly one event (an array only to keep the shape of the design contract),
// and the confirmation mail attaches one file per session.

export const ICS_PRODID = '-//Holdet//Holdet//DA';

export type CalendarMethod = 'REQUEST' | 'CANCEL';

/** One session as a VEVENT. */
export interface CalendarEvent {
  sessionId: string;
  /** The session's own SEQUENCE (session.sequence): raised on every change to its time, place or mode. */
  sequence: number;
  /** UTC instants (ISO 8601); written as UTC (…Z). */
  startsAt: string;
  endsAt: string;
  summary: string;
  /** Address or "Online"; empty when not known (then no LOCATION). */
  location: string;
  description: string;
  url: string | null;
}

export interface SessionsCalendarInput {
  method: CalendarMethod;
  organiser: { name: string; email: string };
  /** Whom the file is for: their own ATTENDEE line (RSVP=FALSE: nothing to answer). */
  attendee: { name: string; email: string };
  calendarName: string;
  /** Exactly one event: one UID per iTIP message (see above). */
  events: CalendarEvent[];
  /** DTSTAMP: when the file was made. Default now. */
  stamp?: Date;
}

/** The stable UID of a session's event: the same in the confirmation and every later change. */
export function sessionUid(sessionId: string): string {
  return `session-${sessionId}@holdet`;
}

/** An iTIP message (CRLF line ends) for one session: REQUEST (add or move the entry) or CANCEL. */
export function sessionsCalendar(input: SessionsCalendarInput): string {
  if (input.events.length !== 1) throw new RangeError('one iTIP message carries one session (one UID)');
  const cancel = input.method === 'CANCEL';
  const calendar = ical({
    prodId: { company: 'Holdet', product: 'Holdet', language: 'DA' },
    method: cancel ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    name: input.calendarName,
  });
  const stamp = input.stamp ?? new Date();
  for (const event of input.events) {
    calendar.createEvent({
      id: sessionUid(event.sessionId),
      sequence: event.sequence,
      stamp,
      start: new Date(event.startsAt),
      end: new Date(event.endsAt),
      summary: event.summary,
      location: event.location || null,
      description: event.description || null,
      url: event.url,
      status: cancel ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      // iTIP requires the ORGANIZER in REQUEST and CANCEL; Outlook matches the entry by UID and organiser.
      organizer: { name: input.organiser.name, email: input.organiser.email },
      attendees: [
        {
          name: input.attendee.name,
          email: input.attendee.email,
          role: ICalAttendeeRole.REQ,
          // The seat (or the role) is already theirs: nothing to accept, nothing to answer.
          status: ICalAttendeeStatus.ACCEPTED,
          rsvp: false,
        },
      ],
    });
  }
  // RFC 5545 ends every content line, the last one too, with CRLF.
  const text = calendar.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}

/** The MIME type of an iMIP part (RFC 6047 section 2.4: the method as a parameter). */
export function calendarContentType(method: CalendarMethod): string {
  return `text/calendar; charset=utf-8; method=${method}`;
}

/** "session-2.ics": the file of one session, by its number in the series. */
export function sessionFilename(ordinal: number): string {
  return `session-${ordinal}.ics`;
}

/** A session's calendar file as a mail attachment. */
export function calendarAttachment(filename: string, method: CalendarMethod, ics: string): Attachment {
  return {
    filename,
    contentType: calendarContentType(method),
    content: Buffer.from(ics, 'utf8').toString('base64'),
  };
}

/** What a session's calendar entry says, whichever mail carries it (the same summary every time). */
export interface CalendarSession {
  id: string;
  ordinal: number;
  question: string;
  startsAt: string;
  endsAt: string;
  /** Venue text or "Online". */
  place: string;
  mode: 'in_person' | 'online';
  /** Only for the session's attendees; shown only when the session is online. */
  meetingUrl: string | null;
  sequence: number;
}

const EVENT_TEXTS: Record<Lang, { meetingLink: string; programme: string }> = {
  da: { meetingLink: 'Mødelink', programme: 'Programmet' },
  en: { meetingLink: 'Meeting link', programme: 'Programme' },
};

/**
 * The VEVENT of a session: "<series> – session <n>: <question>"; an online session's LOCATION is "Online"
 * and its URL and DESCRIPTION carry the meeting link (the files go only to the session's attendees);
 * otherwise the URL is `pageUrl` (the series page or Mit hold).
 */
export function sessionEvent(
  s: CalendarSession,
  o: { lang: Lang; seriesTitle: string; pageUrl: string | null },
): CalendarEvent {
  const t = EVENT_TEXTS[o.lang];
  const online = s.mode === 'online';
  const link = online ? s.meetingUrl : null;
  const description = [
    s.question,
    link ? `${t.meetingLink}: ${link}` : '',
    o.pageUrl ? `${t.programme}: ${o.pageUrl}` : '',
  ].filter((line) => line !== '');
  return {
    sessionId: s.id,
    sequence: s.sequence,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    summary: `${o.seriesTitle} – session ${s.ordinal}: ${s.question}`,
    location: online ? 'Online' : s.place,
    description: description.join('\n\n'),
    url: link ?? o.pageUrl,
  };
}
