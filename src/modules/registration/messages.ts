import type { Lang } from '../../shared/danish.ts';
import { catalogue, messages, type Translation } from '../../web/i18n.ts';
import { MAX_LENGTH, type RegistrationFormField } from './schemas.ts';

// The registration module's part of the message catalogue. Danish is the source; English must have every key.

const da = {
  'reg.title': 'Tilmelding',
  'reg.lead': 'Udfyld formularen for at tilmelde dig. Felter uden "valgfri" skal udfyldes.',
  'reg.optional': 'valgfri',
  'reg.errorPrefix': 'Fejl',
  'reg.errorSummary': 'Der er fejl i formularen',
  'reg.submit': 'Tilmeld mig',
  'reg.submitWaitlist': 'Skriv mig på ventelisten',
  'reg.full':
    'Alle pladser er taget. Sender du formularen, kommer du på ventelisten og får besked, hvis en plads bliver ledig.',
  'reg.participant': 'Deltager',
  'reg.participantHint': 'Den person, der skal deltage. Du kan godt tilmelde en kollega.',
  'reg.name': 'Fulde navn',
  'reg.email': 'Arbejdsmail',
  'reg.emailHint': 'Deltageren logger ind med denne adresse.',
  'reg.phone': 'Telefon',
  'reg.jobTitle': 'Stillingsbetegnelse',
  'reg.level': 'Ledelsesniveau',
  'reg.level.direktoer': 'Direktør',
  'reg.level.chef': 'Chef',
  'reg.level.leder': 'Leder',
  'reg.level.teamleder': 'Teamleder',
  'reg.level.ingen': 'Ingen ledelsesfunktion',
  'reg.orgType': 'Organisationstype',
  'reg.orgType.jobcenter': 'Jobcenter',
  'reg.orgType.kommune': 'Kommune (anden forvaltning)',
  'reg.orgType.a_kasse': 'A-kasse',
  'reg.orgType.anden_beskaeftigelse': 'Anden beskæftigelsesfaglig organisation',
  'reg.orgType.anden': 'Anden type organisation',
  'reg.invoice': 'Organisation og faktura',
  'reg.orgName': 'Organisationens navn',
  'reg.cvr': 'CVR-nummer',
  'reg.cvrHint': '8 cifre',
  'reg.street': 'Adresse',
  'reg.postalCode': 'Postnummer',
  'reg.city': 'By',
  'reg.publicBuyer': 'Er I en offentlig myndighed, der skal have en elektronisk faktura (EAN)?',
  'reg.yes': 'Ja',
  'reg.no': 'Nej',
  'reg.ean': 'EAN-nummer',
  'reg.eanHint': '13 cifre. Kun for offentlige købere – fx jobcentre.',
  'reg.personReference': 'Personreference',
  'reg.personReferenceHint': 'Kun for offentlige købere: den person eller kode, fakturaen skal mærkes med.',
  'reg.orderNumber': 'Ordre- eller rekvisitionsnummer',
  'reg.kontostreng': 'Kontostreng',
  'reg.invoiceContactName': 'Fakturakontakt: navn',
  'reg.invoiceContactEmail': 'Fakturakontakt: e-mail',
  'reg.invoiceContactHint': 'Kan være deltageren selv eller fx en sekretær.',
  'reg.other': 'Øvrigt',
  'reg.dietary': 'Kostbehov eller allergier',
  'reg.dietaryHint': 'Bruges kun til forplejningen og slettes, når rækken er slut.',
  'reg.directory': 'Deltageren må stå i medlemsoversigten, som andre deltagere kan se',
  'reg.terms': 'Jeg accepterer, at tilmeldingen er bindende',
  'reg.termsHint':
    'Prisen betales for hele rækken, også hvis deltageren ikke kan komme. En kollega fra samme organisation kan efter aftale deltage i en enkelt session i stedet.',
  'reg.privacy': 'Sådan behandler vi oplysningerne: se vores',
  'reg.privacyLink': 'privatlivspolitik',

  // How the error messages name a field whose label does not read as a name inside a sentence (every other
  // field is named by its label, see fieldName). The oracle in fuzz.db.test.ts checks each message names it.
  'reg.field.participant_phone': 'telefonnummer',
  'reg.field.public_buyer': 'elektronisk faktura (EAN)',
  'reg.field.invoice_contact_name': 'fakturakontaktens navn',
  'reg.field.invoice_contact_email': 'fakturakontaktens e-mail',
  'reg.field.directory_consent': 'medlemsoversigten',
  'reg.field.accept_terms': 'tilmeldingen er bindende',

  // A rule's message, as a function of the field's name (and its length limit); `reg.error.<rule>.<field>`
  // is the message of one field where the general sentence does not fit it.
  'reg.error.required': (name: string) => `Udfyld ${name}.`,
  'reg.error.tooLong': (name: string, max: number) => `Teksten i ${name} er for lang – højst ${max} tegn.`,
  'reg.error.invalidChars': (name: string) => `${capitalised(name)} indeholder tegn, vi ikke kan bruge.`,
  'reg.error.email': (name: string) => `Skriv ${name} som navn@kommune.dk.`,
  'reg.error.email.participant_email': 'Skriv arbejdsmailen som navn@kommune.dk.',
  'reg.error.choose': (name: string) => `Vælg ${name}.`,
  'reg.error.choose.public_buyer': 'Vælg, om I skal have en elektronisk faktura (EAN).',
  'reg.error.phone': 'Skriv telefonnummeret med 8 cifre, evt. med landekode.',
  'reg.error.cvrFormat': 'CVR-nummeret skal være 8 cifre.',
  'reg.error.cvrCheck': 'CVR-nummeret findes ikke – tjek, at cifrene er skrevet rigtigt.',
  'reg.error.postalCode': 'Postnummeret skal være 4 cifre.',
  'reg.error.eanRequired': 'Udfyld EAN-nummer: offentlige købere skal oplyse det.',
  'reg.error.eanFormat': 'EAN-nummeret skal være 13 cifre.',
  'reg.error.eanCheck': 'EAN-nummeret er ikke gyldigt – tjek, at cifrene er skrevet rigtigt.',
  'reg.error.personReference': 'Udfyld personreference: offentlige købere skal oplyse den.',
  'reg.error.terms': 'Du skal acceptere, at tilmeldingen er bindende.',

  'reg.notEligibleTitle': 'Rækken er for ledere i beskæftigelsesindsatsen',
  'reg.notEligibleText':
    'Masterclass-rækken er forbeholdt chefer og ledere i en beskæftigelsesfaglig organisation, for at holde drøftelserne på det niveau. Vi har derfor ikke gemt noget af det, du skrev. Er du i tvivl, om du hører til målgruppen, så kontakt os gerne.',
  'reg.closedTitle': 'Der er ikke åbent for tilmelding',
  'reg.backToSeries': 'Tilbage til',

  'status.reserved': 'Plads holdt, afventer bekræftelse',
  'status.awaitingLine': 'På venteliste, afventer bekræftelse',
  'status.unconfirmed': 'Ikke bekræftet i tide',
  'status.confirmed': 'Tilmeldt',
  'status.offered': 'Tilbudt en plads',
  'status.waitlisted': 'På venteliste',
  'status.cancelled': 'Annulleret',
  'status.declined': 'Takket nej',
  'status.expired': 'Tilbuddet udløb',

  'my.title': 'Min side',
  'my.signedInAs': (name: string, email: string) => `Du er logget ind som ${name} (${email}).`,
  'my.none': 'Du har ingen tilmeldinger.',
  'my.status': 'Status',
  'my.position': (n: number) => `Du er nummer ${n} på ventelisten.`,
  'my.offer': (deadline: string) => `Der er blevet en plads ledig til dig. Svar senest ${deadline}.`,
  'my.offerBinding': 'Siger du ja, er tilmeldingen bindende.',
  'my.accept': 'Ja tak, jeg tager pladsen',
  'my.decline': 'Nej tak',
  'my.accepted': 'Du har taget pladsen. Du får en bekræftelse på mail.',
  'my.declined': 'Du har takket nej. Pladsen går videre til den næste på ventelisten.',
  'my.tooLate': 'Tilbuddet er desværre udløbet, så pladsen er gået videre.',
  'my.programme': 'Programmet',
  'my.signOut': 'Log ud',
  'my.community': 'Kontakt og medlemsoversigt',
  'my.messages': 'Skriv til arrangøren og se svarene',
  'my.directory': 'Vælg om du vil stå i holdets medlemsoversigt',
  'my.awaiting': (deadline: string) =>
    `Tilmeldingen er ikke bekræftet endnu. Åbn linket i mailen fra os, eller skriv koden fra mailen, senest ${deadline}.`,
  'my.enterCode': 'Skriv koden fra mailen',
  'my.confirmed':
    'Tak, din tilmelding er bekræftet og bindende. Du får en bekræftelse med kalenderfilerne på mail.',
  'my.confirmedLine': 'Tak, du har bekræftet din tilmelding og beholder din plads på ventelisten.',
} as const;

