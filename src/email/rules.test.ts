import { describe, expect, it } from 'vitest';
import { resolveAttachments } from './outbox.ts';
import {
  afterFailure,
  describeError,
  MAX_ATTEMPTS,
  messageIdFor,
  parseAttachments,
  retryDelayMs,
} from './rules.ts';

describe('retry back-off', () => {
  it('doubles from 30 seconds and stops growing at one hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 20].map((n) => retryDelayMs(n) / 1000)).toEqual([
      30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600,
    ]);
  });

  it('keeps a mail pending until the eighth failed attempt, then gives up', () => {
    const now = new Date('2026-03-02T12:00:00.000Z');
    expect(afterFailure(0, now)).toEqual({
      attempts: 1,
      status: 'pending',
      nextAttemptAt: new Date('2026-03-02T12:00:30.000Z'),
    });
    expect(afterFailure(MAX_ATTEMPTS - 2, now).status).toBe('pending');
    expect(afterFailure(MAX_ATTEMPTS - 1, now)).toMatchObject({ attempts: MAX_ATTEMPTS, status: 'failed' });
  });
});

describe('error descriptions', () => {
  it('keeps the code and the server reply, on one short line', () => {
    const error = Object.assign(new Error("Can't send mail - all recipients were rejected"), {
      code: 'EENVELOPE',
      response: '550 Mailbox\r\n unavailable',
    });
    expect(describeError(error)).toBe('EENVELOPE: 550 Mailbox unavailable');
    expect(describeError(new Error('x'.repeat(1000))).length).toBe(300);
    expect(describeError('boom')).toBe('boom');
  });

  it('never keeps a password', () => {
    const error = new Error(
      'connect failed for smtps://holdet:s3cret@mail.example.dk:465 after AUTH PLAIN AGhvbGRldABzM2NyZXQ=',
    );
    const text = describeError(error);
    expect(text).not.toContain('s3cret');
    expect(text).not.toContain('AGhvbGRldABzM2NyZXQ=');
    expect(text).toContain('mail.example.dk');
  });
});

describe('attachments column', () => {
  it('reads a list of attachments and refuses anything else', () => {
    const one = { filename: 'masterclass.ics', contentType: 'text/calendar', content: 'QkVHSU4=' };
    expect(parseAttachments(JSON.stringify([one]))).toEqual([one]);
    expect(parseAttachments('[]')).toEqual([]);
    expect(() => parseAttachments('{}')).toThrow();
    expect(() => parseAttachments('[{"filename":"a"}]')).toThrow();
    expect(() => parseAttachments('not json')).toThrow();
  });

  it('keeps an attachment made at send time as its source, and resolves it only through a resolver', async () => {
    const made = {
      filename: 'faktura-2027-0001.pdf',
      contentType: 'application/pdf',
      source: { kind: 'invoice-pdf', id: 'x1' },
    };
    const stored = parseAttachments(JSON.stringify([made]));
    expect(stored).toEqual([made]);
    expect(() => parseAttachments('[{"filename":"a","contentType":"b","source":{"kind":1}}]')).toThrow();
    const resolved = await resolveAttachments(stored, async (source) =>
      Buffer.from(`made ${source.kind} ${source.id}`),
    );
    expect(resolved).toEqual([
      {
        filename: made.filename,
        contentType: made.contentType,
        content: Buffer.from('made invoice-pdf x1').toString('base64'),
      },
    ]);
    await expect(resolveAttachments(stored, undefined)).rejects.toThrow(
      'no resolver for attachment source invoice-pdf',
    );
    await expect(resolveAttachments([{ filename: 'a', contentType: 'b' }], undefined)).rejects.toThrow(
      'neither content nor source',
    );
  });
});

describe('Message-ID', () => {
  const id = '0b6f1c1e-7c55-4d7e-9a8f-2f1d6f0e9a11';

  it('is the outbox row at the domain of MAIL_FROM, the same every time', () => {
    expect(messageIdFor(id, 'Væksthusets Kompetencecenter <kompetencecenter@Example.DK>')).toBe(
      `<${id}@example.dk>`,
    );
    expect(messageIdFor(id, 'kurser@holdet.example.dk')).toBe(`<${id}@holdet.example.dk>`);
    expect(messageIdFor(id, 'Holdet <noreply@holdet.local>')).toBe(messageIdFor(id, 'noreply@holdet.local'));
  });

  it('falls back to holdet.local when MAIL_FROM has no usable domain', () => {
    expect(messageIdFor(id, 'Holdet')).toBe(`<${id}@holdet.local>`);
    expect(messageIdFor(id, 'Holdet <noreply@bad domain>')).toBe(`<${id}@holdet.local>`);
  });
});
