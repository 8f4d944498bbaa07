import { strToU8, zipSync } from 'fflate';
import PDFDocument from 'pdfkit';

// Small real files for upload tests, made in the test: a PDF (pdfkit), Office documents (fflate zips with the
// [Content_Types].xml that says what they are), images with metadata to strip, audio headers, and things to
// refuse. Shared by the files and materials tests.

/** A PDF whose pages hold these paragraphs (one page per entry of `pages`). */
export function makePdf(pages: readonly string[][] = [['Et lille dokument.']]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: 'Test', Author: 'Holdet' } });
    const parts: Buffer[] = [];
    doc.on('data', (part: Buffer) => parts.push(part));
    doc.on('end', () => resolve(Buffer.concat(parts)));
    doc.on('error', reject);
    pages.forEach((paragraphs, i) => {
      if (i > 0) doc.addPage();
      for (const paragraph of paragraphs) doc.fontSize(12).text(paragraph).moveDown(1.5);
    });
    doc.end();
  });
}

const OOXML_MAIN = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
  docm: 'application/vnd.ms-word.document.macroEnabled.main+xml',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
} as const;

const MAIN_PART = {
  docx: 'word/document.xml',
  docm: 'word/document.xml',
  pptx: 'ppt/presentation.xml',
  xlsx: 'xl/workbook.xml',
};

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function contentTypes(kind: keyof typeof OOXML_MAIN): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/${MAIN_PART[kind]}" ContentType="${OOXML_MAIN[kind]}"/>
</Types>`;
}

const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="DOCUMENT"/>
</Relationships>`;

function documentXml(paragraphs: readonly string[]): string {
  const body = paragraphs
    .map((p) => {
      const runs = p
        .split('\t')
        .map((piece) => `<w:r><w:t xml:space="preserve">${escapeXml(piece)}</w:t></w:r>`)
        .join('<w:r><w:tab/></w:r>');
      return `<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr>${runs}</w:p>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}<w:sectPr/></w:body></w:document>`;
}

/** An Office document of the kind; `vba` adds a vbaProject.bin (as a macro-carrying file has). */
export function makeOffice(
  kind: keyof typeof OOXML_MAIN,
  options: { paragraphs?: readonly string[]; vba?: boolean } = {},
): Buffer {
  const main = MAIN_PART[kind];
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(contentTypes(kind)),
    '_rels/.rels': strToU8(RELS.replace('DOCUMENT', main)),
    [main]: strToU8(
      kind === 'docx' || kind === 'docm'
        ? documentXml(options.paragraphs ?? ['Et dokument.'])
        : `<?xml version="1.0" encoding="UTF-8"?><root/>`,
    ),
  };
  if (options.vba)
    files[`${main.split('/')[0]}/vbaProject.bin`] = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]);
  return Buffer.from(zipSync(files));
}

export const makeDocx = (paragraphs: readonly string[]) => makeOffice('docx', { paragraphs });

/** A plain zip (not an Office document). */
export function makeZip(): Buffer {
  return Buffer.from(zipSync({ 'readme.txt': strToU8('hej'), 'data/a.csv': strToU8('a;b\n1;2\n') }));
}

function segment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head[0] = 0xff;
  head[1] = marker;
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/** An EXIF block (TIFF, little-endian) with a GPS IFD holding a latitude: the kind of thing to strip. */
function exifWithGps(): Buffer {
  const tiff = Buffer.alloc(80);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4); // IFD0 at 8
  tiff.writeUInt16LE(1, 8); // one entry
  tiff.writeUInt16LE(0x8825, 10); // GPSInfo
  tiff.writeUInt16LE(4, 12); // LONG
  tiff.writeUInt32LE(1, 14);
  tiff.writeUInt32LE(26, 18); // GPS IFD at 26
  tiff.writeUInt32LE(0, 22);
  tiff.writeUInt16LE(1, 26);
  tiff.writeUInt16LE(0x0001, 28); // GPSLatitudeRef
  tiff.writeUInt16LE(2, 30); // ASCII
  tiff.writeUInt32LE(2, 32);
  tiff.write('N\0', 36, 'latin1');
  tiff.writeUInt32LE(0, 40);
  tiff.write('GPS 55.6761 12.5683', 44, 'latin1');
  return Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
}

/** The part of a JPEG from SOS on (the entropy-coded image data and EOI) — what stripping must not touch. */
export const JPEG_IMAGE_DATA = Buffer.concat([
  segment(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])),
  Buffer.from([0x12, 0x34, 0xff, 0x00, 0x56, 0xff, 0xd0, 0x78, 0x9a]),
  Buffer.from([0xff, 0xd9]),
]);

