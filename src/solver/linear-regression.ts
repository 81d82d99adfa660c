// scikit-learn's LinearRegression on the closed-form solver.

import { getArena } from '../wasm/init.js';
import { borrowMatrix, type MatrixInput, type MatrixRef, type VectorInput } from '../memory/borrow.js';
import { NotFittedError } from '../errors.js';
import { checkBoolean, checkOptions, checkShapes, describe } from '../validate.js';
import { predictRows } from '../predict.js';
import type { Dependency } from './collinearity.js';
import { borrowLow, checkAnswerFinite, checkMethod, checkName, checkNames, checkRcond, checkStatistics, checkWeights } from './options.js';
import { solveTargets, withY, type SolveMethod } from './solve.js';
import { borrowTargets, byRows, type TargetsRef } from './targets.js';
import { checkPartialOptions, fitPartial, foldChunk, withChunk, type Partial, type PartialFitOptions } from './partial.js';
import { ResidualAccumulator } from './residual-stats.js';
import { checkProblemFinite } from './problem.js';
import { Reduction } from './reduction.js';
import { stateFromBytes, stateFromJSON, stateToBytes } from './state-io.js';
import { checkChunk, chunksOf, type ChunkSource } from './chunks.js';
import type { FitStats } from './fit-stats.js';
import { addDataStatistics, fitted, type Fitted } from './fitted.js';
import { readSaved, restore, toJSON, type LinearRegressionJSON } from './persist.js';
import { problemSums, r2 } from './sums.js';
import { summary, type Summary, type SummaryOptions } from '../stats/summary.js';
import { predictInterval, type PredictionIntervals } from '../stats/predict-interval.js';
import { influence, type Influence, type InfluenceOptions } from '../stats/influence.js';

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
  /** One non-negative weight per row (weighted least squares), or one number for every row. */
  sampleWeight?: VectorInput | number;
  /** Low-order parts of X (X_exact ≈ X + xLow), for data known beyond double precision. */
  xLow?: MatrixInput;
  /** Names of the features for warnings and summary() (default x1 … xp). */
  featureNames?: string[];
  /** Name of the dependent variable in summary() (default 'y'). */
  targetName?: string;
  /**
   * 'full' also keeps what only the rows can give, for summary(): Durbin–Watson, omnibus,
   * Jarque–Bera, skew, kurtosis and the HC0–HC3 robust covariances. It costs passes over X
   * (about q + 4 of a predict's), so it is off by default ('basic'). One target only.
   */
  statistics?: 'basic' | 'full';
}

/** Targets of a fit: one vector y, or a matrix Y with one target per column. */
export type Targets = VectorInput | MatrixInput;
/** `T` for one target (y a vector), `T[]` per target for several (Y a matrix). */
export type PerTarget<Y extends Targets, T> = Y extends MatrixInput ? T[] : T;

/**
 * Ordinary (or weighted) least squares with scikit-learn semantics: `fit` returns `this`;
 * learned values exist after fit; a rank-deficient X gets the minimum-norm coefficients and a
 * warning naming the dependent columns. `summary()` gives statsmodels' OLS table.
 * @example
 * const model = new LinearRegression().fit([[1], [2], [3]], [2, 4, 6.5]);
 * model.coef; // Float64Array [2.25]
 * model.intercept; // -0.3333…
 * // several targets (Y n×k): new LinearRegression<number[][]>().fit(X, Y).coef is k arrays of p
 */
