import { CsrfField, ErrorSummary, TextField } from '../../../web/form.tsx';
import { href, type PageContext, renderPage } from '../../../web/layout.tsx';
import { PersonalDataConfirm } from '../../../web/personal-data-confirm.tsx';
import { consentField, workOnField } from '../forms.ts';
import { directoryMessages } from '../messages.ts';
import { DIRECTORY_CHOICES_PATH, directoryPath } from '../paths.ts';
import { WORK_ON_MAX } from '../rules.ts';
import type { DirectoryChoice, DirectoryMember } from '../service.ts';

// The directory of one hold, and the person's choices on Min side (one form, a fieldset per series).

/** /mit-hold/:slug/deltagere */
export function directoryPage(
  ctx: PageContext,
  model: { hold: { slug: string; title: string }; members: DirectoryMember[]; mayJoin: boolean },
): string {
  const m = directoryMessages(ctx.lang);
  const title = m['dir.title'];
  return renderPage({
    ctx,
    title,
    crumbs: [
      { href: '/mit-hold', label: m['dir.myHold'] },
      { href: `/mit-hold/${model.hold.slug}`, label: model.hold.title },
      { label: title },
    ],
    children: (
      <>
        <h1>{title}</h1>
        <p class="font-lead">{m['dir.intro']}</p>
        {model.mayJoin ? (
          <p>
            <a href={href(ctx, DIRECTORY_CHOICES_PATH)}>{m['dir.yourChoice']}</a>
          </p>
        ) : null}
        {model.members.length === 0 ? (
          <p>{m['dir.none']}</p>
        ) : (
          <ul class="nobullet-list holdet-materials">
            {model.members.map((p) => (
              <li key={p.accountId} class="holdet-material">
                <h2 class="h4 holdet-material-title">{p.name}</h2>
                <dl class="holdet-facts">
                  <dt>{m['dir.jobTitle']}</dt>
                  <dd>{p.jobTitle}</dd>
                  <dt>{m['dir.organisation']}</dt>
                  <dd>{p.organisation}</dd>
                  {p.workOn ? (
                    <>
                      <dt>{m['dir.workOn']}</dt>
                      <dd>{p.workOn}</dd>
                    </>
                  ) : null}
                </dl>
              </li>
            ))}
          </ul>
        )}
        <p class="holdet-back">
          <a href={href(ctx, `/mit-hold/${model.hold.slug}`)}>{m['dir.myHold']}</a>
        </p>
      </>
    ),
  });
}

/** /min-side/medlemsoversigt */
export function choicesPage(
  ctx: PageContext,
  model: {
    choices: DirectoryChoice[];
    errors?: Record<string, string>;
    warnings?: Record<string, string>;
    confirmed?: boolean;
    saved?: boolean;
    csrf: string;
  },
): string {
  const m = directoryMessages(ctx.lang);
  const title = m['dir.choices.title'];
  const errors = model.errors ?? {};
  const summary = model.choices
    .map((c) => workOnField(c.seriesId))
    .filter((f) => errors[f])
    .map((field) => ({ field, message: errors[field] ?? '' }));
  return renderPage({
    ctx,
    title: summary.length > 0 ? `${m['dir.errorPrefix']}: ${title}` : title,
    crumbs: [{ href: '/min-side', label: m['dir.myPage'] }, { label: title }],
    children: (
      <>
        <ErrorSummary heading={m['dir.errorSummary']} errors={summary} />
        {model.saved ? (
          <div class="alert alert-success" role="status">
            <div class="alert-body">
              <p class="alert-text">{m['dir.choices.saved']}</p>
            </div>
          </div>
        ) : null}
        <h1>{title}</h1>
        <p class="font-lead">{m['dir.choices.intro']}</p>
        {model.choices.length === 0 ? (
          <p>{m['dir.choices.none']}</p>
        ) : (
          <form method="post" action={href(ctx, DIRECTORY_CHOICES_PATH)} novalidate>
            <CsrfField token={model.csrf} />
            {model.choices.map((c) => (
              <fieldset key={c.seriesId} class="holdet-hold-section">
                <legend class="h3">{c.title}</legend>
                <div class="form-group">
                  <div class="form-group-checkbox">
                    <input
                      class="form-checkbox"
                      type="checkbox"
                      id={consentField(c.seriesId)}
                      name={consentField(c.seriesId)}
                      value="ja"
                      checked={c.consent}
                    />
                    <label class="form-label" for={consentField(c.seriesId)}>
                      {m['dir.choices.consent']}
                    </label>
                  </div>
                </div>
                <TextField
                  name={workOnField(c.seriesId)}
                  label={m['dir.choices.workOn']}
                  hint={m['dir.choices.workOnHint'](WORK_ON_MAX)}
                  value={c.workOn}
                  error={errors[workOnField(c.seriesId)]}
                  errorPrefix={m['dir.errorPrefix']}
                  optionalText={m['dir.optional']}
                  multiline
                  maxLength={WORK_ON_MAX}
                />
                <p>
                  <a href={href(ctx, directoryPath(c.slug))}>
                    {m['dir.choices.see']}
                    <span class="sr-only">: {c.title}</span>
                  </a>
                </p>
              </fieldset>
            ))}
            {model.warnings && Object.keys(model.warnings).length > 0 ? (
              <PersonalDataConfirm
                lang={ctx.lang}
                warnings={model.warnings}
                checked={model.confirmed ?? false}
              />
            ) : null}
            <button type="submit" class="button button-primary">
              {m['dir.choices.save']}
            </button>
          </form>
        )}
      </>
    ),
  });
}
