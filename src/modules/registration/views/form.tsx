import { AlertIcon, Checkbox, CsrfField, ErrorSummary, RadioGroup, TextField } from '../../../web/form.tsx';
import { href, type PageContext, renderPage } from '../../../web/layout.tsx';
import { seriesPath } from '../../series/service.ts';
import { errorText, fieldLabel, fieldName, regMessages } from '../messages.ts';
import {
  type FieldErrors,
  type FormValues,
  MANAGEMENT_LEVELS,
  ORGANISATION_TYPES,
  REGISTRATION_FIELDS,
  type RegistrationFormField,
} from '../schemas.ts';

export interface FormPageModel {
  seriesSlug: string;
  seriesTitle: string;
  waitlist: boolean;
  values: FormValues;
  errors: FieldErrors;
  csrf: string;
}

export function registrationFormPage(ctx: PageContext, model: FormPageModel): string {
  const m = regMessages(ctx.lang);
  const { values, errors } = model;
  const err = (f: RegistrationFormField) => {
    const key = errors[f];
    return key ? errorText(ctx.lang, f, key) : undefined;
  };
  // Label, error and value of a field; messages name it as errorText does (fieldName, capitalised).
  const common = (f: RegistrationFormField) => {
    const name = fieldName(ctx.lang, f);
    return {
      name: f,
      label: fieldLabel(ctx.lang, f),
      errorLabel: name.charAt(0).toLocaleUpperCase(ctx.lang) + name.slice(1),
      error: err(f),
      errorPrefix: m['reg.errorPrefix'],
      value: values[f] ?? '',
    };
  };
  const optional = { optionalText: m['reg.optional'] };
  const summary = REGISTRATION_FIELDS.filter((f) => errors[f]).map((f) => ({
    field: f,
    message: err(f) ?? '',
  }));
  const title = `${m['reg.title']}: ${model.seriesTitle}`;
  return renderPage({
    ctx,
    title: summary.length > 0 ? `${m['reg.errorPrefix']}: ${title}` : title,
    crumbs: [{ href: seriesPath(model.seriesSlug), label: model.seriesTitle }, { label: m['reg.title'] }],
    children: (
      <>
        <h1>{title}</h1>
        <p class="font-lead">{m['reg.lead']}</p>
        {model.waitlist ? (
          <div class="alert alert-warning">
            <AlertIcon variant="warning" />
            <div class="alert-body">
              <p class="alert-text">{m['reg.full']}</p>
            </div>
          </div>
        ) : null}
        <ErrorSummary heading={m['reg.errorSummary']} errors={summary} />
        <form method="post" action={href(ctx, `/serier/${model.seriesSlug}/tilmelding`)} novalidate>
          <CsrfField token={model.csrf} />
          <fieldset class="holdet-fieldset">
            <legend class="h2">{m['reg.participant']}</legend>
            <p class="form-hint">{m['reg.participantHint']}</p>
            <TextField {...common('participant_name')} autocomplete="name" required maxLength={200} />
            <TextField
              {...common('participant_email')}
              hint={m['reg.emailHint']}
              type="email"
              autocomplete="email"
              required
              maxLength={254}
            />
            <TextField
              {...common('participant_phone')}
              {...optional}
              type="tel"
              autocomplete="tel"
              width="m"
            />
            <TextField {...common('job_title')} autocomplete="organization-title" required />
            <RadioGroup
              {...common('management_level')}
              options={MANAGEMENT_LEVELS.map((v) => ({ value: v, label: m[`reg.level.${v}`] }))}
            />
            <RadioGroup
              {...common('organisation_type')}
              options={ORGANISATION_TYPES.map((v) => ({ value: v, label: m[`reg.orgType.${v}`] }))}
            />
          </fieldset>

          <fieldset class="holdet-fieldset">
            <legend class="h2">{m['reg.invoice']}</legend>
            <TextField {...common('organisation_name')} autocomplete="organization" required />
            <TextField {...common('cvr')} hint={m['reg.cvrHint']} inputMode="numeric" width="s" required />
            <TextField {...common('address_street')} autocomplete="street-address" required />
            <TextField
              {...common('address_postal_code')}
              autocomplete="postal-code"
              inputMode="numeric"
              width="xs"
              required
            />
            <TextField {...common('address_city')} autocomplete="address-level2" required />
            <RadioGroup
              {...common('public_buyer')}
              options={[
                { value: 'ja', label: m['reg.yes'] },
                { value: 'nej', label: m['reg.no'] },
              ]}
            />
            <TextField
              {...common('ean')}
              {...optional}
              hint={m['reg.eanHint']}
              inputMode="numeric"
              width="m"
            />
            <TextField {...common('person_reference')} {...optional} hint={m['reg.personReferenceHint']} />
            <TextField {...common('order_number')} {...optional} />
            <TextField {...common('kontostreng')} {...optional} />
            <TextField {...common('invoice_contact_name')} hint={m['reg.invoiceContactHint']} required />
            <TextField {...common('invoice_contact_email')} type="email" required />
          </fieldset>

          <fieldset class="holdet-fieldset">
            <legend class="h2">{m['reg.other']}</legend>
            <TextField
              {...common('dietary_needs')}
              {...optional}
              hint={m['reg.dietaryHint']}
              multiline
              maxLength={500}
            />
            <Checkbox {...common('directory_consent')} checked={values.directory_consent === 'ja'} />
            <Checkbox
              {...common('accept_terms')}
              hint={m['reg.termsHint']}
              checked={values.accept_terms === 'ja'}
            />
            <p>
              {m['reg.privacy']} <a href={href(ctx, '/privatliv')}>{m['reg.privacyLink']}</a>.
            </p>
          </fieldset>
          <button type="submit" class="button button-primary">
            {model.waitlist ? m['reg.submitWaitlist'] : m['reg.submit']}
          </button>
        </form>
      </>
    ),
  });
}
