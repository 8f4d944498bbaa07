// Money is integer øre everywhere. VAT is computed per line and rounded half away from zero.

export function assertOre(value: number): number {
  if (!Number.isSafeInteger(value)) throw new RangeError(`Money must be a whole number of øre: ${value}`);
  return value;
}

/** VAT of a net amount at a rate in basis points (2500 = 25 %), rounded to whole øre. */
export function vatOf(netOre: number, rateBp: number): number {
  assertOre(netOre);
  const exact = (netOre * rateBp) / 10_000;
  return Math.sign(exact) * Math.round(Math.abs(exact));
}

export function withVat(netOre: number, rateBp: number): number {
  return netOre + vatOf(netOre, rateBp);
}
