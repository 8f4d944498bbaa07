import { formatDateLong, formatTime } from '../../../shared/danish.ts';
import { renderMarkdown } from '../../../shared/markdown.ts';
import { CsrfField, ErrorSummary, TextField } from '../../../web/form.tsx';
import { href, type PageContext, renderPage } from '../../../web/layout.tsx';
import { PersonalDataConfirm } from '../../../web/personal-data-confirm.tsx';
import type { AnnouncementValues, FormErrors, MessageValues } from '../forms.ts';
import { ANNOUNCEMENT_FIELDS } from '../forms.ts';
import { type MessagesMessages, messagesMessages } from '../messages.ts';
import type { Announcement, AnnouncementItem, Thread, ThreadPost } from '../model.ts';
import {
  announcementPath,
  announcementsPath,
  myThreadPath,
  myThreadsPath,
  newAnnouncementPath,
  ORGANISER_THREADS_PATH,
  organiserThreadPath,
} from '../paths.ts';
import { AUDIENCE_GROUPS, type Audience, BODY_MAX, TITLE_MAX } from '../rules.ts';

// The messages pages: the announcements of a hold, one announcement, the form; the member's threads with the
// organiser (Min side) and the organiser's list and answer page.

export interface HoldHeading {
  slug: string;
  title: string;
}

export type MessageNotice = 'sent' | 'written' | 'answered';

const at = (ctx: PageContext, iso: string) =>
  `${formatDateLong(iso, ctx.lang)} ${ctx.lang === 'da' ? 'kl.' : 'at'} ${formatTime(iso, ctx.lang)}`;

function holdCrumbs(m: MessagesMessages, hold: HoldHeading, ...rest: { href?: string; label: string }[]) {
  return [
    { href: '/mit-hold', label: m['msg.myHold'] },
    { href: `/mit-hold/${hold.slug}`, label: hold.title },
    ...rest,
  ];
}

function titled(m: MessagesMessages, title: string, errors: FormErrors | undefined) {
  return errors && Object.keys(errors).length > 0 ? `${m['msg.errorPrefix']}: ${title}` : title;
}

function Notice({ text }: { text: string | undefined }) {
  if (!text) return null;
  return (
    <div class="alert alert-success" role="status">
      <div class="alert-body">
        <p class="alert-text">{text}</p>
      </div>
    </div>
  );
}

function noticeText(m: MessagesMessages, notice: MessageNotice | undefined) {
  return notice ? m[`msg.done.${notice}`] : undefined;
}

function audienceText(m: MessagesMessages, audience: Audience): string {
  const groups = AUDIENCE_GROUPS.filter((g) => audience[g]).map((g) => m['msg.audienceWords'][g] ?? g);
  return [...groups, m['msg.staffAlways']].join(', ');
}

function Body({ md }: { md: string }) {
  // renderMarkdown: raw HTML off, links rel="noopener nofollow", sanitised — nothing a member writes runs.
  return <div class="holdet-note" dangerouslySetInnerHTML={{ __html: renderMarkdown(md) }} />;
}

/** /mit-hold/:slug/beskeder */
export function announcementsPage(
  ctx: PageContext,
  model: { hold: HoldHeading; items: AnnouncementItem[]; mayAnnounce: boolean; mayWrite: boolean },
): string {
  const m = messagesMessages(ctx.lang);
  const title = m['msg.list.title'];
  const { slug } = model.hold;
  return renderPage({
    ctx,
    title,
    crumbs: holdCrumbs(m, model.hold, { label: title }),
    children: (
      <>
        <h1>{title}</h1>
        <p class="font-lead">{m['msg.list.intro']}</p>
        <ul class="nobullet-list">
          {model.mayAnnounce ? (
            <li>
              <a href={href(ctx, newAnnouncementPath(slug))}>{m['msg.write']}</a>
            </li>
          ) : null}
          {model.mayWrite ? (
            <li>
              <a href={href(ctx, myThreadPath(slug))}>{m['msg.writeToOrganiser']}</a>
            </li>
          ) : null}
        </ul>
        {model.items.length === 0 ? (
          <p>{m['msg.none']}</p>
        ) : (
          <ul class="nobullet-list holdet-materials">
            {model.items.map((a) => (
              <li key={a.id} class="holdet-material">
                <h2 class="h4 holdet-material-title">
                  <a href={href(ctx, announcementPath(slug, a.id))}>{a.title}</a>
                  {a.unread ? <span class="holdet-tag holdet-tag-new"> {m['msg.unread']}</span> : null}
                </h2>
                <p class="holdet-material-meta">{m['msg.by'](a.authorName, at(ctx, a.createdAt))}</p>
              </li>
            ))}
          </ul>
        )}
        <p class="holdet-back">
          <a href={href(ctx, `/mit-hold/${slug}`)}>{m['msg.myHold']}</a>
        </p>
      </>
    ),
  });
}

