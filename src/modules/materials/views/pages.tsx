import { formatDateLong } from '../../../shared/danish.ts';
import { renderMarkdown } from '../../../shared/markdown.ts';
import {
  AlertIcon,
  CsrfField,
  ErrorSummary,
  RadioGroup,
  SelectField,
  TextField,
} from '../../../web/form.tsx';
import { href, type PageContext, renderPage } from '../../../web/layout.tsx';
import type { StoredFile } from '../../files/service.ts';
import {
  AUTHORS_MAX,
  BODY_MAX,
  DESCRIPTION_MAX,
  IDENTIFIER_MAX,
  KIND_FIELDS,
  KIND_SLUGS,
  type MaterialErrors,
  type MaterialValues,
  PUBLISHER_MAX,
  SERIES_PLACE,
  summaryOrder,
  TITLE_MAX,
  URL_MAX,
} from '../forms.ts';
import { type MaterialsMessages, materialsMessages } from '../messages.ts';
import type { Material } from '../model.ts';
import { addMaterialPath, holdHomePath, materialFilePath, materialPath, materialsBase } from '../paths.ts';
import type { MaterialKind } from '../table.ts';

// The materials pages: choose a kind, the add/edit form (multipart, the CSRF token its first field), one
// material, and the delete confirmation.

export interface HoldHeading {
  slug: string;
  title: string;
}

export interface PlaceChoice {
  value: string;
  label: string;
}

function crumbs(m: MaterialsMessages, hold: HoldHeading, ...rest: { href?: string; label: string }[]) {
  return [
    { href: '/mit-hold', label: m['materials.myHold'] },
    { href: holdHomePath(hold.slug), label: hold.title },
    ...rest,
  ];
}

function titled(m: MaterialsMessages, title: string, errors: MaterialErrors) {
  return Object.keys(errors).length > 0 ? `${m['materials.errorPrefix']}: ${title}` : title;
}

/** Step one of adding: which kind (a list of links, so it works without JavaScript). */
export function kindChoicePage(
  ctx: PageContext,
  model: {
    hold: HoldHeading;
    kinds: MaterialKind[];
    sessionId: string | null;
    phase: 'before' | 'after' | null;
  },
): string {
  const m = materialsMessages(ctx.lang);
  const title = m['materials.new.title'];
  return renderPage({
    ctx,
    title,
    crumbs: crumbs(m, model.hold, { label: title }),
    children: (
      <>
        <h1>{title}</h1>
        {model.kinds.length === 0 ? (
          <p>{m['materials.new.noKinds']}</p>
        ) : (
          <>
            <h2 class="h3">{m['materials.new.chooseKind']}</h2>
            <p>{m['materials.new.chooseKindIntro']}</p>
            <ul class="nobullet-list holdet-materials">
              {model.kinds.map((kind) => (
                <li key={kind}>
                  <p class="holdet-material-title">
                    <a
                      href={href(
                        ctx,
                        addMaterialPath(model.hold.slug, {
                          sessionId: model.sessionId,
                          phase: model.phase ?? undefined,
                          kind: KIND_SLUGS[kind],
                        }),
                      )}
                    >
                      {m[`materials.kind.${kind}`]}
                    </a>
                  </p>
                  <p class="holdet-material-meta">{m[`materials.kindHint.${kind}`]}</p>
                </li>
              ))}
            </ul>
          </>
        )}
        <p class="holdet-back">
          <a href={href(ctx, holdHomePath(model.hold.slug))}>{m['materials.form.back']}</a>
        </p>
      </>
    ),
  });
}

function FileField(props: {
  m: MaterialsMessages;
  kind: MaterialKind;
  error?: string;
  maxMb: number;
  keep: string | null;
}) {
  const { m, kind, error } = props;
  const hintKey =
    kind === 'podcast'
      ? 'materials.form.fileHint.podcast'
      : kind === 'article'
        ? 'materials.form.fileHint.article'
        : 'materials.form.fileHint.document';
  const hint = [
    m[hintKey].replace('{mb}', String(props.maxMb)),
    props.keep ? m['materials.form.fileKeep'](props.keep) : '',
  ]
    .filter(Boolean)
    .join(' ');
  const accept =
    kind === 'podcast'
      ? 'audio/*'
      : kind === 'article'
        ? '.pdf,.docx,.odt,application/pdf'
        : '.pdf,.pptx,.docx,.xlsx,.odt,.ods,.odp,.jpg,.jpeg,.png,.webp,.gif';
  const describedBy = ['file-hint', error ? 'file-error' : ''].filter(Boolean).join(' ');
  return (
    <div class={`form-group${error ? ' form-error' : ''}`}>
      <label class="form-label" for="file">
        {m['materials.form.file']}
        {kind === 'document' && !props.keep ? null : (
          <span class="weight-normal"> ({m['materials.optional']})</span>
        )}
      </label>
      <span class="form-hint" id="file-hint">
        {hint}
      </span>
      {error ? (
        <span class="form-error-message" id="file-error">
          <span class="sr-only">{m['materials.errorPrefix']}: </span>
          {error}
        </span>
      ) : null}
      <input
        class="form-file-input"
        type="file"
        id="file"
        name="file"
        accept={accept}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
      />
    </div>
  );
}

