import { formatDateLong, formatTime } from '../../../shared/danish.ts';
import { renderMarkdown } from '../../../shared/markdown.ts';
import { AlertIcon, CsrfField, ErrorSummary, SelectField, TextField } from '../../../web/form.tsx';
import { href, type PageContext, renderPage } from '../../../web/layout.tsx';
import { PersonalDataConfirm } from '../../../web/personal-data-confirm.tsx';
import { BODY_MAX, type FormErrors, REASON_MAX, TITLE_MAX } from '../forms.ts';
import { type QuestionsMessages, questionsMessages } from '../messages.ts';
import type { Post, Question } from '../model.ts';
import { askPath, holdHomePath, postPath, questionPath, questionsBase } from '../paths.ts';
import { ageInDays } from '../rules.ts';
import type { ListFilter, Revision, Thread, UnansweredItem } from '../service.ts';
import { QuestionItem, StateText } from './home.tsx';

// The questions pages: the series' list with its filters, the ask form, a question's page with its thread
// and reply form, the edit, delete and history pages of a post, and the organiser's unanswered list. Every
// form posts without JavaScript; the personal-data guard's warnings come with the tick that confirms them.

export interface HoldHeading {
  slug: string;
  title: string;
}

export interface Option {
  value: string;
  label: string;
}

/** What a form shows again after a refusal: the values, the errors, the guard's warnings and the tick. */
export interface FormState<V> {
  values: V;
  errors: FormErrors;
  warnings: Record<string, string>;
  confirmed: boolean;
}

function crumbs(m: QuestionsMessages, hold: HoldHeading, ...rest: { href?: string; label: string }[]) {
  return [
    { href: '/mit-hold', label: m['questions.myHold'] },
    { href: holdHomePath(hold.slug), label: hold.title },
    ...rest,
  ];
}

const titled = (m: QuestionsMessages, title: string, errors: FormErrors) =>
  Object.keys(errors).length > 0 ? `${m['questions.errorPrefix']}: ${title}` : title;

const when = (ctx: PageContext, iso: string) =>
  `${formatDateLong(iso, ctx.lang)} ${ctx.lang === 'da' ? 'kl.' : 'at'} ${formatTime(iso, ctx.lang)}`;

function summary(errors: FormErrors, order: readonly string[]) {
  const fields = [...order, ...Object.keys(errors).filter((f) => !order.includes(f))];
  return fields.flatMap((field) => (errors[field] ? [{ field, message: errors[field] as string }] : []));
}

function Notice({ text }: { text: string }) {
  return (
    <div class="alert alert-success" role="status">
      <AlertIcon variant="success" />
      <div class="alert-body">
        <p class="alert-text">{text}</p>
      </div>
    </div>
  );
}

// ——— The list ———

const FILTER_SLUGS: Record<ListFilter, string | null> = {
  all: null,
  unanswered: 'ubesvarede',
  solved: 'loeste',
};

export function listUrl(slug: string, filter: ListFilter, mine: boolean, after?: string): string {
  const params = new URLSearchParams();
  const vis = FILTER_SLUGS[filter];
  if (vis) params.set('vis', vis);
  if (mine) params.set('til', 'mig');
  if (after) params.set('efter', after);
  const qs = params.toString();
  return qs ? `${questionsBase(slug)}?${qs}` : questionsBase(slug);
}

export function filterFromSlug(value: unknown): ListFilter {
  return value === 'ubesvarede' ? 'unanswered' : value === 'loeste' ? 'solved' : 'all';
}

