// The uPlot charts: the loss curve, drawn live as the worker logs (and up to the blow-up when a run
// diverges), gradient descent's fitted vs observed, and the closed form's residuals vs fitted.
// Each chart's element carries data-points (how many points it shows, for the browser test) and
// data-empty, the text style.css shows over it while it has none.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const LOSS_COLOR = '#2563eb';
const FIT_COLOR = '#dc2626';
const RESIDUAL_COLOR = '#7c3aed';
const DIVERGED_COLOR = '#dc2626';
const HEIGHT = 260;

// The chart fills its panel's content box (the panel has padding and a border).
function width(el: HTMLElement): number {
  const style = getComputedStyle(el);
  const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
  return Math.max(240, Math.floor(el.clientWidth - padding));
}

/** Indexes of `values` in increasing order (uPlot wants its x values sorted). */
function order(values: number[]): number[] {
  return values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
}

function empty(series: number): uPlot.AlignedData {
  return [[], ...Array.from({ length: series - 1 }, () => [])];
}

/**
 * Ticks of a log axis at powers of ten, at most about six of them (at 1, 2 and 5 times them when
 * the axis spans less than two decades). uPlot's own log ticks, and its increments, which stop at
 * 1e16, leave the axis blank when a diverged run spans hundreds of decades.
 */
function decades(_u: uPlot, _axis: number, min: number, max: number): number[] {
  const lo = Math.ceil(Math.log10(min) - 1e-9), hi = Math.floor(Math.log10(max) + 1e-9);
  const ticks: number[] = [];
  if (hi - lo < 2) {
    for (let e = lo - 1; e <= hi; e++) for (const m of [1, 2, 5]) if (m * 10 ** e >= min && m * 10 ** e <= max) ticks.push(m * 10 ** e);
    return ticks;
  }
  const step = [1, 2, 5, 10, 20, 50, 100].find((s) => (hi - lo) / s <= 6) ?? 200;
  for (let e = Math.ceil(lo / step) * step; e <= hi; e += step) ticks.push(10 ** e);
  return ticks;
}

const LOG_INCRS = Array.from({ length: 617 }, (_, i) => 10 ** (i - 308));

/** 0.001 … 100,000 written out, smaller and larger ticks as 5e-7, 1e+12. */
function power(v: number): string {
  return v >= 1e-3 && v <= 1e5 ? v.toLocaleString('en', { maximumFractionDigits: 3 }) : v.toExponential(0);
}

/** One uPlot in `el`, resized with it, with a data-points count on the element. */
abstract class Chart {
  protected readonly plot: uPlot;

  constructor(protected readonly el: HTMLElement, options: Omit<uPlot.Options, 'width' | 'height'>, series: number) {
    this.plot = new uPlot({ ...options, width: width(el), height: HEIGHT }, empty(series), el);
    el.dataset.points = '0';
    el.dataset.empty = 'No fit yet.';
  }

  protected setData(data: uPlot.AlignedData, points: number): void {
    this.plot.setData(data);
    this.el.dataset.points = String(points);
  }

  /** Shows no points, and `why` over the empty plot (after an error, or while a new fit runs). */
  clear(why = ''): void {
    this.setData(empty(this.plot.series.length), 0);
    this.el.dataset.empty = why;
  }

  resize(): void {
    this.plot.setSize({ width: width(this.el), height: HEIGHT });
  }
}

/**
 * A log-scale loss curve that accepts points as they arrive and redraws once per frame; after a
 * divergence, the finite losses up to it and a dashed line where the loss stopped being finite.
 */
export class LossChart extends Chart {
  private readonly xs: number[] = [];
  private readonly ys: (number | null)[] = [];
  private frame = 0;
  private divergedAt: number | undefined;

  constructor(el: HTMLElement) {
    super(el, {
      title: 'Loss while training (gradient descent)',
      scales: { x: { time: false }, y: { distr: 3 } },
      axes: [{ label: 'iteration' }, { label: 'loss', size: 70, incrs: LOG_INCRS, splits: decades,
        filter: (_u, ticks) => ticks, values: (_u, ticks) => ticks.map(power) }],
      series: [{ label: 'iteration' }, { label: 'loss', stroke: LOSS_COLOR, width: 2, points: { show: false } }],
      hooks: { draw: [(u) => this.markDivergence(u)] },
    }, 2);
  }

