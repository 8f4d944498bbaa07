import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Kysely } from 'kysely';
import PDFDocument from 'pdfkit';
import type { DB, Tx } from '../../db/database.ts';
import * as files from '../files/service.ts';
import * as series from '../series/service.ts';
import type { MaterialFields } from './forms.ts';
import * as q from './queries.ts';
import { addMaterialIn } from './service.ts';
import type { MaterialKind, Phase } from './table.ts';

// The demo's materials: each of the four sessions of both holds gets materials on its theme. Literature is
// only what the source names — the BIP progression study, CUBB's work, the facilitator's ph.d. study — and
// nothing here invents a reference: the rest are notes written for the demo, and one clearly made-up demo
// document, a PDF generated here with pdfkit, so that searching inside files can be tried ("positive
// afvigelser"). Added in the demo's name (no account behind them), after the people's demo.

export const DEMO_SLUGS = [
  'beskaeftigelsesfaglig-masterclass-2021',
  'beskaeftigelsesfaglig-masterclass-2027',
];

export const DEMO_PDF_NAME = 'Positive afvigelser i jobcentret (demo).pdf';

/** The words the demo PDF's text carries, for tests of search inside files. */
export const DEMO_PDF_WORDS = ['positive afvigelser', 'gribning i samtaler', 'vidensmobilisering'];

const PDF_PARAGRAPHS: { heading?: string; text: string }[] = [
  {
    heading: 'Positive afvigelser i jobcentret',
    text: 'Et demo-dokument skrevet til Holdet. Det er ikke en publikation og citerer ingen kilder; det viser, hvordan et oplæg kan deles med holdet, og at søgningen finder ord inde i filen.',
  },
  {
    heading: 'Hvad er positive afvigelser?',
    text: 'Positive afvigelser er de forløb, samtaler og arbejdsgange, hvor det lykkes bedre end forventet – på trods af de samme rammer som alle andre. I stedet for at spørge, hvad der går galt, spørger man: Hvem lykkes allerede, og hvad gør de?',
  },
  {
    heading: 'Gribning i samtaler',
    text: 'Gribning i samtaler handler om at gribe det, borgeren selv bringer på banen – et ønske, en bekymring, en idé – og bygge videre på det, frem for at følge samtaleskabelonen punkt for punkt.',
  },
  {
    heading: 'Vidensmobilisering frem for vidensoverførsel',
    text: 'Vidensmobilisering betyder, at forskningens begreber bruges til at undersøge og forstyrre den daglige praksis sammen med medarbejderne, i stedet for at blive overført som færdige opskrifter.',
  },
  {
    heading: 'Spørgsmål til jeres egen organisation',
    text: 'Hvor ser I positive afvigelser hos jer i dag? Hvad skulle der til, for at flere samtaler kunne gribe det, borgeren siger? Hvem kunne I invitere med til at undersøge det?',
  },
];

let pdfBytes: Promise<Buffer> | undefined;

/** The demo PDF (made once per process; the same text every time). */
export function demoPdf(): Promise<Buffer> {
  pdfBytes ??= new Promise<Buffer>((resolve, reject) => {
    const dir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    const pdf = new PDFDocument({
      size: 'A4',
      margin: 60,
      pdfVersion: '1.7',
      lang: 'da-DK',
      displayTitle: true,
      font: '',
      info: {
        Title: 'Positive afvigelser i jobcentret (demo)',
        Author: 'Holdet demo',
        Creator: 'Holdet',
        Producer: 'Holdet',
        CreationDate: new Date('2021-06-07T12:00:00Z'),
      },
    });
    const chunks: Buffer[] = [];
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    pdf.registerFont('regular', readFileSync(join(dir, 'DejaVuSans.ttf')));
    pdf.registerFont('bold', readFileSync(join(dir, 'DejaVuSans-Bold.ttf')));
    for (const [i, p] of PDF_PARAGRAPHS.entries()) {
      if (p.heading) {
        pdf
          .font('bold')
          .fontSize(i === 0 ? 20 : 13)
          .text(p.heading);
        pdf.moveDown(0.5);
      }
      pdf.font('regular').fontSize(11).text(p.text, { align: 'left' });
      pdf.moveDown(1);
    }
    pdf.end();
  });
  return pdfBytes;
}

interface DemoMaterial {
  session: 1 | 2 | 3 | 4 | null;
  phase: Phase;
  kind: MaterialKind;
  by: string;
  title: string;
  description: string;
  authors?: string;
  publisher?: string;
  url?: string;
  body?: string;
  /** The demo PDF. */
  pdf?: true;
  reuse?: true;
}

