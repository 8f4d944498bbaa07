import { type ComponentChildren, createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { withoutNul } from './form-guard.ts';
import { type Lang, messages } from './i18n.ts';

// Form controls in Det Fælles Designsystem's markup, with the error next to the field, `aria-invalid`,
// and hints and errors tied to the control by `aria-describedby`. Values are shown as typed.

interface FieldBase {
  name: string;
  label: string;
  hint?: string;
  /** The message to show, already translated. */
  error?: string;
  errorPrefix: string;
  /**
   * How a message names the field when its label does not read as a name (a question, "Fakturakontakt:
   * navn"); the label otherwise.
   */
  errorLabel?: string;
}

/** The fields of a posted form that carried a NUL byte, and the messages of those the page shows. */
export interface Refused {
  lang: Lang;
  fields: ReadonlySet<string>;
  /** Field → its message, naming the field; filled in as the fields render (the summary's second pass). */
  named: Map<string, string>;
}

/** Given by renderPage when the request had refused fields (see form-guard.ts). */
export const RefusedFields = createContext<Refused | null>(null);

export function refusedFields(lang: Lang, fields: readonly string[]): Refused {
  return { lang, fields: new Set(fields), named: new Map() };
}

type Control = 'text' | 'radio' | 'checkbox';

/** The message of a refused field, naming it; a checkbox is named by its whole label, in quotes. */
function refusedMessage(lang: Lang, control: Control, field: FieldBase): string {
  const m = messages(lang);
  const name = field.errorLabel ?? field.label;
  if (control === 'radio') return m['form.invalidChoice'](name);
  if (control === 'checkbox') return m['form.invalidTick'](field.label);
  return m['form.invalidChar'](name);
}

/**
 * The error a field shows: a refused field's own message, naming the field, wins over what the form's
 * parser said; its value is shown without the NUL.
 */
function useFieldState(control: Control, field: FieldBase, value?: string) {
  const refused = useContext(RefusedFields);
  if (!refused?.fields.has(field.name)) return { error: field.error, value };
  const error = refusedMessage(refused.lang, control, field);
  refused.named.set(field.name, error);
  return { error, value: value === undefined ? undefined : withoutNul(value) };
}

function describedBy(name: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function Hint({ name, hint }: { name: string; hint?: string }) {
  return hint ? (
    <span class="form-hint" id={`${name}-hint`}>
      {hint}
    </span>
  ) : null;
}

function ErrorMessage({ name, error, prefix }: { name: string; error?: string; prefix: string }) {
  return error ? (
    <span class="form-error-message" id={`${name}-error`}>
      <span class="sr-only">{prefix}: </span>
      {error}
    </span>
  ) : null;
}

export function TextField(
  props: FieldBase & {
    value?: string;
    type?: 'text' | 'email' | 'tel' | 'url' | 'date' | 'time';
    autocomplete?: string;
    required?: boolean;
    inputMode?: 'numeric' | 'text';
    maxLength?: number;
    width?: 'xs' | 's' | 'm' | 'l' | 'xl';
    multiline?: boolean;
    /** Shown after the label of a field that may be left empty, e.g. "valgfri". */
    optionalText?: string;
  },
) {
  const { name, label, hint, type = 'text', required, width, errorPrefix } = props;
  const field = useFieldState('text', props, props.value ?? '');
  const error = field.error;
  const value = field.value ?? '';
  const cls = `form-input${width ? ` input-width-${width}` : ''}`;
  return (
    <div class={`form-group${error ? ' form-error' : ''}`}>
      <label class="form-label" for={name}>
        {label}
        {!required && props.optionalText ? <span class="weight-normal"> ({props.optionalText})</span> : null}
      </label>
      <Hint name={name} hint={hint} />
      <ErrorMessage name={name} error={error} prefix={errorPrefix} />
      {props.multiline ? (
        <textarea
          class="form-input"
          id={name}
          name={name}
          rows={4}
          maxLength={props.maxLength}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy(name, hint, error)}
        >
          {value}
        </textarea>
      ) : (
        <input
          class={cls}
          id={name}
          name={name}
          type={type}
          value={value}
          autocomplete={props.autocomplete}
          inputMode={props.inputMode}
          maxLength={props.maxLength}
          aria-required={required ? 'true' : undefined}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy(name, hint, error)}
        />
      )}
    </div>
  );
}

