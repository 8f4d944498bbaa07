import type { ComponentChildren } from 'preact';
import { formatDateLong, formatTime } from '../../../shared/danish.ts';
import { AlertIcon, CsrfField, ErrorSummary, TextField } from '../../../web/form.tsx';
import { href, type PageContext, renderPage } from '../../../web/layout.tsx';
import { type ConfirmErrorKey, confirmMessages } from '../confirm-messages.ts';
import { CONFIRM_PATH } from '../confirmation.ts';
import type { ConfirmationSubject } from '../service.ts';

/** A series' public page (its registration form is below it). */
const seriesPath = (slug: string) => `/serier/${slug}`;

// "Check your mail" after a sent form, the page behind the link (a button: opening spends nothing), the code
// form, and what confirming led to.

export function deadline(ctx: PageContext, at: string): string {
  return `${formatDateLong(at, ctx.lang)} ${ctx.lang === 'da' ? 'kl.' : 'at'} ${formatTime(at, ctx.lang)}`;
}

export interface CodeFormState {
  csrf: string;
  values: { email?: string; code?: string };
  errors: Partial<Record<'email' | 'code', ConfirmErrorKey>>;
}

/** The email and code fields; the email is hidden when the page already knows it. */
function CodeForm({
  ctx,
  state,
  emailHidden,
}: {
  ctx: PageContext;
  state: CodeFormState;
  emailHidden?: boolean;
}) {
  const m = confirmMessages(ctx.lang);
  const errors = state.errors;
  return (
    <form method="post" action={href(ctx, CONFIRM_PATH)} novalidate>
      <CsrfField token={state.csrf} />
      {emailHidden ? (
        <input type="hidden" name="email" value={state.values.email ?? ''} />
      ) : (
        <TextField
          name="email"
          label={m['confirm.email']}
          hint={m['confirm.emailHint']}
          value={state.values.email ?? ''}
          error={errors.email ? m[errors.email] : undefined}
          errorPrefix={m['confirm.errorPrefix']}
          type="email"
          autocomplete="email"
          width="l"
          required
        />
      )}
      <TextField
        name="code"
        label={m['confirm.code']}
        hint={m['confirm.codeHint']}
        value={state.values.code ?? ''}
        error={errors.code ? m[errors.code] : undefined}
        errorPrefix={m['confirm.errorPrefix']}
        autocomplete="one-time-code"
        inputMode="numeric"
        width="xs"
        required
      />
      <button type="submit" class="button button-primary">
        {m['confirm.submit']}
      </button>
    </form>
  );
}

/**
 * The page after a sent form, in the same words whether the registration is new, on the waitlist or the
 * address registered already: it never tells a stranger who has registered.
 */
export function checkMailPage(
  ctx: PageContext,
  model: { seriesSlug: string; seriesTitle: string; email: string; awaitingUntil: string; csrf: string },
): string {
  const m = confirmMessages(ctx.lang);
  const title = m['confirm.checkTitle'];
  return renderPage({
    ctx,
    title,
    crumbs: [{ href: seriesPath(model.seriesSlug), label: model.seriesTitle }, { label: title }],
    children: (
      <>
        <h1>{title}</h1>
        <div class="alert alert-info" role="status">
          <AlertIcon variant="info" />
          <div class="alert-body">
            <p class="alert-text">
              {m['confirm.checkText'](model.email, deadline(ctx, model.awaitingUntil))}
            </p>
          </div>
        </div>
        <p>{m['confirm.checkNoMail']}</p>
        <h2 class="h3">{m['confirm.codeHeading']}</h2>
        <CodeForm
          ctx={ctx}
          state={{ csrf: model.csrf, values: { email: model.email }, errors: {} }}
          emailHidden
        />
      </>
    ),
  });
}

export function codeFormPage(ctx: PageContext, state: CodeFormState): string {
  const m = confirmMessages(ctx.lang);
  const errors = (['email', 'code'] as const)
    .filter((f) => state.errors[f])
    .map((f) => ({ field: f, message: m[state.errors[f] as ConfirmErrorKey] }));
  const title = m['confirm.codeTitle'];
  return renderPage({
    ctx,
    title: errors.length > 0 ? `${m['confirm.errorPrefix']}: ${title}` : title,
    crumbs: [{ label: title }],
    children: (
      <>
        <h1>{title}</h1>
        <ErrorSummary heading={m['confirm.errorSummary']} errors={errors} />
        <p class="font-lead">{m['confirm.codeLead']}</p>
        <CodeForm ctx={ctx} state={state} />
      </>
    ),
  });
}

