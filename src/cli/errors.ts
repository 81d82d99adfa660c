// What the command does with a failure: bad input (a CSV that cannot become a design, an unknown
// column, a bad option value) is one line on stderr and exit code 2; a training that diverged is
// exit 3; anything else is an internal failure, exit 1, with its stack only under --debug.
import { CsvError } from '../csv/index.js';
import { DivergenceError } from '../index.js';

/** Exit codes of the linreg command (docs/cli.md). */
export const EXIT = { ok: 0, internal: 1, input: 2, diverged: 3 } as const;

/** Bad input or options: the message is the whole story, shown as it is. */
export class InputError extends Error {
  override name = 'InputError';
}

/** A library error raised while reading `path`: CsvError names "CSV" (csvChunks' name for a stream) as the source. */
export function inFile(error: unknown, path: string): unknown {
  if (error instanceof CsvError && error.message.startsWith('CSV')) {
    // An unknown column is a fault of line 1, the header: say so as the other errors name lines.
    const rest = error.message.slice(3);
    return new InputError(error.line === 1 && rest.startsWith(':') ? `${path} line 1${rest}` : path + rest);
  }
  if (isFsError(error)) return new InputError(`${path}: ${fsReason(error)}`);
  return error;
}

/** The exit code and the one line for stderr. */
export function classify(error: unknown): { code: number; line: string } {
  if (error instanceof InputError || error instanceof CsvError) return { code: EXIT.input, line: error.message };
  if (error instanceof DivergenceError) return { code: EXIT.diverged, line: error.message };
  // The library's argument checks (a level of 2, an optimizer's negative lr, HC3 at leverage 1)
  // are RangeErrors and TypeErrors naming the bad value: bad input too.
  if ((error instanceof RangeError || error instanceof TypeError) && fromLibrary(error)) {
    return { code: EXIT.input, line: error.message };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: EXIT.internal, line: `internal error: ${message} (run again with --debug for the stack trace)` };
}

// A TypeError or RangeError the library threw on purpose says what to do; the engine's own, from a
// bug ("x is not a function", "Invalid array length"), do not, and the library never says these.
const ENGINE = /is not a function|Cannot read propert|Cannot set propert|is not iterable|is not a constructor|Invalid array length|Invalid typed array length|Maximum call stack|out of memory/;
function fromLibrary(error: Error): boolean {
  return !ENGINE.test(error.message);
}

function isFsError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

/** A file-system error as words. */
export function fsReason(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT': return 'no such file';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a directory, not a file';
    case 'ENOTDIR': return 'a part of the path is not a directory';
    case 'ENOSPC': return 'no space left on the device';
    default: return error.message;
  }
}
