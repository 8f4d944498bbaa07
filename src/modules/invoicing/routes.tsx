import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../deps.ts';
import { copenhagenDay } from '../../shared/danish.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { isId } from '../../shared/ids.ts';
import { access, ORGANISER, SIGNED_IN } from '../../web/access.ts';
import { requireAccount } from '../../web/account.ts';
import { pageContext, sendHtml } from '../../web/context.ts';
import { csrfToken } from '../../web/csrf.ts';
import { refuseNul } from '../../web/form-guard.ts';
import { PDF_CONTENT_TYPE } from './attachments.ts';
import { csvFilename, documentsCsv } from './csv.ts';
import { invoiceDetailPage, type PaymentErrors, type PaymentValues } from './detail.tsx';
import { documentFilename } from './emails.ts';
import { type InvMessages, invMessages } from './messages.ts';
import type { InvoiceDocument } from './model.ts';
import { toOioubl } from './oioubl.ts';
import { toPdf } from './pdf.ts';
import { toPeppol } from './peppol.ts';
import { awaitingSend, documentDetail, documentRows, storedDocument } from './reads.ts';
import { mayDownloadOwnDocument } from './rules.ts';
import { markPaid, markSent } from './service.ts';
import { type InvoiceNotice, invoiceListPage } from './views.tsx';

// The organiser's invoice pages (/arrangoer/fakturaer…) and the participant's downloads (/min-side/fakturaer…).
// Every file is written from the stored document, never rebuilt from today's data.

const NOTICES: readonly InvoiceNotice[] = ['paid', 'unpaid', 'sent', 'unsent', 'credited'];
const NOTE_MAX = 500;

type Format = 'pdf' | 'oioubl.xml' | 'peppol.xml';
const FORMATS: readonly Format[] = ['pdf', 'oioubl.xml', 'peppol.xml'];

const XML_CONTENT_TYPE = 'application/xml; charset=utf-8';

/** Sends a document in one format as a download that no browser or proxy keeps. */
async function sendDocument(reply: FastifyReply, doc: InvoiceDocument, format: Format) {
  const [body, type, ext] =
    format === 'pdf'
      ? [await toPdf(doc), PDF_CONTENT_TYPE, 'pdf']
      : format === 'oioubl.xml'
        ? [toOioubl(doc), XML_CONTENT_TYPE, 'oioubl.xml']
        : [toPeppol(doc), XML_CONTENT_TYPE, 'peppol.xml'];
  return reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${documentFilename(doc, ext)}"`)
    .header('cache-control', 'private, no-store')
    .send(body);
}

/**
 * A payment day typed as dd-mm-åååå (also with . or /) or åååå-mm-dd, as YYYY-MM-DD; or the message to
 * show. A payment cannot be recorded ahead of time, so a day after `today` is refused too.
 */
