// linreg fit: a CSV file streamed through fitStream (constant memory), then a second pass through
// scanResiduals for the residual diagnostics, the robust covariances and the plots' rows; prints
// statsmodels' table (or --json), saves the model (--save) and the plots (--plots).
import { join } from 'node:path';
import { LinearRegression, type CovType } from '../index.js';
import { InputError } from './errors.js';
import { Outputs } from './outputs.js';
import { fitPlots, Sample } from './plots.js';
import { ReadBar } from './progress.js';
import { columnOptions, named, read, tap, type ColumnOptions, type Table } from './table.js';
import type { CsvDropped } from '../csv/index.js';

/** The options of `linreg fit`, parsed. */
export interface FitFlags extends ColumnOptions {
  intercept: boolean;
  cov: CovType;
  level: number;
  json: boolean;
  plots?: string;
  save?: string;
  onePass: boolean;
  progress: boolean;
}

/** Runs `linreg fit`; returns what goes to stdout, once every file has been written. */
export async function fitCommand(file: string, f: FitFlags): Promise<string> {
  const table = await columnOptions(file, f);
  const model = new LinearRegression({ fitIntercept: f.intercept });
  const first = await firstPass(table, model, f.progress);
  const levelsTable: Table = { ...table, options: { ...table.options, levels: first.levels } }; // no second search for levels
  let sample: Sample | undefined;
  if (f.onePass) {
    if (f.cov !== 'nonrobust') throw new InputError(`--cov ${f.cov} needs every row's residual, from the second pass over the file: leave out --one-pass`);
    if (f.plots) throw new InputError('--plots needs the second pass over the file: leave out --one-pass');
  } else {
    sample = await secondPass(levelsTable, model, f.progress, Boolean(f.plots));
  }
  const summary = model.summary({ covType: f.cov, level: f.level });
  const outputs = new Outputs();
  const plotFiles: string[] = [];
  if (f.plots && sample) {
    outputs.directory(f.plots);
    for (const [name, svg] of Object.entries(fitPlots(sample, first.targetName))) {
      plotFiles.push(join(f.plots, name));
      outputs.add(join(f.plots, name), svg);
    }
  }
  // The saved model carries how its columns are read from a CSV, for linreg predict.
  const csv = { features: table.options.features ?? first.featureNames, levels: first.levels, ...(f.delimiter ? { delimiter: f.delimiter } : {}) };
  if (f.save) outputs.add(f.save, `${JSON.stringify({ ...model.toJSON(), csv }, null, 1)}\n`);
  outputs.commit();
  if (!f.json) return `${String(summary)}\n${droppedNote(first.dropped, first.rows)}`;
  return `${JSON.stringify({
    command: 'fit', file, rows: first.rows, dropped: first.dropped, target: first.targetName, features: first.featureNames,
    levels: first.levels, weights: f.weights ?? null, intercept: f.intercept, passes: f.onePass ? 1 : 2,
    summary: summary.toJSON(), model: model.toJSON(), plots: plotFiles, saved: f.save ?? null,
  }, null, 1)}\n`;
}

interface FirstPass {
  rows: number; featureNames: string[]; targetName: string;
  levels: Record<string, string[]>; dropped: CsvDropped;
}

/** The line after the table when rows were dropped for a missing value ('' when none were). */
export function droppedNote(d: CsvDropped, kept: number): string {
  if (!d.rows) return '';
  const by = Object.entries(d.byColumn).filter(([, n]) => n > 0).map(([col, n]) => `${col} ${n}`).join(', ');
  return `\nRows dropped for a missing value: ${d.rows} of ${d.rows + kept} (${by}); --missing error stops at the first instead.\n`;
}

/** fitStream over the file, watching the target for a constant (or only one row). */
async function firstPass(table: Table, model: LinearRegression, progress: boolean): Promise<FirstPass> {
  const reading = await read(table);
  const bar = new ReadBar(progress, 'fit      ', table.size, reading.bytesRead);
  let rows = 0, lo = Infinity, hi = -Infinity;
  try {
    const names = await named(table, () => reading.source.names);
    const watched = tap(reading.source, ({ y }) => {
      rows += y.length;
      for (let i = 0; i < y.length; i++) { if (y[i] < lo) lo = y[i]; if (y[i] > hi) hi = y[i]; }
      bar.rowsRead(rows);
    });
    await named(table, () => model.fitStream(watched, names));
    if (lo === hi) {
      throw new InputError(`${table.path} column "${names.targetName}" (the target): every one of the ${rows} rows is ${lo}; a constant target leaves nothing to fit`);
    }
    const [levels, dropped] = await Promise.all([reading.source.levels, reading.source.dropped]);
    return { rows, ...names, levels, dropped };
  } finally {
    bar.stop();
    reading.close();
  }
}

/** scanResiduals over the file again; keeps the rows the plots draw when asked. */
async function secondPass(table: Table, model: LinearRegression, progress: boolean, plots: boolean): Promise<Sample | undefined> {
  const reading = await read(table);
  const bar = new ReadBar(progress, 'residuals', table.size, reading.bytesRead);
  const sample = plots ? new Sample(model.summary().nobs) : undefined;
  let rows = 0;
  try {
    await named(table, () => model.scanResiduals(tap(reading.source, (chunk) => {
      sample?.add(chunk, model);
      rows += chunk.y.length;
      bar.rowsRead(rows);
    })));
    return sample;
  } finally {
    bar.stop();
    reading.close();
  }
}
