import type { Executor } from '../db/database.ts';
import { newId } from '../shared/ids.ts';
import { type MailPriority, PRIORITY } from './table.ts';

export interface Attachment {
  filename: string;
  contentType: string;
  /** Base64. */
  content: string;
  /**
   * A calendar file (text/calendar with a METHOD) sent as the message's iMIP part (RFC 6047): an inline
   * `text/calendar; method=…` alternative, which Outlook and Gmail treat as a meeting update rather than a
   * file to open. At most one per mail; the others stay ordinary attachments.
   */
  calendarPart?: true;
}

/**
 * An attachment made when the mail is sent rather than when it is written: an invoice PDF is rendered from
 * the stored document by the worker, so the transaction that issues it stays short and the outbox small.
 */
export interface AttachmentSource {
  kind: string;
  id: string;
}

/** As the outbox keeps it: the content (base64), or the source it is made from when the mail is sent. */
export interface StoredAttachment {
  filename: string;
  contentType: string;
  content?: string;
  source?: AttachmentSource;
  calendarPart?: true;
}

/** Makes the content of an attachment from its source; rejects for a source it does not know. */
export type AttachmentResolver = (source: AttachmentSource) => Promise<Buffer>;

/** Every attachment with its content, resolving those that are made at send time. */
export async function resolveAttachments(
  attachments: readonly StoredAttachment[],
  resolve: AttachmentResolver | undefined,
): Promise<Attachment[]> {
  return Promise.all(
    attachments.map(async (a) => {
      if (a.content !== undefined)
        return {
          filename: a.filename,
          contentType: a.contentType,
          content: a.content,
          ...(a.calendarPart ? { calendarPart: true as const } : {}),
        };
      if (!a.source) throw new Error(`attachment ${a.filename} has neither content nor source`);
      if (!resolve) throw new Error(`no resolver for attachment source ${a.source.kind}`);
      const content = await resolve(a.source);
      return { filename: a.filename, contentType: a.contentType, content: content.toString('base64') };
    }),
  );
}

export interface OutgoingMail {
  kind: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: StoredAttachment[];
  /**
   * `urgent`: a person is waiting for this mail right now (sign-in, registration confirmation); it is sent
   * before every normal mail that waits, oldest urgent first. Default `normal`.
   */
  priority?: MailPriority;
}

/** The outbox row of a mail, queued now. */
function outboxRow(mail: OutgoingMail, at: string) {
  const attachments = mail.attachments ?? [];
  return {
    id: newId(),
    kind: mail.kind,
    to_address: mail.to,
    subject: mail.subject,
    text_body: mail.text,
    html_body: mail.html,
    attachments: JSON.stringify(attachments),
    priority: PRIORITY[mail.priority ?? 'normal'],
    renders: attachments.some((a) => a.content === undefined) ? 1 : 0,
    body_erased_at: null,
    status: 'pending' as const,
    attempts: 0,
    next_attempt_at: at,
    locked_until: null,
    sent_at: null,
    last_error: null,
    occasion: null as string | null,
    created_at: at,
  };
}

/**
 * Writes a mail into the outbox. Call it with the transaction that makes the change the mail tells about:
 * the mail exists exactly when the change does.
 */
export async function enqueueMail(db: Executor, mail: OutgoingMail, now: Date): Promise<string> {
  const row = outboxRow(mail, now.toISOString());
  await db.insertInto('outbox').values(row).execute();
  return row.id;
}

/**
 * Queues a scheduled mail once per occasion (a key such as `reminder:<session>:<person>`): the outbox's unique
 * `occasion` makes a second call — from another instance, after a restart, in a retried round — a no-op, on
 * both engines, without a lock. Returns whether this call queued it. Call it in the transaction that records
 * whatever else the occasion changes; delivery is then at least once, as for every mail (the worker).
 */
export async function enqueueOnce(
  db: Executor,
  occasion: string,
  mail: OutgoingMail,
  now: Date,
): Promise<boolean> {
  const row = { ...outboxRow(mail, now.toISOString()), occasion };
  const result = await db
    .insertInto('outbox')
    .values(row)
    .onConflict((oc) => oc.column('occasion').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Mails written in one statement (a registration group's), with the same guarantee as enqueueMail. */
export async function enqueueMails(db: Executor, mails: readonly OutgoingMail[], now: Date): Promise<void> {
  const at = now.toISOString();
  // At most 100 rows (about 1,600 values) per statement: within every engine's limit on bound values.
  for (let i = 0; i < mails.length; i += 100) {
    await db
      .insertInto('outbox')
      .values(mails.slice(i, i + 100).map((m) => outboxRow(m, at)))
      .execute();
  }
}
