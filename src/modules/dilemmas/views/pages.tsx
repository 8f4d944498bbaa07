import { formatDateLong } from '../../../shared/danish.ts';
import { renderMarkdown } from '../../../shared/markdown.ts';
import {
  AlertIcon,
  Checkbox,
  CsrfField,
  ErrorSummary,
  RadioGroup,
  SelectField,
  TextField,
} from '../../../web/form.tsx';
import { href, type PageContext, renderPage } from '../../../web/layout.tsx';
import { PersonalDataConfirm } from '../../../web/personal-data-confirm.tsx';
import {
  COMMENT_MAX,
  DILEMMA_FIELDS,
  type DilemmaValues,
  FIELD_MAX,
  FOLLOWUP_MAX,
  type FormErrors,
  POINT_MAX,
  summaryOrder,
  TEMPLATE_FIELDS,
  TITLE_MAX,
  VISIBILITY_ANONYMOUS,
  VISIBILITY_NAMED,
} from '../forms.ts';
import { type DilemmasMessages, dilemmasMessages } from '../messages.ts';
import type { Dilemma, DilemmaComment } from '../model.ts';
import { agendaPath, dilemmaPath, dilemmasPath, followupFormPath, holdHomePath } from '../paths.ts';
import type { AuthorShown } from '../rules.ts';
import { DILEMMA_KINDS } from '../table.ts';

// The dilemmas pages: the list, the submit form, one dilemma with its comments (and, for the agenda's keepers,
// where it goes on the agenda), the agenda of a session, and the follow-up form. No JavaScript: every action is
// a form with a button.

export interface HoldHeading {
  slug: string;
  title: string;
}

export interface SessionChoice {
  id: string;
  ordinal: number;
  question: string;
}

/** The personal-data guard's warnings to confirm, when the last try gave some. */
export interface GuardState {
  warnings: Record<string, string>;
  confirmed: boolean;
}

function crumbs(m: DilemmasMessages, hold: HoldHeading, ...rest: { href?: string; label: string }[]) {
  return [
    { href: '/mit-hold', label: m['dilemmas.myHold'] },
    { href: holdHomePath(hold.slug), label: hold.title },
    ...rest,
  ];
}

const titled = (m: DilemmasMessages, title: string, errors: object) =>
  Object.keys(errors).length > 0 ? `${m['dilemmas.errorPrefix']}: ${title}` : title;

function Notice({ text }: { text: string | undefined }) {
  if (!text) return null;
  return (
    <div class="alert alert-success" role="status">
      <AlertIcon variant="success" />
      <div class="alert-body">
        <p class="alert-text">{text}</p>
      </div>
    </div>
  );
}

/** "En deltager", a name, or a name marked hidden from the members (the organiser's and facilitator's view). */
export function authorText(m: DilemmasMessages, shown: AuthorShown): string {
  switch (shown.kind) {
    case 'named':
      return shown.name;
    case 'hidden-from-members':
      return `${shown.name} (${m['dilemmas.hiddenFromMembers']})`;
    case 'you-anonymous':
      return m['dilemmas.youAnonymous'];
    default:
      return m['dilemmas.aMember'];
  }
}

function Author({ m, shown }: { m: DilemmasMessages; shown: AuthorShown }) {
  if (shown.kind === 'hidden-from-members')
    return (
      <>
        {shown.name} <strong class="holdet-tag holdet-tag-warn">{m['dilemmas.hiddenFromMembers']}</strong>
      </>
    );
  return <>{authorText(m, shown)}</>;
}

function Markdown({ md }: { md: string }) {
  return <div class="holdet-note" dangerouslySetInnerHTML={{ __html: renderMarkdown(md) }} />;
}

export interface ListItem {
  dilemma: Dilemma;
  author: AuthorShown;
  sessionOrdinal: number | null;
}

