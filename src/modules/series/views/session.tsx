import { messages } from '../../../web/i18n.ts';
import { href, type PageContext, renderPage } from '../../../web/layout.tsx';
import { type SeriesPage, type SessionView, seriesTitleWithYear } from '../model.ts';
import { CancelledTag, Place, personPath, RegisterAction, seriesPath, sessionPath, When } from './parts.tsx';

export function sessionPageView(ctx: PageContext, page: SeriesPage, session: SessionView): string {
  const m = messages(ctx.lang);
  const seriesTitle = seriesTitleWithYear(page);
  const label = m['series.session'](session.ordinal);
  return renderPage({
    ctx,
    title: `${label}: ${session.question}`,
    description: session.description,
    crumbs: [{ href: seriesPath(page.summary.slug), label: seriesTitle }, { label }],
    children: (
      <>
        <p class="holdet-kicker">
          {label} · {m['series.partOf']} <a href={href(ctx, seriesPath(page.summary.slug))}>{seriesTitle}</a>
        </p>
        <h1>
          <CancelledTag session={session} lang={ctx.lang} />
          {session.question}
        </h1>
        <dl class="holdet-facts">
          <dt>{m['series.time']}</dt>
          <dd>
            <When startsAt={session.startsAt} endsAt={session.endsAt} lang={ctx.lang} />
          </dd>
          <dt>{m['series.place']}</dt>
          <dd>
            <Place session={session} lang={ctx.lang} />
            {session.mode !== 'online' && session.venue?.notes ? (
              <>
                <br />
                <span class="holdet-venue-notes">{session.venue.notes}</span>
              </>
            ) : null}
            {session.mode === 'online' ? (
              <>
                <br />
                {m['series.onlineNote']}
              </>
            ) : null}
          </dd>
        </dl>
        <p>{session.description}</p>
        {session.expert ? (
          <section aria-labelledby="expert">
            <h2 id="expert">{m['series.aboutExpert']}</h2>
            <p>
              <strong>
                <a href={href(ctx, personPath(session.expert.slug))}>{session.expert.name}</a>
              </strong>
              , {session.expert.title}
            </p>
            <p>{session.expert.bio}</p>
          </section>
        ) : null}
        <h2>{m['series.allSessions']}</h2>
        <ol class="holdet-session-list">
          {page.sessions.map((x) => (
            <li key={x.id}>
              {x.ordinal === session.ordinal ? (
                <span aria-current="page">{x.question}</span>
              ) : (
                <a href={href(ctx, sessionPath(page.summary.slug, x.ordinal))}>{x.question}</a>
              )}
            </li>
          ))}
        </ol>
        <RegisterAction ctx={ctx} summary={page.summary} />
      </>
    ),
  });
}
