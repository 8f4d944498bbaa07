import { formatDateLong, formatTimeRange } from '../../../shared/danish.ts';
import {
  AlertIcon,
  CsrfField,
  ErrorSummary,
  RadioGroup,
  SelectField,
  TextField,
} from '../../../web/form.tsx';
import { href, type PageContext, renderPage } from '../../../web/layout.tsx';
import type { SessionForEditing } from '../../series/service.ts';
import {
  DESCRIPTION_MAX,
  MEETING_URL_MAX,
  NOTE_MAX,
  QUESTION_MAX,
  SESSION_FIELDS,
  type SessionErrors,
  type SessionValues,
} from '../session-forms.ts';
import { type SessionMessages, sessionMessages } from '../session-messages.ts';

// The organiser's session pages: the list with its actions, the session form, and the three one-purpose
// forms that tell everyone affected (online, back to in person, cancel).

export const seriesSessionsPath = (slug: string) => `/arrangoer/serier/${slug}/sessioner`;
export const sessionAdminPath = (id: string) => `/arrangoer/sessioner/${id}`;

export interface Choice {
  id: string;
  label: string;
}

export type SessionNotice =
  | { kind: 'saved' | 'added' | 'cancelled'; ordinal: number; told: number | null }
  | { kind: 'moved' }
  | { kind: 'is-cancelled' };

function Notice({ notice, m }: { notice: SessionNotice; m: SessionMessages }) {
  if (notice.kind === 'is-cancelled') {
    return (
      <div class="alert alert-warning" role="status">
        <AlertIcon variant="warning" />
        <div class="alert-body">
          <p class="alert-text">{m['session.done.isCancelled']}</p>
        </div>
      </div>
    );
  }
  const lines =
    notice.kind === 'moved'
      ? [m['session.done.moved']]
      : [
          m[`session.done.${notice.kind}`](notice.ordinal),
          ...(notice.told === null
            ? []
            : [notice.told === 0 ? m['session.done.toldNone'] : m['session.done.told'](notice.told)]),
        ];
  return (
    <div class="alert alert-success" role="status">
      <AlertIcon variant="success" />
      <div class="alert-body">
        {lines.map((l) => (
          <p class="alert-text" key={l}>
            {l}
          </p>
        ))}
      </div>
    </div>
  );
}

function crumbs(m: SessionMessages, series: { slug: string; title: string }, last?: string) {
  // The layout makes each href the visitor's language's.
  return [
    { href: '/arrangoer', label: m['session.organiser'] },
    { href: `/arrangoer/serier/${series.slug}`, label: series.title },
    ...(last
      ? [
          { href: seriesSessionsPath(series.slug), label: m['session.list.title'](series.title) },
          { label: last },
        ]
      : [{ label: m['session.list.title'](series.title) }]),
  ];
}

