// What a fitted LinearRegression holds, built from a solution (and rebuilt by persist.ts).

import { nullBasis, type Factor } from './factor.js';
import { dependencies, rankWarning, type Dependency } from './collinearity.js';
import { fitStats, type FitStats } from './fit-stats.js';
import type { Solution } from './solve.js';
import type { Problem } from './problem.js';
import { implicitConstant } from './implicit-constant.js';
import { residualStats } from './residual-stats.js';

/** @internal The learned state of a LinearRegression. */
export interface Fitted {
  coef: Float64Array; intercept: number; rank: number;
  /** Weighted feature means (zeros without an intercept): the constants of the dependencies. */
  readonly means: Float64Array;
  /** Norms of the centred (weighted) features: dependencies are read in these units. */
  readonly scales: Float64Array;
  /** The SVD of the small factor runs on first use when the rank was certified full. */
  readonly singularValues: Float64Array;
  dependencies: Dependency[]; nullSpace: number[][]; warnings: string[]; method: 'qr' | 'normal'; stats: FitStats;
  /** The factor of the fit (absent for a model loaded from JSON). */
  readonly factor?: Factor;
}

/** @internal The fitted state of a solution; signed zeros become +0 (so JSON round trips exactly). */
export function fitted(
  sol: Solution, names: string[], rows: number, sums: { sst: number; sumLogWeights: number }, intercept: boolean,
): Fitted {
  for (let i = 0; i < sol.x.length; i++) sol.x[i] += 0;
  return new SolutionFit(sol, names, rows, sums, intercept);
}

// Means, scales and singular values are made on first use: a small fit reads none of them.
class SolutionFit implements Fitted {
  readonly coef: Float64Array; readonly intercept: number; readonly rank: number;
  readonly dependencies: Dependency[]; readonly nullSpace: number[][]; readonly warnings: string[];
  readonly method: 'qr' | 'normal'; readonly stats: FitStats;
  private readonly f: Factor;
  private cached: { means?: Float64Array; scales?: Float64Array; sigma?: Float64Array } = {};

  constructor(sol: Solution, names: string[], rows: number, sums: { sst: number; sumLogWeights: number }, intercept: boolean) {
    const f = (this.f = sol.factor);
    this.coef = sol.x.subarray(f.k0);
    this.intercept = f.k0 ? sol.x[0] : 0;
    this.rank = f.rank;
    this.method = sol.method;
    this.nullSpace = nullBasis(f).map((v) => v.map((t) => t + 0));
    this.dependencies = f.rank < f.p ? dependencies(this.nullSpace, names, intercept ? this.means : undefined, undefined, this.scales) : [];
    this.warnings = warningsOf(f.rank, f.p, this.dependencies);
    this.stats = fitStats(sol, intercept ? withConst(names) : names, rows, sums.sst, sums.sumLogWeights, this.nullSpace, this.nullSpace.length ? this.means : f.xbar);
  }

  get factor(): Factor {
    return this.f;
  }

  get means(): Float64Array {
    return (this.cached.means ??= Float64Array.from({ length: this.f.p }, (_, j) => this.f.xbar[j] + 0));
  }

  get scales(): Float64Array {
    return (this.cached.scales ??= Float64Array.from(this.f.d));
  }

  get singularValues(): Float64Array {
    return (this.cached.sigma ??= this.f.svd.sigma.slice());
  }
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

/**
 * @internal What the statistics need from the data while fit() still has it: statsmodels'
 * implicit constant (fits without intercept, one cheap check and at most one pass), and with
 * `full` the residual moments and HC sandwiches (residual-stats.ts).
 */
export function addDataStatistics(s: Fitted, sol: Solution, pb: Problem, targetName: string, full: boolean): void {
  const st = s.stats;
  st.weighted = pb.w !== 0;
  st.targetName = targetName;
  if (!pb.intercept) {
    const c = implicitConstant(pb, st.normInv, sol.factor.kappaBound, sol.sums);
    if (c) { st.hasConstant = true; st.sst = c.centredSst; st.constantColumn = c.column; }
  }
  if (full) st.residuals = residualStats(pb, Float64Array.of(...(pb.intercept ? [s.intercept] : []), ...s.coef), sol.factor, st.normInv);
}
