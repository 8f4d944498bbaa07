import { readFile, rm, writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import {
  EXE,
  HTML,
  makeJpegWithGps,
  makeMp3,
  makeMp4,
  makeOdt,
  makeOffice,
  makePdf,
  makePngWithText,
  makeWav,
  makeWebm,
  makeZip,
  SVG,
  TEXT,
} from '../../../test/files.ts';
import { DOCX, PDF, PPTX, XLSX } from './rules.ts';
import { inspectFile, tempUploadPath } from './upload.ts';

// The type of an upload is decided from its bytes: real minimal files, made here, through file-type.

const made: string[] = [];
async function inspect(bytes: Buffer) {
  const path = tempUploadPath();
  made.push(path);
  await writeFile(path, bytes);
  return { result: await inspectFile(path), after: await readFile(path) };
}

afterEach(async () => {
  await Promise.all(made.splice(0).map((p) => rm(p, { force: true })));
});

describe('uploads are judged by their bytes', () => {
  it('accepts PDF, DOCX, PPTX, XLSX, JPEG, PNG, WAV and MP3 as what they are', async () => {
    const cases: [string, Buffer, string][] = [
      ['pdf', await makePdf(), PDF],
      ['docx', makeOffice('docx'), DOCX],
      ['pptx', makeOffice('pptx'), PPTX],
      ['xlsx', makeOffice('xlsx'), XLSX],
      ['jpeg', makeJpegWithGps(), 'image/jpeg'],
      ['png', makePngWithText(), 'image/png'],
      ['wav', makeWav(), 'audio/wav'],
      ['mp3', makeMp3(), 'audio/mpeg'],
    ];
    for (const [label, bytes, type] of cases) {
      const { result } = await inspect(bytes);
      expect(result, label).toMatchObject({ ok: true, contentType: type });
    }
  });

  it('takes MP4 and WebM with sound only as audio, and refuses them with a video track', async () => {
    expect((await inspect(makeMp4(['soun']))).result).toMatchObject({ ok: true, contentType: 'audio/mp4' });
    expect((await inspect(makeWebm([2]))).result).toMatchObject({ ok: true, contentType: 'audio/webm' });
    for (const [label, bytes] of [
      ['mp4 video', makeMp4(['vide', 'soun'])],
      ['mp4 without tracks', makeMp4([])],
      ['webm video', makeWebm([1, 2])],
    ] as const) {
      expect((await inspect(bytes)).result, label).toEqual({ ok: false, refusal: 'type' });
    }
  });

  it('refuses SVG, HTML, plain text, an executable and a plain zip as the wrong type', async () => {
    for (const [label, bytes] of [
      ['svg', SVG],
      ['html', HTML],
      ['text', TEXT],
      ['exe', EXE],
      ['zip', makeZip()],
    ] as const) {
      const { result } = await inspect(bytes);
      expect(result, label).toEqual({ ok: false, refusal: 'type' });
    }
  });

  it('refuses macros: a docm by its type, a docx or xlsx carrying vbaProject.bin', async () => {
    for (const [label, bytes] of [
      ['docm', makeOffice('docm')],
      ['docx+vba', makeOffice('docx', { vba: true })],
      ['xlsx+vba', makeOffice('xlsx', { vba: true })],
    ] as const) {
      const { result } = await inspect(bytes);
      expect(result, label).toEqual({ ok: false, refusal: 'macro' });
    }
  });

  it('takes an OpenDocument text, and refuses one with a Basic/ macro library', async () => {
    expect((await inspect(makeOdt())).result).toMatchObject({
      ok: true,
      contentType: 'application/vnd.oasis.opendocument.text',
    });
    expect((await inspect(makeOdt({ macros: true }))).result).toEqual({ ok: false, refusal: 'macro' });
  });

  it('refuses an empty file, and a broken image as broken', async () => {
    expect((await inspect(Buffer.alloc(0))).result).toEqual({ ok: false, refusal: 'empty' });
    expect((await inspect(makeJpegWithGps().subarray(0, 40))).result).toEqual({
      ok: false,
      refusal: 'broken',
    });
  });

  it('rewrites an accepted image without its metadata, and reports the size after', async () => {
    const original = makeJpegWithGps();
    const { result, after } = await inspect(original);
    expect(result).toEqual({ ok: true, contentType: 'image/jpeg', size: after.length });
    expect(after.length).toBeLessThan(original.length);
    expect(after.includes(Buffer.from('GPS'))).toBe(false);
  });
});
