import { messages } from '../../../web/i18n.ts';
import type { PageContext } from '../../../web/layout.tsx';

/** The hidden fields every sign-in form carries: the CSRF token and where to go afterwards. */
export function HiddenFields({ csrf, next }: { csrf: string; next: string | null }) {
  return (
    <>
      <input type="hidden" name="_csrf" value={csrf} />
      {next ? <input type="hidden" name="next" value={next} /> : null}
    </>
  );
}

interface TextFieldProps {
  ctx: PageContext;
  name: 'email' | 'code';
  label: string;
  hint?: string;
  value: string;
  /** Already translated. */
  error?: string | undefined;
  type: 'email' | 'text';
  autocomplete: string;
  width: string;
  numeric?: boolean;
}

/** A dkfds form group: label, hint, the error next to the field, and the field described by both. */
export function TextField(p: TextFieldProps) {
  const m = messages(p.ctx.lang);
  const hintId = `${p.name}-hint`;
  const errorId = `${p.name}-error`;
  const describedBy = [p.hint ? hintId : null, p.error ? errorId : null].filter(Boolean).join(' ');
  return (
    <div class={p.error ? 'form-group form-error' : 'form-group'}>
      <label class="form-label" for={p.name}>
        {p.label}
      </label>
      {p.hint ? (
        <span class="form-hint" id={hintId}>
          {p.hint}
        </span>
      ) : null}
      {p.error ? (
        <span class="form-error-message" id={errorId}>
          <span class="sr-only">{m['auth.errorPrefix']} </span>
          {p.error}
        </span>
      ) : null}
      <input
        class={`form-input ${p.width}`}
        id={p.name}
        name={p.name}
        type={p.type}
        value={p.value}
        autocomplete={p.autocomplete}
        inputmode={p.numeric ? 'numeric' : undefined}
        spellcheck={false}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy === '' ? undefined : describedBy}
      />
    </div>
  );
}
