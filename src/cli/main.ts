// The linreg command: `linreg fit`, `linreg train`, `linreg predict` on CSV files. Arguments are
// commander's; the work is the library's (fit.ts, train.ts, predict.ts). Exit codes: 0 done,
// 1 internal failure, 2 bad input or usage, 3 training diverged (errors.ts).
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { init } from '../index.js';
import { classify, EXIT } from './errors.js';
import { fitCommand } from './fit.js';
import { predictCommand } from './predict.js';
import { trainCommand } from './train.js';
import type { TrainFlags } from './train-flags.js';
import { writeStdout } from './outputs.js';

declare const __LINREG_VERSION__: string | undefined;
const VERSION = typeof __LINREG_VERSION__ === 'string' ? __LINREG_VERSION__ : 'dev';

const list = (value: string): string[] => {
  const names = value.split(',').map((s) => s.trim());
  if (names.some((s) => s === '')) throw new InvalidArgumentError('give column names separated by commas, e.g. a,b,c');
  return names;
};
const number = (value: string): number => {
  const v = Number(value);
  if (value.trim() === '' || !Number.isFinite(v)) throw new InvalidArgumentError('not a number');
  return v;
};
const integer = (value: string): number => {
  const v = number(value);
  if (!Number.isInteger(v) || v < 0) throw new InvalidArgumentError('not a whole number ≥ 0');
  return v;
};
const seed = (value: string): number => {
  const v = integer(value);
  if (!Number.isSafeInteger(v)) throw new InvalidArgumentError('not a whole number from 0 to 2^53 − 1');
  return v;
};
const milestones = (value: string): number[] => value.split(',').map((s) => integer(s));
const pair = (value: string): [number, number] => {
  const parts = value.split(',');
  if (parts.length !== 2) throw new InvalidArgumentError('give two numbers, e.g. 0.9,0.999');
  return [number(parts[0]), number(parts[1])];
};

function columns(command: Command): Command {
  return command
    .requiredOption('--y <column>', 'the target column (a header name)')
    .option('--x <columns>', 'the feature columns, comma-separated (default: every other column)', list)
    .option('--exclude <columns>', 'columns to leave out of the features, comma-separated', list)
    .option('--delimiter <char>', 'field delimiter (default ,)')
    .option('--categorical <columns>', 'feature columns read as categories even where they hold numbers', list)
    .option('--levels <column=a,b,…>', 'a categorical column\'s levels in order, the first the reference (repeatable)', levels, undefined)
    .addOption(new Option('--missing <what>', 'a row with an empty, NA or NaN cell: drop it (and count it) or stop with an error').choices(['drop', 'error']).default('drop'));
}

const levels = (value: string, previous: Record<string, string[]> | undefined): Record<string, string[]> => {
  const at = value.indexOf('=');
  if (at < 1) throw new InvalidArgumentError('give column=level1,level2,… (the first level is the reference)');
  return { ...previous, [value.slice(0, at)]: value.slice(at + 1).split(',') };
};

/** The column flags of fit and train, as table.ts takes them. */
function columnFlags(o: Record<string, unknown>) {
  return {
    y: o.y as string, x: o.x as string[] | undefined, exclude: o.exclude as string[] | undefined,
    delimiter: o.delimiter as string | undefined, categorical: o.categorical as string[] | undefined,
    levels: o.levels as Record<string, string[]> | undefined, missing: o.missing as 'drop' | 'error',
  };
}

