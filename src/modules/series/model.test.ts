import { describe, expect, it } from 'vitest';
import { toPerson, toSummary, toVenue } from './model.ts';
import type { SummaryRow } from './queries.ts';

// Rows become domain objects: camelCase, the language picked, nothing the public must not see.

const at = '2026-01-01T00:00:00.000Z';

describe('series model', () => {
  it('turns a person row into the person a page shows, in its language', () => {
    const row = {
      id: 'p1',
      organiser_id: 'o1',
      slug: 'anne',
      name: 'Anne',
      title_da: 'Lektor',
      title_en: 'Associate professor',
      bio_da: 'Forsker i ledelse.',
      bio_en: 'Researches management.',
      photo_url: null,
      account_id: null,
      links: '[]',
      created_at: at,
      updated_at: at,
    };
    expect(toPerson(row, 'en')).toEqual({
      id: 'p1',
      slug: 'anne',
      name: 'Anne',
      title: 'Associate professor',
      bio: 'Researches management.',
      photoUrl: null,
      links: [],
    });
    expect(toPerson(row, 'da').title).toBe('Lektor');
    expect(Object.keys(toPerson(row, 'da'))).not.toContain('organiser_id');
  });

  it('gives a venue camelCase fields and its practical notes in the language asked for', () => {
    const row = {
      id: 'v1',
      organiser_id: 'o1',
      name: 'Huset',
      street: 'Gade 2',
      postal_code: '1000',
      city: 'København K',
      notes_da: 'Indgang fra gården.',
      notes_en: 'Entrance from the courtyard.',
      created_at: at,
      updated_at: at,
    };
    expect(toVenue(row, 'da')).toEqual({
      id: 'v1',
      name: 'Huset',
      street: 'Gade 2',
      postalCode: '1000',
      city: 'København K',
      notes: 'Indgang fra gården.',
    });
    expect(toVenue(row, 'en').notes).toBe('Entrance from the courtyard.');
  });

  it('counts claimed seats into seats left, the state and the stamp', () => {
    const row = {
      id: 's1',
      slug: 'hold',
      title_da: 'Hold',
      title_en: 'Cohort',
      summary_da: 'Kort',
      summary_en: 'Short',
      capacity: 15,
      price_ore: 1_000_000,
      vat_rate_bp: 2500,
      status: 'published',
      version: 3,
      registration_opens_at: '2025-01-01T00:00:00.000Z',
      registration_closes_at: '2027-01-01T00:00:00.000Z',
      claimed: 15,
      awaiting: 2,
      first_starts_at: '2027-02-01T08:00:00.000Z',
      last_ends_at: '2027-05-01T15:00:00.000Z',
      session_count: 4,
    } as SummaryRow;
    const s = toSummary(row, 'en', new Date(at));
    expect(s).toMatchObject({
      title: 'Cohort',
      seatsLeft: 0,
      awaitingSeats: 2,
      state: 'waitlist',
      priceInclVatOre: 1_250_000,
    });
    expect(s.stamp).toBe('s1:3:15:2:waitlist');
    expect(toSummary({ ...row, claimed: 14 }, 'en', new Date(at))).toMatchObject({
      seatsLeft: 1,
      state: 'open',
    });
  });
});
