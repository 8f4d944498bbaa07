import type { Executor } from '../../db/database.ts';
import type { Lang } from '../../shared/danish.ts';
import {
  type SeriesStatus,
  type SessionView,
  seriesHeading,
  seriesHeadings,
  seriesPage,
  seriesTermsBySlug,
  seriesTitleWithYear,
} from '../series/service.ts';
import type { RegistrationDeps } from './deps.ts';
import { type Registration, toRegistration } from './model.ts';
import * as q from './queries.ts';
import { isLapsedAwaiting, isOpenOffer } from './rules.ts';
import { settleSeries } from './settle.ts';
import type { RegistrationStatus } from './table.ts';

// Reads for "Min side" and the organiser's pages. Offers past their deadline are settled before they are
// shown, so nothing depends on when the background job last ran.

export interface MyRegistration {
  id: string;
  seriesSlug: string;
  seriesTitle: string;
  status: RegistrationStatus;
  /** Confirmed by mail; false while it awaits confirmation (until `awaitingUntil`). */
  verified: boolean;
  awaitingUntil: string | null;
  position: number | null;
  offerExpiresAt: string | null;
  sessions: SessionView[];
}

export async function myRegistrations(
  deps: RegistrationDeps,
  account: { id: string; email: string },
  lang: Lang,
): Promise<MyRegistration[]> {
  const { db } = deps.database;
  const now = deps.clock.now();
  const read = async () => {
    const registrations = (await q.ofAccount(db, account)).map(toRegistration);
    const ids = [...new Set(registrations.map((r) => r.seriesId))];
    const slugs = new Map((await seriesHeadings(db, lang, ids)).map((s) => [s.id, s.slug]));
    return registrations.flatMap((registration) => {
      const slug = slugs.get(registration.seriesId);
      return slug ? [{ slug, registration }] : [];
    });
  };
  let rows = await read();
  const lapsed = rows.filter(
    ({ registration: r }) => (r.status === 'offered' && !isOpenOffer(r, now)) || isLapsedAwaiting(r, now),
  );
  if (lapsed.length > 0) {
    for (const seriesId of new Set(lapsed.map((r) => r.registration.seriesId))) {
      await settleSeries(deps, seriesId);
    }
    rows = await read();
  }
  const out: MyRegistration[] = [];
  for (const { slug, registration: r } of rows) {
    const page = await seriesPage(db, slug, lang, now, q.seatCounts);
    if (!page) continue;
    out.push({
      id: r.id,
      seriesSlug: slug,
      seriesTitle: seriesTitleWithYear(page),
      status: r.status,
      verified: r.verified,
      awaitingUntil: r.verified ? null : r.awaitingUntil,
      position: r.status === 'waitlisted' ? await q.positionOf(db, r.seriesId, r.seq) : null,
      offerExpiresAt: r.status === 'offered' ? r.offerExpiresAt : null,
      sessions: page.sessions,
    });
  }
  return out;
}

export interface SeriesOverviewRow {
  slug: string;
  /** Title with the year of the first session, as on the public pages. */
  title: string;
  status: SeriesStatus;
  capacity: number;
  counts: Partial<Record<RegistrationStatus, number>>;
}

export async function seriesOverview(db: Executor): Promise<SeriesOverviewRow[]> {
  const [series, counts] = await Promise.all([seriesHeadings(db, 'da'), q.statusCounts(db)]);
  return series.map((s) => ({
    slug: s.slug,
    title: s.titleWithYear,
    status: s.status,
    capacity: s.capacity,
    counts: Object.fromEntries(
      counts.filter((c) => c.series_id === s.id).map((c) => [c.status, Number(c.n)]),
    ),
  }));
}

/** A registration on the organiser's list: the domain object and its place in line (null: not in line). */
export type OrganiserRegistration = Registration & { position: number | null };

export async function seriesRegistrations(
  deps: RegistrationDeps,
  slug: string,
): Promise<{ seriesId: string; title: string; capacity: number; rows: OrganiserRegistration[] } | null> {
  const { db } = deps.database;
  const series = await seriesTermsBySlug(db, slug);
  if (!series) return null;
  await settleSeries(deps, series.id);
  const overview = (await seriesOverview(db)).find((s) => s.slug === slug);
  const regs = await q.ofSeries(db, series.id);
  let position = 0;
  const rows = regs.map((row) => {
    const r = toRegistration(row);
    return { ...r, position: r.status === 'waitlisted' ? ++position : null };
  });
  return { seriesId: series.id, title: overview?.title ?? slug, capacity: series.capacity, rows };
}

export type AuditLogRow = Awaited<ReturnType<typeof q.recentAudit>>[number];

export function auditLog(db: Executor, limit = 200) {
  return q.recentAudit(db, limit);
}

export interface CancelFacts {
  id: string;
  seq: number;
  status: RegistrationStatus;
  verified: boolean;
  name: string;
  email: string;
  organisation: string;
  seriesSlug: string;
  seriesTitle: string;
}

/** A registration as the organiser's cancel page shows it (null: none). */
export async function cancelFacts(
  db: Executor,
  registrationId: string,
  lang: Lang,
): Promise<CancelFacts | null> {
  const r = await q.cancelFacts(db, registrationId);
  const series = r ? await seriesHeading(db, r.series_id, lang) : null;
  if (!r || !series) return null;
  return {
    id: r.id,
    seq: r.seq,
    status: r.status,
    verified: r.verified_at !== null,
    name: r.attendee_name,
    email: r.attendee_email,
    organisation: r.organisation_name,
    seriesSlug: series.slug,
    // "Beskæftigelsesfaglig masterclass 2027": the hold's year, as the series page writes it.
    seriesTitle: series.titleWithYear,
  };
}
