import { formatDate, formatTime, type Lang } from '../shared/danish.ts';
import { type Messages, messages } from '../web/i18n.ts';
import { href, type PageContext, renderPage } from '../web/layout.tsx';
import type { MailboxEntry, MailboxMail } from './service.ts';
import type { OutboxStatus } from './table.ts';

// The mailbox page (development and demo only). The mail's HTML is never put into these pages: it has its
// own inline styles, which our CSP forbids. It opens as its own document instead (routes.tsx).

export const MAILBOX_PATH = '/udvikling/postkasse';

export function mailPath(id: string): string {
  return `${MAILBOX_PATH}/${id}`;
}

function statusLabel(m: Messages, status: OutboxStatus): string {
  if (status === 'sent') return m['mailbox.statusSent'];
  if (status === 'failed') return m['mailbox.statusFailed'];
  return m['mailbox.statusPending'];
}

function when(m: Messages, lang: Lang, instant: string): string {
  return m['mailbox.dateTime'](formatDate(instant, lang), formatTime(instant, lang));
}

export function mailboxListPage(
  ctx: PageContext,
  entries: MailboxEntry[],
  delivery: 'smtp' | 'memory',
): string {
  const m = messages(ctx.lang);
  return renderPage({
    ctx,
    title: m['mailbox.title'],
    crumbs: [{ label: m['mailbox.title'] }],
    children: (
      <>
        <h1>{m['mailbox.title']}</h1>
        <p class="font-lead">{m['mailbox.lead']}</p>
        <p>{delivery === 'smtp' ? m['mailbox.smtp'] : m['mailbox.memory']}</p>
        {entries.length === 0 ? (
          <p>{m['mailbox.empty']}</p>
        ) : (
          <table class="table">
            <caption>{m['mailbox.caption']}</caption>
            <thead>
              <tr>
                <th scope="col">{m['mailbox.created']}</th>
                <th scope="col">{m['mailbox.to']}</th>
                <th scope="col">{m['mailbox.subject']}</th>
                <th scope="col">{m['mailbox.kind']}</th>
                <th scope="col">{m['mailbox.status']}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>{when(m, ctx.lang, e.createdAt)}</td>
                  <td>{e.to}</td>
                  <td>
                    <a href={href(ctx, mailPath(e.id))}>{e.subject}</a>
                  </td>
                  <td>{e.kind}</td>
                  <td>{statusLabel(m, e.status)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </>
    ),
  });
}

export function mailboxMailPage(
  ctx: PageContext,
  mail: MailboxMail,
  settings: { from: string; retentionDays: number },
): string {
  const m = messages(ctx.lang);
  const { from } = settings;
  const facts: [string, string][] = [
    [m['mailbox.from'], from],
    [m['mailbox.to'], mail.to],
    [m['mailbox.subject'], mail.subject],
    [m['mailbox.kind'], mail.kind],
    [m['mailbox.status'], statusLabel(m, mail.status)],
    [m['mailbox.created'], when(m, ctx.lang, mail.createdAt)],
  ];
  if (mail.sentAt) facts.push([m['mailbox.sentAt'], when(m, ctx.lang, mail.sentAt)]);
  if (mail.attempts > 0) facts.push([m['mailbox.attempts'], String(mail.attempts)]);
  if (mail.status === 'pending' && mail.attempts > 0) {
    facts.push([m['mailbox.nextAttempt'], when(m, ctx.lang, mail.nextAttemptAt)]);
  }
  if (mail.lastError) facts.push([m['mailbox.lastError'], mail.lastError]);
  if (mail.erasedAt) facts.push([m['mailbox.erasedAt'], when(m, ctx.lang, mail.erasedAt)]);
  return renderPage({
    ctx,
    title: mail.subject,
    crumbs: [{ href: MAILBOX_PATH, label: m['mailbox.title'] }, { label: mail.subject }],
    children: (
      <>
        <h1>{mail.subject}</h1>
        <section aria-labelledby="mail-details">
          <h2 id="mail-details">{m['mailbox.details']}</h2>
          <dl class="holdet-facts">
            {facts.flatMap(([label, value]) => [
              <dt key={`${label}-dt`}>{label}</dt>,
              <dd key={`${label}-dd`}>{value}</dd>,
            ])}
          </dl>
        </section>
        {mail.erasedAt ? (
          <section aria-labelledby="mail-content">
            <h2 id="mail-content">{m['mailbox.content']}</h2>
            <p>{m['mailbox.erased'](settings.retentionDays)}</p>
          </section>
        ) : (
          <>
            <section aria-labelledby="mail-text">
              <h2 id="mail-text">{m['mailbox.textBody']}</h2>
              {/* Focusable, so a keyboard can scroll a long line (dkfds gives pre overflow: auto). */}
              <pre tabindex={0}>{mail.text}</pre>
            </section>
            <section aria-labelledby="mail-html">
              <h2 id="mail-html">{m['mailbox.htmlBody']}</h2>
              <p>{m['mailbox.htmlNote']}</p>
              <p>
                <a href={`${mailPath(mail.id)}/html`}>{m['mailbox.htmlLink']}</a>
              </p>
            </section>
            <section aria-labelledby="mail-attachments">
              <h2 id="mail-attachments">{m['mailbox.attachments']}</h2>
              {mail.attachments.length === 0 ? (
                <p>{m['mailbox.noAttachments']}</p>
              ) : (
                <ul>
                  {mail.attachments.map((a) => (
                    <li key={a.number}>
                      <a href={`${mailPath(mail.id)}/vedhaeftning/${a.number}`} download={a.filename}>
                        {a.filename}
                      </a>{' '}
                      ({a.contentType.split(';')[0]}
                      {a.bytes === null ? '' : `, ${m['mailbox.bytes'](a.bytes)}`})
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </>
        )}
        <p>
          <a href={href(ctx, MAILBOX_PATH)}>{m['mailbox.back']}</a>
        </p>
      </>
    ),
  });
}