export function listPage(
  ctx: PageContext,
  model: {
    hold: HoldHeading;
    filter: ListFilter;
    mine: boolean;
    /** Offer the "Til mig" filter (an expert or the facilitator). */
    addressee: boolean;
    substituteOnly: boolean;
    questions: Question[];
    next: string | null;
    paged: boolean;
    /** With "til mig": the unanswered ones waiting for this person, oldest first. */
    waiting: Question[] | null;
    ordinals: ReadonlyMap<string, number>;
    mayAsk: boolean;
    now: Date;
  },
): string {
  const m = questionsMessages(ctx.lang);
  const { hold, now } = model;
  const title = m['questions.title'];
  const ordinal = (q: Question) => (q.sessionId ? (model.ordinals.get(q.sessionId) ?? null) : null);
  const filters: { filter: ListFilter; mine: boolean; label: string }[] = [
    { filter: 'all', mine: false, label: m['questions.filter.all'] },
    { filter: 'unanswered', mine: false, label: m['questions.filter.unanswered'] },
    { filter: 'solved', mine: false, label: m['questions.filter.solved'] },
    ...(model.addressee ? [{ filter: 'all' as const, mine: true, label: m['questions.filter.mine'] }] : []),
  ];
  return renderPage({
    ctx,
    title,
    crumbs: crumbs(m, hold, { label: m['questions.short'] }),
    children: (
      <>
        <h1>{title}</h1>
        <p class="font-lead">
          {model.substituteOnly ? m['questions.introSubstitute'] : m['questions.intro']}
        </p>
        {model.mayAsk ? (
          <p>
            <a class="button button-primary" href={href(ctx, askPath(hold.slug))}>
              {m['questions.ask']}
            </a>
          </p>
        ) : null}
        <nav aria-label={m['questions.filter']}>
          <ul class="nobullet-list holdet-inline-list">
            {filters.map((f) => {
              const current = f.filter === model.filter && f.mine === model.mine;
              return (
                <li key={f.label}>
                  <a
                    href={href(ctx, listUrl(hold.slug, f.filter, f.mine))}
                    aria-current={current ? 'page' : undefined}
                  >
                    {current ? <strong>{f.label}</strong> : f.label}
                  </a>
                </li>
              );
            })}
          </ul>
        </nav>
        {model.waiting ? (
          <section aria-labelledby="waiting">
            <h2 id="waiting" class="h3">
              {m['questions.waiting']}
            </h2>
            {model.waiting.length === 0 ? (
              <p>{m['questions.waitingNone']}</p>
            ) : (
              <ul class="nobullet-list holdet-materials" aria-labelledby="waiting">
                {model.waiting.map((q) => (
                  <QuestionItem
                    key={q.id}
                    ctx={ctx}
                    slug={hold.slug}
                    question={q}
                    now={now}
                    sessionOrdinal={ordinal(q)}
                  />
                ))}
              </ul>
            )}
          </section>
        ) : null}
        <h2 class="h3" id="list">
          {filters.find((f) => f.filter === model.filter && f.mine === model.mine)?.label ??
            m['questions.filter.all']}
        </h2>
        {model.questions.length === 0 ? (
          <p>{m['questions.none']}</p>
        ) : (
          <ul class="nobullet-list holdet-materials" aria-labelledby="list">
            {model.questions.map((q) => (
              <QuestionItem
                key={q.id}
                ctx={ctx}
                slug={hold.slug}
                question={q}
                now={now}
                sessionOrdinal={ordinal(q)}
              />
            ))}
          </ul>
        )}
        <p>
          {model.paged ? (
            <a href={href(ctx, listUrl(hold.slug, model.filter, model.mine))}>{m['questions.first']}</a>
          ) : null}
          {model.paged && model.next ? ' · ' : null}
          {model.next ? (
            <a href={href(ctx, listUrl(hold.slug, model.filter, model.mine, model.next))}>
              {m['questions.next']}
            </a>
          ) : null}
        </p>
        <p class="holdet-back">
          <a href={href(ctx, holdHomePath(hold.slug))}>{m['questions.myHold']}</a>
        </p>
      </>
    ),
  });
}

// ——— Ask ———

export interface AskFormValues {
  title: string;
  body: string;
  to: string;
  session: string;
}

