import type { Kysely } from 'kysely';
import type { DB, Executor, Tx } from '../../db/database.ts';
import { type Actor, auditedChange, writeAudit } from '../../shared/audit.ts';
import type { Lang } from '../../shared/danish.ts';
import { newId } from '../../shared/ids.ts';
import type { SignedInAccount } from '../../web/account.ts';
import * as files from '../files/service.ts';
import { type Membership, membershipIn } from '../people/service.ts';
import * as series from '../series/service.ts';
import type { MaterialFields } from './forms.ts';
import { indexMaterial, unindexMaterial } from './index.ts';
import { auditView, type Material, toMaterial } from './model.ts';
import { notifyNewMaterial } from './notify.ts';
import * as q from './queries.ts';
import {
  isNewSince,
  mayAddAnything,
  maySeeMaterial,
  NEW_COUNT_CAP,
  newestFirst,
  seesSeriesWide,
  TIMELINE_PER_LIST,
  timelineScope,
} from './rules.ts';
import type { MaterialKind } from './table.ts';

// The materials module's door (issue 10): the timeline on Mit hold with "new since your last visit", one
// material, and the writes — add, edit, delete, hide, show, reuse — each audited in its transaction with the
// search index kept in step; the series copy's reused materials; the text of a file once it is extracted.

export type { MaterialFields } from './forms.ts';
export type { Material } from './model.ts';
export { addMaterialPath, holdHomePath, materialFilePath, materialPath } from './paths.ts';
export {
  type AddRight,
  kindsFor,
  mayAddAnything,
  mayAddMaterial,
  mayEditMaterial,
  mayHideMaterial,
  mayMarkReuse,
  maySeeMaterial,
} from './rules.ts';
export type { MaterialKind, Phase } from './table.ts';
export { MATERIAL_KINDS, PHASES } from './table.ts';
export { MaterialsSection } from './views/timeline.tsx';

/** Who makes a change: the account, its name as shown on what they add, its label in the audit log. */
export interface MaterialActor {
  accountId: string;
  name: string;
  /** The audit's readable label (the email). */
  label: string;
}

/** Who adds: a person, or nobody's account (the demo, a test) with the name to show. */
export type MaterialAdder = MaterialActor | { accountId: null; name: string; label: string };

export function materialActor(account: SignedInAccount): MaterialActor {
  return { accountId: account.id, name: account.name, label: account.email };
}

const audited = (a: MaterialActor): Actor => ({ accountId: a.accountId, label: a.label });

// ——— Reads ———

export interface HoldSessionRef {
  id: string;
  ordinal: number;
  question: string;
  cancelled: boolean;
}

/** One series as the materials pages need it: the person's membership and the sessions they may see. */
export interface MaterialsHold {
  seriesId: string;
  slug: string;
  title: string;
  membership: Membership;
  accountId: string;
  /** Every session of the series, in order (the pages show only those the person may see). */
  sessions: HoldSessionRef[];
}

/**
 * The series (public, not a draft) and the person's membership of it. Null: no such series, a draft, or the
 * person has nothing to do with it. A membership without roles (waitlisted, awaiting) is returned; the
 * rules give it nothing.
 */
export async function materialsHold(
  db: Executor,
  account: SignedInAccount,
  slug: string,
  lang: Lang,
  now: Date,
): Promise<MaterialsHold | null> {
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
    accountId: account.id,
    sessions: found.sessions.map((s) => ({
      id: s.id,
      ordinal: s.ordinal,
      question: lang === 'da' ? s.questionDa : s.questionEn,
      cancelled: s.status === 'cancelled',
    })),
  };
}

/** One material of this series the person may see (null: none, deleted, or not theirs to see). */
export async function materialFor(db: Executor, hold: MaterialsHold, id: string): Promise<Material | null> {
  const row = await q.materialRow(db, id);
  if (!row || row.series_id !== hold.seriesId) return null;
  const material = toMaterial(row);
  return maySeeMaterial(hold.membership, material, hold.accountId) ? material : null;
}

export interface TimelineItem extends Material {
  /** Added by someone else since the person's previous visit. */
  isNew: boolean;
}

export interface PhaseLists {
  before: TimelineItem[];
  after: TimelineItem[];
  /** The list holds more than it shows (the newest TIMELINE_PER_LIST), unless all were asked for. */
  more: { before: boolean; after: boolean };
}

