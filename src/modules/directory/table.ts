// The member directory (issue 11). Whether a participant is listed is their registration's consent (the
// registration module's `attendee.directory_consent`); what they add about themselves is kept here.

/** "What I work on", per person and series (≤ 300 characters; empty: nothing written). */
export interface DirectoryEntryTable {
  account_id: string;
  series_id: string;
  work_on: string;
  updated_at: string;
}
