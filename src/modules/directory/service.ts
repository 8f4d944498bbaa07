import type { Kysely } from 'kysely';
import type { DB, Executor } from '../../db/database.ts';
import { writeAudit } from '../../shared/audit.ts';
import type { Lang } from '../../shared/danish.ts';
import type { SignedInAccount } from '../../web/account.ts';
import { actorFor, type Membership } from '../people/service.ts';
import { directoryAttendees, directoryConsentsOf, setDirectoryConsent } from '../registration/service.ts';
import * as series from '../series/service.ts';
import * as q from './queries.ts';
import { mayJoinDirectory, maySeeDirectory } from './rules.ts';

// The member directory's door (issue 11): who of a series' participants chose to be listed (the consent given
// at registration, kept by the registration module), with what they wrote about their work; the person's own
// choices per series on Min side, each change audited (`directory.consent`). The list is shown only to
// members of the same series, never exported and never indexed for search.

export { DIRECTORY_CHOICES_PATH, directoryPath } from './paths.ts';
export { mayJoinDirectory, maySeeDirectory, WORK_ON_MAX } from './rules.ts';
export { DirectorySection } from './views/section.tsx';

export interface DirectoryMember {
  accountId: string;
  name: string;
  jobTitle: string;
  organisation: string;
  /** "What I work on"; empty when they wrote nothing. */
  workOn: string;
}

export interface DirectoryHold {
  seriesId: string;
  slug: string;
  title: string;
  membership: Membership;
}

/** The series (public) and the person's membership; null: none, a draft, or nothing to do with it. */
export async function directoryHold(
  db: Executor,
  account: SignedInAccount,
  slug: string,
  lang: Lang,
  now: Date,
): Promise<DirectoryHold | null> {
  const actor = await actorFor(db, account, now);
  const membership = actor.memberships.find((m) => m.seriesSlug === slug);
  if (!membership) return null;
  const heading = await series.seriesHeading(db, membership.seriesId, lang);
  if (!heading || !series.isPublic(heading.status)) return null;
  return { seriesId: heading.id, slug, title: heading.titleWithYear, membership };
}

/** The directory of a series for someone who may see it (null otherwise): the participants who consented. */
export async function directoryOf(db: Executor, hold: DirectoryHold): Promise<DirectoryMember[] | null> {
  if (!maySeeDirectory(hold.membership)) return null;
  const listed = await directoryAttendees(db, hold.seriesId);
  const texts = new Map(
    (
      await q.entriesOfSeries(
        db,
        hold.seriesId,
        listed.map((l) => l.accountId),
      )
    ).map((e) => [e.account_id, e.work_on]),
  );
  return listed.map((l) => ({ ...l, workOn: texts.get(l.accountId) ?? '' }));
}

/** One series on the person's directory page: whether they are listed and what they wrote. */
export interface DirectoryChoice {
  seriesId: string;
  slug: string;
  title: string;
  consent: boolean;
  workOn: string;
}

/** Every public series the person is a participant of, with their current choice. */
export async function myDirectoryChoices(
  db: Executor,
  account: SignedInAccount,
  lang: Lang,
  now: Date,
): Promise<DirectoryChoice[]> {
  const [actor, consents, entries] = await Promise.all([
    actorFor(db, account, now),
    directoryConsentsOf(db, account.id),
    q.entriesOfAccount(db, account.id),
  ]);
  const joinable = actor.memberships.filter((m) => mayJoinDirectory(m));
  const headings = new Map(
    (
      await series.seriesHeadings(
        db,
        lang,
        joinable.map((m) => m.seriesId),
      )
    ).map((h) => [h.id, h]),
  );
  const texts = new Map(entries.map((e) => [e.series_id, e.work_on]));
  return joinable.flatMap((m) => {
    const h = headings.get(m.seriesId);
    if (!h || !series.isPublic(h.status)) return [];
    return [
      {
        seriesId: m.seriesId,
        slug: h.slug,
        title: h.titleWithYear,
        consent: consents.find((c) => c.seriesId === m.seriesId)?.consent ?? false,
        workOn: texts.get(m.seriesId) ?? '',
      },
    ];
  });
}

/**
 * Saves the person's choices, one transaction: the consent on each registration (given or withdrawn — the
 * directory shows the change on its next request) and the "what I work on" text. A change of consent is
 * audited `directory.consent` (before/after); the text itself never reaches the audit, only that it changed.
 * Series the person is not a participant of are ignored. Returns how many series changed.
 */
export async function saveDirectoryChoices(
  db: Kysely<DB>,
  account: SignedInAccount,
  choices: readonly { seriesId: string; consent: boolean; workOn: string }[],
  now: Date,
): Promise<number> {
  const at = now.toISOString();
  return db.transaction().execute(async (tx) => {
    const texts = new Map((await q.entriesOfAccount(tx, account.id)).map((e) => [e.series_id, e.work_on]));
    let changed = 0;
    for (const c of choices) {
      const outcome = await setDirectoryConsent(
        tx,
        { accountId: account.id, seriesId: c.seriesId, consent: c.consent },
        now,
      );
      if (!outcome) continue;
      const textBefore = texts.get(c.seriesId) ?? '';
      const textChanged = textBefore !== c.workOn;
      if (textChanged)
        await q.saveEntry(tx, {
          account_id: account.id,
          series_id: c.seriesId,
          work_on: c.workOn,
          updated_at: at,
        });
      if (outcome.before === c.consent && !textChanged) continue;
      changed += 1;
      await writeAudit(tx, {
        actor: { accountId: account.id, label: account.email },
        action: 'directory.consent',
        entity: 'series',
        entityId: c.seriesId,
        before: { consent: outcome.before, work_on_written: textBefore !== '' },
        after: { consent: c.consent, work_on_written: c.workOn !== '', work_on_changed: textChanged },
        at: now,
      });
    }
    return changed;
  });
}

/** For the demo and tests: a person's "what I work on" in a series, in the caller's transaction. */
export async function setWorkOn(
  tx: Executor,
  input: { accountId: string; seriesId: string; workOn: string },
  now: Date,
) {
  await q.saveEntry(tx, {
    account_id: input.accountId,
    series_id: input.seriesId,
    work_on: input.workOn,
    updated_at: now.toISOString(),
  });
}
