import type { OutgoingMail } from '../../email/outbox.ts';
import type { Lang } from '../../shared/danish.ts';
import { messages } from '../../web/i18n.ts';
import {
  contact,
  deadlineText,
  mail,
  priceText,
  type RegistrationMailContext,
  seriesFacts,
} from './emails.ts';

// The mails that ask for a registration to be confirmed, and the one that answers a second registration
// with the same address. Pure, like emails.ts; the service enqueues them in the registration's transaction.

interface Texts {
  subject: (title: string) => string;
  reservedIntro: (title: string, deadline: string) => string;
  waitlistedIntro: (title: string, position: number, deadline: string) => string;
  contactIntro: (participant: string, organisation: string, title: string, deadline: string) => string;
  action: string;
  code: (code: string, url: string) => string;
  codeLabel: string;
  deadlineLabel: string;
  participantLabel: string;
  positionLabel: string;
  priceLabel: string;
  binding: string;
  waitlistNotBinding: string;
  either: string;
  notYou: (deadline: string) => string;
  alreadySubject: (title: string) => string;
  alreadyText: (title: string) => string;
  alreadyAction: string;
  alreadyNotYou: string;
}

const da: Texts = {
  subject: (t) => `Bekræft din tilmelding til ${t}`,
  reservedIntro: (t, d) =>
    `Tak for din tilmelding til ${t}. Vi holder en plads til dig til ${d}. Bekræft tilmeldingen inden da, ellers går pladsen videre til den næste.`,
  waitlistedIntro: (t, n, d) =>
    `Tak for din tilmelding til ${t}. Alle pladser er optaget lige nu, så du er nummer ${n} på ventelisten. Bekræft tilmeldingen senest ${d}, så beholder du din plads i køen.`,
  contactIntro: (p, o, t, d) =>
    `${p} fra ${o} er blevet tilmeldt ${t}, og du er oplyst som fakturakontakt. Tilmeldingen skal bekræftes senest ${d} af ${p} eller af dig.`,
  action: 'Bekræft tilmeldingen',
  code: (code, url) => `Du kan også skrive koden ${code} på ${url}`,
  codeLabel: 'Kode',
  deadlineLabel: 'Bekræft senest',
  participantLabel: 'Deltager',
  positionLabel: 'Nummer på ventelisten',
  priceLabel: 'Pris',
  binding:
    'Når tilmeldingen er bekræftet, er den bindende: fakturaen udstedes, og deltageren får en bekræftelse med alle datoerne og kalenderfilerne.',
  waitlistNotBinding:
    'Det er ikke bindende at stå på ventelisten. Bliver en plads ledig, tilbyder vi den til den første på ventelisten, der har bekræftet.',
  either:
    'Både deltageren og fakturakontakten har fået en mail om tilmeldingen; det er nok, at den ene bekræfter.',
  notYou: (d) =>
    `Kender du ikke til tilmeldingen, kan du se bort fra denne mail: den bortfalder af sig selv ${d}, og vi gemmer intet om den.`,
  alreadySubject: (t) => `Du er allerede tilmeldt ${t}`,
  alreadyText: (t) =>
    `Nogen har netop sendt en tilmelding til ${t} med din e-mailadresse, men du er allerede tilmeldt. Vi har ikke ændret noget. Log ind for at se din tilmelding.`,
  alreadyAction: 'Log ind og se din tilmelding',
  alreadyNotYou: 'Var det ikke dig, kan du se bort fra denne mail.',
};

