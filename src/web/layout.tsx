import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Lang } from '../shared/danish.ts';
import { RefusedFields, refusedFields } from './form.tsx';
import { messages } from './i18n.ts';

/** What every page needs to draw its frame: who runs the site and which language to speak. */
export interface SiteInfo {
  name: string;
  street: string;
  postalCode: string;
  city: string;
  cvr: string;
  email: string;
  phone: string;
}

export interface PageContext {
  lang: Lang;
  /** The request path without the query, for the language switcher. */
  path: string;
  site: SiteInfo;
  /** Posted fields that carried a NUL byte: the form controls show them as refused (form-guard.ts). */
  nulFields?: readonly string[];
}

export interface Crumb {
  href?: string;
  label: string;
}

interface LayoutProps {
  ctx: PageContext;
  title: string;
  description?: string;
  crumbs?: Crumb[];
  children: ComponentChildren;
}

/** Local href in the current language: Danish is the default and needs no marker. */
export function href(ctx: Pick<PageContext, 'lang'>, path: string): string {
  return ctx.lang === 'da' ? path : `${path}${path.includes('?') ? '&' : '?'}lang=en`;
}

function LanguageSwitcher({ ctx }: { ctx: PageContext }) {
  const m = messages(ctx.lang);
  const options: { code: Lang; name: string }[] = [
    { code: 'da', name: 'Dansk' },
    { code: 'en', name: 'English' },
  ];
  // dkfds shows the first language as the current one, so the current language goes first.
  options.sort((a, b) => Number(b.code === ctx.lang) - Number(a.code === ctx.lang));
  return (
    <nav class="language-switcher" aria-label={m['site.languages']}>
      <div class="container">
        <ul>
          {options.map((o) => (
            <li key={o.code}>
              <a
                href={`${ctx.path}?lang=${o.code}`}
                lang={o.code}
                hreflang={o.code}
                aria-current={o.code === ctx.lang ? 'true' : undefined}
              >
                {o.name}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </nav>
  );
}

function Chevron() {
  return (
    <svg class="icon-svg" focusable="false" aria-hidden="true">
      <use href="/static/dkfds/img/all-svg-icons.svg#chevron-right" />
    </svg>
  );
}

function Breadcrumbs({ ctx, crumbs }: { ctx: PageContext; crumbs: Crumb[] }) {
  const m = messages(ctx.lang);
  return (
    <nav class="breadcrumbs" aria-label={m['site.breadcrumbs']}>
      <ol class="breadcrumbs__list">
        <li class="breadcrumbs__list-item">
          <a href={href(ctx, '/')} class="breadcrumbs__link">
            {m['site.home']}
          </a>
          <Chevron />
        </li>
        {crumbs.map((c) => (
          <li key={c.label} class="breadcrumbs__list-item">
            {c.href ? (
              <>
                <a href={href(ctx, c.href)} class="breadcrumbs__link">
                  {c.label}
                </a>
                <Chevron />
              </>
            ) : (
              <span aria-current="page">{c.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

function Footer({ ctx }: { ctx: PageContext }) {
  const m = messages(ctx.lang);
  const s = ctx.site;
  return (
    <footer>
      <div class="footer">
        <div class="container">
          <div class="row">
            <div class="col-12 col-md-6 footer-col">
              <section aria-labelledby="footer-contact">
                <h2 class="h5" id="footer-contact">
                  {m['footer.heading']}
                </h2>
                <p>
                  <strong>{s.name}</strong>
                  <br />
                  {s.street}
                  <br />
                  {s.postalCode} {s.city}
                </p>
                <ul class="unstyled-list">
                  <li>
                    {m['footer.cvr']}: {s.cvr}
                  </li>
                  <li>
                    {m['footer.email']}: <a href={`mailto:${s.email}`}>{s.email}</a>
                  </li>
                  <li>
                    {m['footer.phone']}: <a href={`tel:${s.phone.replace(/\s/g, '')}`}>{s.phone}</a>
                  </li>
                </ul>
              </section>
            </div>
            <div class="col-12 col-md-6 footer-col">
              <section aria-labelledby="footer-about">
                <h2 class="h5" id="footer-about">
                  {m['footer.about']}
                </h2>
                <ul class="unstyled-list">
                  <li>
                    <a href={href(ctx, '/privatliv')}>{m['footer.privacy']}</a>
                  </li>
                  <li>
                    <a href={href(ctx, '/tilgaengelighed')}>{m['footer.accessibility']}</a>
                  </li>
                </ul>
              </section>
            </div>
          </div>
        </div>
      </div>
    </footer>
  );
}

function Layout({ ctx, crumbs, children }: LayoutProps) {
  const m = messages(ctx.lang);
  return (
    <>
      <a class="skipnav" href="#main-content">
        {m['site.skip']}
      </a>
      <LanguageSwitcher ctx={ctx} />
      <header class="header">
        <div class="portal-info">
          <div class="portal-info-inner container">
            <a href={href(ctx, '/')} class="logo holdet-logo">
              <span>{ctx.site.name}</span>
            </a>
            {/* The same for every visitor: public pages are cached and shared, so the header never shows
                who is signed in. /min-side sends a visitor who is not to the sign-in page. */}
            <a href={href(ctx, '/min-side')} class="ml-auto">
              {m['site.myPage']}
            </a>
          </div>
        </div>
        <div class="solution-info">
          <div class="solution-info-inner container">
            <div class="solution-heading">
              <a href={href(ctx, '/')}>{m['site.solution']}</a>
            </div>
          </div>
        </div>
      </header>
      <main id="main-content" class="container holdet-main" tabindex={-1}>
        {crumbs && crumbs.length > 0 ? <Breadcrumbs ctx={ctx} crumbs={crumbs} /> : null}
        {children}
      </main>
      <Footer ctx={ctx} />
    </>
  );
}

/** Renders a whole HTML document. JSX escapes every value; nothing here is raw HTML. */
export function renderPage(props: LayoutProps): string {
  const { ctx, title, description } = props;
  const refused = ctx.nulFields ?? [];
  let body: string;
  if (refused.length === 0) body = renderToString(<Layout {...props} />);
  else {
    // The error summary comes before the fields whose labels it names: a first pass collects their messages.
    const problems = refusedFields(ctx.lang, refused);
    const page = (
      <RefusedFields.Provider value={problems}>
        <Layout {...props} />
      </RefusedFields.Provider>
    );
    renderToString(page);
    body = renderToString(page);
  }
  const fullTitle = title === ctx.site.name ? title : `${title} – ${ctx.site.name}`;
  const meta = description ? `<meta name="description" content="${escapeAttr(description)}">` : '';
  return `<!doctype html>
<html lang="${ctx.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeAttr(fullTitle)}</title>
${meta}
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/dkfds/css/dkfds.min.css">
<link rel="stylesheet" href="/theme.css">
<link rel="stylesheet" href="/static/holdet.css">
</head>
<body>
${body}
</body>
</html>`;
}

const ATTR_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export function escapeAttr(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ATTR_ESCAPES[c] ?? c);
}
