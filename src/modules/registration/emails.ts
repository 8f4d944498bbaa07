import {
  calendarAttachment,
  calendarContentType,
  sessionEvent,
  sessionFilename,
  sessionsCalendar,
} from '../../email/ics.ts';
import type { Attachment, OutgoingMail } from '../../email/outbox.ts';
import { type MailBlock, renderMail } from '../../email/render.tsx';
import { formatDateLong, formatKroner, formatTime, formatTimeRange, type Lang } from '../../shared/danish.ts';
import { messages } from '../../web/i18n.ts';
import type { AttendeeSession } from '../series/service.ts';

// The mails a registration sends, in the reader's language. Pure: the same context gives the same mail
// (apart from the calendar file's DTSTAMP). The service enqueues them in the transaction of the change.

export interface RegistrationMailContext {
  lang: Lang;
  to: string;
  participantName: string;
  seriesTitle: string;
  seriesUrl: string;
  myPageUrl: string;
  /**
   * Every session in order, cancelled ones too (`status`), with the calendar SEQUENCE and an online
   * session's meeting link: only the confirmation (to the participant) shows the links and carries files.
   */
  sessions: AttendeeSession[];
  seriesId: string;
  organiser: { name: string; email: string; phone: string };
}

/** Every calendar file of the confirmation is an iTIP REQUEST (email/ics.ts: one session per file). */
export const CALENDAR_CONTENT_TYPE = calendarContentType('REQUEST');

interface Texts {
  greeting: (name: string) => string;
  signOff: string;
  phone: string;
  series: string;
  session: (n: number) => string;
  place: string;
  price: string;
  priceValue: (excl: string, incl: string) => string;
  myPage: string;
  contact: (email: string, phone: string) => string;
  sessionWhen: (startsAt: string, endsAt: string) => string;
  deadline: (at: string) => string;

  confirmedSubject: (title: string) => string;
  confirmedIntro: (title: string) => string;
  calendar: (filenames: string) => string;
  cancelledSession: string;
  meetingLink: (url: string) => string;
  programme: (url: string) => string;
  invoicePublic: string;
  invoiceEmail: string;
  lookForward: string;

  waitlistedSubject: (title: string) => string;
  waitlistedIntro: (title: string) => string;
  waitlistedPosition: (n: number) => string;
  waitlistedPositionLabel: string;
  waitlistedHow: string;

  offeredSubject: (title: string) => string;
  offeredIntro: (title: string) => string;
  offeredDeadline: (deadline: string) => string;
  offeredDeadlineLabel: string;
  offeredBinding: string;
  offeredAction: string;

  expiredSubject: (title: string) => string;
  expiredText: (title: string) => string;
  expiredStill: string;

  cancelledSubject: (title: string) => string;
  cancelledText: (title: string) => string;
  cancelledReason: string;
  cancelledMistake: string;
}

