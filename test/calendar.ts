import ical, { type VEvent } from 'node-ical';

// Calendar files as a real client reads them (node-ical), for the tests and the bench: the METHOD of the
// iTIP message and its events, from an .ics text, a mail's attachments, or an outbox row's attachments JSON.

export interface ReadCalendar {
  filename: string;
  method: string | undefined;
  events: VEvent[];
}

/** One .ics text: its METHOD and its VEVENTs. */
export function readCalendar(ics: string): Omit<ReadCalendar, 'filename'> {
  const data = ical.sync.parseICS(ics);
  const events = Object.values(data).filter((c): c is VEvent => c?.type === 'VEVENT');
  return { method: (data.vcalendar as { method?: string } | undefined)?.method, events };
}

/** Every calendar file among a mail's attachments (base64 content), in order. */
export function calendarsOf(
  attachments: readonly { filename: string; contentType: string; content?: string }[] | string | undefined,
): ReadCalendar[] {
  const list = typeof attachments === 'string' ? JSON.parse(attachments) : (attachments ?? []);
  return (list as { filename: string; contentType: string; content?: string }[])
    .filter((a) => a.contentType.startsWith('text/calendar'))
    .map((a) => ({
      filename: a.filename,
      ...readCalendar(Buffer.from(a.content ?? '', 'base64').toString('utf8')),
    }));
}