export function parsePaidOn(
  text: string,
  today: string,
  m: InvMessages,
): { day: string } | { error: string } {
  const t = text.trim();
  if (t === '') return { error: m['inv.dateRequired'] };
  const dmy = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$/.exec(t);
  const ymd = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const [y, mo, d] = dmy ? [dmy[3], dmy[2], dmy[1]] : ymd ? [ymd[1], ymd[2], ymd[3]] : [];
  if (!y || !mo || !d) return { error: m['inv.dateInvalid'] };
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  const day = `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
  if (Number(y) < 2000 || date.toISOString().slice(0, 10) !== day) return { error: m['inv.dateNoSuchDay'] };
  if (day > today) return { error: m['inv.dateFuture'] };
  return { day };
}

/** `dd-mm-åååå`, the form's own format, for the date field's starting value. */
function danishDay(day: string): string {
  const [y, mo, d] = day.split('-');
  return `${d}-${mo}-${y}`;
}

export function invoicingRoutes(app: FastifyInstance, deps: AppDeps): void {
  const { database } = deps;
  const { db } = database;
  const today = () => copenhagenDay(deps.clock.now());
  const withLang = (request: FastifyRequest, path: string) =>
    request.lang === 'en' ? `${path}${path.includes('?') ? '&' : '?'}lang=en` : path;

  app.get<{ Querystring: { besked?: string } }>(
    '/arrangoer/fakturaer',
    access(ORGANISER),
    async (request, reply) => {
      const rows = await documentRows(db, today());
      const notice = NOTICES.find((n) => n === request.query.besked);
      const ctx = await pageContext(db, request);
      return sendHtml(
        reply,
        invoiceListPage(ctx, { rows, awaiting: awaitingSend(rows), csrf: csrfToken(reply), notice }),
      );
    },
  );

  app.get('/arrangoer/fakturaer.csv', access(ORGANISER), async (request, reply) => {
    const day = today();
    const csv = documentsCsv(await documentRows(db, day), request.lang);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${csvFilename(day)}"`)
      .header('cache-control', 'private, no-store')
      .send(csv);
  });

  async function detailPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: { notice?: InvoiceNotice; values?: PaymentValues; errors?: PaymentErrors },
    status = 200,
  ) {
    const detail = await documentDetail(db, id, today());
    // Only invoices have a payment form to show errors on.
    if (!detail || (extra.errors && detail.row.kind !== 'invoice')) throw notFound();
    const ctx = await pageContext(db, request);
    const values = extra.values ?? { paid_on: danishDay(today()), note: '' };
    return sendHtml(
      reply,
      invoiceDetailPage(ctx, {
        detail,
        csrf: csrfToken(reply),
        notice: extra.notice,
        values,
        errors: extra.errors,
      }),
      status,
    );
  }

  app.get<{ Params: { id: string }; Querystring: { besked?: string } }>(
    '/arrangoer/fakturaer/:id',
    access(ORGANISER),
    async (request, reply) => {
      if (!isId(request.params.id)) throw notFound();
      const notice = NOTICES.find((n) => n === request.query.besked);
      return detailPage(request, reply, request.params.id, { notice });
    },
  );

  for (const format of FORMATS) {
    app.get<{ Params: { id: string } }>(
      `/arrangoer/fakturaer/:id/${format}`,
      access(ORGANISER),
      async (request, reply) => {
        if (!isId(request.params.id)) throw notFound();
        const stored = await storedDocument(db, request.params.id);
        if (!stored) throw notFound();
        return sendDocument(reply, stored.document, format);
      },
    );

    // A participant's own documents only: anyone else's is "not found", never "forbidden", so ids of
    // other people's invoices cannot be probed.
    app.get<{ Params: { id: string } }>(
      `/min-side/fakturaer/:id/${format}`,
      access(SIGNED_IN),
      async (request, reply) => {
        const account = requireAccount(request);
        if (!isId(request.params.id)) throw notFound();
        const stored = await storedDocument(db, request.params.id);
        const viewer = { accountId: account.id, staff: account.role === 'organiser' };
        if (!stored || !mayDownloadOwnDocument(viewer, stored)) throw notFound();
        return sendDocument(reply, stored.document, format);
      },
    );
  }

  app.post<{ Params: { id: string }; Body: Record<string, unknown> | undefined }>(
    '/arrangoer/fakturaer/:id/betalt',
    access(ORGANISER),
    async (request, reply) => {
      const account = requireAccount(request);
      const { id } = request.params;
      if (!isId(id)) throw notFound();
      const actor = { accountId: account.id, label: account.email };
      const body = request.body ?? {};
      const now = deps.clock.now();
      if (body.handling === 'fortryd') {
        if (!(await markPaid(database, { invoiceId: id, paidOn: null, note: null, now, actor })))
          throw notFound();
        return reply.redirect(withLang(request, `/arrangoer/fakturaer/${id}?besked=unpaid`), 303);
      }
      const m = invMessages(request.lang);
      const values: PaymentValues = {
        paid_on: typeof body.paid_on === 'string' ? body.paid_on.slice(0, 100) : '',
        note: typeof body.note === 'string' ? body.note.slice(0, NOTE_MAX * 2) : '',
      };
      const errors: PaymentErrors = {};
      const paid = parsePaidOn(values.paid_on, copenhagenDay(now), m);
      if ('error' in paid) errors.paid_on = paid.error;
      const note = values.note.trim();
      if (note.length > NOTE_MAX) errors.note = m['inv.noteTooLong'];
      // A NUL byte in either field: refused, and the page names the field (src/web/form-guard.ts).
      refuseNul(body, ['paid_on', 'note'], errors, m['inv.noteTooLong']);
      if ('error' in paid || errors.note || errors.paid_on)
        return detailPage(request, reply, id, { values, errors }, 400);
      const done = await markPaid(database, {
        invoiceId: id,
        paidOn: paid.day,
        note: note === '' ? null : note,
        now,
        actor,
      });
      if (!done) throw notFound();
      return reply.redirect(withLang(request, `/arrangoer/fakturaer/${id}?besked=paid`), 303);
    },
  );

  app.post<{ Params: { id: string }; Body: Record<string, unknown> | undefined }>(
    '/arrangoer/fakturaer/:id/sendt',
    access(ORGANISER),
    async (request, reply) => {
      const account = requireAccount(request);
      const { id } = request.params;
      if (!isId(id)) throw notFound();
      const answer = request.body?.sendt;
      if (answer !== 'ja' && answer !== 'nej') throw new AppError('bad_request', 'sendt ja or nej');
      const sent = answer === 'ja';
      const done = await markSent(database, {
        invoiceId: id,
        sent,
        now: deps.clock.now(),
        actor: { accountId: account.id, label: account.email },
      });
      if (!done) throw notFound();
      const notice = sent ? 'sent' : 'unsent';
      // The "waiting to be sent" list posts here too, and its user wants to go on down that list.
      const back = request.body?.fra === 'liste' ? '/arrangoer/fakturaer' : `/arrangoer/fakturaer/${id}`;
      return reply.redirect(withLang(request, `${back}?besked=${notice}`), 303);
    },
  );
}
