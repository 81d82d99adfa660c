// Progress on stderr, only when stderr is a terminal (a pipe or a file gets nothing): a cli-progress
// bar of bytes read with rows/s for reading a CSV, and of steps with the loss for training.
import { SingleBar } from 'cli-progress';

/** Whether bars are drawn: stderr is a terminal and --no-progress was not given. */
export function showProgress(wanted: boolean): boolean {
  return wanted && process.stderr.isTTY === true;
}

const MB = 1024 * 1024;
const size = (bytes: number): string => bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
const rate = (n: number): string => n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} k` : n.toFixed(0);

/** A bar over the bytes of one pass through a file. */
export class ReadBar {
  private readonly bar: SingleBar | undefined;
  private readonly started = performance.now();
  private rows = 0;
  private readonly timer: NodeJS.Timeout | undefined;

  constructor(on: boolean, label: string, private readonly total: number, private readonly bytesRead: () => number) {
    if (!on) return;
    this.bar = new SingleBar({
      stream: process.stderr,
      format: `${label} [{bar}] {percentage}% | {done} of {size} | {rows} rows | {rowRate} rows/s | {byteRate}/s`,
      barsize: 24, hideCursor: true, clearOnComplete: false, fps: 10,
    });
    this.bar.start(Math.max(total, 1), 0, this.payload(0));
    this.timer = setInterval(() => this.draw(), 100);
    this.timer.unref();
  }

  /** Rows read so far. */
  rowsRead(rows: number): void {
    this.rows = rows;
    this.draw();
  }

  /** Draws the last state and leaves it on its line (or clears nothing when there is no bar). */
  stop(): void {
    if (!this.bar) return;
    clearInterval(this.timer);
    this.draw();
    this.bar.stop();
  }

  private draw(): void {
    if (!this.bar) return;
    const bytes = Math.min(this.bytesRead(), this.total);
    this.bar.update(bytes, this.payload(bytes));
  }

  private payload(bytes: number): Record<string, string> {
    const seconds = Math.max((performance.now() - this.started) / 1000, 1e-3);
    return { done: size(bytes), size: size(this.total), rows: this.rows.toLocaleString('en-US'), rowRate: rate(this.rows / seconds), byteRate: size(bytes / seconds) };
  }
}

/** A bar over training steps, with the loss (and the epoch, when the steps are epochs of mini-batches). */
export class StepBar {
  private readonly bar: SingleBar | undefined;

  /** @param total every step asked for: iterations, or epochs × batches per epoch. */
  constructor(on: boolean, private readonly total: number, private readonly epochs?: { epochs: number; stepsPerEpoch: number }) {
    if (!on) return;
    this.bar = new SingleBar({
      stream: process.stderr,
      format: 'train [{bar}] {percentage}% | step {value}/{total}{epoch} | loss {loss}',
      barsize: 24, hideCursor: true, clearOnComplete: false, fps: 10,
    });
    this.bar.start(Math.max(this.total, 1), 0, { loss: '…', epoch: this.epochText(0) });
  }

  /** Step `iteration` (from 0, over all epochs) is done; its loss. */
  step(iteration: number, loss: number): void {
    this.bar?.update(iteration + 1, { loss: loss.toPrecision(6), epoch: this.epochText(iteration + 1) });
  }

  /**
   * The run is over after `steps` steps: when early stopping ended it (`stoppedAt` epochs or
   * iterations run), the bar's total becomes the steps taken, and it says so.
   */
  finish(steps: number, loss: number, stoppedAt?: number): void {
    if (!this.bar) return;
    const shown = Number.isNaN(loss) ? '…' : loss.toPrecision(6);
    if (stoppedAt === undefined) {
      this.bar.update(steps, { loss: shown, epoch: this.epochText(steps) });
      return;
    }
    const of = this.epochs ? `${stoppedAt}/${this.epochs.epochs} epochs` : `${stoppedAt}/${this.total} iterations`;
    this.bar.setTotal(Math.max(steps, 1));
    this.bar.update(steps, { loss: shown, epoch: ` | stopped early at ${of}` });
  }

  stop(): void {
    this.bar?.stop();
  }

  private epochText(stepsDone: number): string {
    if (!this.epochs) return '';
    const { epochs, stepsPerEpoch } = this.epochs;
    return ` | epoch ${Math.min(epochs, Math.ceil(stepsDone / Math.max(stepsPerEpoch, 1)))}/${epochs}`;
  }
}
