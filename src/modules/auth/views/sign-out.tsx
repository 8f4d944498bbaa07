import { messages } from '../../../web/i18n.ts';
import { href, type PageContext, renderPage } from '../../../web/layout.tsx';
import { SignOutEverywhereButton } from '../../../web/sign-out-everywhere.tsx';

/**
 * The "Log ud" button for signed-in pages (Min side, the organiser pages): a POST with the CSRF token
 * (`csrfToken(reply)` from src/web/csrf.ts), never a link that a prefetch could follow.
 */
export function SignOutButton({ ctx, csrf }: { ctx: PageContext; csrf: string }) {
  const m = messages(ctx.lang);
  return (
    <form method="post" action={href(ctx, '/log-ud')}>
      <input type="hidden" name="_csrf" value={csrf} />
      <button type="submit" class="button button-secondary">
        {m['auth.signOut']}
      </button>
    </form>
  );
}

/**
 * Where the header's "Log ud" link goes (GET /log-ud): the button that signs out. The header is a link
 * because shared pages cannot carry a form token; the button here posts with one, without JavaScript.
 */
export function signOutPage(ctx: PageContext, csrf: string): string {
  const m = messages(ctx.lang);
  return renderPage({
    ctx,
    title: m['auth.signOutTitle'],
    crumbs: [{ label: m['auth.signOutTitle'] }],
    children: (
      <>
        <h1>{m['auth.signOutTitle']}</h1>
        <p>{m['auth.signOutText']}</p>
        <div class="holdet-signout">
          <SignOutButton ctx={ctx} csrf={csrf} />
        </div>
        <SignOutEverywhereButton ctx={ctx} csrf={csrf} />
      </>
    ),
  });
}
