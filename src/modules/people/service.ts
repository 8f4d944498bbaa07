import type { Kysely } from 'kysely';
import type { DB, Executor } from '../../db/database.ts';
import { enqueueMail } from '../../email/outbox.ts';
import { type Actor as AuditActor, auditedChange, writeAudit } from '../../shared/audit.ts';
import type { Lang } from '../../shared/danish.ts';
import { newId } from '../../shared/ids.ts';
import { isSecretShape, newSecret, sha256 } from '../../shared/secrets.ts';
import type { SignedInAccount } from '../../web/account.ts';
import {
  accountById,
  ensureAccount,
  type NewSession,
  type SecondFactorStep,
  type SignInOptions,
  signInAccount,
} from '../auth/service.ts';
import { registrationsOfPerson } from '../registration/service.ts';
import * as series from '../series/service.ts';
import { invitationLink, invitationMail } from './emails.ts';
import { auditedRole, grantRole } from './grants.ts';
import { peopleMessages } from './messages.ts';
import * as q from './queries.ts';
import {
  type InvitationFailure,
  type InvitedRole,
  invitationExpiresAt,
  invitationFailure,
  invitedRoleKey,
  type MemberRole,
  type Membership,
  membershipOf,
  rolesLabel as rolesLabelFor,
} from './rules.ts';
import type { GrantedRole } from './table.ts';

/** Who takes part in one session through a role (the programme module mails them its changes). */
export {
  type AudienceMember,
  moveCastRole,
  type SessionCastMember,
  seriesAudience,
  sessionCast,
} from './audience.ts';
export { grantRole } from './grants.ts';
export {
  type InvitationFailure,
  type InvitedRole,
  isExpertOf,
  isMember,
  type MemberRole,
  type Membership,
  mayEditProfile,
  maySeeSession,
  rolesLabel,
  seesEverything,
} from './rules.ts';
export type { GrantedRole } from './table.ts';

// The people module's only door (decision 0008): who a signed-in person is in each series (the membership
// API), the roles granted as data, invitations for experts and facilitators, and the profile a person edits.

/** Who is asking, with what they are in every series they have anything to do with. */
export interface Actor {
  accountId: string;
  email: string;
  name: string;
  /** The organisation's staff (`account.role = 'organiser'`). */
  organiser: boolean;
  /** One per series the person has a role or a registration in, by slug. */
  memberships: Membership[];
}

/**
 * Everything the person is, in every series: organiser of every series of their organiser, the grants in
 * force (facilitator, expert, substitute), and participant from a confirmed registration (read through the
 * registration module, never stored twice). Waitlisted and awaiting people get a membership with no roles.
 */
export async function actorFor(db: Executor, account: SignedInAccount, now: Date): Promise<Actor> {
  const organiser = account.role === 'organiser';
  const [grants, registrations, staffSeries] = await Promise.all([
    q.activeGrantsOfAccount(db, account.id),
    registrationsOfPerson(db, { accountId: account.id, email: account.email }, now),
    organiser ? organiserSeries(db, account.id) : Promise.resolve([]),
  ]);
  const staffIds = new Set(staffSeries.map((s) => s.id));
  const otherIds = [...grants.map((g) => g.series_id), ...registrations.map((r) => r.seriesId)].filter(
    (id) => !staffIds.has(id),
  );
  const refs = [...staffSeries, ...(await series.seriesRefs(db, otherIds))];
  const facts = grants.map((g) => ({ role: g.role, seriesId: g.series_id, sessionId: g.session_id }));
  const memberships = refs
    .map((ref) => {
      const r = registrations.find((x) => x.seriesId === ref.id);
      return membershipOf({
        seriesId: ref.id,
        seriesSlug: ref.slug,
        organiser: staffIds.has(ref.id),
        grants: facts,
        registration: r ? { status: r.status, position: r.position, awaitingUntil: r.awaitingUntil } : null,
      });
    })
    .sort((a, b) => (a.seriesSlug < b.seriesSlug ? -1 : a.seriesSlug > b.seriesSlug ? 1 : 0));
  return { accountId: account.id, email: account.email, name: account.name, organiser, memberships };
}