/** The materials on Mit hold, as one person sees them. */
export interface Timeline {
  /** Null: the person does not see the series' own materials (a substitute). */
  seriesWide: PhaseLists | null;
  /** Per session the person sees, by id. */
  sessions: Map<string, PhaseLists>;
  /** How many are new since the last visit, counted up to NEW_COUNT_CAP. */
  newCount: number;
  /** Every material is listed (not only the newest of each list). */
  all: boolean;
  /** Where the person may add: the sessions' ids, and whether the whole series. */
  addTo: { sessionIds: Set<string>; seriesWide: boolean };
}

export { NEW_COUNT_CAP, TIMELINE_PER_LIST } from './rules.ts';

/**
 * The timeline of a series for one person: what they may see, per session and phase, newest first (the
 * newest TIMELINE_PER_LIST of each, or all); "new" against their previous visit, which this then moves to
 * now (material_visit). One short query per list, each stopping at its limit, whatever the series holds.
 */
export async function holdTimeline(
  db: Executor,
  input: {
    seriesId: string;
    membership: Membership;
    accountId: string;
    sessionIds: readonly string[];
    all?: boolean;
  },
  now: Date,
): Promise<Timeline> {
  const { membership, accountId, seriesId } = input;
  const scope = timelineScope(membership);
  const previous = await q.previousVisit(db, accountId, seriesId);
  await q.recordVisit(db, accountId, seriesId, now.toISOString());
  const limit = input.all ? null : TIMELINE_PER_LIST;
  const list = async (sessionId: string | null, phase: 'before' | 'after') => {
    if (!scope) return { items: [] as TimelineItem[], more: false };
    // One more than shown says whether there are more.
    const rows = await q.timelineList(db, {
      seriesId,
      sessionId,
      phase,
      scope,
      accountId,
      limit: limit === null ? null : limit + 1,
    });
    const items = rows
      .map(toMaterial)
      // The query's scope is rules.ts' maySeeMaterial as a filter (tested); checked again here all the same.
      .filter((m) => maySeeMaterial(membership, m, accountId))
      .map((m): TimelineItem => ({ ...m, isNew: isNewSince(m, previous, accountId) }));
    return {
      items: newestFirst(limit === null ? items : items.slice(0, limit)),
      more: limit !== null && rows.length > limit,
    };
  };
  const lists = async (sessionId: string | null): Promise<PhaseLists> => {
    const [before, after] = await Promise.all([list(sessionId, 'before'), list(sessionId, 'after')]);
    return { before: before.items, after: after.items, more: { before: before.more, after: after.more } };
  };
  const seesWide = seesSeriesWide(membership);
  const [seriesWide, perSession, newCount] = await Promise.all([
    seesWide ? lists(null) : Promise.resolve(null),
    Promise.all(input.sessionIds.map((id) => lists(id))),
    scope && previous !== null
      ? q.countNewSince(db, { seriesId, scope, accountId, since: previous, cap: NEW_COUNT_CAP })
      : Promise.resolve(0),
  ]);
  return {
    seriesWide,
    sessions: new Map(input.sessionIds.map((id, i) => [id, perSession[i] as PhaseLists])),
    newCount,
    all: input.all === true,
    addTo: {
      sessionIds: new Set(input.sessionIds.filter((id) => mayAddAnything(membership, id))),
      seriesWide: mayAddAnything(membership, null),
    },
  };
}

/** The stored file of a material (for its page and its download), null when it has none. */
export async function materialFile(db: Executor, material: Material): Promise<files.StoredFile | null> {
  return material.fileId ? files.fileById(db, material.fileId) : null;
}

// ——— Writes ———

function fieldsRow(fields: MaterialFields) {
  return {
    session_id: fields.sessionId,
    phase: fields.phase,
    title: fields.title,
    description: fields.description,
    url: fields.url,
    authors: fields.authors,
    year: fields.year,
    publisher: fields.publisher,
    identifier: fields.identifier,
    body_md: fields.bodyMd,
  };
}

/** The kinds that keep a file (an edit to another kind's fields drops none: the kind never changes). */
const FILE_KINDS: readonly MaterialKind[] = ['article', 'podcast', 'document'];

