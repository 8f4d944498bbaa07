import { describe, expect, it } from 'vitest';
import {
  JPEG_IMAGE_DATA,
  makeGifWithComment,
  makeJpegWithGps,
  makePngWithText,
  makeWebpWithExif,
  PNG_IDAT,
} from '../../../test/files.ts';
import { BrokenImage, stripGif, stripJpeg, stripMetadata, stripPng, stripWebp } from './metadata.ts';

const has = (bytes: Buffer, text: string) => bytes.includes(Buffer.from(text, 'latin1'));

/** The markers of a JPEG's segments up to SOS. */
function jpegMarkers(bytes: Buffer): number[] {
  const markers: number[] = [];
  let i = 2;
  while (i < bytes.length) {
    const marker = bytes[i + 1] ?? 0;
    markers.push(marker);
    if (marker === 0xda) break;
    i += 2 + bytes.readUInt16BE(i + 2);
  }
  return markers;
}

describe('image metadata is stripped without re-encoding', () => {
  it('JPEG: the Exif APP1 with GPS, XMP and the comment go; JFIF, Adobe, tables and image data stay byte for byte', () => {
    const original = makeJpegWithGps();
    expect(has(original, 'Exif')).toBe(true);
    expect(has(original, 'GPS 55.6761')).toBe(true);
    const stripped = stripJpeg(original);
    expect(has(stripped, 'Exif')).toBe(false);
    expect(has(stripped, 'GPS')).toBe(false);
    expect(has(stripped, 'Kongens Nytorv')).toBe(false);
    expect(jpegMarkers(stripped)).toEqual([0xe0, 0xee, 0xdb, 0xc0, 0xc4, 0xda]);
    expect(stripped.subarray(stripped.length - JPEG_IMAGE_DATA.length).equals(JPEG_IMAGE_DATA)).toBe(true);
    // Every byte that stays is the original's, in order: only whole segments were taken out.
    expect(original.includes(stripped.subarray(0, 20))).toBe(true);
    expect(stripJpeg(stripped).equals(stripped)).toBe(true);
  });

  it('PNG: tEXt, iTXt, eXIf and tIME go; IHDR, IDAT and IEND stay', () => {
    const original = makePngWithText();
    const stripped = stripPng(original);
    for (const gone of ['tEXt', 'iTXt', 'eXIf', 'tIME', 'Kim Hansen', 'Aarhus'])
      expect(has(stripped, gone), gone).toBe(false);
    for (const kept of ['IHDR', 'IDAT', 'IEND']) expect(has(stripped, kept), kept).toBe(true);
    expect(stripped.includes(PNG_IDAT)).toBe(true);
    expect(stripped.length).toBeLessThan(original.length);
  });

  it('WebP: the EXIF and XMP chunks go and VP8X no longer announces them; the image chunk stays', () => {
    const { file, image } = makeWebpWithExif();
    const stripped = stripWebp(file);
    expect(has(stripped, 'EXIF')).toBe(false);
    expect(has(stripped, 'XMP ')).toBe(false);
    expect(stripped.includes(image)).toBe(true);
    expect((stripped[20] ?? 0) & 0x0c).toBe(0);
    expect(stripped.readUInt32LE(4)).toBe(stripped.length - 8);
  });

  it('GIF: the comment and XMP extensions go; the loop count and the image stay', () => {
    const { file, image } = makeGifWithComment();
    const stripped = stripGif(file);
    expect(has(stripped, 'Hemmeligt')).toBe(false);
    expect(has(stripped, 'XMP DataXMP')).toBe(false);
    expect(stripped.includes(image)).toBe(true);
    expect(stripped[stripped.length - 1]).toBe(0x3b);
  });

  it('a structure that does not hold together is broken, and other types pass untouched', () => {
    const jpeg = makeJpegWithGps();
    expect(() => stripJpeg(jpeg.subarray(0, 30))).toThrow(BrokenImage);
    expect(() => stripPng(makePngWithText().subarray(0, 40))).toThrow(BrokenImage);
    expect(() => stripGif(Buffer.from('GIF89a'))).toThrow(BrokenImage);
    expect(() => stripWebp(Buffer.from('RIFF\0\0\0\0WAVE'))).toThrow(BrokenImage);
    const pdf = Buffer.from('%PDF-1.4');
    expect(stripMetadata('application/pdf', pdf)).toBe(pdf);
  });
});