/** A JPEG with JFIF, an Exif APP1 with GPS, an XMP APP1, a comment, Adobe APP14, tables and image data. */
export function makeJpegWithGps(): Buffer {
  const jfif = segment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'));
  const exif = segment(0xe1, exifWithGps());
  const xmp = segment(
    0xe1,
    Buffer.from('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>GPS</x:xmpmeta>', 'latin1'),
  );
  const comment = segment(0xfe, Buffer.from('Taget ved Kongens Nytorv', 'latin1'));
  const adobe = segment(0xee, Buffer.from('Adobe\0\x64\0\0\0\0\x01', 'latin1'));
  const dqt = segment(0xdb, Buffer.concat([Buffer.from([0]), Buffer.alloc(64, 1)]));
  const sof = segment(0xc0, Buffer.from([8, 0, 1, 0, 1, 1, 1, 0x11, 0]));
  const dht = segment(0xc4, Buffer.concat([Buffer.from([0]), Buffer.alloc(16, 0), Buffer.from([0])]));
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    jfif,
    exif,
    xmp,
    comment,
    adobe,
    dqt,
    sof,
    dht,
    JPEG_IMAGE_DATA,
  ]);
}

function crc32(bytes: Buffer): number {
  let c = ~0;
  for (const byte of bytes) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** The IDAT of a 1×1 PNG (the image data stripping must keep). */
export const PNG_IDAT = pngChunk('IDAT', Buffer.from('789c63f8cfc0f01f0005000201a5f64dd2', 'hex'));

/** A 1×1 PNG with tEXt, iTXt, eXIf and tIME chunks. */
export function makePngWithText(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('tEXt', Buffer.from('Author\0Kim Hansen', 'latin1')),
    pngChunk('iTXt', Buffer.from('Comment\0\0\0\0\0Sted: Aarhus', 'latin1')),
    pngChunk('eXIf', exifWithGps().subarray(6)),
    pngChunk('tIME', Buffer.from([0x07, 0xe9, 1, 2, 3, 4, 5])),
    PNG_IDAT,
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function riffChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write(type, 0, 'latin1');
  head.writeUInt32LE(data.length, 4);
  return Buffer.concat([head, data, data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

/** A WebP (VP8X with EXIF and XMP flags, a VP8L image, EXIF and XMP chunks). */
export function makeWebpWithExif(): { file: Buffer; image: Buffer } {
  const vp8x = Buffer.alloc(10);
  vp8x[0] = 0x08 | 0x04;
  const image = riffChunk(
    'VP8L',
    Buffer.from([0x2f, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe, 0x07, 0]),
  );
  const body = Buffer.concat([
    riffChunk('VP8X', vp8x),
    image,
    riffChunk('EXIF', exifWithGps().subarray(6)),
    riffChunk('XMP ', Buffer.from('<x:xmpmeta>GPS</x:xmpmeta>', 'latin1')),
  ]);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(4 + body.length, 4);
  head.write('WEBP', 8, 'latin1');
  return { file: Buffer.concat([head, body]), image };
}

/** A 1×1 GIF89a with a comment extension, an XMP application extension and a NETSCAPE loop count. */
export function makeGifWithComment(): { file: Buffer; image: Buffer } {
  const header = Buffer.concat([
    Buffer.from('GIF89a', 'latin1'),
    Buffer.from([1, 0, 1, 0, 0x80, 0, 0]),
    Buffer.from([0, 0, 0, 255, 255, 255]),
  ]);
  const loop = Buffer.concat([
    Buffer.from([0x21, 0xff, 11]),
    Buffer.from('NETSCAPE2.0', 'latin1'),
    Buffer.from([3, 1, 0, 0, 0]),
  ]);
  const comment = Buffer.concat([
    Buffer.from([0x21, 0xfe, 9]),
    Buffer.from('Hemmeligt', 'latin1'),
    Buffer.from([0]),
  ]);
  const xmp = Buffer.concat([
    Buffer.from([0x21, 0xff, 11]),
    Buffer.from('XMP DataXMP', 'latin1'),
    Buffer.from([4]),
    Buffer.from('<x/>', 'latin1'),
    Buffer.from([0]),
  ]);
  const image = Buffer.from([0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0]);
  return {
    file: Buffer.concat([header, loop, comment, xmp, image, Buffer.from([0x3b])]),
    image: Buffer.concat([loop, image]),
  };
}

/** A short WAV (PCM, 8 kHz, silence). */
export function makeWav(samples = 800): Buffer {
  const fmt = Buffer.alloc(16);
  fmt.writeUInt16LE(1, 0);
  fmt.writeUInt16LE(1, 2);
  fmt.writeUInt32LE(8000, 4);
  fmt.writeUInt32LE(16000, 8);
  fmt.writeUInt16LE(2, 12);
  fmt.writeUInt16LE(16, 14);
  const body = Buffer.concat([riffChunk('fmt ', fmt), riffChunk('data', Buffer.alloc(samples * 2))]);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(4 + body.length, 4);
  head.write('WAVE', 8, 'latin1');
  return Buffer.concat([head, body]);
}

/** An MP3: an ID3v2 tag and a few MPEG-1 Layer III frames. */
export function makeMp3(): Buffer {
  const id3 = Buffer.from([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 0]);
  const frame = Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(413)]);
  return Buffer.concat([id3, frame, frame, frame]);
}

export const SVG = Buffer.from(
  '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>',
);
export const HTML = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');
export const TEXT = Buffer.from('Bare almindelig tekst, ingen fil-type.\n');
/** The start of a Windows executable (MZ … PE). */
export const EXE = Buffer.concat([
  Buffer.from('MZ', 'latin1'),
  Buffer.alloc(58),
  Buffer.from([0x40, 0, 0, 0]),
  Buffer.from('PE\0\0', 'latin1'),
  Buffer.alloc(200),
]);

/** A multipart/form-data body from parts in order. */
export function multipartBody(
  parts: readonly (
    | { name: string; value: string }
    | { name: string; filename: string; type?: string; bytes: Buffer }
  )[],
  boundary = '----holdet-test-boundary',
): { payload: Buffer; headers: Record<string, string> } {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ('value' in part) {
      chunks.push(
        Buffer.from(`Content-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`),
      );
    } else {
      chunks.push(
        Buffer.from(
          `Content-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: ${part.type ?? 'application/octet-stream'}\r\n\r\n`,
        ),
        part.bytes,
        Buffer.from('\r\n'),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

function box(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + body.length, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, body]);
}

/** An MP4 (brand isom, which file-type calls video/mp4) with tracks of these handler types, moov last. */
export function makeMp4(handlers: readonly ('soun' | 'vide')[]): Buffer {
  const ftyp = box('ftyp', Buffer.from('isom\0\0\x02\0isomiso2mp41', 'latin1'));
  const mdat = box('mdat', Buffer.alloc(64, 1));
  const traks = handlers.map((h) =>
    box(
      'trak',
      box(
        'mdia',
        box('mdhd', Buffer.alloc(24)),
        box('hdlr', Buffer.alloc(8), Buffer.from(h, 'latin1'), Buffer.alloc(13)),
      ),
    ),
  );
  return Buffer.concat([ftyp, mdat, box('moov', box('mvhd', Buffer.alloc(100)), ...traks)]);
}

function ebml(id: number[], payload: Buffer, unknownSize = false): Buffer {
  const size = unknownSize
    ? Buffer.from([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])
    : Buffer.from([0x40 | (payload.length >> 8), payload.length & 0xff]);
  return Buffer.concat([Buffer.from(id), size, payload]);
}

/** A WebM as a browser records it (Segment of unknown size) with tracks of these types (1 video, 2 audio). */
export function makeWebm(trackTypes: readonly (1 | 2)[]): Buffer {
  const header = ebml(
    [0x1a, 0x45, 0xdf, 0xa3],
    Buffer.concat([ebml([0x42, 0x82], Buffer.from('webm')), ebml([0x42, 0x87], Buffer.from([4]))]),
  );
  const entries = trackTypes.map((t, i) =>
    ebml(
      [0xae],
      Buffer.concat([
        ebml([0xd7], Buffer.from([i + 1])),
        ebml([0x83], Buffer.from([t])),
        ebml([0x86], Buffer.from(t === 2 ? 'A_OPUS' : 'V_VP8')),
      ]),
    ),
  );
  const info = ebml([0x15, 0x49, 0xa9, 0x66], ebml([0x2a, 0xd7, 0xb1], Buffer.from([0x0f, 0x42, 0x40])));
  const tracks = ebml([0x16, 0x54, 0xae, 0x6b], Buffer.concat(entries));
  const cluster = ebml([0x1f, 0x43, 0xb6, 0x75], Buffer.alloc(32, 2), true);
  return Buffer.concat([
    header,
    ebml([0x18, 0x53, 0x80, 0x67], Buffer.concat([info, tracks, cluster]), true),
  ]);
}

/** An OpenDocument text; `macros` adds a Basic/ library (as a document with macros has). */
export function makeOdt(options: { macros?: boolean } = {}): Buffer {
  const files: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = {
    // The first entry, stored uncompressed, as the format requires.
    mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }],
    'content.xml': strToU8('<?xml version="1.0"?><office:document-content/>'),
    'META-INF/manifest.xml': strToU8('<?xml version="1.0"?><manifest:manifest/>'),
  };
  if (options.macros)
    files['Basic/Standard/Module1.xml'] = strToU8('<script:module>Sub Main</script:module>');
  return Buffer.from(zipSync(files));
}
