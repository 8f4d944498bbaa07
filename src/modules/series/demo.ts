import type { Kysely } from 'kysely';
import type { DB, Tx } from '../../db/database.ts';
import { copenhagenToUtc } from '../../shared/danish.ts';
import { newId } from '../../shared/ids.ts';
import { countOrganisers } from './queries.ts';

// The demo masterclass from the source document: its facts (title, dates, questions, experts, place,
// times, seats, price), with texts written for Holdet in Danish and English.

const SESSION_START = '10:00';
const SESSION_END = '14:30';

interface DemoPerson {
  key: 'caswell' | 'liebak' | 'larsen' | 'kongsgaard';
  slug: string;
  name: string;
  title_da: string;
  title_en: string;
  bio_da: string;
  bio_en: string;
  links?: { label: string; url: string }[];
}

export const DEMO_PERSONS: DemoPerson[] = [
  {
    key: 'caswell',
    slug: 'dorte-caswell',
    name: 'Dorte Caswell',
    title_da: 'Professor i socialt arbejde, Aalborg Universitet',
    title_en: 'Professor of Social Work, Aalborg University',
    bio_da:
      'Dorte Caswell forsker i, hvordan viden bliver til praksis i kommunernes beskæftigelsesindsats. Sammen med Flemming Larsen stiftede hun Center for udvikling af borgerinddragende beskæftigelsesindsatser (CUBB).',
    bio_en:
      'Dorte Caswell studies how knowledge turns into practice in municipal employment services. With Flemming Larsen she founded the Centre for the Development of Citizen-Involving Employment Services (CUBB).',
  },
  {
    key: 'liebak',
    slug: 'charlotte-liebak-hansen',
    name: 'Charlotte Liebak Hansen',
    title_da: 'Chef for Væksthusets Forskningscenter, ph.d.',
    title_en: 'Head of Væksthuset’s Research Centre, PhD',
    bio_da:
      'Charlotte Liebak Hansen har en ph.d.-grad fra Aalborg Universitet og er hovedarkitekten bag Beskæftigelses Indikator Projektet (BIP), det hidtil største danske studie af progression hos ledige i udsatte positioner.',
    bio_en:
      'Charlotte Liebak Hansen holds a PhD from Aalborg University and is the chief architect of the Employment Indicator Project (BIP), the largest Danish study so far of progress among unemployed people in vulnerable positions.',
  },
  {
    key: 'larsen',
    slug: 'flemming-larsen',
    name: 'Flemming Larsen',
    title_da: 'Professor, Aalborg Universitet',
    title_en: 'Professor, Aalborg University',
    bio_da:
      'Flemming Larsen har i mange år forsket i dansk og international arbejdsmarkeds- og socialpolitik, særligt i hvordan politiske og administrative reformer former organiseringen og den lokale praksis i kommunerne.',
    bio_en:
      'Flemming Larsen has for many years researched Danish and international labour-market and social policy, in particular how political and administrative reforms shape organisation and local practice in the municipalities.',
  },
  {
    key: 'kongsgaard',
    slug: 'leif-toefting-kongsgaard',
    name: 'Leif Tøfting Kongsgaard',
    title_da: 'Faglig direktør i Væksthuset, ph.d.-stipendiat ved Aalborg Universitet',
    title_en: 'Director of Professional Development at Væksthuset, PhD fellow at Aalborg University',
    bio_da:
      'Leif Tøfting Kongsgaard har i en årrække arbejdet for at styrke beskæftigelsesfaglighed, refleksivitet og responsivitet på beskæftigelsesområdet. Han faciliterer hele rækken og sørger for, at den faglige inspiration bliver til fælles refleksion og forandring.',
    bio_en:
      'Leif Tøfting Kongsgaard has worked for years to strengthen professional judgement, reflexivity and responsiveness in employment services. He facilitates the whole series and makes sure that inspiration turns into shared reflection and change.',
    // The source points to his current ph.d. study ("Se her") without an address: his entry in Aalborg
    // University's research portal is where it is described.
    links: [
      {
        label: 'Leifs ph.d.-studie ved Aalborg Universitet',
        url: 'https://vbn.aau.dk/da/persons/?search=Leif%20T%C3%B8fting%20Kongsgaard',
      },
    ],
  },
];