const da: Texts = {
  greeting: (name) => `Kære ${name}`,
  signOff: 'Venlig hilsen',
  phone: 'Tlf.',
  series: 'Hold',
  session: (n) => `Session ${n}`,
  place: 'Sted',
  price: 'Pris',
  priceValue: (excl, incl) => `${excl} ekskl. moms (${incl} inkl. moms)`,
  myPage: 'Se din tilmelding',
  contact: (email, phone) =>
    phone
      ? `Har du spørgsmål, er du velkommen til at skrive til ${email} eller ringe på ${phone}.`
      : `Har du spørgsmål, er du velkommen til at skrive til ${email}.`,
  sessionWhen: (s, e) => `${formatDateLong(s, 'da')}, kl. ${formatTimeRange(s, e, 'da')}`,
  deadline: (at) => `${formatDateLong(at, 'da')} kl. ${formatTime(at, 'da')}`,

  confirmedSubject: (t) => `Du har fået en plads på ${t}`,
  confirmedIntro: (t) => `Tak for din tilmelding. Du har fået en plads på ${t}.`,
  calendar: (f) =>
    `Hver session ligger i sin egen vedhæftede kalenderfil (${f}), så du nemt kan sætte dem i din kalender. Flyttes eller aflyses en session, sender vi en ny fil, der retter aftalen.`,
  cancelledSession: 'aflyst',
  meetingLink: (url) => `mødelink: ${url}`,
  programme: (url) => `Programmet og den praktiske information finder du her: ${url}`,
  invoicePublic: 'Fakturaen sendes som elektronisk faktura (OIOUBL) til jeres EAN-nummer.',
  invoiceEmail: 'Fakturaen sender vi på e-mail til den fakturakontakt, I har oplyst.',
  lookForward: 'Vi glæder os til at se dig.',

  waitlistedSubject: (t) => `Du står på ventelisten til ${t}`,
  waitlistedIntro: (t) =>
    `Tak for din tilmelding til ${t}. Alle pladser er optaget lige nu, så vi har skrevet dig på ventelisten.`,
  waitlistedPosition: (n) => `Du er nummer ${n} på ventelisten.`,
  waitlistedPositionLabel: 'Nummer på ventelisten',
  waitlistedHow:
    'Bliver en plads ledig, tilbyder vi den til den første på ventelisten. Du får så en mail med en frist for at sige ja eller nej. Indtil da skal du ikke gøre noget, og det er ikke bindende at stå på ventelisten.',

  offeredSubject: (t) => `Du har fået tilbudt en plads på ${t}`,
  offeredIntro: (t) => `Der er blevet en plads ledig på ${t}, og den er din, hvis du vil have den.`,
  offeredDeadline: (d) =>
    `Svar senest ${d}. Indtil da holder vi pladsen til dig. Hører vi ikke fra dig, går pladsen videre til den næste på ventelisten.`,
  offeredDeadlineLabel: 'Svarfrist',
  offeredBinding:
    'Siger du ja, er tilmeldingen bindende, og du får en bekræftelse med alle datoerne og kalenderfilerne.',
  offeredAction: 'Sig ja eller nej til pladsen',

  expiredSubject: (t) => `Tilbuddet om en plads på ${t} er udløbet`,
  expiredText: (t) =>
    `Vi tilbød dig en plads på ${t}, men fristen for at svare er overskredet, og pladsen er derfor gået videre til den næste på ventelisten.`,
  expiredStill:
    'Har du stadig lyst til at deltage, er du velkommen til at kontakte os, så ser vi på, hvad vi kan gøre.',

  cancelledSubject: (t) => `Din tilmelding til ${t} er annulleret`,
  cancelledText: (t) => `Din tilmelding til ${t} er nu annulleret.`,
  cancelledReason: 'Begrundelse',
  cancelledMistake: 'Er der tale om en fejl, så kontakt os endelig.',
};

