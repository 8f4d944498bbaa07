import type { Kysely } from 'kysely';
import type { DB, Tx } from '../../db/database.ts';
import { type AudienceMember, type Membership, seriesAudience } from '../people/service.ts';
import * as series from '../series/service.ts';
import { askQuestionIn, hasQuestions, markSolvedIn, replyIn } from './service.ts';
import type { Addressee } from './table.ts';

// The demo's questions: a handful in each hold from participants (made-up names, no accounts behind them, as
// the materials' demo adds in the demo's name) to the demo's experts and facilitator, on the sessions' own
// themes. Some are answered by the experts (their accounts), one is marked as the answer that helped, and a
// few are still unanswered, so the organiser's list and the experts' queues have something in them. Seeded
// after the materials, without notifications (nobody is told of what the demo made).

export const DEMO_SLUGS = [
  'beskaeftigelsesfaglig-masterclass-2021',
  'beskaeftigelsesfaglig-masterclass-2027',
];

type ExpertKey = 'caswell' | 'liebak' | 'larsen' | 'kongsgaard';
const EXPERT_EMAILS: Record<ExpertKey, string> = {
  caswell: 'dorte.caswell@example.dk',
  liebak: 'charlotte.liebak-hansen@example.dk',
  larsen: 'flemming.larsen@example.dk',
  kongsgaard: 'leif.kongsgaard@example.dk',
};

interface DemoReply {
  /** An expert (by key) or a participant (by name). */
  by: ExpertKey | { participant: string };
  body: string;
  /** Hours after the question. */
  after: number;
  helped?: true;
}

interface DemoQuestion {
  asker: string;
  to: Addressee;
  expert?: ExpertKey;
  session: 1 | 2 | 3 | 4 | null;
  title: string;
  body: string;
  /** Days before the seed (the coming hold), or days after the session it is about (the 2021 hold). */
  days: number;
  replies: DemoReply[];
}

const NEXT_HOLD: DemoQuestion[] = [
  {
    asker: 'Mette Kjær',
    to: 'expert',
    expert: 'caswell',
    session: 1,
    title: 'Hvordan kommer vi i gang med at bruge forskning på teammøderne?',
    body: 'Vi vil gerne bruge mere forskning i den faglige sparring, men det ender tit med, at én læser en rapport og refererer den for de andre.\n\nHar du erfaringer med formater, hvor medarbejderne selv undersøger deres praksis med forskningen som afsæt?',
    days: 9,
    replies: [
      {
        by: 'caswell',
        after: 20,
        helped: true,
        body: 'Start småt: vælg ét begreb fra en undersøgelse – fx *gribning i samtaler* – og lad teamet observere to-tre af hinandens samtaler med netop det for øje.\n\nPå næste teammøde taler I om, hvad I så, før I taler om, hvad forskningen siger. Så bliver forskningen et redskab til at se jeres egen praksis, ikke en opskrift, der skal overføres.',
      },
      {
        by: { participant: 'Jonas Vestergaard' },
        after: 30,
        body: 'Vi har gjort noget lignende med faste “læsemakkere”, der hver måned tager én artikel med til teammødet. Det virker bedst, når artiklen kobles til en konkret sag, vi står i.',
      },
    ],
  },
  {
    asker: 'Susanne Bech',
    to: 'experts',
    session: 2,
    title: 'Kan vi måle progression, uden at det bliver endnu et skema?',
    body: 'Vores medarbejdere oplever, at progressionsmåling mest er dokumentation for systemets skyld. Hvordan bruger man målingerne, så de også giver mening i samtalen med borgeren?',
    days: 6,
    replies: [
      {
        by: 'liebak',
        after: 26,
        body: 'I BIP-undersøgelsen så vi, at målingerne giver mest, når de bruges *sammen* med borgeren: hvad har flyttet sig siden sidst, og hvad tror du selv, der skal til?\n\nPrøv at lade medarbejderne vælge to-tre indikatorer, de synes er relevante, og lad resten ligge. Det er bedre at bruge få mål godt end alle mål mekanisk.',
      },
    ],
  },
  {
    asker: 'Ahmad Rahimi',
    to: 'expert',
    expert: 'larsen',
    session: 3,
    title: 'Hvor meget autonomi kan frontlinjen få, før ensartetheden forsvinder?',
    body: 'Vi vil gerne give medarbejderne mere frihed til at tilrettelægge forløbene sammen med borgeren. Men hvordan sikrer vi, at borgere med samme behov stadig får en nogenlunde ens indsats?',
    days: 3,
    replies: [],
  },
  {
    asker: 'Mette Kjær',
    to: 'facilitator',
    session: null,
    title: 'Hvordan skaber jeg rum til faglig refleksion, når kalenderen er fuld?',
    body: 'Mellem gangene vil jeg gerne arbejde videre med det, vi taler om på holdet, men mine teamledere har ikke tid til flere møder. Har du forslag til, hvordan man kan bygge refleksionen ind i det, vi allerede gør?',
    days: 1,
    replies: [],
  },
];