/** /mit-hold/:slug/beskeder/:id */
export function announcementPage(
  ctx: PageContext,
  model: { hold: HoldHeading; announcement: Announcement; notice?: MessageNotice },
): string {
  const m = messagesMessages(ctx.lang);
  const a = model.announcement;
  return renderPage({
    ctx,
    title: a.title,
    crumbs: holdCrumbs(
      m,
      model.hold,
      { href: announcementsPath(model.hold.slug), label: m['msg.list.title'] },
      { label: a.title },
    ),
    children: (
      <>
        <Notice text={noticeText(m, model.notice)} />
        <h1>{a.title}</h1>
        <p class="holdet-material-meta">{m['msg.by'](a.authorName, at(ctx, a.createdAt))}</p>
        <p class="holdet-material-meta">
          {m['msg.to']}: {audienceText(m, a.audience)}
        </p>
        <Body md={a.bodyMd} />
        <p class="holdet-back">
          <a href={href(ctx, announcementsPath(model.hold.slug))}>{m['msg.one.back']}</a>
        </p>
      </>
    ),
  });
}

function summaryOf(errors: FormErrors | undefined, order: readonly string[]) {
  if (!errors) return [];
  const fields = [
    ...order.filter((f) => errors[f]),
    ...Object.keys(errors).filter((f) => !order.includes(f)),
  ];
  return fields.map((field) => ({ field, message: errors[field] ?? '' }));
}

/** /mit-hold/:slug/beskeder/ny */
export function announcementFormPage(
  ctx: PageContext,
  model: {
    hold: HoldHeading;
    values: AnnouncementValues;
    errors?: FormErrors;
    warnings?: FormErrors;
    csrf: string;
  },
): string {
  const m = messagesMessages(ctx.lang);
  const title = m['msg.form.title'];
  const { values, errors = {}, warnings = {} } = model;
  const prefix = m['msg.errorPrefix'];
  return renderPage({
    ctx,
    title: titled(m, title, errors),
    crumbs: holdCrumbs(
      m,
      model.hold,
      { href: announcementsPath(model.hold.slug), label: m['msg.list.title'] },
      { label: title },
    ),
    children: (
      <>
        <ErrorSummary heading={m['msg.errorSummary']} errors={summaryOf(errors, ANNOUNCEMENT_FIELDS)} />
        <h1>{title}</h1>
        <p>{m['msg.form.intro']}</p>
        <form method="post" action={href(ctx, newAnnouncementPath(model.hold.slug))} novalidate>
          <CsrfField token={model.csrf} />
          <TextField
            name="subject"
            label={m['msg.form.subject']}
            value={values.subject}
            error={errors.subject}
            errorPrefix={prefix}
            required
            maxLength={TITLE_MAX}
          />
          <TextField
            name="body"
            label={m['msg.form.body']}
            hint={m['msg.form.bodyHint']}
            value={values.body}
            error={errors.body}
            errorPrefix={prefix}
            required
            multiline
            maxLength={BODY_MAX}
          />
          <div class={`form-group${errors.to_participants ? ' form-error' : ''}`}>
            <fieldset
              aria-describedby={`audience-hint${errors.to_participants ? ' to_participants-error' : ''}`}
            >
              <legend class="form-label">{m['msg.form.audience']}</legend>
              <span class="form-hint" id="audience-hint">
                {m['msg.form.audienceHint']}
              </span>
              {errors.to_participants ? (
                <span class="form-error-message" id="to_participants-error">
                  <span class="sr-only">{prefix}: </span>
                  {errors.to_participants}
                </span>
              ) : null}
              {AUDIENCE_GROUPS.map((g) => (
                <div class="form-group-checkbox" key={g}>
                  <input
                    class="form-checkbox"
                    type="checkbox"
                    id={`to_${g}`}
                    name={`to_${g}`}
                    value="ja"
                    checked={values.audience[g]}
                  />
                  <label class="form-label" for={`to_${g}`}>
                    {m[`msg.form.${g}`]}
                  </label>
                </div>
              ))}
            </fieldset>
          </div>
          {Object.keys(warnings).length > 0 ? (
            <PersonalDataConfirm lang={ctx.lang} warnings={warnings} checked={values.confirmed} />
          ) : null}
          <button type="submit" class="button button-primary">
            {m['msg.form.send']}
          </button>
        </form>
        <p class="holdet-back">
          <a href={href(ctx, announcementsPath(model.hold.slug))}>{m['msg.form.cancel']}</a>
        </p>
      </>
    ),
  });
}

