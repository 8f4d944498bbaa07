import { catalogue, type Translation } from '../../web/i18n.ts';

// What members read about the member directory: the list of a hold, the person's choices on Min side.

const da = {
  'dir.myHold': 'Mit hold',
  'dir.myPage': 'Min side',
  'dir.errorSummary': 'Der er fejl i formularen',
  'dir.errorPrefix': 'Fejl',
  'dir.optional': 'valgfri',
  'dir.section': 'Deltagerne',
  'dir.sectionText': 'Se hvem af deltagerne der har valgt at stå i medlemsoversigten.',
  'dir.sectionLink': 'Se medlemsoversigten',
  'dir.sectionChoice': 'Vælg om du selv vil stå i den',
  'dir.title': 'Medlemsoversigt',
  'dir.intro':
    'Deltagerne på holdet, der har valgt at stå her. Oversigten ses kun af holdets medlemmer, og den kan ikke eksporteres eller søges i.',
  'dir.none': 'Ingen deltagere har valgt at stå i medlemsoversigten endnu.',
  'dir.name': 'Navn',
  'dir.jobTitle': 'Stilling',
  'dir.organisation': 'Organisation',
  'dir.workOn': 'Det arbejder jeg med',
  'dir.yourChoice': 'Du bestemmer selv, om du står her',
  'dir.choices.title': 'Medlemsoversigten',
  'dir.choices.intro':
    'Vælg for hvert hold, om de andre medlemmer må se dit navn, din stilling og din organisation i holdets medlemsoversigt. Du kan ændre det når som helst; fjerner du fluebenet, forsvinder du fra oversigten med det samme.',
  'dir.choices.none': 'Du er ikke deltager på et hold endnu.',
  'dir.choices.consent': 'Vis mig i medlemsoversigten',
  'dir.choices.workOn': 'Det arbejder jeg med',
  'dir.choices.workOnHint': (n: number) =>
    `Fx et projekt eller en opgave, du gerne vil tale med andre om. Højst ${n} tegn.`,
  'dir.choices.save': 'Gem',
  'dir.choices.saved': 'Dine valg er gemt.',
  'dir.choices.see': 'Se medlemsoversigten',
  'dir.error.workOnLong': (n: number) => `Teksten om dit arbejde må højst være ${n} tegn`,
};

const en: Translation<typeof da> = {
  'dir.myHold': 'My cohort',
  'dir.myPage': 'My page',
  'dir.errorSummary': 'There is a problem with the form',
  'dir.errorPrefix': 'Error',
  'dir.optional': 'optional',
  'dir.section': 'The participants',
  'dir.sectionText': 'See which participants have chosen to be in the member directory.',
  'dir.sectionLink': 'See the member directory',
  'dir.sectionChoice': 'Choose whether you want to be in it',
  'dir.title': 'Member directory',
  'dir.intro':
    'The participants of the cohort who have chosen to be listed here. Only members of the cohort see it; it cannot be exported or searched.',
  'dir.none': 'No participant has chosen to be in the member directory yet.',
  'dir.name': 'Name',
  'dir.jobTitle': 'Job title',
  'dir.organisation': 'Organisation',
  'dir.workOn': 'What I work on',
  'dir.yourChoice': 'You decide whether you are listed',
  'dir.choices.title': 'The member directory',
  'dir.choices.intro':
    "Choose for each cohort whether the other members may see your name, job title and organisation in the cohort's member directory. You can change it at any time; untick it and you leave the directory at once.",
  'dir.choices.none': 'You are not a participant of a cohort yet.',
  'dir.choices.consent': 'Show me in the member directory',
  'dir.choices.workOn': 'What I work on',
  'dir.choices.workOnHint': (n: number) =>
    `E.g. a project or a task you would like to talk to others about. At most ${n} characters.`,
  'dir.choices.save': 'Save',
  'dir.choices.saved': 'Your choices have been saved.',
  'dir.choices.see': 'See the member directory',
  'dir.error.workOnLong': (n: number) => `The text about your work must be at most ${n} characters`,
};

export const directoryMessages = catalogue(da, en);
export type DirectoryMessages = ReturnType<typeof directoryMessages>;