/** The add or edit form for one kind. Multipart, with the CSRF token as its first field. */
export function materialFormPage(
  ctx: PageContext,
  model: {
    hold: HoldHeading;
    kind: MaterialKind;
    /** Null: a new material. */
    material: Material | null;
    /** The current file's name, when editing one that has a file. */
    fileName: string | null;
    values: MaterialValues;
    errors?: MaterialErrors;
    places: PlaceChoice[];
    /** What the person adds is shared with the others (a participant or a substitute). */
    shared: boolean;
    maxMb: number;
    csrf: string;
  },
): string {
  const m = materialsMessages(ctx.lang);
  const errors = model.errors ?? {};
  const v = model.values;
  const { kind } = model;
  const asks = KIND_FIELDS[kind] as readonly string[];
  const title = model.material
    ? m['materials.edit.title'](model.material.title)
    : `${m['materials.new.title']}: ${m[`materials.kind.${kind}`].toLowerCase()}`;
  const action = model.material
    ? `${materialPath(model.hold.slug, model.material.id)}/rediger`
    : `${materialsBase(model.hold.slug)}/ny`;
  const common = { errorPrefix: m['materials.errorPrefix'], optionalText: m['materials.optional'] };
  const summary = summaryOrder(kind).flatMap((field) => {
    const message = errors[field];
    return message ? [{ field, message }] : [];
  });
  return renderPage({
    ctx,
    title: titled(m, title, errors),
    crumbs: crumbs(m, model.hold, { label: title }),
    children: (
      <>
        <h1>{title}</h1>
        <ErrorSummary heading={m['materials.errorSummary']} errors={summary} />
        {model.shared && !model.material ? <p>{m['materials.new.sharedNote']}</p> : null}
        <form method="post" action={href(ctx, action)} enctype="multipart/form-data" novalidate>
          <CsrfField token={model.csrf} />
          {model.material ? null : <input type="hidden" name="kind" value={kind} />}
          <TextField
            {...common}
            name="title"
            label={m['materials.form.title']}
            value={v.title}
            error={errors.title}
            maxLength={TITLE_MAX}
            required
            width="xl"
          />
          {asks.includes('authors') ? (
            <>
              <TextField
                {...common}
                name="authors"
                label={m['materials.form.authors']}
                value={v.authors}
                error={errors.authors}
                maxLength={AUTHORS_MAX}
                required
                width="xl"
              />
              <TextField
                {...common}
                name="year"
                label={m['materials.form.year']}
                value={v.year}
                error={errors.year}
                inputMode="numeric"
                width="xs"
              />
              <TextField
                {...common}
                name="publisher"
                label={m['materials.form.publisher']}
                value={v.publisher}
                error={errors.publisher}
                maxLength={PUBLISHER_MAX}
                width="xl"
              />
              <TextField
                {...common}
                name="identifier"
                label={m['materials.form.identifier']}
                value={v.identifier}
                error={errors.identifier}
                maxLength={IDENTIFIER_MAX}
                width="l"
              />
            </>
          ) : null}
          {asks.includes('url') ? (
            <TextField
              {...common}
              name="url"
              type="url"
              label={m['materials.form.url']}
              hint={asks.includes('file') ? m['materials.form.urlOrFileHint'] : m['materials.form.urlHint']}
              value={v.url}
              error={errors.url}
              maxLength={URL_MAX}
              required={kind === 'video'}
              width="xl"
            />
          ) : null}
          {asks.includes('file') ? (
            <FileField m={m} kind={kind} error={errors.file} maxMb={model.maxMb} keep={model.fileName} />
          ) : null}
          {asks.includes('body') ? (
            <TextField
              {...common}
              name="body"
              label={m['materials.form.body']}
              hint={m['materials.form.bodyHint']}
              value={v.body}
              error={errors.body}
              maxLength={BODY_MAX}
              multiline
              required
            />
          ) : null}
          <TextField
            {...common}
            name="description"
            label={m['materials.form.description']}
            hint={m['materials.form.descriptionHint'](DESCRIPTION_MAX)}
            value={v.description}
            error={errors.description}
            maxLength={DESCRIPTION_MAX}
            multiline
          />
          <SelectField
            {...common}
            name="place"
            label={m['materials.form.place']}
            value={v.place}
            error={errors.place}
            options={model.places}
            required
            width="xl"
          />
          <RadioGroup
            {...common}
            name="phase"
            label={m['materials.form.phase']}
            value={v.phase}
            error={errors.phase}
            options={[
              { value: 'before', label: m['materials.form.phase.before'] },
              { value: 'after', label: m['materials.form.phase.after'] },
            ]}
          />
          <button type="submit" class="button button-primary">
            {model.material ? m['materials.form.save'] : m['materials.form.add']}
          </button>
        </form>
        {model.material ? null : (
          <p class="holdet-back">
            <a
              href={href(
                ctx,
                addMaterialPath(model.hold.slug, {
                  sessionId: v.place === SERIES_PLACE ? null : v.place || null,
                  phase: v.phase === 'after' ? 'after' : 'before',
                }),
              )}
            >
              {m['materials.form.otherKind']}
            </a>
          </p>
        )}
        <p class="holdet-back">
          <a
            href={href(
              ctx,
              model.material
                ? materialPath(model.hold.slug, model.material.id)
                : holdHomePath(model.hold.slug),
            )}
          >
            {model.material ? m['materials.delete.cancel'] : m['materials.form.back']}
          </a>
        </p>
      </>
    ),
  });
}

