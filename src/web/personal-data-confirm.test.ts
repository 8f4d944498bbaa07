import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { CONFIRM_FIELD, checkPersonalData } from '../shared/personal-data.ts';
import { PersonalDataConfirm } from './personal-data-confirm.tsx';

// The confirmation shown in a post's form when the personal-data check warned.

const render = (props: Parameters<typeof PersonalDataConfirm>[0]) =>
  renderToString(h(PersonalDataConfirm, props));
const warned = checkPersonalData({ body: 'K.L. er indlagt' }, false, 'da').warnings;

describe('PersonalDataConfirm', () => {
  it('renders nothing without warnings', () => {
    expect(render({ lang: 'da', warnings: {}, checked: false })).toBe('');
  });

  it('says why in plain Danish, in a fieldset with a legend, and ties the explanation to the checkbox', () => {
    const html = render({ lang: 'da', warnings: warned, checked: false });
    expect(html).toMatch(/<fieldset aria-describedby="bekraeft_personoplysninger-hint">/);
    expect(html).toContain('<legend class="alert-heading">Kan en borger genkendes?</legend>');
    expect(html).toContain('id="bekraeft_personoplysninger-hint"');
    expect(html).toContain('ord om helbred, behandling, misbrug, vold eller straf');
    expect(html).toContain('Det gælder ét felt');
    expect(html).toMatch(
      new RegExp(
        `<input[^>]*type="checkbox"[^>]*id="${CONFIRM_FIELD}"[^>]*name="${CONFIRM_FIELD}"[^>]*value="ja"`,
      ),
    );
    expect(html).toMatch(/aria-describedby="bekraeft_personoplysninger-hint"\/?>/);
    expect(html).toContain(`<label class="form-label" for="${CONFIRM_FIELD}">`);
    expect(html).not.toContain('checked');
  });

  it('keeps the tick as it was sent, and speaks English', () => {
    const html = render({ lang: 'en', warnings: { a: 'x', b: 'y' }, checked: true });
    expect(html).toMatch(/<input[^>]*checked/);
    expect(html).toContain('Could a citizen be recognised?');
    expect(html).toContain('This applies to 2 fields');
    expect(html).not.toMatch(/[æøå]/);
  });
});
