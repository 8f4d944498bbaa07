import type { VEvent } from 'node-ical';
import { describe, expect, it } from 'vitest';
import { calendarsOf } from '../../../test/calendar.ts';
import { expectInBoth } from '../../../test/mail.ts';
import type { OutgoingMail } from '../../email/outbox.ts';
import { copenhagenToUtc } from '../../shared/danish.ts';
import { confirmedMail, type RegistrationMailContext } from '../registration/emails.ts';
import { type SessionMailContext, sessionCancelledMail, sessionChangedMail } from './emails.ts';

// The mails about a changed or cancelled session: what changed in plain words (old → new, Copenhagen time,
// Danish formats), in Danish and English, and one calendar file that a real parser (node-ical) reads as the
// same entry as the confirmation's — same UID, higher SEQUENCE — moved (REQUEST) or removed (CANCEL).

const PLACE = 'Væksthuset, Glentevej 67, 2400 København NV';
const OTHER_PLACE = 'Jobcenter Østby, Torvet 1, 8000 Aarhus C';
const LINK = 'https://meet.example.dk/session-2?pwd=abc';
const SESSION_ID = '00000000-0000-4000-8000-000000000002';
const TITLE = 'Beskæftigelsesfaglig masterclass 2027';
const QUESTION = 'Hvordan bringer vi flere mennesker i udsatte positioner i job?';
const ORGANISER = {
  name: 'Væksthusets Kompetencecenter',
  email: 'kompetencecenter@example.dk',
  phone: '+45 70 20 30 40',
};

// Session 2 on the day after summer time begins: 10.00–12.00 Copenhagen = 08:00–10:00 UTC.
const BEFORE = {
  startsAt: copenhagenToUtc('2027-03-29', '10:00'),
  endsAt: copenhagenToUtc('2027-03-29', '12:00'),
  place: PLACE,
  mode: 'in_person' as const,
};

function context(lang: 'da' | 'en', over: Partial<SessionMailContext> = {}): SessionMailContext {
  return {
    lang,
    to: 'mette.hojgaard@example.dk',
    name: 'Mette Højgaard',
    seriesTitle: TITLE,
    myPageUrl: 'https://holdet.example.dk/mit-hold/beskaeftigelsesfaglig-masterclass-2027',
    organiser: ORGANISER,
    session: {
      id: SESSION_ID,
      ordinal: 2,
      question: QUESTION,
      ...BEFORE,
      meetingUrl: null,
      sequence: 1,
    },
    before: BEFORE,
    changed: { time: false, place: false, mode: false },
    seriesId: 'series-2027',
    ...over,
  };
}

/** The confirmation the participant got first: session 2 among the four, SEQUENCE 0. */
function confirmation(): OutgoingMail {
  const c: RegistrationMailContext = {
    lang: 'da',
    to: 'mette.hojgaard@example.dk',
    participantName: 'Mette Højgaard',
    seriesTitle: TITLE,
    seriesUrl: 'https://holdet.example.dk/serier/beskaeftigelsesfaglig-masterclass-2027',
    myPageUrl: 'https://holdet.example.dk/min-side',
    seriesId: 'series-2027',
    organiser: ORGANISER,
    sessions: [1, 2, 3, 4].map((n) => ({
      id: `00000000-0000-4000-8000-00000000000${n}`,
      ordinal: n,
      startsAt: n === 2 ? BEFORE.startsAt : `2027-0${5 + n}-07T08:00:00.000Z`,
      endsAt: n === 2 ? BEFORE.endsAt : `2027-0${5 + n}-07T10:00:00.000Z`,
      question: n === 2 ? QUESTION : `Spørgsmål ${n}?`,
      place: PLACE,
      mode: 'in_person',
      meetingUrl: null,
      sequence: 0,
      status: 'scheduled',
    })),
  };
  return confirmedMail({ ...c, publicBuyer: true, priceExclOre: 1_800_000, priceInclOre: 2_250_000 });
}

/** Each calendar file of a mail, as node-ical reads it: one event each. */
function calendars(mail: OutgoingMail): { filename: string; method: string | undefined; event: VEvent }[] {
  return calendarsOf(mail.attachments).map((c) => {
    expect(c.events).toHaveLength(1);
    const [event] = c.events;
    if (!event) throw new Error('no VEVENT');
    return { filename: c.filename, method: c.method, event };
  });
}

