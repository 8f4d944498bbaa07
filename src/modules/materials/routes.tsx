import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../deps.ts';
import type { Lang } from '../../shared/danish.ts';
import { notFound } from '../../shared/errors.ts';
import { isId } from '../../shared/ids.ts';
import { isSlug } from '../../shared/slug.ts';
import { access, SIGNED_IN } from '../../web/access.ts';
import { requireAccount } from '../../web/account.ts';
import { pageContext, sendPrivate } from '../../web/context.ts';
import { csrfToken } from '../../web/csrf.ts';
import * as files from '../files/service.ts';
import { isMember } from '../people/service.ts';
import {
  emptyValues,
  kindFromSlug,
  parseMaterialForm,
  phaseFromSlug,
  SERIES_PLACE,
  shortened,
  type UploadState,
  valuesOf,
} from './forms.ts';
import { materialsMessages } from './messages.ts';
import type { Material } from './model.ts';
import { holdHomePath, materialPath } from './paths.ts';
import { kindsFor, mayAddMaterial, mayEditMaterial, mayHideMaterial, mayMarkReuse } from './rules.ts';
import {
  addMaterial,
  deleteMaterial,
  editMaterial,
  hideMaterial,
  type MaterialsHold,
  markReuse,
  materialActor,
  materialFile,
  materialFor,
  materialsHold,
  showMaterial,
} from './service.ts';
import { MATERIAL_KINDS, type MaterialKind } from './table.ts';
import {
  deletePage,
  kindChoicePage,
  type MaterialNotice,
  materialFormPage,
  materialPage,
  type PlaceChoice,
} from './views/pages.tsx';

// The materials pages under a series' members' home. Every route is for signed-in people (the gate sends a
// stranger to sign in); what each person may see and do is materials/rules.ts, and anything else is a 404,
// so the pages do not tell what exists. The add and edit forms are multipart (a file may come with them):
// their routes say `multipart: true`, and the files module checks the CSRF token, the form's first field,
// before it reads a byte of the file.

const BASE = '/mit-hold/:slug/materialer';
const NOTICES: readonly MaterialNotice[] = ['created', 'saved', 'hidden', 'shown', 'reuseOn', 'reuseOff'];

type Params = { slug: string };
type IdParams = { slug: string; id: string };
type Query = Record<string, unknown>;

