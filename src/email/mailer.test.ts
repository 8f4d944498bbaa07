import { createTransport } from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { nodemailerMessage } from './mailer.ts';

// What reaches the SMTP server: a change mail's calendar file as the iMIP part (an inline text/calendar
// alternative with its METHOD), which Outlook and Gmail read as a meeting update; other files as attachments.

const ics = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n';
const base = {
  messageId: '<1@holdet.local>',
  from: 'Holdet <noreply@holdet.local>',
  to: 'ane@example.dk',
  subject: 'Ændring',
  text: 'Tekst',
  html: '<p>Tekst</p>',
};

async function mime(mail: Parameters<typeof nodemailerMessage>[0]): Promise<string> {
  const transport = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const info = await transport.sendMail(nodemailerMessage(mail));
  return (info.message as Buffer).toString('utf8');
}

describe('the message handed to nodemailer', () => {
  it('sends a calendar part as the inline text/calendar alternative with its method', async () => {
    const raw = await mime({
      ...base,
      attachments: [
        {
          filename: 'session-2.ics',
          contentType: 'text/calendar; charset=utf-8; method=REQUEST',
          content: Buffer.from(ics).toString('base64'),
          calendarPart: true,
        },
      ],
    });
    expect(raw).toMatch(/Content-Type: multipart\/alternative/);
    expect(raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/);
    // The part is quoted-printable: its lines stay readable.
    expect(raw).toContain('METHOD:REQUEST');
    // nodemailer adds the same file as an application/ics attachment, for clients that only show files.
    expect(raw).toMatch(/Content-Disposition: attachment; filename=session-2\.ics/);
  });

  it('keeps files without the mark (the confirmation has one per session) as attachments', async () => {
    const message = nodemailerMessage({
      ...base,
      attachments: [
        { filename: 'session-1.ics', contentType: 'text/calendar; method=REQUEST', content: 'QQ==' },
        { filename: 'session-2.ics', contentType: 'text/calendar; method=REQUEST', content: 'Qg==' },
      ],
    });
    expect(message.icalEvent).toBeUndefined();
    expect((message.attachments ?? []).map((a) => a.filename)).toEqual(['session-1.ics', 'session-2.ics']);
  });

  it('takes the method from the part for a cancellation, and the part out of the attachments', () => {
    const message = nodemailerMessage({
      ...base,
      attachments: [
        {
          filename: 'session-4.ics',
          contentType: 'text/calendar; charset=utf-8; method=CANCEL',
          content: 'QQ==',
          calendarPart: true,
        },
      ],
    });
    expect(message.icalEvent).toMatchObject({ method: 'CANCEL', filename: 'session-4.ics' });
    expect(message.attachments).toEqual([]);
  });
});