export function askPage(
  ctx: PageContext,
  model: {
    hold: HoldHeading;
    state: FormState<AskFormValues>;
    to: Option[];
    sessions: Option[];
    csrf: string;
  },
): string {
  const m = questionsMessages(ctx.lang);
  const { values: v, errors, warnings, confirmed } = model.state;
  const title = m['questions.ask'];
  const common = { errorPrefix: m['questions.errorPrefix'], optionalText: m['questions.optional'] };
  return renderPage({
    ctx,
    title: titled(m, title, errors),
    crumbs: crumbs(
      m,
      model.hold,
      { href: questionsBase(model.hold.slug), label: m['questions.short'] },
      { label: title },
    ),
    children: (
      <>
        <h1>{title}</h1>
        <ErrorSummary
          heading={m['questions.errorSummary']}
          errors={summary(errors, ['title', 'body', 'to', 'session'])}
        />
        <form method="post" action={href(ctx, askPath(model.hold.slug))} novalidate>
          <CsrfField token={model.csrf} />
          <TextField
            {...common}
            name="title"
            label={m['questions.form.title']}
            hint={m['questions.form.titleHint']}
            value={v.title}
            error={errors.title}
            maxLength={TITLE_MAX}
            required
            width="xl"
          />
          <TextField
            {...common}
            name="body"
            label={m['questions.form.body']}
            hint={m['questions.form.bodyHint']}
            value={v.body}
            error={errors.body}
            maxLength={BODY_MAX}
            multiline
            required
          />
          <SelectField
            {...common}
            name="to"
            label={m['questions.form.to']}
            value={v.to}
            error={errors.to}
            options={model.to}
            required
            width="xl"
          />
          <SelectField
            {...common}
            name="session"
            label={m['questions.form.session']}
            value={v.session}
            error={errors.session}
            options={model.sessions}
            required
            width="xl"
          />
          {Object.keys(warnings).length > 0 ? (
            <PersonalDataConfirm lang={ctx.lang} warnings={warnings} checked={confirmed} />
          ) : null}
          <button type="submit" class="button button-primary">
            {m['questions.form.submit']}
          </button>
        </form>
        <p class="holdet-back">
          <a href={href(ctx, questionsBase(model.hold.slug))}>{m['questions.form.back']}</a>
        </p>
      </>
    ),
  });
}

// ——— A question and its thread ———

export type QuestionNotice =
  | 'asked'
  | 'replied'
  | 'saved'
  | 'solved'
  | 'unsolved'
  | 'followed'
  | 'unfollowed'
  | 'deleted';
export const NOTICES: readonly QuestionNotice[] = [
  'asked',
  'replied',
  'saved',
  'solved',
  'unsolved',
  'followed',
  'unfollowed',
  'deleted',
];

export interface PostMay {
  edit: boolean;
  delete: boolean;
  history: boolean;
}

function roleLabel(m: QuestionsMessages, post: Post): string | null {
  if (post.authorRole === 'member') return null;
  return m[`questions.page.role.${post.authorRole}`];
}

function PostView(props: {
  ctx: PageContext;
  m: QuestionsMessages;
  slug: string;
  question: Question;
  post: Post;
  may: PostMay;
  solved: boolean;
  solveButton: 'mark' | 'unmark' | null;
  csrf: string | null;
}) {
  const { ctx, m, slug, question, post, may } = props;
  const base = postPath(slug, question.id, post.id);
  const role = roleLabel(m, post);
  return (
    <article id={`indlaeg-${post.id}`} class={`holdet-post${props.solved ? ' holdet-post-solved' : ''}`}>
      {props.solved ? (
        <p>
          <strong class="holdet-tag holdet-tag-new">{m['questions.page.solvedBy']}</strong>
        </p>
      ) : null}
      <p class="holdet-material-meta">
        <strong>{post.authorName}</strong>
        {role ? ` (${role})` : null} · {when(ctx, post.createdAt)}
        {post.editedAt && !post.deleted ? <> · {m['questions.page.edited']}</> : null}
      </p>
      {post.deleted ? (
        <p>
          <em>
            {post.deleteReason !== null
              ? m['questions.page.deletedByOrganiser'](post.deleteReason)
              : m['questions.page.deletedByAuthor']}
          </em>
        </p>
      ) : (
        // Raw HTML reaches the page only here: markdown-it with HTML off, then the sanitize allow-list.
        <div class="holdet-note" dangerouslySetInnerHTML={{ __html: renderMarkdown(post.bodyMd) }} />
      )}
      {may.edit || may.delete || may.history || props.solveButton ? (
        <p class="holdet-material-actions">
          {may.edit ? (
            <a href={href(ctx, `${base}/rediger`)}>
              {m['questions.page.edit']}
              <span class="sr-only">: {post.authorName}</span>
            </a>
          ) : null}
          {may.delete ? (
            <>
              {may.edit ? ' · ' : null}
              <a href={href(ctx, `${base}/slet`)}>
                {m['questions.page.delete']}
                <span class="sr-only">: {post.authorName}</span>
              </a>
            </>
          ) : null}
          {may.history && post.editedAt ? (
            <>
              {may.edit || may.delete ? ' · ' : null}
              <a href={href(ctx, `${base}/historik`)}>{m['questions.page.history']}</a>
            </>
          ) : null}
        </p>
      ) : null}
      {props.solveButton && props.csrf ? (
        <form
          method="post"
          action={href(ctx, `${questionPath(slug, question.id)}/loest`)}
          class="holdet-inline-form"
        >
          <CsrfField token={props.csrf} />
          <input type="hidden" name="indlaeg" value={props.solveButton === 'mark' ? post.id : ''} />
          <button type="submit" class="button button-secondary">
            {props.solveButton === 'mark' ? m['questions.page.markSolved'] : m['questions.page.unmarkSolved']}
            <span class="sr-only">: {post.authorName}</span>
          </button>
        </form>
      ) : null}
    </article>
  );
}

