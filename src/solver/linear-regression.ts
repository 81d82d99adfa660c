// scikit-learn's LinearRegression on the closed-form solver.

import { getArena } from '../wasm/init.js';
import { borrowMatrix, borrowVector, type MatrixInput, type VectorInput } from '../memory/borrow.js';
import { NotFittedError } from '../errors.js';
import { checkBoolean, checkOptions } from '../validate.js';
import type { Dependency } from './collinearity.js';
import { withData } from '../memory/borrow.js';
import { borrowLow, checkAnswerFinite, checkMethod, checkNames, checkRcond, checkShapes, checkWeights } from './options.js';
import { solveProblem, type SolveMethod } from './solve.js';
import type { FitStats } from './fit-stats.js';
import { fitted, type Fitted } from './fitted.js';
import { readSaved, restore, toJSON, type LinearRegressionJSON } from './persist.js';
import { problemSums, r2 } from './sums.js';
import type { Summary, SummaryOptions } from '../stats/summary.js';
import type { PredictionIntervals } from '../stats/predict-interval.js';
import { statsHooks } from './hooks.js';

/** Options of {@link LinearRegression}. */
export interface LinearRegressionOptions {
  /** Fit an unpenalised intercept (X and y are centred). Default true. */
  fitIntercept?: boolean;
  /** Factorization: 'auto' (default), 'qr' or 'normal'; see docs/closed-form.md. */
  method?: SolveMethod;
  /**
   * Relative singular-value cutoff for the rank (scipy.linalg.lstsq's `cond`, as scikit-learn
   * uses it; negative means machine precision ε). Default: no cutoff: a dependency counts when
   * it is proved to hold to rounding in double-double (docs/closed-form.md, "The rank").
   */
  rcond?: number;
  /** Also print rank warnings with console.warn (they are always in `warnings`). Default false. */
  warn?: boolean;
}

/** Options of {@link LinearRegression.fit}. */
export interface FitOptions {
  /** One non-negative weight per row (weighted least squares). */
  sampleWeight?: VectorInput;
  /** Low-order parts of X (X_exact ≈ X + xLow), for data known beyond double precision. */
  xLow?: MatrixInput;
  /** Names of the features for warnings and summary() (default x1 … xp). */
  featureNames?: string[];
}

/**
 * Ordinary (or weighted) least squares with scikit-learn semantics: `fit` returns `this`;
 * learned values exist after fit; a rank-deficient X gets the minimum-norm coefficients and a
 * warning naming the dependent columns. `summary()` (statsmodels' OLS table) needs the
 * `linreg-wasm/stats` entry.
 * @example
 * const model = new LinearRegression().fit([[1], [2], [3]], [2, 4, 6.5]);
 * model.coef; // Float64Array [2.25]
 * model.intercept; // -0.3333…
 */
export class LinearRegression {
  readonly fitIntercept: boolean;
  readonly method: SolveMethod;
  readonly rcond: number | undefined;
  readonly warn: boolean;
  private state: Fitted | undefined;

  /** @throws TypeError for unknown options or wrong kinds; RangeError for a negative rcond. */
  constructor(options?: LinearRegressionOptions) {
    const opts = checkOptions<LinearRegressionOptions>('LinearRegression', options, ['fitIntercept', 'method', 'rcond', 'warn']);
    this.fitIntercept = opts.fitIntercept === undefined ? true : checkBoolean('fitIntercept', opts.fitIntercept);
    this.method = checkMethod(opts.method);
    this.rcond = opts.rcond === undefined ? undefined : (checkRcond(opts.rcond), opts.rcond as number);
    this.warn = opts.warn === undefined ? false : checkBoolean('warn', opts.warn);
  }

  /**
   * Fits X (n×p, a `Matrix` for zero copies) to y (n). Returns `this`. A call that throws leaves
   * the estimator as it was.
   * @throws RangeError for mismatched shapes, empty data, NaN/±Infinity, bad sample weights.
   */
  fit(X: MatrixInput, y: VectorInput, options?: FitOptions): this {
    const opts = checkOptions<FitOptions>('fit', options, ['sampleWeight', 'xLow', 'featureNames']);
    const state = withData(X, y, (refX, refY) => {
      checkShapes('X', refX, refY, 'y');
      const names = checkNames('featureNames', opts.featureNames, refX.cols, 'X', 'x', 1);
      const weights = opts.sampleWeight === undefined ? null : checkWeights(opts.sampleWeight, refX.rows);
      const arena = getArena();
      const lo = borrowLow('xLow', opts.xLow, refX);
      const w = weights ? arena.alloc(weights.length * 8) : 0;
      try {
        if (weights) arena.f64(w, weights.length).set(weights);
        const pb = {
          arena, x: refX.ptr, lo: lo?.ptr ?? 0, y: refY.ptr, w, rows: refX.rows, cols: refX.cols,
          intercept: this.fitIntercept, rcond: checkRcond(this.rcond),
        };
        const sol = solveProblem(pb, this.method);
        const sums = problemSums(pb);
        checkAnswerFinite(sol, [['X', refX], ['y', refY], ['xLow', lo]], [sums.sst]);
        return fitted(sol, names, pb.rows, sums, this.fitIntercept);
      } finally {
        if (w) arena.release(w);
        lo?.release();
      }
    }, ['X', 'y']);
    this.state = state;
    if (this.warn) for (const message of state.warnings) console.warn(message);
    return this;
  }

