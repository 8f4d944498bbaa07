import { catalogue, type Translation } from '../../web/i18n.ts';

const da = {
  'search.crumb': 'Mit hold',
  'search.title': 'Søg i materialer',
  'search.label': 'Søg i materialer',
  'search.hint': 'Skriv et eller flere ord. Sæt anførselstegn om ord, der skal stå efter hinanden.',
  'search.button': 'Søg',
  'search.inHold': (title: string) => `Du søger i ${title}.`,
  'search.everywhere': 'Søg i alle dine hold',
  'search.intro': 'Søg i det, dine hold deler: litteratur, artikler, podcasts, video, dokumenter og noter.',
  'search.nothingToSearch': 'Du er ikke med på et hold endnu, så der er ikke noget at søge i.',
  'search.noWords': 'Skriv mindst ét ord, du vil søge efter.',
  'search.noHits': (q: string) => `Ingen materialer passer på „${q}“. Prøv med færre eller andre ord.`,
  'search.count': (n: number) => (n === 1 ? '1 resultat' : `${n} resultater`),
  'search.countOver': (n: number) => `Over ${n} resultater`,
  'search.results': 'Resultater',
  'search.session': (n: number) => `Session ${n}`,
  'search.wholeSeries': 'Hele holdet',
  'search.addedBy': (name: string, date: string) => `Tilføjet af ${name} ${date}`,
  'search.addedOn': (date: string) => `Tilføjet ${date}`,
  'search.pages': 'Sider',
  'search.previous': 'Forrige side',
  'search.next': 'Næste side',
  'search.pageOf': (n: number, of: number) => `Side ${n} af ${of}`,
  'search.kind.literature': 'Litteratur',
  'search.kind.article': 'Artikel',
  'search.kind.podcast': 'Podcast',
  'search.kind.video': 'Video',
  'search.kind.document': 'Dokument',
  'search.kind.note': 'Note',
  'search.kind.question': 'Spørgsmål',
  'search.kind.dilemma': 'Dilemma',
  'search.kind.other': 'Materiale',
} as const;

const en: Translation<typeof da> = {
  'search.crumb': 'My cohort',
  'search.title': 'Search the materials',
  'search.label': 'Search the materials',
  'search.hint': 'Type one or more words. Put quotation marks around words that must follow each other.',
  'search.button': 'Search',
  'search.inHold': (title: string) => `You are searching ${title}.`,
  'search.everywhere': 'Search all your cohorts',
  'search.intro':
    'Search what your cohorts share: literature, articles, podcasts, video, documents and notes.',
  'search.nothingToSearch': 'You are not part of a cohort yet, so there is nothing to search.',
  'search.noWords': 'Type at least one word to search for.',
  'search.noHits': (q: string) => `No materials match “${q}”. Try fewer or other words.`,
  'search.count': (n: number) => (n === 1 ? '1 result' : `${n} results`),
  'search.countOver': (n: number) => `Over ${n} results`,
  'search.results': 'Results',
  'search.session': (n: number) => `Session ${n}`,
  'search.wholeSeries': 'The whole cohort',
  'search.addedBy': (name: string, date: string) => `Added by ${name} on ${date}`,
  'search.addedOn': (date: string) => `Added on ${date}`,
  'search.pages': 'Pages',
  'search.previous': 'Previous page',
  'search.next': 'Next page',
  'search.pageOf': (n: number, of: number) => `Page ${n} of ${of}`,
  'search.kind.literature': 'Literature',
  'search.kind.article': 'Article',
  'search.kind.podcast': 'Podcast',
  'search.kind.video': 'Video',
  'search.kind.document': 'Document',
  'search.kind.note': 'Note',
  'search.kind.question': 'Question',
  'search.kind.dilemma': 'Dilemma',
  'search.kind.other': 'Material',
};

export const searchMessages = catalogue(da, en);

const KINDS = [
  'literature',
  'article',
  'podcast',
  'video',
  'document',
  'note',
  'question',
  'dilemma',
] as const;
type Kind = (typeof KINDS)[number];

/** A hit's kind as the page names it ("Litteratur"); an unknown kind is "Materiale". */
export function kindLabel(kind: string, m: ReturnType<typeof searchMessages>): string {
  return (KINDS as readonly string[]).includes(kind)
    ? m[`search.kind.${kind as Kind}`]
    : m['search.kind.other'];
}
