import { expect } from 'vitest';
import type { OutgoingMail } from '../src/email/outbox.ts';

// Checks on a rendered mail that every mail's tests share.

/** Both bodies contain every text: the HTML with its entities undone. */
export function expectInBoth(mail: OutgoingMail, texts: string[]): void {
  const html = mail.html
    .replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
  for (const text of texts) {
    expect(mail.text, text).toContain(text);
    expect(html, text).toContain(text);
  }
}