export function materialsRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { db } = deps.database;
  const now = () => deps.clock.now();
  const maxBytes = deps.config.uploadMaxBytes;
  const maxMb = Math.round(maxBytes / (1024 * 1024));
  // The add and edit forms: multipart, so the CSRF check is the files module's (readMultipartForm).
  const multipart = { config: { ...access(SIGNED_IN).config, multipart: true } };

  /** The series and the person's membership; 404 unless they hold a role in it. */
  async function holdOf(request: FastifyRequest<{ Params: Params }>): Promise<MaterialsHold> {
    const { slug } = request.params;
    if (!isSlug(slug)) throw notFound();
    const hold = await materialsHold(db, requireAccount(request), slug, request.lang, now());
    if (!hold || !isMember(hold.membership)) throw notFound();
    return hold;
  }

  /** The hold and one material the person may see (404 otherwise). */
  async function materialOf(request: FastifyRequest<{ Params: IdParams }>) {
    if (!isId(request.params.id)) throw notFound();
    const hold = await holdOf(request);
    const material = await materialFor(db, hold, request.params.id);
    if (!material) throw notFound();
    return { hold, material };
  }

  const heading = (hold: MaterialsHold) => ({ slug: hold.slug, title: hold.title });

  /** The places a person may put this kind: the sessions they may add to (in order), the whole series. */
  function placesFor(hold: MaterialsHold, kind: MaterialKind, lang: Lang, current?: Material): PlaceChoice[] {
    const m = materialsMessages(lang);
    const organiser = hold.membership.roles.includes('organiser');
    const allowed = (sessionId: string | null) =>
      organiser ||
      mayAddMaterial(hold.membership, sessionId, kind) !== null ||
      (current !== undefined && current.sessionId === sessionId);
    const places: PlaceChoice[] = [];
    if (allowed(null)) places.push({ value: SERIES_PLACE, label: m['materials.form.placeSeries'] });
    for (const s of hold.sessions) {
      if (!allowed(s.id)) continue;
      if (s.cancelled && current?.sessionId !== s.id) continue;
      // A closed select shows one line: a long question is cut at a word, its number says which session.
      places.push({
        value: s.id,
        label: m['materials.form.placeSession'](s.ordinal, shortened(s.question, 70)),
      });
    }
    return places;
  }

  function placeLabel(hold: MaterialsHold, material: Material, lang: Lang): string {
    const m = materialsMessages(lang);
    if (material.sessionId === null) return m['materials.form.placeSeries'];
    const s = hold.sessions.find((x) => x.id === material.sessionId);
    return s ? m['materials.form.placeSession'](s.ordinal, s.question) : '';
  }

  /** The place a "Tilføj" link chose (`?session=<id>|serie`), if the person may use it. */
  function chosenPlace(hold: MaterialsHold, query: Query): string | null | undefined {
    const value = query.session;
    if (value === SERIES_PLACE) return null;
    if (typeof value === 'string' && hold.sessions.some((s) => s.id === value)) return value;
    return undefined;
  }

  /** Every kind the person may add at the chosen place (or anywhere, when none is chosen). */
  function kindsAt(hold: MaterialsHold, place: string | null | undefined): MaterialKind[] {
    if (place !== undefined) return kindsFor(hold.membership, place, MATERIAL_KINDS);
    const places = [null, ...hold.sessions.map((s) => s.id)];
    return MATERIAL_KINDS.filter((k) => places.some((p) => mayAddMaterial(hold.membership, p, k) !== null));
  }

  const sharedFor = (hold: MaterialsHold, kind: MaterialKind) =>
    [null, ...hold.sessions.map((s) => s.id)].some((p) => mayAddMaterial(hold.membership, p, kind)?.shared);

  function uploadState(form: files.MultipartForm, lang: Lang): UploadState {
    if (form.refusal)
      return { kind: 'refused', message: files.uploadRefusalMessage(form.refusal, lang, maxBytes) };
    if (form.upload) return { kind: 'received', contentType: form.upload.contentType };
    return { kind: 'none' };
  }

  function noticeOf(query: Query): MaterialNotice | undefined {
    return NOTICES.find((n) => n === query.besked);
  }

  const done = (
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    id: string,
    notice: MaterialNotice,
  ) =>
    reply.redirect(
      `${materialPath(slug, id)}?besked=${notice}${request.lang === 'en' ? '&lang=en' : ''}`,
      303,
    );

  // ——— Add ———

  app.get<{ Params: Params; Querystring: Query }>(`${BASE}/ny`, access(SIGNED_IN), async (request, reply) => {
    const hold = await holdOf(request);
    const ctx = await pageContext(db, request);
    const place = chosenPlace(hold, request.query);
    const kinds = kindsAt(hold, place);
    if (kinds.length === 0) throw notFound();
    const phase = phaseFromSlug(request.query.fase);
    const kind = kindFromSlug(request.query.type);
    if (!kind || !kinds.includes(kind)) {
      return sendPrivate(
        reply,
        kindChoicePage(ctx, { hold: heading(hold), kinds, sessionId: place ?? null, phase }),
      );
    }
    const places = placesFor(hold, kind, ctx.lang);
    const placeValue = place === undefined ? '' : (place ?? SERIES_PLACE);
    return sendPrivate(
      reply,
      materialFormPage(ctx, {
        hold: heading(hold),
        kind,
        material: null,
        fileName: null,
        values: emptyValues(places.some((p) => p.value === placeValue) ? placeValue : '', phase ?? 'before'),
        places: withEmpty(places, ctx.lang),
        shared: sharedFor(hold, kind),
        maxMb,
        csrf: csrfToken(reply),
      }),
    );
  });

  app.post<{ Params: Params }>(`${BASE}/ny`, multipart, async (request, reply) => {
    const hold = await holdOf(request);
    const form = await files.readMultipartForm(request, reply, { fileField: 'file', maxBytes });
    try {
      const ctx = await pageContext(db, request);
      const kind = MATERIAL_KINDS.find((k) => k === form.fields.kind);
      const kinds = kindsAt(hold, undefined);
      if (kinds.length === 0) throw notFound();
      if (!kind || !kinds.includes(kind)) {
        return sendPrivate(
          reply,
          kindChoicePage(ctx, { hold: heading(hold), kinds, sessionId: null, phase: null }),
          400,
        );
      }
      const places = placesFor(hold, kind, ctx.lang);
      const parsed = parseMaterialForm(
        form.fields,
        uploadState(form, ctx.lang),
        { kind, places: places.map((p) => p.value) },
        ctx.lang,
      );
      if (!parsed.ok) {
        const page = materialFormPage(ctx, {
          hold: heading(hold),
          kind,
          material: null,
          fileName: null,
          values: parsed.values,
          errors: parsed.errors,
          places: withEmpty(places, ctx.lang),
          shared: sharedFor(hold, kind),
          maxMb,
          csrf: csrfToken(reply),
        });
        return sendPrivate(reply, page, 400);
      }
      const right = mayAddMaterial(hold.membership, parsed.fields.sessionId, kind);
      const added = await addMaterial(
        deps.database.db,
        {
          hold,
          fields: parsed.fields,
          shared: right?.shared ?? false,
          upload: parsed.useUpload ? form.upload : null,
        },
        materialActor(requireAccount(request)),
        now(),
      );
      return done(request, reply, hold.slug, added.id, 'created');
    } finally {
      await form.cleanup();
    }
  });

  // ——— One material, its file ———

  app.get<{ Params: IdParams; Querystring: Query }>(
    `${BASE}/:id`,
    access(SIGNED_IN),
    async (request, reply) => {
      const { hold, material } = await materialOf(request);
      const ctx = await pageContext(db, request);
      const may = {
        edit: mayEditMaterial(hold.membership, material, hold.accountId),
        hide: mayHideMaterial(hold.membership, material),
        reuse: mayMarkReuse(hold.membership),
      };
      return sendPrivate(
        reply,
        materialPage(ctx, {
          hold: heading(hold),
          material,
          place: placeLabel(hold, material, ctx.lang),
          file: await materialFile(db, material),
          may,
          notice: noticeOf(request.query),
          csrf: may.hide || may.reuse ? csrfToken(reply) : null,
        }),
      );
    },
  );

  // A download: `private, no-cache` (revalidated by its ETag), not the no-store of every other signed-in page.
  const download = { config: { ...access(SIGNED_IN).config, download: true } };
  app.get<{ Params: IdParams }>(`${BASE}/:id/fil`, download, async (request, reply) => {
    const { material } = await materialOf(request);
    const file = await materialFile(db, material);
    if (!file) throw notFound();
    return files.sendFile(db, request, reply, file);
  });

  // ——— Edit ———

  async function editable(request: FastifyRequest<{ Params: IdParams }>) {
    const found = await materialOf(request);
    if (!mayEditMaterial(found.hold.membership, found.material, found.hold.accountId)) throw notFound();
    return found;
  }

  app.get<{ Params: IdParams }>(`${BASE}/:id/rediger`, access(SIGNED_IN), async (request, reply) => {
    const { hold, material } = await editable(request);
    const ctx = await pageContext(db, request);
    const file = await materialFile(db, material);
    return sendPrivate(
      reply,
      materialFormPage(ctx, {
        hold: heading(hold),
        kind: material.kind,
        material,
        fileName: file?.name ?? null,
        values: valuesOf(material),
        places: placesFor(hold, material.kind, ctx.lang, material),
        shared: material.shared,
        maxMb,
        csrf: csrfToken(reply),
      }),
    );
  });

  app.post<{ Params: IdParams }>(`${BASE}/:id/rediger`, multipart, async (request, reply) => {
    const { hold, material } = await editable(request);
    const form = await files.readMultipartForm(request, reply, { fileField: 'file', maxBytes });
    try {
      const ctx = await pageContext(db, request);
      const places = placesFor(hold, material.kind, ctx.lang, material);
      const parsed = parseMaterialForm(
        form.fields,
        uploadState(form, ctx.lang),
        { kind: material.kind, places: places.map((p) => p.value), hasFile: material.fileId !== null },
        ctx.lang,
      );
      if (!parsed.ok) {
        const file = await materialFile(db, material);
        const page = materialFormPage(ctx, {
          hold: heading(hold),
          kind: material.kind,
          material,
          fileName: file?.name ?? null,
          values: parsed.values,
          errors: parsed.errors,
          places,
          shared: material.shared,
          maxMb,
          csrf: csrfToken(reply),
        });
        return sendPrivate(reply, page, 400);
      }
      const saved = await editMaterial(
        deps.database.db,
        {
          id: material.id,
          slug: hold.slug,
          fields: parsed.fields,
          upload: parsed.useUpload ? form.upload : null,
        },
        materialActor(requireAccount(request)),
        now(),
      );
      if (!saved) throw notFound();
      return done(request, reply, hold.slug, material.id, 'saved');
    } finally {
      await form.cleanup();
    }
  });

  // ——— Delete (a confirmation page first) ———

  app.get<{ Params: IdParams }>(`${BASE}/:id/slet`, access(SIGNED_IN), async (request, reply) => {
    const { hold, material } = await editable(request);
    const ctx = await pageContext(db, request);
    return sendPrivate(reply, deletePage(ctx, { hold: heading(hold), material, csrf: csrfToken(reply) }));
  });

  app.post<{ Params: IdParams; Body: Query | undefined }>(
    `${BASE}/:id/slet`,
    access(SIGNED_IN),
    async (request, reply) => {
      const { hold, material } = await editable(request);
      if (request.body?.bekraeft !== 'ja') {
        const ctx = await pageContext(db, request);
        const error = materialsMessages(ctx.lang)['materials.delete.notConfirmed'];
        return sendPrivate(
          reply,
          deletePage(ctx, { hold: heading(hold), material, csrf: csrfToken(reply), error }),
          400,
        );
      }
      await deleteMaterial(
        deps.database.db,
        { id: material.id, slug: hold.slug },
        materialActor(requireAccount(request)),
        now(),
      );
      return reply.redirect(
        `${holdHomePath(hold.slug)}${request.lang === 'en' ? '?lang=en' : ''}#materials`,
        303,
      );
    },
  );

  // ——— Hide, show, reuse (the organiser and the facilitator) ———

  for (const [action, notice] of [
    ['skjul', 'hidden'],
    ['vis', 'shown'],
  ] as const) {
    app.post<{ Params: IdParams }>(`${BASE}/:id/${action}`, access(SIGNED_IN), async (request, reply) => {
      const { hold, material } = await materialOf(request);
      if (!mayHideMaterial(hold.membership, material)) throw notFound();
      const change = action === 'skjul' ? hideMaterial : showMaterial;
      await change(
        deps.database.db,
        { id: material.id, slug: hold.slug },
        materialActor(requireAccount(request)),
        now(),
      );
      return done(request, reply, hold.slug, material.id, notice);
    });
  }

  app.post<{ Params: IdParams; Body: Query | undefined }>(
    `${BASE}/:id/genbrug`,
    access(SIGNED_IN),
    async (request, reply) => {
      const { hold, material } = await materialOf(request);
      if (!mayMarkReuse(hold.membership)) throw notFound();
      const answer = request.body?.genbrug;
      if (answer !== 'ja' && answer !== 'nej') {
        const ctx = await pageContext(db, request);
        const page = materialPage(ctx, {
          hold: heading(hold),
          material,
          place: placeLabel(hold, material, ctx.lang),
          file: await materialFile(db, material),
          may: {
            edit: mayEditMaterial(hold.membership, material, hold.accountId),
            hide: mayHideMaterial(hold.membership, material),
            reuse: true,
          },
          csrf: csrfToken(reply),
        });
        return sendPrivate(reply, page, 400);
      }
      await markReuse(
        deps.database.db,
        { id: material.id, slug: hold.slug, reuse: answer === 'ja' },
        materialActor(requireAccount(request)),
        now(),
      );
      return done(request, reply, hold.slug, material.id, answer === 'ja' ? 'reuseOn' : 'reuseOff');
    },
  );
}

/** A place must be chosen: the list starts with an empty "choose" option. */
function withEmpty(places: PlaceChoice[], lang: Lang): PlaceChoice[] {
  return [{ value: '', label: lang === 'da' ? 'Vælg' : 'Choose' }, ...places];
}