const FACILITATOR = 'Leif Tøfting Kongsgaard';
const ORGANISER = 'Væksthusets Kompetencecenter';

const DEMO: DemoMaterial[] = [
  {
    session: null,
    phase: 'before',
    kind: 'note',
    by: ORGANISER,
    title: 'Sådan bruger du materialerne',
    description: 'Materialerne er et tilbud – ingen forberedelse er nødvendig for at deltage.',
    body: 'Til hver session finder du materialer **før gangen** (til dem, der har lyst at forberede sig) og **efter gangen** (opfølgning og opsamling).\n\nDu kan selv dele et link eller en fil med holdet under den session, det hører til. Har du spørgsmål til eksperterne, så stil dem her på Mit hold.',
    reuse: true,
  },
  {
    session: 1,
    phase: 'before',
    kind: 'literature',
    by: 'Dorte Caswell',
    title: 'CUBB – Center for udvikling af borgerinddragende beskæftigelsesindsatser',
    description:
      'Centret, som Dorte Caswell og Flemming Larsen har oprettet ved Aalborg Universitet, samler forskning og udvikling om borgerinddragelse i beskæftigelsesindsatsen.',
    authors: 'Dorte Caswell og Flemming Larsen',
    publisher: 'Aalborg Universitet',
    reuse: true,
  },
  {
    session: 1,
    phase: 'before',
    kind: 'note',
    by: 'Dorte Caswell',
    title: 'Tre begreber at tage med: gribning, positive afvigelser, borgerinddragelse',
    description: 'En kort introduktion til de begreber, sessionen arbejder med (skrevet til demoen).',
    body: '# Vidensmobilisering\n\nSessionen tager udgangspunkt i **vidensmobilisering** som alternativ til vidensoverførsel: forskningens begreber bruges til at undersøge og forstyrre praksis, ikke som færdige opskrifter.\n\n## Tre begreber\n\n- **Gribning i samtaler** – at gribe det, borgeren selv bringer på banen.\n- **Positive afvigelser** – at lære af det, der allerede lykkes.\n- **Borgerinddragelse** – at borgeren er med til at forme sin egen indsats.\n\nTænk over et eksempel fra jeres jobcenter på hvert af dem.',
  },
  {
    session: 1,
    phase: 'after',
    kind: 'document',
    by: 'Dorte Caswell',
    title: 'Positive afvigelser i jobcentret (demo-dokument)',
    description: 'Et opdigtet demo-dokument i PDF, så søgning inde i filer kan prøves.',
    pdf: true,
  },
  {
    session: 2,
    phase: 'before',
    kind: 'literature',
    by: 'Charlotte Liebak Hansen',
    title: 'Beskæftigelses Indikator Projektet (BIP)',
    description:
      'Det hidtil mest omfattende progressionsmålingsstudie af sin art: mere end 27.000 progressionsmålinger hos omkring 4.000 aktivitetsparate kontanthjælpsmodtagere gennem fire år.',
    authors: 'Væksthusets Forskningscenter (Charlotte Liebak Hansen m.fl.)',
    publisher: 'Væksthuset',
    reuse: true,
  },
  {
    session: 2,
    phase: 'after',
    kind: 'note',
    by: FACILITATOR,
    title: 'Opsamling: fra trappestige til samordnede indsatser',
    description: 'Spørgsmål at arbejde videre med efter sessionen.',
    body: 'BIP peger væk fra **trappestigetænkningen** og mod samordnede, koordinerede indsatser – og mod organisationer med fokus på mening, sammenhæng og fremdrift.\n\n1. Hvor mange sagsbehandlerskift oplever en borger hos jer i løbet af et år?\n2. Hvilke indsatser kører i dag efter hinanden, som kunne køre samtidig?\n3. Hvad ville det kræve af ledelsen at minimere skiftene?',
  },
  {
    session: 3,
    phase: 'before',
    kind: 'note',
    by: 'Flemming Larsen',
    title: 'Samskabelse eller samarbejde?',
    description: 'Til forberedelse: hvad er forskellen, og hvorfor betyder den noget?',
    body: 'Samskabelse og borgerinddragelse er blevet en del af visionerne i mange kommuner. Til sessionen ser vi på, hvad det kræver at gå fra et NPM-orienteret system til et værdiorienteret system med fokus på værdiskabelse for borgeren.\n\nOvervej inden gangen: Hvor i jeres organisation er borgeren med til at forme indsatsen – og hvor er det mest et ord i visionen?',
  },
  {
    session: 3,
    phase: 'after',
    kind: 'note',
    by: FACILITATOR,
    title: 'Opsamling: autonomi med legitimitet',
    description:
      'Hvordan kan ledelsen give medarbejderne autonomi og samtidig fastholde legitimitet og dokumentation?',
    body: 'Borgerinddragelse kræver mere kompetente og autonome medarbejdere – og nye ledelsesmæssige rammer.\n\n- Hvilke beslutninger kan medarbejderne træffe selv i dag?\n- Hvor opleves dokumentationskravene som en hindring for inddragelse?\n- Hvordan undgår vi vilkårlighed, når medarbejderne får mere frihed?',
  },
  {
    session: 4,
    phase: 'before',
    kind: 'literature',
    by: FACILITATOR,
    title: 'Ph.d.-studie om organisatorisk dilemmakapacitet i beskæftigelsesorganisationer',
    description:
      'Leif Tøfting Kongsgaards igangværende ph.d.-studie ved Aalborg Universitet: feltarbejde i flere jobcentre om, hvordan organisationer arbejder med dilemmaer, sparring og refleksiv praksis.',
    authors: 'Leif Tøfting Kongsgaard',
    publisher: 'Aalborg Universitet (igangværende ph.d.-studie)',
    url: 'https://vbn.aau.dk/da/persons/?search=Leif%20T%C3%B8fting%20Kongsgaard',
    reuse: true,
  },
  {
    session: 4,
    phase: 'before',
    kind: 'note',
    by: FACILITATOR,
    title: 'Tag et dilemma med',
    description: 'Til forberedelse: et dilemma fra jeres hverdag, som sessionen kan undersøge.',
    body: 'Arbejdet med borgere i udsatte positioner er præget af **vilde problemer**, **modstridende rationaler** og **moralske dilemmaer**.\n\nTænk på en situation, hvor tal, tempo eller dokumentation trak i én retning og det faglige skøn i en anden. Hvad gjorde I – og hvem talte I med om det?',
  },
];

