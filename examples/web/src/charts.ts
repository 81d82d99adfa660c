// The two uPlot charts: the loss curve, drawn live as the worker logs, and fitted vs observed.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const LOSS_COLOR = '#2563eb';
const FIT_COLOR = '#dc2626';

// The chart fills its panel's content box (the panel has padding and a border).
function width(el: HTMLElement): number {
  const style = getComputedStyle(el);
  const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
  return Math.max(260, Math.floor(el.clientWidth - padding));
}

/** A log-scale loss curve that accepts points as they arrive and redraws once per frame. */
export class LossChart {
  private readonly plot: uPlot;
  private readonly xs: number[] = [];
  private readonly ys: number[] = [];
  private frame = 0;

  constructor(el: HTMLElement) {
    this.plot = new uPlot({
      width: width(el), height: 260, title: 'Loss while training',
      scales: { x: { time: false }, y: { distr: 3 } },
      axes: [{ label: 'iteration' }, { label: 'loss', size: 70 }],
      series: [{ label: 'iteration' }, { label: 'loss', stroke: LOSS_COLOR, width: 2, points: { show: false } }],
    }, [[], []], el);
  }

  /** Forgets the previous fit. */
  reset(): void {
    this.xs.length = 0;
    this.ys.length = 0;
    this.plot.setData([[], []]);
  }

  /** Adds one logged point (a non-positive loss is clamped for the log scale). */
  push(iteration: number, loss: number): void {
    this.xs.push(iteration);
    this.ys.push(Math.max(loss, Number.MIN_VALUE));
    this.frame ||= requestAnimationFrame(() => {
      this.frame = 0;
      this.plot.setData([this.xs, this.ys]);
    });
  }

  /** Number of points drawn so far. */
  get points(): number {
    return this.xs.length;
  }

  resize(el: HTMLElement): void {
    this.plot.setSize({ width: width(el), height: 260 });
  }
}

/** Fitted against observed values, with the line y = x a perfect fit would lie on. */
export class FitChart {
  private readonly plot: uPlot;

  constructor(el: HTMLElement) {
    this.plot = new uPlot({
      width: width(el), height: 260, title: 'Fitted vs observed',
      scales: { x: { time: false } },
      axes: [{ label: 'observed y' }, { label: 'fitted ŷ', size: 70 }],
      series: [
        { label: 'observed' },
        { label: 'fitted', stroke: FIT_COLOR, paths: () => null, points: { show: true, size: 7, fill: FIT_COLOR } },
        { label: 'y = x', stroke: '#64748b', width: 1, dash: [6, 4], points: { show: false } },
      ],
    }, [[], [], []], el);
  }

  show(observed: number[], fitted: number[]): void {
    const order = observed.map((_, i) => i).sort((a, b) => observed[a] - observed[b]);
    const xs = order.map((i) => observed[i]);
    this.plot.setData([xs, order.map((i) => fitted[i]), xs]);
  }

  resize(el: HTMLElement): void {
    this.plot.setSize({ width: width(el), height: 260 });
  }
}