const en: Texts = {
  subject: (t) => `Confirm your registration for ${t}`,
  reservedIntro: (t, d) =>
    `Thank you for registering for ${t}. We are holding a seat for you until ${d}. Please confirm your registration before then, or the seat goes to the next person.`,
  waitlistedIntro: (t, n, d) =>
    `Thank you for registering for ${t}. All seats are taken right now, so you are number ${n} on the waiting list. Confirm your registration by ${d} to keep your place in line.`,
  contactIntro: (p, o, t, d) =>
    `${p} of ${o} has been registered for ${t}, and you are given as the invoice contact. The registration must be confirmed by ${d}, by ${p} or by you.`,
  action: 'Confirm the registration',
  code: (code, url) => `You can also enter the code ${code} at ${url}`,
  codeLabel: 'Code',
  deadlineLabel: 'Confirm by',
  participantLabel: 'Participant',
  positionLabel: 'Place on the waiting list',
  priceLabel: 'Price',
  binding:
    'Once confirmed, the registration is binding: the invoice is issued, and the participant gets a confirmation with all the dates and the calendar files.',
  waitlistNotBinding:
    'Being on the waiting list is not binding. If a seat becomes free, we offer it to the first person on the waiting list who has confirmed.',
  either:
    'Both the participant and the invoice contact have been sent a mail about this registration; one confirmation is enough.',
  notYou: (d) =>
    `If you know nothing of this registration, you can ignore this mail: it lapses by itself ${d}, and we keep nothing of it.`,
  alreadySubject: (t) => `You are already registered for ${t}`,
  alreadyText: (t) =>
    `Someone has just sent a registration for ${t} with your email address, but you are already registered. Nothing has been changed. Sign in to see your registration.`,
  alreadyAction: 'Sign in and see your registration',
  alreadyNotYou: 'If it was not you, you can ignore this mail.',
};

const TEXTS: Record<Lang, Texts> = { da, en };

export interface ConfirmRequest {
  /** What the registration holds until it is confirmed. */
  place: { kind: 'reserved' } | { kind: 'waitlisted'; position: number };
  awaitingUntil: string;
  confirmUrl: string;
  codeUrl: string;
  code: string;
  priceExclOre: number;
  priceInclOre: number;
  /** Set for the mail to the invoice contact: who was registered, from where. */
  forContact?: { participantName: string; organisationName: string };
  /** Both recipients got a mail (the invoice contact has another address). */
  twoRecipients: boolean;
}

/** The mail with a link and a code that confirms a registration (to the participant or the invoice contact). */
export function confirmRequestMail(c: RegistrationMailContext & ConfirmRequest): OutgoingMail {
  const t = TEXTS[c.lang];
  const deadline = deadlineText(c.lang, c.awaitingUntil);
  const intro = c.forContact
    ? t.contactIntro(c.forContact.participantName, c.forContact.organisationName, c.seriesTitle, deadline)
    : c.place.kind === 'reserved'
      ? t.reservedIntro(c.seriesTitle, deadline)
      : t.waitlistedIntro(c.seriesTitle, c.place.position, deadline);
  const rows: [string, string][] = [[t.deadlineLabel, deadline]];
  if (c.forContact) rows.push([t.participantLabel, c.forContact.participantName]);
  if (c.place.kind === 'waitlisted') rows.push([t.positionLabel, String(c.place.position)]);
  rows.push(...seriesFacts(c), [t.priceLabel, priceText(c)]);
  const m = messages(c.lang);
  const made = mail(c, 'registration.confirm-request', t.subject(c.seriesTitle), [
    { kind: 'p', text: intro },
    { kind: 'action', label: t.action, url: c.confirmUrl },
    { kind: 'p', text: t.code(c.code, c.codeUrl) },
    { kind: 'facts', rows },
    {
      kind: 'p',
      text: c.place.kind === 'reserved' ? `${t.binding} ${m['series.substitute']}` : t.waitlistNotBinding,
    },
    ...(c.twoRecipients ? [{ kind: 'p' as const, text: t.either }] : []),
    { kind: 'p', text: t.notYou(deadline) },
    ...contact(c),
  ]);
  // Somebody is waiting for it, and the place lapses without it: before every other mail.
  return { ...made, priority: 'urgent' };
}

/** The answer to a registration with an address that is registered already: it offers sign-in. */
export function alreadyRegisteredMail(c: RegistrationMailContext & { signInUrl: string }): OutgoingMail {
  const t = TEXTS[c.lang];
  const made = mail(c, 'registration.already-registered', t.alreadySubject(c.seriesTitle), [
    { kind: 'p', text: t.alreadyText(c.seriesTitle) },
    { kind: 'action', label: t.alreadyAction, url: c.signInUrl },
    { kind: 'p', text: t.alreadyNotYou },
    ...contact(c),
  ]);
  // The person is waiting at "check your mail" for this one too.
  return { ...made, priority: 'urgent' };
}