  /** Forgets the previous fit. */
  override clear(why = ''): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.xs.length = 0;
    this.ys.length = 0;
    this.divergedAt = undefined;
    delete this.el.dataset.divergedAt;
    super.clear(why);
  }

  /** Adds one logged point (a non-positive loss is clamped for the log scale; a non-finite one is left out). */
  push(iteration: number, loss: number): void {
    if (!Number.isFinite(loss)) return;
    this.xs.push(iteration);
    this.ys.push(Math.max(loss, Number.MIN_VALUE));
    this.frame ||= requestAnimationFrame(() => {
      this.frame = 0;
      this.setData([this.xs, this.ys], this.xs.length);
    });
  }

  /** Replaces the curve by the finite losses of a diverged run and marks `iteration`, where it diverged. */
  diverged(iteration: number, [xs, losses]: [number[], number[]]): void {
    this.clear(`No finite loss before iteration ${iteration}.`);
    this.divergedAt = iteration;
    this.el.dataset.divergedAt = String(iteration);
    this.xs.push(...xs, iteration); // the last x, without a loss, keeps the mark inside the plot
    this.ys.push(...losses.map((l) => Math.max(l, Number.MIN_VALUE)), null);
    this.setData([this.xs, this.ys], xs.length);
  }

  private markDivergence(u: uPlot): void {
    if (this.divergedAt === undefined) return;
    const px = uPlot.pxRatio;
    const x = Math.round(u.valToPos(this.divergedAt, 'x', true));
    const { ctx, bbox } = u;
    ctx.save();
    ctx.strokeStyle = DIVERGED_COLOR;
    ctx.fillStyle = DIVERGED_COLOR;
    ctx.lineWidth = 2 * px;
    ctx.setLineDash([6 * px, 4 * px]);
    ctx.beginPath();
    ctx.moveTo(x, bbox.top);
    ctx.lineTo(x, bbox.top + bbox.height);
    ctx.stroke();
    ctx.font = `${12 * px}px system-ui, sans-serif`;
    ctx.textAlign = 'right';
    ctx.fillText(`diverged at iteration ${this.divergedAt}`, x - 6 * px, bbox.top + 16 * px);
    ctx.restore();
  }
}

/** Gradient descent's fitted against observed values, with the line y = x a perfect fit would lie on. */
export class FitChart extends Chart {
  constructor(el: HTMLElement) {
    super(el, {
      title: 'Fitted vs observed (gradient descent)',
      scales: { x: { time: false } },
      axes: [{ label: 'observed y' }, { label: 'fitted ŷ', size: 70 }],
      series: [
        { label: 'observed' },
        { label: 'fitted', stroke: FIT_COLOR, paths: () => null, points: { show: true, size: 7, fill: FIT_COLOR } },
        { label: 'y = x', stroke: '#64748b', width: 1, dash: [6, 4], points: { show: false } },
      ],
    }, 3);
  }

  show(observed: number[], fitted: number[]): void {
    const idx = order(observed);
    const xs = idx.map((i) => observed[i]);
    this.setData([xs, idx.map((i) => fitted[i]), xs], xs.length);
  }
}

/** The closed form's residuals y − ŷ against its fitted ŷ, with the zero line. */
export class ResidualChart extends Chart {
  constructor(el: HTMLElement) {
    super(el, {
      title: 'Residuals vs fitted (closed form)',
      scales: { x: { time: false } },
      axes: [{ label: 'fitted ŷ' }, { label: 'residual y − ŷ', size: 70 }],
      series: [
        { label: 'fitted ŷ' },
        { label: 'residual', stroke: RESIDUAL_COLOR, paths: () => null, points: { show: true, size: 7, fill: RESIDUAL_COLOR } },
        { label: 'zero', stroke: '#64748b', width: 1, dash: [6, 4], points: { show: false } },
      ],
    }, 3);
  }

  show(observed: number[], fitted: number[]): void {
    const idx = order(fitted);
    const xs = idx.map((i) => fitted[i]);
    this.setData([xs, idx.map((i) => observed[i] - fitted[i]), xs.map(() => 0)], xs.length);
  }
}
