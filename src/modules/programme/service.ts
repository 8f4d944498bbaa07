import type { Database, Executor, Tx } from '../../db/database.ts';
import { lockSeries } from '../../db/lock.ts';
import { enqueueMails, type OutgoingMail } from '../../email/outbox.ts';
import type { Actor } from '../../shared/audit.ts';
import type { Clock } from '../../shared/clock.ts';
import type { Lang } from '../../shared/danish.ts';
import { messages } from '../../web/i18n.ts';
import { accountById } from '../auth/service.ts';
import { moveCastRole, sessionCast } from '../people/service.ts';
import { confirmedAttendees } from '../registration/service.ts';
import * as series from '../series/service.ts';
import {
  type SessionMailContext,
  sessionAddedMail,
  sessionCancelledMail,
  sessionChangedMail,
  sessionExpertMail,
  sessionPublishedMail,
} from './emails.ts';

// The programme's changes as one action each: the session is saved under the series lock, its calendar
// SEQUENCE rises (series module), and in the same transaction every person affected — the participants, the
// session's substitutes, its expert, the series' facilitator — gets one mail with a calendar file that moves
// or cancels their entry (same UID). Either all of it happens or none of it.

export interface ProgrammeDeps {
  database: Database;
  clock: Clock;
  /** The site's address, for links in the mails. */
  baseUrl: string;
}

export type SessionOutcome =
  | {
      kind: 'saved';
      session: series.SessionForEditing;
      /** How many were mailed; null when nothing that moves a calendar entry changed. */
      told: number | null;
    }
  | { kind: 'not-found' }
  | { kind: 'cancelled' };

/** Runs `work` in a transaction that holds the lock of the session's series. Null: no such session. */
async function underSeriesLock<T>(
  deps: ProgrammeDeps,
  sessionId: string,
  work: (tx: Tx, session: series.SessionForEditing) => Promise<T>,
): Promise<T | null> {
  const { db, dialect } = deps.database;
  return db.transaction().execute(async (tx) => {
    const first = await series.sessionForEditing(tx, sessionId);
    if (!first) return null;
    await lockSeries(tx, dialect, first.seriesId);
    // Read again under the lock: another organiser may have changed it in between.
    const session = await series.sessionForEditing(tx, sessionId);
    return session ? work(tx, session) : null;
  });
}

/** Saves a session's fields; a change to its time, place or mode tells everyone affected. */
export async function saveSession(
  deps: ProgrammeDeps,
  sessionId: string,
  fields: series.SessionFields,
  actor: Actor,
): Promise<SessionOutcome> {
  const now = deps.clock.now();
  const outcome = await underSeriesLock(deps, sessionId, async (tx, current): Promise<SessionOutcome> => {
    if (current.status === 'cancelled') return { kind: 'cancelled' };
    const change = await series.updateSession(tx, sessionId, fields, actor, now);
    if (!change) return { kind: 'cancelled' };
    // A new expert takes over the session's expert role (its materials, its questions) from the previous one.
    await moveCastRole(
      tx,
      {
        role: 'expert',
        seriesId: current.seriesId,
        sessionId,
        fromPersonId: current.expertId,
        toPersonId: change.after.expertId,
      },
      actor,
      now,
    );
    if (!change.matters && !change.expertChanged) return { kind: 'saved', session: change.after, told: null };
    let told = 0;
    // A new expert gets the session's entry, the previous one a cancel of theirs; the others only a change.
    const [joining, leaving] = change.expertChanged
      ? await Promise.all([personRecipient(tx, change.after.expertId), personRecipient(tx, current.expertId)])
      : [null, null];
    if (joining) told += await tell(tx, deps, change.after, { kind: 'expert', joined: true }, now, [joining]);
    if (leaving)
      told += await tell(tx, deps, change.after, { kind: 'expert', joined: false }, now, [leaving]);
    if (change.matters) {
      const what = { kind: 'changed' as const, before: change.before, change };
      const others = (await recipientsOf(tx, change.after)).filter(
        (r) => r.email !== joining?.email && r.email !== leaving?.email,
      );
      told += await tell(tx, deps, change.after, what, now, others);
    }
    return {
      kind: 'saved',
      session: change.after,
      told: (await isDraft(tx, current.seriesId)) ? null : told,
    };
  });
  return outcome ?? { kind: 'not-found' };
}

/** A draft tells nobody (see tell); its pages say nothing of mails either. */
async function isDraft(tx: Executor, seriesId: string): Promise<boolean> {
  return (await series.seriesHeading(tx, seriesId, 'da'))?.status === 'draft';
}

