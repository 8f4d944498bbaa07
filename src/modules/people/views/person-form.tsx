import { CsrfField, ErrorSummary, TextField } from '../../../web/form.tsx';
import { href, type PageContext, renderPage } from '../../../web/layout.tsx';
import { PERSON_FIELDS, type ProfileErrors, type ProfileValues } from '../forms.ts';
import { peopleMessages } from '../messages.ts';
import { NAME_MAX } from '../rules.ts';
import { editPersonPath, NEW_PERSON_PATH, PEOPLE_ADMIN_PATH } from './admin.tsx';
import { ProfileFields } from './profile.tsx';

// The organiser's form for a public person: create one, or edit one's name, titles, bios and links.

export function personFormPage(
  ctx: PageContext,
  model: {
    /** The person edited; none: a new person. */
    person?: { slug: string; name: string };
    values: ProfileValues;
    errors?: ProfileErrors;
    csrf: string;
  },
): string {
  const m = peopleMessages(ctx.lang);
  const errors = model.errors ?? {};
  const summary = PERSON_FIELDS.flatMap((field) => {
    const message = errors[field];
    return message ? [{ field, message }] : [];
  });
  const { person } = model;
  const heading = person ? m['people.form.editTitle'](person.name) : m['people.form.createTitle'];
  const action = person ? editPersonPath(person.slug) : NEW_PERSON_PATH;
  const crumbs = [
    { href: '/arrangoer', label: m['people.organiser'] },
    { href: PEOPLE_ADMIN_PATH, label: m['people.list.title'] },
    ...(person ? [{ href: `${PEOPLE_ADMIN_PATH}/${person.slug}`, label: person.name }] : []),
    { label: person ? m['people.page.edit'] : m['people.form.createTitle'] },
  ];
  return renderPage({
    ctx,
    title: summary.length > 0 ? `${m['people.errorPrefix']}: ${heading}` : heading,
    crumbs,
    children: (
      <>
        <h1>{heading}</h1>
        <ErrorSummary heading={m['people.errorSummary']} errors={summary} />
        <p>{person ? m['people.form.editIntro'] : m['people.form.createIntro']}</p>
        <form method="post" action={href(ctx, action)} novalidate>
          <CsrfField token={model.csrf} />
          <TextField
            name="name"
            label={m['people.form.name']}
            hint={m['people.form.nameHint']}
            value={model.values.name}
            error={errors.name}
            errorPrefix={m['people.errorPrefix']}
            maxLength={NAME_MAX}
            autocomplete="off"
            required
            width="xl"
          />
          <ProfileFields lang={ctx.lang} values={model.values} errors={errors} />
          <button type="submit" class="button button-primary">
            {person ? m['people.form.save'] : m['people.form.create']}
          </button>
        </form>
      </>
    ),
  });
}
