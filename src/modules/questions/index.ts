import type { Executor } from '../../db/database.ts';
import { markdownToText } from '../../shared/markdown.ts';
import * as search from '../search/service.ts';
import { questionPath } from './paths.ts';
import type { PostRow, QuestionRow } from './queries.ts';

// A question's entry in the search index (source `question`), kept in step in the transaction of every change:
// the title, the asker's name, and as its body the question and every standing reply as plain text. A deleted
// question leaves the index; a deleted reply leaves the body.

export const SEARCH_SOURCE = 'question';

export function searchBody(posts: readonly PostRow[]): string {
  return posts
    .filter((p) => p.deleted_at === null)
    .map((p) => markdownToText(p.body_md).trim())
    .filter((p) => p !== '')
    .join('\n\n');
}

export async function indexQuestion(
  tx: Executor,
  row: QuestionRow,
  posts: readonly PostRow[],
  slug: string,
): Promise<void> {
  if (row.deleted_at !== null) return unindexQuestion(tx, row.id);
  await search.indexDocument(tx, {
    source: SEARCH_SOURCE,
    sourceId: row.id,
    seriesId: row.series_id,
    sessionId: row.session_id,
    kind: 'question',
    title: row.title,
    authorName: row.asker_name,
    path: questionPath(slug, row.id),
    createdAt: row.created_at,
    body: searchBody(posts),
  });
}

export async function unindexQuestion(tx: Executor, id: string): Promise<void> {
  await search.removeDocument(tx, SEARCH_SOURCE, id);
}
