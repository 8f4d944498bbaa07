import type { Executor } from '../db/database.ts';
import { type AttachmentResolver, resolveAttachments, type StoredAttachment } from './outbox.ts';
import * as q from './queries.ts';
import { parseAttachments } from './rules.ts';
import type { OutboxStatus } from './table.ts';

// Reads for the mailbox page (development and demo only): the outbox as a person wants to see it.

const MAILBOX_LIMIT = 200;

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

/** The newest mails first. */
export async function mailboxList(db: Executor): Promise<MailboxEntry[]> {
  const rows = await q.recentMails(db, MAILBOX_LIMIT);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    to: r.to_address,
    subject: r.subject,
    status: r.status,
    createdAt: r.created_at,
  }));
}

function attachmentsOf(json: string): StoredAttachment[] {
  try {
    return parseAttachments(json);
  } catch {
    return [];
  }
}

/** One mail, or null when there is none with that id. */
export async function mailboxMail(db: Executor, id: string): Promise<MailboxMail | null> {
  const row = await q.mailById(db, id);
  if (!row) return null;
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

/** Attachment `number` (1-based) of a mail, decoded; null when either does not exist. */
export async function mailboxAttachment(
  db: Executor,
  id: string,
  number: number,
  resolve?: AttachmentResolver,
): Promise<{ filename: string; contentType: string; content: Buffer } | null> {
  const row = await q.mailById(db, id);
  if (!row) return null;
  const stored = attachmentsOf(row.attachments)[number - 1];
  if (!stored) return null;
  const [attachment] = await resolveAttachments([stored], resolve);
  if (!attachment) return null;
  return {
    filename: attachment.filename,
    contentType: attachment.contentType,
    content: Buffer.from(attachment.content, 'base64'),
  };
}
