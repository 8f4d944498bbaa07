import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Lang } from '../shared/danish.ts';

// Every mail is sent as plain text and HTML made from the same blocks, so the two never say different
// things. HTML mail clients ignore stylesheets: the few styles are inline here (mail is not under the CSP).

export type MailBlock =
  | { kind: 'p'; text: string }
  | { kind: 'facts'; rows: [label: string, value: string][] }
  | { kind: 'list'; items: string[] }
  | { kind: 'action'; label: string; url: string }
  | { kind: 'code'; label: string; code: string };

export interface MailContent {
  lang: Lang;
  /** Also the subject unless one is given. */
  heading: string;
  greeting?: string;
  blocks: MailBlock[];
  /** The sender's signature lines (organiser name, contact). */
  signature: string[];
}

export function renderMail(content: MailContent): { text: string; html: string } {
  return { text: renderText(content), html: renderHtml(content) };
}

function renderText(c: MailContent): string {
  const out: string[] = [c.heading, ''];
  if (c.greeting) out.push(c.greeting, '');
  for (const b of c.blocks) {
    switch (b.kind) {
      case 'p':
        out.push(b.text, '');
        break;
      case 'facts':
        for (const [label, value] of b.rows) out.push(`${label}: ${value}`);
        out.push('');
        break;
      case 'list':
        for (const item of b.items) out.push(`- ${item}`);
        out.push('');
        break;
      case 'action':
        out.push(`${b.label}:`, b.url, '');
        break;
      case 'code':
        out.push(`${b.label}: ${b.code}`, '');
        break;
    }
  }
  out.push('--', ...c.signature);
  return `${out.join('\n')}\n`;
}

const S = {
  body: 'font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a;',
  button:
    'display: inline-block; padding: 12px 20px; background: #0b5c3b; color: #ffffff; text-decoration: none; font-weight: bold; border-radius: 4px;',
  code: 'font-size: 28px; letter-spacing: 6px; font-weight: bold; font-family: Consolas, monospace;',
  muted: 'color: #555555; font-size: 14px;',
};

function Block({ b }: { b: MailBlock }): ComponentChildren {
  switch (b.kind) {
    case 'p':
      return <p>{b.text}</p>;
    case 'facts':
      return (
        <table role="presentation" cellPadding="4">
          <tbody>
            {b.rows.map(([label, value]) => (
              <tr key={label}>
                <th align="left">{label}</th>
                <td>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'list':
      return (
        <ul>
          {b.items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      );
    case 'action':
      return (
        <p>
          <a href={b.url} style={S.button}>
            {b.label}
          </a>
          <br />
          <span style={S.muted}>{b.url}</span>
        </p>
      );
    case 'code':
      return (
        <p>
          {b.label}:<br />
          <span style={S.code}>{b.code}</span>
        </p>
      );
  }
}

function renderHtml(c: MailContent): string {
  const body = renderToString(
    <div style={S.body}>
      <h1>{c.heading}</h1>
      {c.greeting ? <p>{c.greeting}</p> : null}
      {c.blocks.map((b, i) => (
        <Block key={i} b={b} />
      ))}
      <p style={S.muted}>
        {c.signature.map((line, i) => (
          <span key={i}>
            {line}
            <br />
          </span>
        ))}
      </p>
    </div>,
  );
  return `<!doctype html><html lang="${c.lang}"><head><meta charset="utf-8"><title>${escapeHtml(c.heading)}</title></head><body>${body}</body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
