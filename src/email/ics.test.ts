import { describe, expect, it } from 'vitest';
import { seriesCalendar, sessionUid } from './ics.ts';

const SESSIONS = [
  ['2027-06-07', 'Hvordan får vi forskning og praksis til at spille sammen?'],
  ['2027-08-30', 'Hvordan bringer vi flere mennesker i udsatte positioner i job?'],
  ['2027-10-04', 'Hvad virker, når vi samarbejder på tværs af kommune, region og stat?'],
  ['2027-11-22', 'Hvordan skaber vi rum for beskæftigelsesfagligheden?'],
].map(([day, question], i) => ({
  id: `00000000-0000-4000-8000-00000000000${i + 1}`,
  ordinal: i + 1,
  // UTC instants; the file must carry them as UTC (…Z), whatever the zone.
  startsAt: `${day}T08:00:00.000Z`,
  endsAt: `${day}T12:30:00.000Z`,
  question: question ?? '',
  location: 'Væksthuset, Glentevej 67, 2400 København NV',
}));

const INPUT = {
  seriesId: 'series-2027',
  seriesTitle: 'Beskæftigelsesfaglig masterclass 2027',
  organiserName: 'Væksthusets Kompetencecenter',
  organiserEmail: 'kompetencecenter@example.dk',
  sessions: SESSIONS,
  stamp: new Date('2027-01-15T09:00:00.000Z'),
};

/** The logical lines: folded continuation lines (CRLF + space) joined back. */
function unfold(ics: string): string[] {
  return ics.replace(/\r\n[ \t]/g, '').split('\r\n');
}

function events(ics: string): string[][] {
  const out: string[][] = [];
  let current: string[] | null = null;
  for (const line of unfold(ics)) {
    if (line === 'BEGIN:VEVENT') current = [];
    else if (line === 'END:VEVENT' && current) {
      out.push(current);
      current = null;
    } else current?.push(line);
  }
  return out;
}

describe('series calendar (.ics)', () => {
  const ics = seriesCalendar(INPUT);

  it('is one VCALENDAR with CRLF line ends, PRODID, METHOD:PUBLISH and lines of at most 75 octets', () => {
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = unfold(ics);
    expect(lines).toContain('PRODID:-//Holdet//Holdet//DA');
    expect(lines).toContain('METHOD:PUBLISH');
    expect(lines.filter((l) => l === 'BEGIN:VCALENDAR')).toHaveLength(1);
    for (const physical of ics.split('\r\n'))
      expect(Buffer.byteLength(physical, 'utf8')).toBeLessThanOrEqual(75);
  });

  it('has one event per session with a stable UID, UTC times, summary, location and SEQUENCE', () => {
    const all = events(ics);
    expect(all).toHaveLength(4);
    all.forEach((lines, i) => {
      const session = SESSIONS[i];
      if (!session) throw new Error('missing session');
      const day = session.startsAt.slice(0, 10).replace(/-/g, '');
      expect(lines).toContain(`UID:session-${session.id}@holdet`);
      expect(lines).toContain(`DTSTART:${day}T080000Z`);
      expect(lines).toContain(`DTEND:${day}T123000Z`);
      expect(lines).toContain('DTSTAMP:20270115T090000Z');
      expect(lines).toContain('SEQUENCE:0');
      expect(lines).toContain(
        `SUMMARY:Beskæftigelsesfaglig masterclass 2027 – session ${i + 1}: ${session.question.replace(/,/g, '\\,')}`,
      );
      expect(lines).toContain('LOCATION:Væksthuset\\, Glentevej 67\\, 2400 København NV');
      expect(lines.some((l) => l.startsWith('ORGANIZER;CN="Væksthusets Kompetencecenter":mailto:'))).toBe(
        true,
      );
    });
  });

  it('keeps the UIDs when the file is made again, and carries a raised SEQUENCE', () => {
    const again = seriesCalendar({ ...INPUT, sequence: 2, stamp: new Date('2027-03-01T10:00:00.000Z') });
    const uids = (text: string) => unfold(text).filter((l) => l.startsWith('UID:'));
    expect(uids(again)).toEqual(uids(ics));
    expect(uids(ics)).toEqual(SESSIONS.map((s) => `UID:${sessionUid(s.id)}`));
    expect(unfold(again).filter((l) => l.startsWith('SEQUENCE:'))).toEqual(Array(4).fill('SEQUENCE:2'));
  });

  it('lists the sessions in order and leaves out an unknown place', () => {
    const shuffled = seriesCalendar({
      ...INPUT,
      sessions: [SESSIONS[2], SESSIONS[0]].map((s) => ({
        ...(s as (typeof SESSIONS)[number]),
        location: '',
      })),
    });
    const all = events(shuffled);
    expect(all.map((lines) => lines.find((l) => l.startsWith('UID:')))).toEqual([
      `UID:${sessionUid(SESSIONS[0]?.id ?? '')}`,
      `UID:${sessionUid(SESSIONS[2]?.id ?? '')}`,
    ]);
    expect(shuffled).not.toContain('LOCATION');
  });
});
