import { AlertIcon, Checkbox, CsrfField, ErrorSummary, RadioGroup, TextField } from '../../../web/form.tsx';
import { href, type PageContext, renderPage } from '../../../web/layout.tsx';
import { seriesPath } from '../../series/views/parts.tsx';
import { errorText, regMessages } from '../messages.ts';
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
  const err = (f: RegistrationFormField) => (errors[f] ? errorText(ctx.lang, errors[f]) : undefined);
  const common = (f: RegistrationFormField) => ({
    name: f,
    error: err(f),
    errorPrefix: m['reg.errorPrefix'],
    value: values[f] ?? '',
  });
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
            <TextField
              {...common('participant_name')}
              label={m['reg.name']}
              autocomplete="name"
              required
              maxLength={200}
            />
            <TextField
              {...common('participant_email')}
              label={m['reg.email']}
              hint={m['reg.emailHint']}
              type="email"
              autocomplete="email"
              required
              maxLength={254}
            />
            <TextField
              {...common('participant_phone')}
              {...optional}
              label={m['reg.phone']}
              type="tel"
              autocomplete="tel"
              width="m"
            />
            <TextField
              {...common('job_title')}
              label={m['reg.jobTitle']}
              autocomplete="organization-title"
              required
            />
            <RadioGroup
              {...common('management_level')}
              label={m['reg.level']}
              options={MANAGEMENT_LEVELS.map((v) => ({ value: v, label: m[`reg.level.${v}`] }))}
            />
            <RadioGroup
              {...common('organisation_type')}
              label={m['reg.orgType']}
              options={ORGANISATION_TYPES.map((v) => ({ value: v, label: m[`reg.orgType.${v}`] }))}
            />
          </fieldset>

          <fieldset class="holdet-fieldset">
            <legend class="h2">{m['reg.invoice']}</legend>
            <TextField
              {...common('organisation_name')}
              label={m['reg.orgName']}
              autocomplete="organization"
              required
            />
            <TextField
              {...common('cvr')}
              label={m['reg.cvr']}
              hint={m['reg.cvrHint']}
              inputMode="numeric"
              width="s"
              required
            />
            <TextField
              {...common('address_street')}
              label={m['reg.street']}
              autocomplete="street-address"
              required
            />
            <TextField
              {...common('address_postal_code')}
              label={m['reg.postalCode']}
              autocomplete="postal-code"
              inputMode="numeric"
              width="xs"
              required
            />
            <TextField
              {...common('address_city')}
              label={m['reg.city']}
              autocomplete="address-level2"
              required
            />
            <RadioGroup
              {...common('public_buyer')}
              label={m['reg.publicBuyer']}
              options={[
                { value: 'ja', label: m['reg.yes'] },
                { value: 'nej', label: m['reg.no'] },
              ]}
            />
            <TextField
              {...common('ean')}
              {...optional}
              label={m['reg.ean']}
              hint={m['reg.eanHint']}
              inputMode="numeric"
              width="m"
            />
            <TextField
              {...common('person_reference')}
              {...optional}
              label={m['reg.personReference']}
              hint={m['reg.personReferenceHint']}
            />
            <TextField {...common('order_number')} {...optional} label={m['reg.orderNumber']} />
            <TextField {...common('kontostreng')} {...optional} label={m['reg.kontostreng']} />
            <TextField
              {...common('invoice_contact_name')}
              label={m['reg.invoiceContactName']}
              hint={m['reg.invoiceContactHint']}
              required
            />
            <TextField
              {...common('invoice_contact_email')}
              label={m['reg.invoiceContactEmail']}
              type="email"
              required
            />
          </fieldset>

          <fieldset class="holdet-fieldset">
            <legend class="h2">{m['reg.other']}</legend>
            <TextField
              {...common('dietary_needs')}
              {...optional}
              label={m['reg.dietary']}
              hint={m['reg.dietaryHint']}
              multiline
              maxLength={500}
            />
            <Checkbox
              name="directory_consent"
              label={m['reg.directory']}
              errorPrefix={m['reg.errorPrefix']}
              error={err('directory_consent')}
              checked={values.directory_consent === 'ja'}
            />
            <Checkbox
              name="accept_terms"
              label={m['reg.terms']}
              hint={m['reg.termsHint']}
              errorPrefix={m['reg.errorPrefix']}
              error={err('accept_terms')}
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
