import type { Insertable } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { InvoiceTable } from './table.ts';

// All SQL of the invoicing module.

/**
 * Draws the next number of an organiser's sequence: creates the sequence at `start` the first time, then
 * increments it. The UPDATE locks the row until the transaction ends, so concurrent issuers (other series,
 * other instances) wait in turn, and a rolled-back transaction gives its number back: no gaps, no repeats.
 */
export async function drawNumber(
  db: Executor,
  organiserId: string,
  prefix: string,
  start: number,
): Promise<number> {
  await db
    .insertInto('invoice_sequence')
    .values({ organiser_id: organiserId, prefix, next_number: start })
    .onConflict((oc) => oc.columns(['organiser_id', 'prefix']).doNothing())
    .execute();
  const row = await db
    .updateTable('invoice_sequence')
    .set((eb) => ({ next_number: eb('next_number', '+', 1) }))
    .where('organiser_id', '=', organiserId)
    .where('prefix', '=', prefix)
    .returning('next_number')
    .executeTakeFirstOrThrow();
  return Number(row.next_number) - 1;
}

export async function insertInvoice(db: Executor, row: Insertable<InvoiceTable>): Promise<void> {
  await db.insertInto('invoice').values(row).execute();
}

const LIST_COLUMNS = [
  'invoice.id',
  'invoice.number',
  'invoice.kind',
  'invoice.registration_id',
  'invoice.series_id',
  'invoice.account_id',
  'invoice.credited_invoice_id',
  'invoice.issue_date',
  'invoice.due_date',
  'invoice.issued_at',
  'invoice.net_ore',
  'invoice.vat_ore',
  'invoice.total_ore',
  'invoice.public_buyer',
  'invoice.buyer_name',
  'invoice.buyer_cvr',
  'invoice.buyer_ean',
  'invoice.attendee_name',
  'invoice.paid_on',
  'invoice.paid_note',
  'invoice.sent_at',
  'invoice.prefix',
  'invoice.seq',
] as const;

/** Documents in number order (prefix, then place in it): every one, or those of a registration or account. */
export function listDocuments(db: Executor, filter: { registrationId?: string; accountId?: string } = {}) {
  const { registrationId, accountId } = filter;
  return db
    .selectFrom('invoice')
    .select(LIST_COLUMNS)
    .$if(registrationId !== undefined, (qb) => qb.where('invoice.registration_id', '=', registrationId ?? ''))
    .$if(accountId !== undefined, (qb) => qb.where('invoice.account_id', '=', accountId ?? ''))
    .orderBy('invoice.prefix')
    .orderBy('invoice.seq')
    .execute();
}

export type DocumentListRow = Awaited<ReturnType<typeof listDocuments>>[number];

export function documentsOfRegistration(db: Executor, registrationId: string) {
  return listDocuments(db, { registrationId });
}

export function documentsOfAccount(db: Executor, accountId: string) {
  return listDocuments(db, { accountId });
}

export function documentById(db: Executor, id: string) {
  return db
    .selectFrom('invoice')
    .select([...LIST_COLUMNS, 'invoice.document'])
    .where('invoice.id', '=', id)
    .executeTakeFirst();
}

export function setPaid(db: Executor, id: string, paidOn: string | null, note: string | null) {
  return db
    .updateTable('invoice')
    .set({ paid_on: paidOn, paid_note: note })
    .where('id', '=', id)
    .where('kind', '=', 'invoice')
    .executeTakeFirst();
}

export function setSent(db: Executor, id: string, at: string | null) {
  return db.updateTable('invoice').set({ sent_at: at }).where('id', '=', id).executeTakeFirst();
}

export async function usedPrefixes(db: Executor, organiserId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('invoice_sequence')
    .select('prefix')
    .where('organiser_id', '=', organiserId)
    .execute();
  return rows.map((r) => r.prefix);
}

// ——— Series editing ———

/** Whether any invoice (or credit note) has been issued for the series. */
export async function anyInvoiceOfSeries(db: Executor, seriesId: string): Promise<boolean> {
  const row = await db
    .selectFrom('invoice')
    .select('id')
    .where('series_id', '=', seriesId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
