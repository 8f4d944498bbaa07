import type { Lang } from '../shared/danish.ts';

export type { Lang };
export const LANGS: readonly Lang[] = ['da', 'en'];

// The message catalogue: every string a person reads. Danish is the source; English must have every key
// (the type makes a missing translation a compile error).

// Small counts read better as words: "fire sessioner".
const DANISH_NUMBERS = [
  'nul',
  'én',
  'to',
  'tre',
  'fire',
  'fem',
  'seks',
  'syv',
  'otte',
  'ni',
  'ti',
  'elleve',
  'tolv',
];
const ENGLISH_NUMBERS = [
  'no',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
];

const da = {
  'site.skip': 'Gå til sidens indhold',
  'site.solution': 'Masterclass-rækker',
  'site.languages': 'Vælg sprog',
  'site.home': 'Forside',
  'site.breadcrumbs': 'Brødkrummesti',
  'footer.heading': 'Kontakt',
  'footer.cvr': 'CVR',
  'footer.email': 'E-mail',
  'footer.phone': 'Telefon',
  'footer.privacy': 'Privatlivspolitik',
  'footer.accessibility': 'Tilgængelighedserklæring',
  'footer.about': 'Om siden',

  'front.title': 'Masterclass-rækker',
  'front.lead': 'Faglige masterclass-rækker for ledere, hvor forskning og praksis mødes.',
  'front.upcoming': 'Kommende hold',
  'front.earlier': 'Tidligere hold',
  'front.none': 'Der er ingen kommende hold lige nu.',
  'front.readMore': 'Læs mere om',

  'series.sessionsCount': (n: number) =>
    `Programmet: ${DANISH_NUMBERS[n] ?? n} ${n === 1 ? 'session' : 'sessioner'}`,
  'series.dates': 'Datoer',
  'series.facts': 'Fakta om holdet',
  'series.audience': 'Hvem kan deltage?',
  'series.price': 'Pris',
  'series.priceExcl': 'ekskl. moms',
  'series.priceIncl': 'inkl. moms',
  'series.pricePer': 'pr. deltager for hele rækken',
  'series.seats': 'Pladser',
  'series.seatsTotal': (n: number) => `${n} pladser i alt, fordelt efter først til mølle`,
  'series.seatsLeft': (n: number, of: number) => `${n} af ${of} ${of === 1 ? 'plads' : 'pladser'} ledige`,
  'series.awaitingSeats': (n: number) =>
    n === 1
      ? '(1 plads er holdt for en tilmelding, der endnu ikke er bekræftet)'
      : `(${n} pladser er holdt for tilmeldinger, der endnu ikke er bekræftet)`,
  'series.full': 'Alle pladser er taget. Du kan skrive dig på ventelisten.',
  'series.fullShort': 'Fuldt – venteliste',
  'series.binding': 'Tilmeldingen er bindende.',
  'series.substitute':
    'Er du forhindret i at deltage i en af sessionerne, kan du efter aftale sende en kollega fra din organisation i dit sted.',
  'series.preparation':
    'Det kræver ingen forberedelse at deltage. Materialet, der sendes ud, er et tilbud – ikke en forudsætning.',
  'series.catering': 'Forplejning',
  'series.practical': 'Praktisk information',
  'series.place': 'Sted',
  'series.time': 'Tidspunkt',
  'series.facilitator': 'Facilitator',
  'series.register': 'Tilmeld dig',
  'series.joinWaitlist': 'Skriv dig på ventelisten',
  'series.registrationOpens': (when: string) => `Tilmeldingen åbner ${when}.`,
  'series.registrationClosed': 'Tilmeldingen er lukket.',
  'series.registrationCloses': (when: string) => `Tilmeldingsfrist: ${when}.`,
  'series.completed': 'Afsluttet',
  'series.completedText': 'Dette hold er afsluttet.',
  'series.open': 'Åben for tilmelding',
  'series.online': 'Online',
  'series.cancelled': 'Aflyst',
  'series.onlineNote': 'Sessionen holdes online. Deltagerne får linket til mødet.',
  'series.expert': 'Oplægsholder',
  'series.question': 'Det ledende spørgsmål',
  'series.session': (n: number) => `Session ${n}`,
  'series.aboutExpert': 'Om oplægsholderen',
  'series.partOf': 'En del af',
  'series.allSessions': 'Alle sessioner i rækken',
  'series.sessionsWithExpert': 'Sessioner med',
  'series.facilitates': 'Facilitator for',
  'series.personLinks': 'Links',
  'series.vat': 'moms',

  'error.notFoundTitle': 'Siden findes ikke',
  'error.notFoundText':
    'Vi kan ikke finde den side, du leder efter. Den kan være flyttet, eller adressen kan være skrevet forkert.',
  'error.goHome': 'Gå til forsiden',
  'error.serverTitle': 'Der opstod en fejl',
  'error.serverText': 'Noget gik galt hos os. Prøv igen om lidt. Hvis fejlen bliver ved, så kontakt os.',
  'error.badRequestTitle': 'Forespørgslen kunne ikke behandles',
  'error.badRequestText': 'Adressen eller de sendte oplysninger var ikke gyldige.',
  'error.reference': 'Fejlreference',
  'error.staleFormTitle': 'Formularen er udløbet',
  'error.staleFormText':
    'Siden var for gammel, eller din browser sendte ikke vores cookie med. Gå tilbage, genindlæs siden og prøv igen.',
  'error.forbiddenTitle': 'Du har ikke adgang',
  'error.forbiddenText': 'Den side kræver en anden adgang, end du er logget ind med.',

  'site.myPage': 'Min side',
  'site.myHold': 'Mit hold',
  'site.backOffice': 'Arrangør',
  'site.account': 'Din konto',
  'site.signIn': 'Log ind',
  'site.signedInAs': 'Logget ind som',
  'auth.signInTitle': 'Log ind',
  'auth.signInLead':
    'Du logger ind uden adgangskode: skriv din arbejdsmail, så sender vi dig et link og en kode.',
  'auth.email': 'Arbejdsmail',
  'auth.emailHint': 'Den mailadresse, du tilmeldte dig med.',
  'auth.send': 'Send link og kode',
  'auth.haveCode': 'Har du allerede fået en kode?',
  'auth.enterCode': 'Skriv koden her',
  'auth.checkMailTitle': 'Tjek din mail',
  'auth.checkMailText': (email: string, minutes: number) =>
    `Hvis ${email} hører til en konto hos os, har vi sendt en mail med et link og en kode. De virker i ${minutes} minutter og kan kun bruges én gang.`,
  'auth.checkMailHelp': 'Kan du ikke finde mailen, så kig i mappen med uønsket post, eller bed om en ny.',
  'auth.codeHeading': 'Log ind med koden fra mailen',
  'auth.codeTitle': 'Log ind med kode',
  'auth.codeLead': 'Skriv din arbejdsmail og koden på 6 cifre fra mailen.',
  'auth.code': 'Kode',
  'auth.codeHint': '6 cifre, fx 123456.',
  'auth.codeSubmit': 'Log ind',
  'auth.confirmTitle': 'Log ind',
  'auth.confirmText': 'Tryk på knappen for at logge ind. Linket kan kun bruges én gang.',
  'auth.confirmButton': 'Log ind',
  'auth.failedTitle': 'Linket kan ikke bruges',
  'auth.failedUnknown':
    'Linket er ikke gyldigt. Måske kom det ikke helt med, da det blev kopieret fra mailen.',
  'auth.failedUsed': 'Linket er allerede brugt. Et link kan kun bruges én gang.',
  'auth.failedExpired': (minutes: number) => `Linket er udløbet. Et link virker kun i ${minutes} minutter.`,
  'auth.requestNew': 'Få et nyt link og en ny kode',
  'limit.title': 'For mange forsøg',
  'limit.signIn': 'Der er bedt om mange links til at logge ind på kort tid.',
  'limit.code': 'Der er skrevet mange koder på kort tid. Linket i mailen virker stadig.',
  'limit.secondFactor': 'Der er skrevet mange koder fra appen på kort tid.',
  'limit.registration': 'Der er sendt mange tilmeldinger på kort tid herfra.',
  'limit.retryAt': (time: string) => `Prøv igen kl. ${time}.`,
  'limit.retryOn': (date: string, time: string) => `Prøv igen ${date} kl. ${time}.`,
  'auth.signOutEverywhere': 'Log ud alle steder',
  'auth.securityLink': 'Sikkerhed: totrinsbekræftelse',
  'auth.notificationsLink': 'Varsler: hvordan du får besked om nyt',
  'auth.signOutEverywhereHint':
    'Logger dig ud på alle computere, telefoner og browsere, også denne. Brug den, hvis du har været logget ind på en computer, du ikke selv har.',
  'auth.signOut': 'Log ud',
  'auth.signOutTitle': 'Log ud',
  'auth.signOutText': 'Tryk på knappen for at logge ud i denne browser.',
  'auth.errorPrefix': 'Fejl',
  'auth.error.emailRequired': 'Udfyld arbejdsmail.',
  'auth.error.email': 'Skriv arbejdsmailen som navn@kommune.dk.',
  'auth.error.code': 'Skriv koden fra mailen med 6 cifre, fx 123456.',
  'auth.error.wrongCode':
    'Koden er forkert, udløbet eller allerede brugt. Efter 5 forkerte forsøg virker koden ikke mere, men linket i mailen gør. Tjek koden i den nyeste mail, eller få en ny.',
  'auth.mail.subject': (site: string) => `Log ind hos ${site}`,
  'auth.mail.intro':
    'Du har bedt om at logge ind. Tryk på knappen, eller skriv koden på siden, hvor du bad om den.',
  'auth.mail.button': 'Log ind',
  'auth.mail.codeLabel': 'Din kode',
  'auth.mail.expiry': (minutes: number) =>
    `Linket og koden virker i ${minutes} minutter og kan kun bruges én gang.`,
  'auth.mail.notYou':
    'Har du ikke bedt om at logge ind, kan du se bort fra denne mail. Ingen kan logge ind uden linket eller koden.',

  'privacy.title': 'Privatlivspolitik',
  'accessibility.title': 'Tilgængelighedserklæring',

  'mailbox.title': 'Postkasse',
  'mailbox.lead':
    'Her er de mails, Holdet har lagt i udbakken, nyeste først. Siden findes kun i udvikling og demo, aldrig i drift.',
  'mailbox.memory':
    'Der er ikke sat nogen mailserver op (SMTP_URL), så mailene sendes ikke ud. De gemmes kun her.',
  'mailbox.smtp': 'Mailene sendes ud gennem den mailserver, der er sat op (SMTP_URL).',
  'mailbox.empty': 'Der er ingen mails endnu.',
  'mailbox.caption': 'Mails i udbakken',
  'mailbox.created': 'Oprettet',
  'mailbox.from': 'Fra',
  'mailbox.to': 'Til',
  'mailbox.subject': 'Emne',
  'mailbox.kind': 'Type',
  'mailbox.status': 'Status',
  'mailbox.statusPending': 'Venter',
  'mailbox.statusSent': 'Sendt',
  'mailbox.statusFailed': 'Opgivet',
  'mailbox.sentAt': 'Sendt',
  'mailbox.attempts': 'Mislykkede forsøg',
  'mailbox.nextAttempt': 'Næste forsøg',
  'mailbox.lastError': 'Seneste fejl',
  'mailbox.details': 'Oplysninger',
  'mailbox.textBody': 'Tekstudgave',
  'mailbox.htmlBody': 'HTML-udgave',
  'mailbox.htmlLink': 'Åbn HTML-udgaven af mailen',
  'mailbox.htmlNote':
    'HTML-udgaven åbner som en side for sig, hvor mailens egen formatering er tilladt, men intet andet.',
  'mailbox.attachments': 'Vedhæftede filer',
  'mailbox.noAttachments': 'Mailen har ingen vedhæftede filer.',
  'mailbox.bytes': (n: number) => `${n.toLocaleString('da-DK')} byte`,
  'mailbox.dateTime': (date: string, time: string) => `${date} kl. ${time}`,
  'mailbox.back': 'Tilbage til postkassen',
  // Any form field that arrives with a NUL (or another character no field takes); names its field.
  'form.invalidChar': (label: string) =>
    `${label} indeholder et tegn, der ikke kan bruges. Skriv feltet igen.`,
  // The same for a set of radio buttons and for a checkbox, where there is nothing to type.
  'form.invalidChoice': (label: string) => `${label}: valget kunne ikke læses. Vælg igen.`,
  'form.invalidTick': (label: string) => `Krydset ved »${label}« kunne ikke læses. Prøv igen.`,
  'mailbox.content': 'Indhold',
  'mailbox.erased': (days: number) =>
    `Indholdet er slettet efter ${days} ${days === 1 ? 'dag' : 'dage'}: tekst, HTML og vedhæftede filer. Modtager, type, emne og tidspunkter er bevaret.`,
  'mailbox.erasedAt': 'Indhold slettet',
} as const;