/** /mit-hold/:slug/dilemmaer: newest first, a page at a time. */
export function listPage(
  ctx: PageContext,
  model: {
    hold: HoldHeading;
    items: ListItem[];
    next: string | null;
    first: boolean;
    mayAdd: boolean;
    expertView: boolean;
  },
): string {
  const m = dilemmasMessages(ctx.lang);
  const title = m['dilemmas.title'];
  const base = dilemmasPath(model.hold.slug);
  return renderPage({
    ctx,
    title,
    crumbs: crumbs(m, model.hold, { label: title }),
    children: (
      <>
        <h1>{title}</h1>
        <p class="font-lead">{model.expertView ? m['dilemmas.expertIntro'] : m['dilemmas.intro']}</p>
        {model.mayAdd ? (
          <p>
            <a class="button button-primary" href={href(ctx, `${base}/ny`)}>
              {m['dilemmas.submitLink']}
            </a>
          </p>
        ) : null}
        {model.items.length === 0 ? (
          <p>{m['dilemmas.none']}</p>
        ) : (
          <ul class="nobullet-list holdet-materials">
            {model.items.map(({ dilemma: d, author, sessionOrdinal }) => (
              <li key={d.id}>
                <p class="holdet-material-title">
                  <span class="holdet-tag">{m[`dilemmas.kind.${d.kind}`]}</span>{' '}
                  <a href={href(ctx, dilemmaPath(model.hold.slug, d.id))}>{d.title}</a>
                </p>
                <p class="holdet-material-meta">
                  {m['dilemmas.by'](authorText(m, author), formatDateLong(d.createdAt, ctx.lang))}
                  {' · '}
                  {m[`dilemmas.status.${d.status}`]}
                  {sessionOrdinal !== null ? ` · ${m['dilemmas.onSession'](sessionOrdinal)}` : null}
                  {' · '}
                  {m['dilemmas.comments'](d.commentCount)}
                </p>
              </li>
            ))}
          </ul>
        )}
        {model.next || !model.first ? (
          <nav aria-label={m['dilemmas.pages']}>
            <ul class="nobullet-list holdet-pager">
              {model.first ? null : (
                <li>
                  <a href={href(ctx, base)}>{m['dilemmas.previous']}</a>
                </li>
              )}
              {model.next ? (
                <li>
                  <a href={href(ctx, `${base}?efter=${encodeURIComponent(model.next)}`)}>
                    {m['dilemmas.next']}
                  </a>
                </li>
              ) : null}
            </ul>
          </nav>
        ) : null}
        <p class="holdet-back">
          <a href={href(ctx, holdHomePath(model.hold.slug))}>{m['dilemmas.backHome']}</a>
        </p>
      </>
    ),
  });
}

/** The submit form: the template's labelled fields, and who will see the author's name, in plain words. */
export function submitPage(
  ctx: PageContext,
  model: {
    hold: HoldHeading;
    values: DilemmaValues;
    errors?: FormErrors<(typeof DILEMMA_FIELDS)[number]>;
    guard?: GuardState;
    csrf: string;
  },
): string {
  const m = dilemmasMessages(ctx.lang);
  const errors = model.errors ?? {};
  const v = model.values;
  const title = m['dilemmas.new.title'];
  const common = { errorPrefix: m['dilemmas.errorPrefix'], optionalText: m['dilemmas.optional'] };
  const labels = {
    situation: [m['dilemmas.field.situation'], m['dilemmas.field.situationHint']],
    dilemma: [m['dilemmas.field.dilemma'], m['dilemmas.field.dilemmaHint']],
    tried: [m['dilemmas.field.tried'], m['dilemmas.field.triedHint']],
    wanted: [m['dilemmas.field.wanted'], m['dilemmas.field.wantedHint']],
  } as const;
  return renderPage({
    ctx,
    title: titled(m, title, errors),
    crumbs: crumbs(
      m,
      model.hold,
      { href: dilemmasPath(model.hold.slug), label: m['dilemmas.title'] },
      { label: title },
    ),
    children: (
      <>
        <h1>{title}</h1>
        <ErrorSummary heading={m['dilemmas.errorHeading']} errors={summaryOrder(DILEMMA_FIELDS, errors)} />
        <p>{m['dilemmas.new.intro']}</p>
        <form method="post" action={href(ctx, `${dilemmasPath(model.hold.slug)}/ny`)} novalidate>
          <CsrfField token={model.csrf} />
          <RadioGroup
            {...common}
            name="kind"
            label={m['dilemmas.field.kind']}
            value={v.kind}
            error={errors.kind}
            options={DILEMMA_KINDS.map((k) => ({ value: k, label: m[`dilemmas.kind.${k}`] }))}
          />
          <TextField
            {...common}
            name="title"
            label={m['dilemmas.field.title']}
            hint={m['dilemmas.field.titleHint']}
            value={v.title}
            error={errors.title}
            maxLength={TITLE_MAX}
            required
            width="xl"
          />
          {TEMPLATE_FIELDS.map((f) => (
            <TextField
              {...common}
              key={f}
              name={f}
              label={labels[f][0]}
              hint={`${labels[f][1]} ${m['dilemmas.field.markdown']}`}
              value={v[f]}
              error={errors[f]}
              maxLength={FIELD_MAX}
              multiline
              required={f === 'situation' || f === 'dilemma'}
            />
          ))}
          <div class="alert alert-info">
            <AlertIcon variant="info" />
            <div class="alert-body">
              <p class="alert-text" id="visibility-explain">
                {m['dilemmas.visibility.explain']}
              </p>
            </div>
          </div>
          <RadioGroup
            {...common}
            name="visibility"
            label={m['dilemmas.field.visibility']}
            value={v.visibility}
            error={errors.visibility}
            options={[
              { value: VISIBILITY_NAMED, label: m['dilemmas.visibility.named'] },
              { value: VISIBILITY_ANONYMOUS, label: m['dilemmas.visibility.anonymous'] },
            ]}
          />
          {model.guard && Object.keys(model.guard.warnings).length > 0 ? (
            <PersonalDataConfirm
              lang={ctx.lang}
              warnings={model.guard.warnings}
              checked={model.guard.confirmed}
            />
          ) : null}
          <button type="submit" class="button button-primary">
            {m['dilemmas.new.submit']}
          </button>{' '}
          <a href={href(ctx, dilemmasPath(model.hold.slug))}>{m['dilemmas.new.cancel']}</a>
        </form>
      </>
    ),
  });
}

