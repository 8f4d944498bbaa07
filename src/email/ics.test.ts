import type { VEvent } from 'node-ical';
import { describe, expect, it } from 'vitest';
import { readCalendar } from '../../test/calendar.ts';
import { copenhagenToUtc } from '../shared/danish.ts';
import {
  type CalendarSession,
  calendarAttachment,
  calendarContentType,
  type SessionsCalendarInput,
  sessionEvent,
  sessionFilename,
  sessionsCalendar,
  sessionUid,
} from './ics.ts';

// The calendar files as iTIP messages: the raw text (CRLF, folding, one VEVENT, UTC) and what a real parser
// (node-ical) reads from it — METHOD, UID, SEQUENCE, STATUS, ORGANIZER/ATTENDEE and the instants.

const ORGANISER = { name: 'Væksthusets Kompetencecenter', email: 'kompetencecenter@example.dk' };
const ATTENDEE = { name: 'Mette Højgaard', email: 'mette.hojgaard@example.dk' };
const TITLE = 'Beskæftigelsesfaglig masterclass 2027';
const PLACE = 'Væksthuset, Glentevej 67, 2400 København NV';
const STAMP = new Date('2027-01-15T09:00:00.000Z');

const SESSION: CalendarSession = {
  id: '00000000-0000-4000-8000-000000000002',
  ordinal: 2,
  question: 'Hvordan bringer vi flere mennesker i udsatte positioner i job?',
  // The day after summer time begins (28 March 2027): 10.00–12.00 in Copenhagen is 08:00–10:00 UTC.
  startsAt: copenhagenToUtc('2027-03-29', '10:00'),
  endsAt: copenhagenToUtc('2027-03-29', '12:00'),
  place: PLACE,
  mode: 'in_person',
  meetingUrl: null,
  sequence: 0,
};

function input(method: 'REQUEST' | 'CANCEL', s: CalendarSession = SESSION): SessionsCalendarInput {
  return {
    method,
    organiser: ORGANISER,
    attendee: ATTENDEE,
    calendarName: TITLE,
    events: [
      sessionEvent(s, { lang: 'da', seriesTitle: TITLE, pageUrl: 'https://holdet.example.dk/serier/x' }),
    ],
    stamp: STAMP,
  };
}

/** The logical lines: folded continuation lines (CRLF + space) joined back. */
function unfold(ics: string): string[] {
  return ics.replace(/\r\n[ \t]/g, '').split('\r\n');
}

/** What node-ical reads: the calendar's METHOD and its one event. */
function parse(ics: string): { method: string | undefined; event: VEvent; events: number } {
  const { method, events } = readCalendar(ics);
  const [event] = events;
  if (!event) throw new Error('no VEVENT');
  return { method, event, events: events.length };
}

/** An ORGANIZER/ATTENDEE value as node-ical gives it: `{ params, val }`. */
function address(v: unknown): { val: string; params: Record<string, unknown> } {
  const one = Array.isArray(v) ? v[0] : v;
  return one as { val: string; params: Record<string, unknown> };
}

