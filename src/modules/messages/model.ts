import type { Audience } from './rules.ts';

// Rows → what the service hands the views.

export interface Announcement {
  id: string;
  seriesId: string;
  authorId: string | null;
  authorName: string;
  title: string;
  bodyMd: string;
  audience: Audience;
  createdAt: string;
}

export interface AnnouncementItem extends Announcement {
  /** The person has not opened it yet (never for its author). */
  unread: boolean;
}

export function toAnnouncement(r: {
  id: string;
  series_id: string;
  author_id: string | null;
  author_name: string;
  title: string;
  body_md: string;
  to_participants: number;
  to_substitutes: number;
  to_experts: number;
  created_at: string;
}): Announcement {
  return {
    id: r.id,
    seriesId: r.series_id,
    authorId: r.author_id,
    authorName: r.author_name,
    title: r.title,
    bodyMd: r.body_md,
    audience: {
      participants: r.to_participants === 1,
      substitutes: r.to_substitutes === 1,
      experts: r.to_experts === 1,
    },
    createdAt: r.created_at,
  };
}

export interface Thread {
  id: string;
  seriesId: string;
  accountId: string;
  memberName: string;
  /** The member wrote last: the organiser has not answered. */
  awaitingAnswer: boolean;
  createdAt: string;
  lastAt: string;
}

export function toThread(r: {
  id: string;
  series_id: string;
  account_id: string;
  member_name: string;
  awaiting_answer: number;
  created_at: string;
  last_at: string;
}): Thread {
  return {
    id: r.id,
    seriesId: r.series_id,
    accountId: r.account_id,
    memberName: r.member_name,
    awaitingAnswer: r.awaiting_answer === 1,
    createdAt: r.created_at,
    lastAt: r.last_at,
  };
}

export interface ThreadPost {
  id: string;
  authorName: string;
  fromOrganiser: boolean;
  bodyMd: string;
  createdAt: string;
}
