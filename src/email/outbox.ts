import type { Executor } from '../db/database.ts';
import { newId } from '../shared/ids.ts';

export interface Attachment {
  filename: string;
  contentType: string;
  /** Base64. */
  content: string;
}

export interface OutgoingMail {
  kind: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: Attachment[];
}

/**
 * Writes a mail into the outbox. Call it with the transaction that makes the change the mail tells about:
 * the mail exists exactly when the change does.
 */
export async function enqueueMail(db: Executor, mail: OutgoingMail, now: Date): Promise<string> {
  const id = newId();
  const at = now.toISOString();
  await db
    .insertInto('outbox')
    .values({
      id,
      kind: mail.kind,
      to_address: mail.to,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html,
      attachments: JSON.stringify(mail.attachments ?? []),
      status: 'pending',
      attempts: 0,
      next_attempt_at: at,
      locked_until: null,
      sent_at: null,
      last_error: null,
      created_at: at,
    })
    .execute();
  return id;
}
