import type { Lang } from '../../shared/danish.ts';

const da = {
  'admin.title': 'Arrangør',
  'admin.series': 'Rækker',
  'admin.seriesCol': 'Række',
  'admin.statusCol': 'Status',
  'admin.seats': 'Pladser',
  'admin.confirmed': 'Tilmeldte',
  'admin.offered': 'Tilbud ude',
  'admin.waitlisted': 'Venteliste',
  'admin.cancelled': 'Annulleret',
  'admin.registrations': 'Tilmeldinger i ankomstrækkefølge',
  'admin.noRegistrations': 'Ingen tilmeldinger endnu.',
  'admin.seq': 'Nr.',
  'admin.name': 'Deltager',
  'admin.organisation': 'Organisation',
  'admin.registeredAt': 'Tilmeldt',
  'admin.position': 'Plads på ventelisten',
  'admin.offerUntil': (when: string) => `Tilbud gælder til ${when}`,
  'admin.action': 'Handling',
  'admin.reason': 'Begrundelse',
  'admin.cancel': 'Annullér',
  'admin.cancelled.notice':
    'Tilmeldingen er annulleret. En ledig plads er tilbudt den første på ventelisten.',
  'admin.reasonRequired': 'Skriv en begrundelse for annulleringen.',
  'admin.notCancellable': 'Tilmeldingen kunne ikke annulleres: den er allerede afsluttet.',
  'admin.audit': 'Ændringslog',
  'admin.auditAt': 'Tidspunkt',
  'admin.auditWho': 'Hvem',
  'admin.auditWhat': 'Hvad',
  'admin.auditEntity': 'Post',
  'admin.errorPrefix': 'Fejl',
  'admin.ean': 'EAN',
} as const;

type Catalogue = { [K in keyof typeof da]: (typeof da)[K] extends string ? string : (typeof da)[K] };

const en: Catalogue = {
  'admin.title': 'Organiser',
  'admin.series': 'Series',
  'admin.seriesCol': 'Series',
  'admin.statusCol': 'Status',
  'admin.seats': 'Seats',
  'admin.confirmed': 'Registered',
  'admin.offered': 'Open offers',
  'admin.waitlisted': 'Waiting list',
  'admin.cancelled': 'Cancelled',
  'admin.registrations': 'Registrations in order of arrival',
  'admin.noRegistrations': 'No registrations yet.',
  'admin.seq': 'No.',
  'admin.name': 'Participant',
  'admin.organisation': 'Organisation',
  'admin.registeredAt': 'Registered',
  'admin.position': 'Waiting-list position',
  'admin.offerUntil': (when: string) => `Offer open until ${when}`,
  'admin.action': 'Action',
  'admin.reason': 'Reason',
  'admin.cancel': 'Cancel',
  'admin.cancelled.notice':
    'The registration is cancelled. A free seat has been offered to the first person waiting.',
  'admin.reasonRequired': 'Give a reason for the cancellation.',
  'admin.notCancellable': 'The registration could not be cancelled: it has already ended.',
  'admin.audit': 'Audit log',
  'admin.auditAt': 'Time',
  'admin.auditWho': 'Who',
  'admin.auditWhat': 'What',
  'admin.auditEntity': 'Record',
  'admin.errorPrefix': 'Error',
  'admin.ean': 'EAN',
};

const catalogues: Record<Lang, Catalogue> = { da, en };
export function adminMessages(lang: Lang): Catalogue {
  return catalogues[lang];
}
