// partialFit, merge and fitStream: chunks of rows folded into a mergeable state (reduction.ts),
// refitted from it after every step (reduction-fit.ts), so the model always reflects every row
// seen so far. Each step works on a copy of the state: a step that throws changes nothing.

import { getArena } from '../wasm/init.js';
import { borrowMatrix, borrowVector, type MatrixInput, type VectorInput } from '../memory/borrow.js';
import { checkOptions, checkShapes } from '../validate.js';
import { borrowLow, checkAnswerFinite, checkNames, checkWeights } from './options.js';
import { TINY, checkProblemFinite, type Problem } from './problem.js';
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
  if (prev && opts.featureNames !== undefined) {
    const names = checkNames('featureNames', opts.featureNames, prev.reduction.p, 'X', 'x', 1);
    if (names.join('\u0000') !== prev.names.join('\u0000')) throw new RangeError(`featureNames differ from the ones of the first chunk (${prev.names.join(', ')})`);
  }
  let names: string[] = [];
  const reduction = prev ? prev.reduction.clone() : null;
  let fresh: Reduction | null = null;
  withChunk({ ...chunk, xLow: chunk.xLow ?? opts.xLow, sampleWeight: chunk.sampleWeight ?? opts.sampleWeight }, prev?.reduction.p, intercept, where, (pb) => {
    names = prev?.names ?? checkNames('featureNames', opts.featureNames, pb.cols, 'X', 'x', 1);
    const red = reduction ?? (fresh = new Reduction(pb.cols, intercept));
    red.addRows(pb);
    if (!red.hi.every(Number.isFinite)) checkProblemFinite(pb); // names the NaN/±Infinity (the state is a copy)
  });
  return { reduction: (reduction ?? fresh)!, names, targetName: prev?.targetName ?? opts.targetName ?? 'y' };
}

/**
 * @internal Runs `use` on a chunk's rows in wasm memory, checked (shapes, finite values, weights,
 * `cols` columns when given); returns the row count.
 */
export function withChunk(chunk: Chunk, cols: number | undefined, intercept: boolean, where: string, use: (pb: Problem) => void): number {
  const arena = getArena();
  const refX = borrowMatrix(`${where}X`, chunk.X);
  const refY = borrowVector(`${where}y`, chunk.y);
  const lo = borrowLow(`${where}xLow`, chunk.xLow, refX);
  let w = 0;
  try {
    checkShapes(`${where}X`, refX, refY, `${where}y`);
    if (cols !== undefined && refX.cols !== cols) {
      throw new RangeError(`${where}X has ${refX.cols} columns but the model has seen ${cols} features; every chunk needs the same columns`);
    }
    const weights = chunk.sampleWeight === undefined ? null : checkWeights(chunk.sampleWeight, refX.rows);
    if (weights) arena.f64((w = arena.alloc(weights.length * 8)), weights.length).set(weights);
    const pb = { arena, x: refX.ptr, lo: lo?.ptr ?? 0, y: refY.ptr, w, rows: refX.rows, cols: refX.cols, intercept, rcond: null, names: [`${where}X`, `${where}y`, `${where}xLow`] as [string, string, string] };
    // large chunks are not scanned first: a NaN shows in what they reduce to, and is named then
    if (pb.rows * pb.cols <= TINY) checkProblemFinite(pb);
    use(pb);
    return refX.rows;
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
