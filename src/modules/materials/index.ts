import type { Executor } from '../../db/database.ts';
import { markdownToText } from '../../shared/markdown.ts';
import * as files from '../files/service.ts';
import * as search from '../search/service.ts';
import { materialPath } from './paths.ts';
import type { MaterialRow } from './queries.ts';

// The material's entry in the search index, kept in step in the transaction of every change: a visible
// material is (re)indexed with its description, its literature facts, a note's text and its file's text;
// a hidden or deleted one is removed.

export const SEARCH_SOURCE = 'material';

/** The text search reads: paragraphs separated by blank lines. */
export function searchBody(row: MaterialRow, fileText: string | null): string {
  const literature = [row.authors, row.year === null ? '' : String(row.year), row.publisher, row.identifier]
    .filter((s) => s !== '')
    .join(', ');
  return [row.description, literature, row.body_md ? markdownToText(row.body_md) : '', fileText ?? '']
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .join('\n\n');
}

/** Indexes the material as it now is (or removes it when hidden or deleted). `fileText` undefined: read it. */
export async function indexMaterial(
  tx: Executor,
  row: MaterialRow,
  slug: string,
  fileText?: string | null,
): Promise<void> {
  if (row.deleted_at !== null || row.hidden_at !== null) return unindexMaterial(tx, row.id);
  const text = fileText !== undefined ? fileText : row.file_id ? await files.fileText(tx, row.file_id) : null;
  await search.indexDocument(tx, {
    source: SEARCH_SOURCE,
    sourceId: row.id,
    seriesId: row.series_id,
    sessionId: row.session_id,
    kind: row.kind,
    title: row.title,
    authorName: row.added_by_name,
    path: materialPath(slug, row.id),
    createdAt: row.created_at,
    body: searchBody(row, text),
  });
}

export async function unindexMaterial(tx: Executor, id: string): Promise<void> {
  await search.removeDocument(tx, SEARCH_SOURCE, id);
}
