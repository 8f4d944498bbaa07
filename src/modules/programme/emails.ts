import {
  type CalendarMethod,
  calendarAttachment,
  sessionEvent,
  sessionFilename,
  sessionsCalendar,
} from '../../email/ics.ts';
import type { Attachment, OutgoingMail } from '../../email/outbox.ts';
import { type MailBlock, renderMail } from '../../email/render.tsx';
import { formatDateLong, formatTimeRange, type Lang } from '../../shared/danish.ts';

// The mails about a change that matters to a session's attendees (participants, substitutes, the expert,
// the facilitator): its time, place or mode changed, or it was cancelled. Each says in plain words what
// changed (old → new, Copenhagen time) and carries the session's calendar file — an iTIP REQUEST with the
// same UID and the raised SEQUENCE, which moves the entry made from the confirmation, or a CANCEL, which
// removes it. Pure: the same context gives the same mail (apart from the file's DTSTAMP, unless `stamp`).

export interface SessionMailContext {
  lang: Lang;
  to: string;
  /** The recipient's name (greeting, and their ATTENDEE line in the calendar file). */
  name: string;
  /** With the year ("Beskæftigelsesfaglig masterclass 2027"), as the confirmation's calendar names it. */
  seriesTitle: string;
  /** Mit hold for this series: where the attendee sees the programme (and the meeting link). */
  myPageUrl: string;
  organiser: { name: string; email: string; phone: string };
  /** The session as it is now: the SEQUENCE already raised by the change (or the cancellation). */
  session: {
    id: string;
    ordinal: number;
    question: string;
    /** UTC instants (ISO 8601). */
    startsAt: string;
    endsAt: string;
    /** Venue text, or "Online". */
    place: string;
    mode: 'in_person' | 'online';
    meetingUrl: string | null;
    sequence: number;
  };
  /** The session as it was before the change. */
  before: { startsAt: string; endsAt: string; place: string; mode: 'in_person' | 'online' };
  changed: { time: boolean; place: boolean; mode: boolean };
  seriesId: string;
  /** DTSTAMP of the calendar file (default now). */
  stamp?: Date;
}

/** What the cancellation mail needs: the change mail's context without before and changed, and the note. */
export type SessionCancelledContext = Omit<SessionMailContext, 'before' | 'changed'> & {
  /** The organiser's message (why, what now); '' when none. */
  note?: string;
};

interface Texts {
  greeting: (name: string) => string;
  signOff: string;
  phone: string;
  series: string;
  session: (n: number) => string;
  when: string;
  place: string;
  online: string;
  meetingLink: string;
  sessionWhen: (startsAt: string, endsAt: string) => string;
  contact: (email: string, phone: string) => string;
  myPage: string;

  changedSubject: (n: number, title: string) => string;
  changedIntro: (n: number, title: string) => string;
  timeChanged: (from: string, to: string) => string;
  placeChanged: (from: string, to: string) => string;
  nowOnline: (from: string) => string;
  nowInPerson: (to: string) => string;
  otherChange: string;
  linkFollows: string;
  changedCalendar: (file: string) => string;

  cancelledSubject: (n: number, title: string) => string;
  cancelledIntro: (n: number, title: string, when: string) => string;
  cancelledCalendar: (file: string) => string;
  cancelledNote: string;

  addedSubject: (n: number, title: string) => string;
  addedIntro: (n: number, title: string) => string;
  addedCalendar: (file: string) => string;
  publishedSubject: (n: number, title: string) => string;
  publishedIntro: (n: number, title: string) => string;
  joinedSubject: (n: number, title: string) => string;
  joinedIntro: (n: number, title: string) => string;
  leftSubject: (n: number, title: string) => string;
  leftIntro: (n: number, title: string) => string;
}

