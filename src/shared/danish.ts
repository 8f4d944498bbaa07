// Danish (and English) presentation of instants, times and money. The server runs in UTC; everything a
// person reads is shown in Europe/Copenhagen.

export type Lang = 'da' | 'en';
export const TIME_ZONE = 'Europe/Copenhagen';
const NBSP = '\u00a0';

const LOCALE: Record<Lang, string> = { da: 'da-DK', en: 'en-GB' };

/**
 * The formats used, by name: each gets one Intl.DateTimeFormat per language, made once. Formatting is the
 * costly part of a page with many dates (a timeline of materials), so the parts of an instant are also kept
 * per format, language and instant (PART_CACHE_MAX of them, then started afresh).
 */
const FORMATS = {
  long: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  date: { day: 'numeric', month: 'long', year: 'numeric' },
  short: { day: 'numeric', month: 'numeric', year: 'numeric' },
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  isoDay: { year: 'numeric', month: '2-digit', day: '2-digit' },
  wall: {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  },
} satisfies Record<string, Intl.DateTimeFormatOptions>;
type Format = keyof typeof FORMATS;
type Parts = Partial<Record<Intl.DateTimeFormatPartTypes, string>>;

const formatters = new Map<string, Intl.DateTimeFormat>();
const PART_CACHE_MAX = 10_000;
const partCache = new Map<string, Parts>();

function dtf(lang: Lang, format: Format): Intl.DateTimeFormat {
  const key = `${lang}|${format}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE[lang], { timeZone: TIME_ZONE, ...FORMATS[format] });
    formatters.set(key, f);
  }
  return f;
}

function toDate(instant: string | Date): Date {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(d.getTime())) throw new RangeError(`Not an instant: ${String(instant)}`);
  return d;
}

function parts(lang: Lang, instant: string | Date, format: Format): Parts {
  const d = toDate(instant);
  const key = `${format}|${lang}|${d.getTime()}`;
  const cached = partCache.get(key);
  if (cached) return cached;
  const out: Parts = {};
  for (const p of dtf(lang, format).formatToParts(d)) out[p.type] = p.value;
  if (partCache.size >= PART_CACHE_MAX) partCache.clear();
  partCache.set(key, out);
  return out;
}

/** `mandag d. 7. juni 2021` / `Monday 7 June 2021`, the way the source writes dates. */
export function formatDateLong(instant: string | Date, lang: Lang = 'da'): string {
  const p = parts(lang, instant, 'long');
  return lang === 'da'
    ? `${p.weekday} d. ${p.day}. ${p.month} ${p.year}`
    : `${p.weekday} ${p.day} ${p.month} ${p.year}`;
}

/** Text that must stay on one line (a date in a run of meta text): its spaces made non-breaking. */
export function unbroken(text: string): string {
  return text.replace(/ /g, NBSP);
}

/** `7. juni 2021` / `7 June 2021`. */
export function formatDate(instant: string | Date, lang: Lang = 'da'): string {
  const p = parts(lang, instant, 'date');
  return lang === 'da' ? `${p.day}. ${p.month} ${p.year}` : `${p.day} ${p.month} ${p.year}`;
}

/** `7.6.2021` / `07/06/2021`: compact, for tables. */
export function formatDateShort(instant: string | Date, lang: Lang = 'da'): string {
  const p = parts(lang, instant, 'short');
  return lang === 'da'
    ? `${p.day}.${p.month}.${p.year}`
    : `${p.day?.padStart(2, '0')}/${p.month?.padStart(2, '0')}/${p.year}`;
}

/** `10.00` in Danish, `10:00` in English; always 24-hour. */
export function formatTime(instant: string | Date, lang: Lang = 'da'): string {
  const p = parts(lang, instant, 'time');
  return `${p.hour}${lang === 'da' ? '.' : ':'}${p.minute}`;
}

/** `10.00–14.30` (en dash, no spaces). */
export function formatTimeRange(start: string | Date, end: string | Date, lang: Lang = 'da'): string {
  return `${formatTime(start, lang)}–${formatTime(end, lang)}`;
}

/** The calendar day of an instant in Copenhagen, as `YYYY-MM-DD`. */
export function copenhagenDay(instant: string | Date): string {
  const p = parts('en', instant, 'isoDay');
  return `${p.year}-${p.month}-${p.day}`;
}

/** The wall-clock time of an instant in Copenhagen, as `HH:MM` (24 h): what a time field is filled with. */
export function copenhagenClock(instant: string | Date): string {
  const p = parts('en', instant, 'time');
  return `${p.hour}:${p.minute}`;
}

/**
 * A day as a person types it — `7.6.2027`, `07-06-2027`, `7/6 2027` or ISO `2027-06-07` — as `YYYY-MM-DD`;
 * null when it is no real day.
 */
export function parseDay(text: string): string | null {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const dk = /^(\d{1,2})[./\- ](\d{1,2})[./\- ]\s?(\d{4})$/.exec(t);
  const [y, mo, d] = iso ? [iso[1], iso[2], iso[3]] : dk ? [dk[3], dk[2], dk[1]] : [];
  if (!y || !mo || !d) return null;
  const at = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (
    at.getUTCFullYear() !== Number(y) ||
    at.getUTCMonth() !== Number(mo) - 1 ||
    at.getUTCDate() !== Number(d)
  )
    return null;
  return at.toISOString().slice(0, 10);
}

/** A time of day as typed — `10:00`, `10.00`, `9.30`, `10` — as `HH:MM`; null when it is none. */
export function parseClock(text: string): string | null {
  const m = /^(\d{1,2})(?:[:.](\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2] ?? '0');
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/** A day `YYYY-MM-DD` as a Dane types it: `7.6.2027`. */
export function typedDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${Number(d)}.${Number(m)}.${y}`;
}

