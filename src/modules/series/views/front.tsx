import { formatDate } from '../../../shared/danish.ts';
import { messages } from '../../../web/i18n.ts';
import { href, type PageContext, renderPage } from '../../../web/layout.tsx';
import type { SeriesSummary } from '../model.ts';
import { Price, SeatStatus, seriesPath } from './parts.tsx';

function SeriesCard({ ctx, s, headingLevel }: { ctx: PageContext; s: SeriesSummary; headingLevel: 3 }) {
  const m = messages(ctx.lang);
  const H = `h${headingLevel}` as const;
  const dates =
    s.firstStartsAt && s.lastEndsAt
      ? `${formatDate(s.firstStartsAt, ctx.lang)} – ${formatDate(s.lastEndsAt, ctx.lang)}`
      : '';
  return (
    <li class="holdet-series-card card">
      <div class="card-content">
        <H class="card-heading">
          <a href={href(ctx, seriesPath(s.slug))}>
            {s.title}
            {s.firstStartsAt ? ` ${s.firstStartsAt.slice(0, 4)}` : ''}
          </a>
        </H>
        {dates ? <p class="card-subheading">{dates}</p> : null}
        <p>{s.summary}</p>
        <dl class="holdet-facts">
          <dt>{m['series.seats']}</dt>
          <dd>
            <SeatStatus summary={s} lang={ctx.lang} />
          </dd>
          <dt>{m['series.price']}</dt>
          <dd>
            <Price summary={s} lang={ctx.lang} />
          </dd>
        </dl>
      </div>
    </li>
  );
}

export function frontPage(ctx: PageContext, upcoming: SeriesSummary[], earlier: SeriesSummary[]): string {
  const m = messages(ctx.lang);
  return renderPage({
    ctx,
    title: m['front.title'],
    description: m['front.lead'],
    children: (
      <>
        <h1>{m['front.title']}</h1>
        <p class="font-lead">{m['front.lead']}</p>
        <section aria-labelledby="upcoming">
          <h2 id="upcoming">{m['front.upcoming']}</h2>
          {upcoming.length === 0 ? (
            <p>{m['front.none']}</p>
          ) : (
            <ul class="holdet-cards">
              {upcoming.map((s) => (
                <SeriesCard key={s.id} ctx={ctx} s={s} headingLevel={3} />
              ))}
            </ul>
          )}
        </section>
        {earlier.length > 0 ? (
          <section aria-labelledby="earlier">
            <h2 id="earlier">{m['front.earlier']}</h2>
            <ul class="holdet-cards">
              {earlier.map((s) => (
                <SeriesCard key={s.id} ctx={ctx} s={s} headingLevel={3} />
              ))}
            </ul>
          </section>
        ) : null}
      </>
    ),
  });
}