const da: Texts = {
  greeting: (name) => `Kære ${name}`,
  signOff: 'Venlig hilsen',
  phone: 'Tlf.',
  series: 'Hold',
  session: (n) => `Session ${n}`,
  when: 'Tidspunkt',
  place: 'Sted',
  online: 'Online',
  meetingLink: 'Mødelink',
  sessionWhen: (s, e) => `${formatDateLong(s, 'da')}, kl. ${formatTimeRange(s, e, 'da')}`,
  contact: (email, phone) =>
    phone
      ? `Har du spørgsmål, er du velkommen til at skrive til ${email} eller ringe på ${phone}.`
      : `Har du spørgsmål, er du velkommen til at skrive til ${email}.`,
  myPage: 'Se programmet på Mit hold',

  changedSubject: (n, t) => `Ændring i session ${n} af ${t}`,
  changedIntro: (n, t) => `Vi har ændret session ${n} af ${t}.`,
  timeChanged: (from, to) => `Sessionen er flyttet fra ${from} til ${to}.`,
  placeChanged: (from, to) => `Sessionen holdes nu på ${to} i stedet for på ${from}.`,
  nowOnline: (from) =>
    from ? `Sessionen holdes nu online i stedet for på ${from}.` : 'Sessionen holdes nu online.',
  nowInPerson: (to) =>
    to ? `Sessionen holdes nu på ${to} i stedet for online.` : 'Sessionen holdes ikke længere online.',
  otherChange: 'Oplysningerne om sessionen er opdateret.',
  linkFollows: 'Mødelinket sender vi, så snart det er klar.',
  changedCalendar: (f) =>
    `Den vedhæftede kalenderfil (${f}) retter aftalen i din kalender, så den passer med ændringen.`,

  cancelledSubject: (n, t) => `Session ${n} af ${t} er aflyst`,
  cancelledIntro: (n, t, w) => `Session ${n} af ${t}, ${w}, er desværre aflyst.`,
  cancelledCalendar: (f) => `Den vedhæftede kalenderfil (${f}) fjerner aftalen fra din kalender.`,
  cancelledNote: 'Besked fra arrangøren:',

  addedSubject: (n, t) => `Ny session i ${t}: session ${n}`,
  addedIntro: (n, t) => `Der er kommet en ny session i ${t}: session ${n}.`,
  addedCalendar: (f) => `Den vedhæftede kalenderfil (${f}) sætter sessionen i din kalender.`,
  publishedSubject: (n, t) => `Session ${n} af ${t} i din kalender`,
  publishedIntro: (n, t) =>
    `${t} er offentliggjort. Her er session ${n}, som du er med i, så den står i din kalender.`,
  joinedSubject: (n, t) => `Du er ekspert ved session ${n} af ${t}`,
  joinedIntro: (n, t) => `Du er nu ekspert ved session ${n} af ${t}. Tak, fordi du vil være med.`,
  leftSubject: (n, t) => `Du er ikke længere ekspert ved session ${n} af ${t}`,
  leftIntro: (n, t) =>
    `En anden ekspert tager session ${n} af ${t}. Tak for din hjælp indtil nu; du er velkommen til at skrive, hvis du har spørgsmål.`,
};

const en: Texts = {
  greeting: (name) => `Dear ${name}`,
  signOff: 'Kind regards',
  phone: 'Phone',
  series: 'Series',
  session: (n) => `Session ${n}`,
  when: 'Time',
  place: 'Place',
  online: 'Online',
  meetingLink: 'Meeting link',
  sessionWhen: (s, e) => `${formatDateLong(s, 'en')}, ${formatTimeRange(s, e, 'en')}`,
  contact: (email, phone) =>
    phone
      ? `If you have any questions, you are welcome to write to ${email} or call ${phone}.`
      : `If you have any questions, you are welcome to write to ${email}.`,
  myPage: 'See the programme on My cohort',

  changedSubject: (n, t) => `Change to session ${n} of ${t}`,
  changedIntro: (n, t) => `We have changed session ${n} of ${t}.`,
  timeChanged: (from, to) => `The session has moved from ${from} to ${to}.`,
  placeChanged: (from, to) => `The session is now held at ${to} instead of ${from}.`,
  nowOnline: (from) =>
    from ? `The session is now held online instead of at ${from}.` : 'The session is now held online.',
  nowInPerson: (to) =>
    to ? `The session is now held at ${to} instead of online.` : 'The session is no longer held online.',
  otherChange: 'The details of the session have been updated.',
  linkFollows: 'We will send the meeting link as soon as it is ready.',
  changedCalendar: (f) => `The attached calendar file (${f}) updates the entry in your calendar to match.`,

  cancelledSubject: (n, t) => `Session ${n} of ${t} has been cancelled`,
  cancelledIntro: (n, t, w) =>
    `We are sorry to tell you that session ${n} of ${t}, ${w}, has been cancelled.`,
  cancelledCalendar: (f) => `The attached calendar file (${f}) removes the entry from your calendar.`,
  cancelledNote: 'A message from the organiser:',

  addedSubject: (n, t) => `New session in ${t}: session ${n}`,
  addedIntro: (n, t) => `A new session has been added to ${t}: session ${n}.`,
  addedCalendar: (f) => `The attached calendar file (${f}) puts the session in your calendar.`,
  publishedSubject: (n, t) => `Session ${n} of ${t} in your calendar`,
  publishedIntro: (n, t) =>
    `${t} is published. Here is session ${n}, which you take part in, for your calendar.`,
  joinedSubject: (n, t) => `You are the expert of session ${n} of ${t}`,
  joinedIntro: (n, t) => `You are now the expert of session ${n} of ${t}. Thank you for taking part.`,
  leftSubject: (n, t) => `You are no longer the expert of session ${n} of ${t}`,
  leftIntro: (n, t) =>
    `Another expert takes session ${n} of ${t}. Thank you for your help so far; do write if you have questions.`,
};

