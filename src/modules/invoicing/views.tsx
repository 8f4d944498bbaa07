import type { ComponentChildren } from 'preact';
import { formatDateShort, formatKroner } from '../../shared/danish.ts';
import { AlertIcon, CsrfField } from '../../web/form.tsx';
import { href, type PageContext, renderPage } from '../../web/layout.tsx';
import { type InvMessages, invMessages } from './messages.ts';
import type { DocumentRow } from './reads.ts';
import type { DocumentStatus } from './rules.ts';

// The organiser's invoice list, the invoices section of the participant's Min side, and the parts they
// share with the detail page (detail.tsx). Downloads are plain links (no JavaScript); each repeats the number for screen readers, since a table of
// "PDF" links is otherwise a list of identical names.

export type InvoiceNotice = 'paid' | 'unpaid' | 'sent' | 'unsent' | 'credited';

export const money = (ore: number, ctx: PageContext) => formatKroner(ore, { decimals: true, lang: ctx.lang });
export const day = (d: string, ctx: PageContext) => formatDateShort(`${d}T12:00:00.000Z`, ctx.lang);

const TAG: Record<DocumentStatus, string> = {
  open: 'tag',
  overdue: 'tag holdet-tag-warn',
  paid: 'tag holdet-tag-ok',
  credited: 'tag holdet-tag-muted',
  part_credited: 'tag holdet-tag-muted',
  credit_note: 'tag holdet-tag-muted',
};

export function StatusTag({ status, m }: { status: DocumentStatus; m: InvMessages }) {
  return <span class={TAG[status]}>{m[`inv.status.${status}`]}</span>;
}