export class LinearRegression<Y extends Targets = VectorInput> {
  readonly fitIntercept: boolean;
  readonly method: SolveMethod;
  readonly rcond: number | undefined;
  readonly warn: boolean;
  private state: Fitted | undefined;
  /** Per target when fitted to a matrix Y (state is then the first target's). */
  private targets: Fitted[] | undefined;
  /** The mergeable state of partialFit / merge / fitStream (none after fit()). */
  private partial: Partial | undefined;

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
  fit(X: MatrixInput, y: Y, options?: FitOptions): this {
    const opts = checkOptions<FitOptions>('fit', options, ['sampleWeight', 'xLow', 'featureNames', 'targetName', 'statistics']);
    const full = checkStatistics(opts.statistics);
    const targetName = opts.targetName === undefined ? 'y' : checkName('targetName', opts.targetName);
    const arena = getArena();
    const refX = borrowMatrix('X', X);
    let targets: TargetsRef | undefined, lo: MatrixRef | null = null, w = 0;
    let fits: Fitted[];
    try {
      targets = borrowTargets(arena, 'y', y);
      checkShapes('X', refX, { length: targets.rows }, targets.multi ? 'y (rows)' : 'y');
      if (targets.multi && !targets.ptrs.length) throw new RangeError('y has no columns: give at least one target');
      if (targets.multi && full) throw new TypeError("statistics: 'full' is for a model of one target (statsmodels' OLS has one): fit each column of y separately");
      const names = checkNames('featureNames', opts.featureNames, refX.cols, 'X', 'x', 1);
      const weights = opts.sampleWeight === undefined ? null : checkWeights(opts.sampleWeight, refX.rows);
      lo = borrowLow('xLow', opts.xLow, refX);
      if (weights) arena.f64((w = arena.alloc(weights.length * 8)), weights.length).set(weights);
      const pb = {
        arena, x: refX.ptr, lo: lo?.ptr ?? 0, y: targets.ptrs[0], w, rows: refX.rows, cols: refX.cols,
        intercept: this.fitIntercept, rcond: checkRcond(this.rcond),
      };
      const t = targets;
      fits = solveTargets(pb, t.ptrs, this.method).map((sol, i) => {
        const py = withY(pb, t.ptrs[i]);
        const sums = problemSums(py, sol.sst);
        const yRef = { ptr: t.ptrs[i], length: pb.rows, data: () => t.data(i), release() {} };
        checkAnswerFinite(sol, [['X', refX], ['y', yRef], ['xLow', lo]], [sums.sst]);
        const fit = fitted(sol, names, pb.rows, sums, this.fitIntercept);
        if (!t.multi) addDataStatistics(fit, sol, py, targetName, full);
        return fit;
      });
    } finally {
      if (w) arena.release(w);
      lo?.release();
      targets?.release();
      refX.release();
    }
    this.state = fits[0];
    this.targets = targets.multi ? fits : undefined;
    this.partial = undefined;
    if (this.warn) for (const message of fits[0].warnings) console.warn(message);
    return this;
  }

  /**
   * Folds the rows (X, y) into the fit so far and returns `this`: after any call the model
   * reflects every row seen, as if fit() had been called on all of them (to about 1e-12; exactly
   * the same rank rule). The state is an orthogonal reduction of size O(p²), never the rows.
   * A call that throws leaves the model as it was. One target; `fit()` starts over.
   * @throws RangeError for mismatched shapes, NaN/±Infinity, bad weights or a different column count.
   * @example
   * const model = new LinearRegression();
   * for (const { X, y } of chunks) model.partialFit(X, y);
   */
  partialFit(X: MatrixInput, y: VectorInput, options?: PartialFitOptions): this {
    const opts = checkPartialOptions(options);
    if (this.state && !this.partial) throw new TypeError('this model was fitted with fit(), which keeps no mergeable state: use a new LinearRegression for partialFit');
    const next = foldChunk(this.partial, { X, y }, opts, this.fitIntercept, '');
    this.commitPartial(next);
    return this;
  }