/** Cancels a session and tells everyone affected, with the organiser's note. */
export async function cancelSessionAndTell(
  deps: ProgrammeDeps,
  sessionId: string,
  note: string,
  actor: Actor,
): Promise<SessionOutcome> {
  const now = deps.clock.now();
  const outcome = await underSeriesLock(deps, sessionId, async (tx, current): Promise<SessionOutcome> => {
    if (current.status === 'cancelled') return { kind: 'cancelled' };
    const cancelled = await series.cancelSession(tx, sessionId, actor, now);
    if (!cancelled) return { kind: 'cancelled' };
    const told = await tell(tx, deps, cancelled, { kind: 'cancelled', note }, now);
    return { kind: 'saved', session: cancelled, told: (await isDraft(tx, current.seriesId)) ? null : told };
  });
  return outcome ?? { kind: 'not-found' };
}

/** Adds a session to a series; everyone who takes part gets its entry (participants, its expert, the facilitator). */
export async function addSessionTo(
  deps: ProgrammeDeps,
  seriesId: string,
  fields: series.SessionFields,
  actor: Actor,
): Promise<{ session: series.SessionForEditing; told: number | null } | null> {
  const { db, dialect } = deps.database;
  return db.transaction().execute(async (tx) => {
    if (!(await lockSeries(tx, dialect, seriesId))) return null;
    const now = deps.clock.now();
    const id = await series.addSession(tx, seriesId, fields, actor, now);
    await moveCastRole(
      tx,
      { role: 'expert', seriesId, sessionId: id, fromPersonId: null, toPersonId: fields.expertId },
      actor,
      now,
    );
    const added = await series.sessionForEditing(tx, id);
    if (!added) return null;
    const told = await tell(tx, deps, added, { kind: 'added' }, now);
    return { session: added, told: (await isDraft(tx, seriesId)) ? null : told };
  });
}

/** Moves a session one place up or down. False: no such session, or nothing to move past. */
export async function moveSessionInOrder(
  deps: ProgrammeDeps,
  sessionId: string,
  direction: 'up' | 'down',
  actor: Actor,
): Promise<boolean> {
  const moved = await underSeriesLock(deps, sessionId, (tx) =>
    series.moveSession(tx, sessionId, direction, actor, deps.clock.now()),
  );
  return moved ?? false;
}

type What =
  | {
      kind: 'changed';
      before: series.SessionForEditing;
      change: Pick<series.SessionChange, 'changed'>;
      /** Where it was, when the venue row itself changed (its address now is the new one). */
      beforePlace?: string;
    }
  | { kind: 'cancelled'; note: string }
  | { kind: 'added' }
  | { kind: 'expert'; joined: boolean }
  | { kind: 'published' };

/**
 * The series' venue changed (programme's series edit, under the series lock): every session held at the
 * series' venue moves there — SEQUENCE + 1 — and its attendees are told, in this transaction. Returns how
 * many mails were queued.
 */
export async function moveSessionsToSeriesVenue(
  tx: Executor,
  deps: ProgrammeDeps,
  change: { seriesId: string; fromVenueId: string | null },
  actor: Actor,
  now: Date,
): Promise<number> {
  const moved = await series.moveSessionsWithSeriesVenue(tx, change.seriesId, change.fromVenueId, actor, now);
  let told = 0;
  for (const session of moved) {
    const before = { ...session, seriesVenueId: change.fromVenueId, sequence: session.sequence - 1 };
    const changed = { time: false, place: true, mode: false };
    told += await tell(tx, deps, session, { kind: 'changed', before, change: { changed } }, now);
  }
  return told;
}

/** Someone to tell, once each (by address), in their language. */
interface Recipient {
  email: string;
  name: string;
  lang: Lang;
}

/** The participants, then the session's substitutes, expert and the facilitator; each address once. */
async function recipientsOf(tx: Executor, session: series.SessionForEditing): Promise<Recipient[]> {
  const [participants, cast] = await Promise.all([
    confirmedAttendees(tx, session.seriesId),
    sessionCast(tx, {
      seriesId: session.seriesId,
      sessionId: session.id,
      expertPersonId: session.expertId,
      facilitatorPersonId: session.facilitatorId,
    }),
  ]);
  const seen = new Set<string>();
  const out: Recipient[] = [];
  for (const r of [
    ...participants.map((p) => ({ email: p.email, name: p.name, lang: p.lang })),
    ...cast.map((c) => ({ email: c.email, name: c.name, lang: 'da' as Lang })),
  ]) {
    const key = r.email.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(r);
  }
  return out;
}

/** The account of a public person as a recipient (null: no person, or not linked to an account yet). */
async function personRecipient(tx: Executor, personId: string | null): Promise<Recipient | null> {
  const person = personId ? await series.personProfileById(tx, personId) : null;
  const account = person?.accountId ? await accountById(tx, person.accountId) : null;
  return account ? { email: account.email, name: account.name, lang: 'da' } : null;
}

/**
 * Queues the change's mail to everyone affected (or to `only`), in this transaction. Returns how many. A draft
 * tells nobody: nobody has its entries yet, and the organiser is still shaping it.
 */
