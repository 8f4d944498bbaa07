import { messages } from '../../../web/i18n.ts';
import { href, type PageContext, renderPage } from '../../../web/layout.tsx';
import type { SeriesPage } from '../service.ts';
import { seriesPath } from './parts.tsx';
import { seriesTitleWithYear } from './series.tsx';

// Stands where the registration form will be, so the button on the series page never leads to a 404.
export function registerSoonView(ctx: PageContext, page: SeriesPage): string {
  const m = messages(ctx.lang);
  const title = seriesTitleWithYear(page);
  return renderPage({
    ctx,
    title: m['register.soonTitle'],
    crumbs: [{ href: seriesPath(page.summary.slug), label: title }, { label: m['register.soonTitle'] }],
    children: (
      <>
        <h1>{m['register.soonTitle']}</h1>
        <p>{m['register.soonText']}</p>
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
