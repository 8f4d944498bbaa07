import type { Lang } from '../../shared/danish.ts';
import { AlertIcon, CsrfField, ErrorSummary, TextField } from '../../web/form.tsx';
import { catalogue, type Translation } from '../../web/i18n.ts';
import { href, type PageContext, renderPage } from '../../web/layout.tsx';
import { formatInvoiceNumber, type InvoiceSettings, prefixFor } from './settings.ts';

// The organiser's invoicing settings: payment terms, how numbers look, and the bank account buyers pay to.
// Errors in Danish next to each field; what was typed is kept.

const da = {
  title: 'Indstillinger for fakturaer',
  organiser: 'Arrangør',
  intro: 'Gælder for fakturaer og kreditnotaer, der udstedes fra nu af. Udstedte dokumenter ændres aldrig.',
  saved: 'Indstillingerne er gemt.',
  errorSummary: 'Der er fejl i formularen',
  errorPrefix: 'Fejl',
  save: 'Gem indstillinger',
  paymentTermsDays: 'Betalingsfrist (dage netto)',
  paymentTermsDaysHint: 'Fx 30. 0 betyder netto kontant.',
  paymentTermsDaysError: 'Betalingsfristen skal være et helt antal dage fra 0 til 365.',
  invoicePrefix: 'Præfiks for fakturanumre',
  invoicePrefixHint:
    'Bogstaver, tal, - og /. {year} bliver til årstallet, så hvert år får sin egen nummerrække.',
  invoicePrefixError: 'Præfikset for fakturanumre må højst have 20 tegn: bogstaver a–z, tal, -, / og {year}.',
  invoicePrefixClash: (other: string) =>
    `Præfikset for fakturanumre kan give numre, der ligner numrene med præfikset "${other}". Vælg et andet.`,
  invoiceStartNumber: 'Første nummer',
  invoiceStartNumberHint: 'Bruges, når et præfiks tages i brug første gang (fx når et nyt år begynder).',
  invoiceStartNumberError: 'Første nummer skal være et helt tal fra 1 til 999.999.999.',
  invoiceNumberDigits: 'Antal cifre',
  invoiceNumberDigitsHint: 'Numre fyldes op med nuller foran, fx 0001.',
  invoiceNumberDigitsError: 'Antal cifre skal være et helt tal fra 1 til 10.',
  bankRegNo: 'Bankens registreringsnummer',
  bankRegNoHint: '4 cifre.',
  bankRegNoError: 'Registreringsnummeret skal være 4 cifre.',
  bankAccount: 'Kontonummer',
  bankAccountHint: 'Op til 10 cifre.',
  bankAccountError: 'Kontonummeret skal være 1 til 10 cifre.',
  example: (n: string) => `Sådan ser numrene i en ny nummerrække ud: ${n}, …`,
} as const;

const en: Translation<typeof da> = {
  title: 'Invoice settings',
  organiser: 'Organiser',
  intro: 'Applies to invoices and credit notes issued from now on. Issued documents never change.',
  saved: 'The settings are saved.',
  errorSummary: 'There are errors in the form',
  errorPrefix: 'Error',
  save: 'Save settings',
  paymentTermsDays: 'Payment terms (days net)',
  paymentTermsDaysHint: 'E.g. 30. 0 means net cash.',
  paymentTermsDaysError: 'The payment terms must be a whole number of days from 0 to 365.',
  invoicePrefix: 'Invoice number prefix',
  invoicePrefixHint: 'Letters, digits, - and /. {year} becomes the year, so each year has its own sequence.',
  invoicePrefixError:
    'The invoice number prefix can have at most 20 characters: letters a–z, digits, -, / and {year}.',
  invoicePrefixClash: (other: string) =>
    `This invoice number prefix could give numbers that look like those with the prefix "${other}". Choose another.`,
  invoiceStartNumber: 'First number',
  invoiceStartNumberHint: 'Used when a prefix is used for the first time (e.g. when a new year begins).',
  invoiceStartNumberError: 'The first number must be a whole number from 1 to 999,999,999.',
  invoiceNumberDigits: 'Number of digits',
  invoiceNumberDigitsHint: 'Numbers are padded with zeros, e.g. 0001.',
  invoiceNumberDigitsError: 'The number of digits must be a whole number from 1 to 10.',
  bankRegNo: 'Bank registration number',
  bankRegNoHint: '4 digits.',
  bankRegNoError: 'The registration number must be 4 digits.',
  bankAccount: 'Account number',
  bankAccountHint: 'Up to 10 digits.',
  bankAccountError: 'The account number must be 1 to 10 digits.',
  example: (n: string) => `This is how the numbers of a new sequence look: ${n}, …`,
};

export const settingsMessages = catalogue(da, en);

export const SETTINGS_FIELDS = [
  'paymentTermsDays',
  'invoicePrefix',
  'invoiceStartNumber',
  'invoiceNumberDigits',
  'bankRegNo',
  'bankAccount',
] as const;

export type SettingsField = (typeof SETTINGS_FIELDS)[number];
export type SettingsValues = Record<SettingsField, string>;
export type SettingsErrors = Partial<Record<SettingsField, string>>;

export function settingsValues(s: InvoiceSettings): SettingsValues {
  return {
    paymentTermsDays: String(s.paymentTermsDays),
    invoicePrefix: s.invoicePrefix,
    invoiceStartNumber: String(s.invoiceStartNumber),
    invoiceNumberDigits: String(s.invoiceNumberDigits),
    bankRegNo: s.bankRegNo,
    bankAccount: s.bankAccount,
  };
}

