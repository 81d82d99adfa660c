// partialFit, merge and fitStream: chunks of rows folded into a mergeable state (reduction.ts),
// refitted from it after every step (reduction-fit.ts), so the model always reflects every row
// seen so far. Each step works on a copy of the state: a step that throws changes nothing.

import { getArena } from '../wasm/init.js';
import { borrowMatrix, borrowVector, type MatrixInput, type VectorInput } from '../memory/borrow.js';
import { checkOptions, checkShapes } from '../validate.js';
import { borrowLow, checkAnswerFinite, checkNames, checkWeights } from './options.js';
import { checkProblemFinite } from './problem.js';
import { Reduction } from './reduction.js';
import { solveReduction } from './reduction-fit.js';
import { fitted, type Fitted } from './fitted.js';

/** A chunk of rows for partialFit and fitStream. */
export interface Chunk {
  X: MatrixInput;
  y: VectorInput;
  /** One non-negative weight per row (or one number for every row). */
  sampleWeight?: VectorInput | number;
  /** Low-order parts of X, as in fit(). */
  xLow?: MatrixInput;
}

/** Options of partialFit (besides the chunk's own sampleWeight and xLow). */
export interface PartialFitOptions {
  sampleWeight?: VectorInput | number;
  xLow?: MatrixInput;
  /** Names of the features: on the first call only (later calls must match). */
  featureNames?: string[];
  /** Name of the dependent variable in summary() (default 'y'). */
  targetName?: string;
}

/** @internal What a partially fitted model holds besides its Fitted state. */
export interface Partial { reduction: Reduction; names: string[]; targetName: string }

/** @internal The state after folding one chunk into `prev` (a new object; prev is untouched). */
export function foldChunk(
  prev: Partial | undefined, chunk: Chunk, opts: PartialFitOptions, intercept: boolean, where: string,
): Partial {
  const arena = getArena();
  const refX = borrowMatrix(`${where}X`, chunk.X);
  const refY = borrowVector(`${where}y`, chunk.y);
  const lo = borrowLow(`${where}xLow`, chunk.xLow ?? opts.xLow, refX);
  let w = 0;
  try {
    checkShapes(`${where}X`, refX, refY, `${where}y`);
    if (prev && refX.cols !== prev.reduction.p) {
      throw new RangeError(`${where}X has ${refX.cols} columns but the model has seen ${prev.reduction.p} features; every chunk needs the same columns`);
    }
    const names = prev?.names ?? checkNames('featureNames', opts.featureNames, refX.cols, 'X', 'x', 1);
    if (prev && opts.featureNames !== undefined && checkNames('featureNames', opts.featureNames, refX.cols, 'X', 'x', 1).join('\u0000') !== names.join('\u0000')) {
      throw new RangeError(`featureNames differ from the ones of the first chunk (${names.join(', ')})`);
    }
    const weight = chunk.sampleWeight ?? opts.sampleWeight;
    const weights = weight === undefined ? null : checkWeights(weight, refX.rows);
    if (weights) arena.f64((w = arena.alloc(weights.length * 8)), weights.length).set(weights);
    const pb = { arena, x: refX.ptr, lo: lo?.ptr ?? 0, y: refY.ptr, w, rows: refX.rows, cols: refX.cols, intercept, rcond: null, names: [`${where}X`, `${where}y`, `${where}xLow`] as [string, string, string] };
    checkProblemFinite(pb);
    const reduction = prev ? prev.reduction.clone() : new Reduction(refX.cols, intercept);
    reduction.addRows(pb);
    return { reduction, names, targetName: prev?.targetName ?? opts.targetName ?? 'y' };
  } finally {
    if (w) arena.release(w);
    lo?.release();
    refY.release();
    refX.release();
  }
}

/** @internal The fitted state of a reduction (every row folded in so far). */
export function fitPartial(part: Partial, rcond: number | null): Fitted {
  const red = part.reduction;
  const { sol, sst, constant } = solveReduction(getArena(), red, rcond);
  checkAnswerFinite(sol, [], [sst]);
  const fit = fitted(sol, part.names, red.nobs, { sst, sumLogWeights: red.sumLogWeights }, red.intercept);
  const st = fit.stats;
  st.weighted = red.weighted;
  st.targetName = part.targetName;
  if (constant) { st.hasConstant = true; st.sst = constant.centredSst; st.constantColumn = constant.column; }
  return fit;
}

/** @internal partialFit's options, checked. */
export function checkPartialOptions(options: unknown): PartialFitOptions {
  return checkOptions<PartialFitOptions>('partialFit', options, ['sampleWeight', 'xLow', 'featureNames', 'targetName']);
}
