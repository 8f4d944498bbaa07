import { formatDate, formatTime } from '../../../shared/danish.ts';
import { AlertIcon, CsrfField, ErrorSummary, RadioGroup } from '../../../web/form.tsx';
import { messages } from '../../../web/i18n.ts';
import { href, type PageContext, renderPage } from '../../../web/layout.tsx';
import { CHOICE_LINK_PATH, SETTINGS_PATH } from '../links.ts';
import { type NotificationsMessages, notificationsMessages } from '../messages.ts';
import { DEFAULT_CHOICES } from '../rules.ts';
import type { NotificationView } from '../service.ts';
import {
  NOTIFICATION_CHOICES,
  NOTIFICATION_KINDS,
  type NotificationChoice,
  type NotificationKind,
} from '../table.ts';

// Min side → Varsler (a radio group per kind, and the person's newest notifications) and the page behind the
// link in a mail (the one choice it names and a button: opening the link changes nothing).

function choiceOptions(m: NotificationsMessages, kind: NotificationKind) {
  return NOTIFICATION_CHOICES.map((c) => ({
    value: c,
    label:
      c === DEFAULT_CHOICES[kind]
        ? `${m[`notifications.choice.${c}`]} (${m['notifications.default']})`
        : m[`notifications.choice.${c}`],
  }));
}

function Saved({ text }: { text: string }) {
  return (
    <div class="alert alert-success" role="status">
      <AlertIcon variant="success" />
      <div class="alert-body">
        <p class="alert-text">{text}</p>
      </div>
    </div>
  );
}

export interface SettingsState {
  csrf: string;
  /** Per kind, as shown (what was posted, after an error). */
  values: Partial<Record<NotificationKind, string>>;
  errors: Partial<Record<NotificationKind, string>>;
  saved: boolean;
  digestHour: number;
  recent: NotificationView[];
}

export function settingsPage(ctx: PageContext, state: SettingsState): string {
  const m = notificationsMessages(ctx.lang);
  const errors = NOTIFICATION_KINDS.filter((k) => state.errors[k]).map((k) => ({
    field: k,
    message: `${m[`notifications.kind.${k}`]}: ${state.errors[k]}`,
  }));
  const title =
    errors.length > 0
      ? `${m['notifications.errorPrefix']}: ${m['notifications.title']}`
      : m['notifications.title'];
  return renderPage({
    ctx,
    title,
    crumbs: [
      { href: '/min-side', label: messages(ctx.lang)['site.myPage'] },
      { label: m['notifications.title'] },
    ],
    children: (
      <>
        <h1>{m['notifications.title']}</h1>
        <ErrorSummary heading={m['notifications.errorSummary']} errors={errors} />
        {state.saved && errors.length === 0 ? <Saved text={m['notifications.saved']} /> : null}
        <p class="font-lead">{m['notifications.intro']}</p>
        <p>{m['notifications.digestHour'](`${String(state.digestHour).padStart(2, '0')}.00`)}</p>
        <form method="post" action={href(ctx, SETTINGS_PATH)} novalidate>
          <CsrfField token={state.csrf} />
          {NOTIFICATION_KINDS.map((kind) => (
            <RadioGroup
              key={kind}
              name={kind}
              label={m[`notifications.kind.${kind}`]}
              options={choiceOptions(m, kind)}
              value={state.values[kind]}
              error={state.errors[kind]}
              errorPrefix={m['notifications.errorPrefix']}
            />
          ))}
          <button type="submit" class="button button-primary">
            {m['notifications.save']}
          </button>
        </form>
        <h2>{m['notifications.recent']}</h2>
        {state.recent.length === 0 ? (
          <p>{m['notifications.none']}</p>
        ) : (
          <ul class="nobullet-list">
            {state.recent.map((n) => (
              <li key={n.id} class="holdet-material">
                <p class="holdet-material-title">
                  <a href={href(ctx, n.path)}>{n.subject}</a>
                  {n.unread ? (
                    <span class="holdet-tag holdet-tag-new"> {m['notifications.unread']}</span>
                  ) : null}
                </p>
                <p class="holdet-material-meta">
                  {m[`notifications.kind.${n.kind}`]} ·{' '}
                  <time datetime={n.createdAt}>
                    {formatDate(n.createdAt, ctx.lang)} {formatTime(n.createdAt, ctx.lang)}
                  </time>
                </p>
              </li>
            ))}
          </ul>
        )}
      </>
    ),
  });
}

export function linkPage(
  ctx: PageContext,
  input: { csrf: string; token: string; kind: NotificationKind; choice: NotificationChoice; saved: boolean },
): string {
  const m = notificationsMessages(ctx.lang);
  const kindLabel = m[`notifications.kind.${input.kind}`];
  const choiceLabel = m[`notifications.choice.${input.choice}`].toLowerCase();
  return renderPage({
    ctx,
    title: m['notifications.link.title'],
    children: (
      <>
        <h1>{m['notifications.link.title']}</h1>
        {input.saved ? (
          <Saved text={m['notifications.link.saved'](kindLabel, choiceLabel)} />
        ) : (
          <p class="font-lead">{m['notifications.link.current'](kindLabel, choiceLabel)}</p>
        )}
        <form method="post" action={href(ctx, `${CHOICE_LINK_PATH}/${input.token}`)} novalidate>
          <CsrfField token={input.csrf} />
          <RadioGroup
            name="choice"
            label={m['notifications.link.legend'](kindLabel.toLowerCase())}
            options={choiceOptions(m, input.kind)}
            value={input.choice}
            errorPrefix={m['notifications.errorPrefix']}
          />
          <button type="submit" class="button button-primary">
            {m['notifications.link.save']}
          </button>
        </form>
        <p>{m['notifications.link.more']}</p>
      </>
    ),
  });
}

export function linkFailedPage(ctx: PageContext, reason: 'invalid' | 'expired'): string {
  const m = notificationsMessages(ctx.lang);
  return renderPage({
    ctx,
    title: m['notifications.link.invalidTitle'],
    children: (
      <>
        <h1>{m['notifications.link.invalidTitle']}</h1>
        <p class="font-lead">{m[`notifications.link.${reason}`]}</p>
        <p>
          <a
            class="button button-secondary"
            href={href(ctx, `/log-ind?next=${encodeURIComponent(SETTINGS_PATH)}`)}
          >
            {messages(ctx.lang)['site.signIn']}
          </a>
        </p>
      </>
    ),
  });
}
