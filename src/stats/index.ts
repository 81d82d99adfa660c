// linreg-wasm/stats: statsmodels-style statistics for LinearRegression and the distributions they
// use (no dependencies). Importing it also makes `model.summary()` and `model.predictInterval()`
// work.

import { registerStats } from '../solver/hooks.js';
import { summary } from './summary.js';
import { predictInterval } from './predict-interval.js';

registerStats({ summary, predictInterval });

export { summary, type Summary, type SummaryOptions } from './summary.js';
export { predictInterval, type PredictionIntervals } from './predict-interval.js';
export {
  tTwoSided, tSurvival, tCdf, tQuantile, fSurvival, fCdf, chi2Survival, chi2Cdf,
  normalSurvival, normalCdf, normalTwoSided, normalQuantile,
} from './distributions.js';