const en: Translation<typeof da> = {
  'reg.title': 'Registration',
  'reg.lead': 'Fill in the form to register. Fields not marked "optional" are required.',
  'reg.optional': 'optional',
  'reg.errorPrefix': 'Error',
  'reg.errorSummary': 'There are problems with the form',
  'reg.submit': 'Register',
  'reg.submitWaitlist': 'Put me on the waiting list',
  'reg.full':
    'All seats are taken. If you send the form, you join the waiting list and hear from us if a seat frees up.',
  'reg.participant': 'Participant',
  'reg.participantHint': 'The person who will attend. You may register a colleague.',
  'reg.name': 'Full name',
  'reg.email': 'Work email',
  'reg.emailHint': 'The participant signs in with this address.',
  'reg.phone': 'Phone',
  'reg.jobTitle': 'Job title',
  'reg.level': 'Management level',
  'reg.level.direktoer': 'Director',
  'reg.level.chef': 'Head of department',
  'reg.level.leder': 'Manager',
  'reg.level.teamleder': 'Team leader',
  'reg.level.ingen': 'No management role',
  'reg.orgType': 'Type of organisation',
  'reg.orgType.jobcenter': 'Jobcentre',
  'reg.orgType.kommune': 'Municipality (other department)',
  'reg.orgType.a_kasse': 'Unemployment insurance fund',
  'reg.orgType.anden_beskaeftigelse': 'Other employment organisation',
  'reg.orgType.anden': 'Another type of organisation',
  'reg.invoice': 'Organisation and invoice',
  'reg.orgName': 'Organisation name',
  'reg.cvr': 'CVR number',
  'reg.cvrHint': '8 digits',
  'reg.street': 'Address',
  'reg.postalCode': 'Postcode',
  'reg.city': 'Town',
  'reg.publicBuyer': 'Are you a public body that needs an electronic invoice (EAN)?',
  'reg.yes': 'Yes',
  'reg.no': 'No',
  'reg.ean': 'EAN number',
  'reg.eanHint': '13 digits. Public buyers only – e.g. jobcentres.',
  'reg.personReference': 'Person reference',
  'reg.personReferenceHint': 'Public buyers only: the person or code the invoice must carry.',
  'reg.orderNumber': 'Order or requisition number',
  'reg.kontostreng': 'Accounting string (kontostreng)',
  'reg.invoiceContactName': 'Invoice contact: name',
  'reg.invoiceContactEmail': 'Invoice contact: email',
  'reg.invoiceContactHint': 'May be the participant or, for example, an assistant.',
  'reg.other': 'Other',
  'reg.dietary': 'Dietary needs or allergies',
  'reg.dietaryHint': 'Used only for catering and deleted when the series ends.',
  'reg.directory': 'The participant may appear in the member directory that other participants see',
  'reg.terms': 'I accept that the registration is binding',
  'reg.termsHint':
    'The price is for the whole series, also if the participant cannot come. By agreement, a colleague from the same organisation may attend a single session instead.',
  'reg.privacy': 'How we handle the information: see our',
  'reg.privacyLink': 'privacy policy',

  'reg.field.participant_phone': 'phone number',
  'reg.field.public_buyer': 'electronic invoice (EAN)',
  'reg.field.invoice_contact_name': "invoice contact's name",
  'reg.field.invoice_contact_email': "invoice contact's email",
  'reg.field.directory_consent': 'member directory',
  'reg.field.accept_terms': 'the registration is binding',

  'reg.error.required': (name: string) => `Enter the ${name}.`,
  'reg.error.tooLong': (name: string, max: number) =>
    `${capitalised(name)} must be ${max} characters or fewer.`,
  'reg.error.invalidChars': (name: string) => `${capitalised(name)} contains characters we cannot use.`,
  'reg.error.email': (name: string) => `Enter the ${name} as name@kommune.dk.`,
  'reg.error.email.participant_email': 'Enter the work email as name@kommune.dk.',
  'reg.error.choose': (name: string) => `Choose the ${name}.`,
  'reg.error.choose.public_buyer': 'Choose whether you need an electronic invoice (EAN).',
  'reg.error.phone': 'Enter the phone number with 8 digits, optionally with a country code.',
  'reg.error.cvrFormat': 'The CVR number must be 8 digits.',
  'reg.error.cvrCheck': 'This CVR number does not exist – check the digits.',
  'reg.error.postalCode': 'The postcode must be 4 digits.',
  'reg.error.eanRequired': 'Enter the EAN number: public buyers must give it.',
  'reg.error.eanFormat': 'The EAN number must be 13 digits.',
  'reg.error.eanCheck': 'This EAN number is not valid – check the digits.',
  'reg.error.personReference': 'Enter the person reference: public buyers must give one.',
  'reg.error.terms': 'You must accept that the registration is binding.',

  'reg.notEligibleTitle': 'The series is for managers in employment services',
  'reg.notEligibleText':
    'The masterclass series is for managers in an employment organisation, to keep the discussions at that level. So we have not stored anything you wrote. If you are unsure whether you belong to the audience, please contact us.',
  'reg.closedTitle': 'Registration is not open',
  'reg.backToSeries': 'Back to',

  'status.reserved': 'Seat reserved, awaiting confirmation',
  'status.awaitingLine': 'On the waiting list, awaiting confirmation',
  'status.unconfirmed': 'Not confirmed in time',
  'status.confirmed': 'Registered',
  'status.offered': 'Offered a seat',
  'status.waitlisted': 'On the waiting list',
  'status.cancelled': 'Cancelled',
  'status.declined': 'Declined',
  'status.expired': 'Offer expired',

  'my.title': 'My page',
  'my.signedInAs': (name: string, email: string) => `You are signed in as ${name} (${email}).`,
  'my.none': 'You have no registrations.',
  'my.status': 'Status',
  'my.position': (n: number) => `You are number ${n} on the waiting list.`,
  'my.offer': (deadline: string) => `A seat has become free for you. Answer by ${deadline}.`,
  'my.offerBinding': 'If you say yes, the registration is binding.',
  'my.accept': 'Yes, I take the seat',
  'my.decline': 'No, thank you',
  'my.accepted': 'You have taken the seat. A confirmation is on its way by email.',
  'my.declined': 'You have declined. The seat goes to the next person on the waiting list.',
  'my.tooLate': 'Sorry, the offer has expired and the seat has gone to the next person.',
  'my.programme': 'The programme',
  'my.signOut': 'Sign out',
  'my.community': 'Contact and member directory',
  'my.messages': 'Write to the organiser and see the answers',
  'my.directory': "Choose whether you are in the cohort's member directory",
  'my.awaiting': (deadline: string) =>
    `Your registration is not confirmed yet. Open the link in our mail, or enter the code from the mail, by ${deadline}.`,
  'my.enterCode': 'Enter the code from the mail',
  'my.confirmed':
    'Thank you, your registration is confirmed and binding. A confirmation with the calendar files is on its way by email.',
  'my.confirmedLine':
    'Thank you, you have confirmed your registration and keep your place on the waiting list.',
};

