// Prints numbers the way the notebook's numpy did, so the lines can be compared by eye.

/** numpy's default array repr: at most 8 decimals, trailing zeros dropped, columns aligned. */
export function numpyArray(values: ArrayLike<number>): string {
  const parts = Array.from(values, (v) => {
    const [int, frac = ''] = v.toFixed(8).replace(/0+$/, '').split('.');
    return { int, frac: frac === '' ? '' : frac };
  });
  const intWidth = Math.max(...parts.map((p) => p.int.length));
  const fracWidth = Math.max(...parts.map((p) => p.frac.length));
  const cells = parts.map((p) => `${p.int.padStart(intWidth)}.${p.frac.padEnd(fracWidth)}`);
  return `[${cells.join(' ')}]`;
}

/** Python's repr of a float (shortest round-trip digits, as JS prints them). */
export function pyFloat(v: number): string {
  return Number.isInteger(v) ? v.toFixed(1) : String(v);
}
