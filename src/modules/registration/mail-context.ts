import type { Database, Executor } from '../../db/database.ts';
import type { OutgoingMail } from '../../email/outbox.ts';
import type { Lang } from '../../shared/danish.ts';
import { withVat } from '../../shared/money.ts';
import {
  type AttendeeSession,
  attendeeSessions,
  isPublic,
  type SeriesPage,
  type SeriesSummary,
  type SeriesTerms,
  seriesPage,
  seriesTermsBySlug,
  siteInfo,
} from '../series/service.ts';
import type { RegistrationDeps } from './deps.ts';
import { confirmedMail, type RegistrationMailContext } from './emails.ts';
import * as q from './queries.ts';

// What every registration mail says about its series, built from the series pages once per series version
// (registrations in a rush would otherwise read two full series pages each).

export type MailContextFor = (to: string, name: string, lang: Lang) => RegistrationMailContext;

type SeriesMailPart = Omit<RegistrationMailContext, 'lang' | 'to' | 'participantName' | 'organiser'>;

/** The series' side of every registration mail in both languages, and the times of its sessions. */
interface SeriesMail {
  parts: Record<Lang, SeriesMailPart>;
  firstStartsAt: string | null;
  lastEndsAt: string | null;
}

/**
 * Kept per database and `id:version`: built from two full series pages and the attendees' view of the
 * sessions, so worth keeping while the series does not change (anything shown about a series bumps its
 * version, convention 8 — and so must every write to a session: its SEQUENCE, status and meeting link are
 * in the confirmation's calendar files, though the meeting link is on no public page).
 */
const seriesMails = new WeakMap<Database, Map<string, SeriesMail>>();
const SERIES_MAILS_KEPT = 50;

/** Null when the series is not public. */
export async function seriesMail(
  db: Executor,
  deps: RegistrationDeps,
  series: { id: string; slug: string; version: number },
): Promise<SeriesMail | null> {
  let cache = seriesMails.get(deps.database);
  if (!cache) {
    cache = new Map();
    seriesMails.set(deps.database, cache);
  }
  const key = `${series.id}:${series.version}`;
  const kept = cache.get(key);
  if (kept) return kept;
  const now = deps.clock.now();
  const [da, en] = await Promise.all([
    seriesPage(db, series.slug, 'da', now, q.seatCounts),
    seriesPage(db, series.slug, 'en', now, q.seatCounts),
  ]);
  if (!da || !en) return null;
  const [sessionsDa, sessionsEn] = await Promise.all([
    attendeeSessions(db, series.id, 'da'),
    attendeeSessions(db, series.id, 'en'),
  ]);
  const made: SeriesMail = {
    parts: {
      da: seriesMailPart(deps, da, 'da', sessionsDa),
      en: seriesMailPart(deps, en, 'en', sessionsEn),
    },
    firstStartsAt: da.summary.firstStartsAt,
    lastEndsAt: da.summary.lastEndsAt,
  };
  if (cache.size >= SERIES_MAILS_KEPT) cache.clear();
  cache.set(key, made);
  return made;
}

/**
 * Builds the shared part of every registration mail for one series, in the language of each reader.
 * Null when the series is not public.
 */
export async function mailContextFor(
  db: Executor,
  deps: RegistrationDeps,
  series: { id: string; slug: string; version: number },
): Promise<MailContextFor | null> {
  const site = await siteInfo(db);
  const kept = await seriesMail(db, deps, series);
  if (!kept) return null;
  const organiser = { name: site?.name ?? 'Holdet', email: site?.email ?? '', phone: site?.phone ?? '' };
  return (to, name, lang) => ({ ...kept.parts[lang], lang, to, participantName: name, organiser });
}

export interface RegistrationSeries {
  /** What registerIn() needs of the series, as it was read here. */
  terms: SeriesTerms;
  slug: string;
  /** With the year, in the reader's language. */
  title: string;
}

/**
 * A public series to register for, with its title for the result page (kept with the mail texts per series
 * version): one cheap query. Null when there is no public series with that slug.
 */
export async function registrationSeries(
  deps: RegistrationDeps,
  slug: string,
  lang: Lang,
): Promise<RegistrationSeries | null> {
  const terms = await seriesTermsBySlug(deps.database.db, slug);
  if (!terms || !isPublic(terms.status)) return null;
  const kept = await seriesMail(deps.database.db, deps, terms);
  return kept ? { terms, slug: terms.slug, title: kept.parts[lang].seriesTitle } : null;
}

function seriesMailPart(
  deps: RegistrationDeps,
  p: SeriesPage,
  lang: Lang,
  sessions: AttendeeSession[],
): SeriesMailPart {
  const year = p.summary.firstStartsAt?.slice(0, 4);
  const query = lang === 'en' ? '?lang=en' : '';
  return {
    seriesId: p.summary.id,
    seriesTitle: year ? `${p.summary.title} ${year}` : p.summary.title,
    seriesUrl: `${deps.baseUrl}/serier/${p.summary.slug}${query}`,
    myPageUrl: `${deps.baseUrl}/min-side${query}`,
    sessions,
  };
}

export type Price = Pick<SeriesSummary, 'priceOre' | 'priceInclVatOre'>;

export function priceOf(series: Pick<SeriesTerms, 'priceOre' | 'vatRateBp'>): Price {
  return { priceOre: series.priceOre, priceInclVatOre: withVat(series.priceOre, series.vatRateBp) };
}

export function confirmed(ctx: RegistrationMailContext, price: Price, publicBuyer: boolean): OutgoingMail {
  return confirmedMail({
    ...ctx,
    publicBuyer,
    priceExclOre: price.priceOre,
    priceInclOre: price.priceInclVatOre,
  });
}
