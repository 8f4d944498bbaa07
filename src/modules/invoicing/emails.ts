import type { OutgoingMail, StoredAttachment } from '../../email/outbox.ts';
import { renderMail } from '../../email/render.tsx';
import { formatDay, formatKroner } from '../../shared/danish.ts';
import type { InvoiceDocument } from './model.ts';

// The mail that carries an issued invoice or credit note, as PDF, to the buyer's invoice contact. For a
// public buyer the PDF is a copy: the binding document is the e-invoice the organiser sends via NemHandel.

export function documentFilename(
  doc: Pick<InvoiceDocument, 'kind' | 'number' | 'lang'>,
  ext: string,
): string {
  const word =
    doc.kind === 'invoice'
      ? doc.lang === 'da'
        ? 'faktura'
        : 'invoice'
      : doc.lang === 'da'
        ? 'kreditnota'
        : 'credit-note';
  return `${word}-${doc.number.replace(/[^A-Za-z0-9-]/g, '-')}.${ext}`;
}

export function documentTitle(doc: Pick<InvoiceDocument, 'kind' | 'number' | 'lang'>): string {
  if (doc.lang === 'da') return `${doc.kind === 'invoice' ? 'Faktura' : 'Kreditnota'} ${doc.number}`;
  return `${doc.kind === 'invoice' ? 'Invoice' : 'Credit note'} ${doc.number}`;
}

export function invoiceMail(doc: InvoiceDocument, pdf: StoredAttachment, myPageUrl: string): OutgoingMail {
  const da = doc.lang === 'da';
  const lang = doc.lang;
  const title = documentTitle(doc);
  const total = formatKroner(doc.totals.totalOre, { decimals: true, lang });
  const eInvoice = doc.buyer.ean !== null;
  const facts: [string, string][] = [
    [da ? 'Nummer' : 'Number', doc.number],
    [da ? 'Dato' : 'Date', formatDay(doc.issueDate, lang)],
    [da ? 'Deltager' : 'Participant', doc.participantName],
    [da ? 'Forløb' : 'Series', doc.series.title],
    [da ? 'I alt inkl. moms' : 'Total incl. VAT', total],
  ];
  if (doc.kind === 'invoice') facts.push([da ? 'Forfaldsdato' : 'Due date', formatDay(doc.dueDate, lang)]);
  if (doc.billingReference) {
    facts.push([
      da ? 'Krediterer faktura' : 'Credits invoice',
      `${doc.billingReference.number} (${formatDay(doc.billingReference.issueDate, lang)})`,
    ]);
  }
  const intro =
    doc.kind === 'invoice'
      ? da
        ? `Hermed fakturaen for ${doc.participantName}s plads på ${doc.series.title}.`
        : `Here is the invoice for ${doc.participantName}'s seat on ${doc.series.title}.`
      : da
        ? `Hermed en kreditnota for ${doc.participantName}s plads på ${doc.series.title}.`
        : `Here is a credit note for ${doc.participantName}'s seat on ${doc.series.title}.`;
  const delivery = eInvoice
    ? da
      ? `Den elektroniske ${doc.kind === 'invoice' ? 'faktura' : 'kreditnota'} sendes via NemHandel til EAN ${doc.buyer.ean}. Den vedhæftede PDF er en kopi.`
      : `The electronic ${doc.kind === 'invoice' ? 'invoice' : 'credit note'} is sent via NemHandel to EAN ${doc.buyer.ean}. The attached PDF is a copy.`
    : da
      ? 'Dokumentet er vedhæftet som PDF.'
      : 'The document is attached as a PDF.';
  const payment =
    doc.kind === 'invoice'
      ? da
        ? `Betal til reg.nr. ${doc.seller.bankRegNo}, kontonr. ${doc.seller.bankAccount}, og angiv fakturanummer ${doc.number}.`
        : `Please pay to Danish bank reg. no. ${doc.seller.bankRegNo}, account ${doc.seller.bankAccount}, quoting invoice number ${doc.number}.`
      : null;
  const { text, html } = renderMail({
    lang,
    heading: title,
    greeting: `${da ? 'Kære' : 'Dear'} ${doc.buyer.contactName},`,
    blocks: [
      { kind: 'p', text: intro },
      { kind: 'facts', rows: facts },
      { kind: 'p', text: delivery },
      ...(payment ? [{ kind: 'p' as const, text: payment }] : []),
      {
        kind: 'p',
        text: da
          ? `Deltageren kan også hente dokumentet på Min side: ${myPageUrl}`
          : `The participant can also download it on My page: ${myPageUrl}`,
      },
    ],
    signature: [
      da ? 'Venlig hilsen' : 'Kind regards',
      doc.seller.name,
      doc.seller.email,
      doc.seller.phone,
    ].filter((s) => s !== ''),
  });
  return {
    kind: doc.kind === 'invoice' ? 'invoice.issued' : 'invoice.credited',
    to: doc.buyer.contactEmail,
    subject: `${title} – ${doc.series.title}`,
    text,
    html,
    attachments: [pdf],
  };
}