/** The page behind the link: who and what it confirms, and the button that does it. */
export function confirmButtonPage(
  ctx: PageContext,
  input: { csrf: string; token: string; subject: ConfirmationSubject },
): string {
  const m = confirmMessages(ctx.lang);
  const { subject } = input;
  return renderPage({
    ctx,
    title: m['confirm.buttonTitle'],
    crumbs: [
      { href: seriesPath(subject.seriesSlug), label: subject.seriesTitle },
      { label: m['confirm.buttonTitle'] },
    ],
    children: (
      <>
        <h1>{m['confirm.buttonTitle']}</h1>
        <p class="font-lead">
          {m['confirm.buttonWho'](subject.participantName, subject.organisationName, subject.seriesTitle)}
        </p>
        <p>{m['confirm.buttonText']}</p>
        <form method="post" action={href(ctx, `${CONFIRM_PATH}/${input.token}`)}>
          <CsrfField token={input.csrf} />
          <button type="submit" class="button button-primary">
            {m['confirm.submit']}
          </button>
        </form>
      </>
    ),
  });
}

export type ConfirmPageOutcome =
  | { kind: 'done'; place: 'seat' | 'line'; participantName: string; seriesSlug: string }
  | { kind: 'already-confirmed'; seriesSlug: string }
  | { kind: 'too-late'; seriesSlug: string }
  | { kind: 'unknown' };

/** What confirming led to, for whoever is not signed in by it (the invoice contact, a spent or dead link). */
export function confirmOutcomePage(ctx: PageContext, outcome: ConfirmPageOutcome): string {
  const m = confirmMessages(ctx.lang);
  let title: string;
  let body: ComponentChildren;
  switch (outcome.kind) {
    case 'done':
      title = m['confirm.doneTitle'];
      body = (
        <div class="alert alert-success" role="status">
          <AlertIcon variant="success" />
          <div class="alert-body">
            <p class="alert-text">
              {outcome.place === 'seat'
                ? m['confirm.doneSeat'](outcome.participantName)
                : m['confirm.doneLine'](outcome.participantName)}
            </p>
          </div>
        </div>
      );
      break;
    case 'already-confirmed':
      title = m['confirm.alreadyTitle'];
      body = (
        <>
          <p>{m['confirm.alreadyText']}</p>
          <p>
            <a href={href(ctx, '/log-ind?next=%2Fmin-side')}>{m['confirm.signIn']}</a>
          </p>
        </>
      );
      break;
    case 'too-late':
      title = m['confirm.tooLateTitle'];
      body = (
        <>
          <p>{m['confirm.tooLateText']}</p>
          {outcome.seriesSlug ? (
            <p>
              <a href={href(ctx, `${seriesPath(outcome.seriesSlug)}/tilmelding`)}>
                {m['confirm.registerAgain']}
              </a>
            </p>
          ) : null}
        </>
      );
      break;
    case 'unknown':
      title = m['confirm.unknownTitle'];
      body = (
        <>
          <p>{m['confirm.unknownText']}</p>
          <p>
            <a href={href(ctx, CONFIRM_PATH)}>{m['confirm.codeTitle']}</a>
          </p>
        </>
      );
      break;
  }
  // Never a dead end: on to the series when the link knew it, else the front page.
  const slug = outcome.kind === 'unknown' ? '' : outcome.seriesSlug;
  const onwards = (
    <p>
      <a href={href(ctx, slug ? seriesPath(slug) : '/')}>
        {slug ? m['confirm.toSeries'] : m['confirm.toFront']}
      </a>
    </p>
  );
  return renderPage({
    ctx,
    title,
    crumbs: [{ label: title }],
    children: (
      <>
        <h1>{title}</h1>
        {body}
        {onwards}
      </>
    ),
  });
}
