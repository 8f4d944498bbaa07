import { messages } from '../../../web/i18n.ts';
import { href, type PageContext, renderPage } from '../../../web/layout.tsx';
import { acceptsRegistrations } from '../rules.ts';
import type { SeriesPage } from '../service.ts';
import { RegisterAction, seriesPath } from './parts.tsx';
import { seriesTitleWithYear } from './series.tsx';

// Stands where the registration form will be, so the button on the series page never leads to a 404.
export function registerSoonView(ctx: PageContext, page: SeriesPage): string {
  const m = messages(ctx.lang);
  const title = seriesTitleWithYear(page);
  const open = acceptsRegistrations(page.summary.state);
  const heading = open ? m['register.soonTitle'] : m['register.closedTitle'];
  return renderPage({
    ctx,
    title: heading,
    crumbs: [{ href: seriesPath(page.summary.slug), label: title }, { label: heading }],
    children: (
      <>
        <h1>{heading}</h1>
        {open ? <p>{m['register.soonText']}</p> : <RegisterAction ctx={ctx} summary={page.summary} />}
        <p>
          <a href={`mailto:${ctx.site.email}`}>{ctx.site.email}</a> ·{' '}
          <a href={`tel:${ctx.site.phone.replace(/\s/g, '')}`}>{ctx.site.phone}</a>
        </p>
        <p>
          <a href={href(ctx, seriesPath(page.summary.slug))}>
            {m['register.back']} {title}
          </a>
        </p>
      </>
    ),
  });
}