export function questionPage(
  ctx: PageContext,
  model: {
    hold: HoldHeading;
    thread: Thread;
    sessionLabel: string;
    mayPost: (post: Post) => PostMay;
    maySolve: boolean;
    mayFollow: boolean;
    reply: FormState<{ body: string }> | null;
    notice?: QuestionNotice;
    csrf: string;
    now: Date;
  },
): string {
  const m = questionsMessages(ctx.lang);
  const { hold, thread } = model;
  const { question } = thread;
  const path = questionPath(hold.slug, question.id);
  if (question.deleted) {
    const reason = thread.opening.deleteReason;
    return renderPage({
      ctx,
      title: m['questions.page.questionDeleted'],
      crumbs: crumbs(
        m,
        hold,
        { href: questionsBase(hold.slug), label: m['questions.short'] },
        { label: m['questions.page.questionDeleted'] },
      ),
      children: (
        <>
          {model.notice ? <Notice text={m[`questions.done.${model.notice}`]} /> : null}
          <h1>{m['questions.page.questionDeleted']}</h1>
          <p>
            {reason !== null
              ? m['questions.page.deletedByOrganiser'](reason)
              : m['questions.page.deletedByAuthor']}
          </p>
          <p class="holdet-back">
            <a href={href(ctx, questionsBase(hold.slug))}>{m['questions.page.back']}</a>
          </p>
        </>
      ),
    });
  }
  const to =
    question.addressedTo === 'expert'
      ? m['questions.to.expert'](question.expertName)
      : m[`questions.to.${question.addressedTo}`];
  const replyErrors = model.reply?.errors ?? {};
  return renderPage({
    ctx,
    title: titled(m, question.title, replyErrors),
    crumbs: crumbs(
      m,
      hold,
      { href: questionsBase(hold.slug), label: m['questions.short'] },
      { label: question.title },
    ),
    children: (
      <>
        {model.notice ? <Notice text={m[`questions.done.${model.notice}`]} /> : null}
        <ErrorSummary heading={m['questions.errorSummary']} errors={summary(replyErrors, ['body'])} />
        <p class="holdet-kicker">
          {to} · {model.sessionLabel}
        </p>
        <h1>{question.title}</h1>
        <p>
          <StateText m={m} question={question} now={model.now} />
          {question.state === 'unanswered' ? null : (
            <span class="sr-only"> {m['questions.age'](ageInDays(question.createdAt, model.now))}</span>
          )}
        </p>
        <PostView
          ctx={ctx}
          m={m}
          slug={hold.slug}
          question={question}
          post={thread.opening}
          may={model.mayPost(thread.opening)}
          solved={false}
          solveButton={null}
          csrf={model.csrf}
        />
        {model.mayFollow ? (
          <form method="post" action={href(ctx, `${path}/foelg`)} class="holdet-inline-form">
            <CsrfField token={model.csrf} />
            <p>{thread.following ? m['questions.page.following'] : m['questions.page.notFollowing']}</p>
            <input type="hidden" name="foelg" value={thread.following ? 'nej' : 'ja'} />
            <button type="submit" class="button button-secondary">
              {thread.following ? m['questions.page.unfollow'] : m['questions.page.follow']}
            </button>
          </form>
        ) : null}
        <section aria-labelledby="thread">
          <h2 id="thread">
            {m['questions.page.thread']} ({m['questions.replies'](question.replyCount)})
          </h2>
          {thread.replies.length === 0 ? <p>{m['questions.page.noReplies']}</p> : null}
          {thread.replies.map((post) => {
            const solved = post.id === question.solvedPostId;
            return (
              <PostView
                key={post.id}
                ctx={ctx}
                m={m}
                slug={hold.slug}
                question={question}
                post={post}
                may={model.mayPost(post)}
                solved={solved}
                solveButton={model.maySolve && !post.deleted ? (solved ? 'unmark' : 'mark') : null}
                csrf={model.csrf}
              />
            );
          })}
        </section>
        {model.reply ? (
          <section aria-labelledby="reply">
            <h2 id="reply">{m['questions.reply.heading']}</h2>
            <form method="post" action={href(ctx, `${path}/svar`)} novalidate>
              <CsrfField token={model.csrf} />
              <TextField
                name="body"
                label={m['questions.reply.body']}
                hint={m['questions.reply.hint']}
                value={model.reply.values.body}
                error={replyErrors.body}
                errorPrefix={m['questions.errorPrefix']}
                maxLength={BODY_MAX}
                multiline
                required
              />
              {Object.keys(model.reply.warnings).length > 0 ? (
                <PersonalDataConfirm
                  lang={ctx.lang}
                  warnings={model.reply.warnings}
                  checked={model.reply.confirmed}
                />
              ) : null}
              <button type="submit" class="button button-primary">
                {m['questions.reply.submit']}
              </button>
            </form>
          </section>
        ) : null}
        <p class="holdet-back">
          <a href={href(ctx, questionsBase(hold.slug))}>{m['questions.page.back']}</a>
        </p>
      </>
    ),
  });
}

