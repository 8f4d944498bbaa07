import type { GrantedRole } from './table.ts';

// Pure decisions about people and roles (decision 0008). Time is passed in; nothing here reads a database.

export type MemberRole = 'organiser' | 'facilitator' | 'expert' | 'participant' | 'substitute';

/** Canonical order, for labels and lists: widest view first. */
export const MEMBER_ROLES: readonly MemberRole[] = [
  'organiser',
  'facilitator',
  'expert',
  'participant',
  'substitute',
];

export type RegistrationStanding = 'awaiting' | 'waitlisted' | 'offered' | 'confirmed';

export interface Membership {
  seriesId: string;
  seriesSlug: string;
  /** Empty: not a member of this series (a waitlisted or awaiting person, say). */
  roles: MemberRole[];
  /** Sessions this person is the expert of. */
  expertSessionIds: string[];
  /** Sessions this person substitutes in. */
  substituteSessionIds: string[];
  registration: {
    status: RegistrationStanding;
    position: number | null;
    awaitingUntil: string | null;
  } | null;
}

/** A member holds at least one role; a waitlisted or awaiting person holds none. */
export function isMember(m: Membership | null | undefined): m is Membership {
  return !!m && m.roles.length > 0;
}

/** The organiser and the facilitator see everything of a series. */
export function seesEverything(m: Membership | null | undefined): boolean {
  return !!m && (m.roles.includes('organiser') || m.roles.includes('facilitator'));
}

/**
 * Participants, the facilitator, the organiser and experts see every session of the series; a substitute
 * only the session they substitute in; anyone else none.
 */
export function maySeeSession(m: Membership | null | undefined, sessionId: string): boolean {
  if (!m) return false;
  if (
    m.roles.some((r) => r === 'organiser' || r === 'facilitator' || r === 'participant' || r === 'expert')
  ) {
    return true;
  }
  return m.roles.includes('substitute') && m.substituteSessionIds.includes(sessionId);
}

/** Whether this person is the expert of the session (experts see their own sessions first). */
export function isExpertOf(m: Membership | null | undefined, sessionId: string): boolean {
  return !!m && m.expertSessionIds.includes(sessionId);
}

/** Roles in canonical order, each once. */
export function orderedRoles(roles: readonly MemberRole[]): MemberRole[] {
  return MEMBER_ROLES.filter((r) => roles.includes(r));
}

/** "Facilitator og ekspert": the roles, ordered, joined with the language's words. */
export function rolesLabel(
  roles: readonly MemberRole[],
  names: Record<MemberRole, string>,
  and: string,
): string {
  const words = orderedRoles(roles).map((r) => names[r]);
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${and} ${words[words.length - 1]}`;
}

/** What a grant row contributes to a membership. */
export interface GrantFact {
  role: GrantedRole;
  seriesId: string;
  sessionId: string | null;
}

/**
 * One series' membership from its facts: the staff mark (organiser of this series' organiser), the grants
 * still in force, and the registration. A confirmed registration makes a participant; any other standing is
 * kept, but is no role.
 */
export function membershipOf(input: {
  seriesId: string;
  seriesSlug: string;
  organiser: boolean;
  grants: readonly GrantFact[];
  registration: Membership['registration'];
}): Membership {
  const roles = new Set<MemberRole>();
  if (input.organiser) roles.add('organiser');
  const grants = input.grants.filter((g) => g.seriesId === input.seriesId);
  const sessionsOf = (role: GrantedRole) =>
    [
      ...new Set(grants.filter((g) => g.role === role && g.sessionId).map((g) => g.sessionId as string)),
    ].sort();
  for (const g of grants) roles.add(g.role);
  if (input.registration?.status === 'confirmed') roles.add('participant');
  return {
    seriesId: input.seriesId,
    seriesSlug: input.seriesSlug,
    roles: orderedRoles([...roles]),
    expertSessionIds: sessionsOf('expert'),
    substituteSessionIds: sessionsOf('substitute'),
    registration: input.registration,
  };
}

/** A role an invitation offers: facilitator of a series, or expert of one of its sessions. */
export interface InvitedRole {
  role: 'facilitator' | 'expert';
  seriesId: string;
  sessionId: string | null;
}

/** The key of an invited role in the invite form ("facilitator:<series>", "expert:<series>:<session>"). */
export function invitedRoleKey(r: InvitedRole): string {
  return r.role === 'facilitator' ? `facilitator:${r.seriesId}` : `expert:${r.seriesId}:${r.sessionId}`;
}

export const INVITATION_DAYS = 7;

export function invitationExpiresAt(now: Date): Date {
  return new Date(now.getTime() + INVITATION_DAYS * 24 * 3600_000);
}

export type InvitationFailure = 'unknown' | 'used' | 'expired';

/** Why an invitation row cannot be used now (null: it can). */
export function invitationFailure(
  row: { used_at: string | null; expires_at: string } | undefined,
  now: Date,
): InvitationFailure | null {
  if (!row) return 'unknown';
  if (row.used_at !== null) return 'used';
  if (Date.parse(row.expires_at) <= now.getTime()) return 'expired';
  return null;
}

/** The invitation goes to the account of the invited address only. */
export function mayAcceptInvitation(
  invitedEmail: string,
  signedIn: { email: string } | null,
): 'accept' | 'someone-else' {
  if (signedIn && signedIn.email.toLowerCase() !== invitedEmail.toLowerCase()) return 'someone-else';
  return 'accept';
}

/** Whether a public person may edit their profile: only the account it is linked to. */
export function mayEditProfile(person: { accountId: string | null } | null, accountId: string): boolean {
  return !!person && person.accountId === accountId;
}

export const NAME_MAX = 120;
export const TITLE_MAX = 160;
export const BIO_MAX = 1200;
export const LINK_LABEL_MAX = 80;
export const LINK_URL_MAX = 500;
export const MAX_LINKS = 5;

/** An https URL with a host, as a person may show on their public page; null when it is not one. */
export function httpsUrl(text: string): string | null {
  const t = text.trim();
  if (t.length === 0 || t.length > LINK_URL_MAX || /\s/.test(t)) return null;
  let u: URL;
  try {
    u = new URL(t);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' || u.hostname === '' || !u.hostname.includes('.') || u.username || u.password) {
    return null;
  }
  return u.toString();
}
