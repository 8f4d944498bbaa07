import type { Kysely } from 'kysely';
import type { DB } from '../../db/database.ts';
import { newId } from '../../shared/ids.ts';
import * as series from '../series/service.ts';
import * as q from './queries.ts';

// The demo's messages: an announcement from the facilitator to the 2027 hold's participants (before its first
// session), and one private thread — the second session's expert asks the organiser a practical question and
// gets an answer. Written straight into the module's tables in the demo's name: nobody is mailed for the demo.
// Seeded from the composition root after the materials' demo; does nothing when the hold has messages.

export const DEMO_SLUG = 'beskaeftigelsesfaglig-masterclass-2027';
export const DEMO_ANNOUNCEMENT_TITLE = 'Velkommen til holdet – og en opgave før første gang';

const ANNOUNCEMENT_BODY = `Kære alle

Jeg glæder mig til at møde jer til første session i Væksthuset. Vi starter med kaffe og croissant kl. 9.00.

Før vi ses, vil jeg bede jer tænke over **ét forløb fra jeres egen organisation**, hvor det lykkedes bedre end forventet – en borger, et team eller en arbejdsgang. Skriv gerne et par linjer ned; vi bruger det i den første øvelse.

- Læs gerne materialerne til første session (de ligger under Materialer på Mit hold).
- Har I et dilemma, I gerne vil have drøftet, så læg det ind under Dilemmaer.

Vel mødt!
Leif`;

const THREAD = [
  {
    fromOrganiser: false,
    text: 'Hej. Jeg vil gerne vise et par korte videoklip fra en borgersamtale (med samtykke) til min session. Kan jeg regne med en projektor med lyd i lokalet, eller skal jeg selv tage højttaler med?',
  },
  {
    fromOrganiser: true,
    text: 'Hej Charlotte. Der er projektor og lydanlæg i salen, og vi har en HDMI- og en USB-C-adapter. Kom gerne en halv time før, så tester vi det sammen. Venlig hilsen Væksthusets Kompetencecenter',
  },
];

export async function seedDemoMessages(db: Kysely<DB>, now: Date): Promise<boolean> {
  const hold = await series.sessionsForEditing(db, DEMO_SLUG);
  if (!hold) return false;
  const seeded = await q.announcementList(db, {
    seriesId: hold.seriesId,
    scope: { all: true, groups: [] },
    accountId: '',
    limit: 1,
  });
  if (seeded.length > 0) return false;
  const people = await series.allPersonProfiles(db);
  const facilitator = people.find((p) => p.name === 'Leif Tøfting Kongsgaard');
  const expert = people.find((p) => p.name === 'Charlotte Liebak Hansen');
  const minutes = (n: number) => new Date(now.getTime() - n * 60_000).toISOString();
  return db.transaction().execute(async (tx) => {
    await q.insertAnnouncement(tx, {
      id: newId(),
      series_id: hold.seriesId,
      author_id: facilitator?.accountId ?? null,
      author_name: facilitator?.name ?? 'Leif Tøfting Kongsgaard',
      title: DEMO_ANNOUNCEMENT_TITLE,
      body_md: ANNOUNCEMENT_BODY,
      to_participants: 1,
      to_substitutes: 0,
      to_experts: 0,
      created_at: minutes(30),
    });
    if (expert?.accountId) {
      const threadId = newId();
      await q.insertThread(tx, {
        id: threadId,
        series_id: hold.seriesId,
        account_id: expert.accountId,
        member_name: expert.name,
        at: minutes(20),
      });
      for (const [i, post] of THREAD.entries()) {
        await q.insertPost(tx, {
          id: newId(),
          thread_id: threadId,
          author_id: post.fromOrganiser ? null : expert.accountId,
          author_name: post.fromOrganiser ? 'Væksthusets Kompetencecenter' : expert.name,
          from_organiser: post.fromOrganiser ? 1 : 0,
          body_md: post.text,
          created_at: minutes(20 - i * 10),
        });
      }
      await q.touchThread(tx, threadId, false, minutes(10));
    }
    return true;
  });
}
