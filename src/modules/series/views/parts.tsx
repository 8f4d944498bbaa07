import {
  formatDate,
  formatDateLong,
  formatKroner,
  formatPercent,
  formatTimeRange,
  type Lang,
} from '../../../shared/danish.ts';
import { messages } from '../../../web/i18n.ts';
import { href, type PageContext } from '../../../web/layout.tsx';
import type { SeriesSummary, SessionView } from '../model.ts';
import { lastRegistrationMoment } from '../rules.ts';

export function seriesPath(slug: string): string {
  return `/serier/${slug}`;
}
export function sessionPath(seriesSlug: string, ordinal: number): string {
  return `/serier/${seriesSlug}/sessioner/${ordinal}`;
}
export function personPath(slug: string): string {
  return `/personer/${slug}`;
}
export function registerPath(seriesSlug: string): string {
  return `/serier/${seriesSlug}/tilmelding`;
}

/** `mandag d. 7. juni 2021, kl. 10.00–14.30` as two parts, so the page can lay them out. */
export function When({ startsAt, endsAt, lang }: { startsAt: string; endsAt: string; lang: Lang }) {
  return (
    <>
      <time dateTime={startsAt}>{formatDateLong(startsAt, lang)}</time>
      {', '}
      {lang === 'da' ? 'kl. ' : ''}
      {formatTimeRange(startsAt, endsAt, lang)}
    </>
  );
}

/** "Aflyst" before a cancelled session's heading; nothing for the others. */
export function CancelledTag({ session, lang }: { session: Pick<SessionView, 'cancelled'>; lang: Lang }) {
  if (!session.cancelled) return null;
  return (
    <>
      <span class="tag holdet-tag-muted">{messages(lang)['series.cancelled']}</span>{' '}
    </>
  );
}

export function Place({ session, lang }: { session: SessionView; lang: Lang }) {
  const m = messages(lang);
  if (session.mode === 'online') return <>{m['series.online']}</>;
  if (!session.venue) return null;
  const v = session.venue;
  return (
    <>
      {v.name}, {v.street}, {v.postalCode} {v.city}
    </>
  );
}

/** How many of the taken seats still await confirmation: they may come free again. */
function Awaiting({ summary, lang }: { summary: SeriesSummary; lang: Lang }) {
  if (summary.awaitingSeats === 0) return null;
  return (
    <span class="holdet-awaiting"> {messages(lang)['series.awaitingSeats'](summary.awaitingSeats)}</span>
  );
}

/** The seat and registration state as one short status line. */
export function SeatStatus({ summary, lang }: { summary: SeriesSummary; lang: Lang }) {
  const m = messages(lang);
  switch (summary.state) {
    case 'completed':
      return <span class="tag holdet-tag-muted">{m['series.completed']}</span>;
    case 'closed':
      return <span class="tag holdet-tag-muted">{m['series.registrationClosed']}</span>;
    case 'not_open':
      return (
        <span class="tag">
          {m['series.registrationOpens'](formatDate(summary.registrationOpensAt, lang))}
        </span>
      );
    case 'waitlist':
      return (
        <>
          <span class="tag holdet-tag-warn">{m['series.fullShort']}</span>
          <Awaiting summary={summary} lang={lang} />
        </>
      );
    case 'open':
      return (
        <>
          <span class="tag holdet-tag-ok">{m['series.seatsLeft'](summary.seatsLeft, summary.capacity)}</span>
          <Awaiting summary={summary} lang={lang} />
        </>
      );
  }
}

export function Price({ summary, lang }: { summary: SeriesSummary; lang: Lang }) {
  const m = messages(lang);
  return (
    <>
      <strong>
        {formatKroner(summary.priceOre, { lang })} {m['series.priceExcl']}
      </strong>{' '}
      ({formatKroner(summary.priceInclVatOre, { lang })} {m['series.priceIncl']},{' '}
      {formatPercent(summary.vatRateBp, lang)} {m['series.vat']})
    </>
  );
}

/** The call to action: a button while registration is possible, otherwise why it is not. */
export function RegisterAction({ ctx, summary }: { ctx: PageContext; summary: SeriesSummary }) {
  const m = messages(ctx.lang);
  if (summary.state === 'open' || summary.state === 'waitlist') {
    return (
      <div class="holdet-register">
        <p>
          <a class="button button-primary" href={href(ctx, registerPath(summary.slug))}>
            {summary.state === 'open' ? m['series.register'] : m['series.joinWaitlist']}
          </a>
        </p>
        {summary.state === 'waitlist' ? <p>{m['series.full']}</p> : null}
        <p class="form-hint">
          {m['series.registrationCloses'](
            formatDateLong(lastRegistrationMoment(summary.registrationClosesAt), ctx.lang),
          )}
        </p>
      </div>
    );
  }
  if (summary.state === 'completed') return <p>{m['series.completedText']}</p>;
  if (summary.state === 'not_open')
    return <p>{m['series.registrationOpens'](formatDateLong(summary.registrationOpensAt, ctx.lang))}</p>;
  return <p>{m['series.registrationClosed']}</p>;
}
