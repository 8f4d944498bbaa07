// Roles in a series, as data (decision 0008). Organiser is not here: the organisation's staff are marked on
// the account (`account.role = 'organiser'`). Participant is not here either: it is a confirmed registration,
// owned by the registration module and read through its service.

export const GRANTED_ROLES = ['facilitator', 'expert', 'substitute'] as const;
export type GrantedRole = (typeof GRANTED_ROLES)[number];

/** One role of one account in one series; `session_id` for the roles scoped to a session (expert, substitute). */
export interface RoleGrantTable {
  id: string;
  account_id: string;
  role: GrantedRole;
  series_id: string;
  session_id: string | null;
  /** The organiser's account that granted it; null for the demo seed and the CLI. */
  granted_by: string | null;
  /** A readable name for who granted it: an email, or `demo`. */
  granted_by_label: string;
  granted_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
}

/**
 * An invitation mailed to an address for the roles of one public person. The token is single use, valid for
 * INVITATION_DAYS; only its SHA-256 is stored. `roles` is JSON of `InvitedRole[]`.
 */
export interface PersonInvitationTable {
  id: string;
  person_id: string;
  /** Lower-cased; the only address whose account may accept. */
  email: string;
  roles: string;
  token_hash: string;
  invited_by: string;
  invited_by_label: string;
  /** The language the mail was written in. */
  lang: string;
  expires_at: string;
  used_at: string | null;
  accepted_account_id: string | null;
  created_at: string;
}
