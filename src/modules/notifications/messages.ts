import { catalogue, type Translation } from '../../web/i18n.ts';

// What people read about notifications: the settings page (Min side → Varsler), the page behind the link in
// a mail, and the mails themselves.

const da = {
  'notifications.title': 'Varsler',
  'notifications.myPage': 'Min side',
  'notifications.intro':
    'Vælg for hver slags, hvordan du vil have besked: med det samme på mail, samlet i én daglig mail, eller kun her på platformen. Mails om log ind, tilmelding, fakturaer og praktiske ændringer sendes altid.',
  'notifications.digestHour': (hour: string) => `Den daglige mail sendes kl. ${hour} (dansk tid).`,
  'notifications.kind.questions': 'Spørgsmål til dig',
  'notifications.kind.answers': 'Svar på spørgsmål, du stiller eller følger',
  'notifications.kind.dilemmas': 'Dilemmaer og kommentarer',
  'notifications.kind.messages': 'Beskeder',
  'notifications.kind.materials': 'Nye materialer',
  'notifications.choice.now': 'Med det samme på mail',
  'notifications.choice.digest': 'I en daglig samlet mail',
  'notifications.choice.platform': 'Kun på platformen',
  'notifications.default': 'standard',
  'notifications.save': 'Gem valg',
  'notifications.saved': 'Dine valg er gemt.',
  'notifications.errorSummary': 'Der er fejl i formularen',
  'notifications.errorPrefix': 'Fejl',
  'notifications.pickOne': 'Vælg, hvordan du vil have besked',
  'notifications.recent': 'Seneste varsler',
  'notifications.none': 'Du har ingen varsler endnu.',
  'notifications.unread': 'Ny',
  'notifications.link.title': 'Skift dit valg for varsler',
  'notifications.link.current': (kind: string, choice: string) => `${kind}: i dag får du besked ${choice}.`,
  'notifications.link.legend': (kind: string) => `Hvordan vil du have besked om ${kind}?`,
  'notifications.link.save': 'Gem mit valg',
  'notifications.link.saved': (kind: string, choice: string) => `Gemt. ${kind}: ${choice}.`,
  'notifications.link.more':
    'Du kan se og ændre alle dine valg under Min side → Varsler, når du er logget ind.',
  'notifications.link.invalidTitle': 'Linket virker ikke',
  'notifications.link.invalid':
    'Linket til at skifte dit valg er ikke gyldigt. Log ind og skift dine valg under Min side → Varsler.',
  'notifications.link.expired':
    'Linket til at skifte dit valg er udløbet. Log ind og skift dine valg under Min side → Varsler.',
  'notifications.mail.subject': (kind: string) => `Nyt på Holdet: ${kind}`,
  'notifications.mail.digestSubject': 'Dagens nyt fra Holdet',
  'notifications.mail.open': 'Se det på platformen',
  'notifications.mail.inEnglish': 'In English',
  'notifications.mail.change': (kind: string) => `Skift hvordan du får besked om ${kind.toLowerCase()}`,
  'notifications.mail.digestIntro': (n: number) =>
    n === 1 ? 'Der er sket én ting siden sidst:' : `Der er sket ${n} ting siden sidst:`,
  'notifications.mail.digestMore': (shown: number, more: number) =>
    `Her er de ${shown} nyeste. ${more === 1 ? 'Én mere' : `${more} mere`} kan ses på platformen under Min side → Varsler.`,
  'notifications.mail.why': 'Du får denne mail, fordi du er med på et hold på Holdet.',
};

const en: Translation<typeof da> = {
  'notifications.title': 'Notifications',
  'notifications.myPage': 'My page',
  'notifications.intro':
    'Choose for each kind how you want to be told: by mail at once, gathered in one daily mail, or only here on the platform. Mails about signing in, registration, invoices and practical changes are always sent.',
  'notifications.digestHour': (hour: string) => `The daily mail is sent at ${hour} (Danish time).`,
  'notifications.kind.questions': 'Questions to you',
  'notifications.kind.answers': 'Answers to questions you ask or follow',
  'notifications.kind.dilemmas': 'Dilemmas and comments',
  'notifications.kind.messages': 'Messages',
  'notifications.kind.materials': 'New materials',
  'notifications.choice.now': 'By mail at once',
  'notifications.choice.digest': 'In one daily mail',
  'notifications.choice.platform': 'Only on the platform',
  'notifications.default': 'default',
  'notifications.save': 'Save choices',
  'notifications.saved': 'Your choices have been saved.',
  'notifications.errorSummary': 'There is a problem with the form',
  'notifications.errorPrefix': 'Error',
  'notifications.pickOne': 'Choose how you want to be told',
  'notifications.recent': 'Recent notifications',
  'notifications.none': 'You have no notifications yet.',
  'notifications.unread': 'New',
  'notifications.link.title': 'Change your notification choice',
  'notifications.link.current': (kind: string, choice: string) => `${kind}: you are told ${choice}.`,
  'notifications.link.legend': (kind: string) => `How do you want to be told about ${kind}?`,
  'notifications.link.save': 'Save my choice',
  'notifications.link.saved': (kind: string, choice: string) => `Saved. ${kind}: ${choice}.`,
  'notifications.link.more':
    'You can see and change all your choices under My page → Notifications when signed in.',
  'notifications.link.invalidTitle': 'The link does not work',
  'notifications.link.invalid':
    'The link to change your choice is not valid. Sign in and change your choices under My page → Notifications.',
  'notifications.link.expired':
    'The link to change your choice has expired. Sign in and change your choices under My page → Notifications.',
  'notifications.mail.subject': (kind: string) => `New on Holdet: ${kind}`,
  'notifications.mail.digestSubject': "Today's news from Holdet",
  'notifications.mail.open': 'See it on the platform',
  'notifications.mail.inEnglish': 'På dansk',
  'notifications.mail.change': (kind: string) => `Change how you are told about ${kind.toLowerCase()}`,
  'notifications.mail.digestIntro': (n: number) =>
    n === 1 ? 'One thing has happened since last time:' : `${n} things have happened since last time:`,
  'notifications.mail.digestMore': (shown: number, more: number) =>
    `Here are the ${shown} newest. ${more === 1 ? 'One more is' : `${more} more are`} on the platform under Min side → Varsler.`,
  'notifications.mail.why': 'You get this mail because you take part in a cohort on Holdet.',
};

export const notificationsMessages = catalogue(da, en);
export type NotificationsMessages = ReturnType<typeof notificationsMessages>;