const TEXTS: Record<Lang, Texts> = { da, en };

type Row = [label: string, value: string];

/** The place as the mail writes it: "Online" for an online session, else the venue text. */
function placeText(t: Texts, p: { mode: 'in_person' | 'online'; place: string }): string {
  return p.mode === 'online' ? t.online : p.place;
}

/** The sentences that say what changed, old → new. */
function whatChanged(c: SessionMailContext, t: Texts): string[] {
  const s = c.session;
  const out: string[] = [];
  if (c.changed.time)
    out.push(
      t.timeChanged(t.sessionWhen(c.before.startsAt, c.before.endsAt), t.sessionWhen(s.startsAt, s.endsAt)),
    );
  if (c.changed.mode && s.mode !== c.before.mode) {
    // A move online or back says where from or where to; the venue change is part of it.
    out.push(s.mode === 'online' ? t.nowOnline(c.before.place) : t.nowInPerson(s.place));
  } else if (c.changed.place || c.changed.mode) {
    const from = placeText(t, c.before);
    const to = placeText(t, s);
    if (from !== to && from && to) out.push(t.placeChanged(from, to));
  }
  if (out.length === 0) out.push(t.otherChange);
  return out;
}

/** The session as it is now: series, number and question, time, place, and the meeting link when online. */
function sessionFacts(c: SessionCancelledContext, t: Texts, links: boolean): Row[] {
  const s = c.session;
  const rows: Row[] = [
    [t.series, c.seriesTitle],
    [t.session(s.ordinal), s.question],
    [t.when, t.sessionWhen(s.startsAt, s.endsAt)],
  ];
  const place = placeText(t, s);
  if (place) rows.push([t.place, place]);
  if (links && s.mode === 'online' && s.meetingUrl) rows.push([t.meetingLink, s.meetingUrl]);
  return rows;
}

function signature(c: SessionCancelledContext, t: Texts): string[] {
  const o = c.organiser;
  return [t.signOff, o.name, o.email, o.phone ? `${t.phone} ${o.phone}` : ''].filter((line) => line !== '');
}

/** The session's calendar file: REQUEST (moves the entry) or CANCEL (removes it), same UID, new SEQUENCE. */
function sessionFile(c: SessionCancelledContext, method: CalendarMethod): Attachment {
  const event = sessionEvent(c.session, { lang: c.lang, seriesTitle: c.seriesTitle, pageUrl: c.myPageUrl });
  const ics = sessionsCalendar({
    method,
    organiser: { name: c.organiser.name, email: c.organiser.email },
    attendee: { name: c.name, email: c.to },
    calendarName: c.seriesTitle,
    events: [event],
    ...(c.stamp ? { stamp: c.stamp } : {}),
  });
  // The one file of the mail goes as its iMIP part too, so a mail client shows it as the meeting's update.
  return { ...calendarAttachment(sessionFilename(c.session.ordinal), method, ics), calendarPart: true };
}

function sessionMail(
  c: SessionCancelledContext,
  kind: string,
  subject: string,
  blocks: MailBlock[],
  attachment: Attachment,
): OutgoingMail {
  const t = TEXTS[c.lang];
  const contact: MailBlock[] = c.organiser.email
    ? [{ kind: 'p', text: t.contact(c.organiser.email, c.organiser.phone) }]
    : [];
  const { text, html } = renderMail({
    lang: c.lang,
    heading: subject,
    greeting: `${t.greeting(c.name)},`,
    blocks: [...blocks, { kind: 'action', label: t.myPage, url: c.myPageUrl }, ...contact],
    signature: signature(c, t),
  });
  return { kind, to: c.to, subject, text, html, attachments: [attachment] };
}

