// What a fitted LinearRegression holds, built from a solution (and rebuilt by persist.ts).

import { nullBasis } from './factor.js';
import { dependencies, rankWarning, type Dependency } from './collinearity.js';
import { fitStats, type FitStats } from './fit-stats.js';
import type { Solution } from './solve.js';

/** @internal The learned state of a LinearRegression. */
export interface Fitted {
  coef: Float64Array; intercept: number; rank: number;
  /** Weighted feature means (zeros without an intercept): the constants of the dependencies. */
  means: Float64Array;
  /** Norms of the centred (weighted) features: dependencies are read in these units. */
  scales: Float64Array;
  /** The SVD of the small factor runs on first use when the rank was certified full. */
  readonly singularValues: Float64Array;
  dependencies: Dependency[]; nullSpace: number[][]; warnings: string[]; method: 'qr' | 'normal'; stats: FitStats;
}

/** @internal The fitted state of a solution; signed zeros become +0 (so JSON round trips exactly). */
export function fitted(
  sol: Solution, names: string[], rows: number, sums: { sst: number; sumLogWeights: number }, intercept: boolean,
): Fitted {
  const f = sol.factor;
  for (let i = 0; i < sol.x.length; i++) sol.x[i] += 0;
  const nullSpace = nullBasis(f).map((v) => v.map((t) => t + 0));
  const means = new Float64Array(f.p);
  for (let j = 0; j < f.p; j++) means[j] = f.xbar[j] + 0;
  const scales = Float64Array.from(f.d);
  const deps = f.rank < f.p ? dependencies(nullSpace, names, intercept ? means : undefined, undefined, scales) : [];
  const stats = fitStats(sol, intercept ? withConst(names) : names, rows, sums.sst, sums.sumLogWeights, nullSpace, means);
  let singularValues: Float64Array | undefined;
  return {
    coef: sol.x.slice(f.k0), intercept: f.k0 ? sol.x[0] : 0, rank: f.rank, means, scales,
    get singularValues() { return (singularValues ??= f.svd.sigma.slice()); },
    dependencies: deps, nullSpace, warnings: warningsOf(f.rank, f.p, deps), method: sol.method, stats,
  };
}

// ['const', ...names], cached for the default names (a fit of tiny data makes nothing it can reuse).
const constNames = new WeakMap<string[], string[]>();
function withConst(names: string[]): string[] {
  let all = constNames.get(names);
  if (!all) constNames.set(names, (all = ['const', ...names]));
  return all;
}

/** @internal The rank warning of a fit (none at full rank). */
export function warningsOf(rank: number, p: number, deps: Dependency[]): string[] {
  return deps.length ? [rankWarning(rank, p, deps, 'X')] : [];
}
