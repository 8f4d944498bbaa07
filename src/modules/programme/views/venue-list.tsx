import { AlertIcon } from '../../../web/form.tsx';
import { href, type PageContext, renderPage } from '../../../web/layout.tsx';
import type { VenueListItem } from '../../series/service.ts';
import { venueMessages } from '../venue-messages.ts';

// The organiser's venues: each with its address and where it is in use, a link to edit it, and "Opret sted".

export const VENUES_PATH = '/arrangoer/steder';
export const NEW_VENUE_PATH = `${VENUES_PATH}/ny`;
export const venuePath = (id: string) => `${VENUES_PATH}/${id}`;

export function venueListPage(
  ctx: PageContext,
  venues: VenueListItem[],
  notice: 'created' | 'saved' | null,
  /** Mails sent because sessions held at the venue moved with its address. */
  told = 0,
): string {
  const m = venueMessages(ctx.lang);
  return renderPage({
    ctx,
    title: m['venue.list.title'],
    crumbs: [{ href: '/arrangoer', label: m['venue.organiser'] }, { label: m['venue.list.title'] }],
    children: (
      <>
        <h1>{m['venue.list.title']}</h1>
        {notice ? (
          <div class="alert alert-success" role="status">
            <AlertIcon variant="success" />
            <div class="alert-body">
              <p class="alert-text">
                {notice === 'created' ? m['venue.list.created'] : m['venue.list.saved']}
              </p>
              {told > 0 ? <p class="alert-text">{m['venue.list.told'](told)}</p> : null}
            </div>
          </div>
        ) : null}
        <p>{m['venue.list.intro']}</p>
        <p>
          <a class="button button-secondary" href={href(ctx, NEW_VENUE_PATH)}>
            {m['venue.list.create']}
          </a>
        </p>
        {venues.length === 0 ? (
          <p>{m['venue.list.empty']}</p>
        ) : (
          <div class="table--responsive-scroll">
            <table class="table table--zebra">
              <thead>
                <tr>
                  <th scope="col">{m['venue.list.name']}</th>
                  <th scope="col">{m['venue.list.address']}</th>
                  <th scope="col">{m['venue.list.use']}</th>
                </tr>
              </thead>
              <tbody>
                {venues.map((v) => (
                  <tr key={v.id}>
                    <td>
                      <a href={href(ctx, venuePath(v.id))}>{v.name}</a>
                    </td>
                    <td>
                      {v.street}, {v.postalCode} {v.city}
                    </td>
                    <td>
                      {v.seriesCount + v.sessionCount === 0
                        ? m['venue.list.unused']
                        : m['venue.list.useText'](v.seriesCount, v.sessionCount)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </>
    ),
  });
}
