import { catalogue, type Translation } from '../../web/i18n.ts';

// What the organiser reads on the session pages of the back office.

const da = {
  'session.organiser': 'Arrangør',
  'session.errorSummary': 'Der er fejl i formularen',
  'session.errorPrefix': 'Fejl',
  'session.optional': 'valgfri',

  'session.list.title': (series: string) => `Sessioner: ${series}`,
  'session.list.intro':
    'Ret spørgsmål, tid og sted. Ændres tid, sted eller mødeform, eller aflyses en session, får deltagere, ' +
    'stedfortrædere, eksperten og facilitatoren en mail med en kalenderfil, der flytter deres aftale.',
  'session.list.none': 'Serien har ingen sessioner endnu.',
  'session.list.add': 'Tilføj session',
  'session.list.number': 'Nr.',
  'session.list.when': 'Tid',
  'session.list.question': 'Spørgsmål',
  'session.list.place': 'Sted',
  'session.list.actions': 'Handlinger',
  'session.list.edit': (n: number) => `Ret session ${n}`,
  'session.list.online': (n: number) => `Flyt session ${n} online`,
  'session.list.inPerson': (n: number) => `Flyt session ${n} til fremmøde`,
  'session.list.cancel': (n: number) => `Aflys session ${n}`,
  'session.list.up': 'Flyt op',
  'session.list.down': 'Flyt ned',
  'session.list.named': (n: number) => `session ${n}`,
  'session.list.editSeries': 'Rediger serien',
  'session.list.cancelled': 'Aflyst',
  'session.list.online.place': 'Online',
  'session.list.seriesVenue': 'Seriens sted',
  'session.list.registrations': 'Tilmeldinger',
  'session.list.public': 'Se den offentlige side',

  'session.form.newTitle': 'Tilføj session',
  'session.form.editTitle': (n: number) => `Ret session ${n}`,
  'session.form.questionDa': 'Spørgsmål (dansk)',
  'session.form.questionEn': 'Spørgsmål (engelsk)',
  'session.form.questionHint': 'Sessionens overskrift: det spørgsmål, eksperten tager op.',
  'session.form.descriptionDa': 'Beskrivelse (dansk)',
  'session.form.descriptionEn': 'Beskrivelse (engelsk)',
  'session.form.expert': 'Ekspert',
  'session.form.noExpert': 'Ingen ekspert endnu',
  'session.form.day': 'Dato',
  'session.form.dayHint': 'For eksempel 7.6.2027.',
  'session.form.startTime': 'Starttidspunkt',
  'session.form.endTime': 'Sluttidspunkt',
  'session.form.timeHint': 'Dansk tid, for eksempel 10:00.',
  'session.form.mode': 'Mødeform',
  'session.form.mode.in_person': 'Fremmøde',
  'session.form.mode.online': 'Online',
  'session.form.venue': 'Sted',
  'session.form.venueHint': 'Gælder ved fremmøde.',
  'session.form.seriesVenue': (venue: string) => `Seriens sted (${venue})`,
  'session.form.seriesVenueNone': 'Seriens sted (ikke valgt)',
  'session.form.meetingUrl': 'Link til onlinemødet',
  'session.form.meetingUrlHint':
    'Gælder online. Vises kun for sessionens deltagere: på Mit hold, i deres mail og i kalenderen.',
  'session.form.save': 'Gem session',
  'session.form.add': 'Tilføj session',
  'session.form.back': 'Tilbage til sessionerne',
  'session.form.tellsHint':
    'Ændrer du tid, sted eller mødeform, får alle berørte en mail med en opdateret kalenderaftale.',

  'session.online.title': (n: number) => `Flyt session ${n} online`,
  'session.online.intro':
    'Sessionen holdes online i stedet for med fremmøde. Alle berørte får en mail med linket og en kalenderfil, ' +
    'der flytter deres aftale. Den offentlige side viser kun, at sessionen er online.',
  'session.online.save': 'Flyt online og send besked',
  'session.inPerson.title': (n: number) => `Flyt session ${n} til fremmøde`,
  'session.inPerson.intro':
    'Sessionen holdes med fremmøde igen. Alle berørte får en mail med stedet og en kalenderfil, der flytter ' +
    'deres aftale. Linket til onlinemødet fjernes.',
  'session.inPerson.save': 'Flyt til fremmøde og send besked',

  'session.cancel.title': (n: number) => `Aflys session ${n}`,
  'session.cancel.intro':
    'Sessionen aflyses. Den bliver stående i programmet som aflyst, og alle berørte får en mail med en ' +
    'kalenderfil, der aflyser deres aftale. Det kan ikke fortrydes.',
  'session.cancel.note': 'Besked til deltagerne',
  'session.cancel.noteHint': 'Står i mailen, for eksempel hvorfor sessionen aflyses, og hvad der sker nu.',
  'session.cancel.save': 'Aflys sessionen og send besked',

  'session.done.saved': (n: number) => `Session ${n} er gemt.`,
  'session.done.added': (n: number) => `Session ${n} er tilføjet.`,
  'session.done.told': (count: number) =>
    count === 1
      ? 'Én person har fået en mail med en opdateret kalenderaftale.'
      : `${count} personer har fået en mail med en opdateret kalenderaftale.`,
  'session.done.toldNone':
    'Ingen skulle have besked: serien har endnu ingen deltagere med en rolle i sessionen.',
  'session.done.cancelled': (n: number) => `Session ${n} er aflyst.`,
  'session.done.moved': 'Rækkefølgen er ændret.',
  'session.done.isCancelled': 'Sessionen er aflyst og kan ikke ændres.',

  'session.error.questionDa': 'Udfyld spørgsmålet på dansk.',
  'session.error.questionEn': 'Udfyld spørgsmålet på engelsk.',
  'session.error.tooLong': (field: string, max: number) => `${field} må højst have ${max} tegn.`,
  'session.error.expert': 'Vælg en ekspert fra listen.',
  'session.error.venue': 'Vælg et sted fra listen.',
  'session.error.dayMissing': 'Udfyld datoen.',
  'session.error.day': 'Skriv datoen som dag.måned.år, for eksempel 7.6.2027.',
  'session.error.startMissing': 'Udfyld starttidspunktet.',
  'session.error.start': 'Skriv starttidspunktet som timer:minutter, for eksempel 10:00.',
  'session.error.endMissing': 'Udfyld sluttidspunktet.',
  'session.error.end': 'Skriv sluttidspunktet som timer:minutter, for eksempel 14:30.',
  'session.error.endBeforeStart': 'Sluttidspunktet skal ligge efter starttidspunktet.',
  'session.error.mode': 'Vælg fremmøde eller online.',
  'session.error.meetingUrlMissing': 'Udfyld linket til onlinemødet.',
  'session.error.meetingUrl':
    'Linket til onlinemødet skal være en gyldig adresse, der begynder med https://.',
  'session.error.note': (max: number) => `Beskeden til deltagerne må højst have ${max} tegn.`,
} as const;