/** Links to the document's files under `base` (…/fakturaer/:id): the PDF unless `pdf` is false, the XML when `xml`. */
export function Downloads(props: {
  base: string;
  number: string;
  xml: boolean;
  pdf?: boolean;
  m: InvMessages;
}) {
  const { base, number, m } = props;
  const files: [string, string][] = props.pdf === false ? [] : [[`${base}/pdf`, m['inv.pdf']]];
  if (props.xml) files.push([`${base}/oioubl.xml`, m['inv.oioubl']], [`${base}/peppol.xml`, m['inv.peppol']]);
  return (
    <ul class="nobullet-list holdet-downloads">
      {files.map(([url, label]) => (
        <li key={url}>
          <a href={url} download>
            {label}
            <span class="sr-only"> {number}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

export function Notice({ text }: { text: string }) {
  return (
    <div class="alert alert-success" role="status">
      <AlertIcon variant="success" />
      <div class="alert-body">
        <p class="alert-text">{text}</p>
      </div>
    </div>
  );
}

export function Table({ head, children }: { head: string[]; children: ComponentChildren }) {
  return (
    <div class="table--responsive-scroll">
      <table class="table table--compact">
        <thead>
          <tr>
            {head.map((h) => (
              <th scope="col" key={h}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

export function SentButton(props: { ctx: PageContext; row: DocumentRow; csrf: string; fromList?: boolean }) {
  const { ctx, row } = props;
  const m = invMessages(ctx.lang);
  const sent = row.sentAt !== null;
  return (
    <form method="post" action={href(ctx, `/arrangoer/fakturaer/${row.id}/sendt`)}>
      <CsrfField token={props.csrf} />
      <input type="hidden" name="sendt" value={sent ? 'nej' : 'ja'} />
      {props.fromList ? <input type="hidden" name="fra" value="liste" /> : null}
      <button type="submit" class={`button ${sent ? 'button-secondary' : 'button-primary'}`}>
        {sent ? m['inv.markUnsent'] : m['inv.markSent']}
        <span class="sr-only"> {row.number}</span>
      </button>
    </form>
  );
}

/** The catalogue's plain-text keys (not the functions). */
type TextKey = { [K in keyof InvMessages]: InvMessages[K] extends string ? K : never }[keyof InvMessages];

/** Column headings from message keys. */
export const cols = (m: InvMessages, ...keys: TextKey[]) => keys.map((k) => m[k]);

export function invoiceListPage(
  ctx: PageContext,
  model: { rows: DocumentRow[]; awaiting: DocumentRow[]; csrf: string; notice?: InvoiceNotice },
): string {
  const m = invMessages(ctx.lang);
  const base = (id: string) => `/arrangoer/fakturaer/${id}`;
  return renderPage({
    ctx,
    title: m['inv.title'],
    crumbs: [{ href: '/arrangoer', label: m['inv.organiser'] }, { label: m['inv.title'] }],
    children: (
      <>
        <h1>{m['inv.title']}</h1>
        {model.notice ? <Notice text={m[`inv.notice.${model.notice}`]} /> : null}
        <p>
          <a href={href(ctx, '/arrangoer/fakturaer.csv')} download>
            {m['inv.csv']}
          </a>
        </p>
        <h2>{m['inv.awaiting']}</h2>
        {model.awaiting.length === 0 ? (
          <p>{m['inv.awaitingNone']}</p>
        ) : (
          <>
            <p>{m['inv.awaitingIntro']}</p>
            <Table
              head={cols(
                m,
                'inv.number',
                'inv.kind',
                'inv.buyer',
                'inv.total',
                'inv.downloads',
                'inv.action',
              )}
            >
              {model.awaiting.map((r) => (
                <tr key={r.id}>
                  <td>
                    <a href={href(ctx, base(r.id))}>{r.number}</a>
                  </td>
                  <td>{m[`inv.kind.${r.kind}`]}</td>
                  <td>
                    {r.buyerName}
                    <br />
                    <span class="form-hint">
                      {m['inv.ean']} {r.buyerEan}
                    </span>
                  </td>
                  <td>{money(r.totalOre, ctx)}</td>
                  <td>
                    <Downloads base={base(r.id)} number={r.number} xml pdf={false} m={m} />
                  </td>
                  <td>
                    <SentButton ctx={ctx} row={r} csrf={model.csrf} fromList />
                  </td>
                </tr>
              ))}
            </Table>
          </>
        )}
        <h2>{m['inv.title']}</h2>
        <p>{m['inv.intro']}</p>
        {model.rows.length === 0 ? (
          <p>{m['inv.none']}</p>
        ) : (
          <Table
            head={cols(
              m,
              'inv.number',
              'inv.kind',
              'inv.issueDate',
              'inv.dueDate',
              'inv.buyer',
              'inv.participant',
              'inv.total',
              'inv.status',
              'inv.downloads',
            )}
          >
            {model.rows.map((r) => (
              <tr key={r.id}>
                <td class="holdet-nowrap">
                  <a href={href(ctx, base(r.id))}>{r.number}</a>
                </td>
                <td>
                  {m[`inv.kind.${r.kind}`]}
                  {r.credits ? <span class="form-hint holdet-nowrap"> {r.credits.number}</span> : null}
                </td>
                <td>{day(r.issueDate, ctx)}</td>
                <td>{r.kind === 'invoice' ? day(r.dueDate, ctx) : ''}</td>
                <td>
                  {r.buyerName}
                  <br />
                  <span class="form-hint">
                    {m['inv.cvr']} {r.buyerCvr}
                    {r.buyerEan ? `, ${m['inv.ean']} ${r.buyerEan}` : ''}
                  </span>
                </td>
                <td>{r.participantName}</td>
                <td class="holdet-nowrap">{money(r.totalOre, ctx)}</td>
                <td>
                  <StatusTag status={r.status} m={m} />
                </td>
                <td>
                  <Downloads base={base(r.id)} number={r.number} xml m={m} />
                </td>
              </tr>
            ))}
          </Table>
        )}
      </>
    ),
  });
}

/** The invoices section of Min side; nothing when the participant has no documents. */
export function MyInvoices({ ctx, rows }: { ctx: PageContext; rows: DocumentRow[] }) {
  if (rows.length === 0) return null;
  const m = invMessages(ctx.lang);
  return (
    <section aria-labelledby="my-invoices" class="holdet-factbox">
      <h2 id="my-invoices" class="h3">
        {m['inv.mine']}
      </h2>
      <p>{m['inv.mineIntro']}</p>
      {rows.some((r) => r.publicBuyer) ? <p>{m['inv.mineEInvoice']}</p> : null}
      <Table head={cols(m, 'inv.number', 'inv.kind', 'inv.date', 'inv.total', 'inv.status', 'inv.downloads')}>
        {rows.map((r) => (
          <tr key={r.id}>
            <td>{r.number}</td>
            <td>{m[`inv.kind.${r.kind}`]}</td>
            <td>{day(r.issueDate, ctx)}</td>
            <td>{money(r.totalOre, ctx)}</td>
            <td>
              <StatusTag status={r.status} m={m} />
            </td>
            <td>
              <Downloads base={`/min-side/fakturaer/${r.id}`} number={r.number} xml={r.publicBuyer} m={m} />
            </td>
          </tr>
        ))}
      </Table>
    </section>
  );
}
