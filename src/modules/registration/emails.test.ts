import { describe, expect, it } from 'vitest';
import { calendarsOf } from '../../../test/calendar.ts';
import { expectInBoth } from '../../../test/mail.ts';
import type { OutgoingMail } from '../../email/outbox.ts';
import {
  CALENDAR_CONTENT_TYPE,
  cancelledMail,
  confirmedMail,
  offerExpiredMail,
  offeredMail,
  type RegistrationMailContext,
  waitlistedMail,
} from './emails.ts';

// The registration mails: right facts in the right language, plain text and HTML saying the same things.

const NBSP = '\u00a0';
const PLACE = 'Væksthuset, Glentevej 67, 2400 København NV';

function context(lang: 'da' | 'en'): RegistrationMailContext {
  return {
    lang,
    to: 'mette.hojgaard@example.dk',
    participantName: 'Mette Højgaard',
    seriesTitle: 'Beskæftigelsesfaglig masterclass 2027',
    seriesUrl: 'https://holdet.example.dk/serier/beskaeftigelsesfaglig-masterclass-2027',
    myPageUrl: 'https://holdet.example.dk/min-side',
    seriesId: 'series-2027',
    organiser: {
      name: 'Væksthusets Kompetencecenter',
      email: 'kompetencecenter@example.dk',
      phone: '+45 70 20 30 40',
    },
    // The source's four Mondays, 10.00–14.30 Copenhagen time (summer and winter time).
    sessions: [
      ['2027-06-07T08:00:00.000Z', '2027-06-07T12:30:00.000Z'],
      ['2027-08-30T08:00:00.000Z', '2027-08-30T12:30:00.000Z'],
      ['2027-10-04T08:00:00.000Z', '2027-10-04T12:30:00.000Z'],
      ['2027-11-22T09:00:00.000Z', '2027-11-22T13:30:00.000Z'],
    ].map(([startsAt = '', endsAt = ''], i) => ({
      id: `session-${i + 1}`,
      ordinal: i + 1,
      startsAt,
      endsAt,
      question: `Spørgsmål ${i + 1}?`,
      place: PLACE,
      mode: 'in_person' as const,
      meetingUrl: null,
      sequence: 0,
      status: 'scheduled' as const,
    })),
  };
}

const PRICE = { priceExclOre: 1_800_000, priceInclOre: 2_250_000 };

const calendars = (mail: OutgoingMail) => calendarsOf(mail.attachments);

