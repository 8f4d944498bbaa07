import { CsrfField, ErrorSummary, TextField } from '../../../web/form.tsx';
import { messages } from '../../../web/i18n.ts';
import { href, type PageContext, renderPage } from '../../../web/layout.tsx';
import { authMessages } from '../messages.ts';
import type { TotpSetup } from '../second-factor.ts';
import { HiddenFields } from './parts.tsx';

// The second factor's pages: the code after the mail's link or code, the TOTP setup (QR code and the same
// secret as text), the recovery codes shown once, and the security page on Min side.

export interface CodeFormState {
  csrf: string;
  next: string | null;
  /** As typed, shown again after an error. */
  code: string;
  /** Already translated. */
  error?: string | undefined;
}

function titled(ctx: PageContext, title: string, error: string | undefined): string {
  return error ? `${authMessages(ctx.lang)['sf.errorPrefix']}: ${title}` : title;
}

function Summary({ ctx, error }: { ctx: PageContext; error: string | undefined }) {
  const m = authMessages(ctx.lang);
  return (
    <ErrorSummary heading={m['sf.errorSummary']} errors={error ? [{ field: 'code', message: error }] : []} />
  );
}

function CodeField({ ctx, state, hint }: { ctx: PageContext; state: CodeFormState; hint: string }) {
  const m = authMessages(ctx.lang);
  return (
    <TextField
      name="code"
      label={m['sf.code']}
      hint={hint}
      value={state.code}
      error={state.error}
      errorPrefix={m['sf.errorPrefix']}
      autocomplete="one-time-code"
      width="s"
      required
    />
  );
}

/** After the mail's link or code, for someone with a second factor: the code from the app, or a recovery code. */
export function verifyPage(ctx: PageContext, action: string, state: CodeFormState): string {
  const m = authMessages(ctx.lang);
  return renderPage({
    ctx,
    title: titled(ctx, m['sf.verifyTitle'], state.error),
    children: (
      <>
        <h1>{m['sf.verifyTitle']}</h1>
        <Summary ctx={ctx} error={state.error} />
        <p class="font-lead">{m['sf.verifyLead']}</p>
        <form method="post" action={href(ctx, action)} novalidate>
          <HiddenFields csrf={state.csrf} next={state.next} />
          <CodeField ctx={ctx} state={state} hint={m['sf.codeHint']} />
          <button type="submit" class="button button-primary mt-4">
            {m['sf.submit']}
          </button>
        </form>
      </>
    ),
  });
}

function SetupSteps({ ctx, setup }: { ctx: PageContext; setup: TotpSetup }) {
  const m = authMessages(ctx.lang);
  return (
    <>
      <h2>{m['sf.setupScan']}</h2>
      <div
        // The SVG is made by `qrcode` from the otpauth URI (no text from a person goes into it).
        dangerouslySetInnerHTML={{ __html: setup.qrSvg }}
      />
      <p>{m['sf.setupSecretLabel']}</p>
      <p class="recovery-codes">
        <code id="totp-secret">{setup.secretText}</code>
      </p>
      <h2>{m['sf.setupConfirm']}</h2>
    </>
  );
}

/** The TOTP setup: at an organiser's first sign-in (`sign-in`) or from the security page (`own`). */
export function setupPage(
  ctx: PageContext,
  input: { action: string; lead: 'sign-in' | 'own'; setup: TotpSetup; state: CodeFormState },
): string {
  const m = authMessages(ctx.lang);
  const { state } = input;
  return renderPage({
    ctx,
    title: titled(ctx, m['sf.setupTitle'], state.error),
    children: (
      <>
        <h1>{m['sf.setupTitle']}</h1>
        <Summary ctx={ctx} error={state.error} />
        <p class="font-lead">{input.lead === 'sign-in' ? m['sf.setupLead'] : m['sf.setupOwnLead']}</p>
        <SetupSteps ctx={ctx} setup={input.setup} />
        <form method="post" action={href(ctx, input.action)} novalidate>
          <HiddenFields csrf={state.csrf} next={state.next} />
          <CodeField ctx={ctx} state={state} hint={m['sf.setupCodeHint']} />
          <button type="submit" class="button button-primary mt-4">
            {m['sf.setupSubmit']}
          </button>
        </form>
      </>
    ),
  });
}

