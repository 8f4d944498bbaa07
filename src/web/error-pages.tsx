import { messages } from './i18n.ts';
import { href, type PageContext, renderPage } from './layout.tsx';

export function notFoundPage(ctx: PageContext): string {
  const m = messages(ctx.lang);
  return renderPage({
    ctx,
    title: m['error.notFoundTitle'],
    children: (
      <>
        <h1>{m['error.notFoundTitle']}</h1>
        <p>{m['error.notFoundText']}</p>
        <p>
          <a href={href(ctx, '/')}>{m['error.goHome']}</a>
        </p>
      </>
    ),
  });
}

function simplePage(ctx: PageContext, title: string, text: string): string {
  const m = messages(ctx.lang);
  return renderPage({
    ctx,
    title,
    children: (
      <>
        <h1>{title}</h1>
        <p>{text}</p>
        <p>
          <a href={href(ctx, '/')}>{m['error.goHome']}</a>
        </p>
      </>
    ),
  });
}

/** A form sent without a valid CSRF token: usually an old tab or blocked cookies. */
export function staleFormPage(ctx: PageContext): string {
  const m = messages(ctx.lang);
  return simplePage(ctx, m['error.staleFormTitle'], m['error.staleFormText']);
}

export function forbiddenPage(ctx: PageContext): string {
  const m = messages(ctx.lang);
  return simplePage(ctx, m['error.forbiddenTitle'], m['error.forbiddenText']);
}

export function badRequestPage(ctx: PageContext): string {
  const m = messages(ctx.lang);
  return renderPage({
    ctx,
    title: m['error.badRequestTitle'],
    children: (
      <>
        <h1>{m['error.badRequestTitle']}</h1>
        <p>{m['error.badRequestText']}</p>
        <p>
          <a href={href(ctx, '/')}>{m['error.goHome']}</a>
        </p>
      </>
    ),
  });
}

/** Never shows internals: only a reference that lets the organiser find the log line. */
export function serverErrorPage(ctx: PageContext, reference: string): string {
  const m = messages(ctx.lang);
  return renderPage({
    ctx,
    title: m['error.serverTitle'],
    children: (
      <>
        <h1>{m['error.serverTitle']}</h1>
        <p>{m['error.serverText']}</p>
        <p>
          {m['error.reference']}: <code>{reference}</code>
        </p>
        <p>
          <a href={href(ctx, '/')}>{m['error.goHome']}</a>
        </p>
      </>
    ),
  });
}