function expectWellFormed(mail: OutgoingMail, lang: 'da' | 'en'): void {
  expect(mail.to).toBe('mette.hojgaard@example.dk');
  expect(mail.html.startsWith(`<!doctype html><html lang="${lang}">`)).toBe(true);
  expect(mail.text.split('\n')[0]).toBe(mail.subject);
  // Nothing left unfilled.
  for (const body of [mail.text, mail.html]) {
    expect(body).not.toMatch(/\bundefined\b|\bnull\b|\bNaN\b|\[object/);
  }
}

describe('confirmed mail', () => {
  const da = confirmedMail({ ...context('da'), publicBuyer: true, ...PRICE });

  it('confirms the seat in Danish with dates, times, place, price and the binding rules', () => {
    expect(da.kind).toBe('registration.confirmed');
    expect(da.subject).toBe('Du har fået en plads på Beskæftigelsesfaglig masterclass 2027');
    expectWellFormed(da, 'da');
    expectInBoth(da, [
      'Kære Mette Højgaard,',
      'Session 1',
      'mandag d. 7. juni 2027, kl. 10.00–14.30',
      'mandag d. 30. august 2027, kl. 10.00–14.30',
      'mandag d. 4. oktober 2027, kl. 10.00–14.30',
      'mandag d. 22. november 2027, kl. 10.00–14.30',
      PLACE,
      `18.000${NBSP}kr. ekskl. moms (22.500${NBSP}kr. inkl. moms)`,
      'Tilmeldingen er bindende.',
      'kan du efter aftale sende en kollega fra din organisation i dit sted',
      'Fakturaen sendes som elektronisk faktura (OIOUBL) til jeres EAN-nummer.',
      'session-1.ics, session-2.ics, session-3.ics og session-4.ics',
      'https://holdet.example.dk/min-side',
      'https://holdet.example.dk/serier/beskaeftigelsesfaglig-masterclass-2027',
      'kompetencecenter@example.dk',
      '+45 70 20 30 40',
      'Venlig hilsen',
    ]);
  });

  it('attaches one calendar file per session: an iTIP REQUEST with its own UID and SEQUENCE', () => {
    expect(da.attachments).toHaveLength(4);
    const files = calendars(da);
    expect(da.attachments?.map((a) => a.filename)).toEqual([1, 2, 3, 4].map((n) => `session-${n}.ics`));
    for (const a of da.attachments ?? []) expect(a.contentType).toBe(CALENDAR_CONTENT_TYPE);
    expect(CALENDAR_CONTENT_TYPE).toBe('text/calendar; charset=utf-8; method=REQUEST');
    files.forEach(({ method, events }, i) => {
      expect(method).toBe('REQUEST');
      expect(events).toHaveLength(1);
      expect(events[0]?.uid).toBe(`session-session-${i + 1}@holdet`);
      expect(Number(events[0]?.sequence)).toBe(0);
      expect(events[0]?.status).toBe('CONFIRMED');
      expect(events[0]?.location).toBe(PLACE);
    });
    expect(files[3]?.events[0]?.start.toISOString()).toBe('2027-11-22T09:00:00.000Z');
    const raw = Buffer.from(da.attachments?.[0]?.content ?? '', 'base64').toString('utf8');
    expect(raw.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(raw).toMatch(/ATTENDEE;[^\r]*RSVP=FALSE/);
  });

  it("uses each session's own SEQUENCE, leaves a cancelled session out of the files (marked so in the list) and shows an online session's link", () => {
    const c = context('da');
    const [s1, s2, s3, s4] = c.sessions;
    if (!s1 || !s2 || !s3 || !s4) throw new Error('four sessions');
    const mail = confirmedMail({
      ...c,
      publicBuyer: true,
      ...PRICE,
      sessions: [
        s1,
        { ...s2, sequence: 3, mode: 'online', place: 'Online', meetingUrl: 'https://meet.example.dk/s2' },
        { ...s3, sequence: 1, status: 'cancelled' },
        { ...s4, sequence: 2 },
      ],
    });
    expect(mail.attachments?.map((a) => a.filename)).toEqual([
      'session-1.ics',
      'session-2.ics',
      'session-4.ics',
    ]);
    const events = calendars(mail).map((f) => f.events[0]);
    expect(events.map((e) => e?.uid)).toEqual([1, 2, 4].map((n) => `session-session-${n}@holdet`));
    expect(events.map((e) => Number(e?.sequence))).toEqual([0, 3, 2]);
    expect(events[1]?.location).toBe('Online');
    expect(events[1]?.description).toContain('Mødelink: https://meet.example.dk/s2');
    expectInBoth(mail, [
      'mandag d. 30. august 2027, kl. 10.00–14.30, Online, mødelink: https://meet.example.dk/s2',
      'mandag d. 4. oktober 2027, kl. 10.00–14.30 – aflyst',
      'session-1.ics, session-2.ics og session-4.ics',
    ]);
    expect(mail.text).toContain('Session 3: mandag d. 4. oktober 2027, kl. 10.00–14.30 – aflyst');
    // Mails to people who do not (yet) attend never carry the link.
    for (const other of [
      waitlistedMail({
        ...c,
        sessions: [s1, { ...s2, mode: 'online', place: 'Online', meetingUrl: 'https://meet.example.dk/s2' }],
        position: 2,
      }),
      offeredMail({
        ...c,
        sessions: [{ ...s2, mode: 'online', place: 'Online', meetingUrl: 'https://meet.example.dk/s2' }],
        expiresAt: '2027-05-03T12:00:00.000Z',
      }),
    ]) {
      expect(other.text).not.toContain('meet.example.dk');
      expect(other.html).not.toContain('meet.example.dk');
    }
  });

  it('tells a private buyer that the invoice comes by email', () => {
    const privateBuyer = confirmedMail({ ...context('da'), publicBuyer: false, ...PRICE });
    expect(privateBuyer.text).not.toContain('OIOUBL');
    expect(privateBuyer.text).toContain('Fakturaen sender vi på e-mail');
  });

  it('speaks English to an English reader', () => {
    const en = confirmedMail({ ...context('en'), publicBuyer: true, ...PRICE });
    expect(en.subject).toBe('Your seat on Beskæftigelsesfaglig masterclass 2027 is confirmed');
    expectWellFormed(en, 'en');
    expectInBoth(en, [
      'Dear Mette Højgaard,',
      'Monday 7 June 2027, 10:00–14:30',
      'Monday 22 November 2027, 10:00–14:30',
      `DKK${NBSP}18,000 excl. VAT (DKK${NBSP}22,500 incl. VAT)`,
      'Registration is binding.',
      'The invoice will be sent as an electronic invoice (OIOUBL) to your EAN number.',
      'Kind regards',
    ]);
    expect(en.text).not.toMatch(/mandag|Tilmeldingen/);
    expect(en.attachments).toHaveLength(4);
    expect(en.text).toContain('Each session is in its own attached calendar file');
  });
});

describe('waitlisted mail', () => {
  it('gives the place on the waiting list, in Danish and English', () => {
    const da = waitlistedMail({ ...context('da'), position: 3 });
    expect(da.kind).toBe('registration.waitlisted');
    expect(da.subject).toBe('Du står på ventelisten til Beskæftigelsesfaglig masterclass 2027');
    expectWellFormed(da, 'da');
    expectInBoth(da, [
      'Du er nummer 3 på ventelisten.',
      'Alle pladser er optaget lige nu',
      'det er ikke bindende at stå på ventelisten',
      'mandag d. 7. juni 2027, kl. 10.00–14.30',
      'https://holdet.example.dk/min-side',
    ]);
    expect(da.attachments).toBeUndefined();

    const en = waitlistedMail({ ...context('en'), position: 1 });
    expect(en.subject).toBe('You are on the waiting list for Beskæftigelsesfaglig masterclass 2027');
    expectWellFormed(en, 'en');
    expectInBoth(en, ['You are number 1 on the waiting list.', 'Monday 30 August 2027, 10:00–14:30']);
  });
});

describe('offered mail', () => {
  it('offers the seat with the deadline in Danish date and time and a button to answer', () => {
    const da = offeredMail({ ...context('da'), expiresAt: '2027-05-03T12:00:00.000Z' });
    expect(da.kind).toBe('registration.offered');
    expect(da.subject).toBe('Du har fået tilbudt en plads på Beskæftigelsesfaglig masterclass 2027');
    expectWellFormed(da, 'da');
    expectInBoth(da, [
      'Svar senest mandag d. 3. maj 2027 kl. 14.00.',
      'Svarfrist',
      'Sig ja eller nej til pladsen',
      'går pladsen videre til den næste på ventelisten',
      'Siger du ja, er tilmeldingen bindende',
    ]);
    expect(da.text).toContain('Sig ja eller nej til pladsen:\nhttps://holdet.example.dk/min-side');
    expect(da.html).toContain('href="https://holdet.example.dk/min-side"');

    const en = offeredMail({ ...context('en'), expiresAt: '2027-12-01T16:30:00.000Z' });
    expect(en.subject).toBe('You have been offered a seat on Beskæftigelsesfaglig masterclass 2027');
    expectWellFormed(en, 'en');
    expectInBoth(en, ['Please answer by Wednesday 1 December 2027 at 17:30.', 'Accept or decline the seat']);
  });
});

describe('offer expired mail', () => {
  it('says the offer has lapsed and the seat went on', () => {
    const da = offerExpiredMail(context('da'));
    expect(da.kind).toBe('registration.offer-expired');
    expect(da.subject).toBe('Tilbuddet om en plads på Beskæftigelsesfaglig masterclass 2027 er udløbet');
    expectWellFormed(da, 'da');
    expectInBoth(da, [
      'fristen for at svare er overskredet',
      'den næste på ventelisten',
      'kompetencecenter@example.dk',
    ]);

    const en = offerExpiredMail(context('en'));
    expect(en.subject).toBe('Your offer of a seat on Beskæftigelsesfaglig masterclass 2027 has expired');
    expectWellFormed(en, 'en');
    expectInBoth(en, ['the deadline to answer has passed']);
  });
});

describe('cancelled mail', () => {
  it('confirms the cancellation with the reason given', () => {
    const da = cancelledMail({ ...context('da'), reason: 'Aflyst efter aftale med jer <3 & tak' });
    expect(da.kind).toBe('registration.cancelled');
    expect(da.subject).toBe('Din tilmelding til Beskæftigelsesfaglig masterclass 2027 er annulleret');
    expectWellFormed(da, 'da');
    expectInBoth(da, ['Begrundelse', 'Aflyst efter aftale med jer <3 & tak', 'Er der tale om en fejl']);
    // The organiser's text is escaped in the HTML.
    expect(da.html).not.toContain('<3 &');

    const en = cancelledMail({ ...context('en'), reason: '' });
    expect(en.subject).toBe('Your registration for Beskæftigelsesfaglig masterclass 2027 has been cancelled');
    expectWellFormed(en, 'en');
    expect(en.text).not.toContain('Reason');
  });
});

describe('all registration mails', () => {
  it('leave out the phone line when the organiser has none', () => {
    const c = { ...context('da'), organiser: { name: 'Holdet', email: 'hold@example.dk', phone: '' } };
    const mail = offerExpiredMail(c);
    expect(mail.text).toContain('Har du spørgsmål, er du velkommen til at skrive til hold@example.dk.');
    expect(mail.text).not.toContain('Tlf.');
  });
});
