import type { Generated } from 'kysely';

// A registration is one person's place (or place in line) in one series.
// Generated<…>: the column has a database default (columns added to a table that existed before).

export const REGISTRATION_STATUSES = [
  'confirmed',
  'offered',
  'waitlisted',
  'cancelled',
  'declined',
  'expired',
] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** Statuses that occupy one of the series' seats (an offer only until its deadline). */
export const SEAT_HOLDING_STATUSES: readonly RegistrationStatus[] = ['confirmed', 'offered'];

/**
 * Statuses that stand between a newcomer and a seat: held seats, and everyone already waiting (a freed seat
 * is theirs first). Public seats-left counts these, so it never promises a seat that belongs to the line.
 */
export const SEAT_CLAIMING_STATUSES: readonly RegistrationStatus[] = ['confirmed', 'offered', 'waitlisted'];

export interface RegistrationTable {
  id: string;
  series_id: string;
  status: RegistrationStatus;
  /** The participant's account (created from the work email at registration). */
  account_id: string | null;
  /** Arrival order within the series, 1, 2, 3 … in the order the registrations committed. */
  seq: Generated<number>;
  participant_name: Generated<string>;
  /** Lower-cased; unique per series. */
  participant_email: Generated<string>;
  participant_phone: string | null;
  job_title: Generated<string>;
  management_level: Generated<string>;
  organisation_type: Generated<string>;
  organisation_name: Generated<string>;
  cvr: Generated<string>;
  address_street: Generated<string>;
  address_postal_code: Generated<string>;
  address_city: Generated<string>;
  /** 1 when the buyer is a public body that needs an e-invoice (EAN + personreference). */
  public_buyer: Generated<number>;
  ean: string | null;
  person_reference: string | null;
  order_number: string | null;
  kontostreng: string | null;
  invoice_contact_name: Generated<string>;
  invoice_contact_email: Generated<string>;
  /** Special-category data: deleted after the series (dietary_deleted_at set). */
  dietary_needs: string | null;
  dietary_deleted_at: string | null;
  directory_consent: Generated<number>;
  terms_accepted_at: string | null;
  /** The language the person registered in; their mails use it. */
  lang: Generated<string>;
  confirmed_at: string | null;
  offered_at: string | null;
  offer_expires_at: string | null;
  cancelled_at: string | null;
  cancel_reason: string | null;
  created_at: string;
  updated_at: string;
}
