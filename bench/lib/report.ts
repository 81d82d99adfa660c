// The report model every workload fills in, and its rendering to Markdown. Workloads never write
// numbers as text themselves except through the formatters here, so every file looks the same.
import type { Stats } from './measure.js';

export interface Table { caption?: string; columns: string[]; rows: string[][] }
/** A plot: `name` is the SVG's file name (without directory), `svg` its content. */
export interface Plot { name: string; title: string; svg: string }
export type TargetStatus = 'met' | 'NOT met' | 'not measured';
export interface Target {
  /** What is compared, e.g. "seed training: train() vs plain JS". */
  name: string;
  /** The measured ratio with both sides named, e.g. "plain JS ÷ train() = 14.2×". */
  measured: string;
  /** The goal, e.g. "≥ 10×". */
  goal: string;
  status: TargetStatus;
}
export interface Section {
  id: string;
  title: string;
  intro: string[];
  tables: Table[];
  notes: string[];
  plots: Plot[];
}
/** One line of the headline table (also quoted by the README). */
export interface Headline { workload: string; comparison: string; ratio: string }

/** What one workload contributes. */
export interface WorkloadResult { section: Section; targets: Target[]; headline: Headline[] }

export function section(id: string, title: string, intro: string[] = []): Section {
  return { id, title, intro, tables: [], notes: [], plots: [] };
}

/** 3 significant digits with a unit that keeps the number readable. */
export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms < 1) return `${sig(ms * 1000)} µs`;
  if (ms < 1000) return `${sig(ms)} ms`;
  return `${sig(ms / 1000)} s`;
}

export function sig(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 10 ** digits) return x.toFixed(0);
  return x.toPrecision(digits).replace(/(\.\d*?[1-9])0+$|\.0+$/, '$1');
}

/** "± 0.21 ms (n=30)": the median absolute deviation and the sample count. */
export function fmtSpread(s: Stats): string {
  return `± ${fmtMs(s.mad)} (n=${s.samples})`;
}

/** "16 M", "780 k", "7.3 k": a rate per second, readable at a glance. */
export function fmtRate(perSecond: number): string {
  if (perSecond >= 1e6) return `${sig(perSecond / 1e6)} M`;
  if (perSecond >= 1e3) return `${sig(perSecond / 1e3)} k`;
  return sig(perSecond);
}

export function fmtBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${sig(bytes / 1024)} KiB`;
  if (bytes < 1024 ** 3) return `${sig(bytes / 1024 ** 2)} MiB`;
  return `${sig(bytes / 1024 ** 3)} GiB`;
}

/** "a ÷ b = 3.21×": the ratio with both sides named. */
export function ratioText(aName: string, a: number, bName: string, b: number): string {
  return `${aName} ÷ ${bName} = ${sig(a / b)}×`;
}

/** Time ratio of a peer row against our row: "t(peer) ÷ t(ours) = 3.2×" (> 1: ours is faster). */
export function timeRatio(peerName: string, peer: Stats, oursName: string, ours: Stats): string {
  return ratioText(`t(${peerName})`, peer.median, `t(${oursName})`, ours.median);
}

export function status(value: number, goal: number, atLeast = true): TargetStatus {
  if (!Number.isFinite(value)) return 'not measured';
  return (atLeast ? value >= goal : value <= goal) ? 'met' : 'NOT met';
}

export function renderTable(t: Table): string {
  const esc = (c: string): string => c.replace(/\|/g, '\\|');
  const lines = [
    `| ${t.columns.map(esc).join(' | ')} |`,
    `|${t.columns.map(() => '---').join('|')}|`,
    ...t.rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ];
  return (t.caption ? `${t.caption}\n\n` : '') + lines.join('\n');
}

/** The section as Markdown; plots are linked as `${plotDir}/${name}`. */
export function renderSection(s: Section, plotDir: string): string {
  const parts = [`## ${s.title}`, ...s.intro];
  for (const t of s.tables) parts.push(renderTable(t));
  for (const p of s.plots) parts.push(`![${p.title}](${plotDir}/${p.name})`);
  if (s.notes.length) parts.push(s.notes.map((n) => `- ${n}`).join('\n'));
  return parts.join('\n\n');
}

export function renderTargets(targets: Target[]): string {
  return renderTable({
    columns: ['target', 'measured (both sides named)', 'goal', 'status'],
    rows: targets.map((t) => [t.name, t.measured, t.goal, t.status === 'NOT met' ? '**NOT met**' : t.status]),
  });
}

export function renderHeadline(h: Headline[]): string {
  return renderTable({ columns: ['workload', 'comparison', 'ratio'], rows: h.map((x) => [x.workload, x.comparison, x.ratio]) });
}

/** "t(peer) ÷ t(ours) = 3.2× (ours faster)": a time ratio that also says which way it points. */
export function speedup(oursName: string, ours: Stats, peerName: string, peer: Stats): string {
  const r = peer.median / ours.median;
  return `${timeRatio(peerName, peer, oursName, ours)} (${oursName} ${r >= 1 ? 'faster' : 'slower'})`;
}
