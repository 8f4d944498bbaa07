import type { Kysely } from 'kysely';
import type { DB, Executor } from '../../db/database.ts';
import { writeAudit } from '../../shared/audit.ts';
import type { Lang } from '../../shared/danish.ts';
import { newId } from '../../shared/ids.ts';
import { markdownToText } from '../../shared/markdown.ts';
import type { SignedInAccount } from '../../web/account.ts';
import { type NotificationInput, notify } from '../notifications/service.ts';
import { actorFor, isMember, type Membership, seriesAudience } from '../people/service.ts';
import * as series from '../series/service.ts';
import {
  type Announcement,
  type AnnouncementItem,
  type Thread,
  type ThreadPost,
  toAnnouncement,
  toThread,
} from './model.ts';
import { announcementPath, myThreadPath, organiserThreadPath } from './paths.ts';
import * as q from './queries.ts';
import {
  type Audience,
  announcementScope,
  HOME_ANNOUNCEMENTS,
  LIST_ANNOUNCEMENTS,
  mayAnnounce,
  maySeeAnnouncement,
  maySeeThread,
  mayWriteToOrganiser,
  ORGANISER_THREADS,
} from './rules.ts';

// The messages module's door (issue 11): announcements from the organiser or the facilitator to a series'
// members (read state per member, mailed through the notifications module, kind `messages`), and each
// member's private thread with the organiser. Every write is audited in its transaction, without its text.

export type { Announcement, AnnouncementItem, Thread, ThreadPost } from './model.ts';
export { announcementsPath, myThreadPath, myThreadsPath, ORGANISER_THREADS_PATH } from './paths.ts';
export {
  type Audience,
  type AudienceGroup,
  mayAnnounce,
  maySeeAnnouncement,
  mayWriteToOrganiser,
} from './rules.ts';
export { MessagesSection } from './views/section.tsx';

/** Who writes: the account, its name as shown, its label in the audit log. */
export interface MessageActor {
  accountId: string | null;
  name: string;
  label: string;
}

export function messageActor(account: SignedInAccount): MessageActor {
  return { accountId: account.id, name: account.name, label: account.email };
}

/** One series as the messages pages need it: the person's membership of it. */
export interface MessagesHold {
  seriesId: string;
  slug: string;
  title: string;
  membership: Membership;
  accountId: string;
}

/**
 * The series (public, not a draft) and the person's membership of it. Null: no such series, a draft, or the
 * person has nothing to do with it. A membership without roles (waitlisted, awaiting) is returned; the rules
 * give it nothing.
 */
export async function messagesHold(
  db: Executor,
  account: SignedInAccount,
  slug: string,
  lang: Lang,
  now: Date,
): Promise<MessagesHold | null> {
  const actor = await actorFor(db, account, now);
  const membership = actor.memberships.find((m) => m.seriesSlug === slug);
  if (!membership) return null;
  const heading = await series.seriesHeading(db, membership.seriesId, lang);
  if (!heading || !series.isPublic(heading.status)) return null;
  return { seriesId: heading.id, slug, title: heading.titleWithYear, membership, accountId: account.id };
}

// ——— Announcements ———

async function listFor(
  db: Executor,
  input: { seriesId: string; membership: Membership; accountId: string },
  limit: number,
): Promise<AnnouncementItem[]> {
  const scope = announcementScope(input.membership);
  if (!scope) return [];
  const rows = await q.announcementList(db, {
    seriesId: input.seriesId,
    scope,
    accountId: input.accountId,
    limit,
  });
  return (
    rows
      .map((r) => ({ ...toAnnouncement(r), unread: r.read_at === null }))
      // The query's scope is rules.ts' maySeeAnnouncement as a filter (tested); checked again here all the same.
      .filter((a) => maySeeAnnouncement(input.membership, a.audience))
      .map((a) => ({ ...a, unread: a.unread && a.authorId !== input.accountId }))
  );
}

