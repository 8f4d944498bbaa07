import { formatDateShort, formatTimeRange } from '../../../shared/danish.ts';
import { AlertIcon, CsrfField, ErrorSummary, SelectField, TextField } from '../../../web/form.tsx';
import { href, type PageContext, renderPage } from '../../../web/layout.tsx';
import type { EditingSession, SeriesStatus } from '../../series/service.ts';
import {
  CAPACITY_MAX,
  type FormErrors,
  type FormValues,
  SERIES_FORM_FIELDS,
  SUMMARY_MAX,
  TEXT_MAX,
  TITLE_MAX,
} from '../series-forms.ts';
import { seriesEditMessages } from '../series-messages.ts';
import { seriesSessionsPath, sessionAdminPath } from './sessions.tsx';

// The series form (new and edit) and, on the edit page, the status, the sessions and the links to the
// preview, the copy and the registrations.

export const NEW_SERIES_PATH = '/arrangoer/serier/ny';
export const editSeriesPath = (slug: string) => `/arrangoer/serier/${slug}/rediger`;
export const seriesStatusPath = (slug: string) => `/arrangoer/serier/${slug}/status`;
export const seriesPreviewPath = (slug: string) => `/arrangoer/serier/${slug}/forhaandsvisning`;
export const copySeriesPath = (slug: string) => `/arrangoer/serier/${slug}/kopier`;

export type EditNotice = 'created' | 'saved' | 'copied' | 'status';

export interface SeriesFormModel {
  csrf: string;
  values: FormValues;
  errors?: FormErrors;
  choices: { persons: { id: string; label: string }[]; venues: { id: string; label: string }[] };
  /** Absent: a new series. */
  existing?: {
    slug: string;
    title: string;
    status: SeriesStatus;
    sessions: EditingSession[];
    seatsHeld: number;
    hasInvoices: boolean;
    moves: SeriesStatus[];
    notice?: EditNotice;
    offered?: number;
    /** Mails queued because sessions held at the series' venue moved with it. */
    told?: number;
  };
}

function Notice({ text }: { text: string }) {
  return (
    <div class="alert alert-success" role="status">
      <AlertIcon variant="success" />
      <div class="alert-body">
        <p class="alert-text">{text}</p>
      </div>
    </div>
  );
}

