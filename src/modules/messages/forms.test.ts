import { describe, expect, it } from 'vitest';
import { CONFIRM_FIELD } from '../../shared/personal-data.ts';
import { parseAnnouncement, parseMessage } from './forms.ts';
import { BODY_MAX, TITLE_MAX } from './rules.ts';

// The announcement and message forms without a server: every message, in both languages; the guard first.

describe('the announcement form', () => {
  it('names every missing field, in Danish and English', () => {
    const da = parseAnnouncement({}, 'da');
    expect(da.ok).toBe(false);
    if (da.ok) return;
    expect(da.errors).toEqual({
      subject: 'Skriv en overskrift',
      body: 'Skriv beskeden',
      to_participants: 'Vælg hvem der skal have beskeden',
    });
    const en = parseAnnouncement({}, 'en');
    if (en.ok) throw new Error('expected errors');
    expect(en.errors.subject).toBe('Write a heading');
  });

  it('reads the audience and keeps what was typed', () => {
    const ok = parseAnnouncement(
      { subject: ' Hej ', body: 'Tekst', to_substitutes: 'ja', to_experts: 'ja' },
      'da',
    );
    expect(ok).toEqual({
      ok: true,
      value: {
        title: 'Hej',
        bodyMd: 'Tekst',
        audience: { participants: false, substitutes: true, experts: true },
      },
    });
    const long = parseAnnouncement(
      { subject: 'x'.repeat(TITLE_MAX + 1), body: 'y'.repeat(BODY_MAX + 1), to_participants: 'ja' },
      'da',
    );
    if (long.ok) throw new Error('expected errors');
    expect(long.errors.subject).toContain(String(TITLE_MAX));
    expect(long.errors.body).toContain(String(BODY_MAX));
    expect(long.values.audience.participants).toBe(true);
  });

  it('refuses a CPR number whatever is ticked; a warning only until ticked', () => {
    const cpr = parseAnnouncement(
      { subject: 'Om 070621-1234', body: 'Tekst', to_participants: 'ja', [CONFIRM_FIELD]: 'ja' },
      'da',
    );
    if (cpr.ok) throw new Error('expected a refusal');
    expect(cpr.errors.subject).toContain('CPR');
    const warned = parseAnnouncement(
      { subject: 'Sag', body: 'K.L. er indlagt', to_participants: 'ja' },
      'da',
    );
    if (warned.ok) throw new Error('expected a warning');
    expect(Object.keys(warned.warnings)).toEqual(['body']);
    const ticked = parseAnnouncement(
      { subject: 'Sag', body: 'K.L. er indlagt', to_participants: 'ja', [CONFIRM_FIELD]: 'ja' },
      'da',
    );
    expect(ticked.ok).toBe(true);
  });
});

describe('the message form', () => {
  it('needs a text, refuses a CPR number, and lets everyday words through', () => {
    const empty = parseMessage({ body: '   ' }, 'da');
    if (empty.ok) throw new Error('expected an error');
    expect(empty.errors.body).toBe('Skriv beskeden');
    const cpr = parseMessage({ body: 'cpr 0706211234' }, 'en');
    if (cpr.ok) throw new Error('expected a refusal');
    expect(cpr.errors.body).toBeTruthy();
    expect(parseMessage({ body: 'Vi har mange sygemeldte og ledige borgere.' }, 'da').ok).toBe(true);
    expect(parseMessage({ body: 'Ring på 70 20 30 40 eller faktura 2027-0012.' }, 'da').ok).toBe(true);
  });
});