function Posts({ ctx, posts, own }: { ctx: PageContext; posts: ThreadPost[]; own: 'member' | 'organiser' }) {
  const m = messagesMessages(ctx.lang);
  if (posts.length === 0) return <p>{m['msg.thread.empty']}</p>;
  return (
    <ol class="nobullet-list holdet-thread">
      {posts.map((p) => {
        const who =
          own === 'member'
            ? p.fromOrganiser
              ? `${m['msg.thread.organiser']} (${p.authorName})`
              : m['msg.thread.you']
            : p.fromOrganiser
              ? `${m['msg.thread.organiser']} (${p.authorName})`
              : p.authorName;
        return (
          <li key={p.id} class="holdet-material">
            <p class="holdet-material-meta">
              <strong>{who}</strong>, {at(ctx, p.createdAt)}
            </p>
            <Body md={p.bodyMd} />
          </li>
        );
      })}
    </ol>
  );
}

function MessageForm(props: {
  ctx: PageContext;
  action: string;
  label: string;
  button: string;
  values: MessageValues;
  errors: FormErrors;
  warnings: FormErrors;
  csrf: string;
}) {
  const m = messagesMessages(props.ctx.lang);
  return (
    <form method="post" action={href(props.ctx, props.action)} novalidate>
      <CsrfField token={props.csrf} />
      <TextField
        name="body"
        label={props.label}
        hint={m['msg.form.bodyHint']}
        value={props.values.body}
        error={props.errors.body}
        errorPrefix={m['msg.errorPrefix']}
        required
        multiline
        maxLength={BODY_MAX}
      />
      {Object.keys(props.warnings).length > 0 ? (
        <PersonalDataConfirm
          lang={props.ctx.lang}
          warnings={props.warnings}
          checked={props.values.confirmed}
        />
      ) : null}
      <button type="submit" class="button button-primary">
        {props.button}
      </button>
    </form>
  );
}

const emptyMessage: MessageValues = { body: '', confirmed: false };

/** /min-side/beskeder */
export function myThreadsPage(
  ctx: PageContext,
  model: {
    threads: (Thread & { slug: string; title: string })[];
    writable: { slug: string; title: string }[];
  },
): string {
  const m = messagesMessages(ctx.lang);
  const title = m['msg.threads.title'];
  const written = new Set(model.threads.map((t) => t.slug));
  const fresh = model.writable.filter((w) => !written.has(w.slug));
  return renderPage({
    ctx,
    title,
    crumbs: [{ href: '/min-side', label: m['msg.myPage'] }, { label: title }],
    children: (
      <>
        <h1>{title}</h1>
        <p class="font-lead">{m['msg.threads.intro']}</p>
        {model.threads.length === 0 ? (
          <p>{m['msg.threads.none']}</p>
        ) : (
          <ul class="nobullet-list holdet-materials">
            {model.threads.map((t) => (
              <li key={t.id} class="holdet-material">
                <h2 class="h4 holdet-material-title">
                  <a href={href(ctx, myThreadPath(t.slug))}>{t.title}</a>
                </h2>
                <p class="holdet-material-meta">
                  {t.awaitingAnswer ? m['msg.thread.awaiting'] : m['msg.thread.answered']} ·{' '}
                  {at(ctx, t.lastAt)}
                </p>
              </li>
            ))}
          </ul>
        )}
        {fresh.length > 0 ? (
          <>
            <h2 class="h3">{m['msg.threads.write']}</h2>
            <ul>
              {fresh.map((w) => (
                <li key={w.slug}>
                  <a href={href(ctx, myThreadPath(w.slug))}>{w.title}</a>
                </li>
              ))}
            </ul>
          </>
        ) : model.writable.length === 0 ? (
          <p>{m['msg.threads.cannot']}</p>
        ) : null}
      </>
    ),
  });
}

