import { messages } from '../../../web/i18n.ts';
import { type PageContext, renderPage } from '../../../web/layout.tsx';
import { SignOutButton } from '../../../web/sign-out.tsx';
import { SignOutEverywhereButton } from '../../../web/sign-out-everywhere.tsx';

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
