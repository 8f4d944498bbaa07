import { formatDate, unbroken } from '../../../shared/danish.ts';
import { href, type PageContext, renderPage } from '../../../web/layout.tsx';
import { kindLabel, searchMessages } from '../messages.ts';
import type { PageHit, SearchPage } from '../service.ts';
import { PAGE_SIZE, SEARCH_COUNT_CAP } from '../service.ts';
import type { SnippetPart } from '../snippet.ts';
import { SEARCH_PATH, SearchBox } from './search-box.tsx';

// GET /mit-hold/sog: the form, and the hits of what the person may see. Every text is escaped by Preact; the
// matched words are <mark>.

const MEMBERS_PATH = '/mit-hold';

function Parts({ parts }: { parts: SnippetPart[] }) {
  return <>{parts.map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}</>;
}

function Hit({ ctx, hit }: { ctx: PageContext; hit: PageHit }) {
  const m = searchMessages(ctx.lang);
  return (
    <li class="holdet-search-hit">
      <h3>
        <a href={href(ctx, hit.path)}>
          <Parts parts={hit.titleParts} />
        </a>
      </h3>
      <p class="holdet-search-meta">
        <span class="holdet-tag">{kindLabel(hit.kind, m)}</span> {hit.seriesTitle}
        {' · '}
        {hit.sessionOrdinal === null ? m['search.wholeSeries'] : m['search.session'](hit.sessionOrdinal)}
        {' · '}
        {hit.authorName
          ? m['search.addedBy'](hit.authorName, unbroken(formatDate(hit.createdAt, ctx.lang)))
          : m['search.addedOn'](unbroken(formatDate(hit.createdAt, ctx.lang)))}
      </p>
      {hit.snippet.length > 0 ? (
        <p class="holdet-search-snippet">
          <Parts parts={hit.snippet} />
        </p>
      ) : null}
    </li>
  );
}

function pageHref(ctx: PageContext, page: SearchPage, n: number): string {
  const params = new URLSearchParams({ q: page.query });
  if (page.hold) params.set('hold', page.hold.slug);
  if (n > 1) params.set('side', String(n));
  return href(ctx, `${SEARCH_PATH}?${params}`);
}

function Pager({ ctx, page }: { ctx: PageContext; page: SearchPage }) {
  const m = searchMessages(ctx.lang);
  const pages = Math.ceil(Math.min(page.total, SEARCH_COUNT_CAP) / PAGE_SIZE);
  if (pages <= 1) return null;
  return (
    <nav aria-label={m['search.pages']} class="holdet-inline-form">
      {page.page > 1 ? <a href={pageHref(ctx, page, page.page - 1)}>{m['search.previous']}</a> : null}
      <span>{m['search.pageOf'](page.page, pages)}</span>
      {page.page < pages ? <a href={pageHref(ctx, page, page.page + 1)}>{m['search.next']}</a> : null}
    </nav>
  );
}

export function searchPageView(ctx: PageContext, page: SearchPage, hasWords: boolean): string {
  const m = searchMessages(ctx.lang);
  const asked = page.query.trim().length > 0;
  const count =
    page.total > SEARCH_COUNT_CAP ? m['search.countOver'](SEARCH_COUNT_CAP) : m['search.count'](page.total);
  return renderPage({
    ctx,
    title: asked ? `${m['search.title']}: ${page.query}` : m['search.title'],
    crumbs: [{ href: MEMBERS_PATH, label: m['search.crumb'] }, { label: m['search.title'] }],
    children: (
      <>
        <h1>{m['search.title']}</h1>
        <p class="font-lead">{m['search.intro']}</p>
        {page.hold ? (
          <p>
            {m['search.inHold'](page.hold.title)}{' '}
            <a
              href={href(
                ctx,
                asked ? `${SEARCH_PATH}?${new URLSearchParams({ q: page.query })}` : SEARCH_PATH,
              )}
            >
              {m['search.everywhere']}
            </a>
          </p>
        ) : null}
        <SearchBox ctx={ctx} hold={page.hold?.slug ?? null} query={page.query} />
        {page.nothingToSearch ? (
          <p>{m['search.nothingToSearch']}</p>
        ) : !asked ? null : !hasWords ? (
          <p>{m['search.noWords']}</p>
        ) : page.total === 0 ? (
          <p role="status">{m['search.noHits'](page.query)}</p>
        ) : (
          <section aria-labelledby="results">
            <h2 id="results">{m['search.results']}</h2>
            <p role="status">{count}</p>
            <ol class="nobullet-list holdet-search-hits">
              {page.hits.map((hit) => (
                <Hit key={`${hit.source}:${hit.sourceId}`} ctx={ctx} hit={hit} />
              ))}
            </ol>
            <Pager ctx={ctx} page={page} />
          </section>
        )}
      </>
    ),
  });
}