/** Kind `session.changed`: what changed in plain words, the session as it is now, and its moved entry. */
export function sessionChangedMail(c: SessionMailContext): OutgoingMail {
  const t = TEXTS[c.lang];
  const s = c.session;
  const file = sessionFilename(s.ordinal);
  const blocks: MailBlock[] = [
    { kind: 'p', text: t.changedIntro(s.ordinal, c.seriesTitle) },
    ...whatChanged(c, t).map((text): MailBlock => ({ kind: 'p', text })),
    { kind: 'facts', rows: sessionFacts(c, t, true) },
  ];
  if (s.mode === 'online' && !s.meetingUrl) blocks.push({ kind: 'p', text: t.linkFollows });
  blocks.push({ kind: 'p', text: t.changedCalendar(file) });
  return sessionMail(
    c,
    'session.changed',
    t.changedSubject(s.ordinal, c.seriesTitle),
    blocks,
    sessionFile(c, 'REQUEST'),
  );
}

/** Kind `session.cancelled`: which session is cancelled, and the file that removes its entry. */
export function sessionCancelledMail(c: SessionCancelledContext): OutgoingMail {
  const t = TEXTS[c.lang];
  const s = c.session;
  const file = sessionFilename(s.ordinal);
  const blocks: MailBlock[] = [
    { kind: 'p', text: t.cancelledIntro(s.ordinal, c.seriesTitle, t.sessionWhen(s.startsAt, s.endsAt)) },
    { kind: 'facts', rows: sessionFacts(c, t, false) },
    ...(c.note
      ? [
          { kind: 'p' as const, text: t.cancelledNote },
          { kind: 'p' as const, text: c.note },
        ]
      : []),
    { kind: 'p', text: t.cancelledCalendar(file) },
  ];
  return sessionMail(
    c,
    'session.cancelled',
    t.cancelledSubject(s.ordinal, c.seriesTitle),
    blocks,
    sessionFile(c, 'CANCEL'),
  );
}

/** A mail that gives the reader one session's entry (REQUEST): the intro, the session, the file. */
function entryMail(c: SessionCancelledContext, kind: string, subject: string, intro: string): OutgoingMail {
  const t = TEXTS[c.lang];
  const blocks: MailBlock[] = [
    { kind: 'p', text: intro },
    { kind: 'facts', rows: sessionFacts(c, t, true) },
    { kind: 'p', text: t.addedCalendar(sessionFilename(c.session.ordinal)) },
  ];
  return sessionMail(c, kind, subject, blocks, sessionFile(c, 'REQUEST'));
}

/** Kind `session.added`: a new session in a series the reader takes part in, and the file that adds it. */
export function sessionAddedMail(c: SessionCancelledContext): OutgoingMail {
  const t = TEXTS[c.lang];
  const n = c.session.ordinal;
  return entryMail(c, 'session.added', t.addedSubject(n, c.seriesTitle), t.addedIntro(n, c.seriesTitle));
}

/**
 * Kinds `session.expert-joined` / `session.expert-left`: the session's new expert gets its entry (REQUEST), the
 * previous one a file that removes it (CANCEL: they are no longer invited).
 */
export function sessionExpertMail(c: SessionCancelledContext, joined: boolean): OutgoingMail {
  const t = TEXTS[c.lang];
  const s = c.session;
  const file = sessionFilename(s.ordinal);
  const blocks: MailBlock[] = [
    {
      kind: 'p',
      text: joined ? t.joinedIntro(s.ordinal, c.seriesTitle) : t.leftIntro(s.ordinal, c.seriesTitle),
    },
    { kind: 'facts', rows: sessionFacts(c, t, joined) },
    { kind: 'p', text: joined ? t.addedCalendar(file) : t.cancelledCalendar(file) },
  ];
  return sessionMail(
    c,
    joined ? 'session.expert-joined' : 'session.expert-left',
    joined ? t.joinedSubject(s.ordinal, c.seriesTitle) : t.leftSubject(s.ordinal, c.seriesTitle),
    blocks,
    sessionFile(c, joined ? 'REQUEST' : 'CANCEL'),
  );
}

/** Kind `session.published`: a series just published, one of the sessions the reader takes part in. */
export function sessionPublishedMail(c: SessionCancelledContext): OutgoingMail {
  const t = TEXTS[c.lang];
  const n = c.session.ordinal;
  return entryMail(
    c,
    'session.published',
    t.publishedSubject(n, c.seriesTitle),
    t.publishedIntro(n, c.seriesTitle),
  );
}
