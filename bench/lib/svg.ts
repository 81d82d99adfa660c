// Minimal log–log line plots as plain SVG: axes, ticks, one polyline with markers per series, a
// legend. No dependencies and no timestamps, so a rerun changes only the numbers.

export interface Series { name: string; points: [x: number, y: number][] }
export interface PlotSpec { title: string; xLabel: string; yLabel: string; series: Series[] }

const W = 680, H = 420, M = { left: 78, right: 20, top: 44, bottom: 56 };
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#17becf'];
const DASHES = ['', '6 3', '2 3', '8 3 2 3', '', '6 3', '2 3'];

/** Renders the plot; series without points are left out, and an empty plot says so. */
export function linePlot(spec: PlotSpec): string {
  const series = spec.series.filter((s) => s.points.length > 0);
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = series.flatMap((s) => s.points.map((p) => p[1])).filter((y) => y > 0);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${esc(spec.title)}</text>`,
  ];
  if (xs.length === 0 || ys.length === 0) {
    out.push(`<text x="${W / 2}" y="${H / 2}" text-anchor="middle">no data in this run</text>`, '</svg>');
    return out.join('\n');
  }
  const x = logScale(Math.min(...xs), Math.max(...xs), M.left, W - M.right, 1.15);
  const y = logScale(Math.min(...ys), Math.max(...ys), H - M.bottom, M.top, 1.6);
  out.push(...axes(spec, x, y, [...new Set(xs)].sort((a, b) => a - b)));
  series.forEach((s, k) => out.push(...line(s, x, y, COLORS[k % COLORS.length], DASHES[k % DASHES.length], k)));
  out.push('</svg>');
  return out.join('\n');
}

interface Scale { (v: number): number; lo: number; hi: number }

function logScale(min: number, max: number, from: number, to: number, pad: number): Scale {
  const lo = Math.log10(min / pad);
  const hi = Math.log10(max * pad);
  const f = ((v: number) => from + ((Math.log10(v) - lo) / (hi - lo || 1)) * (to - from)) as Scale;
  f.lo = 10 ** lo;
  f.hi = 10 ** hi;
  return f;
}

function axes(spec: PlotSpec, x: Scale, y: Scale, xTicks: number[]): string[] {
  const out = [
    `<line x1="${M.left}" y1="${H - M.bottom}" x2="${W - M.right}" y2="${H - M.bottom}" stroke="black"/>`,
    `<line x1="${M.left}" y1="${M.top}" x2="${M.left}" y2="${H - M.bottom}" stroke="black"/>`,
    `<text x="${(M.left + W - M.right) / 2}" y="${H - 14}" text-anchor="middle">${esc(spec.xLabel)}</text>`,
    `<text transform="translate(18 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(spec.yLabel)}</text>`,
  ];
  for (const t of xTicks) {
    const px = r(x(t));
    out.push(`<line x1="${px}" y1="${H - M.bottom}" x2="${px}" y2="${H - M.bottom + 5}" stroke="black"/>`,
      `<text x="${px}" y="${H - M.bottom + 19}" text-anchor="middle">${esc(tickLabel(t))}</text>`);
  }
  for (const t of yTicks(y.lo, y.hi)) {
    const py = r(y(t));
    out.push(`<line x1="${M.left}" y1="${py}" x2="${W - M.right}" y2="${py}" stroke="#e4e4e4"/>`,
      `<text x="${M.left - 6}" y="${py + 4}" text-anchor="end">${esc(msLabel(t))}</text>`);
  }
  return out;
}

function line(s: Series, x: Scale, y: Scale, color: string, dash: string, k: number): string[] {
  const pts = s.points.filter((p) => p[1] > 0).sort((a, b) => a[0] - b[0]);
  const path = pts.map((p) => `${r(x(p[0]))},${r(y(p[1]))}`).join(' ');
  const ly = M.top + 8 + k * 17;
  return [
    `<polyline fill="none" stroke="${color}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''} points="${path}"/>`,
    ...pts.map((p) => `<circle cx="${r(x(p[0]))}" cy="${r(y(p[1]))}" r="3.5" fill="${color}"/>`),
    `<line x1="${M.left + 12}" y1="${ly}" x2="${M.left + 40}" y2="${ly}" stroke="${color}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`,
    `<text x="${M.left + 46}" y="${ly + 4}">${esc(s.name)}</text>`,
  ];
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

function r(v: number): number {
  return Math.round(v * 10) / 10;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
