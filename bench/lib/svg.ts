// Log–log line plots for the bench's results, drawn by Observable Plot (the same renderer as the
// linreg command's --plots, src/cli/plots.ts): one line with markers per series, a legend, no
// timestamps and a fixed class name, so a rerun changes only the numbers.
import * as Plot from '@observablehq/plot';
import { renderSvg } from '../../src/cli/plots.js';

export interface Series { name: string; points: [x: number, y: number][] }
export interface PlotSpec { title: string; xLabel: string; yLabel: string; series: Series[] }

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#17becf'];
const DASHES = ['none', '6 3', '2 3', '8 3 2 3', 'none', '6 3', '2 3'];

/** Renders the plot; series without points are left out, and an empty plot says so. */
export function linePlot(spec: PlotSpec): string {
  const series = spec.series
    .map((s) => ({ name: s.name, points: s.points.filter((p) => p[1] > 0).sort((a, b) => a[0] - b[0]) }))
    .filter((s) => s.points.length > 0);
  if (series.length === 0) {
    return renderSvg(spec.title, { width: 680, height: 420, marks: [Plot.text(['no data in this run'], { frameAnchor: 'middle', fontSize: 12 })] });
  }
  const xs = [...new Set(series.flatMap((s) => s.points.map((p) => p[0])))].sort((a, b) => a - b);
  const ys = series.flatMap((s) => s.points.map((p) => p[1]));
  const yt = yTicks(Math.min(...ys) / 1.6, Math.max(...ys) * 1.6);
  const marks = series.flatMap((s, k) => {
    const rows = s.points.map(([x, y]) => ({ x, y, name: s.name }));
    const dash = DASHES[k % DASHES.length];
    return [
      Plot.line(rows, { x: 'x', y: 'y', stroke: 'name', strokeWidth: 2, strokeDasharray: dash }),
      Plot.dot(rows, { x: 'x', y: 'y', fill: 'name', r: 3.5 }),
      // The legend, in the frame's top-left corner: the series' colour and its name.
      Plot.text([`━━●━━  ${s.name}`], { frameAnchor: 'top-left', dx: 12, dy: 8 + k * 17, textAnchor: 'start', fontSize: 12, fill: () => s.name }),
    ];
  });
  // A log axis labels only what d3's log tickFormat keeps (the decades); the bench's sizes and
  // 2× / 5× times are labelled with text marks instead.
  marks.push(
    Plot.text(xs, { x: (d: number) => d, frameAnchor: 'bottom', dy: 16, text: tickLabel, fontSize: 12 }),
    Plot.text(yt, { y: (d: number) => d, frameAnchor: 'left', dx: -8, textAnchor: 'end', text: msLabel, fontSize: 12 }),
  );
  return renderSvg(spec.title, {
    width: 680, height: 420, marginLeft: 78, marginBottom: 56, fontSize: 12,
    x: { type: 'log', label: spec.xLabel, ticks: xs, tickFormat: () => '', insetLeft: 10, insetRight: 10 },
    y: { type: 'log', label: spec.yLabel, ticks: yt, tickFormat: () => '', grid: true, domain: [Math.min(...ys) / 1.6, Math.max(...ys) * 1.6] },
    color: { domain: series.map((s) => s.name), range: COLORS }, marks,
  } as Plot.PlotOptions);
}

// Decades, plus 2× and 5× when the range spans fewer than 3.5 decades.
function yTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  const dense = Math.log10(hi / lo) < 3.5;
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of dense ? [1, 2, 5] : [1]) {
      const v = m * 10 ** e;
      if (v >= lo && v <= hi) ticks.push(v);
    }
  }
  return ticks;
}

function tickLabel(v: number): string {
  if (v >= 1e6 && v % 1e6 === 0) return `${v / 1e6}M`;
  if (v >= 1e3 && v % 1e3 === 0) return `${v / 1e3}k`;
  return String(v);
}

function msLabel(ms: number): string {
  if (ms >= 1000) return `${+(ms / 1000).toPrecision(3)} s`;
  if (ms >= 1) return `${+ms.toPrecision(3)} ms`;
  return `${+(ms * 1000).toPrecision(3)} µs`;
}