const en: Texts = {
  greeting: (name) => `Dear ${name}`,
  signOff: 'Kind regards',
  phone: 'Phone',
  series: 'Series',
  session: (n) => `Session ${n}`,
  place: 'Place',
  price: 'Price',
  priceValue: (excl, incl) => `${excl} excl. VAT (${incl} incl. VAT)`,
  myPage: 'See your registration',
  contact: (email, phone) =>
    phone
      ? `If you have any questions, you are welcome to write to ${email} or call ${phone}.`
      : `If you have any questions, you are welcome to write to ${email}.`,
  sessionWhen: (s, e) => `${formatDateLong(s, 'en')}, ${formatTimeRange(s, e, 'en')}`,
  deadline: (at) => `${formatDateLong(at, 'en')} at ${formatTime(at, 'en')}`,

  confirmedSubject: (t) => `Your seat on ${t} is confirmed`,
  confirmedIntro: (t) => `Thank you for registering. You have a seat on ${t}.`,
  calendar: (f) =>
    `Each session is in its own attached calendar file (${f}), ready for your calendar. If a session is moved or cancelled, we send a new file that updates the entry.`,
  cancelledSession: 'cancelled',
  meetingLink: (url) => `meeting link: ${url}`,
  programme: (url) => `The programme and practical information are here: ${url}`,
  invoicePublic: 'The invoice will be sent as an electronic invoice (OIOUBL) to your EAN number.',
  invoiceEmail: 'We will send the invoice by email to the invoice contact you gave us.',
  lookForward: 'We look forward to seeing you.',

  waitlistedSubject: (t) => `You are on the waiting list for ${t}`,
  waitlistedIntro: (t) =>
    `Thank you for registering for ${t}. All seats are taken right now, so we have put you on the waiting list.`,
  waitlistedPosition: (n) => `You are number ${n} on the waiting list.`,
  waitlistedPositionLabel: 'Place on the waiting list',
  waitlistedHow:
    'If a seat becomes free, we offer it to the first person on the waiting list. You will then get an email with a deadline to say yes or no. Until then you need not do anything, and being on the waiting list is not binding.',

  offeredSubject: (t) => `You have been offered a seat on ${t}`,
  offeredIntro: (t) => `A seat has become free on ${t}, and it is yours if you want it.`,
  offeredDeadline: (d) =>
    `Please answer by ${d}. Until then we hold the seat for you. If we do not hear from you, the seat goes to the next person on the waiting list.`,
  offeredDeadlineLabel: 'Answer by',
  offeredBinding:
    'If you accept, your registration is binding, and you will get a confirmation with all the dates and the calendar files.',
  offeredAction: 'Accept or decline the seat',

  expiredSubject: (t) => `Your offer of a seat on ${t} has expired`,
  expiredText: (t) =>
    `We offered you a seat on ${t}, but the deadline to answer has passed, so the seat has gone to the next person on the waiting list.`,
  expiredStill: 'If you would still like to take part, please get in touch and we will see what we can do.',

  cancelledSubject: (t) => `Your registration for ${t} has been cancelled`,
  cancelledText: (t) => `Your registration for ${t} has now been cancelled.`,
  cancelledReason: 'Reason',
  cancelledMistake: 'If you think this is a mistake, please contact us.',
};

const TEXTS: Record<Lang, Texts> = { da, en };

type Row = [label: string, value: string];

/**
 * seriesFacts, kept per list of sessions (every mail of one series version shares it), language and title:
 * formatting the dates took longer than the rest of a mail.
 */
const factsKept = new WeakMap<RegistrationMailContext['sessions'], Map<string, readonly Row[]>>();

/**
 * `meetingLinks`: the online sessions' meeting links in their rows — only in the confirmation, which goes to
 * the participant; every other mail (waiting list, offers, the invoice contact's) leaves them out.
 */
export function seriesFacts(
  c: RegistrationMailContext,
  t: Texts = TEXTS[c.lang],
  options: { meetingLinks?: boolean } = {},
): readonly Row[] {
  let kept = factsKept.get(c.sessions);
  if (!kept) {
    kept = new Map();
    factsKept.set(c.sessions, kept);
  }
  const links = options.meetingLinks === true;
  const key = `${c.lang}\n${links}\n${c.seriesTitle}`;
  let rows = kept.get(key);
  if (!rows) {
    rows = makeSeriesFacts(c, t, links);
    kept.set(key, rows);
  }
  return rows;
}

/**
 * The series, each session's date and time (a cancelled one marked so), and the place (once, when every
 * session still held is in the same one).
 */
