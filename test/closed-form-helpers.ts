// Shared helpers of the closed-form tests: the fixtures and relative-error checks.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

/** test/fixtures/closed-form.json, made by scripts/fixtures/closed_form.py. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const fixtures: any = JSON.parse(readFileSync(new URL('./fixtures/closed-form.json', import.meta.url), 'utf8'));

/** max |got − want| / max |want| (norm-wise relative error; absolute when want is 0). */
export function relError(got: ArrayLike<number>, want: ArrayLike<number>): number {
  expect(got.length).toBe(want.length);
  let num = 0, den = 0;
  for (let i = 0; i < want.length; i++) {
    num = Math.max(num, Math.abs(got[i] - want[i]));
    den = Math.max(den, Math.abs(want[i]));
  }
  return den === 0 ? num : num / den;
}

/** Asserts the norm-wise relative error is at most tol, with both arrays in the message. */
export function expectRel(got: ArrayLike<number>, want: ArrayLike<number>, tol: number, what = ''): void {
  const e = relError(got, want);
  if (!(e <= tol)) expect.fail(`${what} relative error ${e.toExponential(2)} > ${tol}: got [${Array.from(got)}] want [${Array.from(want)}]`);
}