export type MaterialNotice = 'created' | 'saved' | 'hidden' | 'shown' | 'reuseOn' | 'reuseOff';

function formatSize(bytes: number, lang: 'da' | 'en'): string {
  const nf = (n: number) => n.toLocaleString(lang === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: 1 });
  if (bytes < 1024 * 1024) return `${nf(Math.max(1, Math.round(bytes / 1024)))} KB`;
  return `${nf(bytes / (1024 * 1024))} MB`;
}

/** One material's page: its facts, the note's text, its file (audio plays here), and what the person may do. */
export function materialPage(
  ctx: PageContext,
  model: {
    hold: HoldHeading;
    material: Material;
    place: string;
    file: StoredFile | null;
    may: { edit: boolean; hide: boolean; reuse: boolean };
    notice?: MaterialNotice;
    csrf: string | null;
  },
): string {
  const m = materialsMessages(ctx.lang);
  const { material: mat, hold, file } = model;
  const path = materialPath(hold.slug, mat.id);
  const button = (action: string, label: string, extra?: { name: string; value: string }) => (
    <form method="post" action={href(ctx, `${path}/${action}`)} class="holdet-inline-form">
      {model.csrf ? <CsrfField token={model.csrf} /> : null}
      {extra ? <input type="hidden" name={extra.name} value={extra.value} /> : null}
      <button type="submit" class="button button-secondary">
        {label}
      </button>
    </form>
  );
  return renderPage({
    ctx,
    title: mat.title,
    crumbs: crumbs(m, hold, { label: mat.title }),
    children: (
      <>
        <p class="holdet-kicker">{m[`materials.kind.${mat.kind}`]}</p>
        <h1>{mat.title}</h1>
        {model.notice ? (
          <div class="alert alert-success" role="status">
            <AlertIcon variant="success" />
            <div class="alert-body">
              <p class="alert-text">{m[`materials.done.${model.notice}`]}</p>
            </div>
          </div>
        ) : null}
        {mat.hidden ? (
          <div class="alert alert-warning">
            <AlertIcon variant="warning" />
            <div class="alert-body">
              <p class="alert-text">{m['materials.page.hidden']}</p>
            </div>
          </div>
        ) : null}
        {mat.description ? <p class="font-lead">{mat.description}</p> : null}
        <dl class="holdet-facts">
          <dt>{m['materials.page.place']}</dt>
          <dd>{model.place}</dd>
          <dt>{m['materials.page.phase']}</dt>
          <dd>{mat.phase === 'before' ? m['materials.before'] : m['materials.after']}</dd>
          <dt>{m['materials.page.addedBy']}</dt>
          <dd>
            {mat.addedByName}, {formatDateLong(mat.createdAt, ctx.lang)}
            {mat.shared ? <> · {m['materials.shared']}</> : null}
          </dd>
          {mat.kind === 'literature' ? (
            <>
              <dt>{m['materials.page.authors']}</dt>
              <dd>{mat.authors}</dd>
              {mat.year !== null ? (
                <>
                  <dt>{m['materials.page.year']}</dt>
                  <dd>{mat.year}</dd>
                </>
              ) : null}
              {mat.publisher ? (
                <>
                  <dt>{m['materials.page.publisher']}</dt>
                  <dd>{mat.publisher}</dd>
                </>
              ) : null}
              {mat.identifier ? (
                <>
                  <dt>{m['materials.page.identifier']}</dt>
                  <dd>{mat.identifier}</dd>
                </>
              ) : null}
            </>
          ) : null}
          {mat.url ? (
            <>
              <dt>{m['materials.page.link']}</dt>
              <dd>
                <a href={mat.url} rel="noopener nofollow noreferrer">
                  {mat.url}
                </a>
              </dd>
            </>
          ) : null}
          {file ? (
            <>
              <dt>{m['materials.page.file']}</dt>
              <dd>
                <a href={href(ctx, materialFilePath(hold.slug, mat.id))}>
                  {file.inline
                    ? m['materials.page.open'](file.name)
                    : m['materials.page.download'](file.name)}
                </a>{' '}
                ({formatSize(file.size, ctx.lang)})
              </dd>
            </>
          ) : null}
        </dl>
        {file?.audio ? (
          <section aria-labelledby="listen">
            <h2 id="listen" class="h3">
              {m['materials.page.listen']}
            </h2>
            {/* biome-ignore lint/a11y/useMediaCaption: a member's upload comes without captions; the page's description and title are its text */}
            <audio class="holdet-audio" controls preload="metadata" src={materialFilePath(hold.slug, mat.id)}>
              {m['materials.page.noAudio']}
            </audio>
          </section>
        ) : null}
        {mat.kind === 'note' ? (
          // The one place raw HTML reaches a page: markdown-it with HTML off, then the sanitize-html allow-list
          // (src/shared/markdown.ts, tested there).
          <div class="holdet-note" dangerouslySetInnerHTML={{ __html: renderMarkdown(mat.bodyMd) }} />
        ) : null}
        {model.may.edit || model.may.hide || model.may.reuse ? (
          <div class="holdet-material-actions">
            {model.may.edit ? (
              <p>
                <a class="button button-secondary" href={href(ctx, `${path}/rediger`)}>
                  {m['materials.page.edit']}
                </a>{' '}
                <a class="button button-tertiary" href={href(ctx, `${path}/slet`)}>
                  {m['materials.page.delete']}
                </a>
              </p>
            ) : null}
            {model.may.hide
              ? mat.hidden
                ? button('vis', m['materials.page.show'])
                : button('skjul', m['materials.page.hide'])
              : null}
            {model.may.reuse ? (
              <>
                {mat.reuse ? <p>{m['materials.page.reuseIsOn']}</p> : null}
                {mat.reuse
                  ? button('genbrug', m['materials.page.reuseOff'], { name: 'genbrug', value: 'nej' })
                  : button('genbrug', m['materials.page.reuseOn'], { name: 'genbrug', value: 'ja' })}
              </>
            ) : null}
          </div>
        ) : null}
        <p class="holdet-back">
          <a href={href(ctx, holdHomePath(hold.slug))}>{m['materials.page.back']}</a>
        </p>
      </>
    ),
  });
}

