// linreg-wasm: linear regression on SIMD WebAssembly. The public API.
export { init, type WasmSource, type WasmSources } from './wasm/init.js';
export { Matrix } from './memory/matrix.js';
export { Vector } from './memory/vector.js';
export type { MatrixInput, VectorInput } from './memory/borrow.js';
export { memoryUsage } from './memory/usage.js';
export { LinearModel, type LinearModelOptions, type Parameter } from './model.js';
export { sseLoss, mseLoss, type LossName } from './loss.js';
export { Optimizer, type OptimizerState } from './optim/optimizer.js';
export { SGD, type SGDOptions } from './optim/sgd.js';
export { Adam, AdamW, type AdamOptions } from './optim/adam.js';
export { RMSprop, type RMSpropOptions } from './optim/rmsprop.js';
export { Adagrad, type AdagradOptions } from './optim/adagrad.js';
export { train, type TrainOptions, type TrainLog, type TrainResult, type EpochScheduler } from './train.js';
export {
  LRScheduler, StepLR, MultiStepLR, ExponentialLR, CosineAnnealingLR, LinearLR, ReduceLROnPlateau,
  type SchedulerState, type StepLROptions, type MultiStepLROptions, type ExponentialLROptions,
  type CosineAnnealingLROptions, type LinearLROptions, type ReduceLROnPlateauOptions,
} from './optim/schedulers/index.js';
export { NotFittedError, LinAlgError, DivergenceError, type DivergenceInfo } from './errors.js';
// Closed form: least squares and linear regression (issue 3). Statistics: 'linreg-wasm/stats'.
export { lstsq, type LstsqOptions, type LstsqResult, type LstsqMultiResult } from './solver/lstsq.js';
export {
  LinearRegression, type LinearRegressionOptions, type FitOptions, type Targets, type PerTarget,
} from './solver/linear-regression.js';
export type { LinearRegressionJSON, SavedFit, SavedResiduals } from './solver/persist.js';
export type { Chunk, PartialFitOptions } from './solver/partial.js';
export type { ChunkSource } from './solver/chunks.js';
export type { SavedState } from './solver/state-io.js';
export type { SolveMethod } from './solver/solve.js';
export type { Dependency, DependencyTerm } from './solver/collinearity.js';
export { polynomialFeatures, type PolynomialFeatures } from './solver/poly.js';
// What model.summary(), influence() and predictInterval() return (the functions: 'linreg-wasm/stats').
export { Summary, type SummaryOptions, type CovType } from './stats/summary.js';
export type { Influence, InfluenceOptions } from './stats/influence.js';
export type { PredictionIntervals } from './stats/predict-interval.js';
