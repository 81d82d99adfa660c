// What each mode runs. `full` writes bench/RESULTS.md (committed); `quick` writes the uncommitted
// bench/RESULTS.quick.md in under a minute; `smoke` is the test suite's tiny run that writes nothing.
import type { Budget } from './measure.js';

export type Mode = 'full' | 'quick' | 'smoke';

export interface Config {
  mode: Mode;
  /** Time budget of one fast measurement; slow ones get minSamples. */
  budget: Budget;
  /** Rounds of interleaved timing for the tasks whose ratios are targets. */
  rounds: number;
  /** Budget for rows that take seconds (peers at the largest sizes). */
  slowBudget: Budget;
  seedIterations: number;
  /** Fused pass: rows swept at `fusedCols` features, features swept at `fusedFeatureRows` rows. */
  fusedRows: number[];
  fusedCols: number;
  fusedFeatureRows: number;
  fusedFeatures: number[];
  /** Closed form: the comparison sizes [rows, features], then the sweeps plotted. */
  closedSizes: [number, number][];
  fitSweepRows: number[];
  fitSweepCols: number;
  fitSweepFeatureRows: number;
  fitSweepFeatures: number[];
  /** Rows × features of the peak-RSS fit (child processes). */
  rssSize: [number, number];
  python: boolean;
  childProcesses: boolean;
  bundleSizes: boolean;
  coldStart: boolean;
  /** Skip ml-regression-multivariate-linear above this many cells (it copies into number[][]). */
  mlrMaxCells: number;
  /** Closed form by size (workload 6): [rows, features], each fitted with an intercept. */
  sizeSeries: [number, number][];
  /** Workload 6's rank pair: n × n of full rank against n × n with one column duplicated (rank n − 1). */
  rankPairSize: number;
  /** Workload 6: calls shorter than this (ms) are timed several to a sample, so no sample is shorter. */
  minSampleMs: number;
  /** Mini-batch training (workload 10): rows × features of X, trained one epoch in batches of minibatchBatchSize. */
  minibatchSize: [number, number];
  minibatchBatchSize: number;
  /** Only these workloads (ids as in bench/lib/suite.ts, e.g. ['sizes']); all of the mode's when unset. */
  only?: string[];
}

const FULL: Config = {
  mode: 'full',
  budget: { ms: 1500, minSamples: 5, maxSamples: 200 },
  slowBudget: { ms: 3000, minSamples: 3, maxSamples: 30 },
  rounds: 7,
  seedIterations: 10_000,
  fusedRows: [10_000, 100_000, 1_000_000],
  fusedCols: 32,
  fusedFeatureRows: 1_000_000,
  fusedFeatures: [8, 32, 128],
  closedSizes: [[1000, 10], [100_000, 16], [1_000_000, 32]],
  fitSweepRows: [10_000, 100_000, 1_000_000],
  fitSweepCols: 32,
  fitSweepFeatureRows: 100_000,
  fitSweepFeatures: [8, 32, 128],
  rssSize: [1_000_000, 32],
  python: true,
  childProcesses: true,
  bundleSizes: true,
  coldStart: true,
  mlrMaxCells: 64_000_000,
  sizeSeries: [[10, 3], [100, 5], [1000, 10], [10_000, 10], [100_000, 10], [1_000_000, 10], [1_000_000, 32]],
  rankPairSize: 100,
  minSampleMs: 2,
  minibatchSize: [100_000, 32],
  minibatchBatchSize: 64,
};

const QUICK: Config = {
  ...FULL,
  mode: 'quick',
  budget: { ms: 150, minSamples: 2, maxSamples: 50 },
  slowBudget: { ms: 300, minSamples: 1, maxSamples: 3 },
  rounds: 2,
  fusedRows: [10_000, 100_000],
  fusedFeatureRows: 100_000,
  closedSizes: [[1000, 10], [20_000, 16]],
  fitSweepRows: [10_000, 100_000],
  fitSweepFeatureRows: 20_000,
  fitSweepFeatures: [8, 32],
  rssSize: [100_000, 32],
  sizeSeries: [[10, 3], [100, 5], [1000, 10], [10_000, 10], [100_000, 10]],
  minSampleMs: 1,
  minibatchSize: [20_000, 32],
};

const SMOKE: Config = {
  ...QUICK,
  mode: 'smoke',
  budget: { ms: 20, minSamples: 2, maxSamples: 5 },
  slowBudget: { ms: 20, minSamples: 1, maxSamples: 2 },
  seedIterations: 50,
  fusedRows: [1000, 4000],
  fusedCols: 8,
  fusedFeatureRows: 1000,
  fusedFeatures: [4, 8],
  closedSizes: [[200, 3], [1000, 5]],
  fitSweepRows: [500, 1000],
  fitSweepCols: 4,
  fitSweepFeatureRows: 500,
  fitSweepFeatures: [2, 4],
  rssSize: [1000, 4],
  sizeSeries: [[10, 3], [100, 5]],
  rankPairSize: 20,
  minSampleMs: 0.5,
  minibatchSize: [2000, 8],
  python: false,
  childProcesses: false,
  bundleSizes: false,
  coldStart: false,
};

export function configFor(mode: Mode): Config {
  return mode === 'full' ? FULL : mode === 'quick' ? QUICK : SMOKE;
}