/** /min-side/beskeder/:slug */
export function myThreadPage(
  ctx: PageContext,
  model: {
    hold: HoldHeading;
    posts: ThreadPost[];
    mayWrite: boolean;
    values?: MessageValues;
    errors?: FormErrors;
    warnings?: FormErrors;
    notice?: MessageNotice;
    csrf: string;
  },
): string {
  const m = messagesMessages(ctx.lang);
  const title = m['msg.thread.title'](model.hold.title);
  const errors = model.errors ?? {};
  return renderPage({
    ctx,
    title: titled(m, title, errors),
    crumbs: [
      { href: '/min-side', label: m['msg.myPage'] },
      { href: myThreadsPath, label: m['msg.threads.title'] },
      { label: model.hold.title },
    ],
    children: (
      <>
        <ErrorSummary heading={m['msg.errorSummary']} errors={summaryOf(errors, ['body'])} />
        <Notice text={noticeText(m, model.notice)} />
        <h1>{title}</h1>
        <p>{m['msg.thread.intro']}</p>
        <Posts ctx={ctx} posts={model.posts} own="member" />
        {model.mayWrite ? (
          <MessageForm
            ctx={ctx}
            action={myThreadPath(model.hold.slug)}
            label={m['msg.thread.message']}
            button={m['msg.thread.send']}
            values={model.values ?? emptyMessage}
            errors={errors}
            warnings={model.warnings ?? {}}
            csrf={model.csrf}
          />
        ) : null}
        <p class="holdet-back">
          <a href={href(ctx, myThreadsPath)}>{m['msg.thread.back']}</a>
        </p>
      </>
    ),
  });
}

/** /arrangoer/beskeder */
export function organiserThreadsPage(ctx: PageContext, threads: (Thread & { title: string })[]): string {
  const m = messagesMessages(ctx.lang);
  const title = m['msg.org.title'];
  return renderPage({
    ctx,
    title,
    crumbs: [{ href: '/arrangoer', label: m['msg.backOffice'] }, { label: title }],
    children: (
      <>
        <h1>{title}</h1>
        <p class="font-lead">{m['msg.org.intro']}</p>
        {threads.length === 0 ? (
          <p>{m['msg.org.none']}</p>
        ) : (
          <div class="table--responsive-scroll">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{m['msg.org.member']}</th>
                  <th scope="col">{m['msg.org.hold']}</th>
                  <th scope="col">{m['msg.org.status']}</th>
                  <th scope="col">{m['msg.org.last']}</th>
                </tr>
              </thead>
              <tbody>
                {threads.map((t) => (
                  <tr key={t.id}>
                    <td>
                      <a href={href(ctx, organiserThreadPath(t.id))}>{t.memberName}</a>
                    </td>
                    <td>{t.title}</td>
                    <td>
                      {t.awaitingAnswer ? (
                        <strong>{m['msg.thread.awaiting']}</strong>
                      ) : (
                        m['msg.thread.answered']
                      )}
                    </td>
                    <td>{at(ctx, t.lastAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </>
    ),
  });
}

/** /arrangoer/beskeder/:id */
export function organiserThreadPage(
  ctx: PageContext,
  model: {
    thread: Thread;
    title: string;
    posts: ThreadPost[];
    values?: MessageValues;
    errors?: FormErrors;
    warnings?: FormErrors;
    notice?: MessageNotice;
    csrf: string;
  },
): string {
  const m = messagesMessages(ctx.lang);
  const title = m['msg.org.thread'](model.thread.memberName);
  const errors = model.errors ?? {};
  return renderPage({
    ctx,
    title: titled(m, title, errors),
    crumbs: [
      { href: '/arrangoer', label: m['msg.backOffice'] },
      { href: ORGANISER_THREADS_PATH, label: m['msg.org.title'] },
      { label: model.thread.memberName },
    ],
    children: (
      <>
        <ErrorSummary heading={m['msg.errorSummary']} errors={summaryOf(errors, ['body'])} />
        <Notice text={noticeText(m, model.notice)} />
        <h1>{title}</h1>
        <p class="font-lead">{model.title}</p>
        <Posts ctx={ctx} posts={model.posts} own="organiser" />
        <MessageForm
          ctx={ctx}
          action={organiserThreadPath(model.thread.id)}
          label={m['msg.org.answer']}
          button={m['msg.org.send']}
          values={model.values ?? emptyMessage}
          errors={errors}
          warnings={model.warnings ?? {}}
          csrf={model.csrf}
        />
        <p class="holdet-back">
          <a href={href(ctx, ORGANISER_THREADS_PATH)}>{m['msg.org.back']}</a>
        </p>
      </>
    ),
  });
}