export interface NewMaterial {
  hold: { seriesId: string; slug: string };
  fields: MaterialFields;
  /** Shared by a participant or a substitute (rules' mayAddMaterial says which). */
  shared: boolean;
  /** A received upload to store with it (or a file already stored, by id: the demo). */
  upload?: files.ReceivedUpload | null;
  fileId?: string | null;
  /** Marked for reuse from the start (the demo). */
  reuse?: boolean;
}

/** Adds a material: the file stored, the row, its audit row and its search entry in one transaction. */
export async function addMaterial(
  db: Kysely<DB>,
  input: NewMaterial,
  actor: MaterialAdder,
  now: Date,
): Promise<Material> {
  return db.transaction().execute((tx) => addMaterialIn(tx, input, actor, now));
}

export async function addMaterialIn(
  tx: Tx,
  input: NewMaterial,
  actor: MaterialAdder,
  now: Date,
): Promise<Material> {
  const at = now.toISOString();
  const stored =
    input.upload && FILE_KINDS.includes(input.fields.kind)
      ? await files.storeUpload(tx, input.upload, { accountId: actor.accountId }, now)
      : null;
  const id = newId();
  await q.insertMaterial(tx, {
    id,
    series_id: input.hold.seriesId,
    kind: input.fields.kind,
    ...fieldsRow(input.fields),
    file_id: stored?.id ?? input.fileId ?? null,
    added_by: actor.accountId,
    added_by_name: actor.name,
    shared: input.shared ? 1 : 0,
    reuse: input.reuse ? 1 : 0,
    copied_from: null,
    created_at: at,
    updated_at: at,
    hidden_at: null,
    hidden_by: null,
    deleted_at: null,
    deleted_by: null,
  });
  const row = await q.materialRow(tx, id);
  if (!row) throw new Error('material vanished in its own transaction');
  await writeAudit(tx, {
    actor: { accountId: actor.accountId, label: actor.label },
    action: 'material.create',
    entity: 'material',
    entityId: id,
    after: auditView(row),
    at: now,
  });
  await indexMaterial(tx, row, input.hold.slug);
  const material = toMaterial(row);
  await notifyNewMaterial(tx, material, input.hold, actor.accountId, now);
  return material;
}

/**
 * Saves the edit form (the kind never changes): a new upload replaces the file; a kind that has no file keeps
 * none. Audited with before and after; re-indexed. Null: no such material (deleted meanwhile).
 */
export async function editMaterial(
  db: Kysely<DB>,
  input: { id: string; slug: string; fields: MaterialFields; upload: files.ReceivedUpload | null },
  actor: MaterialActor,
  now: Date,
): Promise<Material | null> {
  return db.transaction().execute(async (tx) => {
    const done = await auditedChange(tx, {
      read: (t) => q.materialRow(t, input.id),
      write: async (t, before) => {
        const stored =
          input.upload && FILE_KINDS.includes(before.kind)
            ? await files.storeUpload(t, input.upload, { accountId: actor.accountId }, now)
            : null;
        await q.updateMaterial(t, input.id, {
          ...fieldsRow({ ...input.fields, kind: before.kind }),
          file_id: FILE_KINDS.includes(before.kind) ? (stored?.id ?? before.file_id) : null,
          updated_at: now.toISOString(),
        });
        const after = await q.materialRow(t, input.id);
        if (!after) throw new Error('material vanished in its own transaction');
        return after;
      },
      audit: (before, after) => ({
        actor: audited(actor),
        action: 'material.update',
        entity: 'material',
        entityId: input.id,
        before: auditView(before),
        after: auditView(after),
        at: now,
      }),
    });
    if (!done) return null;
    await indexMaterial(tx, done.result, input.slug);
    return toMaterial(done.result);
  });
}

type StateChange = 'delete' | 'hide' | 'show' | 'reuse-on' | 'reuse-off';

const ACTIONS: Record<StateChange, string> = {
  delete: 'material.delete',
  hide: 'material.hide',
  show: 'material.show',
  'reuse-on': 'material.reuse',
  'reuse-off': 'material.reuse',
};