export function seriesFormPage(ctx: PageContext, model: SeriesFormModel): string {
  const m = seriesEditMessages(ctx.lang);
  const errors = model.errors ?? {};
  const v = model.values;
  const existing = model.existing;
  const order = [...SERIES_FORM_FIELDS, 'status'];
  const summary = order.flatMap((field) => {
    const message = errors[field];
    return message ? [{ field, message }] : [];
  });
  const title = existing ? m['series.edit.editTitle'](existing.title) : m['series.edit.newTitle'];
  const common = { errorPrefix: m['series.edit.errorPrefix'], optionalText: m['series.edit.optional'] };
  const frozen = existing?.hasInvoices ? m['series.field.frozenHint'] : undefined;
  const slugFixed = existing && existing.status !== 'draft';
  const text = (
    name: (typeof SERIES_FORM_FIELDS)[number],
    max: number,
    options: { required?: boolean; multiline?: boolean; hint?: string } = {},
  ) => (
    <TextField
      {...common}
      name={name}
      label={m[`series.field.${name}` as 'series.field.titleDa']}
      value={v[name]}
      error={errors[name]}
      maxLength={max}
      required={options.required}
      multiline={options.multiline}
      hint={options.hint}
      width={options.multiline ? undefined : 'xl'}
    />
  );
  const action = existing ? editSeriesPath(existing.slug) : NEW_SERIES_PATH;
  const notices = existing?.notice
    ? {
        created: m['series.edit.created'],
        saved: m['series.edit.saved'],
        copied: m['series.edit.copied'],
        status: m['series.edit.statusMoved'],
      }[existing.notice]
    : null;
  return renderPage({
    ctx,
    title: summary.length > 0 ? `${m['series.edit.errorPrefix']}: ${title}` : title,
    crumbs: [{ href: '/arrangoer', label: m['series.edit.admin'] }, { label: title }],
    children: (
      <>
        <h1>{title}</h1>
        <ErrorSummary heading={m['series.edit.errorSummary']} errors={summary} />
        {notices ? <Notice text={notices} /> : null}
        {existing?.offered ? <Notice text={m['series.edit.seatsOffered'](existing.offered)} /> : null}
        {existing?.told ? <Notice text={m['series.edit.told'](existing.told)} /> : null}
        {existing ? (
          <StatusPart ctx={ctx} existing={existing} csrf={model.csrf} error={errors.status} />
        ) : (
          <p>{m['series.edit.newIntro']}</p>
        )}
        <form method="post" action={href(ctx, action)} novalidate>
          <CsrfField token={model.csrf} />
          <h2>{m['series.edit.texts']}</h2>
          <TextField
            {...common}
            name="slug"
            label={m['series.field.slug']}
            hint={slugFixed ? m['series.field.slugFixedHint'] : m['series.field.slugHint']}
            value={v.slug}
            error={errors.slug}
            maxLength={80}
            required
            width="xl"
          />
          {text('titleDa', TITLE_MAX, { required: true })}
          {text('titleEn', TITLE_MAX, { required: true })}
          {text('summaryDa', SUMMARY_MAX, { required: true, multiline: true })}
          {text('summaryEn', SUMMARY_MAX, { required: true, multiline: true })}
          {text('introDa', TEXT_MAX, { multiline: true })}
          {text('introEn', TEXT_MAX, { multiline: true })}
          {text('audienceDa', TEXT_MAX, { multiline: true })}
          {text('audienceEn', TEXT_MAX, { multiline: true })}
          {text('cateringDa', TEXT_MAX, { multiline: true })}
          {text('cateringEn', TEXT_MAX, { multiline: true })}
          {text('termsDa', TEXT_MAX, { multiline: true, hint: m['series.field.termsHint'] })}
          {text('termsEn', TEXT_MAX, { multiline: true, hint: m['series.field.termsHint'] })}

          <h2>{m['series.edit.seatsAndPrice']}</h2>
          <TextField
            {...common}
            name="capacity"
            label={m['series.field.capacity']}
            hint={m['series.field.capacityHint'](existing?.seatsHeld ?? 0)}
            value={v.capacity}
            error={errors.capacity}
            inputMode="numeric"
            maxLength={String(CAPACITY_MAX).length}
            required
            width="xs"
          />
          <TextField
            {...common}
            name="price"
            label={m['series.field.price']}
            hint={frozen ?? m['series.field.priceHint']}
            value={v.price}
            error={errors.price}
            maxLength={20}
            required
            width="s"
          />
          <TextField
            {...common}
            name="vatRate"
            label={m['series.field.vatRate']}
            hint={frozen ?? m['series.field.vatRateHint']}
            value={v.vatRate}
            error={errors.vatRate}
            maxLength={6}
            required
            width="xs"
          />

          <h2>{m['series.edit.window']}</h2>
          <DayTime ctx={ctx} values={v} errors={errors} day="opensDay" time="opensTime" />
          <DayTime ctx={ctx} values={v} errors={errors} day="closesDay" time="closesTime" />

          <h2>{m['series.edit.people']}</h2>
          <SelectField
            {...common}
            name="facilitatorId"
            label={m['series.field.facilitator']}
            value={v.facilitatorId}
            error={errors.facilitatorId}
            options={[
              { value: '', label: m['series.edit.none'] },
              ...model.choices.persons.map((p) => ({ value: p.id, label: p.label })),
            ]}
          />
          <SelectField
            {...common}
            name="venueId"
            label={m['series.field.venue']}
            hint={m['series.field.venueHint']}
            value={v.venueId}
            error={errors.venueId}
            options={[
              { value: '', label: m['series.edit.none'] },
              ...model.choices.venues.map((p) => ({ value: p.id, label: p.label })),
            ]}
          />
          <button type="submit" class="button button-primary">
            {existing ? m['series.edit.save'] : m['series.edit.create']}
          </button>
        </form>
      </>
    ),
  });
}

