import { catalogue, type Translation } from '../../web/i18n.ts';

/** A label inside a sentence: "Postnummer" → "postnummer". */
const lower = (label: string) => label.charAt(0).toLowerCase() + label.slice(1);

const da = {
  'venue.organiser': 'Arrangør',
  'venue.errorSummary': 'Der er fejl i formularen',
  'venue.errorPrefix': 'Fejl',
  'venue.optional': 'valgfri',

  'venue.list.title': 'Steder',
  'venue.list.intro':
    'Stederne, rækkerne og sessionerne holdes på. Adressen og de praktiske oplysninger står på de offentlige sider.',
  'venue.list.create': 'Opret sted',
  'venue.list.empty': 'Der er ingen steder endnu.',
  'venue.list.name': 'Navn',
  'venue.list.address': 'Adresse',
  'venue.list.use': 'Bruges af',
  'venue.list.useText': (series: number, sessions: number) =>
    `${series} ${series === 1 ? 'række' : 'rækker'}, ${sessions} ${sessions === 1 ? 'session' : 'sessioner'}`,
  'venue.list.unused': 'Ingen endnu',
  'venue.list.created': 'Stedet er oprettet.',
  'venue.list.saved': 'Stedet er gemt. De offentlige sider viser ændringen med det samme.',
  'venue.list.told': (n: number) =>
    n === 1
      ? 'Adressen er ændret: én person har fået en mail med opdaterede kalenderaftaler.'
      : `Adressen er ændret: ${n} mails med opdaterede kalenderaftaler er sendt til dem, der kommer.`,

  'venue.form.createTitle': 'Opret sted',
  'venue.form.createIntro': 'Et sted, rækker og sessioner kan holdes på.',
  'venue.form.editTitle': (name: string) => `Rediger ${name}`,
  'venue.form.editIntro':
    'Ændringerne står med det samme på de offentlige sider for de rækker og sessioner, der holdes her.',
  'venue.form.name': 'Navn',
  'venue.form.nameHint': 'Fx Væksthuset eller Aalborg Universitet København.',
  'venue.form.street': 'Adresse',
  'venue.form.streetHint': 'Gade og nummer, fx A.C. Meyers Vænge 15.',
  'venue.form.postalCode': 'Postnummer',
  'venue.form.postalCodeHint': '4 cifre, fx 2450.',
  'venue.form.city': 'By',
  'venue.form.notesDa': 'Praktiske oplysninger (dansk)',
  'venue.form.notesEn': 'Praktiske oplysninger (engelsk)',
  'venue.form.notesHint': (max: number) =>
    `Fx adgang, parkering og hvor man melder sig. Står under adressen på sessionens side. Højst ${max} tegn.`,
  'venue.form.create': 'Opret sted',
  'venue.form.save': 'Gem sted',

  'venue.error.required': (field: string) => `Udfyld ${lower(field)}.`,
  'venue.error.tooLong': (field: string, max: number) => `${field} må højst have ${max} tegn.`,
  'venue.error.postalCode': 'Skriv postnummer som 4 cifre, fx 2450.',
} as const;

const en: Translation<typeof da> = {
  'venue.organiser': 'Organiser',
  'venue.errorSummary': 'There are errors in the form',
  'venue.errorPrefix': 'Error',
  'venue.optional': 'optional',

  'venue.list.title': 'Venues',
  'venue.list.intro':
    'Where the series and their sessions are held. The address and the practical notes are shown on the public pages.',
  'venue.list.create': 'Create a venue',
  'venue.list.empty': 'There are no venues yet.',
  'venue.list.name': 'Name',
  'venue.list.address': 'Address',
  'venue.list.use': 'Used by',
  'venue.list.useText': (series: number, sessions: number) =>
    `${series} series, ${sessions} ${sessions === 1 ? 'session' : 'sessions'}`,
  'venue.list.unused': 'None yet',
  'venue.list.created': 'The venue has been created.',
  'venue.list.saved': 'The venue has been saved. The public pages show the change at once.',
  'venue.list.told': (n: number) =>
    n === 1
      ? 'The address changed: one person got a mail with updated calendar entries.'
      : `The address changed: ${n} mails with updated calendar entries went to those who come.`,

  'venue.form.createTitle': 'Create a venue',
  'venue.form.createIntro': 'A place where series and sessions can be held.',
  'venue.form.editTitle': (name: string) => `Edit ${name}`,
  'venue.form.editIntro':
    'The changes show at once on the public pages of the series and sessions held here.',
  'venue.form.name': 'Name',
  'venue.form.nameHint': 'E.g. Væksthuset or Aalborg University Copenhagen.',
  'venue.form.street': 'Address',
  'venue.form.streetHint': 'Street and number, e.g. A.C. Meyers Vænge 15.',
  'venue.form.postalCode': 'Postcode',
  'venue.form.postalCodeHint': '4 digits, e.g. 2450.',
  'venue.form.city': 'Town',
  'venue.form.notesDa': 'Practical notes (Danish)',
  'venue.form.notesEn': 'Practical notes (English)',
  'venue.form.notesHint': (max: number) =>
    `E.g. access, parking and where to report. Shown under the address on the session's page. At most ${max} characters.`,
  'venue.form.create': 'Create venue',
  'venue.form.save': 'Save venue',

  'venue.error.required': (field: string) => `Enter the ${lower(field)}.`,
  'venue.error.tooLong': (field: string, max: number) => `${field} can have at most ${max} characters.`,
  'venue.error.postalCode': 'Enter the postcode as 4 digits, e.g. 2450.',
};

export const venueMessages = catalogue(da, en);
