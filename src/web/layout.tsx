import { type ComponentChildren, h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Lang } from '../shared/danish.ts';
import { RefusedFields, refusedFields } from './form.tsx';
import { type Messages, messages } from './i18n.ts';

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

/** Who the header greets: the signed-in person (from request.account), or null for a visitor who is not. */
export interface Viewer {
  name: string;
  /** The organisation's staff (an organiser): the header links to the back office too. */
  staff: boolean;
}

export interface PageContext {
  lang: Lang;
  /** The request path without the query, for the language switcher and the header's current page. */
  path: string;
  site: SiteInfo;
  viewer: Viewer | null;
  /**
   * Set only while the page cache renders a page that every visitor shares: the account menu is left out
   * as a slot, and filled in per request (sharedPage below).
   */
  accountSlot?: true;
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

/** The catalogue's plain texts (not the ones made from numbers). */
type TextKey = { [K in keyof Messages]: Messages[K] extends string ? K : never }[keyof Messages];

/** A page the header links to for a signed-in person. */
interface AccountPage {
  path: string;
  /** Its name in the header, a text of src/web/i18n.ts. */
  label: TextKey;
  /** Who sees the link: everyone signed in, or only the organisation's staff. */
  for: 'everyone' | 'staff';
}

/**
 * The signed-in person's pages, in the order the header shows them. Adding a page is one line here (and its
 * label in i18n.ts), once its route exists: Mit hold (`/mit-hold`) goes between Min side and the back office.
 */
export const ACCOUNT_PAGES: readonly AccountPage[] = [
  { path: '/mit-hold', label: 'site.myHold', for: 'everyone' },
  { path: '/min-side', label: 'site.myPage', for: 'everyone' },
  { path: '/arrangoer', label: 'site.backOffice', for: 'staff' },
];

/** aria-current for a header link: the page itself, or a page inside its section. */
function current(path: string, target: string): 'page' | 'true' | undefined {
  if (path === target) return 'page';
  return path.startsWith(`${target}/`) ? 'true' : undefined;
}

type AccountContext = Pick<PageContext, 'lang' | 'path' | 'viewer'>;

/**
 * The header's account menu, the only part of a page that depends on who asks. "Log ind" for a stranger;
 * the person's name, their pages and "Log ud" when signed in. "Log ud" is a link to the sign-out page, whose
 * button posts with a CSRF token: a token in the header would make every page one person's. A plain list of
 * links that wraps under the name on a narrow screen: no menu to open, so nothing needs JavaScript.
 */
function AccountMenu({ ctx }: { ctx: AccountContext }) {
  const m = messages(ctx.lang);
  const viewer = ctx.viewer;
  if (!viewer) {
    return (
      <nav class="holdet-account" aria-label={m['site.account']}>
        <ul class="holdet-account-links">
          <li>
            <a href={href(ctx, '/log-ind')} aria-current={current(ctx.path, '/log-ind')}>
              {m['site.signIn']}
            </a>
          </li>
        </ul>
      </nav>
    );
  }
  const pages = ACCOUNT_PAGES.filter((p) => p.for === 'everyone' || viewer.staff);
  return (
    <nav class="holdet-account" aria-label={m['site.account']}>
      <p class="holdet-account-name">
        <span class="sr-only">{m['site.signedInAs']} </span>
        {viewer.name}
      </p>
      <ul class="holdet-account-links">
        {pages.map((p) => (
          <li key={p.path}>
            <a href={href(ctx, p.path)} aria-current={current(ctx.path, p.path)}>
              {m[p.label]}
            </a>
          </li>
        ))}
        <li>
          <a href={href(ctx, '/log-ud')} aria-current={current(ctx.path, '/log-ud')}>
            {m['auth.signOut']}
          </a>
        </li>
      </ul>
    </nav>
  );
}

/** The account menu on its own, for a page the cache keeps with a slot. */
export function renderAccountMenu(ctx: AccountContext): string {
  return renderToString(<AccountMenu ctx={ctx} />);
}

// Where a shared page's account menu goes. Rendered as an empty custom element, which no escaped text can
// spell, so the page splits at it exactly.
const SLOT_TAG = 'holdet-account-slot';
const SLOT = `<${SLOT_TAG}></${SLOT_TAG}>`;

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
          <div class="portal-info-inner container holdet-portal">
            <a href={href(ctx, '/')} class="logo holdet-logo">
              <span>{ctx.site.name}</span>
            </a>
            {ctx.accountSlot ? h(SLOT_TAG, null) : <AccountMenu ctx={ctx} />}
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

/**
 * A page every visitor shares, as the page cache keeps it: the bytes for a visitor who is not signed in,
 * ready to send, and the page split around the account menu for one who is.
 */
export interface SharedPage {
  anonymous: Buffer;
  before: Buffer;
  after: Buffer;
}

/** Turns a page rendered with `accountSlot` into a SharedPage (the slot is in every such page, once). */
export function sharedPage(html: string, ctx: AccountContext): SharedPage {
  const at = html.indexOf(SLOT);
  if (at < 0) throw new Error('a shared page must be rendered with accountSlot');
  const before = html.slice(0, at);
  const after = html.slice(at + SLOT.length);
  return {
    anonymous: Buffer.from(before + renderAccountMenu({ ...ctx, viewer: null }) + after),
    before: Buffer.from(before),
    after: Buffer.from(after),
  };
}

/** The shared page for this visitor: the cached bytes as they are, or with this person's menu. */
export function pageFor(page: SharedPage, ctx: AccountContext): Buffer {
  if (!ctx.viewer) return page.anonymous;
  return Buffer.concat([page.before, Buffer.from(renderAccountMenu(ctx)), page.after]);
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
