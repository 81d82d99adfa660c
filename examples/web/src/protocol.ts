// Messages between the page and the training worker.

/** Page → worker: fit this data with these settings. */
export interface FitRequest {
  type: 'fit';
  X: number[][];
  y: number[];
  /** Column names of X, for the summary table. */
  features: string[];
  /** Starting weights and bias (the seed notebook's); zeros when absent. */
  start?: { weight: number[]; bias: number };
  optimizer: 'sgd' | 'adam';
  lr: number;
  iterations: number;
  loss: 'sse' | 'mse';
}

/** Worker → page. */
export type WorkerMessage =
  | { type: 'ready'; initMs: number }
  | { type: 'log'; iteration: number; loss: number }
  | { type: 'done'; result: FitResult }
  | { type: 'error'; message: string; divergence?: Divergence };

/** A gradient-descent run whose loss stopped being finite. */
export interface Divergence {
  /** Iteration whose loss was not finite. */
  iteration: number;
  /** [iterations, losses]: the finite losses before it, thinned to a few hundred points. */
  curve: [number[], number[]];
}

/** The closed form's statsmodels-style statistics, as plain arrays (intercept first, as `names`). */
export interface SummaryView {
  names: string[];
  params: number[];
  standardErrors: number[];
  tValues: number[];
  pValues: number[];
  confidenceIntervals: [number, number][];
  level: number;
  rSquared: number;
  adjustedRSquared: number;
  fStatistic: number;
  fPValue: number;
  nobs: number;
  dfModel: number;
  dfResidual: number;
  residualStandardError: number;
  /** statsmodels' printed table, when the library's Summary prints as one. */
  text?: string;
}

/** The outcome of one fit. */
export interface FitResult {
  weight: number[];
  bias: number;
  finalLoss: number;
  predictions: number[];
  r2: number;
  trainMs: number;
  iterations: number;
  /** LinearRegression's closed-form fit of the same data. */
  closedForm: {
    coef: number[];
    intercept: number;
    warnings: string[];
    /** ŷ of the closed form, one per row. */
    predictions: number[];
    /** Its summary(), or why there is none (e.g. no residual degrees of freedom). */
    summary: SummaryView | { error: string };
  };
}
