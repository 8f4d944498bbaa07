import type { ComponentChildren } from 'preact';
import { formatDateShort, formatDay, formatPercent, formatTime } from '../../shared/danish.ts';
import { CsrfField, ErrorSummary, TextField } from '../../web/form.tsx';
import { href, type PageContext, renderPage } from '../../web/layout.tsx';
import { invMessages } from './messages.ts';
import type { Address } from './model.ts';
import type { DocumentDetail, DocumentRow } from './reads.ts';
import {
  cols,
  Downloads,
  type InvoiceNotice,
  money,
  Notice,
  SentButton,
  StatusTag,
  Table,
} from './views.tsx';

// The organiser's page for one invoice or credit note: everything on the document as issued, its credit
// notes or the invoice it credits, the downloads, the payment mark (with undo) and, for a public buyer,
// the e-invoice's delivery mark. Payment errors stand next to their fields; values are kept.

export interface PaymentValues {
  paid_on: string;
  note: string;
}
export type PaymentErrors = Partial<Record<keyof PaymentValues, string>>;

function AddressLines({ a }: { a: Address }) {
  return (
    <>
      {a.street}
      <br />
      {a.postalCode} {a.city}
    </>
  );
}

function Facts({ rows }: { rows: [string, ComponentChildren][] }) {
  return (
    <dl class="holdet-facts">
      {rows.map(([term, value]) => [<dt key={`t-${term}`}>{term}</dt>, <dd key={`d-${term}`}>{value}</dd>])}
    </dl>
  );
}

export function invoiceDetailPage(
  ctx: PageContext,
  model: {
    detail: DocumentDetail;
    csrf: string;
    notice?: InvoiceNotice;
    values: PaymentValues;
    errors?: PaymentErrors;
  },
): string {
  const m = invMessages(ctx.lang);
  const { row, document: doc, creditNotes } = model.detail;
  const errors = model.errors ?? {};
  const summary = (['paid_on', 'note'] as const).flatMap((f) => {
    const message = errors[f];
    return message ? [{ field: f, message }] : [];
  });
  const title = `${m[`inv.kind.${row.kind}`]} ${row.number}`;
  const link = (id: string, number: string) => <a href={href(ctx, `/arrangoer/fakturaer/${id}`)}>{number}</a>;
  const invoice = row.kind === 'invoice';
  const b = doc.buyer;
  const s = doc.seller;
  const optional = (label: string, value: string | null): [string, ComponentChildren][] =>
    value ? [[label, value]] : [];
  return renderPage({
    ctx,
    title: summary.length > 0 ? `${m['inv.errorPrefix']}: ${title}` : title,
    crumbs: [
      { href: '/arrangoer', label: m['inv.organiser'] },
      { href: '/arrangoer/fakturaer', label: m['inv.title'] },
      { label: row.number },
    ],
    children: (
      <>
        <h1>{title}</h1>
        <ErrorSummary heading={m['inv.errorSummary']} errors={summary} />
        {model.notice ? <Notice text={m[`inv.notice.${model.notice}`]} /> : null}
        <p>
          <strong>{m['inv.status']}:</strong> <StatusTag status={row.status} m={m} />
        </p>
        <h2>{m['inv.details']}</h2>
        <Facts
          rows={[
            [m['inv.number'], row.number],
            [m['inv.kind'], m[`inv.kind.${row.kind}`]],
            [m[invoice ? 'inv.issueDate' : 'inv.date'], formatDay(doc.issueDate, ctx.lang)],
            ...(invoice
              ? ([
                  [m['inv.dueDate'], formatDay(doc.dueDate, ctx.lang)],
                  [m['inv.paymentTerms'], m['inv.paymentTermsDays'](doc.paymentTermsDays)],
                ] as [string, ComponentChildren][])
              : []),
            ...(doc.billingReference
              ? ([
                  [
                    m['inv.credits'],
                    row.credits ? (
                      <>
                        {link(row.credits.id, row.credits.number)} (
                        {formatDay(doc.billingReference.issueDate, ctx.lang)})
                      </>
                    ) : (
                      doc.billingReference.number
                    ),
                  ],
                ] as [string, ComponentChildren][])
              : []),
            [m['inv.participant'], doc.participantName],
            [m['inv.series'], doc.series.title],
          ]}
        />
        <h2>{m['inv.downloads']}</h2>
        <Downloads base={`/arrangoer/fakturaer/${row.id}`} number={row.number} xml m={m} />
        <h2>{m['inv.seller']}</h2>
        <Facts
          rows={[
            [m['inv.seller'], s.name],
            [m['inv.address'], <AddressLines a={s.address} key="a" />],
            [m['inv.cvr'], s.cvr],
            ...optional(m['inv.email'], s.email),
            ...optional(m['inv.phone'], s.phone),
            ...optional(m['inv.bank'], s.bankRegNo ? m['inv.bankAccount'](s.bankRegNo, s.bankAccount) : null),
          ]}
        />
        <h2>{m['inv.buyer']}</h2>
        <Facts
          rows={[
            [m['inv.buyer'], b.name],
            [m['inv.address'], <AddressLines a={b.address} key="a" />],
            [m['inv.cvr'], b.cvr],
            ...optional(m['inv.ean'], b.ean),
            ...optional(m['inv.personReference'], b.personReference),
            ...optional(m['inv.orderNumber'], b.orderNumber),
            ...optional(m['inv.kontostreng'], b.kontostreng),
            [m['inv.contact'], `${b.contactName} (${b.contactEmail})`],
          ]}
        />
        <h2>{m['inv.lines']}</h2>
        <Table
          head={cols(
            m,
            'inv.lineNo',
            'inv.description',
            'inv.quantity',
            'inv.unitPrice',
            'inv.vatRate',
            'inv.lineNet',
          )}
        >
          {doc.lines.map((l) => (
            <tr key={l.id}>
              <td>{l.id}</td>
              <td>{l.description}</td>
              <td>{l.quantity}</td>
              <td>{money(l.unitPriceOre, ctx)}</td>
              <td>{formatPercent(l.vatRateBp, ctx.lang)}</td>
              <td>{money(l.netOre, ctx)}</td>
            </tr>
          ))}
        </Table>
        <Facts
          rows={[
            [m['inv.net'], money(doc.totals.netOre, ctx)],
            ...doc.totals.vat.map((v): [string, ComponentChildren] => [
              m['inv.vatOn'](formatPercent(v.vatRateBp, ctx.lang), money(v.baseOre, ctx)),
              money(v.vatOre, ctx),
            ]),
            [m['inv.totalInclVat'], <strong key="t">{money(doc.totals.totalOre, ctx)}</strong>],
            ...optional(m['inv.note'], doc.note),
          ]}
        />
        {invoice ? (
          <>
            <h2>{m['inv.creditNotes']}</h2>
            {creditNotes.length === 0 ? (
              <p>{m['inv.noCreditNotes']}</p>
            ) : (
              <ul>
                {creditNotes.map((c) => (
                  <li key={c.id}>{link(c.id, c.number)}</li>
                ))}
              </ul>
            )}
            {row.status !== 'credited' ? (
              <p>
                <a href={href(ctx, `/arrangoer/fakturaer/${row.id}/krediter`)}>{m['inv.creditLink']}</a>
                <br />
                <span class="form-hint">{m['inv.creditLinkHint']}</span>
              </p>
            ) : null}
            <PaymentSection ctx={ctx} row={row} csrf={model.csrf} values={model.values} errors={errors} />
          </>
        ) : null}
        {row.publicBuyer ? (
          <>
            <h2>{m['inv.delivery']}</h2>
            <p>
              {row.sentAt
                ? m['inv.sentAt'](
                    `${formatDateShort(row.sentAt, ctx.lang)} ${formatTime(row.sentAt, ctx.lang)}`,
                  )
                : m['inv.notSent']}
            </p>
            <SentButton ctx={ctx} row={row} csrf={model.csrf} />
          </>
        ) : null}
      </>
    ),
  });
}

