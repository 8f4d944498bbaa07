import type { Kysely } from 'kysely';
import type { DB, Executor, Tx } from '../../db/database.ts';
import { type Actor as AuditActor, writeAudit } from '../../shared/audit.ts';
import type { Lang } from '../../shared/danish.ts';
import { newId } from '../../shared/ids.ts';
import { checkPersonalData, type PersonalDataCheck } from '../../shared/personal-data.ts';
import type { SignedInAccount } from '../../web/account.ts';
import { addMaterialIn, type MaterialFields, materialPath } from '../materials/service.ts';
import { type NotificationInput, notify } from '../notifications/service.ts';
import { type AudienceMember, type Membership, membershipIn, seriesAudience } from '../people/service.ts';
import * as series from '../series/service.ts';
import type { DilemmaInput, FollowupInput } from './forms.ts';
import { indexDilemma } from './index.ts';
import { dilemmasMessages } from './messages.ts';
import { auditView, type Dilemma, type DilemmaComment, toAgendaItem, toComment, toDilemma } from './model.ts';
import { dilemmaPath } from './paths.ts';
import * as q from './queries.ts';
import {
  AGENDA_MAX,
  agendaTitleShown,
  COMMENTS_PAGE_SIZE,
  LIST_PAGE_SIZE,
  mayComment,
  mayCommentAnonymously,
  mayListDilemmas,
  mayManageAgenda,
  mayMarkDiscussed,
  mayPlace,
  maySeeAgenda,
  maySeeDilemma,
  maySubmitDilemma,
  mayWriteFollowup,
  reordered,
} from './rules.ts';

// The dilemmas module's door (issue 11): members put dilemmas forward (named, or anonymous to other members),
// comment on them; the facilitator keeps each session's agenda (dilemmas and other points, in order), marks
// what was discussed and writes the follow-up, which the materials module keeps as a note after the session.
// Every write is audited in its transaction, with the search index (a dilemma's audience is narrower than its
// series) and the notifications in step; every post passes the personal-data guard before anything is stored.

export { SEARCH_SOURCE } from './index.ts';
export type { AgendaItem, Dilemma, DilemmaComment } from './model.ts';
export { agendaPath, dilemmaPath, dilemmasPath } from './paths.ts';
export * from './rules.ts';
export { DilemmasOnHome, SessionAgenda } from './views/home.tsx';

// ——— Reads ———

export interface HoldSessionRef {
  id: string;
  ordinal: number;
  question: string;
  startsAt: string;
  cancelled: boolean;
}

/** One series as the dilemmas pages need it: the person's membership and the series' sessions. */
export interface DilemmasHold {
  seriesId: string;
  slug: string;
  title: string;
  membership: Membership;
  account: { id: string; name: string; email: string };
  sessions: HoldSessionRef[];
}

/** The series (public) and the person's membership of it; null when they have nothing to do with it. */
export async function dilemmasHold(
  db: Executor,
  account: SignedInAccount,
  slug: string,
  lang: Lang,
  now: Date,
): Promise<DilemmasHold | null> {
  const found = await series.sessionsForEditing(db, slug);
  if (!found) return null;
  const heading = await series.seriesHeading(db, found.seriesId, lang);
  if (!heading || !series.isPublic(heading.status)) return null;
  const membership = await membershipIn(db, account, found.seriesId, now);
  if (!membership) return null;
  return {
    seriesId: found.seriesId,
    slug,
    title: heading.titleWithYear,
    membership,
    account: { id: account.id, name: account.name, email: account.email },
    sessions: found.sessions.map((s) => ({
      id: s.id,
      ordinal: s.ordinal,
      question: lang === 'da' ? s.questionDa : s.questionEn,
      startsAt: s.startsAt,
      cancelled: s.status === 'cancelled',
    })),
  };
}

export type Cursor = q.Cursor;

/** `<created_at>~<id>` in the URL (`?efter=`). */
export function parseCursor(text: unknown): Cursor | null {
  if (typeof text !== 'string' || text.length > 120) return null;
  const at = text.indexOf('~');
  if (at <= 0) return null;
  const createdAt = text.slice(0, at);
  const id = text.slice(at + 1);
  if (!/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(createdAt) || !/^[0-9A-Za-z-]{1,64}$/.test(id)) return null;
  return { createdAt, id };
}

export const cursorText = (c: Cursor) => `${c.createdAt}~${c.id}`;

