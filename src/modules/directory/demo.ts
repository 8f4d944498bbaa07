import type { Kysely } from 'kysely';
import type { DB } from '../../db/database.ts';
import { directoryAttendees } from '../registration/service.ts';
import * as series from '../series/service.ts';
import { setWorkOn } from './service.ts';

// The demo's directory: whoever of the 2027 hold's participants consented on their registration (the
// registration's own seed decides who) gets a realistic "what I work on", in the directory's order. The demo
// seeds no participants of its own today, so this writes nothing until some are seeded; it never gives or
// changes a consent. Seeded from the composition root after the messages' demo.

export const DEMO_SLUG = 'beskaeftigelsesfaglig-masterclass-2027';

export const DEMO_WORK_ON = [
  'Vi afprøver gruppeforløb for sygemeldte med fokus på arbejdsfællesskaber – jeg vil gerne høre fra andre, der har prøvet det.',
  'Jeg leder omlægningen til færre og længere samtaler i vores ungeindsats.',
  'Samarbejdet med virksomhederne om småjob for borgere langt fra arbejdsmarkedet.',
  'Hvordan vi bruger BIP-indikatorerne i den daglige ledelse af teams.',
];

export async function seedDemoDirectory(db: Kysely<DB>, now: Date): Promise<number> {
  const hold = await series.sessionsForEditing(db, DEMO_SLUG);
  if (!hold) return 0;
  const listed = await directoryAttendees(db, hold.seriesId);
  if (listed.length === 0) return 0;
  await db.transaction().execute(async (tx) => {
    for (const [i, person] of listed.entries()) {
      const text = DEMO_WORK_ON[i % DEMO_WORK_ON.length] ?? '';
      await setWorkOn(tx, { accountId: person.accountId, seriesId: hold.seriesId, workOn: text }, now);
    }
  });
  return listed.length;
}
