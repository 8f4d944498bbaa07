import type { ComponentChildren } from 'preact';
import { AlertIcon, CsrfField } from '../../../web/form.tsx';
import { href, type PageContext, renderPage } from '../../../web/layout.tsx';
import { seriesPath } from '../../series/views/parts.tsx';
import { regMessages } from '../messages.ts';
import type { RegisterOutcome } from '../service.ts';

interface ResultModel {
  seriesSlug: string;
  seriesTitle: string;
  /** Registration email, for the confirmation texts. */
  email: string;
  csrf: string;
  /** Why registration is closed, as the series module words it. */
  closedText?: ComponentChildren;
}

/** The page after a sent form: the outcome in plain words and where to go next. */
export function registrationResultPage(
  ctx: PageContext,
  outcome: RegisterOutcome,
  model: ResultModel,
): string {
  const m = regMessages(ctx.lang);
  const back = (
    <p>
      <a href={href(ctx, seriesPath(model.seriesSlug))}>
        {m['reg.backToSeries']} {model.seriesTitle}
      </a>
    </p>
  );
  const myPage = (
    <p>
      <a class="button button-secondary" href={href(ctx, '/min-side')}>
        {m['reg.myPage']}
      </a>
    </p>
  );
  let title: string;
  let body: ComponentChildren;
  switch (outcome.kind) {
    case 'confirmed':
      title = m['reg.confirmedTitle'];
      body = (
        <>
          <div class="alert alert-success" role="status">
            <AlertIcon variant="success" />
            <div class="alert-body">
              <p class="alert-text">{m['reg.confirmedText'](model.email)}</p>
            </div>
          </div>
          {myPage}
        </>
      );
      break;
    case 'waitlisted':
      title = m['reg.waitlistedTitle'];
      body = (
        <>
          <div class="alert alert-info" role="status">
            <AlertIcon variant="info" />
            <div class="alert-body">
              <p class="alert-text">{m['reg.waitlistedText'](outcome.position, model.email)}</p>
            </div>
          </div>
          {myPage}
        </>
      );
      break;
    case 'already-registered':
      title = m['reg.alreadyTitle'];
      body = (
        <>
          <p>{m['reg.alreadyText'](outcome.email)}</p>
          <form method="post" action={href(ctx, '/log-ind')}>
            <CsrfField token={model.csrf} />
            <input type="hidden" name="email" value={outcome.email} />
            <input type="hidden" name="next" value="/min-side" />
            <button type="submit" class="button button-primary">
              {m['reg.sendLink']}
            </button>
          </form>
        </>
      );
      break;
    case 'not-eligible':
      title = m['reg.notEligibleTitle'];
      body = (
        <>
          <p>{m['reg.notEligibleText']}</p>
          <p>
            <a href={`mailto:${ctx.site.email}`}>{ctx.site.email}</a> ·{' '}
            <a href={`tel:${ctx.site.phone.replace(/\s/g, '')}`}>{ctx.site.phone}</a>
          </p>
        </>
      );
      break;
    case 'closed':
      title = m['reg.closedTitle'];
      body = model.closedText;
      break;
  }
  return renderPage({
    ctx,
    title,
    crumbs: [{ href: seriesPath(model.seriesSlug), label: model.seriesTitle }, { label: title }],
    children: (
      <>
        <h1>{title}</h1>
        {body}
        {back}
      </>
    ),
  });
}