export interface DilemmaListPage {
  items: Dilemma[];
  /** Where the next (older) page starts; null: this is the last. */
  next: Cursor | null;
  /** Only those placed on the person's sessions (an expert's view). */
  expertView: boolean;
}

/** One page of the list as this person may see it (null: they may not see the list). */
export async function dilemmaList(
  db: Executor,
  hold: DilemmasHold,
  after: Cursor | null,
): Promise<DilemmaListPage | null> {
  const m = hold.membership;
  if (!mayListDilemmas(m)) return null;
  const expertView = !m.roles.includes('participant') && !mayManageAgenda(m);
  const rows = await q.dilemmaPage(db, {
    seriesId: hold.seriesId,
    sessionIds: expertView ? m.expertSessionIds : null,
    after,
    limit: LIST_PAGE_SIZE + 1,
  });
  const page = rows.slice(0, LIST_PAGE_SIZE).map(toDilemma);
  const last = page[page.length - 1];
  return {
    items: page.filter((d) => maySeeDilemma(m, d)),
    next: rows.length > LIST_PAGE_SIZE && last ? { createdAt: last.createdAt, id: last.id } : null,
    expertView,
  };
}

/** One dilemma of this series the person may see (null: none, or not theirs to see). */
export async function dilemmaFor(db: Executor, hold: DilemmasHold, id: string): Promise<Dilemma | null> {
  const row = await q.dilemmaRow(db, id);
  if (!row || row.series_id !== hold.seriesId) return null;
  const d = toDilemma(row);
  return maySeeDilemma(hold.membership, d) ? d : null;
}

export interface CommentPage {
  items: DilemmaComment[];
  next: Cursor | null;
}

/** One page of a dilemma's comments, oldest first (the dilemma is one the person may see). */
export async function commentsOf(db: Executor, dilemma: Dilemma, after: Cursor | null): Promise<CommentPage> {
  const rows = await q.commentPage(db, { dilemmaId: dilemma.id, after, limit: COMMENTS_PAGE_SIZE + 1 });
  const items = rows.slice(0, COMMENTS_PAGE_SIZE).map(toComment);
  const last = items[items.length - 1];
  return {
    items,
    next: rows.length > COMMENTS_PAGE_SIZE && last ? { createdAt: last.createdAt, id: last.id } : null,
  };
}

/** The follow-up that took a dilemma up: its note material's link. */
export async function followupLink(
  db: Executor,
  hold: DilemmasHold,
  dilemma: Dilemma,
): Promise<string | null> {
  if (!dilemma.followupId) return null;
  const f = await q.followupRow(db, dilemma.followupId);
  return f ? materialPath(hold.slug, f.material_id) : null;
}

/** One line of an agenda as a person sees it. */
export interface AgendaLine {
  id: string;
  position: number;
  /** A free-text point, or a dilemma. */
  kind: 'point' | 'dilemma';
  /** The point's text or the dilemma's title; null: a dilemma whose title this person does not see. */
  text: string | null;
  /** The dilemma's page, when the person may open it. */
  dilemmaId: string | null;
  openable: boolean;
  status: Dilemma['status'] | null;
}

type AgendaJoinRow = Awaited<ReturnType<typeof q.agendaWithDilemmas>>[number];

function lineOf(row: AgendaJoinRow, m: Membership | null, sessionId: string): AgendaLine {
  if (!row.dilemma_id || row.d_title === null || row.d_series_id === null || row.d_status === null) {
    return {
      id: row.item_id,
      position: row.position,
      kind: 'point',
      text: row.text,
      dilemmaId: null,
      openable: false,
      status: null,
    };
  }
  const facts = {
    seriesId: row.d_series_id,
    sessionId,
    anonymous: row.d_anonymous === 1,
    authorId: row.d_author_id ?? '',
    status: row.d_status,
  };
  const openable = m !== null && maySeeDilemma(m, facts);
  return {
    id: row.item_id,
    position: row.position,
    kind: 'dilemma',
    text: m === null || agendaTitleShown(m, facts) ? row.d_title : null,
    dilemmaId: openable ? row.dilemma_id : null,
    openable,
    status: row.d_status,
  };
}

/**
 * The agenda of every session in a person's programme (Mit hold), in one query: each session's lines in order,
 * as this person may see them (nothing for a session they may not see).
 */
