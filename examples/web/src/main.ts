// The demo page: picks the data (the seed notebook's or a CSV), sends it to the training worker,
// draws the loss as it is logged, then the fit, the coefficient table and the closed form's
// statistics. A failed fit (bad CSV, divergence, …) clears every result of the previous one.
import seed from '../../../test/fixtures/seed-torch-reference.json';
import sampleCsv from '../sample.csv';
import { FitChart, LossChart, ResidualChart } from './charts.js';
import { parseCsv, type Dataset } from './csv.js';
import type { Divergence, FitRequest, FitResult, SummaryView, WorkerMessage } from './protocol.js';
import { coefficientsHtml, emptyHtml, modelStatsHtml, summaryHtml } from './tables.js';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const status = $('status');
const lossChart = new LossChart($('loss-chart'));
const fitChart = new FitChart($('fit-chart'));
const residualChart = new ResidualChart($('residual-chart'));
const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });

/**
 * Learning rates that give a smooth loss curve on the sample CSV (unscaled features, mean squared
 * loss, 20 000 iterations). Adam's loss rises by up to 3× between logged points at 0.5, 1.3 % at
 * 0.05 and 0.04 % at 0.01, which still ends on the closed form's loss. Plain SGD diverges above
 * about 1e-4 there, and at 5e-5 is still short of the optimum after 20 000 iterations.
 */
const DEFAULT_LR = { adam: 0.01, sgd: 5e-5 } as const;

const seedData: Dataset = { X: seed.X, y: seed.y_obs, features: ['x1', 'x2', 'x3'], target: 'y' };
let current: { data: Dataset; isSeed: boolean } | undefined;
let started = 0;

worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
  const m = event.data;
  if (m.type === 'ready') $('init-ms').textContent = `${m.initMs.toFixed(1)} ms`;
  else if (m.type === 'log') lossChart.push(m.iteration, m.loss);
  else if (m.type === 'done') done(m.result);
  else fail(m.message, m.divergence);
};
worker.onerror = (event) => fail(`the worker failed: ${event.message}`);

/** Empties the charts and tables so that nothing of an earlier fit stays on the page. */
function clearResults(why: string): void {
  for (const chart of [lossChart, fitChart, residualChart]) chart.clear(why);
  $('coefficients').innerHTML = emptyHtml(why);
  $('summary').innerHTML = emptyHtml(why);
  $('model-stats').innerHTML = '';
  $('summary-text').hidden = true;
  $('summary-text').textContent = '';
  $('notes').textContent = '';
}

/** Shows the error; a diverged run keeps its loss curve up to the blow-up. */
function fail(message: string, divergence?: Divergence): void {
  setBusy(false);
  clearResults('No results: the last fit failed (see the message above).');
  if (divergence) lossChart.diverged(divergence.iteration, divergence.curve);
  status.textContent = divergence
    ? `${message.replace(/\.?$/, '.')} The loss chart shows the finite losses before iteration ${divergence.iteration}.`
    : message;
  status.dataset.state = 'error';
}

function setBusy(busy: boolean): void {
  for (const id of ['fit-seed', 'fit-csv']) ($(id) as HTMLButtonElement).disabled = busy;
}

function settings(isSeed: boolean): Omit<FitRequest, 'type' | 'X' | 'y' | 'features' | 'start'> {
  const optimizer = ($('optimizer') as HTMLSelectElement).value as 'sgd' | 'adam';
  const lr = Number(($('lr') as HTMLInputElement).value);
  const iterations = Number(($('iterations') as HTMLInputElement).value);
  const loss = ($('loss') as HTMLSelectElement).value as 'sse' | 'mse';
  return isSeed && !($('custom') as HTMLInputElement).checked
    ? { optimizer: 'sgd', lr: seed.lr, iterations: seed.n_iter, loss: 'sse' }
    : { optimizer, lr, iterations, loss };
}

function fit(data: Dataset, isSeed: boolean): void {
  current = { data, isSeed };
  const request: FitRequest = {
    type: 'fit', X: data.X, y: data.y, features: data.features, ...settings(isSeed),
    start: isSeed ? { weight: seed.init.w, bias: seed.init.b } : undefined,
  };
  clearResults('Training…');
  setBusy(true);
  status.dataset.state = 'running';
  status.textContent = `training ${data.X.length} rows × ${data.features.length} features, ${request.iterations} iterations (${request.optimizer}, lr ${request.lr}, ${request.loss})…`;
  started = performance.now();
  worker.postMessage(request);
}

function done(result: FitResult): void {
  setBusy(false);
  const { data, isSeed } = current!;
  fitChart.show(data.y, result.predictions);
  residualChart.show(data.y, result.closedForm.predictions);
  $('coefficients').innerHTML = coefficientsHtml(data.features, result, isSeed ? [...seed.final.w, seed.final.b] : undefined);
  showSummary(result.closedForm.summary);
  // A rank-deficient X (the seed's columns are x1, x1 + 1, x1 + 2) has many equally good fits:
  // gradient descent lands on one near its start, the closed form returns the minimum-norm one.
  $('notes').textContent = result.closedForm.warnings.join(' ');
  status.dataset.state = 'done';
  status.textContent = `done: ${result.iterations} iterations in ${result.trainMs.toFixed(1)} ms in the worker `
    + `(${(performance.now() - started).toFixed(0)} ms round trip); final loss ${result.finalLoss.toPrecision(8)}, R² ${result.r2.toFixed(6)}`;
}

function showSummary(s: SummaryView | { error: string }): void {
  if ('error' in s) {
    $('summary').innerHTML = emptyHtml(`No statistics: ${s.error}`);
    return;
  }
  $('summary').innerHTML = summaryHtml(s);
  $('model-stats').innerHTML = modelStatsHtml(s);
  $('summary-text').textContent = s.text ?? '';
  $('summary-text').hidden = s.text === undefined;
}

$('fit-seed').addEventListener('click', () => fit(seedData, true));
$('fit-csv').addEventListener('click', () => {
  try {
    fit(parseCsv(($('csv') as HTMLTextAreaElement).value), false);
  } catch (error) {
    fail(`CSV: ${(error as Error).message}`);
  }
});
$('file').addEventListener('change', async () => {
  const file = ($('file') as HTMLInputElement).files?.[0];
  if (file) ($('csv') as HTMLTextAreaElement).value = await file.text();
});
$('optimizer').addEventListener('change', () => {
  ($('lr') as HTMLInputElement).value = String(DEFAULT_LR[($('optimizer') as HTMLSelectElement).value as 'sgd' | 'adam']);
});
addEventListener('resize', () => {
  for (const chart of [lossChart, fitChart, residualChart]) chart.resize();
});
($('csv') as HTMLTextAreaElement).value = sampleCsv;
($('lr') as HTMLInputElement).value = String(DEFAULT_LR.adam);
