import type { Kysely } from 'kysely';
import type { DB, Tx } from '../../db/database.ts';
import { writeAudit } from '../../shared/audit.ts';
import { newId } from '../../shared/ids.ts';
import { addMaterialIn } from '../materials/service.ts';
import { seriesAudience } from '../people/service.ts';
import * as series from '../series/service.ts';
import { indexDilemma } from './index.ts';
import { auditView } from './model.ts';
import * as q from './queries.ts';
import { followupMarkdown } from './service.ts';
import type { DilemmaKind } from './table.ts';

// The demo's dilemmas (issue 11): two on the agenda of the first session of the coming hold (one anonymous to
// the other members), with other points around them, and a follow-up after the 2021 hold's last session that
// takes up the dilemma discussed there (a note among that session's materials). Written in the demo's name in
// one transaction, after the materials' demo; no notification is sent for them. The demo holds have no
// registered participants, so the two authors are names without an account: their rows carry `demo:<key>` as
// the author (no account has that id, so nobody signs in as them and no notification finds them).

const HOLD_2027 = 'beskaeftigelsesfaglig-masterclass-2027';
const HOLD_2021 = 'beskaeftigelsesfaglig-masterclass-2021';

export const DEMO_AUTHORS = {
  holm: { name: 'Mette Holm' },
  bruun: { name: 'Anders Bruun' },
} as const;

interface DemoDilemma {
  author: keyof typeof DEMO_AUTHORS;
  anonymous: boolean;
  kind: DilemmaKind;
  title: string;
  situation: string;
  dilemma: string;
  tried: string;
  wanted: string;
}

const COMING: DemoDilemma[] = [
  {
    author: 'holm',
    anonymous: false,
    kind: 'dilemma',
    title: 'Måltal for hurtig afklaring eller tid til den svære samtale?',
    situation:
      'Vores jobcenter har fået et måltal for, hvor hurtigt nye sygemeldte skal have en første samtale og en plan. Medarbejderne i mit team oplever, at de når måltallet, men at samtalerne bliver korte og skematiske.',
    dilemma:
      'Skal jeg som leder holde fast i måltallet, som byrådet følger, eller give medarbejderne lov til at bruge mere tid på de forløb, hvor de fornemmer, at der er mere på spil — og dermed risikere, at vi ikke når målet?',
    tried:
      'Vi har prøvet at lade hver medarbejder udpege to forløb om måneden, hvor de må bruge ekstra tid. Det har givet gode erfaringer, men det er svært at dokumentere over for forvaltningen.',
    wanted:
      'Hvordan har andre talt med deres forvaltning om at *måle på det rigtige*? Og hvordan gør man det faglige skøn synligt, uden at det bliver endnu et skema?',
  },
  {
    author: 'bruun',
    anonymous: true,
    kind: 'problem',
    title: 'Når to afdelinger har hver sin plan for den samme borger',
    situation:
      'Vi har flere borgere i udsatte positioner, som både har en plan i jobcentret og en i socialafdelingen. Planerne peger ofte i hver sin retning, og borgeren skal fortælle sin historie igen og igen.',
    dilemma:
      'Jeg vil gerne have mine medarbejdere til at arbejde helhedsorienteret på tværs, men vores procesregler og IT-systemer er bygget til hver sin lovgivning. Hvor meget kan jeg tillade, at vi går på tværs af reglerne, før det bliver et problem?',
    tried:
      'Vi har holdt fælles møder med socialafdelingen én gang i kvartalet, men de bliver hurtigt til orientering frem for fælles planlægning.',
    wanted:
      'Erfaringer med fælles planer på tværs af forvaltninger — og med at tale med ledelsen over mig om, hvornår det er i orden at bøje en procesregel.',
  },
];

const PAST: DemoDilemma = {
  author: 'holm',
  anonymous: false,
  kind: 'dilemma',
  title: 'Borgerinddragelse, når tiden er knap',
  situation:
    'Vi vil gerne inddrage borgerne mere i deres egne forløb, men sagstallene er høje, og samtalerne er planlagt til 30 minutter.',
  dilemma:
    'Skal vi bruge tiden på færre, grundigere samtaler, eller holde fast i mange korte, så alle bliver set?',
  tried: 'Et forsøg med længere første samtaler i ét team.',
  wanted: 'Hvordan har andre skabt rum for inddragelse inden for de samme rammer?',
};

const FOLLOWUP_BODY =
  'Vi drøftede, hvordan man kan skabe rum for borgerinddragelse, når tiden er knap. Tre pointer gik igen:\n\n- **Start med det, borgeren selv bringer på banen** — det sparer tid senere i forløbet.\n- **Gør forsøg små og synlige**: ét team, tre måneder, og fortæl forvaltningen, hvad I lærer.\n- **Tal om rammerne opad**: mange oplever, at 30 minutter er en vane mere end en regel.\n\nTak for de mange erfaringer. Tag gerne pointerne med hjem og prøv én af dem af før næste session.';

const DEMO_ACTOR = { accountId: null, label: 'demo' };