describe('session calendar file (iTIP)', () => {
  const request = sessionsCalendar(input('REQUEST'));

  it('is one VCALENDAR with CRLF line ends, PRODID, METHOD:REQUEST and lines of at most 75 octets', () => {
    expect(request.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(request.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(request.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = unfold(request);
    expect(lines).toContain('PRODID:-//Holdet//Holdet//DA');
    expect(lines).toContain('METHOD:REQUEST');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
    for (const physical of request.split('\r\n'))
      expect(Buffer.byteLength(physical, 'utf8')).toBeLessThanOrEqual(75);
  });

  it('carries the UID, SEQUENCE, UTC times, STATUS:CONFIRMED, ORGANIZER and ATTENDEE with RSVP=FALSE', () => {
    const lines = unfold(request);
    expect(lines).toContain(`UID:session-${SESSION.id}@holdet`);
    expect(lines).toContain('SEQUENCE:0');
    expect(lines).toContain('DTSTAMP:20270115T090000Z');
    expect(lines).toContain('DTSTART:20270329T080000Z');
    expect(lines).toContain('DTEND:20270329T100000Z');
    expect(lines).toContain('STATUS:CONFIRMED');
    expect(lines).toContain('LOCATION:Væksthuset\\, Glentevej 67\\, 2400 København NV');
    expect(lines).toContain(
      'SUMMARY:Beskæftigelsesfaglig masterclass 2027 – session 2: Hvordan bringer vi flere mennesker i udsatte positioner i job?',
    );
    expect(lines).toContain('ORGANIZER;CN="Væksthusets Kompetencecenter":mailto:kompetencecenter@example.dk');
    const attendee = lines.find((l) => l.startsWith('ATTENDEE'));
    expect(attendee).toContain('RSVP=FALSE');
    expect(attendee).toContain('ROLE=REQ-PARTICIPANT');
    expect(attendee?.toLowerCase()).toContain('mailto:mette.hojgaard@example.dk');
    expect(lines.some((l) => /^DT(START|END)[;:]/.test(l) && !l.endsWith('Z'))).toBe(false);
    expect(request).not.toContain('TZID');
  });

  it('reads back with node-ical: METHOD, UID, SEQUENCE, STATUS, instants, organiser and attendee', () => {
    const { method, event, events } = parse(request);
    expect(method).toBe('REQUEST');
    expect(events).toBe(1);
    expect(event.uid).toBe(sessionUid(SESSION.id));
    expect(Number(event.sequence)).toBe(0);
    expect(event.status).toBe('CONFIRMED');
    expect(event.start.toISOString()).toBe('2027-03-29T08:00:00.000Z');
    expect(event.end?.toISOString()).toBe('2027-03-29T10:00:00.000Z');
    expect(event.location).toBe(PLACE);
    expect(address(event.organizer).val.toLowerCase()).toBe('mailto:kompetencecenter@example.dk');
    const attendee = address(event.attendee);
    expect(attendee.val.toLowerCase()).toBe('mailto:mette.hojgaard@example.dk');
    expect(String(attendee.params.RSVP).toUpperCase()).toBe('FALSE');
  });

  it('a change is a REQUEST for the same UID with a higher SEQUENCE; a cancellation a CANCEL', () => {
    const moved = sessionsCalendar(
      input('REQUEST', {
        ...SESSION,
        sequence: 1,
        startsAt: copenhagenToUtc('2027-03-26', '10:00'),
        endsAt: copenhagenToUtc('2027-03-26', '12:00'),
      }),
    );
    const cancelled = sessionsCalendar(input('CANCEL', { ...SESSION, sequence: 2 }));
    const [first, second, third] = [request, moved, cancelled].map(parse);
    expect([first, second, third].map((p) => p?.event.uid)).toEqual(Array(3).fill(sessionUid(SESSION.id)));
    expect([first, second, third].map((p) => Number(p?.event.sequence))).toEqual([0, 1, 2]);
    expect([first, second, third].map((p) => p?.method)).toEqual(['REQUEST', 'REQUEST', 'CANCEL']);
    expect(third?.event.status).toBe('CANCELLED');
    // Before summer time begins, 10.00 in Copenhagen is 09:00 UTC.
    expect(second?.event.start.toISOString()).toBe('2027-03-26T09:00:00.000Z');
    expect(unfold(cancelled)).toContain('METHOD:CANCEL');
    expect(unfold(cancelled)).toContain('STATUS:CANCELLED');
    // The CANCEL names the organiser and the attendee too (RFC 5546: both in a CANCEL).
    expect(address(third?.event.organizer).val.toLowerCase()).toBe('mailto:kompetencecenter@example.dk');
    expect(address(third?.event.attendee).val.toLowerCase()).toBe('mailto:mette.hojgaard@example.dk');
  });

  it('writes the Copenhagen wall-clock time as the right UTC instant on both sides of each change', () => {
    const cases: [day: string, utc: string][] = [
      ['2027-03-26', '2027-03-26T09:00:00.000Z'], // winter time (CET, UTC+1)
      ['2027-03-29', '2027-03-29T08:00:00.000Z'], // summer time from 28 March (CEST, UTC+2)
      ['2027-10-25', '2027-10-25T08:00:00.000Z'], // still summer time: it ends on 31 October 2027
      ['2027-11-01', '2027-11-01T09:00:00.000Z'], // winter time again
    ];
    for (const [day, utc] of cases) {
      const s = {
        ...SESSION,
        startsAt: copenhagenToUtc(day, '10:00'),
        endsAt: copenhagenToUtc(day, '12:00'),
      };
      const { event } = parse(sessionsCalendar(input('REQUEST', s)));
      expect(event.start.toISOString(), day).toBe(utc);
      expect((event.end?.getTime() ?? 0) - event.start.getTime(), day).toBe(2 * 3600 * 1000);
    }
  });

  it('puts an online session\'s meeting link in URL and DESCRIPTION, with "Online" as the place', () => {
    const online = { ...SESSION, mode: 'online' as const, meetingUrl: 'https://meet.example.dk/abc?pwd=1' };
    const { event } = parse(sessionsCalendar(input('REQUEST', online)));
    expect(event.location).toBe('Online');
    expect(event.description).toContain('Mødelink: https://meet.example.dk/abc?pwd=1');
    expect(String((event.url as unknown as { val?: string })?.val ?? event.url)).toBe(
      'https://meet.example.dk/abc?pwd=1',
    );
    // A link kept from an earlier online spell is not handed out for a session held in person.
    const back = sessionEvent(
      { ...online, mode: 'in_person' },
      { lang: 'en', seriesTitle: TITLE, pageUrl: 'https://holdet.example.dk/mit-hold' },
    );
    expect(back.location).toBe(PLACE);
    expect(back.description).not.toContain('meet.example.dk');
    expect(back.url).toBe('https://holdet.example.dk/mit-hold');
    expect(back.description).toContain('Programme: https://holdet.example.dk/mit-hold');
  });

  it('leaves out an unknown place, and refuses more than one session per message', () => {
    const noPlace = sessionsCalendar(input('REQUEST', { ...SESSION, place: '' }));
    expect(noPlace).not.toContain('LOCATION');
    const two = input('REQUEST');
    const [event] = two.events;
    if (!event) throw new Error('no event');
    expect(() => sessionsCalendar({ ...two, events: [event, { ...event, sessionId: 'other' }] })).toThrow(
      RangeError,
    );
    expect(() => sessionsCalendar({ ...two, events: [] })).toThrow(RangeError);
  });

  it('attaches as text/calendar with the method, named by the session number', () => {
    const a = calendarAttachment(sessionFilename(2), 'CANCEL', 'BEGIN:VCALENDAR\r\n');
    expect(a).toEqual({
      filename: 'session-2.ics',
      contentType: 'text/calendar; charset=utf-8; method=CANCEL',
      content: Buffer.from('BEGIN:VCALENDAR\r\n').toString('base64'),
    });
    expect(calendarContentType('REQUEST')).toBe('text/calendar; charset=utf-8; method=REQUEST');
  });
});
