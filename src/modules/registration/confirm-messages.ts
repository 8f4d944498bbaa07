import { catalogue } from '../../web/i18n.ts';

// The words of the "check your mail" page and the confirmation pages. Danish is the source.

const da = {
  'confirm.checkTitle': 'Tjek din mail',
  'confirm.checkText': (email: string, deadline: string) =>
    `Vi har sendt en mail til ${email} med et link og en kode. Bekræft tilmeldingen senest ${deadline}: først da er den gældende. Indtil da holder vi din plads i den rækkefølge, tilmeldingerne kom ind.`,
  'confirm.checkNoMail':
    'Kan du ikke finde mailen, så kig i uønsket post. Er mailen sendt til en kollega eller jeres fakturakontakt, kan de også bekræfte.',
  'confirm.codeHeading': 'Har du koden fra mailen?',
  'confirm.codeTitle': 'Bekræft din tilmelding med koden',
  'confirm.codeLead':
    'Skriv den e-mailadresse, mailen blev sendt til, og den 6-cifrede kode fra mailen. Koden virker, indtil fristen i mailen.',
  'confirm.email': 'E-mailadresse',
  'confirm.emailHint': 'Den adresse, mailen med koden blev sendt til.',
  'confirm.code': 'Kode',
  'confirm.codeHint': '6 cifre, fx 123456.',
  'confirm.submit': 'Bekræft tilmeldingen',
  'confirm.errorSummary': 'Der er fejl i formularen',
  'confirm.errorPrefix': 'Fejl',
  'confirm.error.emailRequired': 'Udfyld e-mailadressen, som mailen med koden blev sendt til.',
  'confirm.error.email': 'Skriv e-mailadressen som navn@kommune.dk.',
  'confirm.error.code': 'Skriv koden med 6 cifre, fx 123456.',
  'confirm.error.wrongCode':
    'Koden passer ikke, er brugt eller udløbet. Tjek koden og e-mailadressen, eller brug linket i mailen.',
  'confirm.buttonTitle': 'Bekræft tilmeldingen',
  'confirm.buttonWho': (name: string, organisation: string, series: string) =>
    `Du bekræfter tilmeldingen af ${name}, ${organisation}, til ${series}.`,
  'confirm.toSeries': 'Til holdets side',
  'confirm.toFront': 'Til forsiden',
  'confirm.buttonText':
    'Tryk på knappen for at bekræfte tilmeldingen. Har du fået en plads, er tilmeldingen derefter bindende, og fakturaen udstedes.',
  'confirm.doneTitle': 'Tilmeldingen er bekræftet',
  'confirm.doneSeat': (name: string) =>
    `Tak. Tilmeldingen af ${name} er nu bekræftet og bindende. ${name} får en bekræftelse med alle datoerne og kalenderfilerne, og fakturaen sendes som aftalt.`,
  'confirm.doneLine': (name: string) =>
    `Tak. Tilmeldingen af ${name} er bekræftet, og pladsen på ventelisten står ved magt. Bliver en plads ledig, får ${name} et tilbud på mail.`,
  'confirm.alreadyTitle': 'Tilmeldingen er allerede bekræftet',
  'confirm.alreadyText':
    'Tilmeldingen er allerede bekræftet, måske af fakturakontakten eller deltageren selv. Der er ikke ændret noget. Deltageren kan logge ind og se tilmeldingen på Min side.',
  'confirm.tooLateTitle': 'Fristen for at bekræfte er overskredet',
  'confirm.tooLateText':
    'Tilmeldingen blev ikke bekræftet i tide, så pladsen er gået videre. Du er velkommen til at tilmelde dig igen, hvis der stadig er plads eller venteliste.',
  'confirm.unknownTitle': 'Linket virker ikke',
  'confirm.unknownText':
    'Vi kan ikke finde en tilmelding til det link. Måske er det ikke kopieret helt. Du kan i stedet skrive koden fra mailen.',
  'confirm.registerAgain': 'Tilmeld dig igen',
  'confirm.signIn': 'Log ind',
};

const en: typeof da = {
  'confirm.checkTitle': 'Check your email',
  'confirm.checkText': (email: string, deadline: string) =>
    `We have sent an email to ${email} with a link and a code. Confirm the registration by ${deadline}: only then does it count. Until then we hold your place in the order the registrations came in.`,
  'confirm.checkNoMail':
    'If you cannot find the email, look in your spam folder. If the email went to a colleague or your invoice contact, they can confirm too.',
  'confirm.codeHeading': 'Do you have the code from the email?',
  'confirm.codeTitle': 'Confirm your registration with the code',
  'confirm.codeLead':
    'Enter the email address the message was sent to and the 6-digit code from it. The code works until the deadline in the email.',
  'confirm.email': 'Email address',
  'confirm.emailHint': 'The address the email with the code was sent to.',
  'confirm.code': 'Code',
  'confirm.codeHint': '6 digits, e.g. 123456.',
  'confirm.submit': 'Confirm the registration',
  'confirm.errorSummary': 'There are errors in the form',
  'confirm.errorPrefix': 'Error',
  'confirm.error.emailRequired': 'Enter the email address the message was sent to.',
  'confirm.error.email': 'Enter the email address as name@example.com.',
  'confirm.error.code': 'Enter the code with 6 digits, e.g. 123456.',
  'confirm.error.wrongCode':
    'The code does not match, has been used or has expired. Check the code and the email address, or use the link in the email.',
  'confirm.buttonTitle': 'Confirm the registration',
  'confirm.buttonWho': (name: string, organisation: string, series: string) =>
    `You are confirming the registration of ${name}, ${organisation}, for ${series}.`,
  'confirm.toSeries': 'To the series page',
  'confirm.toFront': 'To the front page',
  'confirm.buttonText':
    'Press the button to confirm the registration. If you have a seat, the registration is then binding and the invoice is issued.',
  'confirm.doneTitle': 'The registration is confirmed',
  'confirm.doneSeat': (name: string) =>
    `Thank you. The registration of ${name} is now confirmed and binding. ${name} will get a confirmation with all the dates and the calendar files, and the invoice is sent as agreed.`,
  'confirm.doneLine': (name: string) =>
    `Thank you. The registration of ${name} is confirmed, and the place on the waiting list stands. If a seat becomes free, ${name} will get an offer by email.`,
  'confirm.alreadyTitle': 'The registration is already confirmed',
  'confirm.alreadyText':
    'The registration has already been confirmed, perhaps by the invoice contact or the participant. Nothing has been changed. The participant can sign in and see it on My page.',
  'confirm.tooLateTitle': 'The deadline for confirming has passed',
  'confirm.tooLateText':
    'The registration was not confirmed in time, so the place has gone to someone else. You are welcome to register again if there are still seats or a waiting list.',
  'confirm.unknownTitle': 'The link does not work',
  'confirm.unknownText':
    'We cannot find a registration for that link. Perhaps it was not copied in full. You can enter the code from the email instead.',
  'confirm.registerAgain': 'Register again',
  'confirm.signIn': 'Sign in',
};

export const confirmMessages = catalogue(da, en);
export type ConfirmErrorKey =
  | 'confirm.error.emailRequired'
  | 'confirm.error.email'
  | 'confirm.error.code'
  | 'confirm.error.wrongCode';