interface DemoSession {
  day: string;
  expert: DemoPerson['key'];
  question_da: string;
  question_en: string;
  description_da: string;
  description_en: string;
}

function demoSessions(year: number): DemoSession[] {
  return [
    {
      day: `${year}-06-07`,
      expert: 'caswell',
      question_da: 'Hvordan får vi forskning og praksis til at spille sammen?',
      question_en: 'How do we make research and practice work together?',
      description_da:
        'Beskæftigelsesområdet har længe tænkt viden som noget, der overføres fra forskning til praksis. Resultatet er både for meget og for lidt viden på én gang. Dorte Caswell præsenterer vidensmobilisering som et alternativ og viser med eksempler fra jobcentrenes hverdag, hvordan begreber som gribning i samtaler, positive afvigelser og borgerinddragelse har skabt ny praksis.',
      description_en:
        'Employment services have long treated knowledge as something transferred from research to practice, leaving both too much and too little of it. Dorte Caswell presents knowledge mobilisation as an alternative and shows, with examples from everyday work in jobcentres, how ideas such as seizing moments in conversations, positive deviance and citizen involvement have created new practice.',
    },
    {
      day: `${year}-08-30`,
      expert: 'liebak',
      question_da: 'Hvordan bringer vi flere mennesker i udsatte positioner i job?',
      question_en: 'How do we help more people in vulnerable positions into work?',
      description_da:
        'Beskæftigelses Indikator Projektet (BIP) fulgte omkring 4.000 aktivitetsparate kontanthjælpsmodtagere i fire år med mere end 27.000 progressionsmålinger. Charlotte Liebak Hansen gennemgår resultaterne – væk fra trappestigetænkning, mod samordnede indsatser og færre sagsbehandlerskift – og leder en drøftelse af, hvad de kræver af praksis og ledelse.',
      description_en:
        'The Employment Indicator Project (BIP) followed some 4,000 social-assistance recipients for four years with more than 27,000 progress measurements. Charlotte Liebak Hansen goes through the findings – away from step-by-step ladders, towards coordinated efforts and fewer changes of caseworker – and leads a discussion of what they ask of practice and management.',
    },
    {
      day: `${year}-10-04`,
      expert: 'larsen',
      question_da:
        'Hvordan skaber vi innovative løsninger gennem udvikling af borgerinddragelse og frontlinjepraksis?',
      question_en:
        'How do we create innovative solutions by developing citizen involvement and frontline practice?',
      description_da:
        'Samskabelse og borgerinddragelse er på alles læber – men hvad betyder det i beskæftigelsesindsatsen? Flemming Larsen ser på vejen fra et system styret af New Public Management til et, der måler sig på værdi for borgeren, og på hvordan ledelsen kan give medarbejderne mere autonomi uden at miste legitimitet, dokumentation og ensartethed.',
      description_en:
        'Co-creation and citizen involvement are on everyone’s lips – but what do they mean in employment services? Flemming Larsen looks at the road from a system steered by New Public Management to one that measures itself by value for the citizen, and at how managers can give staff more autonomy without losing legitimacy, documentation and consistency.',
    },
    {
      day: `${year}-11-22`,
      expert: 'kongsgaard',
      question_da: 'Hvordan skaber vi rum for beskæftigelsesfagligheden?',
      question_en: 'How do we make room for professional judgement in employment services?',
      description_da:
        'Arbejdet med borgere i udsatte positioner er fuld af vilde problemer, modstridende rationaler og moralske dilemmaer. Med udgangspunkt i sit feltarbejde i jobcentre viser Leif Tøfting Kongsgaard, hvordan organisationer kan opbygge dilemmakapacitet og en kritisk refleksiv sparringskultur – og hvad det kræver af chefer og ledere.',
      description_en:
        'Work with citizens in vulnerable positions is full of wicked problems, conflicting rationales and moral dilemmas. Drawing on his fieldwork in jobcentres, Leif Tøfting Kongsgaard shows how organisations can build a capacity for dilemmas and a critically reflective culture of sparring – and what that asks of managers.',
    },
  ];
}

