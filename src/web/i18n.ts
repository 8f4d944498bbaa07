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
  'series.onlineNote': 'Sessionen holdes online. Deltagerne får linket til mødet.',
  'series.expert': 'Oplægsholder',
  'series.question': 'Det ledende spørgsmål',
  'series.session': (n: number) => `Session ${n}`,
  'series.aboutExpert': 'Om oplægsholderen',
  'series.partOf': 'En del af',
  'series.allSessions': 'Alle sessioner i rækken',
  'series.sessionsWithExpert': 'Sessioner med',
  'series.facilitates': 'Facilitator for',
  'series.vat': 'moms',

  'register.soonTitle': 'Tilmeldingen åbner snart',
  'register.soonText':
    'Tilmeldingen på nettet er ved at blive sat op. Indtil da kan du skrive eller ringe til os, så reserverer vi gerne en plads til dig.',
  'register.back': 'Tilbage til',
  'register.closedTitle': 'Der er ikke åbent for tilmelding',

  'error.notFoundTitle': 'Siden findes ikke',
  'error.notFoundText':
    'Vi kan ikke finde den side, du leder efter. Den kan være flyttet, eller adressen kan være skrevet forkert.',
  'error.goHome': 'Gå til forsiden',
  'error.serverTitle': 'Der opstod en fejl',
  'error.serverText': 'Noget gik galt hos os. Prøv igen om lidt. Hvis fejlen bliver ved, så kontakt os.',
  'error.badRequestTitle': 'Forespørgslen kunne ikke behandles',
  'error.badRequestText': 'Adressen eller de sendte oplysninger var ikke gyldige.',
  'error.reference': 'Fejlreference',

  'privacy.title': 'Privatlivspolitik',
  'accessibility.title': 'Tilgængelighedserklæring',
} as const;

type Catalogue = { [K in keyof typeof da]: (typeof da)[K] extends string ? string : (typeof da)[K] };

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
  'series.onlineNote': 'This session is held online. Participants receive the meeting link.',
  'series.expert': 'Speaker',
  'series.question': 'The leading question',
  'series.session': (n: number) => `Session ${n}`,
  'series.aboutExpert': 'About the speaker',
  'series.partOf': 'Part of',
  'series.allSessions': 'All sessions in the series',
  'series.sessionsWithExpert': 'Sessions with',
  'series.facilitates': 'Facilitator of',
  'series.vat': 'VAT',

  'register.soonTitle': 'Registration opens soon',
  'register.soonText':
    'Online registration is being set up. Until then, write or call us and we will gladly reserve a seat for you.',
  'register.back': 'Back to',
  'register.closedTitle': 'Registration is not open',

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

  'privacy.title': 'Privacy policy',
  'accessibility.title': 'Accessibility statement',
};

const catalogues: Record<Lang, Catalogue> = { da, en };

export type MessageKey = keyof Catalogue;
export type Messages = Catalogue;

export function messages(lang: Lang): Catalogue {
  return catalogues[lang];
}

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