function PaymentSection(props: {
  ctx: PageContext;
  row: DocumentRow;
  csrf: string;
  values: PaymentValues;
  errors: PaymentErrors;
}) {
  const { ctx, row } = props;
  const m = invMessages(ctx.lang);
  const action = href(ctx, `/arrangoer/fakturaer/${row.id}/betalt`);
  if (row.paidOn) {
    return (
      <>
        <h2>{m['inv.payment']}</h2>
        <p>{m['inv.paidOn'](formatDay(row.paidOn, ctx.lang))}</p>
        {row.paidNote ? (
          <p>
            <strong>{m['inv.paidNote']}:</strong> {row.paidNote}
          </p>
        ) : null}
        <form method="post" action={action}>
          <CsrfField token={props.csrf} />
          <input type="hidden" name="handling" value="fortryd" />
          <button type="submit" class="button button-secondary">
            {m['inv.undoPayment']}
          </button>
        </form>
      </>
    );
  }
  const prefix = m['inv.errorPrefix'];
  return (
    <>
      <h2>{m['inv.registerPayment']}</h2>
      <p>{m['inv.notPaid']}</p>
      <form method="post" action={action} novalidate>
        <CsrfField token={props.csrf} />
        <TextField
          name="paid_on"
          label={m['inv.paidDate']}
          hint={m['inv.paidDateHint']}
          value={props.values.paid_on}
          error={props.errors.paid_on}
          errorPrefix={prefix}
          maxLength={20}
          width="s"
          required
        />
        <TextField
          name="note"
          label={m['inv.paidNoteLabel']}
          hint={m['inv.paidNoteHint']}
          value={props.values.note}
          error={props.errors.note}
          errorPrefix={prefix}
          optionalText={m['inv.optional']}
          maxLength={500}
          multiline
        />
        <button type="submit" class="button button-primary">
          {m['inv.registerPayment']}
        </button>
      </form>
    </>
  );
}
