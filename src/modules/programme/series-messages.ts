import { catalogue, type Translation } from '../../web/i18n.ts';

// The organiser's series pages: create, edit, status, preview, copy. Danish first; English has every key.

/** A label inside a sentence: "Titel på dansk" → "titel på dansk". */
const lower = (label: string) => label.charAt(0).toLowerCase() + label.slice(1);

const da = {
  'series.edit.admin': 'Arrangør',
  'series.edit.errorSummary': 'Der er fejl i formularen',
  'series.edit.errorPrefix': 'Fejl',
  'series.edit.optional': 'valgfri',
  'series.edit.none': 'Ingen',

  'series.edit.newTitle': 'Opret ny serie',
  'series.edit.newIntro':
    'En ny serie er en kladde, som kun arrangører kan se. Tilføj sessioner, se forhåndsvisningen, og offentliggør den, når den er klar.',
  'series.edit.editTitle': (title: string) => `Rediger ${title}`,
  'series.edit.create': 'Opret serien',
  'series.edit.save': 'Gem ændringer',
  'series.edit.created': 'Serien er oprettet som kladde.',
  'series.edit.saved': 'Ændringerne er gemt.',
  'series.edit.copied': 'Serien er kopieret som kladde. Se datoerne efter, før den offentliggøres.',
  'series.edit.statusMoved': 'Status er ændret.',
  'series.edit.seatsOffered': (n: number) =>
    n === 1
      ? 'Én ledig plads er tilbudt til den første på ventelisten.'
      : `${n} ledige pladser er tilbudt til ventelisten.`,
  'series.edit.told': (n: number) =>
    n === 1
      ? 'Sessionerne flytter med til det nye sted: én person har fået en mail med opdaterede kalenderaftaler.'
      : `Sessionerne flytter med til det nye sted: ${n} mails med opdaterede kalenderaftaler er sendt.`,

  'series.edit.texts': 'Tekster',
  'series.edit.seatsAndPrice': 'Pladser og pris',
  'series.edit.window': 'Tilmelding',
  'series.edit.people': 'Facilitator og sted',

  'series.field.slug': 'Adresse',
  'series.field.slugHint':
    'Små bogstaver, tal og bindestreger, fx ledelse-i-praksis-2028. Siden får adressen /serier/…',
  'series.field.slugFixedHint': 'Adressen kan ikke ændres, når serien er offentliggjort.',
  'series.field.titleDa': 'Titel på dansk',
  'series.field.titleEn': 'Titel på engelsk',
  'series.field.summaryDa': 'Kort beskrivelse på dansk',
  'series.field.summaryEn': 'Kort beskrivelse på engelsk',
  'series.field.introDa': 'Introduktion på dansk',
  'series.field.introEn': 'Introduktion på engelsk',
  'series.field.audienceDa': 'Målgruppe på dansk',
  'series.field.audienceEn': 'Målgruppe på engelsk',
  'series.field.cateringDa': 'Forplejning på dansk',
  'series.field.cateringEn': 'Forplejning på engelsk',
  'series.field.termsDa': 'Seriens egne betingelser på dansk',
  'series.field.termsEn': 'Seriens egne betingelser på engelsk',
  'series.field.termsHint':
    'Vises under de faste betingelser (bindende tilmelding, stedfortræder). Tom linje mellem afsnit.',
  'series.field.capacity': 'Antal pladser',
  'series.field.capacityHint': (held: number) =>
    held > 0 ? `${held} pladser er taget; antallet kan ikke komme under det.` : 'Et helt tal, fx 15.',
  'series.field.price': 'Pris i kroner ekskl. moms',
  'series.field.priceHint': 'Fx 18.000 eller 18.000,50.',
  'series.field.vatRate': 'Momssats i procent',
  'series.field.vatRateHint': 'Fx 25.',
  'series.field.frozenHint': 'Kan ikke ændres: der er udstedt fakturaer for serien.',
  'series.field.opensDay': 'Tilmelding åbner, dato',
  'series.field.opensTime': 'Tilmelding åbner, klokkeslæt',
  'series.field.closesDay': 'Tilmelding lukker, dato',
  'series.field.closesTime': 'Tilmelding lukker, klokkeslæt',
  'series.field.dayHint': 'Fx 2028-06-05 (dansk tid).',
  'series.field.timeHint': 'Fx 09:00 (dansk tid).',
  'series.field.facilitator': 'Facilitator',
  'series.field.venue': 'Sted',
  'series.field.venueHint': 'Hvor sessionerne holdes, medmindre en session har sit eget sted.',

  'series.error.required': (label: string) => `Udfyld ${lower(label)}`,
  'series.error.tooLong': (label: string, max: number) => `${label} må højst være ${max} tegn`,
  'series.error.slug': 'Adressen må kun have små bogstaver (a–z), tal og bindestreger mellem ord',
  'series.error.slugReserved': 'Adressen «ny» er reserveret; vælg en anden',
  'series.error.slugTaken': 'En anden serie har allerede den adresse; vælg en anden',
  'series.error.slugFixed':
    'Adressen kan ikke ændres, når serien er offentliggjort: den står i mails og kalendere',
  'series.error.capacity': 'Antal pladser skal være et helt tal fra 1 til 10.000',
  'series.error.capacityHeld': (held: number) =>
    `Antal pladser kan ikke komme under de ${held} pladser, der allerede er taget`,
  'series.error.price': 'Prisen skal være et beløb i kroner, fx 18.000 eller 18.000,50',
  'series.error.priceRange': 'Prisen skal være mellem 0 og 1.000.000 kr.',
  'series.error.priceFrozen': 'Prisen kan ikke ændres, fordi der er udstedt fakturaer for serien',
  'series.error.vatRate': 'Momssatsen skal være en procent fra 0 til 100, fx 25',
  'series.error.vatFrozen': 'Momssatsen kan ikke ændres, fordi der er udstedt fakturaer for serien',
  'series.error.day': (label: string) => `${label} skal være en dato som 2028-06-05`,
  'series.error.time': (label: string) => `${label} skal være et klokkeslæt som 09:00`,
  'series.error.closesBeforeOpens': 'Tilmeldingen skal lukke efter, at den åbner',
  'series.error.choice': (label: string) => `Vælg ${lower(label)} fra listen`,
  'series.error.invalidChar': 'Feltet indeholder et tegn, der ikke kan gemmes',

  // Status
  'series.status.heading': 'Status',
  'series.status.current': (status: string) => `Serien er: ${status}.`,
  'series.status.draft': 'Kladde',
  'series.status.published': 'Offentliggjort',
  'series.status.closed': 'Lukket',
  'series.status.archived': 'Arkiveret',
  'series.status.to.published': 'Offentliggør',
  'series.status.to.closed': 'Luk serien',
  'series.status.to.draft': 'Gør til kladde igen',
  'series.status.to.archived': 'Arkivér',
  'series.status.explain.draft': 'Kun arrangører kan se en kladde. Forhåndsvis den, før den offentliggøres.',
  'series.status.explain.published':
    'Serien står på forsiden og kan tage imod tilmeldinger i tilmeldingsperioden.',
  'series.status.explain.closed': 'Serien kan ses, men tager ikke imod tilmeldinger.',
  'series.status.explain.archived': 'Serien er afsluttet og arkiveret.',
  'series.status.none': 'Ingen statusændring er mulig lige nu.',
  'series.status.needsSession': 'Serien kan offentliggøres, når den har mindst én session.',
  'series.status.error.missing': 'Vælg den nye status',
  'series.status.error.not-allowed': 'Den statusændring er ikke mulig',
  'series.status.error.no-sessions': 'Serien kan ikke offentliggøres uden mindst én session',
  'series.status.error.seats-held': 'Serien kan ikke blive kladde igen, fordi nogen har en plads',

  // Links on the edit page
  'series.edit.preview': 'Forhåndsvisning',
  'series.edit.copy': 'Kopiér serien',
  'series.edit.registrations': 'Tilmeldinger',
  'series.edit.publicPage': 'Den offentlige side',
  'series.edit.sessions': 'Sessioner',
  'series.edit.noSessions': 'Serien har ingen sessioner endnu.',
  'series.edit.editSessions': 'Tilføj og ret sessioner',
  'series.edit.sessionCancelled': 'aflyst',
  'series.edit.session': (n: number) => `Session ${n}`,

  // Preview
  'series.preview.banner': (status: string) =>
    `Forhåndsvisning: sådan ser siden ud for besøgende. Serien er: ${status}.`,

  // Copy
  'series.copy.title': (title: string) => `Kopiér ${title}`,
  'series.copy.intro':
    'Kopien får tekster, pladser, pris, facilitator, sted og sessioner med eksperter. Tilmeldinger og det, deltagerne har skrevet, kommer ikke med. Datoerne er foreslået på samme ugedag et år senere; ret dem, hvis det trænger.',
  'series.copy.sessions': 'Sessionernes datoer',
  'series.copy.noSessions': 'Serien har ingen sessioner at kopiere.',
  'series.copy.submit': 'Kopiér serien',
  'series.copy.day': (n: number) => `Dato for session ${n}`,
  'series.copy.start': (n: number) => `Starttidspunkt for session ${n}`,
  'series.copy.end': (n: number) => `Sluttidspunkt for session ${n}`,
  'series.copy.endBeforeStart': (n: number) => `Session ${n} skal slutte efter, at den begynder`,
  'series.copy.was': (when: string) => `Før: ${when}`,
};