  /**
   * Folds in another partially fitted model (partialFit, fitStream, or its JSON/bytes) and returns
   * `this`: the same as having fed its rows here. Order and grouping of merges change nothing beyond
   * rounding. `other` is not changed.
   * @throws TypeError when `other` is not a partially fitted LinearRegression or its fitIntercept
   *   differs; RangeError for another feature count or other feature names. Nothing changes then.
   */
  merge(other: LinearRegression<Targets>): this {
    if (!(other instanceof LinearRegression)) throw new TypeError(`merge needs a LinearRegression, got ${describe(other)}`);
    const part = other.partial;
    if (!part) throw new TypeError(other.state ? 'the other model was fitted with fit(), which keeps no mergeable state: use partialFit or fitStream on both' : 'the other model has seen no data yet');
    if (this.state && !this.partial) throw new TypeError('this model was fitted with fit(), which keeps no mergeable state: use partialFit or fitStream on both');
    if (other.fitIntercept !== this.fitIntercept) throw new TypeError(`cannot merge a model with fitIntercept ${other.fitIntercept} into one with fitIntercept ${this.fitIntercept}`);
    const mine = this.partial;
    if (mine && mine.reduction.p !== part.reduction.p) throw new RangeError(`cannot merge a model of ${part.reduction.p} features into one of ${mine.reduction.p}`);
    if (mine && mine.names.join('\u0000') !== part.names.join('\u0000')) throw new RangeError(`cannot merge models with different feature names (${part.names.join(', ')} into ${mine.names.join(', ')})`);
    const reduction = mine ? mine.reduction.clone() : new Reduction(part.reduction.p, this.fitIntercept);
    reduction.merge(part.reduction);
    this.commitPartial({ reduction, names: mine?.names ?? part.names.slice(), targetName: mine?.targetName ?? part.targetName });
    return this;
  }

  /**
   * Fits a stream of chunks `{ X, y, sampleWeight?, xLow? }` in constant memory and resolves to
   * `this`: an iterable, an async iterable, a Node Readable in object mode or a web ReadableStream.
   * Starts over (as fit does); the model changes only when the whole stream has been read.
   * @throws (rejects) as partialFit, naming the chunk; a TypeError for a source of another kind.
   * @example
   * await new LinearRegression().fitStream(csvFile('big.csv', { target: 'y' }));
   */
  async fitStream(source: ChunkSource, options?: Omit<PartialFitOptions, 'sampleWeight' | 'xLow'>): Promise<this> {
    const opts = checkPartialOptions(options);
    let part: Partial | undefined, index = 0;
    for await (const chunk of chunksOf(source)) {
      part = foldChunk(part, checkChunk(chunk, index), opts, this.fitIntercept, `chunk ${index}: `);
      index++;
    }
    if (!part) throw new RangeError('the stream had no chunks: at least one row is needed');
    this.commitPartial(part);
    return this;
  }

  /**
   * A second pass over the rows of a streamed or merged fit, in their order, for what only the rows
   * give (the same as fit's `{ statistics: 'full' }`): Durbin–Watson (needs the order), omnibus,
   * skew, kurtosis, Jarque–Bera (the residuals' moments) and the HC0–HC3 covariances. Same source
   * kinds as fitStream; resolves to `this`. The rows must be the ones fitted (their count is checked).
   * @throws (rejects) NotFittedError before a fit; RangeError for chunks that do not match the fit.
   * @example
   * await model.fitStream(csvFile('big.csv'));
   * await model.scanResiduals(csvFile('big.csv'));
   * model.summary({ covType: 'HC3' }).durbinWatson;
   */
  async scanResiduals(source: ChunkSource): Promise<this> {
    const s = this.singleTarget('scanResiduals');
    const st = s.stats, x = Float64Array.of(...(this.fitIntercept ? [s.intercept] : []), ...s.coef);
    const acc = new ResidualAccumulator(s.factor ?? null, st.normInv, this.fitIntercept);
    let rows = 0, index = 0;
    for await (const chunk of chunksOf(source)) {
      rows += withChunk(checkChunk(chunk, index), s.coef.length, this.fitIntercept, `chunk ${index}: `, (pb) => { checkProblemFinite(pb); acc.add(pb, x); });
      index++;
    }
    if (rows !== st.nobs) throw new RangeError(`the source has ${rows} rows but the model was fitted on ${st.nobs}: scanResiduals needs the same rows, in order`);
    st.residuals = acc.finish();
    return this;
  }

