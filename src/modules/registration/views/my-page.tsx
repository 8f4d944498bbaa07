import { AlertIcon, CsrfField } from '../../../web/form.tsx';
import { href, type PageContext, renderPage } from '../../../web/layout.tsx';
import { SignOutEverywhereButton } from '../../../web/sign-out-everywhere.tsx';
import { type DocumentRow, MyInvoices } from '../../invoicing/service.ts';
import { seriesPath, When } from '../../series/service.ts';
import { regMessages } from '../messages.ts';
import type { MyRegistration } from '../reads.ts';
import { statusKey } from '../rules.ts';
import { deadline } from './confirm.tsx';

export type Notice = 'accepted' | 'declined' | 'too-late' | 'confirmed' | 'confirmed-line';

export function myPage(
  ctx: PageContext,
  model: {
    name: string;
    email: string;
    registrations: MyRegistration[];
    /** The participant's own invoices and credit notes. */
    invoices: DocumentRow[];
    csrf: string;
    notice?: Notice;
    /** Where the code from a confirmation mail is entered. */
    codeUrl: string;
  },
): string {
  const m = regMessages(ctx.lang);
  const notices: Record<Notice, string> = {
    accepted: m['my.accepted'],
    declined: m['my.declined'],
    'too-late': m['my.tooLate'],
    confirmed: m['my.confirmed'],
    'confirmed-line': m['my.confirmedLine'],
  };
  return renderPage({
    ctx,
    title: m['my.title'],
    crumbs: [{ label: m['my.title'] }],
    children: (
      <>
        <h1>{m['my.title']}</h1>
        <p>{m['my.signedInAs'](model.name, model.email)}</p>
        {model.notice ? (
          <div
            class={`alert ${model.notice === 'too-late' ? 'alert-warning' : 'alert-success'}`}
            role="status"
          >
            <AlertIcon variant={model.notice === 'too-late' ? 'warning' : 'success'} />
            <div class="alert-body">
              <p class="alert-text">{notices[model.notice]}</p>
            </div>
          </div>
        ) : null}
        {model.registrations.length === 0 ? <p>{m['my.none']}</p> : null}
        {model.registrations.map((r) => (
          // Named by the title and the status: a new registration can stand beside a cancelled one of the
          // same series, and two regions with one name are one too many (axe: landmark-unique).
          <section key={r.id} aria-labelledby={`reg-${r.id} reg-${r.id}-status`} class="holdet-factbox">
            <h2 id={`reg-${r.id}`} class="h3">
              <a href={href(ctx, seriesPath(r.seriesSlug))}>{r.seriesTitle}</a>
            </h2>
            <p id={`reg-${r.id}-status`}>
              <strong>{m['my.status']}:</strong> {m[statusKey(r)]}
            </p>
            {r.awaitingUntil && !r.verified ? (
              <p>
                {m['my.awaiting'](deadline(ctx, r.awaitingUntil))}{' '}
                <a href={href(ctx, model.codeUrl)}>{m['my.enterCode']}</a>
              </p>
            ) : null}
            {r.position !== null ? <p>{m['my.position'](r.position)}</p> : null}
            {r.status === 'offered' && r.offerExpiresAt ? (
              <>
                <p>
                  {m['my.offer'](deadline(ctx, r.offerExpiresAt))} {m['my.offerBinding']}
                </p>
                <form method="post" action={href(ctx, `/min-side/tilbud/${r.id}`)} class="holdet-inline-form">
                  <CsrfField token={model.csrf} />
                  <button type="submit" name="svar" value="ja" class="button button-primary">
                    {m['my.accept']}
                  </button>{' '}
                  <button type="submit" name="svar" value="nej" class="button button-secondary">
                    {m['my.decline']}
                  </button>
                </form>
              </>
            ) : null}
            {r.status === 'confirmed' ? (
              <>
                <h3 class="h4">{m['my.programme']}</h3>
                <ol>
                  {r.sessions.map((s) => (
                    <li key={s.id}>
                      <When startsAt={s.startsAt} endsAt={s.endsAt} lang={ctx.lang} />: {s.question}
                    </li>
                  ))}
                </ol>
              </>
            ) : null}
          </section>
        ))}
        <MyInvoices ctx={ctx} rows={model.invoices} />
        {/* Issue 11: the messages module's threads and the directory module's choices (their own routes). */}
        <section aria-labelledby="my-community">
          <h2 id="my-community">{m['my.community']}</h2>
          <ul>
            <li>
              <a href={href(ctx, '/min-side/beskeder')}>{m['my.messages']}</a>
            </li>
            <li>
              <a href={href(ctx, '/min-side/medlemsoversigt')}>{m['my.directory']}</a>
            </li>
          </ul>
        </section>
        <form method="post" action={href(ctx, '/log-ud')} class="holdet-signout">
          <CsrfField token={model.csrf} />
          <button type="submit" class="button button-secondary">
            {m['my.signOut']}
          </button>
        </form>
        <SignOutEverywhereButton ctx={ctx} csrf={model.csrf} />
      </>
    ),
  });
}
