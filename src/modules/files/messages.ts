import { catalogue, type Lang } from '../../web/i18n.ts';
import type { UploadRefusal } from './rules.ts';

/** The limit as people say it: whole megabytes (the setting is in MB: UPLOAD_MAX_MB). */
export const megabytes = (bytes: number) => Math.max(1, Math.round(bytes / (1024 * 1024)));

const da = {
  'files.refused.too-large': (mb: number) => `Filen er for stor. Den må højst fylde ${mb} MB.`,
  'files.refused.type':
    'Filtypen kan ikke bruges. Upload PDF, Word, PowerPoint, Excel, lyd eller billeder (JPEG, PNG, WebP, GIF).',
  'files.refused.macro':
    'Dokumentet indeholder makroer og kan ikke bruges. Gem det uden makroer (fx som .docx, .pptx eller .xlsx) og upload det igen.',
  'files.refused.empty': 'Filen er tom. Vælg en fil med indhold.',
  'files.refused.broken':
    'Filen kan ikke læses. Den kan være beskadiget. Prøv at gemme den igen og upload den på ny.',
};

const en: typeof da = {
  'files.refused.too-large': (mb: number) => `The file is too large. It may be at most ${mb} MB.`,
  'files.refused.type':
    'This type of file cannot be used. Upload PDF, Word, PowerPoint, Excel, audio or images (JPEG, PNG, WebP, GIF).',
  'files.refused.macro':
    'The document contains macros and cannot be used. Save it without macros (e.g. as .docx, .pptx or .xlsx) and upload it again.',
  'files.refused.empty': 'The file is empty. Choose a file with content.',
  'files.refused.broken':
    'The file cannot be read. It may be damaged. Try saving it again and upload it anew.',
};

export const filesMessages = catalogue(da, en);
export type FilesMessages = ReturnType<typeof filesMessages>;

/** The message shown next to the file field (and in the error summary) for a refused upload. */
export function uploadRefusalMessage(refusal: UploadRefusal, lang: Lang, maxBytes: number): string {
  const m = filesMessages(lang);
  if (refusal === 'too-large') return m['files.refused.too-large'](megabytes(maxBytes));
  return m[`files.refused.${refusal}`];
}
