// Nothing is written on error: every file a command makes is first written beside its destination
// under a temporary name, and renamed into place only when the whole command has succeeded.
import { mkdirSync, renameSync, rmSync, writeFileSync, createWriteStream, type WriteStream } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError, fsReason } from './errors.js';

const temporary = (path: string): string => join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);

/** Files to write at the end, all or none. */
export class Outputs {
  private readonly files = new Map<string, string>();
  private readonly dirs = new Set<string>();

  /** `text` will become the file at `path`. */
  add(path: string, text: string): void {
    this.files.set(path, text);
  }

  /** The directory will be created (with its parents) when the files are written. */
  directory(path: string): void {
    this.dirs.add(path);
  }

  /**
   * Writes every file to its temporary name, then renames them all; a failure removes what was
   * written. @throws InputError naming the path that could not be written.
   */
  commit(): void {
    const written: string[] = [];
    try {
      for (const dir of this.dirs) attempt(dir, () => mkdirSync(dir, { recursive: true }));
      for (const [path, text] of this.files) {
        attempt(path, () => writeFileSync(temporary(path), text));
        written.push(path);
      }
      for (const path of written) renameSync(temporary(path), path);
    } catch (error) {
      for (const path of written) rmSync(temporary(path), { force: true });
      throw error;
    }
  }
}

function attempt(path: string, write: () => void): void {
  try {
    write();
  } catch (error) {
    throw new InputError(`cannot write ${path}: ${fsReason(error as NodeJS.ErrnoException)}`);
  }
}

/** A file written as a stream, which appears at `path` only on {@link Streamed.commit}. */
export class Streamed {
  readonly stream: WriteStream;
  private readonly temp: string;

  constructor(readonly path: string) {
    this.temp = temporary(path);
    this.stream = createWriteStream(this.temp);
  }

  /** Writes `text`, waiting when the stream asks to. */
  async write(text: string): Promise<void> {
    if (!this.stream.write(text)) await new Promise<void>((resolve) => this.stream.once('drain', () => resolve()));
  }

  async end(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.stream.end((error?: Error | null) => error ? reject(error) : resolve()));
  }

  commit(): void {
    renameSync(this.temp, this.path);
  }

  /**
   * Removes the temporary file, once the stream has closed: a write still waiting for the file to
   * open fails when the stream is destroyed (an error nobody needs to hear of), and the file may
   * only be created by that open, after a removal made right away.
   */
  async discard(): Promise<void> {
    this.stream.on('error', () => {});
    if (!this.stream.closed) await new Promise<void>((resolve) => { this.stream.once('close', () => resolve()); this.stream.destroy(); });
    rmSync(this.temp, { force: true });
  }
}

/** Writes `text` to stdout and resolves once it has been handed to the system. */
export function writeStdout(text: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(text, (error) => error ? reject(error) : resolve()));
}
