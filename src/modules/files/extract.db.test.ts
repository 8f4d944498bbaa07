import { describe, expect, it } from 'vitest';
import { describeEachDialect, TEST_NOW } from '../../../test/db.ts';
import { makeDocx, makePdf } from '../../../test/files.ts';
import type { Tx } from '../../db/database.ts';
import { extractInWorker } from './extract.ts';
import { extractText } from './extract-worker.ts';
import { extractPendingText, fileById, fileText, storeBytes } from './service.ts';

// Text extraction for search: a worker thread with limits, claimed one file at a time, recorded with the
// caller's re-indexing in one transaction.

const later = (minutes: number) => () => new Date(TEST_NOW.getTime() + minutes * 60_000);
const noText = async () => {};

describe('extracting text (in the worker)', () => {
  it('reads a PDF page by page, paragraphs apart', async () => {
    const pdf = await makePdf([
      ['Kommunerne ser positive afvigelser i jobcentrene.', 'Et andet afsnit om borgerinddragelse.'],
      ['Side to: æøå ÆØÅ.'],
    ]);
    const text = await extractText('pdf', new Uint8Array(pdf), 500_000);
    expect(text).toContain('positive afvigelser');
    const paragraphs = text.split('\n\n');
    expect(paragraphs).toContain('Kommunerne ser positive afvigelser i jobcentrene.');
    expect(paragraphs).toContain('Et andet afsnit om borgerinddragelse.');
    expect(paragraphs).toContain('Side to: æøå ÆØÅ.');
  });

  it('reads a DOCX paragraph by paragraph, with tabs and entities', async () => {
    const docx = makeDocx(['Første afsnit & mere', 'Andet\tafsnit <i>', '', 'Tredje']);
    const text = await extractText('docx', new Uint8Array(docx), 500_000);
    expect(text).toBe('Første afsnit & mere\n\nAndet\tafsnit <i>\n\nTredje');
  });

  it('caps the text', async () => {
    const text = await extractText('docx', new Uint8Array(makeDocx(['a'.repeat(1000)])), 100);
    expect(text).toHaveLength(100);
  });

  it('runs in a worker thread and stops it at the time limit', async () => {
    const pdf = await makePdf([['positive afvigelser']]);
    expect(await extractInWorker('pdf', pdf, { timeoutMs: 20_000, maxHeapMb: 256, maxChars: 1000 })).toEqual({
      ok: true,
      text: 'positive afvigelser',
    });
    expect(await extractInWorker('pdf', pdf, { timeoutMs: 1, maxHeapMb: 256, maxChars: 1000 })).toEqual({
      ok: false,
      error: 'timeout',
    });
    const broken = await extractInWorker('pdf', Buffer.from('%PDF-1.7\nnot really a pdf'), {
      timeoutMs: 20_000,
      maxHeapMb: 256,
      maxChars: 1000,
    });
    expect(broken.ok).toBe(false);
  });
});

