// linreg-wasm/stats: statsmodels-style statistics for LinearRegression as functions, and the
// distributions they use (no dependencies). `model.summary()` and `model.predictInterval()` need
// only the main entry.

export { summary, Summary, type SummaryOptions, type CovType } from './summary.js';
export { influence, type Influence, type InfluenceOptions } from './influence.js';
export { predictInterval, type PredictionIntervals } from './predict-interval.js';
export {
  tTwoSided, tSurvival, tCdf, tQuantile, fSurvival, fCdf, chi2Survival, chi2Cdf,
  normalSurvival, normalCdf, normalTwoSided, normalQuantile,
} from './distributions.js';
