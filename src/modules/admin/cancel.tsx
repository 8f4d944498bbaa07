import type { ComponentChildren } from 'preact';
import { formatKroner, formatPercent, parseKronerToOre } from '../../shared/danish.ts';
import { CsrfField, ErrorSummary, RadioGroup, TextField } from '../../web/form.tsx';
import { refuseNul } from '../../web/form-guard.ts';
import { href, type PageContext, renderPage } from '../../web/layout.tsx';
import type { Creditable, CreditChoice } from '../invoicing/service.ts';
import { type CancelFacts, cancelReason, regMessages, statusKey } from '../registration/service.ts';
import { adminMessages } from './messages.ts';

// The organiser's cancel page: a reason, and for an invoiced registration the credit decision (in full, in
// part, or none because registration is binding). Errors stand next to their fields; values are kept.

export interface CancelValues {
  reason: string;
  credit: string;
  amount: string;
}

export type CancelField = keyof CancelValues;

export type CancelErrors = Partial<Record<CancelField, string>>;

type Messages = ReturnType<typeof adminMessages>;

/** The invoice's state and the credit choice with its amount field. */
function CreditFields(props: {
  ctx: PageContext;
  creditable: Creditable;
  values: CancelValues;
  errors: CancelErrors;
  allowNone: boolean;
}) {
  const { ctx, creditable, values, errors } = props;
  const m = adminMessages(ctx.lang);
  const prefix = m['admin.errorPrefix'];
  return (
    <>
      <p>
        {m['admin.invoiceFacts'](
          creditable.invoiceNumber,
          formatKroner(creditable.remainingOre, { decimals: true, lang: ctx.lang }),
        )}
      </p>
      <RadioGroup
        name="credit"
        label={m['admin.credit']}
        hint={props.allowNone ? m['admin.creditHint'] : undefined}
        value={values.credit}
        error={errors.credit}
        errorPrefix={prefix}
        options={[
          { value: 'full', label: m['admin.credit.full'] },
          { value: 'part', label: m['admin.credit.part'] },
          ...(props.allowNone ? [{ value: 'none', label: m['admin.credit.none'] }] : []),
        ]}
      />
      <TextField
        name="amount"
        label={m['admin.amount']}
        hint={m['admin.amountHint'](formatPercent(creditable.vatRateBp, ctx.lang))}
        value={values.amount}
        error={errors.amount}
        errorPrefix={prefix}
        inputMode="text"
        maxLength={20}
        width="s"
      />
    </>
  );
}

function errorSummary(errors: CancelErrors) {
  const order: CancelField[] = ['reason', 'credit', 'amount'];
  return order.flatMap((field) => {
    const message = errors[field];
    return message ? [{ field, message }] : [];
  });
}

/** Reads the posted form. `creditable` is null when there is no invoice to credit (the choice is ignored). */
export function parseCancelForm(
  body: Record<string, unknown> | undefined,
  creditable: Pick<Creditable, 'remainingOre'> | null,
  m: Messages,
  options: { allowNone: boolean } = { allowNone: true },
):
  | { ok: true; reason: string; credit: CreditChoice }
  | { ok: false; values: CancelValues; errors: CancelErrors } {
  const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, 100) : '');
  const values: CancelValues = {
    reason: typeof body?.reason === 'string' ? body.reason.slice(0, 500) : '',
    credit: text(body?.credit),
    amount: text(body?.amount),
  };
  const errors: CancelErrors = {};
  // A NUL byte in any field: refused, and the page names the field (src/web/form-guard.ts).
  refuseNul(body, ['reason', 'credit', 'amount'], errors, m['admin.reasonRequired']);
  const reason = cancelReason(body?.reason);
  // The credit page (no "none" to choose) asks the reason for the credit note, not for a cancellation.
  if (reason === '')
    errors.reason ??= options.allowNone ? m['admin.reasonRequired'] : m['admin.creditReasonRequired'];
  let credit: CreditChoice = { kind: 'none' };
  if (creditable) {
    if (values.credit === 'full') credit = { kind: 'full' };
    else if (values.credit === 'none' && options.allowNone) credit = { kind: 'none' };
    else if (values.credit === 'part') {
      const ore = values.amount.trim() === '' ? undefined : parseKronerToOre(values.amount);
      if (ore === undefined) errors.amount = m['admin.amountRequired'];
      else if (ore === null) errors.amount = m['admin.amountInvalid'];
      else if (ore <= 0) errors.amount = m['admin.amountPositive'];
      else if (ore > creditable.remainingOre)
        errors.amount = m['admin.amountTooLarge'](formatKroner(creditable.remainingOre, { decimals: true }));
      else credit = { kind: 'part', netOre: ore };
    } else errors.credit = m['admin.creditRequired'];
    if (creditable.remainingOre === 0 && credit.kind !== 'none' && !errors.credit)
      errors.credit = m['admin.nothingLeft'];
  }
  if (Object.keys(errors).length > 0) return { ok: false, values, errors };
  return { ok: true, reason, credit };
}

