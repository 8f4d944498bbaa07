import type { Lang } from '../../shared/danish.ts';
import type { Address } from './model.ts';

// The wording of the invoice PDF (pdf.ts): every label as [Danish, English], side by side so neither
// language falls behind, and addresses as lines in the document's language.
const WORDS = {
  heading: [
    { invoice: 'Faktura', credit_note: 'Kreditnota' },
    { invoice: 'Invoice', credit_note: 'Credit note' },
  ],
  number: [
    { invoice: 'Fakturanr.', credit_note: 'Kreditnotanr.' },
    { invoice: 'Invoice no.', credit_note: 'Credit note no.' },
  ],
  issueDate: [
    { invoice: 'Fakturadato', credit_note: 'Dato' },
    { invoice: 'Invoice date', credit_note: 'Date' },
  ],
  dueDate: ['Forfaldsdato', 'Due date'],
  terms: ['Betalingsbetingelser', 'Payment terms'],
  netDays: [
    (d: number) => (d === 0 ? 'Netto kontant' : `Netto ${d} ${d === 1 ? 'dag' : 'dage'}`),
    (d: number) => (d === 0 ? 'Due on receipt' : `Net ${d} ${d === 1 ? 'day' : 'days'}`),
  ],
  buyer: ['Kunde', 'Customer'],
  cvr: ['CVR-nr.', 'CVR no.'],
  ean: ['EAN-nr.', 'EAN no.'],
  personReference: ['Personreference', 'Your reference'],
  orderNumber: ['Ordrenr.', 'Order no.'],
  kontostreng: ['Kontostreng', 'Account string'],
  att: ['Att.', 'Attn.'],
  participant: ['Deltager', 'Participant'],
  series: ['Forløb', 'Course'],
  dates: ['Datoer', 'Dates'],
  description: ['Beskrivelse', 'Description'],
  quantity: ['Antal', 'Qty'],
  unitPrice: ['Enhedspris', 'Unit price'],
  vat: ['Moms', 'VAT'],
  amount: ['Beløb', 'Amount'],
  net: ['Beløb ekskl. moms', 'Total excl. VAT'],
  vatOf: [
    (rate: string, base: string | null) => (base ? `Moms ${rate} af ${base}` : `Moms ${rate}`),
    (rate: string, base: string | null) => (base ? `VAT ${rate} of ${base}` : `VAT ${rate}`),
  ],
  total: ['I alt inkl. moms', 'Total incl. VAT'],
  payment: ['Betaling', 'Payment'],
  bank: ['Bank', 'Bank'],
  account: [
    (reg: string, acc: string) => `Reg.nr. ${reg}  Kontonr. ${acc}`,
    (reg: string, acc: string) => `Reg. no. ${reg}  Account no. ${acc}`,
  ],
  payBy: ['Betales senest', 'Due date'],
  payAmount: ['Beløb', 'Amount'],
  payReference: ['Angiv fakturanummer ved betaling.', 'Please state the invoice number when paying.'],
  credits: [
    (n: string, d: string) => `Krediterer faktura ${n} af ${d}`,
    (n: string, d: string) => `Credits invoice ${n} of ${d}`,
  ],
  note: ['Bemærkning', 'Note'],
  page: [(i: number, n: number) => `Side ${i} af ${n}`, (i: number, n: number) => `Page ${i} of ${n}`],
  continued: ['fortsat', 'continued'],
} as const;
export type Texts = { [K in keyof typeof WORDS]: (typeof WORDS)[K][0] | (typeof WORDS)[K][1] };
export const TEXT: Record<Lang, Texts> = {
  da: Object.fromEntries(Object.entries(WORDS).map(([k, v]) => [k, v[0]])) as Texts,
  en: Object.fromEntries(Object.entries(WORDS).map(([k, v]) => [k, v[1]])) as Texts,
};

/** An address as lines; the country is named, in the document's language, only outside Denmark. */
export function addressLines(a: Address, lang: Lang): string[] {
  const lines = [a.street, `${a.postalCode} ${a.city}`];
  if (a.countryCode !== 'DK') {
    const names = new Intl.DisplayNames([lang === 'da' ? 'da-DK' : 'en-GB'], { type: 'region' });
    lines.push(names.of(a.countryCode) ?? a.countryCode);
  }
  return lines;
}
