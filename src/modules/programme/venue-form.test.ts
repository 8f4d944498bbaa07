import { describe, expect, it } from 'vitest';
import { parseVenueForm, VENUE_FIELDS, venueValues } from './venue-form.ts';

const valid = {
  name: 'Væksthuset',
  street: 'A.C. Meyers  Vænge 15 ',
  postalCode: ' 2450',
  city: 'København SV',
  notesDa: 'Indgang fra gården.\r\nParkering i kælderen.  ',
  notesEn: '',
};

describe('the venue form', () => {
  it('reads a valid venue: spaces folded, the postcode without spaces, the notes with their lines', () => {
    expect(parseVenueForm(valid, 'da')).toEqual({
      ok: true,
      fields: {
        name: 'Væksthuset',
        street: 'A.C. Meyers Vænge 15',
        postalCode: '2450',
        city: 'København SV',
        notesDa: 'Indgang fra gården.\nParkering i kælderen.',
        notesEn: '',
      },
    });
  });

  it('names each field in Danish and keeps what was typed', () => {
    const parsed = parseVenueForm(
      { name: '', street: ' ', postalCode: '245', city: '', notesDa: 'x'.repeat(1001), notesEn: 'Ok' },
      'da',
    );
    if (parsed.ok) throw new Error('should fail');
    expect(parsed.errors).toEqual({
      name: 'Udfyld navn.',
      street: 'Udfyld adresse.',
      postalCode: 'Skriv postnummer som 4 cifre, fx 2450.',
      city: 'Udfyld by.',
      notesDa: 'Praktiske oplysninger (dansk) må højst have 1000 tegn.',
    });
    expect(parsed.values.postalCode).toBe('245');
    expect(parsed.values.notesEn).toBe('Ok');
    const missing = parseVenueForm({ ...valid, postalCode: '' }, 'da');
    if (missing.ok) throw new Error('should fail');
    expect(missing.errors).toEqual({ postalCode: 'Udfyld postnummer.' });
    for (const bad of ['24500', 'abcd', '2 45a', '-245']) {
      const r = parseVenueForm({ ...valid, postalCode: bad }, 'da');
      expect(r.ok, bad).toBe(false);
    }
  });

  it('caps lengths and speaks English on English pages', () => {
    const parsed = parseVenueForm(
      { ...valid, name: 'n'.repeat(121), street: 's'.repeat(161), city: 'c'.repeat(81), postalCode: 'x' },
      'en',
    );
    if (parsed.ok) throw new Error('should fail');
    expect(parsed.errors).toEqual({
      name: 'Name can have at most 120 characters.',
      street: 'Address can have at most 160 characters.',
      postalCode: 'Enter the postcode as 4 digits, e.g. 2450.',
      city: 'Town can have at most 80 characters.',
    });
  });

  it('takes no harm from what is not text', () => {
    const parsed = parseVenueForm({ name: ['Huset', 'Andet'], street: { a: 1 }, postalCode: 2450 }, 'da');
    if (parsed.ok) throw new Error('should fail');
    expect(parsed.values.name).toBe('Huset');
    expect(parsed.errors.street).toBe('Udfyld adresse.');
    expect(parsed.errors.postalCode).toBe('Udfyld postnummer.');
    expect(parseVenueForm(undefined, 'da').ok).toBe(false);
  });

  it('refuses a NUL byte in any field, naming the field', () => {
    const parsed = parseVenueForm({ ...valid, city: 'København\u0000', notesEn: '\u0000' }, 'da');
    if (parsed.ok) throw new Error('should fail');
    expect(parsed.errors).toEqual({
      city: 'By indeholder et tegn, der ikke kan bruges. Skriv feltet igen.',
      notesEn: 'Praktiske oplysninger (engelsk) indeholder et tegn, der ikke kan bruges. Skriv feltet igen.',
    });
  });

  it('fills the form from a saved venue, every field', () => {
    expect(Object.keys(venueValues())).toEqual([...VENUE_FIELDS]);
    expect(venueValues({ ...valid, postalCode: '2450' }).postalCode).toBe('2450');
  });
});
