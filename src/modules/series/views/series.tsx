import { formatDateLong } from '../../../shared/danish.ts';
import { AlertIcon } from '../../../web/form.tsx';
import { messages } from '../../../web/i18n.ts';
import { href, type PageContext, renderPage } from '../../../web/layout.tsx';
import type { SeriesPage } from '../model.ts';
import {
  CancelledTag,
  Place,
  Price,
  personPath,
  RegisterAction,
  SeatStatus,
  sessionPath,
  When,
} from './parts.tsx';

/** A text with blank lines between its paragraphs, as paragraphs ('' gives none). */
function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/**
 * The public page of a series. `preview`: the organiser's preview of any status, with a banner that says so
 * (served privately, never cached).
 */
export function seriesPageView(ctx: PageContext, page: SeriesPage, preview?: { banner: string }): string {
  const m = messages(ctx.lang);
  const s = page.summary;
  // As seriesTitleWithYear (service.ts) writes it; not imported, so the service may export this view.
  const year = s.firstStartsAt?.slice(0, 4);
  const title = year ? `${s.title} ${year}` : s.title;
  const first = page.sessions[0];
  const last = page.sessions[page.sessions.length - 1];
  return renderPage({
    ctx,
    title,
    description: s.summary,
    crumbs: [{ label: title }],
    children: (
      <>
        {preview ? (
          <div class="alert alert-info holdet-preview" role="status">
            <AlertIcon variant="info" />
            <div class="alert-body">
              <p class="alert-heading">{preview.banner}</p>
            </div>
          </div>
        ) : null}
        <h1>{title}</h1>
        <p class="font-lead">{s.summary}</p>
        <div class="row">
          <div class="col-12 col-lg-8">
            <p>{page.intro}</p>

            <h2 id="programme">{m['series.sessionsCount'](page.sessions.length)}</h2>
            <ol class="holdet-sessions">
              {page.sessions.map((x) => (
                <li key={x.id} class="holdet-session">
                  <h3>
                    <CancelledTag session={x} lang={ctx.lang} />
                    <a href={href(ctx, sessionPath(s.slug, x.ordinal))}>
                      {m['series.session'](x.ordinal)}: {x.question}
                    </a>
                  </h3>
                  <p class="holdet-when">
                    <When startsAt={x.startsAt} endsAt={x.endsAt} lang={ctx.lang} />
                    {' · '}
                    <Place session={x} lang={ctx.lang} />
                  </p>
                  <p>{x.description}</p>
                  {x.expert ? (
                    <p>
                      {m['series.expert']}: <a href={href(ctx, personPath(x.expert.slug))}>{x.expert.name}</a>
                      , {x.expert.title}
                    </p>
                  ) : null}
                </li>
              ))}
            </ol>

            {page.facilitator ? (
              <>
                <h2>{m['series.facilitator']}</h2>
                <p>
                  <a href={href(ctx, personPath(page.facilitator.slug))}>{page.facilitator.name}</a>,{' '}
                  {page.facilitator.title}.
                </p>
              </>
            ) : null}

            <h2>{m['series.audience']}</h2>
            <p>{page.audience}</p>

            <h2>{m['series.practical']}</h2>
            <ul>
              <li>{m['series.binding']}</li>
              <li>{m['series.substitute']}</li>
              <li>{m['series.preparation']}</li>
              <li>
                {m['series.catering']}: {page.catering}
              </li>
            </ul>
            {paragraphs(page.terms).map((text, i) => (
              <p key={i} class="holdet-series-terms">
                {text}
              </p>
            ))}
          </div>

          <aside class="col-12 col-lg-4" aria-labelledby="facts">
            <div class="holdet-factbox">
              <h2 id="facts" class="h3">
                {m['series.facts']}
              </h2>
              <dl class="holdet-facts">
                <dt>{m['series.dates']}</dt>
                <dd>
                  <ul class="unstyled-list">
                    {page.sessions.map((x) => (
                      <li key={x.id}>
                        <time dateTime={x.startsAt}>{formatDateLong(x.startsAt, ctx.lang)}</time>
                      </li>
                    ))}
                  </ul>
                </dd>
                {first && last ? (
                  <>
                    <dt>{m['series.time']}</dt>
                    <dd>
                      <When startsAt={first.startsAt} endsAt={first.endsAt} lang={ctx.lang} />
                    </dd>
                  </>
                ) : null}
                {page.venue ? (
                  <>
                    <dt>{m['series.place']}</dt>
                    <dd>
                      {page.venue.name}, {page.venue.street}, {page.venue.postalCode} {page.venue.city}
                      {page.venue.notes ? (
                        <>
                          <br />
                          <span class="holdet-venue-notes">{page.venue.notes}</span>
                        </>
                      ) : null}
                    </dd>
                  </>
                ) : null}
                <dt>{m['series.price']}</dt>
                <dd>
                  <Price summary={s} lang={ctx.lang} /> {m['series.pricePer']}
                </dd>
                <dt>{m['series.seats']}</dt>
                <dd>
                  {m['series.seatsTotal'](s.capacity)}.
                  <br />
                  <SeatStatus summary={s} lang={ctx.lang} />
                </dd>
              </dl>
              <RegisterAction ctx={ctx} summary={s} />
            </div>
          </aside>
        </div>
      </>
    ),
  });
}