/** One of the small changes, audited and with the index in step. False: no such material. */
async function changeState(
  db: Kysely<DB>,
  input: { id: string; slug: string },
  change: StateChange,
  actor: MaterialActor,
  now: Date,
): Promise<boolean> {
  const at = now.toISOString();
  const set = {
    delete: { deleted_at: at, deleted_by: actor.accountId },
    hide: { hidden_at: at, hidden_by: actor.accountId },
    show: { hidden_at: null, hidden_by: null },
    'reuse-on': { reuse: 1 },
    'reuse-off': { reuse: 0 },
  }[change];
  return db.transaction().execute(async (tx) => {
    const done = await auditedChange(tx, {
      read: (t) => q.materialRow(t, input.id),
      write: async (t, before) => {
        await q.updateMaterial(t, input.id, {
          ...set,
          updated_at: change === 'delete' ? before.updated_at : at,
        });
        // A deleted row is no longer read by materialRow: its after is the before with the mark.
        return change === 'delete' ? { ...before, ...set } : ((await q.materialRow(t, input.id)) ?? before);
      },
      audit: (before, after) => ({
        actor: audited(actor),
        action: ACTIONS[change],
        entity: 'material',
        entityId: input.id,
        before: auditView(before),
        after: auditView(after as q.MaterialRow),
        at: now,
      }),
    });
    if (!done) return false;
    if (change === 'delete' || change === 'hide') await unindexMaterial(tx, input.id);
    else if (change === 'show') await indexMaterial(tx, done.result as q.MaterialRow, input.slug);
    return true;
  });
}

/** Soft delete (the row stays for the audit log); gone from the timeline and from search. */
export function deleteMaterial(
  db: Kysely<DB>,
  input: { id: string; slug: string },
  actor: MaterialActor,
  now: Date,
) {
  return changeState(db, input, 'delete', actor, now);
}

/** Hides what a member shared (the organiser or the facilitator); gone from search too. */
export function hideMaterial(
  db: Kysely<DB>,
  input: { id: string; slug: string },
  actor: MaterialActor,
  now: Date,
) {
  return changeState(db, input, 'hide', actor, now);
}

export function showMaterial(
  db: Kysely<DB>,
  input: { id: string; slug: string },
  actor: MaterialActor,
  now: Date,
) {
  return changeState(db, input, 'show', actor, now);
}

/** Marks (or unmarks) the material to be taken along when the series is copied. */
export function markReuse(
  db: Kysely<DB>,
  input: { id: string; slug: string; reuse: boolean },
  actor: MaterialActor,
  now: Date,
) {
  return changeState(db, input, input.reuse ? 'reuse-on' : 'reuse-off', actor, now);
}

/**
 * The series copy (programme's copySeriesAction, in its transaction): every material marked for reuse that is
 * neither hidden nor deleted, into the new series — to the copied session, or the whole series when its
 * session was not copied — with the same file (files never change), audited and indexed. Returns how many.
 */
export async function copyReusedMaterials(
  tx: Tx,
  input: { fromSeriesId: string; toSeriesId: string; sessionIds: ReadonlyMap<string, string> },
  actor: Actor,
  now: Date,
): Promise<number> {
  const rows = await q.reusableMaterials(tx, input.fromSeriesId);
  if (rows.length === 0) return 0;
  const [to] = await series.seriesRefs(tx, [input.toSeriesId]);
  if (!to) return 0;
  const at = now.toISOString();
  for (const from of rows) {
    const id = newId();
    await q.insertMaterial(tx, {
      ...from,
      id,
      series_id: input.toSeriesId,
      session_id: from.session_id === null ? null : (input.sessionIds.get(from.session_id) ?? null),
      copied_from: from.id,
      created_at: at,
      updated_at: at,
      hidden_at: null,
      hidden_by: null,
      deleted_at: null,
      deleted_by: null,
    });
    const row = await q.materialRow(tx, id);
    if (!row) continue;
    await writeAudit(tx, {
      actor,
      action: 'material.create',
      entity: 'material',
      entityId: id,
      after: { ...auditView(row), copied_from: from.id },
      at: now,
    });
    await indexMaterial(tx, row, to.slug);
  }
  return rows.length;
}

/**
 * The files module's text-extraction job calls this in the transaction that records a file's text: every
 * material using the file is indexed again with it.
 */
export async function onFileText(tx: Tx, fileId: string, text: string): Promise<void> {
  const rows = await q.materialsWithFile(tx, fileId);
  if (rows.length === 0) return;
  const refs = new Map(
    (
      await series.seriesRefs(
        tx,
        rows.map((r) => r.series_id),
      )
    ).map((s) => [s.id, s.slug]),
  );
  for (const row of rows) {
    const slug = refs.get(row.series_id);
    if (slug) await indexMaterial(tx, row, slug, text);
  }
}
