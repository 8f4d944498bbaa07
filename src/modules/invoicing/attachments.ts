import type { Database } from '../../db/database.ts';
import type { AttachmentResolver, StoredAttachment } from '../../email/outbox.ts';
import { documentFilename } from './emails.ts';
import type { InvoiceDocument } from './model.ts';
import { toPdf } from './pdf.ts';
import * as q from './queries.ts';

// An issued document's PDF as a mail attachment, rendered when the mail is sent (by the outbox worker, or
// the development mailbox) from the document as stored: the same bytes every time, and no PDF rendering
// inside the transaction that issues it.

export const INVOICE_PDF_SOURCE = 'invoice-pdf';

export const PDF_CONTENT_TYPE = 'application/pdf';

export function invoicePdfAttachment(doc: InvoiceDocument, invoiceId: string): StoredAttachment {
  return {
    filename: documentFilename(doc, 'pdf'),
    contentType: PDF_CONTENT_TYPE,
    source: { kind: INVOICE_PDF_SOURCE, id: invoiceId },
  };
}

/** Renders the PDF of a stored invoice or credit note; rejects for any other source. */
export async function renderStoredPdf(database: Database, invoiceId: string): Promise<Buffer> {
  const row = await q.documentById(database.db, invoiceId);
  if (!row) throw new Error(`no invoice ${invoiceId}`);
  return toPdf(JSON.parse(row.document) as InvoiceDocument);
}

export function invoiceAttachmentResolver(database: Database): AttachmentResolver {
  return async (source) => {
    if (source.kind !== INVOICE_PDF_SOURCE) throw new Error(`unknown attachment source ${source.kind}`);
    return renderStoredPdf(database, source.id);
  };
}
