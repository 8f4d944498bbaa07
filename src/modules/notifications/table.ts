// Notifications (issue 11): what a person is told, their choice per kind, the digest claimed once per person
// and Copenhagen day, and the key that signs the choice links in mails. Only this module touches them.

export const NOTIFICATION_KINDS = ['questions', 'answers', 'dilemmas', 'messages', 'materials'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NOTIFICATION_CHOICES = ['now', 'digest', 'platform'] as const;
export type NotificationChoice = (typeof NOTIFICATION_CHOICES)[number];

export interface NotificationTable {
  id: string;
  account_id: string;
  kind: NotificationKind;
  series_id: string | null;
  subject_da: string;
  subject_en: string;
  text_da: string;
  text_en: string;
  /** Where on the platform (a path). */
  path: string;
  /** The same (account_id, dedup_key) is stored once. */
  dedup_key: string;
  /** The person's choice when it was made. */
  delivery: NotificationChoice;
  created_at: string;
  /** When its mail was queued (at once, or in a digest); null: not mailed (yet). */
  mailed_at: string | null;
  read_at: string | null;
}

/** A person's choice for one kind; no row: the default (rules.ts DEFAULT_CHOICES). */
export interface NotificationChoiceTable {
  account_id: string;
  kind: NotificationKind;
  choice: NotificationChoice;
  updated_at: string;
}

/** One digest per person and Copenhagen day: the primary key is the claim several instances race for. */
export interface NotificationDigestTable {
  account_id: string;
  day: string;
  outbox_id: string | null;
  items: number;
  created_at: string;
}

/** The HMAC key of the choice links (one row, `choice-link`, made by the migration). */
export interface NotificationKeyTable {
  id: string;
  secret: string;
  created_at: string;
}