function DayTime({
  ctx,
  values,
  errors,
  day,
  time,
}: {
  ctx: PageContext;
  values: FormValues;
  errors: FormErrors;
  day: 'opensDay' | 'closesDay';
  time: 'opensTime' | 'closesTime';
}) {
  const m = seriesEditMessages(ctx.lang);
  const common = { errorPrefix: m['series.edit.errorPrefix'] };
  return (
    <>
      <TextField
        {...common}
        name={day}
        type="date"
        label={m[`series.field.${day}`]}
        hint={m['series.field.dayHint']}
        value={values[day]}
        error={errors[day]}
        required
        width="s"
      />
      <TextField
        {...common}
        name={time}
        type="time"
        label={m[`series.field.${time}`]}
        hint={m['series.field.timeHint']}
        value={values[time]}
        error={errors[time]}
        required
        width="xs"
      />
    </>
  );
}

function StatusPart({
  ctx,
  existing,
  csrf,
  error,
}: {
  ctx: PageContext;
  existing: NonNullable<SeriesFormModel['existing']>;
  csrf: string;
  error?: string;
}) {
  const m = seriesEditMessages(ctx.lang);
  const statusName = m[`series.status.${existing.status}`];
  return (
    <>
      <ul class="nobullet-list">
        <li>
          <a href={href(ctx, seriesPreviewPath(existing.slug))}>{m['series.edit.preview']}</a>
        </li>
        {existing.status !== 'draft' ? (
          <li>
            <a href={href(ctx, `/serier/${existing.slug}`)}>{m['series.edit.publicPage']}</a>
          </li>
        ) : null}
        <li>
          <a href={href(ctx, `/arrangoer/serier/${existing.slug}`)}>{m['series.edit.registrations']}</a>
        </li>
        <li>
          <a href={href(ctx, copySeriesPath(existing.slug))}>{m['series.edit.copy']}</a>
        </li>
      </ul>
      <h2>{m['series.status.heading']}</h2>
      <div class={`form-group${error ? ' form-error' : ''}`}>
        <p id="status">
          {m['series.status.current'](statusName)} {m[`series.status.explain.${existing.status}`]}
        </p>
        {error ? (
          <span class="form-error-message" id="status-error">
            <span class="sr-only">{m['series.edit.errorPrefix']}: </span>
            {error}
          </span>
        ) : null}
        {existing.moves.length === 0 ? (
          <p>
            {existing.status === 'draft' && existing.sessions.every((s) => s.status !== 'scheduled')
              ? m['series.status.needsSession']
              : m['series.status.none']}
          </p>
        ) : null}
        {existing.moves.map((to) => (
          <form
            key={to}
            method="post"
            action={href(ctx, seriesStatusPath(existing.slug))}
            class="holdet-inline-form"
          >
            <CsrfField token={csrf} />
            <input type="hidden" name="status" value={to} />
            <button
              type="submit"
              class={`button ${to === 'published' ? 'button-primary' : 'button-secondary'}`}
            >
              {m[`series.status.to.${to}` as 'series.status.to.published']}
            </button>
          </form>
        ))}
      </div>
      <h2>{m['series.edit.sessions']}</h2>
      <p>
        <a href={href(ctx, seriesSessionsPath(existing.slug))}>{m['series.edit.editSessions']}</a>
      </p>
      {existing.sessions.length === 0 ? (
        <p>{m['series.edit.noSessions']}</p>
      ) : (
        <ol class="holdet-edit-sessions">
          {existing.sessions.map((s) => (
            <li key={s.id}>
              {formatDateShort(s.startsAt, ctx.lang)} {formatTimeRange(s.startsAt, s.endsAt, ctx.lang)}:{' '}
              <a href={href(ctx, sessionAdminPath(s.id))}>
                {ctx.lang === 'da' ? s.questionDa : s.questionEn}
              </a>
              {s.status === 'cancelled' ? ` (${m['series.edit.sessionCancelled']})` : null}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