function expectWellFormed(mail: OutgoingMail, lang: 'da' | 'en'): void {
  expect(mail.to).toBe('mette.hojgaard@example.dk');
  expect(mail.html.startsWith(`<!doctype html><html lang="${lang}">`)).toBe(true);
  expect(mail.text.split('\n')[0]).toBe(mail.subject);
  for (const body of [mail.text, mail.html])
    expect(body).not.toMatch(/\bundefined\b|\bnull\b|\bNaN\b|\[object/);
  // Subjects name the series, never a person or a link (retention keeps them).
  expect(mail.subject).not.toMatch(/Mette|https?:/);
}

describe('session changed mail', () => {
  it('says in Danish that the session moved, old time → new time, and carries a REQUEST with the next SEQUENCE', () => {
    const moved = context('da', {
      session: {
        ...context('da').session,
        // Moved back across the change to summer time: 10.00–12.00 on Friday 26 March = 09:00–11:00 UTC.
        startsAt: copenhagenToUtc('2027-03-26', '10:00'),
        endsAt: copenhagenToUtc('2027-03-26', '12:00'),
        sequence: 1,
      },
      changed: { time: true, place: false, mode: false },
    });
    const mail = sessionChangedMail(moved);
    expect(mail.kind).toBe('session.changed');
    expect(mail.subject).toBe('Ændring i session 2 af Beskæftigelsesfaglig masterclass 2027');
    expectWellFormed(mail, 'da');
    expectInBoth(mail, [
      'Kære Mette Højgaard,',
      'Vi har ændret session 2 af Beskæftigelsesfaglig masterclass 2027.',
      'Sessionen er flyttet fra mandag d. 29. marts 2027, kl. 10.00–12.00 til fredag d. 26. marts 2027, kl. 10.00–12.00.',
      'Hvordan bringer vi flere mennesker i udsatte positioner i job?',
      PLACE,
      'Den vedhæftede kalenderfil (session-2.ics) retter aftalen i din kalender',
      'https://holdet.example.dk/mit-hold/beskaeftigelsesfaglig-masterclass-2027',
      'kompetencecenter@example.dk',
      'Venlig hilsen',
    ]);
    expect(mail.text).toContain('Tidspunkt: fredag d. 26. marts 2027, kl. 10.00–12.00');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments?.[0]?.contentType).toBe('text/calendar; charset=utf-8; method=REQUEST');

    // The same entry as the confirmation's: same UID, SEQUENCE 0 → 1, the new instants in UTC.
    const first = calendars(confirmation()).find((f) => f.filename === 'session-2.ics');
    const [update] = calendars(mail);
    expect(first?.event.uid).toBe(`session-${SESSION_ID}@holdet`);
    expect(update?.filename).toBe('session-2.ics');
    expect(update?.method).toBe('REQUEST');
    expect(update?.event.uid).toBe(first?.event.uid);
    expect(Number(first?.event.sequence)).toBe(0);
    expect(Number(update?.event.sequence)).toBe(1);
    expect(update?.event.status).toBe('CONFIRMED');
    expect(first?.event.start.toISOString()).toBe('2027-03-29T08:00:00.000Z');
    expect(first?.event.end?.toISOString()).toBe('2027-03-29T10:00:00.000Z');
    expect(update?.event.start.toISOString()).toBe('2027-03-26T09:00:00.000Z');
    expect(update?.event.end?.toISOString()).toBe('2027-03-26T11:00:00.000Z');
    expect(update?.event.summary).toBe(first?.event.summary);
  });

  it('says the session is now online, gives the meeting link in the mail and in the calendar entry', () => {
    const online = context('da', {
      session: { ...context('da').session, mode: 'online', place: 'Online', meetingUrl: LINK, sequence: 2 },
      changed: { time: false, place: true, mode: true },
    });
    const mail = sessionChangedMail(online);
    expectWellFormed(mail, 'da');
    expectInBoth(mail, [`Sessionen holdes nu online i stedet for på ${PLACE}.`, 'Mødelink', LINK, 'Online']);
    expect(mail.text).toContain(`Mødelink: ${LINK}`);
    expect(mail.text).not.toContain('Stedet er ændret');
    const [file] = calendars(mail);
    expect(Number(file?.event.sequence)).toBe(2);
    expect(file?.event.location).toBe('Online');
    expect(file?.event.description).toContain(`Mødelink: ${LINK}`);
    expect(String((file?.event.url as unknown as { val?: string })?.val ?? file?.event.url)).toBe(LINK);
  });

  it('says the session is back at a venue, and no longer carries the link', () => {
    const back = context('da', {
      session: { ...context('da').session, mode: 'in_person', place: PLACE, meetingUrl: LINK, sequence: 3 },
      before: { ...BEFORE, mode: 'online', place: 'Online' },
      changed: { time: false, place: true, mode: true },
    });
    const mail = sessionChangedMail(back);
    expectInBoth(mail, [`Sessionen holdes nu på ${PLACE} i stedet for online.`]);
    expect(mail.text).not.toContain('meet.example.dk');
    const [file] = calendars(mail);
    expect(file?.event.location).toBe(PLACE);
    expect(file?.event.description).not.toContain('meet.example.dk');
  });

  it('names both venues when only the place changed, and says when the link is still to come', () => {
    const moved = sessionChangedMail(
      context('da', {
        session: { ...context('da').session, place: OTHER_PLACE },
        changed: { time: false, place: true, mode: false },
      }),
    );
    expectInBoth(moved, [`Sessionen holdes nu på ${OTHER_PLACE} i stedet for på ${PLACE}.`]);
    const noLink = sessionChangedMail(
      context('da', {
        session: { ...context('da').session, mode: 'online', place: 'Online', meetingUrl: null },
        changed: { time: false, place: true, mode: true },
      }),
    );
    expectInBoth(noLink, ['Mødelinket sender vi, så snart det er klar.']);
    expectWellFormed(noLink, 'da');
    const nothing = sessionChangedMail(context('da'));
    expectInBoth(nothing, ['Oplysningerne om sessionen er opdateret.']);
  });

  it('speaks English to an English reader, time and mode at once', () => {
    const mail = sessionChangedMail(
      context('en', {
        session: {
          ...context('en').session,
          startsAt: copenhagenToUtc('2027-11-01', '13:00'),
          endsAt: copenhagenToUtc('2027-11-01', '15:30'),
          mode: 'online',
          place: 'Online',
          meetingUrl: LINK,
          sequence: 4,
        },
        changed: { time: true, place: true, mode: true },
      }),
    );
    expect(mail.subject).toBe('Change to session 2 of Beskæftigelsesfaglig masterclass 2027');
    expectWellFormed(mail, 'en');
    expectInBoth(mail, [
      'Dear Mette Højgaard,',
      'The session has moved from Monday 29 March 2027, 10:00–12:00 to Monday 1 November 2027, 13:00–15:30.',
      `The session is now held online instead of at ${PLACE}.`,
      'Meeting link',
      LINK,
      'The attached calendar file (session-2.ics) updates the entry in your calendar',
      'Kind regards',
    ]);
    expect(mail.text).not.toMatch(/mandag|Sessionen/);
    const [file] = calendars(mail);
    // Winter time again on 1 November: 13.00 Copenhagen = 12:00 UTC.
    expect(file?.event.start.toISOString()).toBe('2027-11-01T12:00:00.000Z');
    expect(file?.event.description).toContain(`Meeting link: ${LINK}`);
  });
});