// ——— Edit, delete, history ———

export function editPage(
  ctx: PageContext,
  model: {
    hold: HoldHeading;
    question: Question;
    post: Post;
    state: FormState<{ title: string; body: string }>;
    csrf: string;
  },
): string {
  const m = questionsMessages(ctx.lang);
  const { values: v, errors, warnings, confirmed } = model.state;
  const opening = model.post.kind === 'question';
  const title = m['questions.edit.title'];
  const path = questionPath(model.hold.slug, model.question.id);
  const common = { errorPrefix: m['questions.errorPrefix'] };
  return renderPage({
    ctx,
    title: titled(m, title, errors),
    crumbs: crumbs(m, model.hold, { href: path, label: model.question.title }, { label: title }),
    children: (
      <>
        <h1>{title}</h1>
        <ErrorSummary heading={m['questions.errorSummary']} errors={summary(errors, ['title', 'body'])} />
        <form
          method="post"
          action={href(ctx, `${postPath(model.hold.slug, model.question.id, model.post.id)}/rediger`)}
          novalidate
        >
          <CsrfField token={model.csrf} />
          {opening ? (
            <TextField
              {...common}
              name="title"
              label={m['questions.form.title']}
              value={v.title}
              error={errors.title}
              maxLength={TITLE_MAX}
              required
              width="xl"
            />
          ) : null}
          <TextField
            {...common}
            name="body"
            label={opening ? m['questions.form.body'] : m['questions.reply.body']}
            hint={m['questions.form.bodyHint']}
            value={v.body}
            error={errors.body}
            maxLength={BODY_MAX}
            multiline
            required
          />
          {Object.keys(warnings).length > 0 ? (
            <PersonalDataConfirm lang={ctx.lang} warnings={warnings} checked={confirmed} />
          ) : null}
          <button type="submit" class="button button-primary">
            {m['questions.edit.submit']}
          </button>
        </form>
        <p class="holdet-back">
          <a href={href(ctx, path)}>{m['questions.edit.cancel']}</a>
        </p>
      </>
    ),
  });
}

export function deletePage(
  ctx: PageContext,
  model: {
    hold: HoldHeading;
    question: Question;
    post: Post;
    organiser: boolean;
    reason: string;
    errors: FormErrors;
    csrf: string;
  },
): string {
  const m = questionsMessages(ctx.lang);
  const title = m['questions.delete.title'];
  const path = questionPath(model.hold.slug, model.question.id);
  const { errors } = model;
  return renderPage({
    ctx,
    title: titled(m, title, errors),
    crumbs: crumbs(m, model.hold, { href: path, label: model.question.title }, { label: title }),
    children: (
      <>
        <h1>{title}</h1>
        <ErrorSummary heading={m['questions.errorSummary']} errors={summary(errors, ['reason', 'slet'])} />
        <p>{model.organiser ? m['questions.delete.textOrganiser'] : m['questions.delete.textAuthor']}</p>
        {model.post.kind === 'question' ? <p>{m['questions.delete.textQuestion']}</p> : null}
        <form
          method="post"
          action={href(ctx, `${postPath(model.hold.slug, model.question.id, model.post.id)}/slet`)}
          novalidate
        >
          <CsrfField token={model.csrf} />
          {model.organiser ? (
            <TextField
              name="reason"
              label={m['questions.delete.reason']}
              value={model.reason}
              error={errors.reason}
              errorPrefix={m['questions.errorPrefix']}
              maxLength={REASON_MAX}
              required
              width="xl"
            />
          ) : null}
          <input type="hidden" name="bekraeft" value="ja" />
          <button type="submit" class="button button-primary" id="slet">
            {m['questions.delete.confirm']}
          </button>
        </form>
        <p class="holdet-back">
          <a href={href(ctx, path)}>{m['questions.edit.cancel']}</a>
        </p>
      </>
    ),
  });
}

