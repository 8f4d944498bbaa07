import { messages } from './i18n.ts';
import { href, type PageContext } from './layout.tsx';

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
