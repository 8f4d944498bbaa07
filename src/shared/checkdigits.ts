// Danish business identifiers. The official e-invoice rules do not check these digits; Holdet must.

/** CVR: 8 digits, first 1–9, weights 2,7,6,5,4,3,2,1, weighted sum divisible by 11. */
export function isValidCvr(value: string): boolean {
  if (!/^[1-9]\d{7}$/.test(value)) return false;
  const weights = [2, 7, 6, 5, 4, 3, 2, 1];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(value[i]) * (weights[i] ?? 0);
  return sum % 11 === 0;
}

/** GS1 check digit over the first 12 digits of a GLN/EAN-13: weights 3,1,3,1… from the rightmost. */
export function gs1CheckDigit(first12: string): number {
  if (!/^\d{12}$/.test(first12)) throw new RangeError('A GLN check digit needs 12 digits');
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const fromRight = 11 - i;
    sum += Number(first12[i]) * (fromRight % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** EAN/GLN location number: 13 digits with a valid GS1 check digit. */
export function isValidGln(value: string): boolean {
  return /^\d{13}$/.test(value) && gs1CheckDigit(value.slice(0, 12)) === Number(value[12]);
}

/** Strips the spaces and separators people type into numbers (`1234 5678`, `DK-12345678`). */
export function normaliseDigits(value: string): string {
  return value.replace(/^DK[\s-]?/i, '').replace(/[\s.-]/g, '');
}