  private commitPartial(part: Partial): void {
    const fit = fitPartial(part, checkRcond(this.rcond));
    this.partial = part;
    this.state = fit;
    this.targets = undefined;
    if (this.warn) for (const message of fit.warnings) console.warn(message);
  }

  /**
   * Predictions X·coef + intercept: n values, or n rows of k values for a model fitted to k
   * targets. @throws NotFittedError before fit; RangeError for a wrong column count.
   */
  predict(X: MatrixInput): PerTarget<Y, Float64Array> {
    const s = this.fittedState('predict');
    const ref = borrowMatrix('X', X);
    try {
      if (ref.cols !== s.coef.length) throw new RangeError(`X has ${ref.cols} columns but the model was fitted with ${s.coef.length} features`);
      const each = (this.targets ?? [s]).map((t) => predictRows(ref, t.coef, t.intercept));
      return (this.targets ? byRows(each, ref.rows) : each[0]) as PerTarget<Y, Float64Array>;
    } finally {
      ref.release();
    }
  }

  /**
   * Coefficient of determination R² of predict(X) against y (optionally weighted), as
   * scikit-learn's score; for k targets the mean of their R² (its 'uniform_average').
   */
  score(X: MatrixInput, y: Y, options?: { sampleWeight?: VectorInput | number }): number {
    const opts = checkOptions<{ sampleWeight?: VectorInput | number }>('score', options, ['sampleWeight']);
    const pred = this.predict(X) as Float64Array | Float64Array[];
    const arena = getArena();
    const ref = borrowTargets(arena, 'y', y);
    try {
      const rows = Array.isArray(pred) ? pred.length : pred.length;
      if (ref.rows !== rows) throw new RangeError(`y has ${ref.rows} ${ref.multi ? 'rows' : 'values'} but X has ${rows} rows`);
      if (ref.multi !== Array.isArray(pred) || (Array.isArray(pred) && pred[0] && pred[0].length !== ref.ptrs.length)) {
        throw new RangeError(`y must have ${Array.isArray(pred) ? `${pred[0]?.length ?? 0} columns, one per target` : 'one value per row'}, as in fit`);
      }
      const w = opts.sampleWeight === undefined ? null : checkWeights(opts.sampleWeight, rows);
      if (!Array.isArray(pred)) return r2(ref.data(0), pred, w);
      const scores = ref.ptrs.map((_, t) => r2(ref.data(t), pred.map((row) => row[t]), w));
      return scores.reduce((a, b) => a + b, 0) / scores.length;
    } finally {
      ref.release();
    }
  }

  /**
   * statsmodels' OLS/WLS table (standard errors, t, p, intervals, R², F, likelihood, AIC/BIC):
   * the same as `summary(model)` from `linreg-wasm/stats`.
   * @throws NotFittedError before fit; TypeError for a model fitted to several targets.
   */
  summary(options?: SummaryOptions): Summary {
    this.singleTarget('summary');
    return summary(this as LinearRegression, options); // one target: checked above
  }

  /** Confidence and prediction intervals at new points (see `predictInterval` in `linreg-wasm/stats`). */
  predictInterval(X: MatrixInput, options?: { level?: number }): PredictionIntervals {
    this.singleTarget('predictInterval');
    return predictInterval(this as LinearRegression, X, options);
  }

  /**
   * Leverage, studentized residuals, Cook's distance and DFFITS of the rows (X, y): statsmodels'
   * OLSInfluence on the fitting data (see `influence` in `linreg-wasm/stats`).
   */
  influence(X: MatrixInput, y: VectorInput, options?: InfluenceOptions): Influence {
    this.singleTarget('influence');
    return influence(this as LinearRegression, X, y, options);
  }

