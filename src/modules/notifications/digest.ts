import type { Kysely } from 'kysely';
import type { DB } from '../../db/database.ts';
import { enqueueMail } from '../../email/outbox.ts';
import { accountsByIds } from '../auth/service.ts';
import { siteInfo } from '../series/service.ts';
import { absolute, choiceLink } from './links.ts';
import { digestMail, type MailItem } from './mail.ts';
import * as q from './queries.ts';
import { DEFAULT_DIGEST_HOUR, digestDayDue } from './rules.ts';
import type { NotificationKind } from './table.ts';
import { choiceSigner } from './token.ts';

// The daily digest. From the digest hour on (Copenhagen wall clock), each person with digest notifications
// not yet mailed gets one mail listing them, once per Copenhagen day however many instances run the job: the
// claim of (account, day) is a row with that primary key, inserted (on conflict do nothing) in the same
// transaction that queues the mail and marks the notifications mailed. The claim comes first, so of two
// instances one takes the row and the other, waiting on it, finds it taken and moves on; the outbox then
// delivers the mail at least once.

/** Accounts read per page of the job. */
const PAGE = 200;

/**
 * At most this many notifications are listed in one digest (the newest; the mail says how many more wait on
 * the platform): a busy dilemma can tell one person of thousands of comments in a day, and a mail of all of
 * them would take the instance seconds to render (found by bench/community.ts).
 */
export const DIGEST_MAX_ITEMS = 50;

class NothingToSend extends Error {}

/** The job: queues today's digests that are due and not yet queued; returns how many mails it queued. */
export async function queueDigests(
  db: Kysely<DB>,
  now: Date,
  config: { digestHour?: number } = {},
): Promise<number> {
  const day = digestDayDue(now, config.digestHour ?? DEFAULT_DIGEST_HOUR);
  if (day === null) return 0;
  const at = now.toISOString();
  const [site, sign] = await Promise.all([siteInfo(db), choiceSigner(db)]);
  const signature = { name: site?.name ?? 'Holdet', email: site?.email ?? '' };
  let queued = 0;
  let after: string | null = null;
  for (;;) {
    const page: string[] = (await q.accountsWithPending(db, { before: at, day, after }, PAGE)).map(
      (r) => r.account_id,
    );
    if (page.length === 0) break;
    after = page[page.length - 1] ?? null;
    const emails = new Map((await accountsByIds(db, page)).map((a) => [a.id, a.email]));
    for (const accountId of page) {
      const to = emails.get(accountId);
      if (!to) continue;
      try {
        const sent = await db.transaction().execute(async (tx) => {
          if (!(await q.claimDigest(tx, { account_id: accountId, day, created_at: at }))) return false;
          const pending = await q.pendingOf(tx, accountId, at, DIGEST_MAX_ITEMS);
          // Sent by another instance since the page was read: give the claim back (roll back).
          if (pending.length === 0) throw new NothingToSend();
          const items: MailItem[] = pending.map((n) => ({
            kind: n.kind,
            subject: { da: n.subject_da, en: n.subject_en },
            text: { da: n.text_da, en: n.text_en },
            url: absolute(n.path),
          }));
          const links = new Map<NotificationKind, string>();
          for (const item of items)
            if (!links.has(item.kind)) links.set(item.kind, choiceLink(sign(accountId, item.kind, now)));
          // Every waiting one is mailed with this digest: listed, or counted among the `more`.
          const all = await q.markPendingMailed(tx, accountId, at, at);
          const outboxId = await enqueueMail(
            tx,
            digestMail({ to, items, more: all - items.length, changeLinks: links, site: signature }),
            now,
          );
          await q.recordDigest(tx, { account_id: accountId, day }, outboxId, all);
          return true;
        });
        if (sent) queued++;
      } catch (error) {
        if (!(error instanceof NothingToSend)) throw error;
      }
    }
    if (page.length < PAGE) break;
  }
  return queued;
}
