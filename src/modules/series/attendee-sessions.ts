import type { Executor } from '../../db/database.ts';
import type { Lang } from '../../shared/danish.ts';
import { attendeeSessionRows } from './queries.ts';
import type { SessionMode, SessionStatus } from './table.ts';

// The sessions of a series as their attendees' mails and calendar files need them: with the meeting link of
// an online session, the calendar SEQUENCE and the status. NOT for public pages: the meeting link is shown
// only to the session's attendees (Mit hold, their mails and calendar entries).

export interface AttendeeSession {
  id: string;
  ordinal: number;
  /** UTC instants (ISO 8601). */
  startsAt: string;
  endsAt: string;
  /** In the reader's language. */
  question: string;
  /** "Venue, street, postal code city" (the session's venue, else the series'), "Online", or '' if none. */
  place: string;
  mode: SessionMode;
  /** Only when the session is online (a link kept from an earlier online spell is not handed out). */
  meetingUrl: string | null;
  /** The SEQUENCE of the session's calendar event. */
  sequence: number;
  status: SessionStatus;
}

/** Every session of the series in order, cancelled ones too (marked by `status`). One query. */
export async function attendeeSessions(
  db: Executor,
  seriesId: string,
  lang: Lang,
): Promise<AttendeeSession[]> {
  const rows = await attendeeSessionRows(db, seriesId);
  return rows.map((r) => {
    const online = r.mode === 'online';
    const venue =
      r.venue_name !== null
        ? `${r.venue_name}, ${r.venue_street}, ${r.venue_postal_code} ${r.venue_city}`
        : '';
    return {
      id: r.id,
      ordinal: r.ordinal,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      question: lang === 'da' ? r.question_da : r.question_en,
      place: online ? 'Online' : venue,
      mode: r.mode,
      meetingUrl: online ? r.meeting_url : null,
      sequence: Number(r.sequence),
      status: r.status,
    };
  });
}