describeEachDialect(
  'the text-extraction job',
  (getDb) => {
    const store = async (name: string, bytes: Buffer) =>
      getDb()
        .db.transaction()
        .execute((tx) => storeBytes(tx, { name, bytes }, { accountId: null }, TEST_NOW));
    const status = async (id: string) =>
      getDb()
        .db.selectFrom('stored_file')
        .select(['text_status', 'text_error', 'text_attempts', 'text_locked_until'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    /** Runs rounds until nothing is waiting. */
    const drain = async (
      onText: (tx: Tx, fileId: string, text: string) => Promise<void> = noText,
      limits = {},
    ) => {
      let rounds = 0;
      while ((await extractPendingText(getDb().db, later(1), onText, limits)) > 0) rounds++;
      return rounds;
    };

    it('finds nothing to do in an empty queue', async () => {
      expect(await extractPendingText(getDb().db, later(1), noText)).toBe(0);
    });

    it('extracts a PDF and a DOCX and hands the text to onText in the same transaction', async () => {
      const pdf = await store('artikel.pdf', await makePdf([['Om positive afvigelser i praksis.']]));
      const docx = await store('referat.docx', makeDocx(['Referat af mødet', 'Næste skridt']));
      expect(pdf.textStatus).toBe('pending');
      expect(await fileText(getDb().db, pdf.id)).toBeNull();
      const seen: { fileId: string; text: string; stored: string | null }[] = [];
      const rounds = await drain(async (tx: Tx, fileId, text) => {
        // The text is already written in this transaction.
        seen.push({ fileId, text, stored: await fileText(tx, fileId) });
      });
      expect(rounds).toBe(2);
      expect(seen.map((s) => s.fileId).sort()).toEqual([pdf.id, docx.id].sort());
      for (const s of seen) expect(s.stored).toBe(s.text);
      expect(await fileText(getDb().db, pdf.id)).toContain('positive afvigelser');
      expect(await fileText(getDb().db, docx.id)).toBe('Referat af mødet\n\nNæste skridt');
      expect((await fileById(getDb().db, pdf.id))?.textStatus).toBe('done');
    });

    it('marks a broken PDF failed and goes on with the next file', async () => {
      // A PDF header (so it is taken as a PDF) and nothing a PDF reader can use.
      const broken = await store('ødelagt.pdf', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj <<>> garbage'));
      const good = await store('god.pdf', await makePdf([['Efter den ødelagte.']]));
      expect(await drain()).toBe(2);
      expect(await status(broken.id)).toMatchObject({ text_status: 'failed', text_locked_until: null });
      expect((await status(broken.id)).text_error).toBeTruthy();
      expect(await fileText(getDb().db, good.id)).toContain('Efter den ødelagte.');
    });

    it('stops a worker at the time limit: failed, timeout', async () => {
      const slow = await store('langsom.pdf', await makePdf([['Tager for lang tid.']]));
      expect(await drain(noText, { timeoutMs: 1 })).toBe(1);
      expect(await status(slow.id)).toMatchObject({ text_status: 'failed', text_error: 'timeout' });
      expect(await fileText(getDb().db, slow.id)).toBeNull();
    });

    it('leaves a file larger than the extraction limit without text', async () => {
      const large = await store('stor.pdf', await makePdf([['Stor fil.']]));
      expect(await drain(noText, { maxBytes: 100 })).toBe(1);
      expect(await status(large.id)).toMatchObject({ text_status: 'none', text_error: 'too-large' });
    });

    it('records nothing when onText throws: the file stays pending, locked, and is retried later', async () => {
      // DOCX here and below: a worker without pdfjs starts faster, and the job is the same.
      const file = await store('igen.docx', makeDocx(['Prøv igen.']));
      const failing = async () => {
        throw new Error('index down');
      };
      await expect(extractPendingText(getDb().db, later(1), failing)).rejects.toThrow('index down');
      expect(await status(file.id)).toMatchObject({ text_status: 'pending', text_attempts: 1 });
      expect(await fileText(getDb().db, file.id)).toBeNull();
      // Still locked one minute on: nobody takes it.
      expect(await extractPendingText(getDb().db, later(2), noText)).toBe(0);
      // After the lock, another round takes it and finishes.
      expect(await extractPendingText(getDb().db, later(5), noText)).toBe(1);
      expect(await fileText(getDb().db, file.id)).toContain('Prøv igen.');
      expect(await status(file.id)).toMatchObject({ text_status: 'done', text_attempts: 2 });
    });

    it('gives up after three claims that never finished', async () => {
      const file = await store('hænger.docx', makeDocx(['Hænger.']));
      const failing = async () => {
        throw new Error('crash');
      };
      for (const minutes of [1, 4, 7]) {
        await expect(extractPendingText(getDb().db, later(minutes), failing)).rejects.toThrow('crash');
      }
      expect(await extractPendingText(getDb().db, later(10), noText)).toBe(0);
      expect(await status(file.id)).toMatchObject({
        text_status: 'failed',
        text_error: 'attempts',
        text_attempts: 3,
      });
    });

    it('gives one file to one of two instances claiming at once', async () => {
      const file = await store('en.docx', makeDocx(['Kun én gang.']));
      const calls: string[] = [];
      const onText = async (_tx: Tx, fileId: string) => {
        calls.push(fileId);
      };
      const results = await Promise.all([
        extractPendingText(getDb().db, later(1), onText),
        extractPendingText(getDb().db, later(1), onText),
      ]);
      expect(results.sort()).toEqual([0, 1]);
      expect(calls).toEqual([file.id]);
    });
  },
  { prepare: 'migrate' },
);
