import type { ComponentChildren } from 'preact';
import { href, type PageContext, renderPage } from '../../../web/layout.tsx';
import { seriesPath } from '../../series/service.ts';
import { regMessages } from '../messages.ts';
import type { RegisterOutcome } from '../service.ts';
import { checkMailPage } from './confirm.tsx';

interface ResultModel {
  seriesSlug: string;
  seriesTitle: string;
  /** Registration email, for the "check your mail" page and its code form. */
  email: string;
  csrf: string;
  /** Why registration is closed, as the series module words it. */
  closedText?: ComponentChildren;
}

/** The page after a sent form: the outcome in plain words and where to go next (a limit has its own page). */
export function registrationResultPage(
  ctx: PageContext,
  outcome: Exclude<RegisterOutcome, { kind: 'rate-limited' }>,
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
  if (outcome.kind === 'reserved' || outcome.kind === 'waitlisted' || outcome.kind === 'already-registered') {
    return checkMailPage(ctx, { ...model, awaitingUntil: outcome.awaitingUntil });
  }
  let title: string;
  let body: ComponentChildren;
  switch (outcome.kind) {
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
