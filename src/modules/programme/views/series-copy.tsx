import { formatDateShort, formatTimeRange } from '../../../shared/danish.ts';
import { CsrfField, ErrorSummary, TextField } from '../../../web/form.tsx';
import { href, type PageContext, renderPage } from '../../../web/layout.tsx';
import type { EditingSession } from '../../series/service.ts';
import {
  copyFormFields,
  copySessionFields,
  type FormErrors,
  type FormValues,
  TITLE_MAX,
} from '../series-forms.ts';
import { seriesEditMessages } from '../series-messages.ts';
import { copySeriesPath, editSeriesPath } from './series-edit.tsx';

// The copy form: a new address and titles, each session's proposed date and times (the same weekday a
// year later), and the registration window.

export interface CopyFormModel {
  csrf: string;
  source: { slug: string; title: string };
  /** The source's scheduled sessions, in the order the form lists them. */
  sessions: EditingSession[];
  values: FormValues;
  errors?: FormErrors;
}

export function copyFormPage(ctx: PageContext, model: CopyFormModel): string {
  const m = seriesEditMessages(ctx.lang);
  const errors = model.errors ?? {};
  const v = model.values;
  const summary = copyFormFields(model.sessions.length).flatMap((field) => {
    const message = errors[field];
    return message ? [{ field, message }] : [];
  });
  const title = m['series.copy.title'](model.source.title);
  const common = { errorPrefix: m['series.edit.errorPrefix'] };
  const field = (
    name: string,
    label: string,
    type: 'text' | 'date' | 'time',
    width: 'xs' | 's' | 'xl',
    hint?: string,
  ) => (
    <TextField
      {...common}
      name={name}
      type={type}
      label={label}
      hint={hint}
      value={v[name]}
      error={errors[name]}
      maxLength={type === 'text' ? TITLE_MAX : undefined}
      required
      width={width}
    />
  );
  return renderPage({
    ctx,
    title: summary.length > 0 ? `${m['series.edit.errorPrefix']}: ${title}` : title,
    crumbs: [
      { href: '/arrangoer', label: m['series.edit.admin'] },
      { href: editSeriesPath(model.source.slug), label: model.source.title },
      { label: m['series.edit.copy'] },
    ],
    children: (
      <>
        <h1>{title}</h1>
        <ErrorSummary heading={m['series.edit.errorSummary']} errors={summary} />
        <p>{m['series.copy.intro']}</p>
        <form method="post" action={href(ctx, copySeriesPath(model.source.slug))} novalidate>
          <CsrfField token={model.csrf} />
          {field('slug', m['series.field.slug'], 'text', 'xl', m['series.field.slugHint'])}
          {field('titleDa', m['series.field.titleDa'], 'text', 'xl')}
          {field('titleEn', m['series.field.titleEn'], 'text', 'xl')}
          <h2>{m['series.copy.sessions']}</h2>
          {model.sessions.length === 0 ? <p>{m['series.copy.noSessions']}</p> : null}
          {model.sessions.map((s, i) => {
            const n = i + 1;
            const f = copySessionFields(n);
            const was = `${formatDateShort(s.startsAt, ctx.lang)} ${formatTimeRange(s.startsAt, s.endsAt, ctx.lang)}`;
            return (
              <fieldset key={s.id}>
                <legend class="h3">
                  {m['series.edit.session'](n)}: {ctx.lang === 'da' ? s.questionDa : s.questionEn}
                </legend>
                <p class="form-hint">{m['series.copy.was'](was)}</p>
                {field(f.day, m['series.copy.day'](n), 'date', 's', m['series.field.dayHint'])}
                {field(f.start, m['series.copy.start'](n), 'time', 'xs', m['series.field.timeHint'])}
                {field(f.end, m['series.copy.end'](n), 'time', 'xs')}
              </fieldset>
            );
          })}
          <h2>{m['series.edit.window']}</h2>
          {field('opensDay', m['series.field.opensDay'], 'date', 's', m['series.field.dayHint'])}
          {field('opensTime', m['series.field.opensTime'], 'time', 'xs', m['series.field.timeHint'])}
          {field('closesDay', m['series.field.closesDay'], 'date', 's', m['series.field.dayHint'])}
          {field('closesTime', m['series.field.closesTime'], 'time', 'xs', m['series.field.timeHint'])}
          <button type="submit" class="button button-primary">
            {m['series.copy.submit']}
          </button>
        </form>
      </>
    ),
  });
}
