// Messages between the page and the training worker.

/** Page → worker: fit this data with these settings. */
export interface FitRequest {
  type: 'fit';
  X: number[][];
  y: number[];
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
  | { type: 'error'; message: string };

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
  closedForm: { coef: number[]; intercept: number; warnings: string[] };
}