export interface CommentView {
  comment: DilemmaComment;
  author: AuthorShown;
}

/** One dilemma: the template's fields, the author as this person may see them, comments, and the agenda. */
export function dilemmaPage(
  ctx: PageContext,
  model: {
    hold: HoldHeading;
    dilemma: Dilemma;
    author: AuthorShown;
    sessionOrdinal: number | null;
    comments: CommentView[];
    moreComments: string | null;
    followupPath: string | null;
    comment: {
      value: string;
      error?: string;
      /** The author of an anonymous dilemma may comment anonymously (ticked unless they unticked it). */
      anonymousChoice: { checked: boolean } | null;
      name: string;
      guard?: GuardState;
    } | null;
    /** The agenda's keepers: sessions to put it on (null: not theirs, or past that step). */
    place: { sessions: SessionChoice[]; error?: string } | null;
    notice?: string;
    csrf: string;
  },
): string {
  const m = dilemmasMessages(ctx.lang);
  const d = model.dilemma;
  const path = dilemmaPath(model.hold.slug, d.id);
  const fields = [
    [m['dilemmas.field.situation'], d.situationMd],
    [m['dilemmas.field.dilemma'], d.dilemmaMd],
    [m['dilemmas.field.tried'], d.triedMd],
    [m['dilemmas.field.wanted'], d.wantedMd],
  ] as const;
  const c = model.comment;
  const errors = c?.error ? { body: c.error } : {};
  return renderPage({
    ctx,
    title: titled(m, d.title, errors),
    crumbs: crumbs(
      m,
      model.hold,
      { href: dilemmasPath(model.hold.slug), label: m['dilemmas.title'] },
      { label: d.title },
    ),
    children: (
      <>
        <p class="holdet-kicker">{m[`dilemmas.kind.${d.kind}`]}</p>
        <h1>{d.title}</h1>
        <Notice text={model.notice} />
        <ErrorSummary
          heading={m['dilemmas.errorHeading']}
          errors={[
            ...(c?.error ? [{ field: 'body', message: c.error }] : []),
            ...(model.place?.error ? [{ field: 'session', message: model.place.error }] : []),
          ]}
        />
        <dl class="holdet-facts">
          <dt>{m['dilemmas.author']}</dt>
          <dd>
            <Author m={m} shown={model.author} />, {formatDateLong(d.createdAt, ctx.lang)}
          </dd>
          <dt>{m['dilemmas.statusLabel']}</dt>
          <dd>
            {m[`dilemmas.status.${d.status}`]}
            {model.sessionOrdinal !== null ? ` · ${m['dilemmas.onSession'](model.sessionOrdinal)}` : null}
          </dd>
        </dl>
        {model.followupPath ? (
          <p>
            <a href={href(ctx, model.followupPath)}>{m['dilemmas.followup.link']}</a>
          </p>
        ) : null}
        {fields.map(([label, md]) =>
          md.trim() === '' ? null : (
            <section key={label}>
              <h2 class="h3">{label}</h2>
              <Markdown md={md} />
            </section>
          ),
        )}
        {model.place ? (
          <section aria-labelledby="place-heading">
            <h2 id="place-heading">{m['dilemmas.place.heading']}</h2>
            <form method="post" action={href(ctx, `${path}/dagsorden`)} novalidate>
              <CsrfField token={model.csrf} />
              <SelectField
                name="session"
                label={m['dilemmas.place.label']}
                errorPrefix={m['dilemmas.errorPrefix']}
                error={model.place.error}
                value={d.sessionId ?? ''}
                required
                width="xl"
                options={[
                  { value: '', label: '' },
                  ...model.place.sessions.map((s) => ({
                    value: s.id,
                    label: `Session ${s.ordinal}: ${s.question}`,
                  })),
                ]}
              />
              <button type="submit" class="button button-secondary">
                {m['dilemmas.place.submit']}
              </button>
            </form>
            {d.sessionId && model.sessionOrdinal !== null ? (
              <p>
                <a href={href(ctx, agendaPath(model.hold.slug, d.sessionId))}>
                  {m['dilemmas.place.toAgenda'](model.sessionOrdinal)}
                </a>
              </p>
            ) : null}
          </section>
        ) : null}
        <section aria-labelledby="comments-heading">
          <h2 id="comments-heading">
            {m['dilemmas.commentsHeading']} ({d.commentCount})
          </h2>
          {model.comments.length === 0 ? (
            <p>{m['dilemmas.noComments']}</p>
          ) : (
            <ol class="nobullet-list holdet-comments">
              {model.comments.map(({ comment, author }) => (
                <li key={comment.id} id={`kommentar-${comment.id}`}>
                  <p class="holdet-material-meta">
                    <Author m={m} shown={author} />, {formatDateLong(comment.createdAt, ctx.lang)}
                  </p>
                  <Markdown md={comment.bodyMd} />
                </li>
              ))}
            </ol>
          )}
          {model.moreComments ? (
            <p>
              <a href={href(ctx, `${path}?efter=${encodeURIComponent(model.moreComments)}`)}>
                {m['dilemmas.moreComments']}
              </a>
            </p>
          ) : null}
          {c ? (
            <form method="post" action={href(ctx, `${path}/kommentar`)} novalidate>
              <CsrfField token={model.csrf} />
              <TextField
                name="body"
                label={m['dilemmas.comment.label']}
                hint={m['dilemmas.comment.hint']}
                errorPrefix={m['dilemmas.errorPrefix']}
                value={c.value}
                error={c.error}
                maxLength={COMMENT_MAX}
                multiline
                required
              />
              {c.anonymousChoice ? (
                <Checkbox
                  name="anonym"
                  label={m['dilemmas.comment.anonymous']}
                  hint={m['dilemmas.comment.anonymousHint']}
                  errorPrefix={m['dilemmas.errorPrefix']}
                  checked={c.anonymousChoice.checked}
                />
              ) : (
                <p class="form-hint">{m['dilemmas.comment.named'](c.name)}</p>
              )}
              {c.guard && Object.keys(c.guard.warnings).length > 0 ? (
                <PersonalDataConfirm
                  lang={ctx.lang}
                  warnings={c.guard.warnings}
                  checked={c.guard.confirmed}
                />
              ) : null}
              <button type="submit" class="button button-primary">
                {m['dilemmas.comment.submit']}
              </button>
            </form>
          ) : null}
        </section>
        <p class="holdet-back">
          <a href={href(ctx, dilemmasPath(model.hold.slug))}>{m['dilemmas.back']}</a>
        </p>
      </>
    ),
  });
}