describe('session cancelled mail', () => {
  it('says which session is cancelled and carries a CANCEL for the same UID', () => {
    const c = context('da', { session: { ...context('da').session, sequence: 2 } });
    const mail = sessionCancelledMail(c);
    expect(mail.kind).toBe('session.cancelled');
    expect(mail.subject).toBe('Session 2 af Beskæftigelsesfaglig masterclass 2027 er aflyst');
    expectWellFormed(mail, 'da');
    expectInBoth(mail, [
      'Session 2 af Beskæftigelsesfaglig masterclass 2027, mandag d. 29. marts 2027, kl. 10.00–12.00, er desværre aflyst.',
      'Den vedhæftede kalenderfil (session-2.ics) fjerner aftalen fra din kalender.',
      PLACE,
    ]);
    expect(mail.attachments?.[0]?.contentType).toBe('text/calendar; charset=utf-8; method=CANCEL');
    const [file] = calendars(mail);
    const first = calendars(confirmation()).find((f) => f.filename === 'session-2.ics');
    expect(file?.method).toBe('CANCEL');
    expect(file?.event.status).toBe('CANCELLED');
    expect(file?.event.uid).toBe(first?.event.uid);
    expect(Number(file?.event.sequence)).toBeGreaterThan(Number(first?.event.sequence));

    const en = sessionCancelledMail({ ...c, lang: 'en' });
    expect(en.subject).toBe('Session 2 of Beskæftigelsesfaglig masterclass 2027 has been cancelled');
    expectWellFormed(en, 'en');
    expectInBoth(en, ['has been cancelled', 'removes the entry from your calendar']);
  });

  it('does not hand out the meeting link of a cancelled online session in the mail', () => {
    const mail = sessionCancelledMail(
      context('da', {
        session: { ...context('da').session, mode: 'online', place: 'Online', meetingUrl: LINK },
      }),
    );
    expect(mail.text).not.toContain(LINK);
    expect(mail.text).toContain('Sted: Online');
  });

  it('leaves out the phone line when the organiser has none', () => {
    const mail = sessionCancelledMail(context('da', { organiser: { ...ORGANISER, phone: '' } }));
    expect(mail.text).toContain(
      'Har du spørgsmål, er du velkommen til at skrive til kompetencecenter@example.dk.',
    );
    expect(mail.text).not.toContain('Tlf.');
  });
});