/** The ten recovery codes, shown this once (never stored but as hashes). */
export function recoveryCodesPage(ctx: PageContext, input: { codes: string[]; continueTo: string }): string {
  const m = authMessages(ctx.lang);
  return renderPage({
    ctx,
    title: m['sf.recoveryTitle'],
    children: (
      <>
        <h1>{m['sf.recoveryTitle']}</h1>
        <p class="font-lead">{m['sf.recoveryLead'](input.codes.length)}</p>
        <p>
          <strong>{m['sf.recoveryOnce']}</strong>
        </p>
        <ul class="recovery-codes nobullet-list" aria-label={m['sf.recoveryListLabel']}>
          {input.codes.map((code) => (
            <li key={code}>
              <code>{code}</code>
            </li>
          ))}
        </ul>
        <p>
          <a class="button button-primary" href={href(ctx, input.continueTo)}>
            {m['sf.continue']}
          </a>
        </p>
      </>
    ),
  });
}

/** Signed in with a recovery code: it is spent; how many are left. */
export function recoveryUsedPage(ctx: PageContext, input: { left: number; continueTo: string }): string {
  const m = authMessages(ctx.lang);
  return renderPage({
    ctx,
    title: m['sf.recoveryUsedTitle'],
    children: (
      <>
        <h1>{m['sf.recoveryUsedTitle']}</h1>
        <p class="font-lead">{m['sf.recoveryUsed'](input.left)}</p>
        {input.left <= 2 ? <p>{m['sf.recoveryLow']}</p> : null}
        <p>
          <a class="button button-primary" href={href(ctx, input.continueTo)}>
            {m['sf.continue']}
          </a>
        </p>
      </>
    ),
  });
}

/** The pending sign-in ended (too many wrong codes, or it took too long): start again. */
export function endedPage(ctx: PageContext, startAgain: string): string {
  const m = authMessages(ctx.lang);
  return renderPage({
    ctx,
    title: m['sf.endedTitle'],
    children: (
      <>
        <h1>{m['sf.endedTitle']}</h1>
        <p class="font-lead">{m['sf.endedText']}</p>
        <p>
          <a class="button button-primary" href={href(ctx, startAgain)}>
            {m['sf.startAgain']}
          </a>
        </p>
      </>
    ),
  });
}

/** /min-side/sikkerhed: the second factor's state, or its setup when it is off. */
export function securityPage(
  ctx: PageContext,
  input:
    | { enabled: true; recoveryCodesLeft: number }
    | { enabled: false; setup: TotpSetup; csrf: string; code: string; error?: string | undefined },
): string {
  const m = authMessages(ctx.lang);
  const error = input.enabled ? undefined : input.error;
  return renderPage({
    ctx,
    title: titled(ctx, m['sec.title'], error),
    crumbs: [{ href: '/min-side', label: messages(ctx.lang)['site.myPage'] }, { label: m['sec.title'] }],
    children: (
      <>
        <h1>{m['sec.title']}</h1>
        <Summary ctx={ctx} error={error} />
        {input.enabled ? (
          <>
            <p class="font-lead">{m['sec.on']}</p>
            <p>{m['sec.recoveryLeft'](input.recoveryCodesLeft)}</p>
            <p>{m['sec.reset']}</p>
          </>
        ) : (
          <>
            <p class="font-lead">{m['sec.off']}</p>
            <p>{m['sf.setupOwnLead']}</p>
            <SetupSteps ctx={ctx} setup={input.setup} />
            <form method="post" action={href(ctx, '/min-side/sikkerhed')} novalidate>
              <CsrfField token={input.csrf} />
              <CodeField
                ctx={ctx}
                state={{ csrf: input.csrf, next: null, code: input.code, error }}
                hint={m['sf.setupCodeHint']}
              />
              <button type="submit" class="button button-primary mt-4">
                {m['sf.setupSubmit']}
              </button>
            </form>
          </>
        )}
        <p>
          <a href={href(ctx, '/min-side')}>{m['sec.back']}</a>
        </p>
      </>
    ),
  });
}
