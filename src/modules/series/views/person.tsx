import { formatDateLong } from '../../../shared/danish.ts';
import { messages } from '../../../web/i18n.ts';
import { href, type PageContext, renderPage } from '../../../web/layout.tsx';
import type { PersonPage } from '../model.ts';
import { seriesPath, sessionPath } from './parts.tsx';

export function personPageView(ctx: PageContext, page: PersonPage): string {
  const m = messages(ctx.lang);
  const p = page.person;
  const { links } = p;
  const yearOf = (iso: string | null) => (iso ? ` ${iso.slice(0, 4)}` : '');
  return renderPage({
    ctx,
    title: p.name,
    description: p.title,
    crumbs: [{ label: p.name }],
    children: (
      <>
        <h1>{p.name}</h1>
        <p class="font-lead">{p.title}</p>
        {p.photoUrl ? <img src={p.photoUrl} alt={p.name} class="holdet-portrait" /> : null}
        <p>{p.bio}</p>
        {links.length > 0 ? (
          <section aria-labelledby="links">
            <h2 id="links">{m['series.personLinks']}</h2>
            <ul>
              {links.map((l) => (
                <li key={l.url}>
                  <a href={l.url} rel="noopener">
                    {l.label}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {page.facilitates.length > 0 ? (
          <section aria-labelledby="facilitates">
            <h2 id="facilitates">{m['series.facilitates']}</h2>
            <ul>
              {page.facilitates.map((f) => (
                <li key={f.seriesSlug}>
                  <a href={href(ctx, seriesPath(f.seriesSlug))}>
                    {f.seriesTitle}
                    {yearOf(f.firstStartsAt)}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {page.sessions.length > 0 ? (
          <section aria-labelledby="sessions">
            <h2 id="sessions">
              {m['series.sessionsWithExpert']} {p.name}
            </h2>
            <ul>
              {page.sessions.map((s) => (
                <li key={`${s.seriesSlug}-${s.ordinal}`}>
                  <a href={href(ctx, sessionPath(s.seriesSlug, s.ordinal))}>{s.question}</a>
                  <br />
                  <time dateTime={s.startsAt}>{formatDateLong(s.startsAt, ctx.lang)}</time> · {s.seriesTitle}
                  {yearOf(s.startsAt)}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </>
    ),
  });
}
