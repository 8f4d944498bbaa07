export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** A mail written in the same transaction as the change that causes it; the worker sends it later. */
export interface OutboxTable {
  id: string;
  /** What the mail is about, e.g. `registration.confirmed`, `auth.sign-in`. */
  kind: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  /** JSON array of { filename, contentType, content (base64) }. */
  attachments: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string;
  /** A worker that claimed the row holds it until then. */
  locked_until: string | null;
  sent_at: string | null;
  last_error: string | null;
  created_at: string;
}