export const regMessages = catalogue(da, en);
export type RegMessages = ReturnType<typeof regMessages>;

/** The catalogue key of each field's label, the one place a field's name is written. */
export const FIELD_LABEL = {
  participant_name: 'reg.name',
  participant_email: 'reg.email',
  participant_phone: 'reg.phone',
  job_title: 'reg.jobTitle',
  management_level: 'reg.level',
  organisation_type: 'reg.orgType',
  organisation_name: 'reg.orgName',
  cvr: 'reg.cvr',
  address_street: 'reg.street',
  address_postal_code: 'reg.postalCode',
  address_city: 'reg.city',
  public_buyer: 'reg.publicBuyer',
  ean: 'reg.ean',
  person_reference: 'reg.personReference',
  order_number: 'reg.orderNumber',
  kontostreng: 'reg.kontostreng',
  invoice_contact_name: 'reg.invoiceContactName',
  invoice_contact_email: 'reg.invoiceContactEmail',
  dietary_needs: 'reg.dietary',
  directory_consent: 'reg.directory',
  accept_terms: 'reg.terms',
} as const satisfies Record<RegistrationFormField, keyof typeof da>;

function capitalised(text: string): string {
  return text.charAt(0).toLocaleUpperCase('da') + text.slice(1);
}

/** The label above a field. */
export function fieldLabel(lang: Lang, field: RegistrationFormField): string {
  return regMessages(lang)[FIELD_LABEL[field]];
}