function program(): Command {
  const cli = new Command('linreg')
    .description('Linear regression on CSV files: statsmodels\' OLS table, gradient descent, predictions (linreg-wasm).')
    .version(VERSION, '-v, --version')
    .option('--debug', 'print the stack trace of an internal failure')
    .option('--no-progress', 'no progress bars (they are drawn only when stderr is a terminal)')
    .showHelpAfterError('(run linreg <command> --help for its options)')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(`linreg: ${text.replace(/^error: /, '')}`) });

  columns(cli.command('fit').argument('<data.csv>', 'the CSV file (header in line 1)'))
    .description('Least squares on a CSV file, streamed in constant memory; prints statsmodels\' OLS table')
    .option('--no-intercept', 'fit without an intercept')
    .option('--weights <column>', 'a column of sample weights (weighted least squares)')
    .addOption(new Option('--cov <type>', 'covariance of the parameters').choices(['nonrobust', 'HC0', 'HC1', 'HC2', 'HC3']).default('nonrobust'))
    .option('--level <number>', 'confidence level of the intervals', number, 0.95)
    .option('--json', 'print everything as JSON instead of the table')
    .option('--plots <dir>', 'write SVG plots: fitted vs observed, residuals, Q–Q, leverage')
    .option('--save <model.json>', 'save the fitted model (for linreg predict)')
    .option('--one-pass', 'read the file once: no residual diagnostics, no robust covariance, no plots')
    .addHelpText('after', '\nExamples:\n  linreg fit data.csv --y price\n  linreg fit data.csv --y price --exclude id --cov HC3 --plots out/ --save model.json\n  linreg fit data.csv --y price --json > fit.json')
    .action(async (file: string, o: Record<string, unknown>, cmd: Command) => {
      await run(() => fitCommand(file, {
        ...columnFlags(o), weights: o.weights as string | undefined,
        intercept: o.intercept as boolean, cov: o.cov as never, level: o.level as number, json: Boolean(o.json),
        plots: o.plots as string | undefined, save: o.save as string | undefined, onePass: Boolean(o.onePass),
        progress: cmd.parent!.opts().progress as boolean,
      }));
    });

  columns(cli.command('train').argument('<data.csv>', 'the CSV file (header in line 1), read into memory'))
    .description('Gradient descent on a CSV file, with a live loss; prints the parameters beside the closed form')
    .addOption(new Option('--optimizer <name>', 'the optimizer').choices(['sgd', 'adam', 'adamw', 'rmsprop', 'adagrad']).default('sgd'))
    .option('--lr <rate>', 'learning rate', number, 0.01)
    .option('--iterations <n>', 'full-batch steps, every row in each (default: 1000, unless --epochs)', integer)
    .option('--epochs <n>', 'passes over the rows in mini-batches, one step per batch (instead of --iterations)', integer)
    .option('--batch-size <b>', 'rows per batch with --epochs (default: every row, one step per epoch)', integer)
    .option('--shuffle', 'with --epochs: a new order of the rows every epoch')
    .option('--seed <s>', 'seed of --shuffle, an integer ≥ 0 (default: a random one, printed)', seed)
    .option('--drop-last', 'with --epochs: skip each epoch\'s last batch when it is smaller than --batch-size')
    .addOption(new Option('--loss <name>', 'loss: mean or sum of squared errors').choices(['mse', 'sse']).default('mse'))
    .option('--momentum <m>', 'SGD and RMSprop momentum', number)
    .option('--dampening <d>', 'SGD dampening', number)
    .option('--nesterov', 'SGD with Nesterov momentum')
    .option('--weight-decay <l2>', 'weight decay (every optimizer; decoupled in AdamW)', number)
    .option('--betas <b1,b2>', 'Adam/AdamW betas', pair)
    .option('--eps <eps>', 'Adam, AdamW, RMSprop and Adagrad epsilon', number)
    .option('--amsgrad', 'Adam/AdamW AMSGrad')
    .option('--alpha <a>', 'RMSprop smoothing constant (default 0.99)', number)
    .option('--centered', 'centered RMSprop')
    .option('--lr-decay <d>', 'Adagrad learning-rate decay', number)
    .option('--initial-accumulator-value <v>', 'Adagrad: what the sum of squared gradients starts at', number)
    .addOption(new Option('--scheduler <name>', 'a learning-rate schedule, stepped after every epoch (every step with --iterations)')
      .choices(['step', 'multistep', 'exponential', 'cosine', 'linear', 'plateau']))
    .option('--step-size <n>', 'step: epochs between two cuts of the lr (required)', integer)
    .option('--milestones <e1,e2,…>', 'multistep: the epochs at which the lr is cut (required)', milestones)
    .option('--gamma <g>', 'step, multistep (default 0.1), exponential (required): the factor of a cut', number)
    .option('--t-max <n>', 'cosine: epochs from the lr down to --eta-min (default: the run\'s epochs)', integer)
    .option('--eta-min <lr>', 'cosine: the lowest lr (default 0)', number)
    .option('--start-factor <f>', 'linear: factor of the lr at the start (default 1/3)', number)
    .option('--end-factor <f>', 'linear: factor of the lr at the end (default 1)', number)
    .option('--total-iters <n>', 'linear: epochs from the start factor to the end one (default 5)', integer)
    .option('--factor <f>', 'plateau: new lr = lr × factor on a plateau of the epoch\'s loss (default 0.1)', number)
    .option('--patience <n>', 'plateau: epochs without improvement before a cut (default 10)', integer)
    .option('--tol <t>', 'early stopping: an epoch whose loss is not below the best minus tol makes no progress', number)
    .option('--n-iter-no-change <k>', 'early stopping: stop after k epochs in a row without progress (default 5; needs --tol)', integer)
    .option('--log-every <n>', 'steps between loss updates of the progress bar', integer)
    .option('--json', 'print everything (every step\'s loss too) as JSON')
    .option('--plots <dir>', 'write the loss curve as SVG (loss.svg)')
    .addHelpText('after', [
      '\nExamples:',
      '  linreg train data.csv --y price --optimizer adam --lr 0.05 --iterations 5000',
      '  linreg train data.csv --y price --optimizer sgd --lr 0.01 --momentum 0.9 --loss sse --plots out/',
      '  linreg train data.csv --y price --optimizer rmsprop --lr 0.01 --epochs 50 --batch-size 32 --shuffle --seed 1',
      '  linreg train data.csv --y price --optimizer adagrad --lr 0.5 --epochs 100 --scheduler step --step-size 30 --tol 1e-6',
    ].join('\n'))
    .action(async (file: string, o: Record<string, unknown>, cmd: Command) => {
      // commander names every flag's value as TrainFlags does (--n-iter-no-change: nIterNoChange);
      // only the two switches below need shaping
      await run(() => trainCommand(file, {
        ...o, ...columnFlags(o), json: Boolean(o.json), progress: cmd.parent!.opts().progress as boolean,
      } as TrainFlags));
    });

  cli.command('predict').argument('<model.json>', 'a model saved by linreg fit --save').argument('<new.csv>', 'rows to predict (the model\'s feature columns, by name)')
    .description('Predictions of a saved model for the rows of a CSV file, as CSV')
    .option('--intervals [level]', 'also the confidence and prediction intervals (default level 0.95)', number)
    .option('-o, --output <file>', 'write the CSV to a file instead of stdout')
    .option('--delimiter <char>', 'field delimiter of new.csv (default ,)')
    .addHelpText('after', '\nExamples:\n  linreg predict model.json new.csv > predictions.csv\n  linreg predict model.json new.csv --intervals 0.9 -o predictions.csv')
    .action(async (modelFile: string, file: string, o: Record<string, unknown>, cmd: Command) => {
      await run(() => predictCommand(modelFile, file, {
        intervals: o.intervals === true ? 0.95 : o.intervals as number | undefined,
        output: o.output as string | undefined, delimiter: o.delimiter as string | undefined,
        progress: cmd.parent!.opts().progress as boolean,
      }));
    });
  return cli;
}

/** Runs a command: the wasm module first, the result on stdout last. */
async function run(command: () => Promise<string>): Promise<void> {
  await init();
  await writeStdout(await command());
}

/** The command line's entry: sets process.exitCode, prints one line for any failure. */
export async function main(argv: string[]): Promise<void> {
  const cli = program();
  try {
    await cli.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.input;
      return;
    }
    const { code, line } = classify(error);
    process.stderr.write(`linreg: ${line}\n`);
    if (argv.includes('--debug') && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exitCode = code;
  }
}

await main(process.argv);
