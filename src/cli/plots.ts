// The plots, drawn by Observable Plot on linkedom's DOM and saved as standalone SVG files: fitted
// vs observed, residuals vs fitted, normal Q–Q, leverage with Cook's distance (fit), and the loss
// curve (train). Above a few thousand rows, every k-th row is drawn (the file says which).
import * as Plot from '@observablehq/plot';
import { DOMParser } from 'linkedom';
import { normalQuantile } from '../stats/index.js';
import type { LinearRegression } from '../index.js';
import type { CsvChunk } from '../csv/index.js';

/** Rows drawn at most; a larger fit draws every k-th row. */
export const MAX_POINTS = 5000;

/** One row of a fit, as drawn. */
export interface Point {
  row: number; fitted: number; observed: number; residual: number;
  studentized: number; leverage: number; cook: number;
}

/** Keeps every `step`-th row of a pass over the data, with its influence measures. */
export class Sample {
  readonly points: Point[] = [];
  private seen = 0;
  readonly step: number;

  constructor(readonly nobs: number) {
    this.step = Math.max(1, Math.ceil(nobs / MAX_POINTS));
  }

  /** Adds the chunk's rows that are drawn, with their prediction and influence under `model`. */
  add(chunk: CsvChunk, model: LinearRegression): void {
    const keep: number[] = [];
    for (let i = 0; i < chunk.y.length; i++) if ((this.seen + i) % this.step === 0) keep.push(i);
    const first = this.seen;
    this.seen += chunk.y.length;
    if (!keep.length) return;
    const X = keep.map((i) => chunk.X[i]), y = Float64Array.from(keep, (i) => chunk.y[i]);
    const w = chunk.sampleWeight && Float64Array.from(keep, (i) => chunk.sampleWeight![i]);
    const fitted = model.predict(X);
    const inf = model.influence(X, y, w ? { sampleWeight: w } : undefined);
    keep.forEach((i, k) => this.points.push({
      row: first + i + 1, fitted: fitted[k], observed: y[k], residual: y[k] - fitted[k],
      studentized: inf.studentizedInternal[k], leverage: inf.leverage[k], cook: inf.cooksDistance[k],
    }));
  }

  /** A caption for the plots: which rows are drawn. */
  get note(): string {
    return this.step === 1 ? `all ${this.nobs.toLocaleString('en-US')} rows` : `every ${this.step}th of ${this.nobs.toLocaleString('en-US')} rows`;
  }
}

/** The SVG document of one Plot figure (no <figure> wrapper: the title is a text mark). */
export function renderSvg(title: string, options: Plot.PlotOptions): string {
  // An empty document, made without the HTML parser (scripts/build-cli.mjs leaves the parser out).
  const document = new DOMParser().parseFromString('', 'text/html') as unknown as Document;
  document.appendChild(document.createElement('html')); // Plot creates its elements from documentElement
  const marks = [...(options.marks ?? []), Plot.text([title], { frameAnchor: 'top-left', dy: -24, fontSize: 14, fontWeight: 'bold', textAnchor: 'start' })];
  const svg = Plot.plot({
    className: 'linreg-plot', // not Plot's random one: the same data gives the same file
    width: 640, height: 420, marginTop: 36, marginLeft: 80, marginRight: 40, marginBottom: 44, inset: 8, ...options,
    y: { labelAnchor: 'center', labelArrow: 'none', ...options.y }, x: { labelAnchor: 'center', labelArrow: 'none', ...options.x },
    marks, document, style: { background: 'white', color: 'black', fontSize: '11px' },
  }) as unknown as Element;
  svg.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${svg.outerHTML}\n`;
}

/** The four diagnostic plots of a fit, by file name. */
export function fitPlots(sample: Sample, target: string): Record<string, string> {
  const pts = sample.points, note = sample.note;
  const lo = Math.min(...pts.map((p) => Math.min(p.fitted, p.observed))), hi = Math.max(...pts.map((p) => Math.max(p.fitted, p.observed)));
  const qq = pts.map((p) => p.studentized).filter(Number.isFinite).sort((a, b) => a - b)
    .map((r, i, all) => ({ theoretical: normalQuantile((i + 1) / (all.length + 1)), sample: r }));
  const qlo = qq.length ? Math.min(qq[0].theoretical, qq[0].sample) : -3, qhi = qq.length ? Math.max(qq[qq.length - 1].theoretical, qq[qq.length - 1].sample) : 3;
  const top = [...pts].filter((p) => Number.isFinite(p.cook)).sort((a, b) => b.cook - a.cook).slice(0, 3);
  return {
    'fitted-vs-observed.svg': renderSvg(`Fitted vs observed ${target} (${note})`, {
      grid: true, x: { label: `fitted ${target}` }, y: { label: `observed ${target}` },
      marks: [Plot.link([{ lo, hi }], { x1: 'lo', y1: 'lo', x2: 'hi', y2: 'hi', stroke: '#999', strokeDasharray: '4 3' }),
        Plot.dot(pts, { x: 'fitted', y: 'observed', r: 2.5, fill: 'steelblue', fillOpacity: 0.7 })],
    }),
    'residuals-vs-fitted.svg': renderSvg(`Residuals vs fitted (${note})`, {
      grid: true, x: { label: `fitted ${target}` }, y: { label: 'residual' },
      marks: [Plot.ruleY([0], { stroke: '#999' }), Plot.dot(pts, { x: 'fitted', y: 'residual', r: 2.5, fill: 'steelblue', fillOpacity: 0.7 })],
    }),
    'qq.svg': renderSvg(`Normal Q–Q of the studentized residuals (${note})`, {
      grid: true, x: { label: 'theoretical quantile' }, y: { label: 'studentized residual' },
      marks: [Plot.link([{ qlo, qhi }], { x1: 'qlo', y1: 'qlo', x2: 'qhi', y2: 'qhi', stroke: '#999', strokeDasharray: '4 3' }),
        Plot.dot(qq, { x: 'theoretical', y: 'sample', r: 2.5, fill: 'steelblue', fillOpacity: 0.7 })],
    }),
    'leverage.svg': renderSvg(`Leverage and Cook's distance (${note}; dot area ∝ Cook's D)`, {
      grid: true, x: { label: 'leverage' }, y: { label: 'studentized residual' }, r: { range: [1.5, 12] },
      marks: [Plot.ruleY([0], { stroke: '#999' }),
        Plot.dot(pts.filter((p) => Number.isFinite(p.cook)), { x: 'leverage', y: 'studentized', r: 'cook', fill: 'tomato', fillOpacity: 0.6, stroke: 'black', strokeWidth: 0.5 }),
        Plot.text(top, { x: 'leverage', y: 'studentized', text: (p: Point) => `row ${p.row} (D ${p.cook.toPrecision(2)})`, dy: -12, fontSize: 10, textAnchor: 'end' })],
    }),
  };
}

/** The loss curve of a training run (log scale when every loss is positive). */
export function lossPlot(losses: Float64Array, loss: string): Record<string, string> {
  const every = Math.max(1, Math.ceil(losses.length / MAX_POINTS));
  const pts = Array.from({ length: Math.ceil(losses.length / every) }, (_, k) => ({ step: k * every, loss: losses[k * every] }));
  const positive = pts.every((p) => p.loss > 0);
  return {
    'loss.svg': renderSvg(`Training loss (${loss}) by step`, {
      grid: true, x: { label: 'step' }, y: { label: `${loss} loss`, type: positive ? 'log' : 'linear' },
      marks: [Plot.line(pts, { x: 'step', y: 'loss', stroke: 'steelblue', strokeWidth: 1.5 })],
    }),
  };
}