/**
 * How a message names a field inside a sentence: its own `reg.field.*` name, else its label with a
 * lower-case first letter (an acronym such as "CVR-nummer" stays as written).
 */
export function fieldName(lang: Lang, field: RegistrationFormField): string {
  const own = (regMessages(lang) as Record<string, unknown>)[`reg.field.${field}`];
  if (typeof own === 'string') return own;
  const label = fieldLabel(lang, field);
  return /^\p{Lu}{2}/u.test(label) ? label : label.charAt(0).toLocaleLowerCase('da') + label.slice(1);
}

/** The sentence for a field's error key from schemas.ts (`reg.error.<rule>`): it names the field. */
export function errorText(lang: Lang, field: RegistrationFormField, key: string): string {
  const m = regMessages(lang) as Record<string, unknown>;
  const own = m[`${key}.${field}`];
  if (typeof own === 'string') return own;
  if (key === 'reg.error.tick') return messages(lang)['form.invalidTick'](fieldLabel(lang, field));
  const rule = m[key.startsWith('reg.error.') ? key : 'reg.error.invalidChars'];
  if (typeof rule === 'string') return rule;
  const name = fieldName(lang, field);
  const max = (MAX_LENGTH as Partial<Record<RegistrationFormField, number>>)[field] ?? 0;
  if (typeof rule === 'function') return (rule as (name: string, max: number) => string)(name, max);
  return regMessages(lang)['reg.error.invalidChars'](name);
}
