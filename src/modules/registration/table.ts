// The registration module grows these columns in later migrations; the foundation needs only what
// decides whether a seat is held.

export const REGISTRATION_STATUSES = [
  'confirmed',
  'offered',
  'waitlisted',
  'cancelled',
  'declined',
  'expired',
] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** Statuses that occupy one of the series' seats. */
export const SEAT_HOLDING_STATUSES: readonly RegistrationStatus[] = ['confirmed', 'offered'];

export interface RegistrationTable {
  id: string;
  series_id: string;
  status: RegistrationStatus;
  created_at: string;
  updated_at: string;
}
