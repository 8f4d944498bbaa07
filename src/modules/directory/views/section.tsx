import { href, type PageContext } from '../../../web/layout.tsx';
import { directoryMessages } from '../messages.ts';
import { DIRECTORY_CHOICES_PATH, directoryPath } from '../paths.ts';

// The "Deltagere" section of Mit hold: a link to the directory (no query: the page itself reads it), and to
// the person's own choice when they may be listed.

export function DirectorySection({
  ctx,
  slug,
  mayJoin,
}: {
  ctx: PageContext;
  slug: string;
  mayJoin: boolean;
}) {
  const m = directoryMessages(ctx.lang);
  return (
    <section aria-labelledby="members" class="holdet-hold-section">
      <h2 id="members">{m['dir.section']}</h2>
      <p>{m['dir.sectionText']}</p>
      <ul class="nobullet-list">
        <li>
          <a href={href(ctx, directoryPath(slug))}>{m['dir.sectionLink']}</a>
        </li>
        {mayJoin ? (
          <li>
            <a href={href(ctx, DIRECTORY_CHOICES_PATH)}>{m['dir.sectionChoice']}</a>
          </li>
        ) : null}
      </ul>
    </section>
  );
}
