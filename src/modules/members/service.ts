import type { Executor } from '../../db/database.ts';
import type { Lang } from '../../shared/danish.ts';
import type { SignedInAccount } from '../../web/account.ts';
import { type HomeDilemmas, homeDilemmas } from '../dilemmas/service.ts';
import { mayJoinDirectory, maySeeDirectory } from '../directory/service.ts';
import { holdTimeline, type Timeline } from '../materials/service.ts';
import { type HoldMessages, holdMessages } from '../messages/service.ts';
import {
  actorFor,
  isMember,
  type MemberRole,
  type Membership,
  membershipIn,
  roleWords,
} from '../people/service.ts';
import { type HomeQuestions, homeQuestions, mayAskAnything } from '../questions/service.ts';
import { seatCounts } from '../registration/service.ts';
import {
  attendeeSessions,
  type SeriesSummary,
  type SessionView,
  seriesPage,
  seriesTitleWithYear,
} from '../series/service.ts';
import { programmeFor } from './rules.ts';

// Mit hold: what a signed-in person finds of each series they belong to. Reads only; who the person is comes
// from the people module, the series from the series module.

/** Where someone who is not (yet) a member stands: awaiting confirmation, in line, or offered a seat. */
export type Standing = NonNullable<Membership['registration']>;

export interface HoldListItem {
  slug: string;
  title: string;
  roles: MemberRole[];
  /** "facilitator og ekspert", in the page's language; empty for someone who is not a member. */
  rolesText: string;
  member: boolean;
  standing: Standing | null;
  firstStartsAt: string | null;
}

export interface HoldSession {
  session: SessionView;
  /** The person is this session's expert, or substitutes in it. */
  yours: boolean;
  /** An online session's meeting link: only in the programme of someone who may see that session. */
  meetingUrl: string | null;
}

export interface HoldHome {
  summary: SeriesSummary;
  title: string;
  roles: MemberRole[];
  rolesText: string;
  member: boolean;
  /** The registration behind a standing (and a participant's own confirmed one). */
  standing: Standing | null;
  /** Members only: the sessions this person sees, in the order they see them. Empty for a standing. */
  programme: HoldSession[];
  /** Members only: the materials they see, per session and phase, "new" since their last visit. */
  materials: Timeline | null;
  /** Members only: the newest announcements they see, unread marked (one bounded query). */
  messages: HoldMessages | null;
  /** Members who may see the directory: whether they may be listed themselves. Null: no directory for them. */
  directory: { mayJoin: boolean } | null;
  /** Members only: the newest questions they see and what waits for their answer (questions module). */
  questions: (HomeQuestions & { mayAsk: boolean; addressee: boolean; now: Date }) | null;
  /** Members only: each session's agenda and the dilemmas section (the dilemmas module's). */
  dilemmas: HomeDilemmas | null;
}

/** Every series the person belongs to or stands in line for, soonest first. */
export async function myHolds(
  db: Executor,
  account: SignedInAccount,
  lang: Lang,
  now: Date,
): Promise<HoldListItem[]> {
  const actor = await actorFor(db, account, now);
  const items: HoldListItem[] = [];
  for (const m of actor.memberships) {
    const page = await seriesPage(db, m.seriesSlug, lang, now, seatCounts);
    // A series that is not public (a draft) has no home yet.
    if (!page) continue;
    items.push({
      slug: m.seriesSlug,
      title: seriesTitleWithYear(page),
      roles: m.roles,
      rolesText: roleWords(m.roles, lang),
      member: isMember(m),
      standing: m.registration && m.registration.status !== 'confirmed' ? m.registration : null,
      firstStartsAt: page.summary.firstStartsAt,
    });
  }
  // Upcoming series first, by their first session; then the rest.
  return items.sort((a, b) => (b.firstStartsAt ?? '').localeCompare(a.firstStartsAt ?? ''));
}

/** One series' home for this person (null: no such series, or the person has nothing to do with it). */
export async function holdHome(
  db: Executor,
  account: SignedInAccount,
  slug: string,
  lang: Lang,
  now: Date,
  options: { allMaterials?: boolean } = {},
): Promise<HoldHome | null> {
  const page = await seriesPage(db, slug, lang, now, seatCounts);
  if (!page) return null;
  const membership = await membershipIn(db, account, page.summary.id, now);
  if (!membership) return null;
  const member = isMember(membership);
  const programme = member
    ? await withMeetingLinks(db, page.summary.id, programmeFor(membership, page.sessions))
    : [];
  return {
    summary: page.summary,
    title: seriesTitleWithYear(page),
    roles: membership.roles,
    rolesText: roleWords(membership.roles, lang),
    member,
    standing:
      membership.registration && membership.registration.status !== 'confirmed'
        ? membership.registration
        : null,
    programme,
    materials: member
      ? await holdTimeline(
          db,
          {
            seriesId: page.summary.id,
            membership,
            accountId: account.id,
            sessionIds: programme.map((p) => p.session.id),
            all: options.allMaterials === true,
          },
          now,
        )
      : null,
    messages: member
      ? await holdMessages(db, { seriesId: page.summary.id, membership, accountId: account.id })
      : null,
    directory: maySeeDirectory(membership) ? { mayJoin: mayJoinDirectory(membership) } : null,
    questions: member
      ? {
          ...(await homeQuestions(db, {
            seriesId: page.summary.id,
            slug,
            membership,
            accountId: account.id,
          })),
          mayAsk: mayAskAnything(membership),
          addressee: membership.roles.some((r) => r === 'expert' || r === 'facilitator'),
          now,
        }
      : null,
    dilemmas: member
      ? await homeDilemmas(db, { membership, sessionIds: programme.map((p) => p.session.id) })
      : null,
  };
}

/**
 * The meeting links of the online sessions in a programme. The programme holds only the sessions this person
 * may see (programmeFor), so a substitute gets their one session's link and nobody else's.
 */
async function withMeetingLinks(
  db: Executor,
  seriesId: string,
  programme: { session: SessionView; yours: boolean }[],
): Promise<HoldSession[]> {
  if (!programme.some((p) => p.session.mode === 'online' && !p.session.cancelled)) {
    return programme.map((p) => ({ ...p, meetingUrl: null }));
  }
  const links = new Map((await attendeeSessions(db, seriesId, 'da')).map((s) => [s.id, s.meetingUrl]));
  return programme.map((p) => ({
    ...p,
    meetingUrl: p.session.cancelled ? null : (links.get(p.session.id) ?? null),
  }));
}
