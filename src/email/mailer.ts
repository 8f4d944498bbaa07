import { createTransport, type SendMailOptions } from 'nodemailer';
import type { Config } from '../config.ts';
import type { Attachment } from './outbox.ts';

// Hands one mail to the outside world. The worker (worker.ts) decides when; the mailer only delivers.

export interface MailMessage {
  /** `<outbox-row-id@domain>`: the same on every delivery of one outbox row (rules.ts messageIdFor). */
  messageId: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments: Attachment[];
}

export interface Mailer {
  /** `smtp`: delivered through SMTP_URL. `memory`: accepted and dropped; the outbox row is the record. */
  readonly kind: 'smtp' | 'memory';
  /** How many mails it can usefully have in flight at once: the SMTP pool's connections. */
  readonly concurrency: number;
  /** Resolves only when the SMTP server has accepted the message; rejects otherwise. */
  send(mail: MailMessage): Promise<void>;
  /** Closes pooled connections (on shutdown). */
  close(): void;
}

/**
 * The timeouts keep one delivery well inside the worker's lease (worker.ts), so a slow server never lets
 * another worker claim a mail that is still being sent.
 */
const SMTP_TIMEOUTS = { connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 30_000 };

/** SMTP through nodemailer when `smtpUrl` is set (a pool of SMTP_POOL_SIZE connections); otherwise memory. */
export function createMailer(config: Pick<Config, 'smtpUrl' | 'smtpPoolSize'>): Mailer {
  return config.smtpUrl ? smtpMailer(config.smtpUrl, { poolSize: config.smtpPoolSize }) : memoryMailer();
}

/**
 * SMTP through nodemailer. With `poolSize` it keeps that many connections open and sends over them in
 * parallel (the worker keeps that many mails in flight); without it, one new connection per mail.
 */
export function smtpMailer(url: string, options: { poolSize?: number } = {}): Mailer {
  const { poolSize } = options;
  const transport =
    poolSize === undefined
      ? createTransport({ url, ...SMTP_TIMEOUTS })
      : createTransport({ url, ...SMTP_TIMEOUTS, pool: true, maxConnections: poolSize });
  return {
    kind: 'smtp',
    concurrency: poolSize ?? 1,
    close: () => transport.close(),
    async send(mail) {
      const info = await transport.sendMail(nodemailerMessage(mail));
      // With one recipient a refusal already rejects the promise; this guards against a partial accept.
      if (info.rejected.length > 0) throw new Error(`recipient refused (${info.response ?? 'no response'})`);
    },
  };
}

/**
 * The message as nodemailer takes it. The first attachment marked `calendarPart` becomes the iMIP part
 * (nodemailer's `icalEvent`: an inline `text/calendar; method=…` alternative beside the text and HTML);
 * everything else is an ordinary attachment.
 */
export function nodemailerMessage(mail: MailMessage): SendMailOptions {
  const calendar = mail.attachments.find((a) => a.calendarPart);
  const method = calendar ? /method=([A-Za-z-]+)/i.exec(calendar.contentType)?.[1] : undefined;
  return {
    messageId: mail.messageId,
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    ...(calendar
      ? {
          icalEvent: {
            method: method ?? 'PUBLISH',
            filename: calendar.filename,
            content: Buffer.from(calendar.content, 'base64'),
          },
        }
      : {}),
    attachments: mail.attachments
      .filter((a) => a !== calendar)
      .map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: a.content,
        encoding: 'base64',
      })),
  };
}

/** Development and demo: nothing leaves the machine; the mailbox page shows the outbox instead. */
export function memoryMailer(): Mailer {
  return {
    kind: 'memory',
    concurrency: 1,
    close() {},
    async send() {},
  };
}
