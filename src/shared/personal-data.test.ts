import { describe, expect, it } from 'vitest';
import { CONFIRM_FIELD, checkPersonalData, findCpr, sensitiveNearName } from './personal-data.ts';

describe('findCpr', () => {
  it('finds a CPR number with or without the dash', () => {
    expect(findCpr('Borgerens cpr er 070621-1234.')).toBe('070621-1234');
    expect(findCpr('cpr 0706211234')).toBe('0706211234');
  });
  it('refuses dates that do not exist', () => {
    expect(findCpr('310299-1234')).toBeNull();
  });
});

describe('sensitiveNearName', () => {
  it('finds sensitive words near initials', () => {
    expect(sensitiveNearName('K.L. er indlagt')).toEqual(['indlagt']);
  });
  it('leaves the field’s everyday words alone', () => {
    expect(sensitiveNearName('Mange sygemeldte og ledige borgere')).toEqual([]);
  });
});

describe('checkPersonalData', () => {
  it('refuses a CPR and warns of sensitive words', () => {
    const check = checkPersonalData({ a: '070621-1234', b: 'Peter er dømt' }, true, 'da');
    expect(Object.keys(check.errors)).toEqual(['a']);
    expect(Object.keys(check.warnings)).toEqual(['b']);
    expect(check.ok).toBe(false);
    expect(CONFIRM_FIELD).toBe('bekraeft_personoplysninger');
  });
});
