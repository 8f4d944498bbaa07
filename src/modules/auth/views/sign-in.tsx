import { TextField } from '../../../web/form.tsx';
import { messages } from '../../../web/i18n.ts';
import { href, type PageContext, renderPage } from '../../../web/layout.tsx';
import { LOGIN_TOKEN_MINUTES, type SignInFailure } from '../rules.ts';
import type { FieldErrors, FormValues } from '../schemas.ts';
import { HiddenFields } from './parts.tsx';

// The sign-in pages. Every form posts with the CSRF token; `next` travels as a hidden field and is checked
// again on arrival.

export interface FormState {
  csrf: string;
  values: FormValues;
  errors: FieldErrors;
  next: string | null;
}

function withNext(path: string, next: string | null): string {
  return next ? `${path}?next=${encodeURIComponent(next)}` : path;
}

function EmailField({ ctx, state }: { ctx: PageContext; state: FormState }) {
  const m = messages(ctx.lang);
  const error = state.errors.email;
  return (
    <TextField
      name="email"
      label={m['auth.email']}
      hint={m['auth.emailHint']}
      value={state.values.email ?? ''}
      error={error ? m[error] : undefined}
      errorPrefix={m['auth.errorPrefix']}
      type="email"
      autocomplete="email"
      width="l"
      required
    />
  );
}

function CodeForm({ ctx, state }: { ctx: PageContext; state: FormState }) {
  const m = messages(ctx.lang);
  const error = state.errors.code;
  return (
    <form method="post" action={href(ctx, '/log-ind/kode')} novalidate>
      <HiddenFields csrf={state.csrf} next={state.next} />
      <EmailField ctx={ctx} state={state} />
      <TextField
        name="code"
        label={m['auth.code']}
        hint={m['auth.codeHint']}
        value={state.values.code ?? ''}
        error={error ? m[error] : undefined}
        errorPrefix={m['auth.errorPrefix']}
        type="text"
        autocomplete="one-time-code"
        width="xs"
        inputMode="numeric"
        required
      />
      <button type="submit" class="button button-primary mt-4">
        {m['auth.codeSubmit']}
      </button>
    </form>
  );
}

function RequestNewLink({ ctx, next }: { ctx: PageContext; next: string | null }) {
  const m = messages(ctx.lang);
  return (
    <p>
      <a href={href(ctx, withNext('/log-ind', next))}>{m['auth.requestNew']}</a>
    </p>
  );
}

/** GET /log-ind: the email form. */
export function signInPage(ctx: PageContext, state: FormState): string {
  const m = messages(ctx.lang);
  return renderPage({
    ctx,
    title: m['auth.signInTitle'],
    children: (
      <>
        <h1>{m['auth.signInTitle']}</h1>
        <p class="font-lead">{m['auth.signInLead']}</p>
        <form method="post" action={href(ctx, '/log-ind')} novalidate>
          <HiddenFields csrf={state.csrf} next={state.next} />
          <EmailField ctx={ctx} state={state} />
          <button type="submit" class="button button-primary mt-4">
            {m['auth.send']}
          </button>
        </form>
        <p>
          {m['auth.haveCode']}{' '}
          <a href={href(ctx, withNext('/log-ind/kode', state.next))}>{m['auth.enterCode']}</a>
        </p>
      </>
    ),
  });
}

/** After POST /log-ind, whether or not the email is known: check your mail, or type the code here. */
export function checkMailPage(ctx: PageContext, state: FormState): string {
  const m = messages(ctx.lang);
  return renderPage({
    ctx,
    title: m['auth.checkMailTitle'],
    children: (
      <>
        <h1>{m['auth.checkMailTitle']}</h1>
        <p class="font-lead">{m['auth.checkMailText'](state.values.email ?? '', LOGIN_TOKEN_MINUTES)}</p>
        <p>{m['auth.checkMailHelp']}</p>
        <h2>{m['auth.codeHeading']}</h2>
        <CodeForm ctx={ctx} state={{ ...state, values: { email: state.values.email ?? '' }, errors: {} }} />
        <RequestNewLink ctx={ctx} next={state.next} />
      </>
    ),
  });
}

/** GET /log-ind/kode, and the code form again after a wrong or malformed code. */
export function codePage(ctx: PageContext, state: FormState): string {
  const m = messages(ctx.lang);
  return renderPage({
    ctx,
    title: m['auth.codeTitle'],
    children: (
      <>
        <h1>{m['auth.codeTitle']}</h1>
        <p class="font-lead">{m['auth.codeLead']}</p>
        <CodeForm ctx={ctx} state={state} />
        <RequestNewLink ctx={ctx} next={state.next} />
      </>
    ),
  });
}

/**
 * The page behind the link in the mail. Opening it spends nothing (mail filters open links to scan them);
 * only the button does.
 */
export function confirmPage(
  ctx: PageContext,
  input: { csrf: string; token: string; next: string | null },
): string {
  const m = messages(ctx.lang);
  return renderPage({
    ctx,
    title: m['auth.confirmTitle'],
    children: (
      <>
        <h1>{m['auth.confirmTitle']}</h1>
        <p>{m['auth.confirmText']}</p>
        <form method="post" action={href(ctx, `/log-ind/${input.token}`)}>
          <HiddenFields csrf={input.csrf} next={input.next} />
          <button type="submit" class="button button-primary">
            {m['auth.confirmButton']}
          </button>
        </form>
      </>
    ),
  });
}

function failureText(ctx: PageContext, reason: SignInFailure): string {
  const m = messages(ctx.lang);
  switch (reason) {
    case 'used':
      return m['auth.failedUsed'];
    case 'expired':
      return m['auth.failedExpired'](LOGIN_TOKEN_MINUTES);
    case 'wrong_code':
      return m['auth.error.wrongCode'];
    case 'unknown':
      return m['auth.failedUnknown'];
  }
}

/** An expired, used, blocked or unknown link: say which, and offer a new one. */
export function failedPage(ctx: PageContext, reason: SignInFailure, next: string | null): string {
  const m = messages(ctx.lang);
  return renderPage({
    ctx,
    title: m['auth.failedTitle'],
    children: (
      <>
        <h1>{m['auth.failedTitle']}</h1>
        <p class="font-lead">{failureText(ctx, reason)}</p>
        <p>
          <a class="button button-primary" href={href(ctx, withNext('/log-ind', next))}>
            {m['auth.requestNew']}
          </a>
        </p>
      </>
    ),
  });
}
