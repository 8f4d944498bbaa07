import type { OutgoingMail } from '../../email/outbox.ts';
import { renderMail } from '../../email/render.tsx';
import type { Lang } from '../../shared/danish.ts';
import { messages } from '../../web/i18n.ts';
import { LOGIN_TOKEN_MINUTES } from './rules.ts';

export const SIGN_IN_MAIL_KIND = 'auth.sign-in';

/** The sign-in mail: a link to a page with a "Log ind" button, and the same sign-in as a 6-digit code. */
export function signInMail(input: {
  lang: Lang;
  to: string;
  link: string;
  code: string;
  site: { name: string; email: string };
}): OutgoingMail {
  const m = messages(input.lang);
  const subject = m['auth.mail.subject'](input.site.name);
  const { text, html } = renderMail({
    lang: input.lang,
    heading: subject,
    blocks: [
      { kind: 'p', text: m['auth.mail.intro'] },
      { kind: 'action', label: m['auth.mail.button'], url: input.link },
      { kind: 'code', label: m['auth.mail.codeLabel'], code: input.code },
      { kind: 'p', text: m['auth.mail.expiry'](LOGIN_TOKEN_MINUTES) },
      { kind: 'p', text: m['auth.mail.notYou'] },
    ],
    signature: [input.site.name, input.site.email].filter((line) => line !== ''),
  });
  // The person waits at the sign-in page for it: before every normal mail in the outbox.
  return { kind: SIGN_IN_MAIL_KIND, to: input.to, subject, text, html, priority: 'urgent' };
}