export function historyPage(
  ctx: PageContext,
  model: { hold: HoldHeading; question: Question; post: Post; revisions: Revision[] },
): string {
  const m = questionsMessages(ctx.lang);
  const title = m['questions.history.title'];
  const path = questionPath(model.hold.slug, model.question.id);
  return renderPage({
    ctx,
    title,
    crumbs: crumbs(m, model.hold, { href: path, label: model.question.title }, { label: title }),
    children: (
      <>
        <h1>{title}</h1>
        <h2 class="h3">{m['questions.history.current']}</h2>
        {model.post.kind === 'question' ? (
          <p>
            <strong>{model.question.title}</strong>
          </p>
        ) : null}
        <div class="holdet-note" dangerouslySetInnerHTML={{ __html: renderMarkdown(model.post.bodyMd) }} />
        {model.revisions.length === 0 ? <p>{m['questions.history.none']}</p> : null}
        {model.revisions.map((r) => (
          <section key={r.replacedAt}>
            <h2 class="h3">{m['questions.history.replaced'](when(ctx, r.replacedAt))}</h2>
            {r.title !== null ? (
              <p>
                <strong>{r.title}</strong>
              </p>
            ) : null}
            <div class="holdet-note" dangerouslySetInnerHTML={{ __html: renderMarkdown(r.bodyMd) }} />
          </section>
        ))}
        <p class="holdet-back">
          <a href={href(ctx, path)}>{m['questions.edit.cancel']}</a>
        </p>
      </>
    ),
  });
}

// ——— The organiser's list ———

export function durationText(m: QuestionsMessages, ms: number): string {
  const hours = Math.round(ms / 3_600_000);
  return hours < 48
    ? m['questions.admin.hours'](Math.max(0, hours))
    : m['questions.admin.days'](Math.round(hours / 24));
}

export function organiserPage(
  ctx: PageContext,
  model: { items: UnansweredItem[]; medianMs: number | null; now: Date },
): string {
  const m = questionsMessages(ctx.lang);
  const title = m['questions.admin.title'];
  return renderPage({
    ctx,
    title,
    crumbs: [{ href: '/arrangoer', label: ctx.lang === 'da' ? 'Arrangør' : 'Organiser' }, { label: title }],
    children: (
      <>
        <h1>{title}</h1>
        <p class="font-lead">{m['questions.admin.intro']}</p>
        <p>
          {model.medianMs === null
            ? m['questions.admin.medianNone']
            : m['questions.admin.median'](durationText(m, model.medianMs))}
        </p>
        {model.items.length === 0 ? (
          <p>{m['questions.admin.none']}</p>
        ) : (
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{m['questions.admin.col.question']}</th>
                <th scope="col">{m['questions.admin.col.series']}</th>
                <th scope="col">{m['questions.admin.col.to']}</th>
                <th scope="col">{m['questions.admin.col.age']}</th>
              </tr>
            </thead>
            <tbody>
              {model.items.map((q) => (
                <tr key={q.id}>
                  <td>
                    <a href={href(ctx, questionPath(q.seriesSlug, q.id))}>{q.title}</a>
                  </td>
                  <td>{q.seriesTitle}</td>
                  <td>
                    {q.addressedTo === 'expert'
                      ? m['questions.to.expert'](q.expertName)
                      : m[`questions.to.${q.addressedTo}`]}
                  </td>
                  <td>{m['questions.unansweredFor'](ageInDays(q.createdAt, model.now))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p class="holdet-back">
          <a href={href(ctx, '/arrangoer')}>{m['questions.admin.back']}</a>
        </p>
      </>
    ),
  });
}