  /**
   * Coefficients (p), minimum-norm when rank-deficient; k arrays of p for k targets
   * (scikit-learn's coef_). @throws NotFittedError before fit.
   */
  get coef(): PerTarget<Y, Float64Array> {
    const s = this.fittedState('coef');
    return (this.targets ? this.targets.map((t) => t.coef) : s.coef) as PerTarget<Y, Float64Array>;
  }
  /** The intercept (0 when fitIntercept is false); one per target (a Float64Array) for k targets. */
  get intercept(): Y extends MatrixInput ? Float64Array : number {
    const s = this.fittedState('intercept');
    return (this.targets ? Float64Array.from(this.targets, (t) => t.intercept) : s.intercept) as Y extends MatrixInput ? Float64Array : number;
  }
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
    return toJSON({ fitIntercept: this.fitIntercept, method: this.method, rcond: this.rcond ?? null, warn: this.warn }, this.targets ?? this.state, this.partial);
  }

  /**
   * Rebuilds an estimator from {@link LinearRegression.toJSON} output (an unfitted one stays
   * unfitted). Nothing is refitted: the saved numbers are used as they are.
   * @throws TypeError when it is not a saved LinearRegression or a field has the wrong kind;
   *   RangeError for another format version, inconsistent lengths or non-finite numbers.
   */
  static fromJSON<Y extends Targets = VectorInput>(json: unknown): LinearRegression<Y> {
    const saved = readSaved(json);
    const model = new LinearRegression<Y>(saved.options);
    if (Array.isArray(saved.fitted)) {
      if (!saved.fitted.length) throw new RangeError('fitted is an empty list: a model fitted to several targets saves one entry per target');
      model.targets = saved.fitted.map((f) => restore(f, model.fitIntercept));
      model.state = model.targets[0];
    } else if (saved.fitted !== null) {
      model.state = restore(saved.fitted, model.fitIntercept);
    }
    if (saved.partial !== null) {
      if (!model.state || model.targets) throw new RangeError('partial is a mergeable state, which only a model fitted to one target has');
      model.partial = stateFromJSON(saved.partial, model.fitIntercept);
    }
    return model;
  }

  /**
   * The mergeable state of a partially fitted model as compact bytes (versioned, checksummed, every
   * double exact, NaN-safe): what shards and workers send each other. {@link LinearRegression.fromBytes}
   * reads it back; `merge` combines the models.
   * @throws TypeError for a model without a mergeable state (unfitted, or fitted with fit()).
   */
  toBytes(): Uint8Array {
    if (!this.partial) throw new TypeError('toBytes() saves the mergeable state of partialFit, merge or fitStream; this model has none (use toJSON for a model fitted with fit())');
    return stateToBytes(this.partial);
  }

  /**
   * A partially fitted model from {@link LinearRegression.toBytes}, refitted from its state (the
   * same numbers); `options` other than fitIntercept (stored in the bytes) as in the constructor.
   * @throws TypeError when the bytes are not a state; RangeError for another version or a corrupt,
   *   truncated or impossible state.
   */
  static fromBytes(bytes: Uint8Array, options?: Omit<LinearRegressionOptions, 'fitIntercept'>): LinearRegression {
    const part = stateFromBytes(bytes);
    const opts = checkOptions<LinearRegressionOptions>('fromBytes', options, ['method', 'rcond', 'warn']);
    const model = new LinearRegression({ ...opts, fitIntercept: part.reduction.intercept });
    model.commitPartial(part);
    return model;
  }

  /** @internal The statistics snapshot of the last fit. */
  get fitStats(): FitStats { return this.singleTarget('summary').stats; }

  // statsmodels' OLS has one target: the statistics of a fit to k targets are refused.
  private singleTarget(what: string): Fitted {
    const s = this.fittedState(what);
    if (this.targets) {
      throw new TypeError(`${what}() needs a model fitted to one target, but this one has ${this.targets.length}: fit each column of y separately for its statistics`);
    }
    return s;
  }

  private fittedState(what: string): Fitted {
    if (!this.state) throw new NotFittedError(`LinearRegression is not fitted yet: call fit(X, y) before using ${what}`);
    return this.state;
  }
}

