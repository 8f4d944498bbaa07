import { describe, expect, it } from 'vitest';
import { parseInviteForm, parseProfileForm } from './forms.ts';

const valid = {
  titleDa: 'Professor',
  titleEn: 'Professor',
  bioDa: 'Forsker i beskæftigelse.',
  bioEn: 'Researches employment.',
  link1Label: 'Ph.d.-studiet',
  link1Url: 'https://vbn.aau.dk/da/',
};

describe('the profile form', () => {
  it('reads a valid profile, skipping empty link rows', () => {
    const parsed = parseProfileForm({ ...valid, link2Label: ' ', link2Url: '' }, 'da');
    expect(parsed).toEqual({
      ok: true,
      fields: {
        titleDa: 'Professor',
        titleEn: 'Professor',
        bioDa: 'Forsker i beskæftigelse.',
        bioEn: 'Researches employment.',
        links: [{ label: 'Ph.d.-studiet', url: 'https://vbn.aau.dk/da/' }],
      },
    });
  });

  it('names each field in its message and keeps what was typed', () => {
    const parsed = parseProfileForm(
      {
        ...valid,
        titleDa: '',
        bioEn: 'x'.repeat(1201),
        link1Url: 'http://vbn.aau.dk/',
        link2Label: '',
        link2Url: 'https://example.dk/',
        link3Label: 'Uden adresse',
      },
      'da',
    );
    if (parsed.ok) throw new Error('should fail');
    expect(parsed.errors).toEqual({
      titleDa: 'Udfyld titel (dansk).',
      bioEn: 'Kort præsentation (engelsk) må højst have 1200 tegn.',
      link1Url: 'Link 1: adresse skal være en gyldig adresse, der begynder med https://.',
      link2Label: 'Udfyld link 2: tekst.',
      link3Url: 'Udfyld link 3: adresse.',
    });
    expect(parsed.values.link1Url).toBe('http://vbn.aau.dk/');
    expect(parsed.values.bioDa).toBe(valid.bioDa);
    expect(parsed.values.link3Label).toBe('Uden adresse');
  });

  it('speaks English on English pages', () => {
    const parsed = parseProfileForm({ ...valid, titleEn: ' ' }, 'en');
    if (parsed.ok) throw new Error('should fail');
    expect(parsed.errors).toEqual({ titleEn: 'Enter the title (English).' });
  });
});

describe('the invite form', () => {
  const offered = ['facilitator:s1', 'expert:s1:x4'];

  it('needs an address and at least one of the roles offered', () => {
    expect(parseInviteForm({ email: ' Leif@Example.dk ', roles: ['expert:s1:x4'] }, offered, 'da')).toEqual({
      ok: true,
      email: 'leif@example.dk',
      roles: ['expert:s1:x4'],
    });
    const bad = parseInviteForm({ email: 'leif', roles: 'expert:other:x9' }, offered, 'da');
    expect(bad).toEqual({
      ok: false,
      values: { email: 'leif', roles: [] },
      errors: {
        email: 'Skriv e-mail som en gyldig adresse, fx navn@kommune.dk.',
        roles: 'Vælg mindst én af rollerne.',
      },
    });
    const empty = parseInviteForm(undefined, offered, 'da');
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.errors.email).toBe('Udfyld e-mail.');
  });
});