const en: Translation<typeof da> = {
  'series.edit.admin': 'Organiser',
  'series.edit.errorSummary': 'There is a problem with the form',
  'series.edit.errorPrefix': 'Error',
  'series.edit.optional': 'optional',
  'series.edit.none': 'None',

  'series.edit.newTitle': 'Create a new series',
  'series.edit.newIntro':
    'A new series is a draft only organisers can see. Add sessions, look at the preview, and publish it when it is ready.',
  'series.edit.editTitle': (title: string) => `Edit ${title}`,
  'series.edit.create': 'Create the series',
  'series.edit.save': 'Save changes',
  'series.edit.created': 'The series has been created as a draft.',
  'series.edit.saved': 'The changes have been saved.',
  'series.edit.copied': 'The series has been copied as a draft. Check the dates before publishing it.',
  'series.edit.statusMoved': 'The status has been changed.',
  'series.edit.seatsOffered': (n: number) =>
    n === 1
      ? 'One free seat has been offered to the first person on the waitlist.'
      : `${n} free seats have been offered to the waitlist.`,
  'series.edit.told': (n: number) =>
    n === 1
      ? 'The sessions move to the new venue: one person got a mail with updated calendar entries.'
      : `The sessions move to the new venue: ${n} mails with updated calendar entries were sent.`,

  'series.edit.texts': 'Texts',
  'series.edit.seatsAndPrice': 'Seats and price',
  'series.edit.window': 'Registration',
  'series.edit.people': 'Facilitator and venue',

  'series.field.slug': 'Address',
  'series.field.slugHint':
    'Lower-case letters, digits and hyphens, e.g. leadership-in-practice-2028. The page will be at /serier/…',
  'series.field.slugFixedHint': 'The address cannot change once the series is published.',
  'series.field.titleDa': 'Title in Danish',
  'series.field.titleEn': 'Title in English',
  'series.field.summaryDa': 'Short description in Danish',
  'series.field.summaryEn': 'Short description in English',
  'series.field.introDa': 'Introduction in Danish',
  'series.field.introEn': 'Introduction in English',
  'series.field.audienceDa': 'Audience in Danish',
  'series.field.audienceEn': 'Audience in English',
  'series.field.cateringDa': 'Catering in Danish',
  'series.field.cateringEn': 'Catering in English',
  'series.field.termsDa': 'The series’ own terms in Danish',
  'series.field.termsEn': 'The series’ own terms in English',
  'series.field.termsHint':
    'Shown under the standard terms (binding registration, substitutes). A blank line between paragraphs.',
  'series.field.capacity': 'Number of seats',
  'series.field.capacityHint': (held: number) =>
    held > 0 ? `${held} seats are taken; the number cannot go below that.` : 'A whole number, e.g. 15.',
  'series.field.price': 'Price in Danish kroner excluding VAT',
  'series.field.priceHint': 'E.g. 18.000 or 18.000,50 (Danish style).',
  'series.field.vatRate': 'VAT rate in per cent',
  'series.field.vatRateHint': 'E.g. 25.',
  'series.field.frozenHint': 'Cannot change: invoices have been issued for the series.',
  'series.field.opensDay': 'Registration opens, date',
  'series.field.opensTime': 'Registration opens, time',
  'series.field.closesDay': 'Registration closes, date',
  'series.field.closesTime': 'Registration closes, time',
  'series.field.dayHint': 'E.g. 2028-06-05 (Danish time).',
  'series.field.timeHint': 'E.g. 09:00 (Danish time).',
  'series.field.facilitator': 'Facilitator',
  'series.field.venue': 'Venue',
  'series.field.venueHint': 'Where the sessions are held, unless a session has a venue of its own.',

  'series.error.required': (label: string) => `Fill in the ${lower(label)}`,
  'series.error.tooLong': (label: string, max: number) => `${label} must be at most ${max} characters`,
  'series.error.slug': 'The address may only have lower-case letters (a–z), digits and hyphens between words',
  'series.error.slugReserved': 'The address “ny” is reserved; choose another',
  'series.error.slugTaken': 'Another series already has that address; choose another',
  'series.error.slugFixed':
    'The address cannot change once the series is published: it is in mails and calendars',
  'series.error.capacity': 'The number of seats must be a whole number from 1 to 10,000',
  'series.error.capacityHeld': (held: number) =>
    `The number of seats cannot go below the ${held} seats already taken`,
  'series.error.price': 'The price must be an amount in kroner, e.g. 18.000 or 18.000,50',
  'series.error.priceRange': 'The price must be between 0 and 1,000,000 kroner',
  'series.error.priceFrozen': 'The price cannot change, because invoices have been issued for the series',
  'series.error.vatRate': 'The VAT rate must be a percentage from 0 to 100, e.g. 25',
  'series.error.vatFrozen': 'The VAT rate cannot change, because invoices have been issued for the series',
  'series.error.day': (label: string) => `${label} must be a date like 2028-06-05`,
  'series.error.time': (label: string) => `${label} must be a time like 09:00`,
  'series.error.closesBeforeOpens': 'Registration must close after it opens',
  'series.error.choice': (label: string) => `Choose the ${lower(label)} from the list`,
  'series.error.invalidChar': 'The field holds a character that cannot be saved',

  'series.status.heading': 'Status',
  'series.status.current': (status: string) => `The series is: ${status}.`,
  'series.status.draft': 'Draft',
  'series.status.published': 'Published',
  'series.status.closed': 'Closed',
  'series.status.archived': 'Archived',
  'series.status.to.published': 'Publish',
  'series.status.to.closed': 'Close the series',
  'series.status.to.draft': 'Make it a draft again',
  'series.status.to.archived': 'Archive',
  'series.status.explain.draft': 'Only organisers can see a draft. Preview it before publishing.',
  'series.status.explain.published':
    'The series is on the front page and takes registrations during its registration period.',
  'series.status.explain.closed': 'The series can be seen but takes no registrations.',
  'series.status.explain.archived': 'The series has ended and is archived.',
  'series.status.none': 'No change of status is possible now.',
  'series.status.needsSession': 'The series can be published once it has at least one session.',
  'series.status.error.missing': 'Choose the new status',
  'series.status.error.not-allowed': 'That change of status is not possible',
  'series.status.error.no-sessions': 'The series cannot be published without at least one session',
  'series.status.error.seats-held': 'The series cannot become a draft again, because someone holds a seat',

  'series.edit.preview': 'Preview',
  'series.edit.copy': 'Copy the series',
  'series.edit.registrations': 'Registrations',
  'series.edit.publicPage': 'The public page',
  'series.edit.sessions': 'Sessions',
  'series.edit.noSessions': 'The series has no sessions yet.',
  'series.edit.editSessions': 'Add and edit sessions',
  'series.edit.sessionCancelled': 'cancelled',
  'series.edit.session': (n: number) => `Session ${n}`,

  'series.preview.banner': (status: string) =>
    `Preview: this is how visitors will see the page. The series is: ${status}.`,

  'series.copy.title': (title: string) => `Copy ${title}`,
  'series.copy.intro':
    'The copy gets the texts, seats, price, facilitator, venue and sessions with their experts. Registrations and what participants wrote do not come along. The dates proposed are the same weekdays a year later; change them if needed.',
  'series.copy.sessions': 'The sessions’ dates',
  'series.copy.noSessions': 'The series has no sessions to copy.',
  'series.copy.submit': 'Copy the series',
  'series.copy.day': (n: number) => `Date of session ${n}`,
  'series.copy.start': (n: number) => `Start time of session ${n}`,
  'series.copy.end': (n: number) => `End time of session ${n}`,
  'series.copy.endBeforeStart': (n: number) => `Session ${n} must end after it starts`,
  'series.copy.was': (when: string) => `Before: ${when}`,
};

export const seriesEditMessages = catalogue(da, en);
export type SeriesEditMessages = ReturnType<typeof seriesEditMessages>;
