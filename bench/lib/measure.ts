// Timing: one tinybench task per measurement, with a sample count chosen from a pilot run so a
// slow peer (seconds per call) and a fast kernel (microseconds) both fit the time budget.
import { Bench } from 'tinybench';

/** Median and spread of one measurement, in milliseconds. */
export interface Stats {
  /** Median time of one call (ms). */
  median: number;
  /** Median absolute deviation (ms): the spread, robust to the odd slow sample. */
  mad: number;
  /** Fastest call (ms). */
  min: number;
  samples: number;
}

/** How long to spend on one measurement. */
export interface Budget {
  /** Target total time of the timed samples (ms). */
  ms: number;
  minSamples: number;
  maxSamples: number;
}

/**
 * Times `fn` with tinybench: a pilot call (which also warms up), then enough samples to fill the
 * budget, clamped to [minSamples, maxSamples]. Throws what `fn` throws.
 */
export function measure(name: string, fn: () => unknown, budget: Budget): Stats {
  const t0 = performance.now();
  fn();
  const pilot = Math.max(performance.now() - t0, 1e-4);
  const iterations = Math.round(Math.min(budget.maxSamples, Math.max(budget.minSamples, budget.ms / pilot)));
  const slow = pilot > 200; // the pilot was warm-up enough
  const bench = new Bench({
    name, time: 0, iterations, throws: true,
    warmup: !slow, warmupTime: 0, warmupIterations: Math.min(iterations, 10),
  });
  bench.add(name, fn);
  const [task] = bench.runSync();
  const result = task.result;
  if (result.state !== 'completed') throw new Error(`benchmark ${name} did not complete (${result.state})`);
  const l = result.latency;
  return { median: l.p50, mad: l.mad, min: l.min, samples: l.samplesCount };
}

/** Median and MAD of raw samples (ms), e.g. timed in a child process. */
export function statsOf(samples: number[]): Stats {
  if (samples.length === 0) throw new RangeError('statsOf: no samples');
  const s = [...samples].sort((a, b) => a - b);
  const med = quantile(s, 0.5);
  const dev = s.map((x) => Math.abs(x - med)).sort((a, b) => a - b);
  return { median: med, mad: quantile(dev, 0.5), min: s[0], samples: s.length };
}

function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Result of {@link measureGroup}: pooled stats per task, and per-round medians for ratios. */
export interface GroupResult {
  stats: Stats[];
  /** rounds[r][k]: median time of task k in round r (ms). */
  rounds: number[][];
}

/** One task of {@link measureGroup}; `enter` runs untimed before each of its runs (e.g. switching a tfjs backend). */
export interface GroupTask {
  name: string; fn: () => unknown; enter?: () => Promise<void> | void;
  /** Time (ms) of a first call already made (the warm-up): skips measureGroup's own pilot call. */
  pilot?: number;
  /**
   * Calls per timed sample (default 1), for calls so short that the timer and tinybench's own
   * per-sample work would weigh on one call; samples and medians are still per call.
   */
  batch?: number;
}

/**
 * Times several tasks interleaved: `rounds` tinybench runs, each timing every task in turn (the
 * order rotating between rounds). A load that comes and goes on a shared machine then hits all
 * tasks alike, and {@link pairedRatio} compares them round by round. Each task gets about the
 * sample count measure() would give it, and at least one per round.
 */
export async function measureGroup(tasks: GroupTask[], budget: Budget, rounds = 5): Promise<GroupResult> {
  const pilots: number[] = [];
  for (const task of tasks) {
    if (task.pilot !== undefined) {
      pilots.push(Math.max(task.pilot, 1e-4));
      continue;
    }
    await task.enter?.();
    const t0 = performance.now();
    task.fn();
    pilots.push(Math.max(performance.now() - t0, 1e-4));
  }
  const perRound = pilots.map((p, k) => {
    const total = Math.min(budget.maxSamples, Math.max(budget.minSamples, budget.ms / (p * (tasks[k].batch ?? 1))));
    return Math.max(1, Math.round(total / rounds));
  });
  const samples: number[][] = tasks.map(() => []);
  const medians: number[][] = [];
  for (let r = 0; r < rounds; r++) {
    const row = new Array<number>(tasks.length);
    for (const k of tasks.map((_, i) => (i + r) % tasks.length)) {
      await tasks[k].enter?.();
      const result = runTask(tasks[k], perRound[k], pilots[k]);
      samples[k].push(...result.samples);
      row[k] = result.p50;
    }
    medians.push(row);
  }
  return { stats: samples.map(statsOf), rounds: medians };
}

/**
 * Times `iterations` samples of `task` with tinybench (after a short warm-up when a call takes
 * under 200 ms) and returns them per call: each sample is `task.batch` calls, divided by it.
 */
export function runTask(task: GroupTask, iterations: number, pilot: number): { samples: number[]; p50: number } {
  const batch = task.batch ?? 1;
  const { fn } = task;
  const bench = new Bench({
    name: task.name, time: 0, iterations, throws: true, retainSamples: true,
    warmup: pilot * batch < 200, warmupTime: 0, warmupIterations: Math.min(iterations, 5),
  });
  bench.add(task.name, batch === 1 ? fn : () => { for (let i = 0; i < batch; i++) fn(); });
  const result = bench.runSync()[0].result;
  if (result.state !== 'completed') throw new Error(`benchmark ${task.name} did not complete (${result.state})`);
  const l = result.latency;
  return batch === 1 ? { samples: [...(l.samples ?? [])], p50: l.p50 } : { samples: (l.samples ?? []).map((t) => t / batch), p50: l.p50 / batch };
}

/**
 * Warms `fn` up and measures its steady time per call (ms): a first call (which may compile or
 * grow memory), a second, then (when that took under warmMs) calls for about warmMs / 2 and as
 * many again timed as one block. A first call of 200 ms or more is the answer by itself (tinybench
 * skips its warm-up for those too).
 */
export function calibrate(fn: () => unknown, warmMs: number): { first: number; perCall: number } {
  const once = (): number => {
    const t0 = performance.now();
    fn();
    return Math.max(performance.now() - t0, 1e-6);
  };
  const first = once();
  if (first >= 200) return { first, perCall: first };
  const second = once();
  if (second >= warmMs) return { first, perCall: second };
  let n = 0;
  let t0 = performance.now();
  do {
    fn();
    n++;
  } while (performance.now() - t0 < warmMs / 2);
  t0 = performance.now();
  for (let i = 0; i < n; i++) fn();
  return { first, perCall: Math.max((performance.now() - t0) / n, 1e-6) };
}

/** Calls per sample so that one sample lasts at least `minSampleMs` (1 for calls that long already). */
export function batchFor(perCall: number, minSampleMs: number): number {
  return perCall >= minSampleMs ? 1 : Math.ceil(minSampleMs / perCall);
}

/** Median over rounds of t(a) ÷ t(b) from {@link measureGroup}: robust to load that drifts. */
export function pairedRatio(group: GroupResult, a: number, b: number): number {
  const ratios = group.rounds.map((row) => row[a] / row[b]).sort((x, y) => x - y);
  const mid = ratios.length / 2;
  return ratios.length % 2 ? ratios[Math.floor(mid)] : (ratios[mid - 1] + ratios[mid]) / 2;
}
