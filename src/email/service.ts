import type { Executor } from '../db/database.ts';
import {
  attachmentsOf,
  type MailboxEntry,
  type MailboxMail,
  toMailboxEntry,
  toMailboxMail,
} from './model.ts';
import { type AttachmentResolver, resolveAttachments } from './outbox.ts';
import * as q from './queries.ts';

// Reads for the mailbox page (development and demo only): the outbox as a person wants to see it.

const MAILBOX_LIMIT = 200;

export type { MailboxAttachment, MailboxEntry, MailboxMail } from './model.ts';

/** The newest mails first. */
export async function mailboxList(db: Executor): Promise<MailboxEntry[]> {
  const rows = await q.recentMails(db, MAILBOX_LIMIT);
  return rows.map(toMailboxEntry);
}

/** One mail, or null when there is none with that id. */
export async function mailboxMail(db: Executor, id: string): Promise<MailboxMail | null> {
  const row = await q.mailById(db, id);
  return row ? toMailboxMail(row) : null;
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