const SERIES_TEXT = {
  title_da: 'Beskæftigelsesfaglig masterclass',
  title_en: 'Masterclass in employment services',
  summary_da:
    'Fire sessioner for chefer og ledere i beskæftigelsesindsatsen, hvor ny forskning møder jeres praksis og dilemmaer.',
  summary_en:
    'Four sessions for managers in employment services, where new research meets your practice and dilemmas.',
  intro_da:
    'Beskæftigelsesområdet er under forandring, særligt for borgere i udsatte positioner. Helhedssyn skal gå hånd i hånd med silotænkning, frihedsgrader med procesregler, og borgerinddragelse med krav om effekt og hastighed. Det stiller store krav til ledelsen. I denne masterclass-række mødes forskning og praksis: ved hver session præsenterer en forsker sin aktuelle forskning, og deltagerne undersøger sammen beskæftigelsesfaglighed og ledelse på organisatorisk og strategisk niveau. Du deler erfaringer og dilemmaer i et stærkt netværk og får adgang til en fælles videns- og inspirationsplatform med litteratur, podcasts og artikler til hver session. Eksperterne svarer på spørgsmål hele vejen igennem.',
  intro_en:
    'Employment services are changing, especially for citizens in vulnerable positions. Holistic thinking must live alongside silos, freedom alongside process rules, and citizen involvement alongside demands for effect and speed. This asks a great deal of managers. In this masterclass series research and practice meet: at each session a researcher presents current work, and the participants explore professional practice and management at an organisational and strategic level together. You share experience and dilemmas in a strong network and get access to a shared knowledge platform with literature, podcasts and articles for each session. The experts answer questions all the way through.',
  audience_da:
    'Rækken er for dig, der er chef eller leder i en beskæftigelsesfaglig organisation – for eksempel et jobcenter, en kommune eller en a-kasse.',
  audience_en:
    'The series is for managers in an employment organisation – for example a jobcentre, a municipality or an unemployment insurance fund.',
  catering_da: 'Du får kaffe og croissant, frokost og drikkevarer.',
  catering_en: 'Coffee and croissants, lunch and drinks are served.',
};

export const DEMO_ORGANISER = {
  slug: 'vaeksthusets-kompetencecenter',
  name: 'Væksthusets Kompetencecenter',
  street: 'Glentevej 67',
  postal_code: '2400',
  city: 'København NV',
  cvr: '61126228',
  email: 'kompetencecenter@example.dk',
  phone: '+45 70 20 30 40',
  website: null,
  settings: JSON.stringify({
    themePrimary: '#0b5c3b',
    themePrimaryDark: '#073d27',
    paymentTermsDays: 30,
    invoicePrefix: '{year}-',
    invoiceStartNumber: 1,
    invoiceNumberDigits: 4,
    bankRegNo: '1551',
    bankAccount: '0012345678',
  }),
};

export const DEMO_CAPACITY = 15;
export const DEMO_PRICE_ORE = 1_800_000;
export const DEMO_VAT_BP = 2500;

export type DemoPersonKey = DemoPerson['key'];

/** What the demo seed made, for whoever adds to it in the same transaction (the people module's accounts). */
export interface DemoCast {
  personIds: ReadonlyMap<DemoPersonKey, string>;
  facilitator: DemoPersonKey;
  series: { id: string; slug: string; sessions: { id: string; expert: DemoPersonKey }[] }[];
}

/** More demo data, written in the seed's transaction. */
export type DemoExtra = (tx: Tx, cast: DemoCast, now: Date) => Promise<void>;

