import { CsrfField, ErrorSummary, TextField } from '../../../web/form.tsx';
import { href, type PageContext, renderPage } from '../../../web/layout.tsx';
import {
  VENUE_CITY_MAX,
  VENUE_FIELDS,
  VENUE_NAME_MAX,
  VENUE_NOTES_MAX,
  VENUE_STREET_MAX,
  type VenueErrors,
  type VenueValues,
} from '../venue-form.ts';
import { venueMessages } from '../venue-messages.ts';
import { NEW_VENUE_PATH, VENUES_PATH, venuePath } from './venue-list.tsx';

// The organiser's venue form: create a venue, or edit one's name, address and practical notes (da/en).

export function venueFormPage(
  ctx: PageContext,
  model: {
    /** The venue edited; none: a new venue. */
    venue?: { id: string; name: string };
    values: VenueValues;
    errors?: VenueErrors;
    csrf: string;
  },
): string {
  const m = venueMessages(ctx.lang);
  const errors = model.errors ?? {};
  const summary = VENUE_FIELDS.flatMap((field) => {
    const message = errors[field];
    return message ? [{ field, message }] : [];
  });
  const { venue } = model;
  const heading = venue ? m['venue.form.editTitle'](venue.name) : m['venue.form.createTitle'];
  const common = { errorPrefix: m['venue.errorPrefix'] };
  const v = model.values;
  return renderPage({
    ctx,
    title: summary.length > 0 ? `${m['venue.errorPrefix']}: ${heading}` : heading,
    crumbs: [
      { href: '/arrangoer', label: m['venue.organiser'] },
      { href: VENUES_PATH, label: m['venue.list.title'] },
      { label: heading },
    ],
    children: (
      <>
        <h1>{heading}</h1>
        <ErrorSummary heading={m['venue.errorSummary']} errors={summary} />
        <p>{venue ? m['venue.form.editIntro'] : m['venue.form.createIntro']}</p>
        <form method="post" action={href(ctx, venue ? venuePath(venue.id) : NEW_VENUE_PATH)} novalidate>
          <CsrfField token={model.csrf} />
          <TextField
            {...common}
            name="name"
            label={m['venue.form.name']}
            hint={m['venue.form.nameHint']}
            value={v.name}
            error={errors.name}
            maxLength={VENUE_NAME_MAX}
            autocomplete="off"
            required
            width="xl"
          />
          <TextField
            {...common}
            name="street"
            label={m['venue.form.street']}
            hint={m['venue.form.streetHint']}
            value={v.street}
            error={errors.street}
            maxLength={VENUE_STREET_MAX}
            autocomplete="off"
            required
            width="xl"
          />
          <TextField
            {...common}
            name="postalCode"
            label={m['venue.form.postalCode']}
            hint={m['venue.form.postalCodeHint']}
            value={v.postalCode}
            error={errors.postalCode}
            inputMode="numeric"
            maxLength={4}
            autocomplete="off"
            required
            width="xs"
          />
          <TextField
            {...common}
            name="city"
            label={m['venue.form.city']}
            value={v.city}
            error={errors.city}
            maxLength={VENUE_CITY_MAX}
            autocomplete="off"
            required
            width="l"
          />
          <TextField
            {...common}
            name="notesDa"
            label={m['venue.form.notesDa']}
            hint={m['venue.form.notesHint'](VENUE_NOTES_MAX)}
            value={v.notesDa}
            error={errors.notesDa}
            multiline
            optionalText={m['venue.optional']}
          />
          <TextField
            {...common}
            name="notesEn"
            label={m['venue.form.notesEn']}
            hint={m['venue.form.notesHint'](VENUE_NOTES_MAX)}
            value={v.notesEn}
            error={errors.notesEn}
            multiline
            optionalText={m['venue.optional']}
          />
          <button type="submit" class="button button-primary">
            {venue ? m['venue.form.save'] : m['venue.form.create']}
          </button>
        </form>
      </>
    ),
  });
}