async function organiserSeries(db: Executor, accountId: string): Promise<series.SeriesRef[]> {
  const staff = await accountById(db, accountId);
  if (!staff?.organiserId) return [];
  return series.seriesRefsOfOrganiser(db, staff.organiserId);
}

/** The person's membership of one series; null when they have nothing to do with it. */
export async function membershipIn(
  db: Executor,
  account: SignedInAccount,
  seriesId: string,
  now: Date,
): Promise<Membership | null> {
  const actor = await actorFor(db, account, now);
  return actor.memberships.find((m) => m.seriesId === seriesId) ?? null;
}

// ——— Grants ———

export interface Grant {
  id: string;
  accountId: string;
  role: GrantedRole;
  seriesId: string;
  sessionId: string | null;
  grantedBy: string | null;
  grantedByLabel: string;
  grantedAt: string;
  revokedAt: string | null;
  revokedBy: string | null;
}

type GrantRow = Awaited<ReturnType<typeof q.grantsOfAccount>>[number];

function toGrant(g: GrantRow): Grant {
  return {
    id: g.id,
    accountId: g.account_id,
    role: g.role,
    seriesId: g.series_id,
    sessionId: g.session_id,
    grantedBy: g.granted_by,
    grantedByLabel: g.granted_by_label,
    grantedAt: g.granted_at,
    revokedAt: g.revoked_at,
    revokedBy: g.revoked_by,
  };
}

/** Revokes a grant in force, audited in the same transaction. False: no such grant in force. */
export async function revokeRole(
  db: Kysely<DB>,
  grantId: string,
  by: AuditActor,
  now: Date,
): Promise<boolean> {
  const outcome = await db.transaction().execute((tx) =>
    auditedChange(tx, {
      read: (tx) => q.grantById(tx, grantId),
      // False: the grant was revoked already (by this or an earlier request); no row then.
      write: (tx) => q.revokeGrant(tx, grantId, by.accountId, now.toISOString()),
      audit: (before, revoked) =>
        revoked
          ? {
              actor: by,
              action: 'people.revoke',
              entity: 'role_grant',
              entityId: grantId,
              before: {
                ...auditedRole({
                  role: before.role,
                  seriesId: before.series_id,
                  sessionId: before.session_id,
                }),
                revoked_at: null,
              },
              after: { revoked_at: now.toISOString() },
              at: now,
            }
          : null,
    }),
  );
  return outcome?.result ?? false;
}

/**
 * A copied series' roles (the organiser runs a series again): the facilitator grants in force of the source
 * series, and the expert grants in force of the sessions that were copied (`sessionIds`: source session →
 * its copy), granted again in the copy to the same accounts, each through grantRole (audited
 * `people.grant`, never twice). Substitutes are not copied: they stand in for one participant. Returns how
 * many grants were made.
 */
export async function copyGrants(
  tx: Executor,
  input: { fromSeriesId: string; toSeriesId: string; sessionIds: ReadonlyMap<string, string> },
  by: AuditActor,
  now: Date,
): Promise<number> {
  let made = 0;
  for (const g of await q.activeGrantsOfSeries(tx, input.fromSeriesId)) {
    const sessionId =
      g.role === 'facilitator'
        ? null
        : g.role === 'expert' && g.session_id
          ? input.sessionIds.get(g.session_id)
          : undefined;
    if (sessionId === undefined) continue;
    const { created } = await grantRole(
      tx,
      { accountId: g.account_id, role: g.role, seriesId: input.toSeriesId, sessionId, by },
      now,
    );
    if (created) made += 1;
  }
  return made;
}

export async function grantsOf(db: Executor, accountId: string): Promise<Grant[]> {
  return (await q.grantsOfAccount(db, accountId)).map(toGrant);
}

// ——— The organiser's person pages ———

/** The roles the series data gives a person, as an invitation can offer them, with a label each. */
export function invitableRoles(
  cast: series.PersonCast,
  lang: Lang,
): (InvitedRole & { key: string; label: string })[] {
  const m = peopleMessages(lang);
  const roles: (InvitedRole & { label: string })[] = [
    ...cast.facilitates.map((f) => ({
      role: 'facilitator' as const,
      seriesId: f.seriesId,
      sessionId: null,
      label: m['people.facilitatorOf'](f.seriesTitle),
    })),
    ...cast.expertOf.map((x) => ({
      role: 'expert' as const,
      seriesId: x.seriesId,
      sessionId: x.sessionId,
      label: m['people.expertOf'](x.ordinal, x.question, x.seriesTitle),
    })),
  ];
  return roles.map((r) => ({ ...r, key: invitedRoleKey(r) }));
}