  /** Predictions X·coef + intercept (n values). @throws NotFittedError before fit; RangeError for a wrong column count. */
  predict(X: MatrixInput): Float64Array {
    const s = this.fittedState('predict');
    const ref = borrowMatrix('X', X);
    const arena = getArena();
    let buf = 0;
    try {
      if (ref.cols !== s.coef.length) throw new RangeError(`X has ${ref.cols} columns but the model was fitted with ${s.coef.length} features`);
      buf = arena.alloc((s.coef.length + ref.rows) * 8);
      arena.f64(buf, s.coef.length).set(s.coef);
      const out = buf + s.coef.length * 8;
      arena.kernels.predict(ref.ptr, ref.rows, ref.cols, buf, s.intercept, out);
      return arena.f64(out, ref.rows).slice();
    } finally {
      if (buf) arena.release(buf);
      ref.release();
    }
  }

  /** Coefficient of determination R² of predict(X) against y (optionally weighted), as scikit-learn's score. */
  score(X: MatrixInput, y: VectorInput, options?: { sampleWeight?: VectorInput }): number {
    const opts = checkOptions<{ sampleWeight?: VectorInput }>('score', options, ['sampleWeight']);
    const pred = this.predict(X);
    const ref = borrowVector('y', y);
    try {
      const truth = ref.data();
      if (truth.length !== pred.length) throw new RangeError(`y has ${truth.length} values but X has ${pred.length} rows`);
      const w = opts.sampleWeight === undefined ? null : checkWeights(opts.sampleWeight, truth.length);
      return r2(truth, pred, w);
    } finally {
      ref.release();
    }
  }

  /**
   * statsmodels' OLS/WLS table (standard errors, t, p, intervals, R², F, likelihood, AIC/BIC):
   * see `summary` in `linreg-wasm/stats`, which must be imported once.
   * @throws NotFittedError before fit; TypeError when the stats entry was not imported.
   */
  summary(options?: SummaryOptions): Summary {
    this.fittedState('summary');
    return statsHooks('summary').summary(this, options);
  }

  /** Confidence and prediction intervals at new points (see `predictInterval` in `linreg-wasm/stats`). */
  predictInterval(X: MatrixInput, options?: SummaryOptions): PredictionIntervals {
    this.fittedState('predictInterval');
    return statsHooks('predictInterval').predictInterval(this, X, options);
  }

  /** Coefficients (p), minimum-norm when rank-deficient. @throws NotFittedError before fit. */
  get coef(): Float64Array { return this.fittedState('coef').coef; }
  /** The intercept (0 when fitIntercept is false). */
  get intercept(): number { return this.fittedState('intercept').intercept; }
  /** Rank of the (centred, weighted) X. */
  get rank(): number { return this.fittedState('rank').rank; }
  /** Singular values of the (centred, weighted) X, descending. */
  get singularValues(): Float64Array { return this.fittedState('singularValues').singularValues; }
  /** Number of features seen by fit. */
  get nFeaturesIn(): number { return this.fittedState('nFeaturesIn').coef.length; }
  /** Dependencies among the features (empty when rank = p). */
  get dependencies(): Dependency[] { return this.fittedState('dependencies').dependencies; }
  /** Orthonormal basis of the coefficient null space (p − rank vectors of length p). */
  get nullSpace(): number[][] { return this.fittedState('nullSpace').nullSpace; }
  /** Warnings of the last fit (rank deficiency, with the dependent columns). */
  get warnings(): string[] { return this.fittedState('warnings').warnings; }
  /** Which factorization the last fit used. */
  get methodUsed(): 'qr' | 'normal' { return this.fittedState('methodUsed').method; }

  /**
   * A plain-JSON snapshot of the options and everything the fit learned, enough for `predict`,
   * `score`, `summary()` and `predictInterval()` to give the same numbers after
   * {@link LinearRegression.fromJSON}: `{ format: 'linreg-wasm/LinearRegression', version: 1,
   * options, fitted }` (`fitted` is null before fit). Computes (AᵀA)⁺, the singular values and the
   * condition number if they were not computed yet.
   * @example
   * const saved = JSON.stringify(model);
   * const again = LinearRegression.fromJSON(JSON.parse(saved));
   */
  toJSON(): LinearRegressionJSON {
    return toJSON({ fitIntercept: this.fitIntercept, method: this.method, rcond: this.rcond ?? null, warn: this.warn }, this.state);
  }

  /**
   * Rebuilds an estimator from {@link LinearRegression.toJSON} output (an unfitted one stays
   * unfitted). Nothing is refitted: the saved numbers are used as they are.
   * @throws TypeError when it is not a saved LinearRegression or a field has the wrong kind;
   *   RangeError for another format version, inconsistent lengths or non-finite numbers.
   */
  static fromJSON(json: unknown): LinearRegression {
    const saved = readSaved(json);
    const model = new LinearRegression(saved.options);
    if (saved.fitted !== null) model.state = restore(saved.fitted, model.fitIntercept);
    return model;
  }

  /** @internal The statistics snapshot of the last fit. */
  get fitStats(): FitStats { return this.fittedState('summary').stats; }

  private fittedState(what: string): Fitted {
    if (!this.state) throw new NotFittedError(`LinearRegression is not fitted yet: call fit(X, y) before using ${what}`);
    return this.state;
  }
}