/** The "Beskeder" section of Mit hold: the newest few the person sees, unread marked. One bounded query. */
export interface HoldMessages {
  items: AnnouncementItem[];
  /** There are more than shown (the list page has them). */
  more: boolean;
  /** The person may write announcements here. */
  mayAnnounce: boolean;
  /** The person may write to the organiser. */
  mayWrite: boolean;
}

export async function holdMessages(
  db: Executor,
  input: { seriesId: string; membership: Membership; accountId: string },
): Promise<HoldMessages | null> {
  if (!isMember(input.membership)) return null;
  const items = await listFor(db, input, HOME_ANNOUNCEMENTS + 1);
  return {
    items: items.slice(0, HOME_ANNOUNCEMENTS),
    more: items.length > HOME_ANNOUNCEMENTS,
    mayAnnounce: mayAnnounce(input.membership),
    mayWrite: mayWriteToOrganiser(input.membership),
  };
}

/** The list page: the newest LIST_ANNOUNCEMENTS the person sees. */
export function announcementsFor(db: Executor, hold: MessagesHold): Promise<AnnouncementItem[]> {
  return listFor(db, hold, LIST_ANNOUNCEMENTS);
}

/** One announcement the person may see (null otherwise); opening it marks it read for them. */
export async function openAnnouncement(
  db: Executor,
  hold: MessagesHold,
  id: string,
  now: Date,
): Promise<Announcement | null> {
  const row = await q.announcementById(db, id);
  if (!row || row.series_id !== hold.seriesId) return null;
  const announcement = toAnnouncement(row);
  if (!maySeeAnnouncement(hold.membership, announcement.audience)) return null;
  await q.markRead(db, id, hold.accountId, now.toISOString());
  return announcement;
}

/** Whether the account has opened the announcement (for tests and the author's view). */
export async function hasRead(db: Executor, announcementId: string, accountId: string): Promise<boolean> {
  return (await q.readAt(db, announcementId, accountId)) !== undefined;
}

const EXCERPT = 280;

function excerpt(md: string): string {
  const text = markdownToText(md).replace(/\s+/g, ' ').trim();
  return text.length > EXCERPT ? `${text.slice(0, EXCERPT - 1)}…` : text;
}

export interface NewAnnouncement {
  hold: { seriesId: string; slug: string; title: string };
  title: string;
  bodyMd: string;
  audience: Audience;
}

/**
 * Writes an announcement, tells every member who may see it (not its author) through the notifications
 * module — at once, in the digest or only here, as each has chosen for `messages` — and audits it
 * (`message.announce`, the audience, never the text), all in one transaction. The caller has checked the
 * personal-data guard and the author's right (rules' mayAnnounce).
 */
export async function announce(
  db: Kysely<DB>,
  input: NewAnnouncement,
  by: MessageActor,
  now: Date,
): Promise<{ id: string }> {
  const id = newId();
  const at = now.toISOString();
  await db.transaction().execute(async (tx) => {
    await q.insertAnnouncement(tx, {
      id,
      series_id: input.hold.seriesId,
      author_id: by.accountId,
      author_name: by.name,
      title: input.title,
      body_md: input.bodyMd,
      to_participants: input.audience.participants ? 1 : 0,
      to_substitutes: input.audience.substitutes ? 1 : 0,
      to_experts: input.audience.experts ? 1 : 0,
      created_at: at,
    });
    const audience = await seriesAudience(tx, input.hold.seriesId, now);
    const short = excerpt(input.bodyMd);
    const items: NotificationInput[] = audience
      .filter((a) => a.accountId !== by.accountId && maySeeAnnouncement(a, input.audience))
      .map((a) => ({
        accountId: a.accountId,
        kind: 'messages',
        seriesId: input.hold.seriesId,
        subject: {
          da: `Besked fra ${by.name}: ${input.title}`,
          en: `Message from ${by.name}: ${input.title}`,
        },
        text: {
          da: `${by.name} har skrevet en besked til holdet ${input.hold.title}.\n\n${short}`,
          en: `${by.name} has written a message to ${input.hold.title}.\n\n${short}`,
        },
        path: announcementPath(input.hold.slug, id),
        key: `announcement:${id}`,
      }));
    await notify(tx, items, now);
    await writeAudit(tx, {
      actor: { accountId: by.accountId, label: by.label },
      action: 'message.announce',
      entity: 'announcement',
      entityId: id,
      after: { series_id: input.hold.seriesId, audience: input.audience, recipients: items.length },
      at: now,
    });
  });
  return { id };
}