export function sessionListPage(
  ctx: PageContext,
  model: {
    series: { slug: string; title: string; public: boolean };
    sessions: SessionForEditing[];
    places: Map<string, string>;
    csrf: string;
    notice?: SessionNotice;
  },
): string {
  const m = sessionMessages(ctx.lang);
  const { series, sessions } = model;
  const title = m['session.list.title'](series.title);
  return renderPage({
    ctx,
    title,
    crumbs: crumbs(m, series),
    children: (
      <>
        <h1>{title}</h1>
        {model.notice ? <Notice notice={model.notice} m={m} /> : null}
        <p>{m['session.list.intro']}</p>
        <p>
          <a href={href(ctx, `/arrangoer/serier/${series.slug}/rediger`)}>{m['session.list.editSeries']}</a>
          {' · '}
          <a href={href(ctx, `/arrangoer/serier/${series.slug}`)}>{m['session.list.registrations']}</a>
          {series.public ? (
            <>
              {' · '}
              <a href={href(ctx, `/serier/${series.slug}`)}>{m['session.list.public']}</a>
            </>
          ) : null}
        </p>
        {sessions.length === 0 ? (
          <p>{m['session.list.none']}</p>
        ) : (
          <table class="table table--zebra">
            <thead>
              <tr>
                <th scope="col">{m['session.list.number']}</th>
                <th scope="col">{m['session.list.when']}</th>
                <th scope="col">{m['session.list.question']}</th>
                <th scope="col">{m['session.list.place']}</th>
                <th scope="col">{m['session.list.actions']}</th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s, i) => {
                const cancelled = s.status === 'cancelled';
                return (
                  <tr key={s.id}>
                    <td>{s.ordinal}</td>
                    <td>
                      {formatDateLong(s.startsAt, ctx.lang)} {formatTimeRange(s.startsAt, s.endsAt, ctx.lang)}
                    </td>
                    <td>
                      {cancelled ? (
                        <>
                          <span class="tag holdet-tag-muted">{m['session.list.cancelled']}</span>{' '}
                        </>
                      ) : null}
                      {ctx.lang === 'da' ? s.questionDa : s.questionEn}
                    </td>
                    <td>
                      {s.mode === 'online' ? m['session.list.online.place'] : (model.places.get(s.id) ?? '')}
                    </td>
                    <td>
                      {cancelled ? null : (
                        <ul class="unstyled-list">
                          <li>
                            <a href={href(ctx, sessionAdminPath(s.id))}>
                              {m['session.list.edit'](s.ordinal)}
                            </a>
                          </li>
                          <li>
                            {s.mode === 'online' ? (
                              <a href={href(ctx, `${sessionAdminPath(s.id)}/fremmoede`)}>
                                {m['session.list.inPerson'](s.ordinal)}
                              </a>
                            ) : (
                              <a href={href(ctx, `${sessionAdminPath(s.id)}/online`)}>
                                {m['session.list.online'](s.ordinal)}
                              </a>
                            )}
                          </li>
                          <li>
                            <a href={href(ctx, `${sessionAdminPath(s.id)}/aflys`)}>
                              {m['session.list.cancel'](s.ordinal)}
                            </a>
                          </li>
                        </ul>
                      )}
                      <MoveButtons
                        ctx={ctx}
                        m={m}
                        session={s}
                        first={i === 0}
                        last={i === sessions.length - 1}
                        csrf={model.csrf}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        <p>
          <a class="button button-secondary" href={href(ctx, `${seriesSessionsPath(series.slug)}/ny`)}>
            {m['session.list.add']}
          </a>
        </p>
      </>
    ),
  });
}

function MoveButtons(props: {
  ctx: PageContext;
  m: SessionMessages;
  session: SessionForEditing;
  first: boolean;
  last: boolean;
  csrf: string;
}) {
  const { ctx, m, session, first, last, csrf } = props;
  if (first && last) return null;
  const button = (direction: 'op' | 'ned', label: string, named: string) => (
    <form method="post" action={href(ctx, `${sessionAdminPath(session.id)}/flyt`)} class="holdet-inline-form">
      <CsrfField token={csrf} />
      <input type="hidden" name="retning" value={direction} />
      <button type="submit" class="button button-tertiary">
        {label}
        <span class="sr-only">: {named}</span>
      </button>
    </form>
  );
  return (
    <div>
      {first ? null : button('op', m['session.list.up'], m['session.list.named'](session.ordinal))}
      {last ? null : button('ned', m['session.list.down'], m['session.list.named'](session.ordinal))}
    </div>
  );
}

function summaryOf(errors: SessionErrors, fields: readonly string[]) {
  return fields.flatMap((field) => {
    const message = errors[field as keyof SessionErrors];
    return message ? [{ field, message }] : [];
  });
}

function pageTitle(m: SessionMessages, title: string, errors: SessionErrors) {
  return Object.keys(errors).length > 0 ? `${m['session.errorPrefix']}: ${title}` : title;
}

/** The venue choices: the series' own venue first (as ''), then every venue. */
function venueOptions(m: SessionMessages, venues: Choice[], seriesVenue: string | null) {
  return [
    {
      value: '',
      label: seriesVenue ? m['session.form.seriesVenue'](seriesVenue) : m['session.form.seriesVenueNone'],
    },
    ...venues.map((v) => ({ value: v.id, label: v.label })),
  ];
}

export function sessionFormPage(
  ctx: PageContext,
  model: {
    series: { slug: string; title: string };
    /** Null: a new session. */
    session: SessionForEditing | null;
    values: SessionValues;
    errors?: SessionErrors;
    experts: Choice[];
    venues: Choice[];
    seriesVenue: string | null;
    csrf: string;
  },
): string {
  const m = sessionMessages(ctx.lang);
  const errors = model.errors ?? {};
  const v = model.values;
  const title = model.session
    ? m['session.form.editTitle'](model.session.ordinal)
    : m['session.form.newTitle'];
  const action = model.session
    ? sessionAdminPath(model.session.id)
    : `${seriesSessionsPath(model.series.slug)}/ny`;
  const common = { errorPrefix: m['session.errorPrefix'] };
  return renderPage({
    ctx,
    title: pageTitle(m, title, errors),
    crumbs: crumbs(m, model.series, title),
    children: (
      <>
        <h1>{title}</h1>
        <ErrorSummary heading={m['session.errorSummary']} errors={summaryOf(errors, SESSION_FIELDS)} />
        {model.session ? <p>{m['session.form.tellsHint']}</p> : null}
        <form method="post" action={href(ctx, action)} novalidate>
          <CsrfField token={model.csrf} />
          <TextField
            {...common}
            name="questionDa"
            label={m['session.form.questionDa']}
            hint={m['session.form.questionHint']}
            value={v.questionDa}
            error={errors.questionDa}
            maxLength={QUESTION_MAX}
            required
            width="xl"
          />
          <TextField
            {...common}
            name="questionEn"
            label={m['session.form.questionEn']}
            value={v.questionEn}
            error={errors.questionEn}
            maxLength={QUESTION_MAX}
            required
            width="xl"
          />
          <TextField
            {...common}
            name="descriptionDa"
            label={m['session.form.descriptionDa']}
            value={v.descriptionDa}
            error={errors.descriptionDa}
            maxLength={DESCRIPTION_MAX}
            multiline
            optionalText={m['session.optional']}
          />
          <TextField
            {...common}
            name="descriptionEn"
            label={m['session.form.descriptionEn']}
            value={v.descriptionEn}
            error={errors.descriptionEn}
            maxLength={DESCRIPTION_MAX}
            multiline
            optionalText={m['session.optional']}
          />
          <SelectField
            {...common}
            name="expertId"
            label={m['session.form.expert']}
            value={v.expertId}
            error={errors.expertId}
            options={[
              { value: '', label: m['session.form.noExpert'] },
              ...model.experts.map((p) => ({ value: p.id, label: p.label })),
            ]}
            optionalText={m['session.optional']}
          />
          <TextField
            {...common}
            name="day"
            label={m['session.form.day']}
            hint={m['session.form.dayHint']}
            value={v.day}
            error={errors.day}
            required
            width="s"
          />
          <TextField
            {...common}
            name="startTime"
            label={m['session.form.startTime']}
            hint={m['session.form.timeHint']}
            value={v.startTime}
            error={errors.startTime}
            required
            width="xs"
          />
          <TextField
            {...common}
            name="endTime"
            label={m['session.form.endTime']}
            hint={m['session.form.timeHint']}
            value={v.endTime}
            error={errors.endTime}
            required
            width="xs"
          />
          <RadioGroup
            {...common}
            name="mode"
            label={m['session.form.mode']}
            value={v.mode}
            error={errors.mode}
            options={[
              { value: 'in_person', label: m['session.form.mode.in_person'] },
              { value: 'online', label: m['session.form.mode.online'] },
            ]}
          />
          <SelectField
            {...common}
            name="venueId"
            label={m['session.form.venue']}
            hint={m['session.form.venueHint']}
            value={v.venueId}
            error={errors.venueId}
            options={venueOptions(m, model.venues, model.seriesVenue)}
          />
          <TextField
            {...common}
            name="meetingUrl"
            type="url"
            label={m['session.form.meetingUrl']}
            hint={m['session.form.meetingUrlHint']}
            value={v.meetingUrl}
            error={errors.meetingUrl}
            maxLength={MEETING_URL_MAX}
            width="xl"
          />
          <button type="submit" class="button button-primary">
            {model.session ? m['session.form.save'] : m['session.form.add']}
          </button>
        </form>
        <p class="holdet-back">
          <a href={href(ctx, seriesSessionsPath(model.series.slug))}>{m['session.form.back']}</a>
        </p>
      </>
    ),
  });
}

/** One-purpose forms: online (the link), back to in person (the venue), cancel (a note). */
export function sessionActionPage(
  ctx: PageContext,
  model: {
    kind: 'online' | 'in-person' | 'cancel';
    series: { slug: string; title: string };
    session: SessionForEditing;
    value: string;
    error?: string;
    venues: Choice[];
    seriesVenue: string | null;
    csrf: string;
  },
): string {
  const m = sessionMessages(ctx.lang);
  const { session, kind } = model;
  const n = session.ordinal;
  const texts = {
    online: {
      title: m['session.online.title'](n),
      intro: m['session.online.intro'],
      save: m['session.online.save'],
      field: 'meetingUrl',
    },
    'in-person': {
      title: m['session.inPerson.title'](n),
      intro: m['session.inPerson.intro'],
      save: m['session.inPerson.save'],
      field: 'venueId',
    },
    cancel: {
      title: m['session.cancel.title'](n),
      intro: m['session.cancel.intro'],
      save: m['session.cancel.save'],
      field: 'note',
    },
  }[kind];
  const path = `${sessionAdminPath(session.id)}/${kind === 'online' ? 'online' : kind === 'cancel' ? 'aflys' : 'fremmoede'}`;
  const common = { errorPrefix: m['session.errorPrefix'] };
  const errors = model.error ? [{ field: texts.field, message: model.error }] : [];
  return renderPage({
    ctx,
    title: model.error ? `${m['session.errorPrefix']}: ${texts.title}` : texts.title,
    crumbs: crumbs(m, model.series, texts.title),
    children: (
      <>
        <h1>{texts.title}</h1>
        <ErrorSummary heading={m['session.errorSummary']} errors={errors} />
        <p class="font-lead">
          {formatDateLong(session.startsAt, ctx.lang)}{' '}
          {formatTimeRange(session.startsAt, session.endsAt, ctx.lang)}:{' '}
          {ctx.lang === 'da' ? session.questionDa : session.questionEn}
        </p>
        <p>{texts.intro}</p>
        <form method="post" action={href(ctx, path)} novalidate>
          <CsrfField token={model.csrf} />
          {kind === 'online' ? (
            <TextField
              {...common}
              name="meetingUrl"
              type="url"
              label={m['session.form.meetingUrl']}
              hint={m['session.form.meetingUrlHint']}
              value={model.value}
              error={model.error}
              maxLength={MEETING_URL_MAX}
              required
              width="xl"
            />
          ) : kind === 'in-person' ? (
            <SelectField
              {...common}
              name="venueId"
              label={m['session.form.venue']}
              value={model.value}
              error={model.error}
              options={venueOptions(m, model.venues, model.seriesVenue)}
            />
          ) : (
            <TextField
              {...common}
              name="note"
              label={m['session.cancel.note']}
              hint={m['session.cancel.noteHint']}
              value={model.value}
              error={model.error}
              maxLength={NOTE_MAX}
              multiline
              optionalText={m['session.optional']}
            />
          )}
          <button type="submit" class="button button-primary">
            {texts.save}
          </button>
        </form>
        <p class="holdet-back">
          <a href={href(ctx, seriesSessionsPath(model.series.slug))}>{m['session.form.back']}</a>
        </p>
      </>
    ),
  });
}
