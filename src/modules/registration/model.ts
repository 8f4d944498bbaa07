import type { Lang } from '../../shared/danish.ts';
import type { RegistrationRow } from './queries.ts';
import type { RegistrationStatus } from './table.ts';

// The registration as the rest of Holdet sees it: a domain object built from its rows, as Ghost's models turn
// rows into objects. Services hand these to views and to other modules; snake_case rows stay in queries.ts.

/** Who orders and pays for the seat (pretix's invoice address): the invoice goes to them. */
export interface Buyer {
  id: string;
  organisationType: string;
  organisationName: string;
  cvr: string;
  address: { street: string; postalCode: string; city: string };
  /** A public body that needs an e-invoice (EAN + personreference). */
  publicBuyer: boolean;
  ean: string | null;
  personReference: string | null;
  orderNumber: string | null;
  kontostreng: string | null;
  invoiceContact: { name: string; email: string };
  /** When the binding terms were accepted (the form was sent). */
  termsAcceptedAt: string | null;
}

/** Who takes the seat (pretix's order position). */
export interface Attendee {
  id: string;
  name: string;
  /** Work email, lower-cased. */
  email: string;
  phone: string | null;
  jobTitle: string;
  managementLevel: string;
  /** Special-category data: null once erased after the series (`dietaryDeletedAt`). */
  dietaryNeeds: string | null;
  dietaryDeletedAt: string | null;
  directoryConsent: boolean;
  /** Made from the work email when the registration is confirmed; null before. */
  accountId: string | null;
}

export interface Registration {
  id: string;
  seriesId: string;
  status: RegistrationStatus;
  /** Arrival order in the series. */
  seq: number;
  lang: Lang;
  /** Confirmed by mail (false while it awaits confirmation until `awaitingUntil`). */
  verified: boolean;
  verifiedAt: string | null;
  awaitingUntil: string | null;
  confirmedAt: string | null;
  offeredAt: string | null;
  offerExpiresAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  formDigest: string | null;
  createdAt: string;
  updatedAt: string;
  buyer: Buyer;
  attendee: Attendee;
}

export function langOf(lang: string): Lang {
  return lang === 'en' ? 'en' : 'da';
}

/** A registration row joined with its buyer and attendee (queries.ts `withParties`) as a domain object. */
export function toRegistration(r: RegistrationRow): Registration {
  return {
    id: r.id,
    seriesId: r.series_id,
    status: r.status,
    seq: r.seq,
    lang: langOf(r.lang),
    verified: r.verified_at !== null,
    verifiedAt: r.verified_at,
    awaitingUntil: r.awaiting_until,
    confirmedAt: r.confirmed_at,
    offeredAt: r.offered_at,
    offerExpiresAt: r.offer_expires_at,
    cancelledAt: r.cancelled_at,
    cancelReason: r.cancel_reason,
    formDigest: r.form_digest,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    buyer: {
      id: r.buyer_id,
      organisationType: r.buyer_organisation_type,
      organisationName: r.buyer_organisation_name,
      cvr: r.buyer_cvr,
      address: {
        street: r.buyer_address_street,
        postalCode: r.buyer_address_postal_code,
        city: r.buyer_address_city,
      },
      publicBuyer: r.buyer_public_buyer === 1,
      ean: r.buyer_ean,
      personReference: r.buyer_person_reference,
      orderNumber: r.buyer_order_number,
      kontostreng: r.buyer_kontostreng,
      invoiceContact: { name: r.buyer_invoice_contact_name, email: r.buyer_invoice_contact_email },
      termsAcceptedAt: r.buyer_terms_accepted_at,
    },
    attendee: {
      id: r.attendee_id,
      name: r.attendee_name,
      email: r.attendee_email_address,
      phone: r.attendee_phone,
      jobTitle: r.attendee_job_title,
      managementLevel: r.attendee_management_level,
      dietaryNeeds: r.attendee_dietary_needs,
      dietaryDeletedAt: r.attendee_dietary_deleted_at,
      directoryConsent: r.attendee_directory_consent === 1,
      accountId: r.attendee_account_id,
    },
  };
}
