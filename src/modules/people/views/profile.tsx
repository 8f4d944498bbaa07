import type { Lang } from '../../../shared/danish.ts';
import { AlertIcon, CsrfField, ErrorSummary, TextField } from '../../../web/form.tsx';
import { href, type PageContext, renderPage } from '../../../web/layout.tsx';
import { LINK_NUMBERS, PROFILE_FIELDS, type ProfileErrors, type ProfileValues } from '../forms.ts';
import { peopleMessages } from '../messages.ts';
import { BIO_MAX, LINK_LABEL_MAX, LINK_URL_MAX, MAX_LINKS, TITLE_MAX } from '../rules.ts';

// A person's own public profile: title and short bio in Danish and English, and up to five links.

export const PROFILE_PATH = '/min-profil';

export function profilePage(
  ctx: PageContext,
  model: {
    name: string;
    slug: string;
    values: ProfileValues;
    errors?: ProfileErrors;
    saved?: boolean;
    csrf: string;
  },
): string {
  const m = peopleMessages(ctx.lang);
  const errors = model.errors ?? {};
  const summary = PROFILE_FIELDS.flatMap((field) => {
    const message = errors[field];
    return message ? [{ field, message }] : [];
  });
  const v = model.values;
  return renderPage({
    ctx,
    title:
      summary.length > 0
        ? `${m['people.errorPrefix']}: ${m['people.profile.title']}`
        : m['people.profile.title'],
    crumbs: [{ label: m['people.profile.title'] }],
    children: (
      <>
        <h1>{m['people.profile.title']}</h1>
        <ErrorSummary heading={m['people.errorSummary']} errors={summary} />
        {model.saved ? (
          <div class="alert alert-success" role="status">
            <AlertIcon variant="success" />
            <div class="alert-body">
              <p class="alert-text">{m['people.profile.saved']}</p>
            </div>
          </div>
        ) : null}
        <p>
          {m['people.profile.intro']}{' '}
          <a href={href(ctx, `/personer/${model.slug}`)}>{m['people.profile.publicPage']}</a>
        </p>
        <p class="font-lead">{model.name}</p>
        <form method="post" action={href(ctx, PROFILE_PATH)} novalidate>
          <CsrfField token={model.csrf} />
          <ProfileFields lang={ctx.lang} values={v} errors={errors} />
          <button type="submit" class="button button-primary">
            {m['people.profile.save']}
          </button>
        </form>
      </>
    ),
  });
}

/**
 * The profile's fields — titles, short bios and links — as /min-profil and the organiser's person form show
 * them (the same names, so one parser reads both).
 */
export function ProfileFields({
  lang,
  values: v,
  errors,
}: {
  lang: Lang;
  values: ProfileValues;
  errors: ProfileErrors;
}) {
  const m = peopleMessages(lang);
  const common = { errorPrefix: m['people.errorPrefix'] };
  return (
    <>
      <TextField
        {...common}
        name="titleDa"
        label={m['people.profile.titleDa']}
        value={v.titleDa}
        error={errors.titleDa}
        maxLength={TITLE_MAX}
        required
        width="xl"
      />
      <TextField
        {...common}
        name="titleEn"
        label={m['people.profile.titleEn']}
        value={v.titleEn}
        error={errors.titleEn}
        maxLength={TITLE_MAX}
        required
        width="xl"
      />
      <TextField
        {...common}
        name="bioDa"
        label={m['people.profile.bioDa']}
        hint={m['people.profile.bioHint'](BIO_MAX)}
        value={v.bioDa}
        error={errors.bioDa}
        multiline
        optionalText={m['people.profile.optional']}
      />
      <TextField
        {...common}
        name="bioEn"
        label={m['people.profile.bioEn']}
        hint={m['people.profile.bioHint'](BIO_MAX)}
        value={v.bioEn}
        error={errors.bioEn}
        multiline
        optionalText={m['people.profile.optional']}
      />
      <fieldset>
        <legend class="h3">{m['people.profile.links']}</legend>
        <p class="form-hint">{m['people.profile.linksHint'](MAX_LINKS)}</p>
        {LINK_NUMBERS.map((n) => (
          <div key={n}>
            <TextField
              {...common}
              name={`link${n}Label`}
              label={m['people.profile.linkLabel'](n)}
              value={v[`link${n}Label`]}
              error={errors[`link${n}Label`]}
              maxLength={LINK_LABEL_MAX}
              optionalText={m['people.profile.optional']}
              width="l"
            />
            <TextField
              {...common}
              name={`link${n}Url`}
              label={m['people.profile.linkUrl'](n)}
              value={v[`link${n}Url`]}
              error={errors[`link${n}Url`]}
              maxLength={LINK_URL_MAX}
              optionalText={m['people.profile.optional']}
              width="xl"
            />
          </div>
        ))}
      </fieldset>
    </>
  );
}
