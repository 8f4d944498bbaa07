import { describe, expect, it } from 'vitest';
import { parseInviteForm, parsePersonForm, parseProfileForm, personValues } from './forms.ts';

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

describe("the organiser's person form", () => {
  it('reads the name (spaces folded) with the profile fields', () => {
    const parsed = parsePersonForm({ ...valid, name: '  Karen   Hansen ' }, 'da');
    expect(parsed).toEqual({
      ok: true,
      fields: {
        name: 'Karen Hansen',
        titleDa: 'Professor',
        titleEn: 'Professor',
        bioDa: 'Forsker i beskæftigelse.',
        bioEn: 'Researches employment.',
        links: [{ label: 'Ph.d.-studiet', url: 'https://vbn.aau.dk/da/' }],
      },
    });
  });

  it('names the name field in Danish and English, and keeps every value typed', () => {
    const none = parsePersonForm({ ...valid, name: ' ' }, 'da');
    if (none.ok) throw new Error('should fail');
    expect(none.errors).toEqual({ name: 'Udfyld navn.' });
    expect(none.values.titleDa).toBe('Professor');
    expect(none.values.link1Url).toBe('https://vbn.aau.dk/da/');
    const long = parsePersonForm({ ...valid, name: 'K'.repeat(121), titleEn: '' }, 'da');
    if (long.ok) throw new Error('should fail');
    expect(long.errors).toEqual({
      name: 'Navn må højst have 120 tegn.',
      titleEn: 'Udfyld titel (engelsk).',
    });
    expect(long.values.name).toBe('K'.repeat(121));
    const english = parsePersonForm({ ...valid, name: '' }, 'en');
    if (english.ok) throw new Error('should fail');
    expect(english.errors).toEqual({ name: 'Enter the name.' });
  });

  it('refuses what is not text without failing', () => {
    const parsed = parsePersonForm({ name: ['Karen', 'Hansen'], titleDa: { x: 1 }, titleEn: 7 }, 'da');
    if (parsed.ok) throw new Error('should fail');
    expect(parsed.values.name).toBe('Karen');
    expect(parsed.errors.titleDa).toBe('Udfyld titel (dansk).');
    expect(parsed.errors.titleEn).toBe('Udfyld titel (engelsk).');
    expect(parsePersonForm(undefined, 'da').ok).toBe(false);
  });

  it('refuses a NUL byte in any field, naming the field (PostgreSQL cannot store it)', () => {
    const parsed = parsePersonForm(
      { ...valid, name: 'Karen\u0000', link1Url: 'https://vbn.aau.dk/\u0000' },
      'da',
    );
    if (parsed.ok) throw new Error('should fail');
    expect(parsed.errors.name).toBe('Navn indeholder et tegn, der ikke kan bruges. Skriv feltet igen.');
    expect(parsed.errors.link1Url).toMatch(/^Link 1: adresse/);
    const profile = parseProfileForm({ ...valid, bioDa: 'Forsker\u0000' }, 'da');
    if (profile.ok) throw new Error('should fail');
    expect(Object.keys(profile.errors)).toEqual(['bioDa']);
  });

  it('fills the form from a saved person', () => {
    const values = personValues({
      name: 'Karen Hansen',
      titleDa: 'Lektor',
      titleEn: 'Associate professor',
      bioDa: '',
      bioEn: '',
      links: [{ label: 'Forskning', url: 'https://example.dk/' }],
    });
    expect(values.name).toBe('Karen Hansen');
    expect(values.link1Url).toBe('https://example.dk/');
    expect(values.link2Url).toBe('');
  });
});
