import type { Generated } from 'kysely';

// Messages of a series (issue 11): announcements from the organiser or the facilitator to the members, with
// each member's read state, and each member's private thread with the organiser.

export interface AnnouncementTable {
  id: string;
  series_id: string;
  /** The account that wrote it; null for the demo seed. */
  author_id: string | null;
  /** The name shown as who wrote it, as it was then. */
  author_name: string;
  title: string;
  /** Markdown, rendered with raw HTML off. */
  body_md: string;
  /** 1: the group was chosen as its audience (the facilitator and the organisers always see it). */
  to_participants: Generated<number>;
  to_substitutes: Generated<number>;
  to_experts: Generated<number>;
  created_at: string;
}

/** A member opened the announcement (it is no longer marked unread for them). */
export interface AnnouncementReadTable {
  announcement_id: string;
  account_id: string;
  read_at: string;
}

/** One member's private conversation with the organiser of a series: one per member and series. */
export interface MessageThreadTable {
  id: string;
  series_id: string;
  /** The member (only they and the series' organisers see the thread). */
  account_id: string;
  member_name: string;
  /** 1: the member wrote last, the organiser has not answered. */
  awaiting_answer: Generated<number>;
  created_at: string;
  last_at: string;
}

export interface MessagePostTable {
  id: string;
  thread_id: string;
  author_id: string | null;
  author_name: string;
  /** 1: written by the organiser (an answer). */
  from_organiser: Generated<number>;
  body_md: string;
  created_at: string;
}
