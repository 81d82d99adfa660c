// linreg predict: a model saved by `linreg fit --save` applied to the rows of a CSV file, whose
// columns are found by the model's feature names; the predictions (and, with --intervals,
// statsmodels' summary_frame columns) as CSV, streamed through a temporary file so that nothing
// is written on error.
import { createReadStream, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { LinearRegression } from '../index.js';
import { CsvError, csvChunks } from '../csv/index.js';
import { InputError, fsReason } from './errors.js';
import { Streamed } from './outputs.js';
import { ReadBar } from './progress.js';
import { named, openTable } from './table.js';
import { ADDED, withTargetColumn, withoutTargetColumn } from './predict-input.js';

/** The options of `linreg predict`, parsed. */
export interface PredictFlags {
  intervals?: number;
  output?: string;
  delimiter?: string;
  progress: boolean;
}

const FRAME = ['mean', 'mean_se', 'mean_ci_lower', 'mean_ci_upper', 'obs_ci_lower', 'obs_ci_upper'] as const;

/** Runs `linreg predict`; writes the CSV itself (to --output or stdout) and returns ''. */
export async function predictCommand(modelFile: string, file: string, f: PredictFlags): Promise<string> {
  const { model, columns } = loadModel(modelFile);
  const table = openTable(file, {});
  const delimiter = f.delimiter ?? columns.delimiter ?? ',';
  const out = new Streamed(f.output ?? join(tmpdir(), `linreg-predict-${process.pid}.csv`));
  let bytes = 0, rows = 0;
  const stream = createReadStream(file, { highWaterMark: 1 << 16 });
  const source = csvChunks(withTargetColumn(stream, delimiter, (n) => { bytes += n; }), {
    target: ADDED, features: columns.features, levels: columns.levels, delimiter,
    missing: 'error', // a dropped row would shift every prediction after it
  });
  const bar = new ReadBar(f.progress, 'predict', table.size, () => bytes);
  try {
    await out.write(`${f.intervals === undefined ? 'prediction' : FRAME.join(',')}\n`);
    await named(table, async () => {
      try {
        for await (const chunk of source) {
          await out.write(f.intervals === undefined ? predictions(model, chunk.X) : intervals(model, chunk.X, f.intervals));
          rows += chunk.X.length;
          bar.rowsRead(rows);
        }
      } catch (error) {
        // A text cell in a column the model reads as numbers is "categorical" to csvChunks, which
        // asks for levels; to predict, it is a cell that is not a number.
        if (error instanceof CsvError && error.code === 'levels-needed') {
          throw new CsvError('not-a-number', `CSV line ${error.line}, column ${error.column} (${error.columnName}): ${JSON.stringify(error.cell)} is not a number (the model reads ${error.columnName} as numbers)`, error);
        }
        if (error instanceof CsvError) throw new CsvError(error.code, withoutTargetColumn(error.message), error);
        throw error;
      }
    });
    await out.end();
  } catch (error) {
    await out.discard();
    throw error;
  } finally {
    bar.stop();
    stream.destroy();
  }
  out.commit();
  if (!f.output) {
    try {
      await pipeline(createReadStream(out.path), process.stdout, { end: false });
    } finally {
      rmSync(out.path, { force: true });
    }
  }
  return '';
}

/** @throws InputError when the file is not a model saved by linreg fit --save (or toJSON). */
function loadModel(path: string): { model: LinearRegression; columns: SavedColumns } {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    if (error instanceof SyntaxError) throw new InputError(`${path}: not JSON (${error.message}); give a model saved by linreg fit --save`);
    throw new InputError(`${path}: ${fsReason(error as NodeJS.ErrnoException)}`);
  }
  let model: LinearRegression;
  try {
    model = LinearRegression.fromJSON(json);
  } catch (error) {
    throw new InputError(`${path}: ${(error as Error).message}`);
  }
  const fitted = (json as { fitted: unknown }).fitted;
  if (fitted === null) throw new InputError(`${path}: the model was never fitted`);
  if (Array.isArray(fitted)) throw new InputError(`${path}: a model of several targets; linreg predict takes a model of one (linreg fit --save)`);
  // linreg fit --save adds how the columns are read; a plain toJSON() names numeric columns only.
  const csv = (json as { csv?: SavedColumns }).csv;
  return { model, columns: csv ?? { features: (fitted as { featureNames: string[] }).featureNames, levels: {} } };
}

/** What `linreg fit --save` adds to the model's JSON: the CSV columns of X and their levels. */
interface SavedColumns { features: string[]; levels: Record<string, string[]>; delimiter?: string }

function predictions(model: LinearRegression, X: Float64Array[]): string {
  const yhat = model.predict(X);
  let text = '';
  for (let i = 0; i < yhat.length; i++) text += `${yhat[i]}\n`;
  return text;
}

function intervals(model: LinearRegression, X: Float64Array[], level: number): string {
  const r = model.predictInterval(X, { level });
  let text = '';
  for (let i = 0; i < r.mean.length; i++) {
    text += `${r.mean[i]},${r.meanSe[i]},${r.meanLower[i]},${r.meanUpper[i]},${r.obsLower[i]},${r.obsUpper[i]}\n`;
  }
  return text;
}