/** The frame both pages share: title, error summary, facts, intro, and a form with the reason field first. */
function reasonFormPage(
  ctx: PageContext,
  page: {
    title: string;
    crumbs: { href?: string; label: string }[];
    facts: [string, string][];
    intro: string;
    action: string;
    reasonHint: string;
    submit: string;
    csrf: string;
    values: CancelValues;
    errors: CancelErrors;
    /** What follows the reason field (the credit choice, or a note). */
    rest: ComponentChildren;
  },
): string {
  const m = adminMessages(ctx.lang);
  const summary = errorSummary(page.errors);
  const prefix = m['admin.errorPrefix'];
  return renderPage({
    ctx,
    title: summary.length > 0 ? `${prefix}: ${page.title}` : page.title,
    crumbs: page.crumbs,
    children: (
      <>
        <h1>{page.title}</h1>
        <ErrorSummary heading={regMessages(ctx.lang)['reg.errorSummary']} errors={summary} />
        <dl class="holdet-facts">
          {page.facts.map(([term, value]) => [
            <dt key={`t-${term}`}>{term}</dt>,
            <dd key={`d-${term}`}>{value}</dd>,
          ])}
        </dl>
        <p>{page.intro}</p>
        <form method="post" action={href(ctx, page.action)} novalidate>
          <CsrfField token={page.csrf} />
          <TextField
            name="reason"
            label={m['admin.reason']}
            hint={page.reasonHint}
            value={page.values.reason}
            error={page.errors.reason}
            errorPrefix={prefix}
            maxLength={500}
            width="xl"
            required
          />
          {page.rest}
          <button type="submit" class="button button-primary">
            {page.submit}
          </button>
        </form>
      </>
    ),
  });
}

const EMPTY: CancelValues = { reason: '', credit: '', amount: '' };

export function cancelPage(
  ctx: PageContext,
  model: {
    registration: CancelFacts;
    creditable: Creditable | null;
    csrf: string;
    values?: CancelValues;
    errors?: CancelErrors;
  },
): string {
  const m = adminMessages(ctx.lang);
  const r = regMessages(ctx.lang);
  const { registration: reg, creditable } = model;
  const values = model.values ?? EMPTY;
  const errors = model.errors ?? {};
  return reasonFormPage(ctx, {
    title: m['admin.cancelTitle'](reg.name),
    crumbs: [
      { href: '/arrangoer', label: m['admin.title'] },
      { href: `/arrangoer/serier/${reg.seriesSlug}`, label: reg.seriesTitle },
      { label: m['admin.cancelSubmit'] },
    ],
    facts: [
      [m['admin.name'], `${reg.name} (${reg.email})`],
      [m['admin.organisation'], reg.organisation],
      [m['admin.statusCol'], r[statusKey(reg)]],
    ],
    intro: m['admin.cancelIntro'],
    action: `/arrangoer/tilmeldinger/${reg.id}/annuller`,
    reasonHint: m['admin.reasonHint'],
    submit: m['admin.cancelSubmit'],
    csrf: model.csrf,
    values,
    errors,
    rest: creditable ? (
      <CreditFields ctx={ctx} creditable={creditable} values={values} errors={errors} allowNone />
    ) : reg.status === 'confirmed' ? (
      <p>{m['admin.noInvoice']}</p>
    ) : null,
  });
}

/**
 * Crediting an invoice without cancelling the registration (a price agreed down, a complaint settled): in
 * full or in part, with a reason that stands on the credit note.
 */
export function creditPage(
  ctx: PageContext,
  model: {
    creditable: Creditable;
    csrf: string;
    values?: CancelValues;
    errors?: CancelErrors;
  },
): string {
  const m = adminMessages(ctx.lang);
  const { creditable } = model;
  const values = model.values ?? EMPTY;
  const errors = model.errors ?? {};
  return reasonFormPage(ctx, {
    title: m['admin.creditTitle'](creditable.invoiceNumber),
    crumbs: [
      { href: '/arrangoer', label: m['admin.title'] },
      { href: '/arrangoer/fakturaer', label: m['admin.invoices'] },
      { href: `/arrangoer/fakturaer/${creditable.invoiceId}`, label: creditable.invoiceNumber },
      { label: m['admin.creditSubmit'] },
    ],
    facts: [
      [m['admin.organisation'], creditable.buyerName],
      [m['admin.name'], creditable.participantName],
    ],
    intro: m['admin.creditIntro'],
    action: `/arrangoer/fakturaer/${creditable.invoiceId}/krediter`,
    reasonHint: m['admin.creditReasonHint'],
    submit: m['admin.creditSubmit'],
    csrf: model.csrf,
    values,
    errors,
    rest: (
      <CreditFields ctx={ctx} creditable={creditable} values={values} errors={errors} allowNone={false} />
    ),
  });
}