export interface AgendaLineView {
  id: string;
  kind: 'point' | 'dilemma';
  text: string | null;
  dilemmaId: string | null;
  status: Dilemma['status'] | null;
}

/** The agenda of one session for its keepers: order, remove, discussed, add points and dilemmas, follow-up. */
export function agendaPageView(
  ctx: PageContext,
  model: {
    hold: HoldHeading;
    session: SessionChoice;
    lines: AgendaLineView[];
    newDilemmas: { id: string; title: string }[];
    begun: boolean;
    followups: { title: string; path: string }[];
    point?: { value: string; error?: string };
    dilemmaError?: string;
    notice?: string;
    csrf: string;
  },
): string {
  const m = dilemmasMessages(ctx.lang);
  const title = m['agenda.title'](model.session.ordinal);
  const path = agendaPath(model.hold.slug, model.session.id);
  const errors = [
    ...(model.point?.error ? [{ field: 'point', message: model.point.error }] : []),
    ...(model.dilemmaError ? [{ field: 'dilemma', message: model.dilemmaError }] : []),
  ];
  const action = (line: AgendaLineView, move: string, label: string, disabled = false) => (
    <form method="post" action={href(ctx, `${path}/punkter/${line.id}`)} class="holdet-inline-form">
      <CsrfField token={model.csrf} />
      <input type="hidden" name="handling" value={move} />
      <button type="submit" class="button button-secondary" disabled={disabled}>
        {label}
        <span class="sr-only">: {line.text ?? m['agenda.aDilemma']}</span>
      </button>
    </form>
  );
  return renderPage({
    ctx,
    title: titled(m, title, errors),
    crumbs: crumbs(m, model.hold, { label: title }),
    children: (
      <>
        <p class="holdet-kicker">{model.session.question}</p>
        <h1>{title}</h1>
        <Notice text={model.notice} />
        <ErrorSummary heading={m['dilemmas.errorHeading']} errors={errors} />
        <p>{m['agenda.intro']}</p>
        {model.lines.length === 0 ? (
          <p>{m['agenda.empty']}</p>
        ) : (
          <ol class="holdet-agenda">
            {model.lines.map((line, i) => (
              <li key={line.id}>
                <p>
                  {line.kind === 'dilemma' && line.dilemmaId ? (
                    <>
                      <span class="holdet-tag">{m['dilemmas.kind.dilemma']}</span>{' '}
                      <a href={href(ctx, dilemmaPath(model.hold.slug, line.dilemmaId))}>{line.text}</a>
                      {line.status ? ` · ${m[`dilemmas.status.${line.status}`]}` : null}
                    </>
                  ) : (
                    line.text
                  )}
                </p>
                <div class="holdet-material-actions">
                  {i > 0 ? action(line, 'op', m['agenda.up']) : null}
                  {i < model.lines.length - 1 ? action(line, 'ned', m['agenda.down']) : null}
                  {line.kind === 'point' || line.status === 'agenda'
                    ? action(line, 'fjern', m['agenda.remove'])
                    : null}
                  {line.kind === 'dilemma' && line.status === 'agenda' && model.begun && line.dilemmaId ? (
                    <form
                      method="post"
                      action={href(ctx, `${dilemmaPath(model.hold.slug, line.dilemmaId)}/droeftet`)}
                      class="holdet-inline-form"
                    >
                      <CsrfField token={model.csrf} />
                      <button type="submit" class="button button-secondary">
                        {m['agenda.discussed']}
                        <span class="sr-only">: {line.text}</span>
                      </button>
                    </form>
                  ) : null}
                </div>
              </li>
            ))}
          </ol>
        )}
        <section aria-labelledby="add-point">
          <h2 id="add-point" class="h3">
            {m['agenda.addPoint']}
          </h2>
          <form method="post" action={href(ctx, `${path}/punkt`)} novalidate>
            <CsrfField token={model.csrf} />
            <TextField
              name="point"
              label={m['agenda.pointLabel']}
              hint={m['agenda.pointHint']}
              errorPrefix={m['dilemmas.errorPrefix']}
              value={model.point?.value ?? ''}
              error={model.point?.error}
              maxLength={POINT_MAX}
              required
              width="xl"
            />
            <button type="submit" class="button button-secondary">
              {m['agenda.addPointSubmit']}
            </button>
          </form>
        </section>
        <section aria-labelledby="add-dilemma">
          <h2 id="add-dilemma" class="h3">
            {m['agenda.addDilemma']}
          </h2>
          {model.newDilemmas.length === 0 ? (
            <p>{m['agenda.noNewDilemmas']}</p>
          ) : (
            <form method="post" action={href(ctx, `${path}/dilemma`)} novalidate>
              <CsrfField token={model.csrf} />
              <SelectField
                name="dilemma"
                label={m['agenda.dilemmaLabel']}
                errorPrefix={m['dilemmas.errorPrefix']}
                error={model.dilemmaError}
                required
                width="xl"
                options={[
                  { value: '', label: '' },
                  ...model.newDilemmas.map((d) => ({ value: d.id, label: d.title })),
                ]}
              />
              <button type="submit" class="button button-secondary">
                {m['agenda.addDilemmaSubmit']}
              </button>
            </form>
          )}
        </section>
        <section aria-labelledby="followup">
          <h2 id="followup" class="h3">
            {m['agenda.followup']}
          </h2>
          {model.followups.length > 0 ? (
            <>
              <p>{m['agenda.followupWritten']}</p>
              <ul>
                {model.followups.map((f) => (
                  <li key={f.path}>
                    <a href={href(ctx, f.path)}>{f.title}</a>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {model.begun ? (
            <p>
              <a href={href(ctx, followupFormPath(model.hold.slug, model.session.id))}>
                {m['agenda.followup']}
              </a>
            </p>
          ) : (
            <p>{m['agenda.followupAfter']}</p>
          )}
        </section>
        <p class="holdet-back">
          <a href={href(ctx, holdHomePath(model.hold.slug))}>{m['dilemmas.backHome']}</a>
        </p>
      </>
    ),
  });
}

/** The follow-up form: a title, the text, and the discussed dilemmas it takes up (ticked by default). */
export function followupPageView(
  ctx: PageContext,
  model: {
    hold: HoldHeading;
    session: SessionChoice;
    discussed: { id: string; title: string }[];
    values: { title: string; body: string; dilemmaIds: string[] };
    errors?: FormErrors<'title' | 'body'>;
    guard?: GuardState;
    csrf: string;
  },
): string {
  const m = dilemmasMessages(ctx.lang);
  const title = m['followup.title'](model.session.ordinal);
  const errors = model.errors ?? {};
  const v = model.values;
  return renderPage({
    ctx,
    title: titled(m, title, errors),
    crumbs: crumbs(
      m,
      model.hold,
      {
        href: agendaPath(model.hold.slug, model.session.id),
        label: m['agenda.title'](model.session.ordinal),
      },
      { label: title },
    ),
    children: (
      <>
        <h1>{title}</h1>
        <ErrorSummary heading={m['dilemmas.errorHeading']} errors={summaryOrder(['title', 'body'], errors)} />
        <p>{m['followup.intro']}</p>
        <form
          method="post"
          action={href(ctx, followupFormPath(model.hold.slug, model.session.id))}
          novalidate
        >
          <CsrfField token={model.csrf} />
          <TextField
            name="title"
            label={m['followup.field.title']}
            errorPrefix={m['dilemmas.errorPrefix']}
            value={v.title}
            error={errors.title}
            maxLength={TITLE_MAX}
            required
            width="xl"
          />
          <TextField
            name="body"
            label={m['followup.field.body']}
            hint={m['followup.field.bodyHint']}
            errorPrefix={m['dilemmas.errorPrefix']}
            value={v.body}
            error={errors.body}
            maxLength={FOLLOWUP_MAX}
            multiline
            required
          />
          {model.discussed.length === 0 ? (
            <p>{m['followup.noDiscussed']}</p>
          ) : (
            <fieldset class="form-group">
              <legend class="form-label">{m['followup.field.dilemmas']}</legend>
              {model.discussed.map((d) => (
                <div class="form-group-checkbox" key={d.id}>
                  <input
                    class="form-checkbox"
                    type="checkbox"
                    id={`dilemma-${d.id}`}
                    name="dilemma"
                    value={d.id}
                    checked={v.dilemmaIds.includes(d.id)}
                  />
                  <label class="form-label" for={`dilemma-${d.id}`}>
                    {d.title}
                  </label>
                </div>
              ))}
            </fieldset>
          )}
          {model.guard && Object.keys(model.guard.warnings).length > 0 ? (
            <PersonalDataConfirm
              lang={ctx.lang}
              warnings={model.guard.warnings}
              checked={model.guard.confirmed}
            />
          ) : null}
          <button type="submit" class="button button-primary">
            {m['followup.submit']}
          </button>
        </form>
        <p class="holdet-back">
          <a href={href(ctx, agendaPath(model.hold.slug, model.session.id))}>
            {m['agenda.back'](model.session.ordinal)}
          </a>
        </p>
      </>
    ),
  });
}
