import { copenhagenClock, copenhagenDay } from '../../shared/danish.ts';
import {
  NOTIFICATION_CHOICES,
  NOTIFICATION_KINDS,
  type NotificationChoice,
  type NotificationKind,
} from './table.ts';

// Pure decisions about notifications: the defaults, which choice holds, when the digest is due, and the shape
// of the signed link that changes a choice. Time is passed in; nothing here reads a database.

/**
 * The choice of a person who has chosen nothing, per kind — the one place that says it (the settings page
 * shows it). What is addressed to someone (a question to them, an answer to theirs) comes at once; what is
 * for everyone (dilemmas and comments, messages, new materials) waits for the daily digest.
 */
export const DEFAULT_CHOICES: Readonly<Record<NotificationKind, NotificationChoice>> = {
  questions: 'now',
  answers: 'now',
  dilemmas: 'digest',
  messages: 'digest',
  materials: 'digest',
};

export function isKind(value: unknown): value is NotificationKind {
  return typeof value === 'string' && (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

export function isChoice(value: unknown): value is NotificationChoice {
  return typeof value === 'string' && (NOTIFICATION_CHOICES as readonly string[]).includes(value);
}

/** The choice in force: the person's own, else the default. */
export function choiceFor(
  chosen: Partial<Record<NotificationKind, NotificationChoice>>,
  kind: NotificationKind,
): NotificationChoice {
  return chosen[kind] ?? DEFAULT_CHOICES[kind];
}

/** Every kind's choice in force. */
export function choicesInForce(
  chosen: Partial<Record<NotificationKind, NotificationChoice>>,
): Record<NotificationKind, NotificationChoice> {
  return Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, choiceFor(chosen, k)])) as Record<
    NotificationKind,
    NotificationChoice
  >;
}

/** The digest hour when nothing is set (`DIGEST_HOUR`). */
export const DEFAULT_DIGEST_HOUR = 7;

/**
 * The Copenhagen day whose digest is due at `now`, or null before the digest hour (Copenhagen wall clock,
 * so 07:00 is 06:00 UTC in winter and 05:00 UTC in summer).
 */
export function digestDayDue(now: Date, digestHour: number): string | null {
  const hour = Number(copenhagenClock(now).slice(0, 2));
  return hour >= digestHour ? copenhagenDay(now) : null;
}

/** How long a link in a mail that changes a choice works. */
export const CHOICE_LINK_DAYS = 60;

/** What a choice link names: whose choice, of which kind, until when (seconds since the epoch). */
export interface ChoiceLinkClaim {
  accountId: string;
  kind: NotificationKind;
  expiresAt: number;
}

/** The signed part of a choice token: `v1.<account>.<kind>.<expires>`. */
export function choicePayload(claim: ChoiceLinkClaim): string {
  return `v1.${claim.accountId}.${claim.kind}.${claim.expiresAt}`;
}

/** The claim of a payload, or null when it is not one (the signature is checked apart, first). */
export function parseChoicePayload(payload: string): ChoiceLinkClaim | null {
  const m = /^v1\.([0-9a-f-]{36})\.([a-z]+)\.(\d{1,12})$/.exec(payload);
  if (!m || !isKind(m[2])) return null;
  return { accountId: m[1] as string, kind: m[2], expiresAt: Number(m[3]) };
}

export function choiceLinkExpiry(now: Date): number {
  return Math.floor(now.getTime() / 1000) + CHOICE_LINK_DAYS * 24 * 3600;
}

export function isExpired(claim: ChoiceLinkClaim, now: Date): boolean {
  return claim.expiresAt * 1000 <= now.getTime();
}
