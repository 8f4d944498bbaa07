import { catalogue, type Translation } from '../../web/i18n.ts';

// The second factor's pages (sign-in step, setup, recovery codes, the security page). The sign-in pages'
// older strings are in src/web/i18n.ts (`auth.*`).

const da = {
  'sf.errorPrefix': 'Fejl',
  'sf.errorSummary': 'Der er en fejl',
  'sf.verifyTitle': 'Skriv koden fra din app',
  'sf.verifyLead':
    'Du har åbnet linket eller skrevet koden fra mailen. Nu mangler kun andet trin: koden fra godkendelses-appen på din telefon.',
  'sf.code': 'Kode fra appen',
  'sf.codeHint': '6 cifre, fx 123456. Har du ikke telefonen, så skriv en af dine gendannelseskoder.',
  'sf.setupCodeHint': '6 cifre, fx 123456. Appen viser en ny kode hvert 30. sekund.',
  'sf.submit': 'Log ind',
  'sf.setupTitle': 'Opsæt totrinsbekræftelse',
  'sf.setupLead':
    'Som arrangør logger du ind i to trin: med mailen og med en kode fra en godkendelses-app på din telefon, fx Microsoft Authenticator, Google Authenticator eller 1Password.',
  'sf.setupOwnLead':
    'Med totrinsbekræftelse beder Holdet også om en kode fra en godkendelses-app på din telefon, hver gang du logger ind.',
  'sf.setupScan': '1. Scan QR-koden med appen',
  'sf.setupSecretLabel': 'Kan du ikke scanne, så skriv denne nøgle i appen (tidsbaseret, 6 cifre):',
  'sf.setupConfirm': '2. Skriv den kode, appen viser',
  'sf.setupSubmit': 'Slå totrinsbekræftelse til',
  'sf.recoveryTitle': 'Gem dine gendannelseskoder',
  'sf.recoveryLead': (count: number) =>
    `Totrinsbekræftelse er slået til. Her er ${count} gendannelseskoder. Hver kan bruges én gang i stedet for koden fra appen, hvis du mister telefonen.`,
  'sf.recoveryOnce':
    'Koderne vises kun nu. Gem dem et sikkert sted, fx i en adgangskodemanager eller på papir.',
  'sf.recoveryListLabel': 'Gendannelseskoder',
  'sf.continue': 'Fortsæt',
  'sf.recoveryUsedTitle': 'Du er logget ind',
  'sf.recoveryUsed': (left: number) =>
    left === 1
      ? 'Du loggede ind med en gendannelseskode. Den kan ikke bruges igen. Du har 1 tilbage.'
      : `Du loggede ind med en gendannelseskode. Den kan ikke bruges igen. Du har ${left} tilbage.`,
  'sf.recoveryLow': 'Når du ikke har flere, må arrangøren nulstille din totrinsbekræftelse.',
  'sf.error.code': 'Skriv koden fra appen med 6 cifre, fx 123456, eller en gendannelseskode.',
  'sf.error.setupCode': 'Skriv koden fra appen med 6 cifre, fx 123456.',
  'sf.error.wrongCode': (left: number) =>
    `Koden er forkert, udløbet eller allerede brugt. Skriv den kode, appen viser nu. Du kan prøve ${left} gange mere.`,
  'sf.error.wrongOwnCode': 'Koden er forkert, udløbet eller allerede brugt. Skriv den kode, appen viser nu.',
  'sf.endedTitle': 'Log ind igen',
  'sf.endedText':
    'Log ind er ikke færdigt: der blev skrevet for mange forkerte koder, eller der gik for lang tid. Start forfra med en ny mail.',
  'sf.startAgain': 'Få et nyt link og en ny kode',
  'sec.title': 'Sikkerhed',
  'sec.on': 'Totrinsbekræftelse er slået til. Når du logger ind, beder vi også om koden fra din app.',
  'sec.recoveryLeft': (left: number) => `Du har ${left} ubrugte gendannelseskoder.`,
  'sec.off': 'Totrinsbekræftelse er slået fra.',
  'sec.reset':
    'Har du mistet telefonen og dine gendannelseskoder, så kan arrangøren nulstille totrinsbekræftelsen.',
  'sec.back': 'Tilbage til Min side',
};

const en: Translation<typeof da> = {
  'sf.errorPrefix': 'Error',
  'sf.errorSummary': 'There is a problem',
  'sf.verifyTitle': 'Enter the code from your app',
  'sf.verifyLead':
    'You have opened the link or entered the code from the email. One step is left: the code from the authenticator app on your phone.',
  'sf.code': 'Code from the app',
  'sf.codeHint': '6 digits, e.g. 123456. Without your phone, enter one of your recovery codes.',
  'sf.setupCodeHint': '6 digits, e.g. 123456. The app shows a new code every 30 seconds.',
  'sf.submit': 'Sign in',
  'sf.setupTitle': 'Set up two-step verification',
  'sf.setupLead':
    'As an organiser you sign in in two steps: with the email and with a code from an authenticator app on your phone, e.g. Microsoft Authenticator, Google Authenticator or 1Password.',
  'sf.setupOwnLead':
    'With two-step verification Holdet also asks for a code from an authenticator app on your phone every time you sign in.',
  'sf.setupScan': '1. Scan the QR code with the app',
  'sf.setupSecretLabel': 'If you cannot scan it, enter this key in the app (time-based, 6 digits):',
  'sf.setupConfirm': '2. Enter the code the app shows',
  'sf.setupSubmit': 'Turn on two-step verification',
  'sf.recoveryTitle': 'Save your recovery codes',
  'sf.recoveryLead': (count: number) =>
    `Two-step verification is on. Here are ${count} recovery codes. Each can be used once instead of the code from the app if you lose your phone.`,
  'sf.recoveryOnce':
    'The codes are shown only now. Keep them somewhere safe, e.g. in a password manager or on paper.',
  'sf.recoveryListLabel': 'Recovery codes',
  'sf.continue': 'Continue',
  'sf.recoveryUsedTitle': 'You are signed in',
  'sf.recoveryUsed': (left: number) =>
    left === 1
      ? 'You signed in with a recovery code. It cannot be used again. You have 1 left.'
      : `You signed in with a recovery code. It cannot be used again. You have ${left} left.`,
  'sf.recoveryLow': 'When you have none left, the organiser must reset your two-step verification.',
  'sf.error.code': 'Enter the code from the app with 6 digits, e.g. 123456, or a recovery code.',
  'sf.error.setupCode': 'Enter the code from the app with 6 digits, e.g. 123456.',
  'sf.error.wrongCode': (left: number) =>
    `The code is wrong, expired or already used. Enter the code the app shows now. You can try ${left} more times.`,
  'sf.error.wrongOwnCode': 'The code is wrong, expired or already used. Enter the code the app shows now.',
  'sf.endedTitle': 'Sign in again',
  'sf.endedText':
    'Signing in did not finish: too many wrong codes were entered, or it took too long. Start again with a new email.',
  'sf.startAgain': 'Get a new link and code',
  'sec.title': 'Security',
  'sec.on': 'Two-step verification is on. When you sign in we also ask for the code from your app.',
  'sec.recoveryLeft': (left: number) => `You have ${left} unused recovery codes.`,
  'sec.off': 'Two-step verification is off.',
  'sec.reset':
    'If you have lost your phone and your recovery codes, the organiser can reset two-step verification.',
  'sec.back': 'Back to My page',
};

export const authMessages = catalogue(da, en);
export type AuthMessages = ReturnType<typeof authMessages>;
