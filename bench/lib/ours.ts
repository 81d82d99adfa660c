// Our library, loaded from src/ (tsx) with the release wasm from build/, and the parts of the API
// that are still being built detected at run time, so the bench picks them up without edits.
import { readFileSync } from 'node:fs';
import * as lib from '../../src/index.js';
import { getArena } from '../../src/wasm/init.js';
import type { Kernels } from '../../src/wasm/kernels.js';

export { lib };
export type { Kernels };

/** The slice of `LinearRegression` the bench uses (scikit-learn semantics, DESIGN.md). */
export interface Regressor {
  fit(X: unknown, y: unknown): unknown;
  coef: ArrayLike<number>;
  intercept: number;
  dispose?: () => void;
}
export type RegressorClass = new (options: { fitIntercept: boolean }) => Regressor;

const RELEASE_WASM = new URL('../../build/release.wasm', import.meta.url);

/** Initialises the library from build/release.wasm (run `npm run build` first). */
export async function initOurs(): Promise<Kernels> {
  await lib.init(readFileSync(RELEASE_WASM));
  return getArena().kernels;
}

/** `LinearRegression` when src/index.ts exports it, otherwise undefined. */
export function linearRegression(): RegressorClass | undefined {
  const candidate = (lib as Record<string, unknown>).LinearRegression;
  return typeof candidate === 'function' ? (candidate as RegressorClass) : undefined;
}

export const NOT_YET = 'not available yet: src/index.ts does not export `LinearRegression`';
