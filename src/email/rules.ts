import type { StoredAttachment } from './outbox.ts';

// Pure decisions of the outbox worker: when to try again, when to give up, what to write down.

/** After this many failed attempts a mail is marked `failed` and left for a person to look at. */
export const MAX_ATTEMPTS = 8;

const FIRST_DELAY_MS = 30_000;
const MAX_DELAY_MS = 60 * 60_000;

/**
 * How long to wait after the `attempts`-th failure (1-based): 30 s, 1 min, 2 min, 4 min … capped at 1 h.
 */
export function retryDelayMs(attempts: number): number {
  const exponent = Math.max(0, attempts - 1);
  return Math.min(FIRST_DELAY_MS * 2 ** exponent, MAX_DELAY_MS);
}

/** What happens to a mail after a failed attempt. */
export function afterFailure(
  attemptsBefore: number,
  now: Date,
): { attempts: number; status: 'pending' | 'failed'; nextAttemptAt: Date } {
  const attempts = attemptsBefore + 1;
  if (attempts >= MAX_ATTEMPTS) return { attempts, status: 'failed', nextAttemptAt: now };
  return { attempts, status: 'pending', nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) };
}

const MAX_ERROR_LENGTH = 300;

/**
 * A short, storable description of a delivery error: the error code and the server's reply, never a
 * password (credentials in URLs and after AUTH are blanked) and never longer than a few lines.
 */
export function describeError(error: unknown): string {
  const e = error as { code?: unknown; responseCode?: unknown; response?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : null;
  const reply = typeof e?.response === 'string' ? e.response : null;
  const message = typeof e?.message === 'string' ? e.message : String(error);
  const text = [code, reply ?? message].filter(Boolean).join(': ');
  const clean = text
    .replace(/\/\/[^/\s:@]+:[^/\s@]+@/g, '//***@')
    .replace(/\bAUTH\s+\S+\s+\S+/gi, 'AUTH ***')
    .replace(/\s+/g, ' ')
    .trim();
  return clean.length > MAX_ERROR_LENGTH
    ? `${clean.slice(0, MAX_ERROR_LENGTH - 1)}…`
    : clean || 'unknown error';
}

/** The attachments column (JSON) as a list; anything malformed is an error, so the mail is not sent half. */
export function parseAttachments(json: string): StoredAttachment[] {
  const value: unknown = JSON.parse(json);
  if (!Array.isArray(value)) throw new Error('attachments: not a list');
  return value.map((item, i) => {
    const a = item as Partial<
      Record<'filename' | 'contentType' | 'content' | 'source' | 'calendarPart', unknown>
    >;
    if (typeof a?.filename !== 'string' || typeof a.contentType !== 'string') {
      throw new Error(`attachments[${i}]: needs filename, contentType and content or source`);
    }
    if (typeof a.content === 'string') {
      const part = a.calendarPart === true && a.contentType.startsWith('text/calendar');
      return {
        filename: a.filename,
        contentType: a.contentType,
        content: a.content,
        ...(part ? { calendarPart: true as const } : {}),
      };
    }
    const source = a.source as Partial<Record<'kind' | 'id', unknown>> | undefined;
    if (typeof source?.kind === 'string' && typeof source.id === 'string') {
      return {
        filename: a.filename,
        contentType: a.contentType,
        source: { kind: source.kind, id: source.id },
      };
    }
    throw new Error(`attachments[${i}]: needs filename, contentType and content or source`);
  });
}

/**
 * The Message-ID of an outbox row: `<row-id@domain of the sender>`. The same on every delivery of the row,
 * so a mail sent twice (a worker that died after the server accepted it, before it marked it sent) is
 * recognisably one mail to the receiving side. The domain is MAIL_FROM's, or `holdet.local` without one.
 */
export function messageIdFor(rowId: string, from: string): string {
  const address = /<([^<>]*)>\s*$/.exec(from)?.[1] ?? from;
  const domain = /@([A-Za-z0-9.-]+)\s*$/.exec(address.trim())?.[1] ?? 'holdet.local';
  return `<${rowId}@${domain.toLowerCase()}>`;
}