/**
 * Adds the demo's materials to both demo holds, in one transaction, when neither has any yet. Returns
 * whether it did. Run from the composition root after the people's demo (boot.ts, cli.ts, the tests' seed).
 */
export async function seedDemoMaterials(db: Kysely<DB>, now: Date): Promise<boolean> {
  const holds: ({ slug: string } & NonNullable<Awaited<ReturnType<typeof series.sessionsForEditing>>>)[] = [];
  for (const slug of DEMO_SLUGS) {
    const found = await series.sessionsForEditing(db, slug);
    if (found) holds.push({ slug, ...found });
  }
  if (holds.length === 0) return false;
  if (
    (await q.countMaterialsOfSeries(
      db,
      holds.map((h) => h.seriesId),
    )) > 0
  )
    return false;
  const pdf = await demoPdf();
  return db.transaction().execute(async (tx) => {
    const file = await storeDemoPdf(tx, pdf, now);
    for (const hold of holds) {
      const year = Number(hold.slug.slice(-4));
      for (const [i, d] of DEMO.entries()) {
        const session = d.session === null ? null : hold.sessions[d.session - 1];
        // The 2021 hold's materials were added as it ran (before: a week ahead, after: the day after); the
        // next hold's are there from the start, a minute apart in the list's order.
        const at =
          year < now.getUTCFullYear() && session
            ? new Date(
                Date.parse(session.startsAt) + (d.phase === 'before' ? -7 : 1) * 24 * 3600_000 + i * 60_000,
              )
            : new Date(now.getTime() - (DEMO.length - i) * 60_000);
        const fields: MaterialFields = {
          kind: d.kind,
          title: d.title,
          description: d.description,
          sessionId: session?.id ?? null,
          phase: d.phase,
          url: d.url ?? null,
          authors: d.authors ?? '',
          year: null,
          publisher: d.publisher ?? '',
          identifier: '',
          bodyMd: d.body ?? '',
        };
        await addMaterialIn(
          tx,
          {
            hold: { seriesId: hold.seriesId, slug: hold.slug },
            fields,
            shared: false,
            fileId: d.pdf ? file : null,
            reuse: d.reuse ?? false,
          },
          { accountId: null, name: d.by, label: 'demo' },
          at,
        );
      }
    }
    return true;
  });
}

async function storeDemoPdf(tx: Tx, bytes: Buffer, now: Date): Promise<string> {
  const stored = await files.storeBytes(tx, { name: DEMO_PDF_NAME, bytes }, { accountId: null }, now);
  return stored.id;
}
