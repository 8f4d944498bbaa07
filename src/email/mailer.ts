import { createTransport } from 'nodemailer';
import type { Config } from '../config.ts';
import type { Attachment } from './outbox.ts';

// Hands one mail to the outside world. The worker (worker.ts) decides when; the mailer only delivers.

export interface MailMessage {
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
  /** Resolves only when the SMTP server has accepted the message; rejects otherwise. */
  send(mail: MailMessage): Promise<void>;
}

/**
 * The timeouts keep one delivery well inside the worker's lease (worker.ts), so a slow server never lets
 * another worker claim a mail that is still being sent.
 */
const SMTP_TIMEOUTS = { connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 30_000 };

/** SMTP through nodemailer when `smtpUrl` is set; otherwise a mailer that accepts every mail. */
export function createMailer(config: Pick<Config, 'smtpUrl'>): Mailer {
  return config.smtpUrl ? smtpMailer(config.smtpUrl) : memoryMailer();
}

export function smtpMailer(url: string): Mailer {
  const transport = createTransport({ url, ...SMTP_TIMEOUTS });
  return {
    kind: 'smtp',
    async send(mail) {
      const info = await transport.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        attachments: mail.attachments.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: a.content,
          encoding: 'base64',
        })),
      });
      // With one recipient a refusal already rejects the promise; this guards against a partial accept.
      if (info.rejected.length > 0) throw new Error(`recipient refused (${info.response ?? 'no response'})`);
    },
  };
}

/** Development and demo: nothing leaves the machine; the mailbox page shows the outbox instead. */
export function memoryMailer(): Mailer {
  return {
    kind: 'memory',
    async send() {},
  };
}
