import type { Executor } from '../../db/database.ts';
import { markdownToText } from '../../shared/markdown.ts';
import * as search from '../search/service.ts';
import { toDilemma } from './model.ts';
import { dilemmaPath } from './paths.ts';
import type { DilemmaRow } from './queries.ts';

// A dilemma's entry in the search index, kept in step in the transaction of every change. Its audience is
// narrower than the series: the participants, the facilitator, the organisers and the expert of the session it
// is placed on (search/rules.ts `audience`). An anonymous dilemma's entry carries no author name, so searching
// the author's name never finds it; the body is the template's four fields as plain text (no name of the
// author is added to it).

export const SEARCH_SOURCE = 'dilemma';

/** The search entry of a dilemma: no author name when anonymous; found only by those who may see it. */
export async function indexDilemma(tx: Executor, hold: { slug: string }, row: DilemmaRow): Promise<void> {
  const d = toDilemma(row);
  await search.indexDocument(tx, {
    source: SEARCH_SOURCE,
    sourceId: d.id,
    seriesId: d.seriesId,
    sessionId: d.sessionId,
    kind: 'dilemma',
    title: d.title,
    authorName: d.anonymous ? '' : d.authorName,
    path: dilemmaPath(hold.slug, d.id),
    createdAt: d.createdAt,
    body: [d.situationMd, d.dilemmaMd, d.triedMd, d.wantedMd]
      .map((md) => markdownToText(md).trim())
      .filter((p) => p !== '')
      .join('\n\n'),
    audience: [
      search.audience.participantsOf(d.seriesId),
      search.audience.facilitatorOf(d.seriesId),
      search.audience.organisersOf(d.seriesId),
      ...(d.sessionId ? [search.audience.expertOf(d.sessionId)] : []),
    ],
  });
}