/**
 * Seeds the demo organiser and both holds when the database has no organiser, and `extra` in the same
 * transaction. Returns whether it did.
 */
export async function seedDemoIfEmpty(db: Kysely<DB>, now: Date, extra?: DemoExtra): Promise<boolean> {
  try {
    return await seedInTransaction(db, now, extra);
  } catch (error) {
    // Two instances starting on one empty PostgreSQL both see no organiser; the second then trips over the
    // first's unique rows. Its transaction rolled back whole, and the demo is there: that is a success.
    if ((await countOrganisers(db)) > 0) return false;
    throw error;
  }
}

function seedInTransaction(db: Kysely<DB>, now: Date, extra?: DemoExtra): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    if ((await countOrganisers(tx)) > 0) return false;
    const at = now.toISOString();
    const stamp = { created_at: at, updated_at: at };
    const organiserId = newId();
    await tx
      .insertInto('organiser')
      .values({ id: organiserId, ...DEMO_ORGANISER, ...stamp })
      .execute();

    const personIds = new Map<DemoPerson['key'], string>();
    for (const { key, links, ...p } of DEMO_PERSONS) {
      const id = newId();
      personIds.set(key, id);
      await tx
        .insertInto('person')
        .values({
          id,
          organiser_id: organiserId,
          photo_url: null,
          account_id: null,
          links: JSON.stringify(links ?? []),
          ...p,
          ...stamp,
        })
        .execute();
    }
    const cast: DemoCast = { personIds, facilitator: 'kongsgaard', series: [] };
    const venueId = newId();
    await tx
      .insertInto('venue')
      .values({
        id: venueId,
        organiser_id: organiserId,
        name: 'Væksthuset',
        street: 'Glentevej 67',
        postal_code: '2400',
        city: 'København NV',
        ...stamp,
      })
      .execute();

    const holds = [
      // The hold the source describes, kept as it ran.
      { year: 2021, status: 'closed' as const, opensAt: copenhagenToUtc('2021-03-01', '09:00') },
      // The next hold on the same dates: 7 June, 30 August, 4 October and 22 November are Mondays again in 2027.
      { year: 2027, status: 'published' as const, opensAt: at },
    ];
    for (const hold of holds) {
      const seriesId = newId();
      const sessions = demoSessions(hold.year);
      const slug = `beskaeftigelsesfaglig-masterclass-${hold.year}`;
      const made: DemoCast['series'][number] = { id: seriesId, slug, sessions: [] };
      cast.series.push(made);
      await tx
        .insertInto('series')
        .values({
          id: seriesId,
          organiser_id: organiserId,
          slug,
          ...SERIES_TEXT,
          capacity: DEMO_CAPACITY,
          price_ore: DEMO_PRICE_ORE,
          vat_rate_bp: DEMO_VAT_BP,
          registration_opens_at: hold.opensAt,
          // Open until the day before the first session.
          registration_closes_at: copenhagenToUtc(sessions[0]?.day ?? `${hold.year}-06-07`, '00:00'),
          status: hold.status,
          facilitator_id: personIds.get('kongsgaard') ?? null,
          venue_id: venueId,
          ...stamp,
        })
        .execute();
      let ordinal = 0;
      for (const s of sessions) {
        ordinal += 1;
        const sessionId = newId();
        made.sessions.push({ id: sessionId, expert: s.expert });
        await tx
          .insertInto('session')
          .values({
            id: sessionId,
            series_id: seriesId,
            ordinal,
            starts_at: copenhagenToUtc(s.day, SESSION_START),
            ends_at: copenhagenToUtc(s.day, SESSION_END),
            question_da: s.question_da,
            question_en: s.question_en,
            description_da: s.description_da,
            description_en: s.description_en,
            mode: 'in_person',
            venue_id: null,
            meeting_url: null,
            expert_id: personIds.get(s.expert) ?? null,
            ...stamp,
          })
          .execute();
      }
    }
    if (extra) await extra(tx, cast, now);
    return true;
  });
}
