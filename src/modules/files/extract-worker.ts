import { parentPort, workerData } from 'node:worker_threads';
import { strFromU8, unzipSync } from 'fflate';

// Runs in a worker thread (extract.ts starts it with a heap limit and a time limit): turns a PDF or DOCX
// into plain text, paragraphs separated by blank lines. A broken file throws; the parent records 'failed'.

export interface ExtractRequest {
  holdetExtract: true;
  kind: 'pdf' | 'docx';
  bytes: Uint8Array;
  maxChars: number;
}

export type ExtractResponse = { ok: true; text: string } | { ok: false; error: string };

export async function extractText(
  kind: 'pdf' | 'docx',
  bytes: Uint8Array,
  maxChars: number,
): Promise<string> {
  const text = kind === 'pdf' ? await pdfText(bytes) : docxText(bytes);
  return text.length > maxChars ? text.slice(0, maxChars) : text;
}

interface PdfTextItem {
  str: string;
  hasEOL?: boolean;
  transform?: number[];
  height?: number;
}

/** PDF text per page (pdfjs-dist), lines joined into paragraphs; a gap wider than a line starts a new one. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    data: bytes,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: true,
    verbosity: 0,
  });
  const doc = await task.promise;
  const paragraphs: string[] = [];
  try {
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      let line = '';
      let paragraph: string[] = [];
      let lastY: number | null = null;
      let lineHeight = 0;
      const endParagraph = () => {
        const joined = paragraph.join(' ').replace(/\s+/g, ' ').trim();
        if (joined) paragraphs.push(joined);
        paragraph = [];
      };
      const endLine = () => {
        if (line.trim()) paragraph.push(line.trim());
        line = '';
      };
      for (const raw of content.items as PdfTextItem[]) {
        if (typeof raw.str !== 'string') continue;
        const y = raw.transform?.[5] ?? null;
        const height = raw.height ?? 0;
        if (y !== null && lastY !== null && Math.abs(lastY - y) > 0.5) {
          // A new line; a gap of more than about one and a half lines is a new paragraph.
          endLine();
          const gap = Math.abs(lastY - y);
          if (lineHeight > 0 && gap > lineHeight * 1.6) endParagraph();
        }
        line += raw.str;
        if (y !== null) lastY = y;
        if (height > 0) lineHeight = height;
        if (raw.hasEOL) line += ' ';
      }
      endLine();
      endParagraph();
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  return paragraphs.join('\n\n');
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X'))
      return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? whole;
  });
}

/** DOCX: word/document.xml's paragraphs (w:p), their runs' text (w:t), tabs and line breaks. */
function docxText(bytes: Uint8Array): string {
  const files = unzipSync(bytes, { filter: (f) => f.name === 'word/document.xml' });
  const xml = files['word/document.xml'];
  if (!xml) throw new Error('no word/document.xml');
  const doc = strFromU8(xml);
  const paragraphs: string[] = [];
  for (const match of doc.matchAll(/<w:p[\s>][\s\S]*?<\/w:p>|<w:p\/>/g)) {
    let text = '';
    for (const token of match[0].matchAll(
      /<w:t(?:\s[^>]*)?>([\s\S]*?)<\/w:t>|<w:tab\/>|<w:br(?:\s[^>]*)?\/>|<w:cr\/>/g,
    )) {
      if (token[1] !== undefined) text += decodeXml(token[1]);
      else if (token[0].startsWith('<w:tab')) text += '\t';
      else text += '\n';
    }
    const cleaned = text.replace(/[ \t]+\n/g, '\n').trim();
    if (cleaned) paragraphs.push(cleaned);
  }
  return paragraphs.join('\n\n');
}

const request = workerData as ExtractRequest | null;
if (parentPort && request?.holdetExtract === true) {
  const port = parentPort;
  extractText(request.kind, request.bytes, request.maxChars).then(
    (text) => port.postMessage({ ok: true, text } satisfies ExtractResponse),
    (error: unknown) =>
      port.postMessage({
        ok: false,
        error: String((error as Error)?.message ?? error).slice(0, 500),
      } satisfies ExtractResponse),
  );
}
