export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** The `priority` column: lower goes first. */
export const PRIORITY = { urgent: 0, normal: 1 } as const;
export type MailPriority = keyof typeof PRIORITY;

/** A mail written in the same transaction as the change that causes it; the worker sends it later. */
export interface OutboxTable {
  id: string;
  /** What the mail is about, e.g. `registration.confirmed`, `auth.sign-in`. */
  kind: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  /** JSON array of { filename, contentType, content (base64) or source (made at send time) }. */
  attachments: string;
  /** PRIORITY: 0 urgent (a person is waiting for it), 1 normal. The claim takes lower first, then older. */
  priority: number;
  /** 1 when an attachment is made at send time (an invoice PDF): only a few of those per round. */
  renders: number;
  /** When text, HTML and attachment contents were erased after the retention period; null while kept. */
  body_erased_at: string | null;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string;
  /** A worker that claimed the row holds it until then. */
  locked_until: string | null;
  sent_at: string | null;
  last_error: string | null;
  /**
   * A scheduled mail's occasion (`reminder:<session>:<person>`), unique: queued exactly once (enqueueOnce).
   * Null for every other mail.
   */
  occasion: string | null;
  created_at: string;
}