async function tell(
  tx: Executor,
  deps: ProgrammeDeps,
  session: series.SessionForEditing,
  what: What,
  now: Date,
  only?: Recipient[],
): Promise<number> {
  const status = (await series.seriesHeading(tx, session.seriesId, 'da'))?.status;
  if (!status || status === 'draft') return 0;
  const recipients = only ?? (await recipientsOf(tx, session));
  if (recipients.length === 0) return 0;
  const site = await series.siteInfo(tx);
  const organiser = { name: site?.name ?? '', email: site?.email ?? '', phone: site?.phone ?? '' };
  const byLang = new Map<Lang, Omit<SessionMailContext, 'to' | 'name'> & { note: string }>();
  const contextIn = async (lang: Lang) => {
    const kept = byLang.get(lang);
    if (kept) return kept;
    const online = messages(lang)['series.online'];
    const heading = await series.seriesHeading(tx, session.seriesId, lang);
    const after: SessionMailContext['session'] = {
      id: session.id,
      ordinal: session.ordinal,
      question: lang === 'da' ? session.questionDa : session.questionEn,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      place: await series.sessionPlace(tx, session, online),
      mode: session.mode,
      meetingUrl: session.mode === 'online' ? session.meetingUrl : null,
      sequence: session.sequence,
    };
    const before =
      what.kind === 'changed'
        ? {
            startsAt: what.before.startsAt,
            endsAt: what.before.endsAt,
            place: what.beforePlace ?? (await series.sessionPlace(tx, what.before, online)),
            mode: what.before.mode,
          }
        : { startsAt: session.startsAt, endsAt: session.endsAt, place: after.place, mode: session.mode };
    const made = {
      lang,
      seriesId: session.seriesId,
      seriesTitle: heading?.titleWithYear ?? '',
      myPageUrl: `${deps.baseUrl}/mit-hold/${session.seriesSlug}${lang === 'en' ? '?lang=en' : ''}`,
      organiser,
      session: after,
      before,
      changed: what.kind === 'changed' ? what.change.changed : { time: false, place: false, mode: false },
      note: what.kind === 'cancelled' ? what.note : '',
    };
    byLang.set(lang, made);
    return made;
  };
  const mails: OutgoingMail[] = [];
  for (const r of recipients) {
    const c = { ...(await contextIn(r.lang)), to: r.email, name: r.name };
    mails.push(
      what.kind === 'changed'
        ? sessionChangedMail(c)
        : what.kind === 'cancelled'
          ? sessionCancelledMail(c)
          : what.kind === 'added'
            ? sessionAddedMail(c)
            : what.kind === 'published'
              ? sessionPublishedMail(c)
              : sessionExpertMail(c, what.joined),
    );
  }
  await enqueueMails(tx, mails, now);
  return mails.length;
}

/**
 * A venue's address changed (the venue pages, in their transaction): every session held there that is not
 * over moves with it — the series' locks first, in id order, then SEQUENCE + 1 — and its attendees are told
 * where it is now. `beforePlace`: the venue as it was written before. Returns how many mails were queued.
 */
export async function moveSessionsWithVenue(
  tx: Tx,
  deps: ProgrammeDeps,
  change: { venueId: string; beforePlace: string },
  actor: Actor,
  now: Date,
): Promise<number> {
  for (const seriesId of await series.seriesHeldAt(tx, change.venueId, now)) {
    await lockSeries(tx, deps.database.dialect, seriesId);
  }
  let told = 0;
  for (const session of await series.moveSessionsHeldAt(tx, change.venueId, actor, now)) {
    const before = { ...session, sequence: session.sequence - 1 };
    const what = {
      kind: 'changed' as const,
      before,
      change: { changed: { time: false, place: true, mode: false } },
      beforePlace: change.beforePlace,
    };
    told += await tell(tx, deps, session, what, now);
  }
  return told;
}

/**
 * A series is published: each scheduled session's expert, substitutes and the facilitator (those with an
 * account) get its entry — one REQUEST each, in the publishing transaction. Returns how many mails.
 */
export async function giveCastTheirEntries(
  tx: Tx,
  deps: ProgrammeDeps,
  seriesId: string,
  now: Date,
): Promise<number> {
  const slug = (await series.seriesRefs(tx, [seriesId]))[0]?.slug;
  const found = slug ? await series.sessionsForEditing(tx, slug) : null;
  let told = 0;
  for (const session of found?.sessions ?? []) {
    if (session.status === 'cancelled') continue;
    const cast = await sessionCast(tx, {
      seriesId,
      sessionId: session.id,
      expertPersonId: session.expertId,
      facilitatorPersonId: session.facilitatorId,
    });
    const only = cast.map((c): Recipient => ({ email: c.email, name: c.name, lang: 'da' }));
    if (only.length > 0) told += await tell(tx, deps, session, { kind: 'published' }, now, only);
  }
  return told;
}
