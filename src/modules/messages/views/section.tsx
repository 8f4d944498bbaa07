import { formatDateLong } from '../../../shared/danish.ts';
import { href, type PageContext } from '../../../web/layout.tsx';
import { messagesMessages } from '../messages.ts';
import { announcementPath, announcementsPath, myThreadPath, newAnnouncementPath } from '../paths.ts';
import type { HoldMessages } from '../service.ts';

// The "Beskeder" section of Mit hold: the newest announcements the person sees, unread marked, a link to all;
// the staff's link to write one, a member's link to write to the organiser.

export function MessagesSection({
  ctx,
  slug,
  messages,
}: {
  ctx: PageContext;
  slug: string;
  messages: HoldMessages;
}) {
  const m = messagesMessages(ctx.lang);
  return (
    <section aria-labelledby="messages" class="holdet-hold-section">
      <h2 id="messages">{m['msg.section']}</h2>
      {messages.items.length === 0 ? (
        <p>{m['msg.none']}</p>
      ) : (
        <ul class="nobullet-list holdet-materials">
          {messages.items.map((a) => (
            <li key={a.id} class="holdet-material">
              <p class="holdet-material-title">
                <a href={href(ctx, announcementPath(slug, a.id))}>{a.title}</a>
                {a.unread ? <span class="holdet-tag holdet-tag-new"> {m['msg.unread']}</span> : null}
              </p>
              <p class="holdet-material-meta">
                {m['msg.by'](a.authorName, formatDateLong(a.createdAt, ctx.lang))}
              </p>
            </li>
          ))}
        </ul>
      )}
      <ul class="nobullet-list">
        <li>
          <a href={href(ctx, announcementsPath(slug))}>{m['msg.showAll']}</a>
        </li>
        {messages.mayAnnounce ? (
          <li>
            <a href={href(ctx, newAnnouncementPath(slug))}>{m['msg.write']}</a>
          </li>
        ) : null}
        {messages.mayWrite ? (
          <li>
            <a href={href(ctx, myThreadPath(slug))}>{m['msg.writeToOrganiser']}</a>
          </li>
        ) : null}
      </ul>
    </section>
  );
}
