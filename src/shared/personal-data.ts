import type { Lang } from './danish.ts';

export type { Lang };

// The guard against citizens' personal data in what members write (issue 11). Members are managers who
// discuss cases about citizens; the platform must not become a place where a citizen's CPR number or health,
// abuse or criminal record is written down next to their name. Every post is checked before it is stored:
// - a CPR number is refused (an error next to the field; nothing is stored);
// - a sensitive word (a diagnosis, a treatment, abuse, a criminal record) within a few words of what looks
//   like a person's name or initials is a warning the author must confirm with a tick (CONFIRM_FIELD).
// Pure: no I/O, no clock. The patterns are heuristics; the tests (personal-data.test.ts) say what they catch
// and what they let pass.

/** The form field name of the confirmation checkbox. */
export const CONFIRM_FIELD = 'bekraeft_personoplysninger';

// ---------------------------------------------------------------------------------------------------------
// CPR numbers

// ddmmyy, then a dash (or a typographic dash, a space, a no-break space, or nothing), then four digits; not
// inside a word or a longer run of digits.
const CPR_CANDIDATE =
  /(?<![\p{L}\p{N}_])(\d{2})(\d{2})(\d{2})([-\u2010-\u2014 \u00a0]?)(\d{4})(?![\p{L}\p{N}_])/gu;
const JOINER = /[-\u2010-\u2014.,/]/u;
const SPACE = /[ \u00a0]/u;
const DIGIT = /\p{N}/u;

/**
 * The century of a CPR number's date from its 7th digit (the first of the four), as the CPR office sets it:
 * 0–3 the 1900s; 4 and 9 the 2000s up to yy 36, else the 1900s; 5–8 the 2000s up to yy 57, else the 1800s.
 */
