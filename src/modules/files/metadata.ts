// Image metadata (EXIF with its GPS position, XMP, comments, timestamps) removed by rewriting the container
// around the untouched image data: nothing is decoded or encoded again, so the picture is bit for bit the
// same. A file whose structure does not hold together is refused as broken.

export class BrokenImage extends Error {
  constructor(what: string) {
    super(`broken image: ${what}`);
    this.name = 'BrokenImage';
  }
}

/** The image without its metadata (a new buffer; the input is not changed). */
export function stripMetadata(contentType: string, bytes: Buffer): Buffer {
  switch (contentType) {
    case 'image/jpeg':
      return stripJpeg(bytes);
    case 'image/png':
      return stripPng(bytes);
    case 'image/webp':
      return stripWebp(bytes);
    case 'image/gif':
      return stripGif(bytes);
    default:
      return bytes;
  }
}

const need = (ok: boolean, what: string) => {
  if (!ok) throw new BrokenImage(what);
};

/**
 * JPEG: drops APP1–APP13 and APP15 (EXIF, XMP, ICC, Photoshop IRB, …) and COM segments; keeps APP0 (JFIF)
 * and APP14 (Adobe: the colour transform the decoder needs) and every other segment. From the first SOS on,
 * the entropy-coded data (and any later tables) is copied as it is.
 */
export function stripJpeg(bytes: Buffer): Buffer {
  need(bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8, 'no SOI');
  const out: Buffer[] = [bytes.subarray(0, 2)];
  let i = 2;
  while (i < bytes.length) {
    need(bytes[i] === 0xff, 'marker expected');
    let marker = bytes[i + 1] ?? -1;
    let start = i;
    // Fill bytes (0xFF repeated) may precede a marker.
    while (marker === 0xff) {
      start += 1;
      marker = bytes[start + 1] ?? -1;
    }
    need(marker >= 0, 'truncated');
    if (marker === 0xd9) {
      out.push(bytes.subarray(start, start + 2));
      return Buffer.concat(out);
    }
    // Standalone markers (TEM, RSTn) have no length.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      out.push(bytes.subarray(start, start + 2));
      i = start + 2;
      continue;
    }
    need(start + 4 <= bytes.length, 'truncated segment');
    const length = bytes.readUInt16BE(start + 2);
    need(length >= 2 && start + 2 + length <= bytes.length, 'segment length');
    const end = start + 2 + length;
    if (marker === 0xda) {
      out.push(bytes.subarray(start));
      return Buffer.concat(out);
    }
    const isApp = marker >= 0xe0 && marker <= 0xef;
    const drop = marker === 0xfe || (isApp && marker !== 0xe0 && marker !== 0xee);
    if (!drop) out.push(bytes.subarray(start, end));
    i = end;
  }
  throw new BrokenImage('no image data');
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_DROPPED = new Set(['tEXt', 'iTXt', 'zTXt', 'eXIf', 'tIME']);

/** PNG: drops the text chunks (tEXt, iTXt, zTXt), EXIF (eXIf) and the modification time (tIME). */
export function stripPng(bytes: Buffer): Buffer {
  need(bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE), 'no PNG signature');
  const out: Buffer[] = [PNG_SIGNATURE];
  let i = 8;
  while (i < bytes.length) {
    need(i + 12 <= bytes.length, 'truncated chunk');
    const length = bytes.readUInt32BE(i);
    const end = i + 12 + length;
    need(end <= bytes.length, 'chunk length');
    const type = bytes.toString('latin1', i + 4, i + 8);
    if (!PNG_DROPPED.has(type)) out.push(bytes.subarray(i, end));
    i = end;
    if (type === 'IEND') return Buffer.concat(out);
  }
  throw new BrokenImage('no IEND');
}

/** WebP: drops the EXIF and XMP chunks and clears their flags in VP8X. */
export function stripWebp(bytes: Buffer): Buffer {
  need(
    bytes.length >= 12 &&
      bytes.toString('latin1', 0, 4) === 'RIFF' &&
      bytes.toString('latin1', 8, 12) === 'WEBP',
    'no RIFF WEBP header',
  );
  const riffEnd = Math.min(bytes.length, 8 + bytes.readUInt32LE(4));
  const chunks: Buffer[] = [];
  let i = 12;
  while (i < riffEnd) {
    need(i + 8 <= riffEnd, 'truncated chunk');
    const type = bytes.toString('latin1', i, i + 4);
    const size = bytes.readUInt32LE(i + 4);
    const end = i + 8 + size + (size % 2);
    need(i + 8 + size <= riffEnd, 'chunk size');
    const chunk = Buffer.from(bytes.subarray(i, Math.min(end, riffEnd)));
    if (type === 'VP8X') {
      need(size >= 1, 'VP8X size');
      // Bit 3: EXIF present, bit 2: XMP present.
      chunk[8] = (chunk[8] ?? 0) & ~0x0c;
    }
    if (type !== 'EXIF' && type !== 'XMP ') chunks.push(chunk);
    i = end;
  }
  const body = Buffer.concat(chunks);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(4 + body.length, 4);
  header.write('WEBP', 8, 'latin1');
  return Buffer.concat([header, body]);
}

/** Application extensions that carry playback, not metadata: an animation's loop count. */
const GIF_KEPT_APPLICATIONS = new Set(['NETSCAPE2.0', 'ANIMEXTS1.0']);

/** GIF: drops comment extensions and application extensions (XMP, …) except an animation's loop count. */
export function stripGif(bytes: Buffer): Buffer {
  const signature = bytes.toString('latin1', 0, 6);
  need(signature === 'GIF87a' || signature === 'GIF89a', 'no GIF signature');
  need(bytes.length >= 13, 'truncated screen descriptor');
  const packed = bytes[10] ?? 0;
  let i = 13 + (packed & 0x80 ? 3 * 2 ** ((packed & 0x07) + 1) : 0);
  need(i <= bytes.length, 'truncated colour table');
  const out: Buffer[] = [bytes.subarray(0, i)];
  /** The end of a run of data sub-blocks starting at `at`. */
  const subBlocksEnd = (at: number) => {
    let j = at;
    for (;;) {
      need(j < bytes.length, 'truncated sub-blocks');
      const size = bytes[j] ?? 0;
      j += 1 + size;
      if (size === 0) return j;
    }
  };
  while (i < bytes.length) {
    const introducer = bytes[i];
    if (introducer === 0x3b) {
      out.push(bytes.subarray(i, i + 1));
      return Buffer.concat(out);
    }
    if (introducer === 0x21) {
      need(i + 2 <= bytes.length, 'truncated extension');
      const label = bytes[i + 1];
      const end = subBlocksEnd(i + 2);
      let keep = label !== 0xfe;
      if (label === 0xff) {
        const size = bytes[i + 2] ?? 0;
        keep = GIF_KEPT_APPLICATIONS.has(bytes.toString('latin1', i + 3, i + 3 + Math.min(size, 11)));
      }
      if (keep) out.push(bytes.subarray(i, end));
      i = end;
      continue;
    }
    need(introducer === 0x2c, 'unknown block');
    need(i + 10 <= bytes.length, 'truncated image descriptor');
    const local = bytes[i + 9] ?? 0;
    let j = i + 10 + (local & 0x80 ? 3 * 2 ** ((local & 0x07) + 1) : 0);
    j += 1; // LZW minimum code size
    const end = subBlocksEnd(j);
    out.push(bytes.subarray(i, end));
    i = end;
  }
  throw new BrokenImage('no trailer');
}