export async function agendasForHome(
  db: Executor,
  input: { membership: Membership; sessionIds: readonly string[] },
): Promise<Map<string, AgendaLine[]>> {
  const ids = input.sessionIds.filter((id) => maySeeAgenda(input.membership, id));
  const rows = await q.agendaWithDilemmas(db, ids);
  const out = new Map<string, AgendaLine[]>(ids.map((id) => [id, []]));
  for (const row of rows) out.get(row.session_id)?.push(lineOf(row, input.membership, row.session_id));
  return out;
}

/**
 * The agenda of a session as plain-text lines for its reminder mail (issue 12 sends the reminder): "Dagsorden:"
 * and one numbered line per point or dilemma (by its title: the reminder goes to those who see the session's
 * agenda). Never an author's name. Empty: no agenda.
 */
export async function agendaForMail(db: Executor, sessionId: string, lang: Lang): Promise<string[]> {
  const m = dilemmasMessages(lang);
  const rows = await q.agendaWithDilemmas(db, [sessionId]);
  if (rows.length === 0) return [];
  return [
    m['mail.agenda'],
    ...rows.map(
      (r, i) => `${i + 1}. ${r.dilemma_id && r.d_title !== null ? m['mail.dilemma'](r.d_title) : r.text}`,
    ),
  ];
}

export interface AgendaPage {
  session: HoldSessionRef;
  lines: AgendaLine[];
  /** Dilemmas not yet on any agenda, to put on. */
  newDilemmas: Dilemma[];
  /** Dilemmas of this session marked discussed (the follow-up may take them up). */
  discussed: Dilemma[];
  /** The session has begun: discussed and the follow-up may be marked and written. */
  begun: boolean;
  /** The follow-ups written for this session (their note materials' links). */
  followups: { id: string; title: string; path: string }[];
}

/** The agenda page of a session, for those who keep it (null: not theirs, or no such session). */
export async function agendaPage(
  db: Executor,
  hold: DilemmasHold,
  sessionId: string,
  now: Date,
): Promise<AgendaPage | null> {
  if (!mayManageAgenda(hold.membership)) return null;
  const session = hold.sessions.find((s) => s.id === sessionId);
  if (!session) return null;
  const [rows, fresh, ofSession, followups] = await Promise.all([
    q.agendaWithDilemmas(db, [sessionId]),
    q.newDilemmas(db, hold.seriesId, 100),
    q.dilemmasOfSession(db, sessionId),
    q.followupsOf(db, [sessionId]),
  ]);
  return {
    session,
    lines: rows.map((r) => lineOf(r, hold.membership, sessionId)),
    newDilemmas: fresh.map(toDilemma),
    discussed: ofSession.map(toDilemma).filter((d) => d.status === 'discussed'),
    begun: mayWriteFollowup(hold.membership, session, now),
    followups: followups.map((f) => ({
      id: f.id,
      title: f.title,
      path: materialPath(hold.slug, f.material_id),
    })),
  };
}

// ——— Writes ———

const auditActor = (hold: DilemmasHold): AuditActor => ({
  accountId: hold.account.id,
  label: hold.account.email,
});

/** A series member as the rules see them (from the audience the people module lists). */
function membershipOfAudience(seriesId: string, slug: string, a: AudienceMember): Membership {
  return {
    seriesId,
    seriesSlug: slug,
    roles: a.roles,
    expertSessionIds: a.expertSessionIds,
    substituteSessionIds: a.substituteSessionIds,
    registration: null,
  };
}

export type PostOutcome<T> = { kind: 'done'; value: T } | { kind: 'refused'; check: PersonalDataCheck };

/**
 * Puts a dilemma forward (participants: maySubmitDilemma, checked by the caller's page too): the guard first,
 * then the row, its audit row (no text), its search entry and the facilitator's notification in one transaction.
 */
export async function submitDilemma(
  db: Kysely<DB>,
  hold: DilemmasHold,
  input: DilemmaInput,
  confirmed: boolean,
  lang: Lang,
  now: Date,
): Promise<PostOutcome<Dilemma> | null> {
  return db.transaction().execute((tx) => submitDilemmaIn(tx, hold, input, confirmed, lang, now));
}

