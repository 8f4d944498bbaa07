import { z } from 'zod';

// The organiser's invoicing settings, kept in organiser.settings (JSON) beside the theme. Missing or bad
// values fall back to the defaults, so an old settings object never stops an invoice from being issued.

export interface InvoiceSettings {
  /** Net days from the issue date to the due date. */
  paymentTermsDays: number;
  /** `{year}` becomes the issue date's year: "{year}-" gives 2027-0001, 2027-0002 … and 2028-0001 next year. */
  invoicePrefix: string;
  /** The first number of every prefix (an organiser moving from another system continues its numbers). */
  invoiceStartNumber: number;
  /** Zero-padded to this many digits. */
  invoiceNumberDigits: number;
  bankRegNo: string;
  bankAccount: string;
}

export const DEFAULT_INVOICE_SETTINGS: InvoiceSettings = {
  paymentTermsDays: 30,
  invoicePrefix: '{year}-',
  invoiceStartNumber: 1,
  invoiceNumberDigits: 4,
  bankRegNo: '',
  bankAccount: '',
};

const d = DEFAULT_INVOICE_SETTINGS;
const schema = z.object({
  paymentTermsDays: z.number().int().min(0).max(365).catch(d.paymentTermsDays),
  invoicePrefix: z
    .string()
    .regex(/^[A-Za-z0-9{}\-/]{0,20}$/)
    .catch(d.invoicePrefix),
  invoiceStartNumber: z.number().int().min(1).max(999_999_999).catch(d.invoiceStartNumber),
  invoiceNumberDigits: z.number().int().min(1).max(10).catch(d.invoiceNumberDigits),
  bankRegNo: z
    .string()
    .regex(/^\d{4}$/)
    .catch(d.bankRegNo),
  bankAccount: z
    .string()
    .regex(/^\d{1,10}$/)
    .catch(d.bankAccount),
});

export function invoiceSettings(settingsJson: string): InvoiceSettings {
  let raw: unknown;
  try {
    raw = JSON.parse(settingsJson);
  } catch {
    raw = {};
  }
  const object = raw !== null && typeof raw === 'object' ? raw : {};
  // Absent keys take the default through .catch as well.
  return schema.parse({ ...d, ...object });
}

/** The prefix a document issued on `issueDate` (YYYY-MM-DD) is numbered under. */
export function prefixFor(settings: Pick<InvoiceSettings, 'invoicePrefix'>, issueDate: string): string {
  return settings.invoicePrefix.replaceAll('{year}', issueDate.slice(0, 4));
}

export function formatInvoiceNumber(prefix: string, seq: number, digits: number): string {
  return `${prefix}${String(seq).padStart(digits, '0')}`;
}

/** YYYY-MM-DD plus whole days (calendar arithmetic, no time zone involved). */
export function addDays(day: string, days: number): string {
  const [y, m, dd] = day.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (dd ?? 1) + days));
  return date.toISOString().slice(0, 10);
}