const FIRST_HOLD: DemoQuestion[] = [
  {
    asker: 'Lone Andersen',
    to: 'expert',
    expert: 'caswell',
    session: 1,
    title: 'Positive afvigelser – hvordan finder vi dem hos os?',
    body: 'Efter første gang vil vi gerne lede efter positive afvigelser i vores egen afdeling. Hvordan spørger man, så medarbejderne ikke oplever det som en konkurrence?',
    days: 3,
    replies: [
      {
        by: 'caswell',
        after: 18,
        helped: true,
        body: 'Spørg til forløb og samtaler, ikke til personer: “Fortæl om et forløb, der gik bedre, end du havde regnet med.” Så bliver det et fælles fund, som hele teamet kan lære af.',
      },
    ],
  },
  {
    asker: 'Peter Holm',
    to: 'experts',
    session: null,
    title: 'Litteratur om ledelse af beskæftigelsesfaglighed?',
    body: 'Er der noget, I vil anbefale at læse mellem gangene om ledelse af fagligheden i jobcentret?',
    days: 10,
    replies: [
      {
        by: 'kongsgaard',
        after: 40,
        body: 'Se materialerne til session 4: der ligger min ph.d.-afhandling og en kort note om, hvordan man kan læse den som leder. Kapitlet om faglig ledelse er et godt sted at begynde.',
      },
    ],
  },
];

const HOUR = 3_600_000;

function membershipFrom(member: AudienceMember, seriesId: string, slug: string): Membership {
  return {
    seriesId,
    seriesSlug: slug,
    roles: member.roles,
    expertSessionIds: member.expertSessionIds,
    substituteSessionIds: member.substituteSessionIds,
    registration: null,
  };
}

/** Seeds the questions of both demo holds (once: not when either already holds questions). */
export async function seedDemoQuestions(db: Kysely<DB>, now: Date): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    let seeded = false;
    for (const slug of DEMO_SLUGS) {
      const found = await series.sessionsForEditing(tx, slug);
      if (!found) continue;
      if (await hasQuestions(tx, found.seriesId)) continue;
      const year = Number(slug.slice(-4));
      const past = year < now.getUTCFullYear();
      await seedHold(
        tx,
        { seriesId: found.seriesId, slug, sessions: found.sessions },
        past ? FIRST_HOLD : NEXT_HOLD,
        past,
        now,
      );
      seeded = true;
    }
    return seeded;
  });
}

async function seedHold(
  tx: Tx,
  hold: { seriesId: string; slug: string; sessions: { id: string; startsAt: string }[] },
  questions: readonly DemoQuestion[],
  past: boolean,
  now: Date,
): Promise<void> {
  const audience = await seriesAudience(tx, hold.seriesId, now);
  const byEmail = new Map(audience.map((a) => [a.email, a]));
  const expert = (key: ExpertKey) => byEmail.get(EXPERT_EMAILS[key]);
  for (const d of questions) {
    const session = d.session === null ? null : (hold.sessions[d.session - 1] ?? null);
    const base = past
      ? Date.parse((session ?? hold.sessions[0])?.startsAt ?? now.toISOString()) + d.days * 24 * HOUR
      : now.getTime() - d.days * 24 * HOUR;
    const asked = d.to === 'expert' && d.expert ? expert(d.expert) : undefined;
    if (d.to === 'expert' && !asked) continue;
    const question = await askQuestionIn(
      tx,
      {
        hold: { seriesId: hold.seriesId, slug: hold.slug, membership: null },
        fields: {
          title: d.title,
          bodyMd: d.body,
          addressedTo: d.to,
          expertAccountId: asked?.accountId ?? null,
          sessionId: session?.id ?? null,
        },
        expertName: asked?.name ?? '',
      },
      { accountId: null, name: d.asker, label: 'demo' },
      new Date(base),
      { notify: false },
    );
    for (const r of d.replies) {
      const at = new Date(Math.min(base + r.after * HOUR, now.getTime() - 60_000));
      const writer = typeof r.by === 'string' ? expert(r.by) : undefined;
      if (typeof r.by === 'string' && !writer) continue;
      const post = await replyIn(
        tx,
        {
          hold: {
            slug: hold.slug,
            membership: writer ? membershipFrom(writer, hold.seriesId, hold.slug) : null,
          },
          questionId: question.id,
          bodyMd: r.body,
        },
        writer
          ? { accountId: writer.accountId, name: writer.name, label: writer.email }
          : { accountId: null, name: typeof r.by === 'string' ? '' : r.by.participant, label: 'demo' },
        at,
        { notify: false },
      );
      if (post && r.helped) {
        await markSolvedIn(
          tx,
          { questionId: question.id, postId: post.id },
          { accountId: null, name: d.asker, label: 'demo' },
          at,
        );
      }
    }
  }
}