// ——— Private threads with the organiser ———

function toPosts(rows: Awaited<ReturnType<typeof q.postsOfThread>>): ThreadPost[] {
  return rows.map((r) => ({
    id: r.id,
    authorName: r.author_name,
    fromOrganiser: r.from_organiser === 1,
    bodyMd: r.body_md,
    createdAt: r.created_at,
  }));
}

/** A member's own thread in a series (null: none yet), with its messages in order. */
export async function myThread(
  db: Executor,
  hold: MessagesHold,
): Promise<{ thread: Thread | null; posts: ThreadPost[] }> {
  const row = await q.threadOfMember(db, hold.seriesId, hold.accountId);
  if (!row) return { thread: null, posts: [] };
  return { thread: toThread(row), posts: toPosts(await q.postsOfThread(db, row.id)) };
}

/** Min side's list: the person's threads (any series) and the series they may write to the organiser in. */
export interface MyThreads {
  threads: (Thread & { slug: string; title: string })[];
  /** The public series the person may write to the organiser of, by title. */
  writable: { slug: string; title: string }[];
}

export async function myThreads(
  db: Executor,
  account: SignedInAccount,
  lang: Lang,
  now: Date,
): Promise<MyThreads> {
  const [actor, rows] = await Promise.all([actorFor(db, account, now), q.threadsOfAccount(db, account.id)]);
  const ids = [...new Set([...actor.memberships.map((m) => m.seriesId), ...rows.map((r) => r.series_id)])];
  const headings = new Map((await series.seriesHeadings(db, lang, ids)).map((h) => [h.id, h]));
  const threads = rows.flatMap((r) => {
    const h = headings.get(r.series_id);
    return h ? [{ ...toThread(r), slug: h.slug, title: h.titleWithYear }] : [];
  });
  const writable = actor.memberships
    .filter((m) => mayWriteToOrganiser(m))
    .flatMap((m) => {
      const h = headings.get(m.seriesId);
      return h && series.isPublic(h.status) ? [{ slug: h.slug, title: h.titleWithYear }] : [];
    });
  return { threads, writable };
}

/**
 * A member writes to the organiser: the message joins their thread of the series (made on the first one),
 * which now awaits an answer; the series' organisers are told (kind `messages`); audited `message.write`
 * without the text. The caller has checked the guard and the right (mayWriteToOrganiser).
 */
export async function writeToOrganiser(
  db: Kysely<DB>,
  hold: MessagesHold,
  bodyMd: string,
  by: MessageActor,
  now: Date,
): Promise<{ threadId: string }> {
  const at = now.toISOString();
  return db.transaction().execute(async (tx) => {
    await q.insertThread(tx, {
      id: newId(),
      series_id: hold.seriesId,
      account_id: hold.accountId,
      member_name: by.name,
      at,
    });
    const thread = await q.threadOfMember(tx, hold.seriesId, hold.accountId);
    if (!thread) throw new Error('thread not made');
    const postId = newId();
    await q.insertPost(tx, {
      id: postId,
      thread_id: thread.id,
      author_id: by.accountId,
      author_name: by.name,
      from_organiser: 0,
      body_md: bodyMd,
      created_at: at,
    });
    await q.touchThread(tx, thread.id, true, at);
    const organisers = (await seriesAudience(tx, hold.seriesId, now)).filter(
      (a) => a.roles.includes('organiser') && a.accountId !== by.accountId,
    );
    await notify(
      tx,
      organisers.map((o) => ({
        accountId: o.accountId,
        kind: 'messages',
        seriesId: hold.seriesId,
        subject: { da: `Ny besked fra ${by.name}`, en: `New message from ${by.name}` },
        text: {
          da: `${by.name} har skrevet til arrangøren om ${hold.title}. Læs og svar på platformen.`,
          en: `${by.name} has written to the organiser about ${hold.title}. Read and answer on the platform.`,
        },
        path: organiserThreadPath(thread.id),
        key: `message:${postId}`,
      })),
      now,
    );
    await writeAudit(tx, {
      actor: { accountId: by.accountId, label: by.label },
      action: 'message.write',
      entity: 'message_thread',
      entityId: thread.id,
      after: { series_id: hold.seriesId, message_id: postId },
      at: now,
    });
    return { threadId: thread.id };
  });
}

