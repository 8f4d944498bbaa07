import { describe, expect, it } from 'vitest';
import { base64Forms, plantedText } from './scan.ts';

describe('the planted-text scan', () => {
  it('finds a planted text inside base64 at every alignment, and not in unrelated base64', () => {
    const plant = plantedText();
    const forms = base64Forms(plant);
    expect(forms).toHaveLength(3);
    for (const before of ['', 'a', 'ab', 'abc', 'Kære deltager, ']) {
      for (const after of ['', 'x', 'xy', ' – venlig hilsen']) {
        const encoded = Buffer.from(`${before}${plant}${after}`, 'utf8').toString('base64');
        expect(
          forms.some((f) => encoded.includes(f)),
          `${before}|${after}`,
        ).toBe(true);
      }
    }
    const other = Buffer.from(`Kære deltager, ${plantedText()}`, 'utf8').toString('base64');
    expect(forms.some((f) => other.includes(f))).toBe(false);
  });
});
