import type { OutgoingMail } from '../../email/outbox.ts';
import { renderMail } from '../../email/render.tsx';
import type { Lang } from '../../shared/danish.ts';
import { peopleMessages } from './messages.ts';
import { INVITATION_DAYS } from './rules.ts';

export const INVITATION_MAIL_KIND = 'people.invitation';
export const INVITATION_PATH = '/invitation';

export function invitationLink(baseUrl: string, token: string): string {
  return `${baseUrl}${INVITATION_PATH}/${token}`;
}

/** The invitation: the roles offered and a link to the page with the accept button. The subject names no one. */
export function invitationMail(input: {
  lang: Lang;
  to: string;
  link: string;
  roles: string[];
  site: { name: string; email: string };
}): OutgoingMail {
  const m = peopleMessages(input.lang);
  const subject = m['people.mail.subject'](input.site.name);
  const { text, html } = renderMail({
    lang: input.lang,
    heading: subject,
    blocks: [
      { kind: 'p', text: m['people.mail.intro'](input.site.name) },
      { kind: 'list', items: input.roles },
      { kind: 'action', label: m['people.mail.button'], url: input.link },
      { kind: 'p', text: m['people.mail.expiry'](INVITATION_DAYS) },
      { kind: 'p', text: m['people.mail.notYou'] },
    ],
    signature: [input.site.name, input.site.email].filter((line) => line !== ''),
  });
  // The person may be waiting at the organiser's side for it, as for a sign-in mail.
  return { kind: INVITATION_MAIL_KIND, to: input.to, subject, text, html, priority: 'urgent' };
}