/** The organiser's list: the threads of every series they organise, unanswered first. */
export async function organiserThreads(
  db: Executor,
  account: SignedInAccount,
  lang: Lang,
  now: Date,
): Promise<(Thread & { title: string })[]> {
  const actor = await actorFor(db, account, now);
  const ids = actor.memberships.filter((m) => m.roles.includes('organiser')).map((m) => m.seriesId);
  const [rows, headings] = await Promise.all([
    q.threadsOfSeries(db, ids, ORGANISER_THREADS),
    series.seriesHeadings(db, lang, ids),
  ]);
  const titles = new Map(headings.map((h) => [h.id, h.titleWithYear]));
  return rows.map((r) => ({ ...toThread(r), title: titles.get(r.series_id) ?? '' }));
}

/** One thread as the organiser sees it (null: not theirs to see — another organiser's series, or none). */
export async function organiserThread(
  db: Executor,
  account: SignedInAccount,
  threadId: string,
  lang: Lang,
  now: Date,
): Promise<{ thread: Thread; title: string; slug: string; posts: ThreadPost[] } | null> {
  const row = await q.threadById(db, threadId);
  if (!row) return null;
  const thread = toThread(row);
  const actor = await actorFor(db, account, now);
  const membership = actor.memberships.find((m) => m.seriesId === thread.seriesId) ?? null;
  if (!maySeeThread(membership, thread, account.id)) return null;
  const heading = await series.seriesHeading(db, thread.seriesId, lang);
  return {
    thread,
    title: heading?.titleWithYear ?? '',
    slug: heading?.slug ?? '',
    posts: toPosts(await q.postsOfThread(db, thread.id)),
  };
}

/**
 * The organiser answers a thread: the answer joins it, which no longer awaits one; the member is told (kind
 * `messages`: mailed or not as they chose); audited `message.answer` without the text.
 */
export async function answerThread(
  db: Kysely<DB>,
  target: { thread: Thread; slug: string; title: string },
  bodyMd: string,
  by: MessageActor,
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  await db.transaction().execute(async (tx) => {
    const postId = newId();
    await q.insertPost(tx, {
      id: postId,
      thread_id: target.thread.id,
      author_id: by.accountId,
      author_name: by.name,
      from_organiser: 1,
      body_md: bodyMd,
      created_at: at,
    });
    await q.touchThread(tx, target.thread.id, false, at);
    await notify(
      tx,
      [
        {
          accountId: target.thread.accountId,
          kind: 'messages',
          seriesId: target.thread.seriesId,
          subject: {
            da: `Svar fra arrangøren: ${target.title}`,
            en: `Answer from the organiser: ${target.title}`,
          },
          text: {
            da: `Arrangøren har svaret på din besked om ${target.title}. Læs svaret på platformen.`,
            en: `The organiser has answered your message about ${target.title}. Read the answer on the platform.`,
          },
          path: myThreadPath(target.slug),
          key: `message:${postId}`,
        },
      ],
      now,
    );
    await writeAudit(tx, {
      actor: { accountId: by.accountId, label: by.label },
      action: 'message.answer',
      entity: 'message_thread',
      entityId: target.thread.id,
      after: { series_id: target.thread.seriesId, message_id: postId },
      at: now,
    });
  });
}
