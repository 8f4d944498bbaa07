import type { OutgoingMail } from '../../email/outbox.ts';
import { type MailBlock, renderMail } from '../../email/render.tsx';
import { notificationsMessages } from './messages.ts';
import type { NotificationKind } from './table.ts';

// The mails of notifications: one at once, or the day's digest. Danish first, then the same in English. The
// subject names only the kind (the outbox keeps subjects after the bodies are erased, so no name goes there).
// Every mail ends with a signed link per kind it tells of, to change that choice without signing in.

export const NOW_MAIL_KIND = 'notifications.now';
export const DIGEST_MAIL_KIND = 'notifications.digest';

export interface MailItem {
  kind: NotificationKind;
  subject: { da: string; en: string };
  text: { da: string; en: string };
  /** Absolute. */
  url: string;
}

const da = notificationsMessages('da');
const en = notificationsMessages('en');
const kindDa = (k: NotificationKind) => da[`notifications.kind.${k}`];
const kindEn = (k: NotificationKind) => en[`notifications.kind.${k}`];

function changeBlocks(links: ReadonlyMap<NotificationKind, string>): MailBlock[] {
  return [...links].flatMap(([kind, url]): MailBlock[] => [
    { kind: 'action', label: da['notifications.mail.change'](kindDa(kind)), url },
    { kind: 'p', text: `(${en['notifications.mail.change'](kindEn(kind))})` },
  ]);
}

/** One notification, mailed at once. `changeLink`: the signed link for its kind. */
export function nowMail(input: {
  to: string;
  item: MailItem;
  changeLink: string;
  site: { name: string; email: string };
}): OutgoingMail {
  const { item } = input;
  const subject = da['notifications.mail.subject'](kindDa(item.kind).toLowerCase());
  const { text, html } = renderMail({
    lang: 'da',
    heading: item.subject.da,
    blocks: [
      ...item.text.da.split('\n').map((t): MailBlock => ({ kind: 'p', text: t })),
      { kind: 'action', label: da['notifications.mail.open'], url: item.url },
      { kind: 'p', text: `${da['notifications.mail.inEnglish']}: ${item.subject.en}` },
      ...item.text.en.split('\n').map((t): MailBlock => ({ kind: 'p', text: t })),
      { kind: 'p', text: da['notifications.mail.why'] },
      ...changeBlocks(new Map([[item.kind, input.changeLink]])),
    ],
    signature: [input.site.name, input.site.email].filter((line) => line !== ''),
  });
  return { kind: NOW_MAIL_KIND, to: input.to, subject, text, html };
}

/**
 * The day's digest: one person's pending notifications, oldest first; `more` waited besides them (the mail
 * lists the newest DIGEST_MAX_ITEMS and says how many more are on the platform).
 */
export function digestMail(input: {
  to: string;
  items: readonly MailItem[];
  more?: number;
  changeLinks: ReadonlyMap<NotificationKind, string>;
  site: { name: string; email: string };
}): OutgoingMail {
  const subject = da['notifications.mail.digestSubject'];
  const more = input.more ?? 0;
  const total = input.items.length + more;
  const blocks: MailBlock[] = [{ kind: 'p', text: da['notifications.mail.digestIntro'](total) }];
  if (more > 0)
    blocks.push({ kind: 'p', text: da['notifications.mail.digestMore'](input.items.length, more) });
  for (const item of input.items) {
    blocks.push(
      { kind: 'p', text: `${kindDa(item.kind)}: ${item.subject.da}` },
      ...item.text.da.split('\n').map((t): MailBlock => ({ kind: 'p', text: t })),
      { kind: 'action', label: da['notifications.mail.open'], url: item.url },
    );
  }
  blocks.push({
    kind: 'p',
    text: `${da['notifications.mail.inEnglish']}: ${en['notifications.mail.digestIntro'](total)}`,
  });
  if (more > 0)
    blocks.push({ kind: 'p', text: en['notifications.mail.digestMore'](input.items.length, more) });
  blocks.push({
    kind: 'list',
    items: input.items.map((i) => `${kindEn(i.kind)}: ${i.subject.en} – ${i.url}`),
  });
  blocks.push({ kind: 'p', text: da['notifications.mail.why'] }, ...changeBlocks(input.changeLinks));
  const { text, html } = renderMail({
    lang: 'da',
    heading: subject,
    blocks,
    signature: [input.site.name, input.site.email].filter((line) => line !== ''),
  });
  return { kind: DIGEST_MAIL_KIND, to: input.to, subject, text, html };
}