/** submitDilemma in the caller's transaction (the benchmark adds many in one). */
export async function submitDilemmaIn(
  tx: Tx,
  hold: DilemmasHold,
  input: DilemmaInput,
  confirmed: boolean,
  lang: Lang,
  now: Date,
): Promise<PostOutcome<Dilemma> | null> {
  if (!maySubmitDilemma(hold.membership)) return null;
  const check = checkPersonalData(
    {
      title: input.title,
      situation: input.situation,
      dilemma: input.dilemma,
      tried: input.tried,
      wanted: input.wanted,
    },
    confirmed,
    lang,
  );
  if (!check.ok) return { kind: 'refused', check };
  const at = now.toISOString();
  const id = newId();
  await q.insertDilemma(tx, {
    id,
    series_id: hold.seriesId,
    session_id: null,
    kind: input.kind,
    title: input.title,
    situation_md: input.situation,
    dilemma_md: input.dilemma,
    tried_md: input.tried,
    wanted_md: input.wanted,
    anonymous: input.anonymous ? 1 : 0,
    author_id: hold.account.id,
    author_name: hold.account.name,
    status: 'new',
    followup_id: null,
    comment_count: 0,
    created_at: at,
    updated_at: at,
  });
  const row = await q.dilemmaRow(tx, id);
  if (!row) throw new Error('dilemma vanished in its own transaction');
  await writeAudit(tx, {
    actor: auditActor(hold),
    action: 'dilemma.submit',
    entity: 'dilemma',
    entityId: id,
    after: auditView(row),
    at: now,
  });
  await indexDilemma(tx, hold, row);
  await notifyNewDilemma(tx, hold, row, now);
  return { kind: 'done', value: toDilemma(row) };
}

async function notifyNewDilemma(tx: Tx, hold: DilemmasHold, row: q.DilemmaRow, now: Date): Promise<void> {
  const members = await seriesAudience(tx, hold.seriesId, now);
  const da = dilemmasMessages('da');
  const en = dilemmasMessages('en');
  const anonymous = row.anonymous === 1;
  const who = (m: typeof da) => (anonymous ? m['dilemmas.aMember'] : row.author_name);
  const items: NotificationInput[] = members
    .filter((a) => a.roles.includes('facilitator') && a.accountId !== row.author_id)
    .map((a) => ({
      accountId: a.accountId,
      kind: 'dilemmas',
      seriesId: hold.seriesId,
      subject: { da: da['notify.new.subject'](row.title), en: en['notify.new.subject'](row.title) },
      text: {
        da: da['notify.new.text'](who(da), hold.title),
        en: en['notify.new.text'](who(en), hold.title),
      },
      path: dilemmaPath(hold.slug, row.id),
      key: `dilemma:${row.id}`,
    }));
  if (items.length > 0) await notify(tx, items, now);
}

/** At most this many earlier commenters are told of a new comment. */
const NOTIFY_CAP = 500;

/**
 * A comment (everyone who may see the dilemma): anonymous only from the author of an anonymous dilemma. The
 * guard first; then the row, the count, the audit row (no text) and the notifications of the dilemma's author
 * and earlier commenters who may still see it (never the commenter) in one transaction.
 */
export async function addComment(
  db: Kysely<DB>,
  hold: DilemmasHold,
  dilemma: Dilemma,
  input: { body: string; anonymous: boolean },
  confirmed: boolean,
  lang: Lang,
  now: Date,
): Promise<PostOutcome<DilemmaComment> | null> {
  return db.transaction().execute((tx) => addCommentIn(tx, hold, dilemma, input, confirmed, lang, now));
}

