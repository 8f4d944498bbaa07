import type { Insertable, Kysely } from 'kysely';
import type { DB, Executor } from '../../db/database.ts';
import { enqueueMails, type OutgoingMail } from '../../email/outbox.ts';
import { type Actor, writeAudit } from '../../shared/audit.ts';
import type { Lang } from '../../shared/danish.ts';
import { newId } from '../../shared/ids.ts';
import { accountById, accountsByIds } from '../auth/service.ts';
import { siteInfo } from '../series/service.ts';
import { absolute, choiceLink } from './links.ts';
import { nowMail } from './mail.ts';
import * as q from './queries.ts';
import { choiceFor, DEFAULT_CHOICES } from './rules.ts';
import {
  NOTIFICATION_KINDS,
  type NotificationChoice,
  type NotificationKind,
  type NotificationTable,
} from './table.ts';
import { checkChoiceToken, choiceSigner } from './token.ts';

export { queueDigests } from './digest.ts';
export { configureNotificationLinks } from './links.ts';
export { CHOICE_LINK_DAYS, DEFAULT_CHOICES } from './rules.ts';
export {
  NOTIFICATION_CHOICES,
  NOTIFICATION_KINDS,
  type NotificationChoice,
  type NotificationKind,
} from './table.ts';
export { choiceToken } from './token.ts';

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

// ——— The person's own choices and list (Min side → Varsler, and the link in mails) ———

/** Each kind's choice in force and whether it is the default (nothing chosen). */
export type Choices = Record<NotificationKind, { choice: NotificationChoice; chosen: boolean }>;

export async function choicesOf(db: Executor, accountId: string): Promise<Choices> {
  const own = new Map((await q.choicesOf(db, [accountId])).map((c) => [c.kind, c.choice]));
  return Object.fromEntries(
    NOTIFICATION_KINDS.map((k) => [k, { choice: own.get(k) ?? DEFAULT_CHOICES[k], chosen: own.has(k) }]),
  ) as Choices;
}

/**
 * Saves the given choices, each that changes audited (`notifications.choice`: the kind, before and after; no
 * token). Moving a kind away from the digest takes its pending digest notifications out of tomorrow's mail
 * (they stay on the platform). In the caller's transaction. Returns the kinds that changed.
 */
export async function saveChoices(
  tx: Executor,
  accountId: string,
  changes: Partial<Record<NotificationKind, NotificationChoice>>,
  actor: Actor,
  now: Date,
  via: 'settings' | 'mail-link',
): Promise<NotificationKind[]> {
  const before = await choicesOf(tx, accountId);
  const changed: NotificationKind[] = [];
  const at = now.toISOString();
  for (const kind of NOTIFICATION_KINDS) {
    const choice = changes[kind];
    if (!choice) continue;
    const was = before[kind];
    if (was.chosen && was.choice === choice) continue;
    await q.saveChoice(tx, { account_id: accountId, kind, choice, updated_at: at });
    if (choice !== 'digest') await q.withdrawFromDigest(tx, accountId, kind);
    if (was.choice === choice) continue;
    changed.push(kind);
    await writeAudit(tx, {
      actor,
      action: 'notifications.choice',
      entity: 'account',
      entityId: accountId,
      before: { kind, choice: was.choice, default: !was.chosen },
      after: { kind, choice, via },
      at: now,
    });
  }
  return changed;
}

/** One of the person's notifications, as their list shows it. */
export interface NotificationView {
  id: string;
  kind: NotificationKind;
  subject: string;
  text: string;
  path: string;
  createdAt: string;
  unread: boolean;
}

/** How many of the newest the list shows. */
export const RECENT_LIMIT = 50;

/** The person's newest notifications, newest first (one query). */
export async function recentNotifications(
  db: Executor,
  accountId: string,
  lang: Lang,
  limit = RECENT_LIMIT,
): Promise<NotificationView[]> {
  return (await q.recentOf(db, accountId, limit)).map((n) => ({
    id: n.id,
    kind: n.kind,
    subject: lang === 'en' ? n.subject_en : n.subject_da,
    text: lang === 'en' ? n.text_en : n.text_da,
    path: n.path,
    createdAt: n.created_at,
    unread: n.read_at === null,
  }));
}

/** Marks these notifications of the person read (those already read keep their time). */
export async function markRead(
  db: Executor,
  accountId: string,
  ids: readonly string[],
  now: Date,
): Promise<void> {
  await q.markRead(db, accountId, ids, now.toISOString());
}

/** How many notifications the person has not opened their list since. */
export function unreadCount(db: Executor, accountId: string): Promise<number> {
  return q.unreadCount(db, accountId);
}

/** What a choice link names, when it holds: the account, the kind and the choice in force. */
export type LinkedChoice =
  | { ok: true; accountId: string; email: string; kind: NotificationKind; choice: NotificationChoice }
  | { ok: false; reason: 'invalid' | 'expired' };

export async function linkedChoice(db: Executor, token: string, now: Date): Promise<LinkedChoice> {
  const check = await checkChoiceToken(db, token, now);
  if (!check.ok) return check;
  const account = await accountById(db, check.claim.accountId);
  if (!account) return { ok: false, reason: 'invalid' };
  const choices = await choicesOf(db, account.id);
  return {
    ok: true,
    accountId: account.id,
    email: account.email,
    kind: check.claim.kind,
    choice: choices[check.claim.kind].choice,
  };
}

/** The POST behind a choice link: checks the token again and saves the one choice it names (audited). */
export async function changeLinkedChoice(
  db: Kysely<DB>,
  token: string,
  choice: NotificationChoice,
  now: Date,
): Promise<LinkedChoice> {
  return db.transaction().execute(async (tx) => {
    const linked = await linkedChoice(tx, token, now);
    if (!linked.ok) return linked;
    await saveChoices(
      tx,
      linked.accountId,
      { [linked.kind]: choice },
      { accountId: linked.accountId, label: linked.email },
      now,
      'mail-link',
    );
    return { ...linked, choice };
  });
}
