import type { PageContext } from '../../../web/layout.tsx';
import { searchMessages } from '../messages.ts';

// The search box Mit hold shows (decision 0014): a plain GET form, so it works without JavaScript. On a
// series' home it searches that series only (the hidden `hold`).

export const SEARCH_PATH = '/mit-hold/sog';

export function SearchBox({
  ctx,
  hold,
  query,
  id = 'sog',
}: {
  ctx: Pick<PageContext, 'lang'>;
  /** A series' slug: search only that series. */
  hold?: string | null;
  query?: string;
  id?: string;
}) {
  const m = searchMessages(ctx.lang);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a form with role="search" is announced by every screen reader; <search> is too new for some
    <form class="holdet-search" role="search" method="get" action={SEARCH_PATH}>
      {ctx.lang === 'da' ? null : <input type="hidden" name="lang" value={ctx.lang} />}
      {hold ? <input type="hidden" name="hold" value={hold} /> : null}
      <div class="form-group">
        <label class="form-label" for={id}>
          {m['search.label']}
        </label>
        <span class="form-hint" id={`${id}-hint`}>
          {m['search.hint']}
        </span>
        <input
          class="form-input input-width-l"
          type="search"
          id={id}
          name="q"
          value={query ?? ''}
          maxLength={200}
          aria-describedby={`${id}-hint`}
        />
      </div>
      <button type="submit" class="button button-primary">
        {m['search.button']}
      </button>
    </form>
  );
}