/** addComment in the caller's transaction (the benchmark adds many in one). */
export async function addCommentIn(
  tx: Tx,
  hold: DilemmasHold,
  dilemma: Dilemma,
  input: { body: string; anonymous: boolean },
  confirmed: boolean,
  lang: Lang,
  now: Date,
): Promise<PostOutcome<DilemmaComment> | null> {
  if (!mayComment(hold.membership, dilemma)) return null;
  const anonymous = input.anonymous && mayCommentAnonymously(hold.account.id, dilemma);
  const check = checkPersonalData({ body: input.body }, confirmed, lang);
  if (!check.ok) return { kind: 'refused', check };
  const at = now.toISOString();
  const id = newId();
  const earlier = await q.commenters(tx, dilemma.id, NOTIFY_CAP);
  await q.insertComment(tx, {
    id,
    dilemma_id: dilemma.id,
    author_id: hold.account.id,
    author_name: hold.account.name,
    anonymous: anonymous ? 1 : 0,
    body_md: input.body,
    created_at: at,
  });
  await q.bumpCommentCount(tx, dilemma.id, at);
  await writeAudit(tx, {
    actor: auditActor(hold),
    action: 'dilemma.comment',
    entity: 'dilemma',
    entityId: dilemma.id,
    after: { comment_id: id, anonymous },
    at: now,
  });
  const told = new Set([dilemma.authorId, ...earlier]);
  told.delete(hold.account.id);
  if (told.size > 0) {
    const members = await seriesAudience(tx, hold.seriesId, now);
    const da = dilemmasMessages('da');
    const en = dilemmasMessages('en');
    const who = (m: typeof da) => (anonymous ? m['dilemmas.aMember'] : hold.account.name);
    const items: NotificationInput[] = members
      .filter((a) => told.has(a.accountId))
      .filter((a) => maySeeDilemma(membershipOfAudience(hold.seriesId, hold.slug, a), dilemma))
      .map((a) => ({
        accountId: a.accountId,
        kind: 'dilemmas',
        seriesId: hold.seriesId,
        subject: {
          da: da['notify.comment.subject'](dilemma.title),
          en: en['notify.comment.subject'](dilemma.title),
        },
        text: {
          da: da['notify.comment.text'](who(da), dilemma.title),
          en: en['notify.comment.text'](who(en), dilemma.title),
        },
        path: dilemmaPath(hold.slug, dilemma.id),
        key: `dilemma-comment:${id}`,
      }));
    if (items.length > 0) await notify(tx, items, now);
  }
  return {
    kind: 'done',
    value: {
      id,
      dilemmaId: dilemma.id,
      authorId: hold.account.id,
      authorName: hold.account.name,
      anonymous,
      bodyMd: input.body,
      createdAt: at,
    },
  };
}

export type AgendaOutcome = 'done' | 'full' | 'refused';

/** The next position on a session's agenda, or null when it is full. */
async function nextPosition(tx: Executor, sessionId: string): Promise<number | null> {
  const items = await q.agendaOf(tx, sessionId);
  if (items.length >= AGENDA_MAX) return null;
  return (items[items.length - 1]?.position ?? 0) + 1;
}

/**
 * Puts a dilemma on a session's agenda, last (or moves it there from another session's): status "on the
 * agenda", audited (`dilemma.agenda`), re-indexed so the session's expert finds it.
 */
export async function placeOnAgenda(
  db: Kysely<DB>,
  hold: DilemmasHold,
  input: { dilemmaId: string; sessionId: string },
  now: Date,
): Promise<AgendaOutcome | null> {
  const session = hold.sessions.find((s) => s.id === input.sessionId);
  if (!session) return null;
  return db.transaction().execute(async (tx) => {
    const before = await q.dilemmaRow(tx, input.dilemmaId);
    if (!before || before.series_id !== hold.seriesId) return null;
    if (!mayPlace(hold.membership, toDilemma(before))) return 'refused';
    if (before.session_id === input.sessionId) return 'done';
    const existing = await q.agendaItemOfDilemma(tx, before.id);
    if (existing) await q.deleteAgendaItem(tx, existing.id);
    const position = await nextPosition(tx, input.sessionId);
    if (position === null) return 'full';
    await q.insertAgendaItem(tx, {
      id: newId(),
      series_id: hold.seriesId,
      session_id: input.sessionId,
      position,
      dilemma_id: before.id,
      text: '',
      created_at: now.toISOString(),
    });
    await q.updateDilemma(tx, before.id, {
      status: 'agenda',
      session_id: input.sessionId,
      updated_at: now.toISOString(),
    });
    const after = await q.dilemmaRow(tx, before.id);
    if (!after) throw new Error('dilemma vanished in its own transaction');
    await writeAudit(tx, {
      actor: auditActor(hold),
      action: 'dilemma.agenda',
      entity: 'dilemma',
      entityId: before.id,
      before: auditView(before),
      after: auditView(after),
      at: now,
    });
    await indexDilemma(tx, hold, after);
    return 'done';
  });
}

