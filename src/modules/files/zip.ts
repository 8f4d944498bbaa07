import { open } from 'node:fs/promises';

// The names of the entries of a zip file (an Office document), read from its central directory at the end
// of the file: a few reads, never the whole file. Used to refuse documents that carry macros.

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
/** A central directory larger than this is not an Office document we take. */
const MAX_DIRECTORY = 16 * 1024 * 1024;

export class BrokenZip extends Error {
  constructor(what: string) {
    super(`broken zip: ${what}`);
    this.name = 'BrokenZip';
  }
}

export async function zipEntryNames(path: string): Promise<string[]> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const tailLength = Math.min(size, 22 + 0xffff + 20);
    const tail = Buffer.alloc(tailLength);
    await file.read(tail, 0, tailLength, size - tailLength);
    let at = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) {
        at = i;
        break;
      }
    }
    if (at < 0) throw new BrokenZip('no end of central directory');
    let count = tail.readUInt16LE(at + 10);
    let dirSize = tail.readUInt32LE(at + 12);
    let dirOffset = tail.readUInt32LE(at + 16);
    if (dirOffset === 0xffffffff || dirSize === 0xffffffff || count === 0xffff) {
      const locator = at - 20;
      if (locator < 0 || tail.readUInt32LE(locator) !== ZIP64_LOCATOR) throw new BrokenZip('zip64 locator');
      const eocd64At = Number(tail.readBigUInt64LE(locator + 8));
      const eocd64 = Buffer.alloc(56);
      await file.read(eocd64, 0, 56, eocd64At);
      if (eocd64.readUInt32LE(0) !== ZIP64_EOCD) throw new BrokenZip('zip64 end of central directory');
      count = Number(eocd64.readBigUInt64LE(32));
      dirSize = Number(eocd64.readBigUInt64LE(40));
      dirOffset = Number(eocd64.readBigUInt64LE(48));
    }
    if (dirSize > MAX_DIRECTORY || dirOffset + dirSize > size) throw new BrokenZip('central directory size');
    const dir = Buffer.alloc(dirSize);
    await file.read(dir, 0, dirSize, dirOffset);
    const names: string[] = [];
    let i = 0;
    while (i + 46 <= dir.length && names.length < count) {
      if (dir.readUInt32LE(i) !== CENTRAL) throw new BrokenZip('central directory entry');
      const nameLength = dir.readUInt16LE(i + 28);
      const extraLength = dir.readUInt16LE(i + 30);
      const commentLength = dir.readUInt16LE(i + 32);
      names.push(dir.toString('utf8', i + 46, i + 46 + nameLength));
      i += 46 + nameLength + extraLength + commentLength;
    }
    return names;
  } finally {
    await file.close();
  }
}