/** A choice from a list (a venue, a person): the first option may be the empty "none". */
export function SelectField(
  props: FieldBase & {
    options: { value: string; label: string }[];
    value?: string;
    required?: boolean;
    optionalText?: string;
    /** Wider than DKFDS's default (32rem), for options with long labels (a session's question). */
    width?: 'l' | 'xl';
  },
) {
  const { name, label, hint, options, value, required, errorPrefix, width } = props;
  const { error } = useFieldState('radio', props);
  return (
    <div class={`form-group${error ? ' form-error' : ''}`}>
      <label class="form-label" for={name}>
        {label}
        {!required && props.optionalText ? <span class="weight-normal"> ({props.optionalText})</span> : null}
      </label>
      <Hint name={name} hint={hint} />
      <ErrorMessage name={name} error={error} prefix={errorPrefix} />
      <select
        class={`form-select${width ? ` input-width-${width}` : ''}`}
        id={name}
        name={name}
        aria-required={required ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(name, hint, error)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value} selected={value === o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function RadioGroup(
  props: FieldBase & { options: { value: string; label: string }[]; value?: string },
) {
  const { name, label, hint, options, value, errorPrefix } = props;
  const { error } = useFieldState('radio', props);
  // dkfds' markup: each option in its own .form-group-radio, the box that positions the drawn radio.
  return (
    <div class={`form-group${error ? ' form-error' : ''}`}>
      <fieldset aria-describedby={describedBy(name, hint, error)}>
        <legend class="form-label">{label}</legend>
        <Hint name={name} hint={hint} />
        <ErrorMessage name={name} error={error} prefix={errorPrefix} />
        {options.map((o, i) => {
          // The first option carries the field's own id, so the error summary's #name link lands on it.
          const id = i === 0 ? name : `${name}-${o.value}`;
          return (
            <div class="form-group-radio" key={o.value}>
              <input
                class="form-radio"
                type="radio"
                id={id}
                name={name}
                value={o.value}
                checked={value === o.value}
              />
              <label class="form-label" for={id}>
                {o.label}
              </label>
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

export function Checkbox(props: FieldBase & { checked?: boolean; children?: ComponentChildren }) {
  const { name, label, hint, checked, errorPrefix } = props;
  const { error } = useFieldState('checkbox', props);
  // dkfds' markup: input, label, then the hint (indented under the label) inside .form-group-checkbox,
  // the box that positions the drawn checkbox; the error above it, as for every other field.
  return (
    <div class={`form-group${error ? ' form-error' : ''}`}>
      <ErrorMessage name={name} error={error} prefix={errorPrefix} />
      <div class="form-group-checkbox">
        <input
          class="form-checkbox"
          type="checkbox"
          id={name}
          name={name}
          value="ja"
          checked={checked}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy(name, hint, error)}
        />
        <label class="form-label" for={name}>
          {label}
        </label>
        <Hint name={name} hint={hint} />
      </div>
      {props.children}
    </div>
  );
}

/**
 * The icon dkfds puts at the start of an alert (its padding leaves room for it). Decorative: the alert's
 * text says what kind of message it is.
 */
export function AlertIcon({ variant }: { variant: 'info' | 'success' | 'warning' | 'error' }) {
  return (
    <svg class="icon-svg alert-icon" focusable="false" aria-hidden="true">
      <use href={`/static/dkfds/img/all-svg-icons.svg#${variant}`} />
    </svg>
  );
}

/** The list of problems at the top of a form, each linking to its field. */
export function ErrorSummary({
  heading,
  errors,
}: {
  heading: string;
  errors: { field: string; message: string }[];
}) {
  const refused = useContext(RefusedFields);
  if (refused) {
    // Each refused field the page shows, by its name, in place of (or besides) what the parser said.
    const named = (field: string) => refused.named.get(field);
    errors = errors.map((e) => ({ ...e, message: named(e.field) ?? e.message }));
    const listed = new Set(errors.map((e) => e.field));
    for (const field of refused.named.keys()) {
      if (!listed.has(field)) errors.push({ field, message: named(field) ?? '' });
    }
  }
  if (errors.length === 0) return null;
  return (
    <div class="alert alert-error" role="alert" aria-labelledby="error-summary-heading">
      <AlertIcon variant="error" />
      <div class="alert-body">
        <h2 class="alert-heading" id="error-summary-heading">
          {heading}
        </h2>
        <ul class="alert-text nobullet-list">
          {errors.map((e) => (
            <li key={e.field}>
              <a href={`#${e.field}`}>{e.message}</a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}