/** A free-text point, last on the session's agenda (audited without its text). */
export async function addAgendaPoint(
  db: Kysely<DB>,
  hold: DilemmasHold,
  input: { sessionId: string; text: string },
  now: Date,
): Promise<AgendaOutcome | null> {
  if (!hold.sessions.some((s) => s.id === input.sessionId)) return null;
  if (!mayManageAgenda(hold.membership)) return 'refused';
  return db.transaction().execute(async (tx) => {
    const position = await nextPosition(tx, input.sessionId);
    if (position === null) return 'full';
    const id = newId();
    await q.insertAgendaItem(tx, {
      id,
      series_id: hold.seriesId,
      session_id: input.sessionId,
      position,
      dilemma_id: null,
      text: input.text,
      created_at: now.toISOString(),
    });
    await writeAudit(tx, {
      actor: auditActor(hold),
      action: 'agenda.point',
      entity: 'agenda_item',
      entityId: id,
      after: { session_id: input.sessionId, position },
      at: now,
    });
    return 'done';
  });
}

export type AgendaMove = 'up' | 'down' | 'remove';

/**
 * Moves a point up or down (swapping with its neighbour) or removes it; a removed dilemma goes back to "new"
 * and off the session (audited `dilemma.agenda`, re-indexed). Null: no such point on this session.
 */
export async function changeAgendaItem(
  db: Kysely<DB>,
  hold: DilemmasHold,
  input: { sessionId: string; itemId: string; move: AgendaMove },
  now: Date,
): Promise<AgendaOutcome | null> {
  if (!hold.sessions.some((s) => s.id === input.sessionId)) return null;
  return db.transaction().execute(async (tx) => {
    const items = (await q.agendaOf(tx, input.sessionId)).map(toAgendaItem);
    const index = items.findIndex((i) => i.id === input.itemId);
    const item = items[index];
    if (!item) return null;
    if (!mayManageAgenda(hold.membership)) return 'refused';
    if (input.move === 'remove') {
      if (item.dilemmaId) {
        const before = await q.dilemmaRow(tx, item.dilemmaId);
        // Discussed (or followed up) stays where it was taken up: only an undiscussed dilemma comes off.
        if (before?.status !== 'agenda') return 'refused';
        await q.deleteAgendaItem(tx, item.id);
        await q.updateDilemma(tx, before.id, {
          status: 'new',
          session_id: null,
          updated_at: now.toISOString(),
        });
        const after = await q.dilemmaRow(tx, before.id);
        if (!after) throw new Error('dilemma vanished in its own transaction');
        await writeAudit(tx, {
          actor: auditActor(hold),
          action: 'dilemma.agenda',
          entity: 'dilemma',
          entityId: before.id,
          before: auditView(before),
          after: auditView(after),
          at: now,
        });
        await indexDilemma(tx, hold, after);
      } else {
        await q.deleteAgendaItem(tx, item.id);
        await writeAudit(tx, {
          actor: auditActor(hold),
          action: 'agenda.point',
          entity: 'agenda_item',
          entityId: item.id,
          before: { session_id: item.sessionId, position: item.position },
          at: now,
        });
      }
      return 'done';
    }
    const next = reordered(items, index, input.move);
    if (!next) return 'done';
    for (const [i, it] of next.entries()) if (it.position !== i + 1) await q.setPosition(tx, it.id, i + 1);
    await writeAudit(tx, {
      actor: auditActor(hold),
      action: 'agenda.order',
      entity: 'agenda_item',
      entityId: item.id,
      before: { position: index + 1 },
      after: { position: next.indexOf(item) + 1 },
      at: now,
    });
    return 'done';
  });
}

/** Marks a dilemma on the agenda as discussed, once its session has begun (audited `dilemma.discussed`). */
export async function markDiscussed(
  db: Kysely<DB>,
  hold: DilemmasHold,
  dilemmaId: string,
  now: Date,
): Promise<AgendaOutcome | null> {
  return db.transaction().execute(async (tx) => {
    const before = await q.dilemmaRow(tx, dilemmaId);
    if (!before || before.series_id !== hold.seriesId) return null;
    const d = toDilemma(before);
    const session = hold.sessions.find((s) => s.id === d.sessionId) ?? null;
    if (!mayMarkDiscussed(hold.membership, d, session, now)) return 'refused';
    await q.updateDilemma(tx, d.id, { status: 'discussed', updated_at: now.toISOString() });
    const after = await q.dilemmaRow(tx, d.id);
    if (!after) throw new Error('dilemma vanished in its own transaction');
    await writeAudit(tx, {
      actor: auditActor(hold),
      action: 'dilemma.discussed',
      entity: 'dilemma',
      entityId: d.id,
      before: auditView(before),
      after: auditView(after),
      at: now,
    });
    return 'done';
  });
}