function wholeNumber(text: string, min: number, max: number): number | null {
  const t = text.trim().replace(/\./g, '');
  if (!/^\d{1,10}$/.test(t)) return null;
  const n = Number(t);
  return n >= min && n <= max ? n : null;
}

/**
 * Reads the posted form. `usedPrefixes` are the prefixes numbers have been drawn under: a new prefix may
 * not start with one of them or be the start of one, or numbers from two sequences could look alike.
 */
export function parseSettingsForm(
  body: Record<string, unknown> | undefined,
  usedPrefixes: readonly string[],
  today: string,
  lang: Lang,
): { ok: true; settings: InvoiceSettings } | { ok: false; values: SettingsValues; errors: SettingsErrors } {
  const m = settingsMessages(lang);
  const values = Object.fromEntries(
    SETTINGS_FIELDS.map((f) => [f, typeof body?.[f] === 'string' ? (body[f] as string).slice(0, 100) : '']),
  ) as SettingsValues;
  const errors: SettingsErrors = {};
  const terms = wholeNumber(values.paymentTermsDays, 0, 365);
  if (terms === null) errors.paymentTermsDays = m.paymentTermsDaysError;
  const prefix = values.invoicePrefix.trim();
  if (!/^[A-Za-z0-9\-/]*(\{year\}[A-Za-z0-9\-/]*)*$/.test(prefix) || prefix.length > 20) {
    errors.invoicePrefix = m.invoicePrefixError;
  } else {
    const next = prefixFor({ invoicePrefix: prefix }, today);
    const clash = usedPrefixes.find(
      (used) => used !== next && (used.startsWith(next) || next.startsWith(used)),
    );
    if (clash !== undefined) errors.invoicePrefix = m.invoicePrefixClash(clash);
  }
  const start = wholeNumber(values.invoiceStartNumber, 1, 999_999_999);
  if (start === null) errors.invoiceStartNumber = m.invoiceStartNumberError;
  const digits = wholeNumber(values.invoiceNumberDigits, 1, 10);
  if (digits === null) errors.invoiceNumberDigits = m.invoiceNumberDigitsError;
  const reg = values.bankRegNo.replace(/[\s-]/g, '');
  if (!/^\d{4}$/.test(reg)) errors.bankRegNo = m.bankRegNoError;
  const account = values.bankAccount.replace(/[\s-]/g, '');
  if (!/^\d{1,10}$/.test(account)) errors.bankAccount = m.bankAccountError;
  if (Object.keys(errors).length > 0 || terms === null || start === null || digits === null) {
    return { ok: false, values, errors };
  }
  return {
    ok: true,
    settings: {
      paymentTermsDays: terms,
      invoicePrefix: prefix,
      invoiceStartNumber: start,
      invoiceNumberDigits: digits,
      bankRegNo: reg,
      bankAccount: account,
    },
  };
}

export function settingsPage(
  ctx: PageContext,
  model: { values: SettingsValues; errors?: SettingsErrors; saved?: boolean; csrf: string; today: string },
): string {
  const m = settingsMessages(ctx.lang);
  const errors = model.errors ?? {};
  const summary = SETTINGS_FIELDS.flatMap((field) => {
    const message = errors[field];
    return message ? [{ field, message }] : [];
  });
  const v = model.values;
  const digits = Number(v.invoiceNumberDigits);
  const start = Number(v.invoiceStartNumber);
  const example =
    summary.length === 0 && Number.isInteger(digits) && Number.isInteger(start)
      ? formatInvoiceNumber(prefixFor({ invoicePrefix: v.invoicePrefix }, model.today), start, digits)
      : null;
  const field = (name: SettingsField, width: 'xs' | 's' | 'm', numeric: boolean) => (
    <TextField
      name={name}
      label={m[name]}
      hint={m[`${name}Hint`]}
      value={v[name]}
      error={errors[name]}
      errorPrefix={m.errorPrefix}
      inputMode={numeric ? 'numeric' : 'text'}
      maxLength={20}
      width={width}
    />
  );
  return renderPage({
    ctx,
    title: summary.length > 0 ? `${m.errorPrefix}: ${m.title}` : m.title,
    crumbs: [{ href: '/arrangoer', label: m.organiser }, { label: m.title }],
    children: (
      <>
        <h1>{m.title}</h1>
        <ErrorSummary heading={m.errorSummary} errors={summary} />
        {model.saved ? (
          <div class="alert alert-success" role="status">
            <AlertIcon variant="success" />
            <div class="alert-body">
              <p class="alert-text">{m.saved}</p>
            </div>
          </div>
        ) : null}
        <p>{m.intro}</p>
        <form method="post" action={href(ctx, '/arrangoer/indstillinger')} novalidate>
          <CsrfField token={model.csrf} />
          {field('paymentTermsDays', 'xs', true)}
          {field('invoicePrefix', 's', false)}
          {field('invoiceStartNumber', 's', true)}
          {field('invoiceNumberDigits', 'xs', true)}
          {example ? <p>{m.example(example)}</p> : null}
          {field('bankRegNo', 'xs', true)}
          {field('bankAccount', 's', true)}
          <button type="submit" class="button button-primary">
            {m.save}
          </button>
        </form>
      </>
    ),
  });
}
