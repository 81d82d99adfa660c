// The demo page: picks the data (the seed notebook's or a CSV), sends it to the training worker,
// draws the loss as it is logged, then the fit and the coefficient table.
import seed from '../../../test/fixtures/seed-torch-reference.json';
import sampleCsv from '../sample.csv';
import { FitChart, LossChart } from './charts.js';
import { parseCsv, type Dataset } from './csv.js';
import type { FitRequest, FitResult, WorkerMessage } from './protocol.js';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const status = $('status');
const lossChart = new LossChart($('loss-chart'));
const fitChart = new FitChart($('fit-chart'));
const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });

const seedData: Dataset = { X: seed.X, y: seed.y_obs, features: ['x1', 'x2', 'x3'], target: 'y' };
let current: { data: Dataset; isSeed: boolean } | undefined;
let started = 0;

worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
  const m = event.data;
  if (m.type === 'ready') $('init-ms').textContent = `${m.initMs.toFixed(1)} ms`;
  else if (m.type === 'log') lossChart.push(m.iteration, m.loss);
  else if (m.type === 'done') done(m.result);
  else fail(m.message);
};
worker.onerror = (event) => fail(`the worker failed: ${event.message}`);

function fail(message: string): void {
  setBusy(false);
  status.textContent = message;
  status.dataset.state = 'error';
}

function setBusy(busy: boolean): void {
  for (const id of ['fit-seed', 'fit-csv']) ($(id) as HTMLButtonElement).disabled = busy;
}

function settings(isSeed: boolean): Omit<FitRequest, 'type' | 'X' | 'y' | 'start'> {
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
    type: 'fit', X: data.X, y: data.y, ...settings(isSeed),
    start: isSeed ? { weight: seed.init.w, bias: seed.init.b } : undefined,
  };
  lossChart.reset();
  setBusy(true);
  status.dataset.state = 'running';
  status.textContent = `training ${data.X.length} rows × ${data.features.length} features, ${request.iterations} iterations (${request.optimizer}, lr ${request.lr}, ${request.loss})…`;
  started = performance.now();
  worker.postMessage(request);
}

function done(result: FitResult): void {
  setBusy(false);
  const data = current!.data;
  fitChart.show(data.y, result.predictions);
  renderTable(data, result, current!.isSeed);
  status.dataset.state = 'done';
  status.textContent = `done: ${result.iterations} iterations in ${result.trainMs.toFixed(1)} ms in the worker `
    + `(${(performance.now() - started).toFixed(0)} ms round trip); final loss ${result.finalLoss.toPrecision(8)}, R² ${result.r2.toFixed(6)}`;
}

const view = new DataView(new ArrayBuffer(8));
function bits(x: number): string {
  view.setFloat64(0, x);
  return view.getBigUint64(0).toString(16).padStart(16, '0');
}

function cell(value: number | undefined): string {
  if (value === undefined) return '<td>–</td>';
  return `<td class="num" data-bits="${bits(value)}">${value.toPrecision(10)}</td>`;
}

function renderTable(data: Dataset, result: FitResult, isSeed: boolean): void {
  const torch = isSeed ? [...seed.final.w, seed.final.b] : undefined;
  const closed = [...result.closedForm.coef, result.closedForm.intercept];
  const names = [...data.features, '(intercept)'];
  const ours = [...result.weight, result.bias];
  const head = ['', 'gradient descent (train)', 'closed form (LinearRegression)', torch ? 'PyTorch (notebook)' : '']
    .filter((h, i) => i === 0 || h).map((h) => `<th>${h}</th>`).join('');
  const rows = names.map((name, i) => `<tr data-name="${name}"><th>${name}</th>${cell(ours[i])}`
    + `${cell(closed[i])}${torch ? cell(torch[i]) : ''}</tr>`).join('');
  $('coefficients').innerHTML = `<thead><tr>${head}</tr></thead><tbody>${rows}</tbody>`;
  // A rank-deficient X (the seed's columns are x1, x1 + 1, x1 + 2) has many equally good fits:
  // gradient descent lands on one near its start, the closed form returns the minimum-norm one.
  $('notes').textContent = result.closedForm.warnings.join(' ');
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
addEventListener('resize', () => {
  lossChart.resize($('loss-chart'));
  fitChart.resize($('fit-chart'));
});
($('csv') as HTMLTextAreaElement).value = sampleCsv;