export type FollowupOutcome =
  | { kind: 'done'; followupId: string; materialId: string }
  | { kind: 'refused'; check: PersonalDataCheck }
  | { kind: 'not-yet' };

/** The note's Markdown: the facilitator's text, then a link to each dilemma it takes up. */
export function followupMarkdown(
  body: string,
  dilemmas: readonly { id: string; title: string }[],
  slug: string,
  lang: Lang,
): string {
  if (dilemmas.length === 0) return body;
  const m = dilemmasMessages(lang);
  const escaped = (t: string) => t.replace(/([\\[\]()*_`<>#])/g, '\\$1');
  const links = dilemmas.map((d) => `- [${escaped(d.title)}](${dilemmaPath(slug, d.id)})`);
  // `#`: the note's headings sit under the material page's h1 (renderMarkdown makes it an h2; `##` would skip
  // a level, which axe's heading-order rule finds).
  return `${body}\n\n# ${m['followup.linksHeading']}\n\n${links.join('\n')}`;
}

/**
 * The follow-up of a session, once it has begun: the guard first; then, in one transaction, a note material
 * (phase after, on the session) through the materials service, the follow-up row that keeps its id, and each
 * chosen discussed dilemma of the session marked followed up (audited `dilemma.followed_up`).
 */
export async function writeFollowup(
  db: Kysely<DB>,
  hold: DilemmasHold,
  sessionId: string,
  input: FollowupInput,
  confirmed: boolean,
  lang: Lang,
  now: Date,
): Promise<FollowupOutcome | null> {
  const session = hold.sessions.find((s) => s.id === sessionId);
  if (!session || !mayManageAgenda(hold.membership)) return null;
  if (!mayWriteFollowup(hold.membership, session, now)) return { kind: 'not-yet' };
  const check = checkPersonalData({ title: input.title, body: input.body }, confirmed, lang);
  if (!check.ok) return { kind: 'refused', check };
  return db.transaction().execute(async (tx) => {
    const chosen = (await q.dilemmaRows(tx, input.dilemmaIds)).filter(
      (r) => r.series_id === hold.seriesId && r.session_id === sessionId && r.status === 'discussed',
    );
    chosen.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0));
    const fields: MaterialFields = {
      kind: 'note',
      title: input.title,
      description: '',
      sessionId,
      phase: 'after',
      url: null,
      authors: '',
      year: null,
      publisher: '',
      identifier: '',
      bodyMd: followupMarkdown(
        input.body,
        chosen.map((r) => ({ id: r.id, title: r.title })),
        hold.slug,
        lang,
      ),
    };
    const material = await addMaterialIn(
      tx,
      { hold: { seriesId: hold.seriesId, slug: hold.slug }, fields, shared: false },
      { accountId: hold.account.id, name: hold.account.name, label: hold.account.email },
      now,
    );
    const id = newId();
    const at = now.toISOString();
    await q.insertFollowup(tx, {
      id,
      series_id: hold.seriesId,
      session_id: sessionId,
      material_id: material.id,
      title: input.title,
      written_by: hold.account.id,
      created_at: at,
    });
    for (const before of chosen) {
      await q.updateDilemma(tx, before.id, { status: 'followed_up', followup_id: id, updated_at: at });
      const after = await q.dilemmaRow(tx, before.id);
      if (!after) continue;
      await writeAudit(tx, {
        actor: auditActor(hold),
        action: 'dilemma.followed_up',
        entity: 'dilemma',
        entityId: before.id,
        before: auditView(before),
        after: auditView(after),
        at: now,
      });
    }
    return { kind: 'done', followupId: id, materialId: material.id };
  });
}

/** What Mit hold shows of the dilemmas for one person: every session's agenda (one query) and the section. */
export interface HomeDilemmas {
  agendas: Map<string, AgendaLine[]>;
  mayList: boolean;
  mayManage: boolean;
  expertView: boolean;
}

export async function homeDilemmas(
  db: Executor,
  input: { membership: Membership; sessionIds: readonly string[] },
): Promise<HomeDilemmas> {
  const m = input.membership;
  return {
    agendas: await agendasForHome(db, input),
    mayList: mayListDilemmas(m),
    mayManage: mayManageAgenda(m),
    expertView: mayListDilemmas(m) && !m.roles.includes('participant') && !mayManageAgenda(m),
  };
}