function makeSeriesFacts(c: RegistrationMailContext, t: Texts, links: boolean): Row[] {
  const sessions = [...c.sessions].sort((a, b) => a.ordinal - b.ordinal);
  const held = sessions.filter((s) => s.status !== 'cancelled');
  const places = new Set(held.map((s) => s.place));
  const onePlace = places.size === 1 ? (held[0]?.place ?? '') : null;
  const rows: Row[] = [[t.series, c.seriesTitle]];
  for (const s of sessions) {
    const when = t.sessionWhen(s.startsAt, s.endsAt);
    if (s.status === 'cancelled') {
      rows.push([t.session(s.ordinal), `${when} – ${t.cancelledSession}`]);
      continue;
    }
    const parts = [onePlace === null && s.place ? `${when}, ${s.place}` : when];
    if (links && s.mode === 'online' && s.meetingUrl) parts.push(t.meetingLink(s.meetingUrl));
    rows.push([t.session(s.ordinal), parts.join(', ')]);
  }
  if (onePlace) rows.push([t.place, onePlace]);
  return rows;
}

function signature(c: RegistrationMailContext, t: Texts): string[] {
  const o = c.organiser;
  return [t.signOff, o.name, o.email, o.phone ? `${t.phone} ${o.phone}` : ''].filter((line) => line !== '');
}

export function contact(c: RegistrationMailContext, t: Texts = TEXTS[c.lang]): MailBlock[] {
  return c.organiser.email ? [{ kind: 'p', text: t.contact(c.organiser.email, c.organiser.phone) }] : [];
}

/** A registration mail: heading, greeting by name, the blocks, the organiser's signature. */
export function mail(
  c: RegistrationMailContext,
  kind: string,
  subject: string,
  blocks: MailBlock[],
  attachments?: Attachment[],
): OutgoingMail {
  const t = TEXTS[c.lang];
  const { text, html } = renderMail({
    lang: c.lang,
    heading: subject,
    greeting: `${t.greeting(c.participantName)},`,
    blocks,
    signature: signature(c, t),
  });
  return { kind, to: c.to, subject, text, html, ...(attachments ? { attachments } : {}) };
}

/** The sessions still held, in order: those the confirmation puts in the calendar. */
function heldSessions(c: RegistrationMailContext): AttendeeSession[] {
  return c.sessions.filter((s) => s.status !== 'cancelled').sort((a, b) => a.ordinal - b.ordinal);
}

/**
 * One calendar file per session still held (email/ics.ts says why not one file): an iTIP REQUEST with the
 * session's own UID and SEQUENCE, so a later change mail moves (or cancels) the same entry.
 */
export function calendarAttachments(c: RegistrationMailContext): Attachment[] {
  return heldSessions(c).map((s) =>
    calendarAttachment(
      sessionFilename(s.ordinal),
      'REQUEST',
      sessionsCalendar({
        method: 'REQUEST',
        organiser: { name: c.organiser.name, email: c.organiser.email },
        attendee: { name: c.participantName, email: c.to },
        calendarName: c.seriesTitle,
        events: [sessionEvent(s, { lang: c.lang, seriesTitle: c.seriesTitle, pageUrl: c.seriesUrl })],
      }),
    ),
  );
}

/** "session-1.ics, session-2.ics og session-4.ics": the files the confirmation carries. */
function filenames(c: RegistrationMailContext): string {
  const names = heldSessions(c).map((s) => sessionFilename(s.ordinal));
  const last = names.pop();
  if (last === undefined) return '';
  return names.length ? `${names.join(', ')} ${c.lang === 'da' ? 'og' : 'and'} ${last}` : last;
}

/** The price line of a series, excl. and incl. moms. */
export function priceText(c: { lang: Lang; priceExclOre: number; priceInclOre: number }): string {
  return TEXTS[c.lang].priceValue(
    formatKroner(c.priceExclOre, { lang: c.lang }),
    formatKroner(c.priceInclOre, { lang: c.lang }),
  );
}

/** The last deadline written, per language: a registration group shares one, and dates are slow to format. */
const lastDeadline: Record<Lang, { at: string; text: string }> = {
  da: { at: '', text: '' },
  en: { at: '', text: '' },
};

