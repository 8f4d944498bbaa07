import { CONFIRM_FIELD, type Lang } from '../shared/personal-data.ts';
import { AlertIcon } from './form.tsx';

// The confirmation a post needs when the personal-data check (src/shared/personal-data.ts) warned: the
// warning in plain words and a checkbox named CONFIRM_FIELD, inside the post's form. The fields that warned
// show their own message next to them through the form's normal error mechanism; this says what the tick
// means. Nothing when there are no warnings. DKFDS markup: a warning alert, a fieldset whose legend is the
// question, the explanation tied to the checkbox by aria-describedby.

const TEXT = {
  da: {
    legend: 'Kan en borger genkendes?',
    why:
      'Vi har fundet ord om helbred, behandling, misbrug, vold eller straf tæt på noget, der ligner et navn ' +
      'eller initialer. Sådanne oplysninger om en borger må ikke stå her, hvis andre kan regne ud, hvem det ' +
      'handler om. Fjern navnet eller initialerne og gem igen — eller sæt kryds, hvis ingen kan genkendes.',
    fields: (n: number) =>
      n === 1 ? 'Det gælder ét felt (se ved feltet).' : `Det gælder ${n} felter (se ved felterne).`,
    label: 'Jeg har læst advarslen: ingen borger kan genkendes ud fra det, jeg har skrevet',
  },
  en: {
    legend: 'Could a citizen be recognised?',
    why:
      'We found words about health, treatment, abuse, violence or criminal records close to what looks like a ' +
      'name or initials. Such information about a citizen must not be written here if others could work out ' +
      'who it is about. Remove the name or initials and save again — or tick the box if no one can be ' +
      'recognised.',
    fields: (n: number) =>
      n === 1
        ? 'This applies to one field (see the field).'
        : `This applies to ${n} fields (see the fields).`,
    label: 'I have read the warning: no citizen can be recognised from what I have written',
  },
} as const;

export function PersonalDataConfirm({
  lang,
  warnings,
  checked,
}: {
  lang: Lang;
  /** The check's warnings (field → message); nothing is rendered when there are none. */
  warnings: Record<string, string>;
  /** Whether the box was ticked when the form was sent. */
  checked: boolean;
}) {
  const count = Object.keys(warnings).length;
  if (count === 0) return null;
  const t = TEXT[lang];
  const hintId = `${CONFIRM_FIELD}-hint`;
  return (
    <div class="alert alert-warning holdet-personal-data">
      <AlertIcon variant="warning" />
      <div class="alert-body">
        <div class="form-group">
          <fieldset aria-describedby={hintId}>
            <legend class="alert-heading">{t.legend}</legend>
            <p class="alert-text" id={hintId}>
              {t.why} {t.fields(count)}
            </p>
            <div class="form-group-checkbox">
              <input
                class="form-checkbox"
                type="checkbox"
                id={CONFIRM_FIELD}
                name={CONFIRM_FIELD}
                value="ja"
                checked={checked}
                aria-describedby={hintId}
              />
              <label class="form-label" for={CONFIRM_FIELD}>
                {t.label}
              </label>
            </div>
          </fieldset>
        </div>
      </div>
    </div>
  );
}