const numberFormatters = new Map<string, Intl.NumberFormat>();
function nf(lang: Lang, decimals: number): Intl.NumberFormat {
  const key = `${lang}|${decimals}`;
  let f = numberFormatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE[lang], {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      useGrouping: true,
    });
    numberFormatters.set(key, f);
  }
  return f;
}

/**
 * Money in øre as text: `18.000 kr.` (whole kroner) or `18.000,00 kr.` (with øre), with a non-breaking
 * space before the unit. English: `DKK 18,000`.
 */
export function formatKroner(ore: number, options: { decimals?: boolean; lang?: Lang } = {}): string {
  if (!Number.isSafeInteger(ore)) throw new RangeError(`Money must be whole øre: ${ore}`);
  const lang = options.lang ?? 'da';
  const withOre = options.decimals ?? ore % 100 !== 0;
  const decimals = withOre ? 2 : 0;
  const amount = nf(lang, decimals).format(ore / 100);
  return lang === 'da' ? `${amount}${NBSP}kr.` : `DKK${NBSP}${amount}`;
}

/** `25 %` / `25%` from basis points (2500 = 25 %). */
export function formatPercent(basisPoints: number, lang: Lang = 'da'): string {
  const value = nf(lang, basisPoints % 100 === 0 ? 0 : 2).format(basisPoints / 100);
  return lang === 'da' ? `${value}${NBSP}%` : `${value}%`;
}

/**
 * Parses an amount typed the Danish way (`18.000,50`, `18000`, `18 000,5`, `18.000 kr.`) to øre.
 * Returns null when the text is not an amount.
 */
export function parseKronerToOre(text: string): number | null {
  const cleaned = text
    .trim()
    .replace(/\s*kr\.?$/i, '')
    .replace(/^kr\.?\s*/i, '')
    .replace(/[\s\u00a0]/g, '');
  const m = /^(-)?(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(cleaned);
  if (!m) return null;
  const kroner = Number.parseInt((m[2] ?? '').replace(/\./g, ''), 10);
  const ore = Number.parseInt((m[3] ?? '0').padEnd(2, '0'), 10);
  const total = kroner * 100 + ore;
  if (!Number.isSafeInteger(total)) return null;
  return m[1] ? -total : total;
}

const collators: Record<Lang, Intl.Collator> = {
  da: new Intl.Collator('da'),
  en: new Intl.Collator('en'),
};
/** Sorts names the Danish way: æ, ø, å after z. */
export function compareText(a: string, b: string, lang: Lang = 'da'): number {
  return collators[lang].compare(a, b);
}

/**
 * The UTC instant of a wall-clock time in Copenhagen, e.g. `copenhagenToUtc('2027-06-07', '10:00')`
 * gives `2027-06-07T08:00:00.000Z` (summer time). Uses the zone's offset at that moment.
 */
export function copenhagenToUtc(day: string, time: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const t = /^(\d{2})[:.](\d{2})$/.exec(time);
  if (!m || !t) throw new RangeError(`Not a day and time: ${day} ${time}`);
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(t[1]), Number(t[2]));
  // The offset can differ between the guess and the answer only around a DST switch; two rounds settle it.
  let guess = asUtc;
  for (let i = 0; i < 2; i++) guess = asUtc - offsetMinutes(new Date(guess)) * 60_000;
  return new Date(guess).toISOString();
}

function offsetMinutes(at: Date): number {
  const p = parts('en', at, 'wall');
  const local = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
  );
  return Math.round((local - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

// Calendar days (YYYY-MM-DD, no time of day), as invoices carry them.

/** A Copenhagen day (YYYY-MM-DD) as `15. januar 2027` / `15 January 2027`. */
export function formatDay(day: string, lang: Lang): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`Not a day: ${day}`);
  // Noon UTC is the same calendar day in Copenhagen all year round.
  return formatDate(`${day}T12:00:00Z`, lang);
}

/** Session days the way a Dane writes them: `7. juni, 30. august og 4. oktober 2027` (year once per run). */
export function formatDayList(days: readonly string[], lang: Lang): string {
  const written = days.map((day, i) => {
    const full = formatDay(day, lang);
    return days[i + 1]?.slice(0, 4) === day.slice(0, 4) ? full.slice(0, -5) : full;
  });
  return new Intl.ListFormat(lang === 'da' ? 'da-DK' : 'en-GB', { type: 'conjunction' }).format(written);
}
