import type { StoredAttachment } from './outbox.ts';
import type { MailboxRow, OutboxRow } from './queries.ts';
import { parseAttachments } from './rules.ts';
import type { OutboxStatus } from './table.ts';

// The email layer's domain objects for the mailbox page, made from outbox rows (camelCase; the stored
// attachments' contents stay out of what a view gets).

export interface MailboxEntry {
  id: string;
  kind: string;
  to: string;
  subject: string;
  status: OutboxStatus;
  createdAt: string;
}

export interface MailboxAttachment {
  /** 1-based, as in the download URL. */
  number: number;
  filename: string;
  contentType: string;
  /** Null for an attachment made when the mail is sent (its size is not known before). */
  bytes: number | null;
}

export interface MailboxMail extends MailboxEntry {
  text: string;
  html: string;
  attempts: number;
  nextAttemptAt: string;
  sentAt: string | null;
  lastError: string | null;
  attachments: MailboxAttachment[];
  /** When text, HTML and attachments were erased after the retention period (retention.ts); null while kept. */
  erasedAt: string | null;
}

export function toMailboxEntry(r: MailboxRow): MailboxEntry {
  return {
    id: r.id,
    kind: r.kind,
    to: r.to_address,
    subject: r.subject,
    status: r.status,
    createdAt: r.created_at,
  };
}

/** A stored attachment list; a broken one reads as none. */
export function attachmentsOf(json: string): StoredAttachment[] {
  try {
    return parseAttachments(json);
  } catch {
    return [];
  }
}

export function toMailboxMail(row: OutboxRow): MailboxMail {
  return {
    id: row.id,
    kind: row.kind,
    to: row.to_address,
    subject: row.subject,
    status: row.status,
    createdAt: row.created_at,
    text: row.text_body,
    html: row.html_body,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    sentAt: row.sent_at,
    lastError: row.last_error,
    erasedAt: row.body_erased_at,
    attachments: attachmentsOf(row.attachments).map((a, i) => ({
      number: i + 1,
      filename: a.filename,
      contentType: a.contentType,
      // Made at send time: the size is not known until then.
      bytes: a.content === undefined ? null : Buffer.byteLength(a.content, 'base64'),
    })),
  };
}