export function cprYear(yy: number, seventh: number): number {
  if (seventh <= 3) return 1900 + yy;
  if (seventh === 4 || seventh === 9) return (yy <= 36 ? 2000 : 1900) + yy;
  return (yy <= 57 ? 2000 : 1800) + yy;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isRealDate(day: number, month: number, year: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  return day <= days;
}

/**
 * Whether the candidate is part of a longer number: joined to another digit by a dash, dot, comma or slash
 * (`12-070621-1234`, `0706211234,50`), or, when it is itself written with a space, by a space (a number
 * written in groups, `5 790001 234567`).
 */
function partOfLongerNumber(text: string, start: number, end: number, spaced: boolean): boolean {
  const before = text[start - 1] ?? '';
  const beforeThat = text[start - 2] ?? '';
  const after = text[end] ?? '';
  const afterThat = text[end + 1] ?? '';
  const joins = (c: string) => JOINER.test(c) || (spaced && SPACE.test(c));
  return (joins(before) && DIGIT.test(beforeThat)) || (joins(after) && DIGIT.test(afterThat));
}

/**
 * The first CPR number in the text (ddmmyy-xxxx or ddmmyyxxxx, also with a space for the dash; a real date,
 * the century from the 7th digit), or null. No modulus-11 check: CPR numbers have not all obeyed it since
 * 2007. A ten-digit number that begins with a real date is CPR-shaped and is found, whatever it was meant as.
 */
export function findCpr(text: string): string | null {
  CPR_CANDIDATE.lastIndex = 0;
  for (const m of text.matchAll(CPR_CANDIDATE)) {
    const [whole, dd, mm, yy, sep, serial] = m;
    if (partOfLongerNumber(text, m.index, m.index + whole.length, sep === ' ' || sep === '\u00a0')) continue;
    const year = cprYear(Number(yy), Number(serial?.[0]));
    if (isRealDate(Number(dd), Number(mm), year)) return whole;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Sensitive words near a name

/** How many words apart a sensitive word and a name may stand and still warn. */
export const NEAR = 6;

// Whole words, lower case, with their Danish inflections (and a few English words for posts in English).
// Compounds only where the word cannot end another everyday word ("brystkræft", "stofmisbruger", but not
// "fangst" for "angst", nor "sagsbehandling" for "behandling"). The field's everyday words (sygemeldte,
// ledige, borgere, jobparate, aktivitetsparate, ressourceforløb, sygedagpenge) are none of these.
const SENSITIVE: readonly RegExp[] = [
  // Diagnoses
  /^\p{L}*depression(?:en|er|erne|ens|s)?$/u,
  /^depressiv[et]?$/u,
  /^angst(?:en|ens|e|lidelse|lidelsen|lidelser|anfald|anfaldet|anfaldene)?$/u,
  /^(?:social|eksamens|præstations|separations|døds)angst(?:en)?$/u,
  /^skizofren(?:i|ien|e)?$/u,
  /^adhd$/u,
  /^autis(?:me|men|t|ten|ter|terne|tisk|tiske|m|tic)$/u,
  /^ptsd$/u,
  /^ocd$/u,
  /^bipolar[e]?$/u,
  /^psykose(?:n|r|rne)?$/u,
  /^psykotisk[e]?$/u,
  /^\p{L}*kræft(?:en|syg|syge|ramt|ramte)?$/u,
  /^cancer(?:en|syg|syge)?$/u,
  /^demen(?:s|sen|t|te)$/u,
  /^epilep(?:si|sien|tiker|tikeren|tisk|tiske)$/u,
  /^spiseforstyrrelse(?:n|r|rne)?$/u,
  /^selvmord(?:et|s|sforsøg|sforsøget|struet|struede)?$/u,
  /^selvskad(?:e|er|ende|ede|ning)$/u,
  /^alkoholi(?:ker|keren|kere|kerne|sme|smen|seret|c|sm)$/u,
  /^narkoman(?:en|er|erne|i)?$/u,
  /^(?:anxiety|schizophreni[ac]|addict|addicted|addiction|suicide|suicidal)$/u,
  // Treatment
  /^behandling(?:en|er|erne)?$/u,
  /^medicin(?:en|eret|erede|ering|eringen|sk|ske)?$/u,
  /^antidepressiv[ae]?$/u,
  /^indlagt[e]?$/u,
  /^indlæggelse(?:n|r|rne)?$/u,
  /^psykiatri(?:en|sk|ske)?$/u,
  /^psykiat(?:er|eren|ere|erne)$/u,
  /^(?:medication|medicated|hospitali[sz]ed|psychiatric|psychiatrist|psychiatry)$/u,
  // Abuse
  /^\p{L}*misbrug\p{L}*$/u,
  /^\p{L}*vold(?:en)?$/u,
  /^vold(?:elig|elige|eligt|sramt|sramte|sdømt|sdømte|tægt|tægten|taget|tagne)$/u,
  /^\p{L}*overgreb(?:et|ene|s)?$/u,
  /^incest$/u,
  /^omsorgssvig(?:t|tet|tede)$/u,
  /^(?:violence|violent|abuse|abused|rape|raped)$/u,
  // Criminal records
  /^(?:dømt|dømte|domfældt|domfældte|straffedømt|straffedømte)$/u,
  /^(?:straffet|straffede|straffes|straffeattest|straffeattesten|strafferegister|straffesag|straffesagen)$/u,
  /^fængsel(?:et|er|sstraf|sstraffen|sdom|sdommen)?$/u,
  /^fængsl(?:et|ede|es|ing|ingen)$/u,
  /^(?:sigtet|sigtede|sigtelse|sigtelsen|sigtelser)$/u,
  /^(?:tiltalt|tiltalte|anholdt|anholdte|anholdelse|anholdelsen|afsoner|afsoning|afsoningen|afsonet)$/u,
  /^kriminel(?:le|t)?$/u,
  /^kriminalitet(?:en)?$/u,
  /^(?:convicted|prison|imprisoned|arrested|criminal)$/u,
];

function isSensitive(lower: string): boolean {
  return SENSITIVE.some((re) => re.test(lower));
}

// Capitalised words that are not people: weekdays and months (capitalised in English), the country and its
// regions and towns, institutions and the field's organisations, products. Compared in lower case with
// "aa" as "å" (so Aarhus and Århus are one).
const NOT_PEOPLE = new Set(
  [
    // Weekdays and months, Danish and English
    'mandag tirsdag onsdag torsdag fredag lørdag søndag',
    'monday tuesday wednesday thursday friday saturday sunday',
    'januar februar marts april maj juni juli august september oktober november december',
    'january february march may june july october',
    'jul julen påske påsken nytår pinse',
    // Denmark, its parts and its bigger towns and municipalities
    'danmark danmarks dansk danske grønland færøerne europa norden sverige norge tyskland',
    'denmark danish english',
    'hovedstaden midtjylland nordjylland syddanmark sjælland jylland fyn bornholm',
    'københavn københavns århus aarhus odense aalborg ålborg esbjerg randers kolding horsens vejle',
    'roskilde herning helsingør silkeborg næstved fredericia viborg køge holstebro taastrup slagelse',
    'hillerød sønderborg svendborg hjørring holbæk frederikshavn nørresundby ringsted haderslev skive',
    'nykøbing aabenraa åbenrå thisted middelfart frederiksberg gentofte gladsaxe lyngby ballerup hvidovre',
    'brøndby glostrup rødovre albertslund ishøj greve solrød furesø rudersdal egedal herlev tårnby',
    'dragør vallensbæk lolland guldborgsund faxe stevns vordingborg kalundborg odsherred sorø lejre',
    'favrskov skanderborg syddjurs norddjurs ikast brande ringkøbing skjern lemvig struer varde vejen',
    'billund tønder assens faaborg nyborg kerteminde nordfyn langeland ærø mariagerfjord rebild',
    'vesthimmerland jammerbugt brønderslev læsø morsø hedensted odder samsø fanø allerød fredensborg',
    'gribskov halsnæs frederikssund hørsholm',
    // Institutions and the field's words that are written with a capital
    'jobcenter jobcentret jobcentre jobcentrene jobcentrets kommune kommunen kommunes kommuner',
    'region regionen regioner folketinget christiansborg regeringen ministeriet styrelsen',
    'beskæftigelsesministeriet ankestyrelsen sundhedsstyrelsen socialstyrelsen arbejdstilsynet',
    'rigshospitalet hospital hospitalet sygehus borgerservice ydelsesservice udbetaling politiet',
    'kriminalforsorgen kommunernes landsforening væksthuset star vive',
    // Products and the platform
    'holdet teams zoom outlook excel word powerpoint google microsoft linkedin facebook',
    // Pronouns written with a capital
    'de dem deres i',
  ]
    .join(' ')
    .split(' '),
);

// Acronyms that are not initials (two or three capitals). KL is read as initials: the brief's own example of
// a person's initials; Kommunernes Landsforening written as KL next to a sensitive word warns once.
const ACRONYMS = new Set(
  (
    'EU DK IT HR CV OK NB PS TV DR ID SMS PDF FAQ CPR CVR EAN GLN MED TR AMR ATP AMU FGU STU UU LAB LAS ' +
    'BIP STAR SKAT VIVE DPU KU AU SDU AAU RUC UCL VIA KP CBS DTU SFI ÅOP MF OG'
  ).split(' '),
);

// Common Danish first names: a sentence's first word is a name when it is one of these ("Mette er indlagt").
const FIRST_NAMES = new Set(
  (
    'anne kirsten mette hanne helle anna susanne lene maria marianne lone camilla pia louise charlotte ' +
    'tina gitte bente jette karen inge ida emma sofie line julie signe rikke trine maja laura ' +
    'peter jens michael lars henrik thomas søren jan christian niels martin jørgen rasmus anders morten ' +
    'jesper mads ole mikkel kim frederik jakob jonas simon kasper erik bo torben steen brian allan ' +
    'lasse nikolaj emil oliver william lucas noah carl victor'
  ).split(' '),
);

// Abbreviations whose dot does not end a sentence ("f.eks. Peter", "hr. Jensen").
const ABBREVIATIONS = new Set(
  (
    'eks bl ca kl mv osv dvs jf jvf nr hr fr fru frk evt inkl ift mht pga vedr ang tlf dr st sml ggr gl ' +
    'mfl etc mr mrs ms vs ref pkt stk afd'
  ).split(' '),
);

interface Token {
  /** The word as written, without a possessive or inflection after an apostrophe ("K.L." of "K.L.'s"). */
  core: string;
  lower: string;
  start: number;
  end: number;
  sentenceStart: boolean;
  /** Initials written with dots: "K.L.", "K. L.". */
  dotted: boolean;
}

// Dotted initials (K.L., K. L., K.L.M.), words (with an ending after an apostrophe: KL's, ADHD'en), numbers.
const TOKEN =
  /(\p{Lu}\.(?:[ \u00a0]?\p{Lu}(?:\.|(?![\p{L}\p{M}])))+)|([\p{L}\p{M}]+)(?:['’]\p{L}+)?|(\p{N}+)/gu;
// Addresses and mail addresses are no words (a capital in a URL is no name).
const ADDRESS = /\b(?:https?:\/\/|www\.)\S+|[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;
const LIST_MARKER = /\n[ \t]*(?:[-*+>#]|\d+[.)])/u;

function endsSentence(gap: string, previous: Token | undefined): boolean {
  if (!previous) return true;
  if (/[!?…]/u.test(gap) || /\n[ \t]*\n/u.test(gap) || LIST_MARKER.test(`${gap}`)) return true;
  if (!gap.includes('.')) return false;
  if (previous.dotted || previous.core.length === 1) return false;
  return !ABBREVIATIONS.has(previous.lower);
}

/** The words of a text already in NFC with its addresses blanked (see `sensitiveNearName`). */
function tokenise(clean: string): Token[] {
  const tokens: Token[] = [];
  let previousEnd = 0;
  for (const m of clean.matchAll(TOKEN)) {
    const core = m[1] ?? m[2] ?? m[3] ?? '';
    const previous = tokens[tokens.length - 1];
    const gap = clean.slice(previousEnd, m.index);
    tokens.push({
      core,
      lower: core.toLowerCase(),
      start: m.index,
      end: m.index + m[0].length,
      sentenceStart: endsSentence(gap, previous),
      dotted: m[1] !== undefined,
    });
    previousEnd = m.index + m[0].length;
  }
  return tokens;
}

const UPPER = /^\p{Lu}+$/u;
const CAPITALISED = /^\p{Lu}\p{Ll}/u;

/** Whether the token looks like a person: a name (capitalised, not a common capitalised word) or initials. */
function looksLikePerson(token: Token, text: string): boolean {
  if (token.dotted) return true;
  const { core, lower } = token;
  if (isSensitive(lower)) return false;
  if (core.length === 1) {
    // "borger A", "K. Larsen"; not the pronoun I, not A-kasse, not A4.
    const next = text[token.end] ?? '';
    return UPPER.test(core) && core !== 'I' && next !== '-' && !DIGIT.test(next);
  }
  if (UPPER.test(core)) return core.length <= 3 && !ACRONYMS.has(core);
  if (!CAPITALISED.test(core)) return false;
  const normal = lower.replace(/aa/g, 'å');
  if (NOT_PEOPLE.has(lower) || NOT_PEOPLE.has(normal)) return false;
  return !token.sentenceStart || FIRST_NAMES.has(lower);
}

/**
 * Sensitive words (diagnoses, treatment, abuse, criminal records) within NEAR words of what looks like a
 * person's name or initials: the words as written, each once, in order; or [].
 */
export function sensitiveNearName(text: string): string[] {
  const source = text.normalize('NFC').replace(ADDRESS, (a) => ' '.repeat(a.length));
  const tokens = tokenise(source);
  const people: number[] = [];
  tokens.forEach((t, i) => {
    if (looksLikePerson(t, source)) people.push(i);
  });
  if (people.length === 0) return [];
  const found: string[] = [];
  const seen = new Set<string>();
  tokens.forEach((t, i) => {
    if (!isSensitive(t.lower)) return;
    // "sigtet med" is the aim of something, not a charge ("sigtet for vold").
    if (t.lower === 'sigtet' && tokens[i + 1]?.lower === 'med') return;
    if (!people.some((p) => p !== i && Math.abs(p - i) <= NEAR)) return;
    if (seen.has(t.lower)) return;
    seen.add(t.lower);
    found.push(t.core);
  });
  return found;
}

// ---------------------------------------------------------------------------------------------------------
// The check of a post

export interface PersonalDataCheck {
  /** Field → Danish/English message: a CPR number was found. Refuse: store nothing. */
  errors: Record<string, string>;
  /** Field → message: sensitive words near a name. Refuse unless `confirmed`. */
  warnings: Record<string, string>;
  /** True when there are no errors and (no warnings or confirmed). */
  ok: boolean;
}

function quoted(lang: Lang, words: readonly string[]): string {
  const q = words.map((w) => (lang === 'da' ? `»${w}«` : `“${w}”`));
  const and = lang === 'da' ? 'og' : 'and';
  return q.length <= 1 ? (q[0] ?? '') : `${q.slice(0, -1).join(', ')} ${and} ${q[q.length - 1]}`;
}

const TEXT = {
  da: {
    cpr:
      'Teksten ser ud til at indeholde et CPR-nummer. Skriv aldrig borgeres CPR-numre her — fjern det, før du ' +
      'gemmer. (Ti cifre, der begynder med en dato, ligner et CPR-nummer; er det et andet nummer, så skriv det ' +
      'på en anden måde.)',
    sensitive: (words: string) =>
      `Teksten nævner ${words} tæt på noget, der ligner et navn eller initialer. Helbred, behandling, ` +
      'misbrug, vold og straf er følsomme personoplysninger: skriv ikke om en borger, så andre kan genkende ' +
      'vedkommende. Fjern navnet eller initialerne — eller bekræft nedenfor, at ingen kan genkendes.',
  },
  en: {
    cpr:
      'The text seems to contain a CPR number (a Danish personal identity number). Never write citizens’ CPR ' +
      'numbers here — remove it before you save. (Ten digits that begin with a date look like a CPR number; ' +
      'if it is another number, write it differently.)',
    sensitive: (words: string) =>
      `The text mentions ${words} close to what looks like a name or initials. Health, treatment, abuse, ` +
      'violence and criminal records are sensitive personal data: do not write about a citizen in a way that ' +
      'lets others recognise them. Remove the name or initials — or confirm below that no one can be recognised.',
  },
} as const;

/** Check every free-text field of a post; `confirmed` is the author's tick of CONFIRM_FIELD. */
export function checkPersonalData(
  fields: Record<string, string>,
  confirmed: boolean,
  lang: Lang,
): PersonalDataCheck {
  const t = TEXT[lang];
  const errors: Record<string, string> = {};
  const warnings: Record<string, string> = {};
  for (const [field, text] of Object.entries(fields)) {
    if (findCpr(text) !== null) {
      errors[field] = t.cpr;
      continue;
    }
    const words = sensitiveNearName(text);
    if (words.length > 0) warnings[field] = t.sensitive(quoted(lang, words));
  }
  const ok = Object.keys(errors).length === 0 && (Object.keys(warnings).length === 0 || confirmed);
  return { errors, warnings, ok };
}
