import { REDACTED_CHANGED, REDACTED_SET, redactAuditJson } from '../../shared/audit.ts';
import { formatDateShort, formatTime } from '../../shared/danish.ts';
import { AlertIcon } from '../../web/form.tsx';
import { href, type PageContext, renderPage } from '../../web/layout.tsx';
import { SignOutButton } from '../../web/sign-out.tsx';
import {
  canCancel,
  type OrganiserRegistration,
  regMessages,
  type SeriesOverviewRow,
  statusKey,
} from '../registration/service.ts';
import { adminMessages } from './messages.ts';

const when = (iso: string, ctx: PageContext) =>
  `${formatDateShort(iso, ctx.lang)} ${formatTime(iso, ctx.lang)}`;

export function overviewPage(ctx: PageContext, series: SeriesOverviewRow[], csrf: string): string {
  const m = adminMessages(ctx.lang);
  return renderPage({
    ctx,
    title: m['admin.title'],
    crumbs: [{ label: m['admin.title'] }],
    children: (
      <>
        <h1>{m['admin.title']}</h1>
        <ul class="nobullet-list">
          <li>
            <a href={href(ctx, '/arrangoer/fakturaer')}>{m['admin.invoices']}</a>
          </li>
          <li>
            <a href={href(ctx, '/arrangoer/indstillinger')}>{m['admin.settings']}</a>
          </li>
          <li>
            <a href={href(ctx, '/arrangoer/personer')}>{m['admin.people']}</a>
          </li>
          <li>
            <a href={href(ctx, '/arrangoer/steder')}>{m['admin.venues']}</a>
          </li>
          <li>
            <a href={href(ctx, '/arrangoer/log')}>{m['admin.audit']}</a>
          </li>
        </ul>
        <h2>{m['admin.series']}</h2>
        <p>
          <a class="button button-secondary" href={href(ctx, '/arrangoer/serier/ny')}>
            {m['admin.newSeries']}
          </a>
        </p>
        <div class="table--responsive-scroll">
          <table class="table table--zebra">
            <thead>
              <tr>
                <th scope="col">{m['admin.seriesCol']}</th>
                <th scope="col">{m['admin.statusCol']}</th>
                <th scope="col">{m['admin.seats']}</th>
                <th scope="col">{m['admin.confirmed']}</th>
                <th scope="col">{m['admin.reserved']}</th>
                <th scope="col">{m['admin.offered']}</th>
                <th scope="col">{m['admin.waitlisted']}</th>
                <th scope="col">{m['admin.seriesActions']}</th>
              </tr>
            </thead>
            <tbody>
              {series.map((s) => (
                <tr key={s.slug}>
                  <td>
                    <a href={href(ctx, `/arrangoer/serier/${s.slug}`)}>{s.title}</a>
                  </td>
                  <td>{m[`admin.status.${s.status}`]}</td>
                  <td>{s.capacity}</td>
                  <td>{s.counts.confirmed ?? 0}</td>
                  <td>{s.counts.reserved ?? 0}</td>
                  <td>{s.counts.offered ?? 0}</td>
                  <td>{s.counts.waitlisted ?? 0}</td>
                  <td>
                    <a href={href(ctx, `/arrangoer/serier/${s.slug}/rediger`)}>
                      {m['admin.editSeries']}
                      <span class="sr-only"> {s.title}</span>
                    </a>
                    {' · '}
                    <a href={href(ctx, `/arrangoer/serier/${s.slug}/kopier`)}>
                      {m['admin.copySeries']}
                      <span class="sr-only"> {s.title}</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div class="holdet-signout">
          <SignOutButton ctx={ctx} csrf={csrf} />
        </div>
      </>
    ),
  });
}

export type SeriesNotice = { kind: 'cancelled'; creditNote: string | null } | { kind: 'not-cancellable' };

export interface SeriesAdminModel {
  slug: string;
  title: string;
  capacity: number;
  rows: OrganiserRegistration[];
  csrf: string;
  notice?: SeriesNotice;
}

export function seriesAdminPage(ctx: PageContext, model: SeriesAdminModel): string {
  const m = adminMessages(ctx.lang);
  const r = regMessages(ctx.lang);
  const title = model.title;
  const notice = model.notice;
  return renderPage({
    ctx,
    title,
    crumbs: [{ href: '/arrangoer', label: m['admin.title'] }, { label: title }],
    children: (
      <>
        <h1>{title}</h1>
        {notice ? (
          <div
            class={`alert ${notice.kind === 'cancelled' ? 'alert-success' : 'alert-warning'}`}
            role="status"
          >
            <AlertIcon variant={notice.kind === 'cancelled' ? 'success' : 'warning'} />
            <div class="alert-body">
              <p class="alert-text">
                {notice.kind === 'not-cancellable'
                  ? m['admin.notCancellable']
                  : notice.creditNote
                    ? m['admin.cancelledCredited'](notice.creditNote)
                    : m['admin.cancelled.notice']}
              </p>
            </div>
          </div>
        ) : null}
        <p>
          <a href={href(ctx, `/arrangoer/serier/${model.slug}/rediger`)}>{m['admin.editThisSeries']}</a>
        </p>
        <h2>{m['admin.registrations']}</h2>
        {model.rows.length === 0 ? <p>{m['admin.noRegistrations']}</p> : null}
        {model.rows.length > 0 ? (
          <div class="table--responsive-scroll">
            <table class="table table--compact">
              <thead>
                <tr>
                  <th scope="col">{m['admin.seq']}</th>
                  <th scope="col">{m['admin.name']}</th>
                  <th scope="col">{m['admin.organisation']}</th>
                  <th scope="col">{m['admin.statusCol']}</th>
                  <th scope="col">{m['admin.registeredAt']}</th>
                  <th scope="col">{m['admin.action']}</th>
                </tr>
              </thead>
              <tbody>
                {model.rows.map((row) => {
                  const cancellable = canCancel(row.status);
                  return (
                    <tr key={row.id} id={`r${row.seq}`}>
                      <td>{row.seq}</td>
                      <td>
                        {row.attendee.name}
                        <br />
                        <span class="form-hint">{row.attendee.email}</span>
                      </td>
                      <td>
                        {row.buyer.organisationName}
                        {row.buyer.publicBuyer ? ` (${m['admin.ean']})` : ''}
                      </td>
                      <td>
                        {r[statusKey(row)]}
                        {row.position !== null ? ` #${row.position}` : ''}
                        {row.awaitingUntil && (row.status === 'reserved' || row.status === 'waitlisted') ? (
                          <>
                            <br />
                            <span class="form-hint">
                              {m['admin.awaitingUntil'](when(row.awaitingUntil, ctx))}
                            </span>
                          </>
                        ) : null}
                        {row.status === 'offered' && row.offerExpiresAt ? (
                          <>
                            <br />
                            <span class="form-hint">
                              {m['admin.offerUntil'](when(row.offerExpiresAt, ctx))}
                            </span>
                          </>
                        ) : null}
                        {row.cancelReason ? (
                          <>
                            <br />
                            <span class="form-hint">{row.cancelReason}</span>
                          </>
                        ) : null}
                      </td>
                      <td>{when(row.createdAt, ctx)}</td>
                      <td>
                        {cancellable ? (
                          <a
                            class="button button-secondary"
                            href={href(ctx, `/arrangoer/tilmeldinger/${row.id}/annuller`)}
                          >
                            {m['admin.cancel']} <span class="sr-only">{row.attendee.name}</span>
                          </a>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : null}
      </>
    ),
  });
}

/**
 * An audit row's before and after as the log shows them: redacted once more (rows are redacted when written,
 * and migration 0007 redacted the older ones; this keeps the page safe whatever is stored), with the markers
 * in the page's language.
 */
function auditDetails(
  a: { before_json: string | null; after_json: string | null },
  m: ReturnType<typeof adminMessages>,
): string {
  const redacted = redactAuditJson(a.before_json, a.after_json);
  const shown = (json: string | null) =>
    json === null
      ? '–'
      : JSON.stringify(JSON.parse(json), (_key, value: unknown) =>
          value === REDACTED_SET
            ? m['admin.auditSet']
            : value === REDACTED_CHANGED
              ? m['admin.auditChanged']
              : value,
        );
  return `${m['admin.auditBefore']}: ${shown(redacted.before_json)}\n${m['admin.auditAfter']}: ${shown(redacted.after_json)}`;
}

export function auditPage(
  ctx: PageContext,
  rows: {
    id: string;
    at: string;
    actor_label: string;
    action: string;
    entity: string;
    entity_id: string;
    before_json: string | null;
    after_json: string | null;
  }[],
): string {
  const m = adminMessages(ctx.lang);
  return renderPage({
    ctx,
    title: m['admin.audit'],
    crumbs: [{ href: '/arrangoer', label: m['admin.title'] }, { label: m['admin.audit'] }],
    children: (
      <>
        <h1>{m['admin.audit']}</h1>
        <p>{m['admin.auditIntro']}</p>
        <div class="table--responsive-scroll">
          <table class="table table--compact">
            <thead>
              <tr>
                <th scope="col">{m['admin.auditAt']}</th>
                <th scope="col">{m['admin.auditWho']}</th>
                <th scope="col">{m['admin.auditWhat']}</th>
                <th scope="col">{m['admin.auditEntity']}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <tr key={a.id}>
                  <td>{when(a.at, ctx)}</td>
                  <td>{a.actor_label}</td>
                  <td>
                    {a.action}
                    {a.before_json || a.after_json ? (
                      <details>
                        <summary>{m['admin.auditDetails']}</summary>
                        <pre class="holdet-pre">{auditDetails(a, m)}</pre>
                      </details>
                    ) : null}
                  </td>
                  <td>
                    {a.entity} {a.entity_id.slice(0, 8)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </>
    ),
  });
}
