import { open } from 'node:fs/promises';

// MP4 and WebM hold audio, video or both; file-type names them by container (video/mp4, video/webm). An
// upload in one of them is taken as audio only when its tracks are all sound: an MP4's handler types (moov →
// trak → mdia → hdlr), a WebM's TrackType elements (Segment → Tracks → TrackEntry). A few reads; never the
// whole file.

/** moov (MP4) or the start of a WebM larger than this is not looked into. */
const MAX_HEADER = 16 * 1024 * 1024;

type Tracks = { audio: number; video: number };

/** 'audio/mp4' or 'audio/webm' when the file is a container of sound only; null otherwise. */
export async function audioOnlyType(
  path: string,
  detectedMime: string,
): Promise<'audio/mp4' | 'audio/webm' | null> {
  if (detectedMime === 'video/mp4') {
    const tracks = await mp4Tracks(path);
    return tracks && tracks.audio > 0 && tracks.video === 0 ? 'audio/mp4' : null;
  }
  if (detectedMime === 'video/webm') {
    const tracks = await webmTracks(path);
    return tracks && tracks.audio > 0 && tracks.video === 0 ? 'audio/webm' : null;
  }
  return null;
}

async function mp4Tracks(path: string): Promise<Tracks | null> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const head = Buffer.alloc(16);
    let at = 0;
    while (at + 8 <= size) {
      await file.read(head, 0, 16, at);
      let boxSize = head.readUInt32BE(0);
      const type = head.toString('latin1', 4, 8);
      let headerLength = 8;
      if (boxSize === 1) {
        boxSize = Number(head.readBigUInt64BE(8));
        headerLength = 16;
      } else if (boxSize === 0) {
        boxSize = size - at;
      }
      if (boxSize < headerLength) return null;
      if (type === 'moov') {
        const length = boxSize - headerLength;
        if (length > MAX_HEADER) return null;
        const moov = Buffer.alloc(length);
        await file.read(moov, 0, length, at + headerLength);
        return tracksInMoov(moov);
      }
      at += boxSize;
    }
    return null;
  } finally {
    await file.close();
  }
}

/** The boxes directly inside `bytes`: [type, payload]. */
function* boxes(bytes: Buffer): Generator<[string, Buffer]> {
  let i = 0;
  while (i + 8 <= bytes.length) {
    let size = bytes.readUInt32BE(i);
    let headerLength = 8;
    if (size === 1 && i + 16 <= bytes.length) {
      size = Number(bytes.readBigUInt64BE(i + 8));
      headerLength = 16;
    } else if (size === 0) {
      size = bytes.length - i;
    }
    if (size < headerLength || i + size > bytes.length) return;
    yield [bytes.toString('latin1', i + 4, i + 8), bytes.subarray(i + headerLength, i + size)];
    i += size;
  }
}

function tracksInMoov(moov: Buffer): Tracks {
  const tracks = { audio: 0, video: 0 };
  for (const [type, trak] of boxes(moov)) {
    if (type !== 'trak') continue;
    for (const [t, mdia] of boxes(trak)) {
      if (t !== 'mdia') continue;
      for (const [h, hdlr] of boxes(mdia)) {
        if (h !== 'hdlr' || hdlr.length < 12) continue;
        const handler = hdlr.toString('latin1', 8, 12);
        if (handler === 'soun') tracks.audio++;
        if (handler === 'vide') tracks.video++;
      }
    }
  }
  return tracks;
}

const EBML_SEGMENT = 0x18538067;
const EBML_TRACKS = 0x1654ae6b;
const EBML_TRACK_ENTRY = 0xae;
const EBML_TRACK_TYPE = 0x83;
const EBML_CLUSTER = 0x1f43b675;

/** An EBML variable-length integer at `i`: its value and length (the ID keeps its marker bit; a size does not). */
function vint(
  bytes: Buffer,
  i: number,
  keepMarker: boolean,
): { value: number; length: number; unknown: boolean } | null {
  const first = bytes[i];
  if (first === undefined || first === 0) return null;
  let length = 1;
  while (length <= 8 && !(first & (0x80 >> (length - 1)))) length++;
  if (length > 8 || i + length > bytes.length) return null;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let k = 1; k < length; k++) {
    const byte = bytes[i + k] ?? 0;
    value = value * 256 + byte;
    if (byte !== 0xff) allOnes = false;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

async function webmTracks(path: string): Promise<Tracks | null> {
  const file = await open(path, 'r');
  let bytes: Buffer;
  try {
    const { size } = await file.stat();
    bytes = Buffer.alloc(Math.min(size, MAX_HEADER));
    await file.read(bytes, 0, bytes.length, 0);
  } finally {
    await file.close();
  }
  const tracks = { audio: 0, video: 0 };
  let sawTracks = false;
  // Walk the elements; step into the Segment, Tracks and TrackEntry (their sizes may be "unknown" in a live
  // recording), skip over everything else, stop at the first Cluster (the media data).
  const containers = new Set([EBML_SEGMENT, EBML_TRACKS, EBML_TRACK_ENTRY]);
  let i = 0;
  while (i < bytes.length) {
    const id = vint(bytes, i, true);
    if (!id) break;
    const size = vint(bytes, i + id.length, false);
    if (!size) break;
    const dataAt = i + id.length + size.length;
    if (id.value === EBML_CLUSTER) break;
    if (id.value === EBML_TRACKS) sawTracks = true;
    if (containers.has(id.value)) {
      i = dataAt;
      continue;
    }
    if (id.value === EBML_TRACK_TYPE && size.value >= 1) {
      const type = bytes[dataAt + size.value - 1];
      if (type === 1) tracks.video++;
      if (type === 2) tracks.audio++;
    }
    if (size.unknown) break;
    i = dataAt + size.value;
  }
  return sawTracks ? tracks : null;
}