export interface PersonListItem {
  person: series.PersonProfile;
  cast: ReturnType<typeof invitableRoles>;
  accountEmail: string | null;
}

/** Every public person, once each, with what they are in the series and the account they sign in with. */
export async function personList(db: Executor, lang: Lang): Promise<PersonListItem[]> {
  const persons = await series.allPersonProfiles(db);
  return Promise.all(
    persons.map(async (person) => ({
      person,
      cast: invitableRoles(await series.castOfPerson(db, person.id, lang), lang),
      accountEmail: person.accountId ? ((await accountById(db, person.accountId))?.email ?? null) : null,
    })),
  );
}

export interface GrantView extends Grant {
  seriesSlug: string;
  /** The series' title with its year, in the page's language. */
  seriesTitle: string;
  sessionOrdinal: number | null;
}

export interface InvitationView {
  id: string;
  email: string;
  invitedByLabel: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

export interface PersonAdmin extends PersonListItem {
  grants: GrantView[];
  invitations: InvitationView[];
}

export async function personAdmin(db: Executor, slug: string, lang: Lang): Promise<PersonAdmin | null> {
  const person = await series.personProfileBySlug(db, slug);
  if (!person) return null;
  const cast = invitableRoles(await series.castOfPerson(db, person.id, lang), lang);
  const account = person.accountId ? await accountById(db, person.accountId) : null;
  const grants = account ? await grantsOf(db, account.id) : [];
  const [refs, headings, sessions, invitations] = await Promise.all([
    series.seriesRefs(
      db,
      grants.map((g) => g.seriesId),
    ),
    series.seriesHeadings(
      db,
      lang,
      grants.map((g) => g.seriesId),
    ),
    series.sessionRefs(
      db,
      grants.flatMap((g) => (g.sessionId ? [g.sessionId] : [])),
    ),
    q.invitationsOfPerson(db, person.id),
  ]);
  return {
    person,
    cast,
    accountEmail: account?.email ?? null,
    grants: grants.map((g) => ({
      ...g,
      seriesSlug: refs.find((r) => r.id === g.seriesId)?.slug ?? '',
      seriesTitle: headings.find((h) => h.id === g.seriesId)?.titleWithYear ?? '',
      sessionOrdinal: sessions.find((s) => s.id === g.sessionId)?.ordinal ?? null,
    })),
    invitations: invitations.map((i) => ({
      id: i.id,
      email: i.email,
      invitedByLabel: i.invited_by_label,
      createdAt: i.created_at,
      expiresAt: i.expires_at,
      usedAt: i.used_at,
    })),
  };
}

// ——— Invitations ———

/**
 * Mails an invitation for some of the person's roles to an address: a token of its own (only its hash is
 * stored), valid for INVITATION_DAYS, audited and queued in one transaction. Returns the token for tests and
 * the CLI; a page never shows it.
 */
export async function invitePerson(
  db: Kysely<DB>,
  input: {
    personId: string;
    email: string;
    roles: InvitedRole[];
    labels: string[];
    by: { accountId: string; label: string };
    baseUrl: string;
    lang: Lang;
  },
  now: Date,
): Promise<{ invitationId: string; token: string }> {
  const token = newSecret();
  const id = newId();
  const email = input.email.trim().toLowerCase();
  const roles = input.roles.map((r) => ({ role: r.role, seriesId: r.seriesId, sessionId: r.sessionId }));
  // A new invitation has only an "after", so writeAudit (not auditedChange).
  await db.transaction().execute(async (tx) => {
    await q.insertInvitation(tx, {
      id,
      person_id: input.personId,
      email,
      roles: JSON.stringify(roles),
      token_hash: sha256(token),
      invited_by: input.by.accountId,
      invited_by_label: input.by.label,
      lang: input.lang,
      expires_at: invitationExpiresAt(now).toISOString(),
      used_at: null,
      accepted_account_id: null,
      created_at: now.toISOString(),
    });
    await writeAudit(tx, {
      actor: input.by,
      action: 'people.invite',
      entity: 'person',
      entityId: input.personId,
      after: { email, roles: roles.map(auditedRole) },
      at: now,
    });
    const site = (await series.siteInfo(tx)) ?? { name: 'Holdet', email: '' };
    await enqueueMail(
      tx,
      invitationMail({
        lang: input.lang,
        to: email,
        link: invitationLink(input.baseUrl, token),
        roles: input.labels,
        site,
      }),
      now,
    );
  });
  return { invitationId: id, token };
}

function storedRoles(json: string): InvitedRole[] {
  const parsed = JSON.parse(json) as InvitedRole[];
  return Array.isArray(parsed) ? parsed : [];
}

export type InvitationCheck =
  | { kind: 'usable'; email: string; personName: string; roles: string[] }
  | { kind: 'failed'; reason: InvitationFailure };

/** What an invitation link offers, without using it (the page behind the link shows a button). */
export async function checkInvitation(
  db: Executor,
  token: string,
  lang: Lang,
  now: Date,
): Promise<InvitationCheck> {
  if (!isSecretShape(token)) return { kind: 'failed', reason: 'unknown' };
  const row = await q.invitationByHash(db, sha256(token));
  const failure = invitationFailure(row, now);
  if (failure || !row) return { kind: 'failed', reason: failure ?? 'unknown' };
  const person = await series.personProfileById(db, row.person_id);
  if (!person) return { kind: 'failed', reason: 'unknown' };
  const offered = invitableRoles(await series.castOfPerson(db, person.id, lang), lang);
  const keys = new Set(storedRoles(row.roles).map(invitedRoleKey));
  return {
    kind: 'usable',
    email: row.email,
    personName: person.name,
    roles: offered.filter((r) => keys.has(r.key)).map((r) => r.label),
  };
}

export type AcceptOutcome =
  | {
      ok: true;
      session: NewSession;
      account: SignedInAccount;
      personSlug: string;
      /** `none`: signed in; otherwise the session waits for the second factor (signInDestination). */
      secondFactor: SecondFactorStep;
    }
  | { ok: false; reason: InvitationFailure | 'conflict' };

class Conflict extends Error {}

/**
 * Spends an invitation (once, even when two requests race) and, in the same transaction: makes or finds the
 * account of the INVITED address — never the signed-in browser's — links the public person to it, grants
 * the roles (granted by the inviting organiser), audits it, and signs that account in (replacing whatever
 * session the browser had).
 */
export async function acceptInvitation(
  db: Kysely<DB>,
  token: string,
  now: Date,
  options: SignInOptions = {},
): Promise<AcceptOutcome> {
  if (!isSecretShape(token)) return { ok: false, reason: 'unknown' };
  const hash = sha256(token);
  try {
    return await db.transaction().execute(async (tx): Promise<AcceptOutcome> => {
      const spent = await q.spendInvitation(tx, hash, now.toISOString());
      if (!spent) {
        return { ok: false, reason: invitationFailure(await q.invitationByHash(tx, hash), now) ?? 'used' };
      }
      const person = await series.personProfileById(tx, spent.person_id);
      if (!person) return { ok: false, reason: 'unknown' };
      const accountId = await ensureAccount(
        tx,
        { email: spent.email, name: person.name, role: 'participant' },
        now,
      );
      const hasPerson = await series.personOfAccount(tx, accountId);
      if ((person.accountId && person.accountId !== accountId) || (hasPerson && hasPerson.id !== person.id)) {
        throw new Conflict();
      }
      if (!person.accountId) await series.linkPersonToAccount(tx, person.id, accountId, now);
      await q.setAcceptedAccount(tx, spent.id, accountId);
      const by = { accountId: spent.invited_by, label: spent.invited_by_label };
      const roles = storedRoles(spent.roles);
      for (const r of roles) {
        await grantRole(
          tx,
          { accountId, role: r.role, seriesId: r.seriesId, sessionId: r.sessionId, by },
          now,
        );
      }
      // writeAudit, not auditedChange: spending the invitation reads and writes in one statement (so two
      // racing requests cannot both spend it), and the row records what the acceptance made — an "after".
      await writeAudit(tx, {
        actor: { accountId, label: spent.email },
        action: 'people.invitation-accept',
        entity: 'person',
        entityId: person.id,
        after: { account_id: accountId, invitation_id: spent.id, roles: roles.map(auditedRole) },
        at: now,
      });
      const signedIn = await signInAccount(tx, spent.email, 'link', now, options);
      if (!signedIn.ok) throw new Error(`the invited account vanished: ${signedIn.reason}`);
      return {
        ok: true,
        session: signedIn.session,
        account: signedIn.account,
        personSlug: person.slug,
        secondFactor: signedIn.secondFactor,
      };
    });
  } catch (error) {
    if (error instanceof Conflict) return { ok: false, reason: 'conflict' };
    throw error;
  }
}

// ——— The profile ———

export type Profile = series.PersonProfile;
export type ProfileFields = series.ProfileFields;

/** The public person a signed-in account edits (null: the account has none). */
export function profileOf(db: Executor, accountId: string): Promise<Profile | null> {
  return series.personOfAccount(db, accountId);
}

/** Saves the person's own profile, audited; the series pages that show them go stale. False: no person. */
export async function saveProfile(
  db: Kysely<DB>,
  account: SignedInAccount,
  fields: ProfileFields,
  now: Date,
): Promise<boolean> {
  const shown = (p: ProfileFields) => ({
    title_da: p.titleDa,
    title_en: p.titleEn,
    bio_da: p.bioDa,
    bio_en: p.bioEn,
    links: p.links,
  });
  const outcome = await db.transaction().execute((tx) =>
    auditedChange(tx, {
      read: (tx) => series.personOfAccount(tx, account.id),
      write: (tx, before) => series.updatePersonProfile(tx, before.id, fields, now),
      audit: (before) => ({
        actor: { accountId: account.id, label: account.email },
        action: 'people.profile-update',
        entity: 'person',
        entityId: before.id,
        before: shown(before),
        after: shown(fields),
        at: now,
      }),
    }),
  );
  return outcome !== null;
}

// ——— The organiser's person form ———

export type PersonFields = series.PersonFields;

/** A public person with every field the organiser's form edits (null: none). */
export function personForEditing(db: Executor, slug: string): Promise<series.PersonProfile | null> {
  return series.personProfileBySlug(db, slug);
}

/** The organiser a staff account works for (the site's organiser when the account names none). */
async function organiserOf(db: Executor, accountId: string): Promise<string | null> {
  return (await accountById(db, accountId))?.organiserId ?? (await series.siteOrganiserId(db));
}

/** The organiser creates a public person (slug from the name, unique), audited in one transaction. */
export async function createPublicPerson(
  db: Kysely<DB>,
  by: SignedInAccount,
  fields: PersonFields,
  now: Date,
): Promise<{ id: string; slug: string }> {
  return db.transaction().execute(async (tx) => {
    const organiserId = await organiserOf(tx, by.id);
    if (!organiserId) throw new Error('no organiser to own the person');
    return series.createPerson(tx, organiserId, fields, { accountId: by.id, label: by.email }, now);
  });
}

/**
 * The organiser edits a person's name, titles, bios and links, audited; the series pages that show them go
 * stale at once. Null: no such person.
 */
export async function updatePublicPerson(
  db: Kysely<DB>,
  personId: string,
  by: SignedInAccount,
  fields: PersonFields,
  now: Date,
): Promise<{ id: string; slug: string } | null> {
  return db
    .transaction()
    .execute((tx) => series.updatePerson(tx, personId, fields, { accountId: by.id, label: by.email }, now));
}

/** The words for a list of roles in the page's language: "facilitator og ekspert". */
export function roleWords(roles: readonly MemberRole[], lang: Lang): string {
  const m = peopleMessages(lang);
  const names = {
    organiser: m['people.role.organiser'],
    facilitator: m['people.role.facilitator'],
    expert: m['people.role.expert'],
    participant: m['people.role.participant'],
    substitute: m['people.role.substitute'],
  };
  return rolesLabelFor(roles, names, m['people.and']);
}
