import { messages } from './i18n.ts';
import { href, type PageContext } from './layout.tsx';

/**
 * The way to the security page (the second factor), and "Log ud alle steder" for Min side: a POST form with the CSRF token (works without JavaScript) that ends
 * every session of the account, this one too, and goes to the front page signed out.
 */
export function SignOutEverywhereButton({ ctx, csrf }: { ctx: PageContext; csrf: string }) {
  const m = messages(ctx.lang);
  return (
    <>
      <p>
        <a href={href(ctx, '/min-side/sikkerhed')}>{m['auth.securityLink']}</a>
      </p>
      <p>
        <a href={href(ctx, '/min-side/varsler')}>{m['auth.notificationsLink']}</a>
      </p>
      <form method="post" action={href(ctx, '/log-ud/alle')} class="holdet-signout-everywhere">
        <input type="hidden" name="_csrf" value={csrf} />
        <p id="sign-out-everywhere-hint" class="form-hint">
          {m['auth.signOutEverywhereHint']}
        </p>
        <button type="submit" class="button button-secondary" aria-describedby="sign-out-everywhere-hint">
          {m['auth.signOutEverywhere']}
        </button>
      </form>
    </>
  );
}
