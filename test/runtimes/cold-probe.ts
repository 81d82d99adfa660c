// The cold-start probe bench/cold-start.ts runs in each runtime: import the package, init(), one
// small fit, timed from before the import. (workerd freezes its clocks while a request runs, so
// there only the wall time from outside means anything.)
import { runtimeId } from './runtime-id.js';

const X = [[0, 1, 2], [0.5, 1.5, 2.5], [1, 2, 3.5], [1.5, 2.5, 3], [2, 3, 5], [2.5, 3.5, 4.5]];
const y = [1, 2, 3.2, 3.9, 5.1, 6];

/** What one cold start reports. */
export interface ColdStart { runtime: string; ms: number; what: string; check: number }

/** Import + init + first small fit, in milliseconds by this runtime's clock. */
export async function run(): Promise<ColdStart> {
  const t0 = performance.now();
  const lib = await import('linreg-wasm');
  await lib.init();
  const check = new lib.LinearRegression({ fitIntercept: true }).fit(X, y).intercept;
  return { runtime: runtimeId(), ms: performance.now() - t0, what: 'LinearRegression.fit on 6×3', check };
}