/** "mandag d. 7. juni 2027 kl. 10.00": a deadline as the mails write it. */
export function deadlineText(lang: Lang, at: string): string {
  const last = lastDeadline[lang];
  if (last.at !== at) lastDeadline[lang] = { at, text: TEXTS[lang].deadline(at) };
  return lastDeadline[lang].text;
}

export function confirmedMail(
  c: RegistrationMailContext & { publicBuyer: boolean; priceExclOre: number; priceInclOre: number },
): OutgoingMail {
  const t = TEXTS[c.lang];
  const m = messages(c.lang);
  const price = priceText(c);
  const files = calendarAttachments(c);
  return mail(
    c,
    'registration.confirmed',
    t.confirmedSubject(c.seriesTitle),
    [
      { kind: 'p', text: t.confirmedIntro(c.seriesTitle) },
      { kind: 'facts', rows: [...seriesFacts(c, t, { meetingLinks: true }), [t.price, price]] },
      { kind: 'p', text: `${m['series.binding']} ${m['series.substitute']}` },
      { kind: 'p', text: c.publicBuyer ? t.invoicePublic : t.invoiceEmail },
      ...(files.length ? [{ kind: 'p' as const, text: t.calendar(filenames(c)) }] : []),
      { kind: 'p', text: t.programme(c.seriesUrl) },
      { kind: 'action', label: t.myPage, url: c.myPageUrl },
      ...contact(c, t),
      { kind: 'p', text: t.lookForward },
    ],
    files,
  );
}

export function waitlistedMail(c: RegistrationMailContext & { position: number }): OutgoingMail {
  const t = TEXTS[c.lang];
  return mail(c, 'registration.waitlisted', t.waitlistedSubject(c.seriesTitle), [
    { kind: 'p', text: t.waitlistedIntro(c.seriesTitle) },
    { kind: 'p', text: t.waitlistedPosition(c.position) },
    { kind: 'facts', rows: [...seriesFacts(c, t), [t.waitlistedPositionLabel, String(c.position)]] },
    { kind: 'p', text: t.waitlistedHow },
    { kind: 'action', label: t.myPage, url: c.myPageUrl },
    ...contact(c, t),
  ]);
}

export function offeredMail(c: RegistrationMailContext & { expiresAt: string }): OutgoingMail {
  const t = TEXTS[c.lang];
  const deadline = t.deadline(c.expiresAt);
  return mail(c, 'registration.offered', t.offeredSubject(c.seriesTitle), [
    { kind: 'p', text: t.offeredIntro(c.seriesTitle) },
    { kind: 'p', text: t.offeredDeadline(deadline) },
    { kind: 'action', label: t.offeredAction, url: c.myPageUrl },
    { kind: 'facts', rows: [[t.offeredDeadlineLabel, deadline], ...seriesFacts(c, t)] },
    { kind: 'p', text: t.offeredBinding },
    ...contact(c, t),
  ]);
}

export function offerExpiredMail(c: RegistrationMailContext): OutgoingMail {
  const t = TEXTS[c.lang];
  return mail(c, 'registration.offer-expired', t.expiredSubject(c.seriesTitle), [
    { kind: 'p', text: t.expiredText(c.seriesTitle) },
    { kind: 'p', text: t.expiredStill },
    ...contact(c, t),
  ]);
}

export function cancelledMail(c: RegistrationMailContext & { reason: string }): OutgoingMail {
  const t = TEXTS[c.lang];
  const reason = c.reason.trim();
  const rows: Row[] = [[t.series, c.seriesTitle]];
  if (reason) rows.push([t.cancelledReason, reason]);
  return mail(c, 'registration.cancelled', t.cancelledSubject(c.seriesTitle), [
    { kind: 'p', text: t.cancelledText(c.seriesTitle) },
    { kind: 'facts', rows },
    { kind: 'p', text: t.cancelledMistake },
    ...contact(c, t),
  ]);
}
