// The bridge to the `linreg-wasm/stats` entry: it registers its functions here when imported, so
// the core never imports the distributions library.

import type { LinearRegression } from './linear-regression.js';
import type { MatrixInput } from '../memory/borrow.js';
import type { Summary, SummaryOptions } from '../stats/summary.js';
import type { PredictionIntervals } from '../stats/predict-interval.js';

/** @internal What the `linreg-wasm/stats` entry installs (kept out of the core bundle). */
export interface StatsHooks {
  summary(model: LinearRegression, options?: SummaryOptions): Summary;
  predictInterval(model: LinearRegression, X: MatrixInput, options?: SummaryOptions): PredictionIntervals;
}
let hooks: StatsHooks | undefined;

/** @internal Called by `linreg-wasm/stats` when it is imported. */
export function registerStats(h: StatsHooks): void {
  hooks = h;
}

/** @internal The registered hooks, or a TypeError saying which import is missing. */
export function statsHooks(what: string): StatsHooks {
  if (!hooks) {
    throw new TypeError(`${what}() needs the statistics entry: import { summary } from 'linreg-wasm/stats' (or import 'linreg-wasm/stats' once); it holds the t and F distributions, kept out of the core bundle`);
  }
  return hooks;
}

