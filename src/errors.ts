// The library's own error kinds. Shapes and values raise RangeError, wrong kinds TypeError
// (the built-ins); these three cover states that are neither.

/** A method that needs a fitted estimator was called before `fit()`. */
export class NotFittedError extends Error {
  override name = 'NotFittedError';
}

/** A linear-algebra routine could not produce a meaningful answer (e.g. a zero-size system). */
export class LinAlgError extends Error {
  override name = 'LinAlgError';
}

/** Details carried by a {@link DivergenceError}. */
export interface DivergenceInfo {
  /** Iteration at which the loss stopped being finite. */
  iteration: number;
  /** The last finite loss (NaN when even the first loss was not finite). */
  lastFiniteLoss: number;
  /** A learning rate below the stability limit, when one could be estimated. */
  suggestedLr?: number;
  /** Losses recorded up to and including the failing iteration. */
  losses?: Float64Array;
}

/**
 * Training produced a non-finite loss (the learning rate is too large for the data's scale).
 * The model is left at the last parameters whose loss was finite.
 */
export class DivergenceError extends Error {
  override name = 'DivergenceError';
  readonly iteration: number;
  readonly lastFiniteLoss: number;
  readonly suggestedLr: number | undefined;
  readonly losses: Float64Array | undefined;
  constructor(message: string, info: DivergenceInfo) {
    super(message);
    this.iteration = info.iteration;
    this.lastFiniteLoss = info.lastFiniteLoss;
    this.suggestedLr = info.suggestedLr;
    this.losses = info.losses;
  }
}