const en: Translation<typeof da> = {
  'session.organiser': 'Organiser',
  'session.errorSummary': 'There are errors in the form',
  'session.errorPrefix': 'Error',
  'session.optional': 'optional',

  'session.list.title': (series: string) => `Sessions: ${series}`,
  'session.list.intro':
    'Edit questions, times and places. When a time, place or mode changes, or a session is cancelled, ' +
    'participants, substitutes, the expert and the facilitator get a mail with a calendar file that moves ' +
    'their entry.',
  'session.list.none': 'The series has no sessions yet.',
  'session.list.add': 'Add a session',
  'session.list.number': 'No.',
  'session.list.when': 'Time',
  'session.list.question': 'Question',
  'session.list.place': 'Place',
  'session.list.actions': 'Actions',
  'session.list.edit': (n: number) => `Edit session ${n}`,
  'session.list.online': (n: number) => `Move session ${n} online`,
  'session.list.inPerson': (n: number) => `Move session ${n} back to in person`,
  'session.list.cancel': (n: number) => `Cancel session ${n}`,
  'session.list.up': 'Move up',
  'session.list.down': 'Move down',
  'session.list.named': (n: number) => `session ${n}`,
  'session.list.editSeries': 'Edit the series',
  'session.list.cancelled': 'Cancelled',
  'session.list.online.place': 'Online',
  'session.list.seriesVenue': "The series' venue",
  'session.list.registrations': 'Registrations',
  'session.list.public': 'See the public page',

  'session.form.newTitle': 'Add a session',
  'session.form.editTitle': (n: number) => `Edit session ${n}`,
  'session.form.questionDa': 'Question (Danish)',
  'session.form.questionEn': 'Question (English)',
  'session.form.questionHint': "The session's heading: the question the expert takes up.",
  'session.form.descriptionDa': 'Description (Danish)',
  'session.form.descriptionEn': 'Description (English)',
  'session.form.expert': 'Expert',
  'session.form.noExpert': 'No expert yet',
  'session.form.day': 'Date',
  'session.form.dayHint': 'For example 7.6.2027.',
  'session.form.startTime': 'Start time',
  'session.form.endTime': 'End time',
  'session.form.timeHint': 'Danish time, for example 10:00.',
  'session.form.mode': 'Mode',
  'session.form.mode.in_person': 'In person',
  'session.form.mode.online': 'Online',
  'session.form.venue': 'Venue',
  'session.form.venueHint': 'For a session in person.',
  'session.form.seriesVenue': (venue: string) => `The series' venue (${venue})`,
  'session.form.seriesVenueNone': "The series' venue (not chosen)",
  'session.form.meetingUrl': 'Meeting link',
  'session.form.meetingUrlHint':
    "For an online session. Shown only to the session's attendees: on My series, in their mail and calendar.",
  'session.form.save': 'Save the session',
  'session.form.add': 'Add the session',
  'session.form.back': 'Back to the sessions',
  'session.form.tellsHint':
    'If you change the time, place or mode, everyone affected gets a mail with an updated calendar entry.',

  'session.online.title': (n: number) => `Move session ${n} online`,
  'session.online.intro':
    'The session is held online instead of in person. Everyone affected gets a mail with the link and a ' +
    'calendar file that moves their entry. The public page only says the session is online.',
  'session.online.save': 'Move online and tell everyone',
  'session.inPerson.title': (n: number) => `Move session ${n} back to in person`,
  'session.inPerson.intro':
    'The session is held in person again. Everyone affected gets a mail with the place and a calendar file ' +
    'that moves their entry. The meeting link is removed.',
  'session.inPerson.save': 'Move to in person and tell everyone',

  'session.cancel.title': (n: number) => `Cancel session ${n}`,
  'session.cancel.intro':
    'The session is cancelled. It stays in the programme marked as cancelled, and everyone affected gets a ' +
    'mail with a calendar file that cancels their entry. This cannot be undone.',
  'session.cancel.note': 'Message to the participants',
  'session.cancel.noteHint':
    'Goes in the mail, for example why the session is cancelled and what happens now.',
  'session.cancel.save': 'Cancel the session and tell everyone',

  'session.done.saved': (n: number) => `Session ${n} is saved.`,
  'session.done.added': (n: number) => `Session ${n} is added.`,
  'session.done.told': (count: number) =>
    count === 1
      ? 'One person got a mail with an updated calendar entry.'
      : `${count} people got a mail with an updated calendar entry.`,
  'session.done.toldNone': 'Nobody needed telling: the series has no participants or people with a role yet.',
  'session.done.cancelled': (n: number) => `Session ${n} is cancelled.`,
  'session.done.moved': 'The order is changed.',
  'session.done.isCancelled': 'The session is cancelled and cannot be changed.',

  'session.error.questionDa': 'Enter the question in Danish.',
  'session.error.questionEn': 'Enter the question in English.',
  'session.error.tooLong': (field: string, max: number) => `${field} can have at most ${max} characters.`,
  'session.error.expert': 'Choose an expert from the list.',
  'session.error.venue': 'Choose a venue from the list.',
  'session.error.dayMissing': 'Enter the date.',
  'session.error.day': 'Write the date as day.month.year, for example 7.6.2027.',
  'session.error.startMissing': 'Enter the start time.',
  'session.error.start': 'Write the start time as hours:minutes, for example 10:00.',
  'session.error.endMissing': 'Enter the end time.',
  'session.error.end': 'Write the end time as hours:minutes, for example 14:30.',
  'session.error.endBeforeStart': 'The end time must be after the start time.',
  'session.error.mode': 'Choose in person or online.',
  'session.error.meetingUrlMissing': 'Enter the meeting link.',
  'session.error.meetingUrl': 'The meeting link must be a valid address that starts with https://.',
  'session.error.note': (max: number) =>
    `The message to the participants can have at most ${max} characters.`,
} as const;

export const sessionMessages = catalogue(da, en);
export type SessionMessages = ReturnType<typeof sessionMessages>;
