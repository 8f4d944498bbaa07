import type { Generated } from 'kysely';

// A registration is one person's place (or place in line) in one series.
// Generated<…>: the column has a database default (columns added to a table that existed before).

export const REGISTRATION_STATUSES = [
  'reserved',
  'confirmed',
  'offered',
  'waitlisted',
  'cancelled',
  'declined',
  'expired',
] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/**
 * Statuses that take one of the series' seats: a reserved seat only until its confirmation deadline, an
 * offer only until its answer deadline (rules.takenSeats decides with the time).
 */
export const SEAT_TAKING_STATUSES: readonly RegistrationStatus[] = ['confirmed', 'reserved', 'offered'];

/** A seat reserved for a registration that awaits confirmation by mail (the public page says how many). */
export const SEAT_AWAITING_STATUS: RegistrationStatus = 'reserved';

/**
 * Claims: statuses that stand between a newcomer and a seat — taken seats, and everyone already waiting (a
 * freed seat is theirs first). Public seats-left counts these, so it never promises a seat of the line.
 */
export const SEAT_CLAIMING_STATUSES: readonly RegistrationStatus[] = [
  'confirmed',
  'reserved',
  'offered',
  'waitlisted',
];

export interface RegistrationTable {
  id: string;
  series_id: string;
  status: RegistrationStatus;
  /** Arrival order within the series, 1, 2, 3 … in the order the registrations committed. */
  seq: Generated<number>;
  /**
   * The attendee's work email, lower-cased: the key of "one confirmed, active registration per address per
   * series" (a partial unique index can only cover its own table). Written with the attendee, never changed.
   */
  attendee_email: Generated<string>;
  /** The language the person registered in; their mails use it. */
  lang: Generated<string>;
  /** When the seat became binding (invoiced). */
  confirmed_at: string | null;
  /** Until when the place is kept for a registration that awaits confirmation by mail; null once confirmed. */
  awaiting_until: string | null;
  /** When the attendee or the invoice contact confirmed the registration by mail (null: awaiting). */
  verified_at: string | null;
  /** SHA-256 of the form as sent: the same form sent again while it awaits confirmation is not a second place. */
  form_digest: string | null;
  offered_at: string | null;
  offer_expires_at: string | null;
  cancelled_at: string | null;
  cancel_reason: string | null;
  created_at: string;
  updated_at: string;
}

/** Who orders and pays for a registration's seat: one per registration (pretix's invoice address). */
export interface BuyerTable {
  id: string;
  registration_id: string;
  organisation_type: string;
  organisation_name: string;
  cvr: string;
  address_street: string;
  address_postal_code: string;
  address_city: string;
  /** 1 when the buyer is a public body that needs an e-invoice (EAN + personreference). */
  public_buyer: Generated<number>;
  ean: string | null;
  person_reference: string | null;
  order_number: string | null;
  kontostreng: string | null;
  invoice_contact_name: string;
  invoice_contact_email: string;
  /** When the buyer accepted the binding terms (the form was sent). */
  terms_accepted_at: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * Who takes a registration's seat (pretix's order position). One per registration today; a substitute for
 * one session (a later issue) will be another attendee of the same registration.
 */
export interface AttendeeTable {
  id: string;
  registration_id: string;
  name: string;
  /** Work email, lower-cased. */
  email: string;
  phone: string | null;
  job_title: string;
  management_level: string;
  /** Special-category data: deleted after the series (dietary_deleted_at set). */
  dietary_needs: string | null;
  dietary_deleted_at: string | null;
  directory_consent: Generated<number>;
  /** The attendee's account: made from the work email when the registration is confirmed, never before. */
  account_id: string | null;
  created_at: string;
  updated_at: string;
}

/** Who a confirmation mail went to: either of them may confirm. */
export type ConfirmationRecipient = 'participant' | 'invoice_contact';

/** The link token and code mailed for one registration to one recipient; only their hashes are stored. */
export interface RegistrationConfirmationTable {
  id: string;
  registration_id: string;
  recipient: ConfirmationRecipient;
  /** Lower-cased address the mail went to (the code form asks for it). */
  email: string;
  token_hash: string;
  /** SHA-256 of `${id}:${code}`: a 6-digit code needs the salt. */
  code_hash: string;
  /** Wrong codes tried against this confirmation; past the limit the code is dead, the link still works. */
  code_attempts: Generated<number>;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}