/** The English (or any other) side of a catalogue: the same keys, strings for strings, same functions. */
export type Translation<T> = { [K in keyof T]: T[K] extends string ? string : T[K] };

/** A module's catalogue: Danish is the source, English must have every key (a type error otherwise). */
export function catalogue<T extends object>(da: T, en: Translation<T>): (lang: Lang) => Translation<T> {
  const byLang: Record<Lang, Translation<T>> = { da: da as Translation<T>, en };
  return (lang) => byLang[lang];
}

type Catalogue = Translation<typeof da>;

const en: Catalogue = {
  'site.skip': 'Skip to main content',
  'site.solution': 'Masterclass series',
  'site.languages': 'Choose language',
  'site.home': 'Home',
  'site.breadcrumbs': 'Breadcrumbs',
  'footer.heading': 'Contact',
  'footer.cvr': 'CVR (company no.)',
  'footer.email': 'Email',
  'footer.phone': 'Phone',
  'footer.privacy': 'Privacy policy',
  'footer.accessibility': 'Accessibility statement',
  'footer.about': 'About this site',

  'front.title': 'Masterclass series',
  'front.lead': 'Professional masterclass series for managers, where research and practice meet.',
  'front.upcoming': 'Upcoming cohorts',
  'front.earlier': 'Earlier cohorts',
  'front.none': 'There are no upcoming cohorts right now.',
  'front.readMore': 'Read more about',

  'series.sessionsCount': (n: number) =>
    `The programme: ${ENGLISH_NUMBERS[n] ?? n} ${n === 1 ? 'session' : 'sessions'}`,
  'series.dates': 'Dates',
  'series.facts': 'Key facts',
  'series.audience': 'Who can take part?',
  'series.price': 'Price',
  'series.priceExcl': 'excl. VAT',
  'series.priceIncl': 'incl. VAT',
  'series.pricePer': 'per participant for the whole series',
  'series.seats': 'Seats',
  'series.seatsTotal': (n: number) => `${n} seats in all, first come, first served`,
  'series.seatsLeft': (n: number, of: number) => `${n} of ${of} ${of === 1 ? 'seat' : 'seats'} left`,
  'series.awaitingSeats': (n: number) =>
    n === 1
      ? '(1 seat is reserved for a registration not yet confirmed)'
      : `(${n} seats are reserved for registrations not yet confirmed)`,
  'series.full': 'All seats are taken. You can join the waiting list.',
  'series.fullShort': 'Full – waiting list',
  'series.binding': 'Registration is binding.',
  'series.substitute':
    'If you cannot attend one of the sessions, you may, by agreement, send a colleague from your organisation in your place.',
  'series.preparation': 'No preparation is needed. The materials we send are an offer, not a requirement.',
  'series.catering': 'Catering',
  'series.practical': 'Practical information',
  'series.place': 'Place',
  'series.time': 'Time',
  'series.facilitator': 'Facilitator',
  'series.register': 'Register',
  'series.joinWaitlist': 'Join the waiting list',
  'series.registrationOpens': (when: string) => `Registration opens ${when}.`,
  'series.registrationClosed': 'Registration is closed.',
  'series.registrationCloses': (when: string) => `Registration deadline: ${when}.`,
  'series.completed': 'Completed',
  'series.completedText': 'This cohort has finished.',
  'series.open': 'Open for registration',
  'series.online': 'Online',
  'series.cancelled': 'Cancelled',
  'series.onlineNote': 'This session is held online. Participants receive the meeting link.',
  'series.expert': 'Speaker',
  'series.question': 'The leading question',
  'series.session': (n: number) => `Session ${n}`,
  'series.aboutExpert': 'About the speaker',
  'series.partOf': 'Part of',
  'series.allSessions': 'All sessions in the series',
  'series.sessionsWithExpert': 'Sessions with',
  'series.facilitates': 'Facilitator of',
  'series.personLinks': 'Links',
  'series.vat': 'VAT',

  'error.notFoundTitle': 'Page not found',
  'error.notFoundText':
    'We cannot find the page you are looking for. It may have moved, or the address may be mistyped.',
  'error.goHome': 'Go to the front page',
  'error.serverTitle': 'Something went wrong',
  'error.serverText':
    'Something went wrong on our side. Please try again shortly. If it keeps happening, contact us.',
  'error.badRequestTitle': 'The request could not be handled',
  'error.badRequestText': 'The address or the submitted information was not valid.',
  'error.reference': 'Error reference',
  'error.staleFormTitle': 'The form has expired',
  'error.staleFormText':
    'The page was too old, or your browser did not send our cookie. Go back, reload the page and try again.',
  'error.forbiddenTitle': 'No access',
  'error.forbiddenText': 'That page needs a different access than the one you are signed in with.',

  'site.myPage': 'My page',
  'site.myHold': 'My cohort',
  'site.backOffice': 'Organiser',
  'site.account': 'Your account',
  'site.signIn': 'Sign in',
  'site.signedInAs': 'Signed in as',
  'auth.signInTitle': 'Sign in',
  'auth.signInLead':
    'You sign in without a password: enter your work email and we send you a link and a code.',
  'auth.email': 'Work email',
  'auth.emailHint': 'The email address you registered with.',
  'auth.send': 'Send link and code',
  'auth.haveCode': 'Already have a code?',
  'auth.enterCode': 'Enter the code here',
  'auth.checkMailTitle': 'Check your email',
  'auth.checkMailText': (email: string, minutes: number) =>
    `If ${email} belongs to an account with us, we have sent an email with a link and a code. They work for ${minutes} minutes and can be used once.`,
  'auth.checkMailHelp': 'If you cannot find the email, look in your junk folder, or ask for a new one.',
  'auth.codeHeading': 'Sign in with the code from the email',
  'auth.codeTitle': 'Sign in with a code',
  'auth.codeLead': 'Enter your work email and the 6-digit code from the email.',
  'auth.code': 'Code',
  'auth.codeHint': '6 digits, e.g. 123456.',
  'auth.codeSubmit': 'Sign in',
  'auth.confirmTitle': 'Sign in',
  'auth.confirmText': 'Press the button to sign in. The link can be used once.',
  'auth.confirmButton': 'Sign in',
  'auth.failedTitle': 'This link cannot be used',
  'auth.failedUnknown':
    'The link is not valid. Perhaps part of it was lost when it was copied from the email.',
  'auth.failedUsed': 'The link has already been used. A link can be used once.',
  'auth.failedExpired': (minutes: number) =>
    `The link has expired. A link only works for ${minutes} minutes.`,
  'auth.requestNew': 'Get a new link and code',
  'limit.title': 'Too many attempts',
  'limit.signIn': 'Many sign-in links were requested in a short time.',
  'limit.code': 'Many codes were entered in a short time. The link in the email still works.',
  'limit.secondFactor': 'Many codes from the app were entered in a short time.',
  'limit.registration': 'Many registrations were sent from here in a short time.',
  'limit.retryAt': (time: string) => `Try again at ${time}.`,
  'limit.retryOn': (date: string, time: string) => `Try again on ${date} at ${time}.`,
  'auth.signOutEverywhere': 'Sign out everywhere',
  'auth.securityLink': 'Security: two-step verification',
  'auth.notificationsLink': 'Notifications: how you are told about news',
  'auth.signOutEverywhereHint':
    'Signs you out on every computer, phone and browser, this one too. Use it if you have signed in on a computer that is not your own.',
  'auth.signOut': 'Sign out',
  'auth.signOutTitle': 'Sign out',
  'auth.signOutText': 'Press the button to sign out in this browser.',
  'auth.errorPrefix': 'Error',
  'auth.error.emailRequired': 'Enter the work email.',
  'auth.error.email': 'Enter the work email as name@kommune.dk.',
  'auth.error.code': 'Enter the code from the email with 6 digits, e.g. 123456.',
  'auth.error.wrongCode':
    'The code is wrong, expired or already used. After 5 wrong tries the code stops working, but the link in the email still works. Check the code in the latest email, or get a new one.',
  'auth.mail.subject': (site: string) => `Sign in to ${site}`,
  'auth.mail.intro':
    'You asked to sign in. Press the button, or enter the code on the page where you asked for it.',
  'auth.mail.button': 'Sign in',
  'auth.mail.codeLabel': 'Your code',
  'auth.mail.expiry': (minutes: number) =>
    `The link and the code work for ${minutes} minutes and can be used once.`,
  'auth.mail.notYou':
    'If you did not ask to sign in, you can ignore this email. Nobody can sign in without the link or the code.',

  'privacy.title': 'Privacy policy',
  'accessibility.title': 'Accessibility statement',

  'mailbox.title': 'Mailbox',
  'mailbox.lead':
    'These are the mails Holdet has put in its outbox, newest first. This page exists only in development and demo, never in production.',
  'mailbox.memory':
    'No mail server is set up (SMTP_URL), so the mails are not sent. They are only kept here.',
  'mailbox.smtp': 'The mails are sent through the mail server that is set up (SMTP_URL).',
  'mailbox.empty': 'There are no mails yet.',
  'mailbox.caption': 'Mails in the outbox',
  'mailbox.created': 'Created',
  'mailbox.from': 'From',
  'mailbox.to': 'To',
  'mailbox.subject': 'Subject',
  'mailbox.kind': 'Kind',
  'mailbox.status': 'Status',
  'mailbox.statusPending': 'Waiting',
  'mailbox.statusSent': 'Sent',
  'mailbox.statusFailed': 'Given up',
  'mailbox.sentAt': 'Sent',
  'mailbox.attempts': 'Failed attempts',
  'mailbox.nextAttempt': 'Next attempt',
  'mailbox.lastError': 'Last error',
  'mailbox.details': 'Details',
  'mailbox.textBody': 'Plain text version',
  'mailbox.htmlBody': 'HTML version',
  'mailbox.htmlLink': 'Open the HTML version of the mail',
  'mailbox.htmlNote':
    "The HTML version opens as a page of its own, where the mail's own formatting is allowed and nothing else.",
  'mailbox.attachments': 'Attachments',
  'mailbox.noAttachments': 'The mail has no attachments.',
  'mailbox.bytes': (n: number) => `${n.toLocaleString('en-GB')} bytes`,
  'mailbox.dateTime': (date: string, time: string) => `${date}, ${time}`,
  'mailbox.back': 'Back to the mailbox',
  'form.invalidChar': (label: string) => `${label} contains a character that cannot be used. Type it again.`,
  'form.invalidChoice': (label: string) => `${label}: the choice could not be read. Choose again.`,
  'form.invalidTick': (label: string) => `The tick at "${label}" could not be read. Try again.`,
  'mailbox.content': 'Content',
  'mailbox.erased': (days: number) =>
    `The content was deleted after ${days} ${days === 1 ? 'day' : 'days'}: text, HTML and attachments. Recipient, kind, subject and times are kept.`,
  'mailbox.erasedAt': 'Content deleted',
};

export type MessageKey = keyof Catalogue;
export type Messages = Catalogue;

export const messages = catalogue(da, en);

/** The best language for a request: an explicit choice, then the cookie, then Accept-Language. */
export function pickLang(explicit: unknown, cookie: unknown, acceptLanguage: string | undefined): Lang {
  if (explicit === 'da' || explicit === 'en') return explicit;
  if (cookie === 'da' || cookie === 'en') return cookie;
  if (!acceptLanguage) return 'da';
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number.parseFloat(q.slice(2)) : 1;
      return { base: tag.split('-')[0] ?? '', weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((e) => e.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const entry of ranked) {
    if (entry.base === 'da' || entry.base === 'en') return entry.base;
    // Norwegian and Swedish readers manage Danish better than English.
    if (entry.base === 'nb' || entry.base === 'nn' || entry.base === 'no' || entry.base === 'sv') return 'da';
  }
  return 'da';
}
