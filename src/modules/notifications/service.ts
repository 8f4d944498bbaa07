import type { Insertable } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { enqueueMails, type OutgoingMail } from '../../email/outbox.ts';
import { newId } from '../../shared/ids.ts';
import { accountsByIds } from '../auth/service.ts';
import { siteInfo } from '../series/service.ts';
import { absolute, choiceLink } from './links.ts';
import { nowMail } from './mail.ts';
import * as q from './queries.ts';
import { choiceFor } from './rules.ts';
import type { NotificationChoice, NotificationKind, NotificationTable } from './table.ts';
import { choiceSigner } from './token.ts';

export { configureNotificationLinks } from './links.ts';
export { DEFAULT_CHOICES } from './rules.ts';
export {
  NOTIFICATION_CHOICES,
  NOTIFICATION_KINDS,
  type NotificationChoice,
  type NotificationKind,
} from './table.ts';

// The notifications module's only door: other modules tell people of what happened with `notify`, in the
// transaction of the change; each person's choice per kind decides whether it is mailed at once (through the
// outbox), gathered in the daily digest (digest.ts), or only shown on the platform (Min side → Varsler).

export interface NotificationInput {
  /** Who is told. */
  accountId: string;
  kind: NotificationKind;
  seriesId: string | null;
  /** One line, both languages; must not name an anonymous author. */
  subject: { da: string; en: string };
  /** A few plain-text lines, both languages (no post bodies beyond a short excerpt; never a CPR). */
  text: { da: string; en: string };
  /** Where on the platform (a path, e.g. /mit-hold/<slug>/spoergsmaal/<id>). */
  path: string;
  /** Dedup key: the same (accountId, key) is stored once (e.g. `answer:<postId>`). */
  key: string;
}

/**
 * In the caller's transaction: stores each notification (once per account and key: a second call with the
 * same key changes nothing and mails nothing); mails those whose person chose `now` at once through the
 * outbox, leaves `digest` ones for the daily digest, and `platform` ones only for the platform. The actor is
 * never told of their own act (callers leave them out). A few statements for any number of items.
 */
export async function notify(tx: Executor, items: readonly NotificationInput[], now: Date): Promise<void> {
  const unique = new Map<string, NotificationInput>();
  for (const item of items) {
    const k = `${item.accountId}\u0000${item.key}`;
    if (!unique.has(k)) unique.set(k, item);
  }
  if (unique.size === 0) return;
  const accountIds = [...new Set([...unique.values()].map((i) => i.accountId))];
  const chosen = new Map<string, Partial<Record<NotificationKind, NotificationChoice>>>();
  for (let i = 0; i < accountIds.length; i += 500) {
    for (const c of await q.choicesOf(tx, accountIds.slice(i, i + 500))) {
      const own = chosen.get(c.account_id) ?? {};
      own[c.kind] = c.choice;
      chosen.set(c.account_id, own);
    }
  }
  const at = now.toISOString();
  const rows: Insertable<NotificationTable>[] = [...unique.values()].map((item) => {
    const delivery = choiceFor(chosen.get(item.accountId) ?? {}, item.kind);
    return {
      id: newId(),
      account_id: item.accountId,
      kind: item.kind,
      series_id: item.seriesId,
      subject_da: item.subject.da,
      subject_en: item.subject.en,
      text_da: item.text.da,
      text_en: item.text.en,
      path: item.path,
      dedup_key: item.key,
      delivery,
      created_at: at,
      mailed_at: delivery === 'now' ? at : null,
      read_at: null,
    };
  });
  const inserted = await q.insertNew(tx, rows);
  const toMail = rows.filter((r) => r.delivery === 'now' && inserted.has(r.id));
  if (toMail.length === 0) return;
  const [accounts, site, sign] = await Promise.all([
    accountsByIds(
      tx,
      toMail.map((r) => r.account_id),
    ),
    siteInfo(tx),
    choiceSigner(tx),
  ]);
  const emails = new Map(accounts.map((a) => [a.id, a.email]));
  const mails: OutgoingMail[] = [];
  for (const r of toMail) {
    const to = emails.get(r.account_id);
    if (!to) continue;
    mails.push(
      nowMail({
        to,
        item: {
          kind: r.kind,
          subject: { da: r.subject_da, en: r.subject_en },
          text: { da: r.text_da, en: r.text_en },
          url: absolute(r.path),
        },
        changeLink: choiceLink(sign(r.account_id, r.kind, now)),
        site: { name: site?.name ?? 'Holdet', email: site?.email ?? '' },
      }),
    );
  }
  await enqueueMails(tx, mails, now);
}
