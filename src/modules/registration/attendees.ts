import type { Executor } from '../../db/database.ts';
import type { Lang } from '../../shared/danish.ts';
import * as q from './queries.ts';

/** A participant as a mail to them needs them: name, address, the language they registered in. */
export interface SeriesAttendee {
  registrationId: string;
  name: string;
  email: string;
  accountId: string | null;
  lang: Lang;
}

/** The attendees of every confirmed registration of a series, in arrival order. */
export async function confirmedAttendees(db: Executor, seriesId: string): Promise<SeriesAttendee[]> {
  const rows = await q.confirmedAttendeeRows(db, seriesId);
  return rows.map((r) => ({ ...r, lang: r.lang === 'en' ? 'en' : 'da' }));
}