/** "Slet …?" — the button posts the confirmation. */
export function deletePage(
  ctx: PageContext,
  model: { hold: HoldHeading; material: Material; csrf: string; error?: string },
): string {
  const m = materialsMessages(ctx.lang);
  const title = m['materials.delete.title'](model.material.title);
  const path = materialPath(model.hold.slug, model.material.id);
  return renderPage({
    ctx,
    title: model.error ? `${m['materials.errorPrefix']}: ${title}` : title,
    crumbs: crumbs(
      m,
      model.hold,
      { href: path, label: model.material.title },
      { label: m['materials.page.delete'] },
    ),
    children: (
      <>
        <h1>{title}</h1>
        {model.error ? (
          <ErrorSummary
            heading={m['materials.errorSummary']}
            errors={[{ field: 'slet', message: model.error }]}
          />
        ) : null}
        <p>{m['materials.delete.text']}</p>
        <form method="post" action={href(ctx, `${path}/slet`)}>
          <CsrfField token={model.csrf} />
          <input type="hidden" name="bekraeft" value="ja" />
          <button type="submit" class="button button-primary" id="slet">
            {m['materials.delete.confirm']}
          </button>
        </form>
        <p class="holdet-back">
          <a href={href(ctx, path)}>{m['materials.delete.cancel']}</a>
        </p>
      </>
    ),
  });
}
