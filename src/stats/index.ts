// linreg-wasm/stats: statsmodels-style statistics for LinearRegression. A separate entry because
// the t and F distributions (stdlib) are larger than the whole core; importing it also makes
// `model.summary()` and `model.predictInterval()` work.

import { registerStats } from '../solver/hooks.js';
import { summary } from './summary.js';
import { predictInterval } from './predict-interval.js';

registerStats({ summary, predictInterval });

export { summary, type Summary, type SummaryOptions } from './summary.js';
export { predictInterval, type PredictionIntervals } from './predict-interval.js';
export { tTwoSided, fSurvival, tQuantile } from './distributions.js';