async function insertDemoDilemma(
  tx: Tx,
  hold: { seriesId: string; slug: string },
  d: DemoDilemma,
  authorId: string,
  sessionId: string | null,
  status: 'agenda' | 'discussed',
  at: Date,
): Promise<string> {
  const id = newId();
  const iso = at.toISOString();
  await q.insertDilemma(tx, {
    id,
    series_id: hold.seriesId,
    session_id: sessionId,
    kind: d.kind,
    title: d.title,
    situation_md: d.situation,
    dilemma_md: d.dilemma,
    tried_md: d.tried,
    wanted_md: d.wanted,
    anonymous: d.anonymous ? 1 : 0,
    author_id: authorId,
    author_name: DEMO_AUTHORS[d.author].name,
    status,
    followup_id: null,
    comment_count: 0,
    created_at: iso,
    updated_at: iso,
  });
  const row = await q.dilemmaRow(tx, id);
  if (!row) throw new Error('demo dilemma vanished');
  await writeAudit(tx, {
    actor: DEMO_ACTOR,
    action: 'dilemma.submit',
    entity: 'dilemma',
    entityId: id,
    after: auditView(row),
    at,
  });
  await indexDilemma(tx, hold, row);
  return id;
}

async function agendaPoint(
  tx: Tx,
  hold: { seriesId: string },
  sessionId: string,
  position: number,
  item: { dilemmaId: string } | { text: string },
  at: Date,
) {
  await q.insertAgendaItem(tx, {
    id: newId(),
    series_id: hold.seriesId,
    session_id: sessionId,
    position,
    dilemma_id: 'dilemmaId' in item ? item.dilemmaId : null,
    text: 'text' in item ? item.text : '',
    created_at: at.toISOString(),
  });
}

/**
 * Seeds the demo's dilemmas when the coming hold has none yet. Returns whether it did. Run from the composition
 * root after the materials' demo (boot.ts seedDemoAll).
 */
export async function seedDemoDilemmas(db: Kysely<DB>, now: Date): Promise<boolean> {
  const coming = await series.sessionsForEditing(db, HOLD_2027);
  const past = await series.sessionsForEditing(db, HOLD_2021);
  const first = coming?.sessions[0];
  if (!coming || !first) return false;
  if (
    (await q.dilemmaPage(db, { seriesId: coming.seriesId, sessionIds: null, after: null, limit: 1 })).length >
    0
  )
    return false;
  return db.transaction().execute(async (tx) => {
    const authors = { holm: 'demo:holm', bruun: 'demo:bruun' };
    const hold = { seriesId: coming.seriesId, slug: HOLD_2027 };
    const ids: string[] = [];
    for (const [i, d] of COMING.entries()) {
      const at = new Date(now.getTime() - (COMING.length - i) * 3600_000);
      ids.push(await insertDemoDilemma(tx, hold, d, authors[d.author], first.id, 'agenda', at));
    }
    const points: ({ dilemmaId: string } | { text: string })[] = [
      { text: 'Velkomst og kort runde: hvad har I taget med hjem siden sidst?' },
      ...ids.map((dilemmaId) => ({ dilemmaId })),
      { text: 'Opsamling og aftaler til næste session' },
    ];
    for (const [i, p] of points.entries()) await agendaPoint(tx, hold, first.id, i + 1, p, now);

    const last = past?.sessions[past.sessions.length - 1];
    const facilitator = past
      ? (await seriesAudience(tx, past.seriesId, now)).find((a) => a.roles.includes('facilitator'))
      : undefined;
    if (past && last && facilitator) {
      const pastHold = { seriesId: past.seriesId, slug: HOLD_2021 };
      const startsAt = Date.parse(last.startsAt);
      const submitted = new Date(startsAt - 10 * 24 * 3600_000);
      const id = await insertDemoDilemma(tx, pastHold, PAST, authors.holm, last.id, 'discussed', submitted);
      await agendaPoint(tx, pastHold, last.id, 1, { dilemmaId: id }, submitted);
      const writtenAt = new Date(startsAt + 24 * 3600_000);
      const material = await addMaterialIn(
        tx,
        {
          hold: pastHold,
          fields: {
            kind: 'note',
            title: 'Opsamling: borgerinddragelse, når tiden er knap',
            description: 'Facilitators opsamling på dilemmaet, holdet drøftede på sessionen.',
            sessionId: last.id,
            phase: 'after',
            url: null,
            authors: '',
            year: null,
            publisher: '',
            identifier: '',
            bodyMd: followupMarkdown(FOLLOWUP_BODY, [{ id, title: PAST.title }], HOLD_2021, 'da'),
          },
          shared: false,
        },
        { accountId: facilitator.accountId, name: facilitator.name, label: 'demo' },
        writtenAt,
      );
      const followupId = newId();
      await q.insertFollowup(tx, {
        id: followupId,
        series_id: past.seriesId,
        session_id: last.id,
        material_id: material.id,
        title: 'Opsamling: borgerinddragelse, når tiden er knap',
        written_by: facilitator.accountId,
        created_at: writtenAt.toISOString(),
      });
      const before = await q.dilemmaRow(tx, id);
      await q.updateDilemma(tx, id, {
        status: 'followed_up',
        followup_id: followupId,
        updated_at: writtenAt.toISOString(),
      });
      const after = await q.dilemmaRow(tx, id);
      if (before && after)
        await writeAudit(tx, {
          actor: DEMO_ACTOR,
          action: 'dilemma.followed_up',
          entity: 'dilemma',
          entityId: id,
          before: auditView(before),
          after: auditView(after),
          at: writtenAt,
        });
    }
    return true;
  });
}
