import type { Kernels } from './kernels.js';
import { Arena } from '../memory/arena.js';

/** Anything `init()` can compile or instantiate the module from. */
export type WasmSource =
  | WebAssembly.Module
  | ArrayBuffer
  | ArrayBufferView
  | URL
  | string
  | Response
  | PromiseLike<WebAssembly.Module | ArrayBuffer | ArrayBufferView | URL | string | Response>;

/**
 * Sources by module, for `init()`: the gradient-descent core (`linreg.wasm`) and the closed-form
 * solver (`solver.wasm`, loaded only once `LinearRegression` or `lstsq` is imported). A module left
 * out is found where `init()` finds it by default.
 */
export interface WasmSources {
  /** The core module: what a bare `init(source)` takes. */
  core?: WasmSource;
  /** The closed-form solver's module, `linreg-wasm/solver.wasm`. */
  solver?: WasmSource;
  /** RMSprop's and Adagrad's module, `linreg-wasm/optimizers.wasm`. */
  optimizers?: WasmSource;
}

/**
 * @internal A module compiled apart from the core that shares the core's memory: its code registers
 * it when imported (so bundles without that code never load it) and init() instantiates it.
 */
export interface Extension {
  readonly name: Exclude<keyof WasmSources, 'core'>;
  /** Where to load it from when init() is given no source for it. */
  source(): WasmSource;
  /** Set once instantiated. */
  exports?: WebAssembly.Exports;
  /** The function the core's `env.extraStep` import calls, once instantiated. */
  extraStep?: string;
  /** Why its default source could not be loaded: thrown at its first use. */
  error?: unknown;
  loading?: Promise<void>;
}

let arena: Arena | undefined;
let pending: Promise<void> | undefined;
const extensions: Extension[] = [];
let ready: { promise: Promise<void>; extensions: number } | undefined;

/** @internal Registers a module for init() to load; the caller reads `exports` once init() resolved. */
export function extend(extension: Extension): void {
  extensions.push(extension);
}

/**
 * Compiles and instantiates the wasm modules once; every other call is synchronous after it.
 * Idempotent: later calls return once the first call's modules are ready (a failed call may be
 * retried), and load any module whose code was imported since.
 *
 * @param source where the core module comes from: a `WebAssembly.Module` (edge runtimes that refuse
 *   to compile bytes), bytes, a URL or path, a `Response`, or a promise of any of these; or
 *   `{ core, solver }` to give the closed-form solver's module too. Omitted, each `.wasm` file beside
 *   this script is read (Node, Deno, Bun) or fetched (browsers); in Cloudflare Workers and Vercel
 *   edge the package's `workerd` / `edge-light` entry supplies the modules imported statically.
 * @throws TypeError for a source of another kind; Error when a file cannot be fetched or read.
 * @example
 * await init();
 */
export function init(source?: WasmSource | WasmSources): Promise<void> {
  return initFrom(source, (name) => (name === 'core' ? defaultSource() : undefined));
}

/**
 * @internal init() with its defaults given by module name (undefined: the extension's own): the edge
 * entry passes the modules it imports statically, so its bundles carry no default-source code.
 */
export function initFrom(source: WasmSource | WasmSources | undefined, defaults: (name: keyof WasmSources) => WasmSource | undefined): Promise<void> {
  const given = sourcesOf(source);
  const from = (name: keyof WasmSources): WasmSource | undefined => given[name] ?? defaults(name);
  if (pending && ready?.extensions === extensions.length) return ready.promise;
  const core = pending ??= compile(from('core')!).then((module) => WebAssembly.instantiate(module, imports)).then(
    (instance) => { arena = new Arena(instance.exports as unknown as Kernels); },
    (error: unknown) => { pending = undefined; throw error; },
  );
  // An extension compiles while the core does; it is instantiated over the core's memory. One
  // init() was not given and cannot find fails its first use, not init(): a bundle that holds RMSprop
  // but never uses it need not ship optimizers.wasm.
  const promise = Promise.all([core, ...extensions.map((e) => e.loading ??= Promise.all([compile(from(e.name) ?? e.source()), core])
    .then(([module]) => WebAssembly.instantiate(module, { env: { ...imports.env, memory: arena!.memory } }))
    .then((instance) => {
      e.exports = instance.exports;
      e.error = undefined;
      if (e.extraStep) extraStep = instance.exports[e.extraStep] as typeof extraStep;
    }, (error: unknown) => {
      e.loading = undefined;
      if (from(e.name)) throw error;
      e.error = error;
    }))]).then(() => {});
  ready = { promise, extensions: extensions.length };
  promise.catch(() => { if (ready?.promise === promise) ready = undefined; });
  return promise;
}

/**
 * @internal What init() takes, by module: a plain object is `{ core, solver, optimizers }` (none of
 * the sources is one: `{}` gives them all by default), anything else the core's source.
 */
export function sourcesOf(source: WasmSource | WasmSources | undefined): WasmSources {
  return tagOf(source) === 'Object' ? source as WasmSources : { core: source as WasmSource | undefined };
}

/** The arena over the instantiated module; throws a clear error before `init()` resolved. */
export function getArena(): Arena {
  if (!arena) throw new TypeError('linreg-wasm is not initialised: call `await init()` first');
  return arena;
}

// The core's loop calls the optimizers of optimizers.wasm through this (set once it is loaded).
let extraStep: (kind: number, c: number, p: number, g: number, s: number, n: number) => void;

/** What the module may import; `WebAssembly.Module.imports` of the release build is a subset. */
export const imports = {
  env: {
    extraStep(kind: number, c: number, p: number, g: number, s: number, n: number): void {
      extraStep(kind, c, p, g, s, n);
    },
    abort(_msg: number, _file: number, line: number, column: number): never {
      throw new Error(`linreg-wasm: wasm assertion failed at ${line}:${column} (a bug: please report it)`);
    },
  },
};

/**
 * Compiles the module from `source` (as {@link init} takes it, {@link defaultSource} for its
 * default) without instantiating it; a `WebAssembly.Module` is returned as it is.
 */
export async function compile(source: WasmSource): Promise<WebAssembly.Module> {
  const resolved: unknown = await source;
  const tag = tagOf(resolved);
  // A Module or buffer from another realm (edge VMs) fails `instanceof`; its tag does not lie.
  if (tag === 'WebAssembly.Module') return resolved as WebAssembly.Module;
  if (tag === 'ArrayBuffer' || tag === 'SharedArrayBuffer' || ArrayBuffer.isView(resolved)) {
    return WebAssembly.compile(resolved as BufferSource);
  }
  if (isResponse(resolved)) return compileResponse(resolved);
  if (typeof resolved === 'string' || tag === 'URL') return compileLocation(resolved as string | URL);
  throw new TypeError(`init: cannot load the wasm module from ${describeSource(resolved, tag)}; `
    + 'pass a WebAssembly.Module, bytes, a URL or a Response');
}

function tagOf(value: unknown): string {
  return Object.prototype.toString.call(value).slice(8, -1);
}

function describeSource(value: unknown, tag: string): string {
  return value === null || value === undefined ? String(value) : `a ${tag}`;
}

function isResponse(value: unknown): value is Response {
  return typeof value === 'object' && value !== null && typeof (value as Response).arrayBuffer === 'function'
    && typeof (value as Response).headers === 'object';
}

// Streams when the server says application/wasm; any other MIME type (a misconfigured static
// server, a file: read) falls back to buffering, which instantiateStreaming would have refused.
async function compileResponse(response: Response): Promise<WebAssembly.Module> {
  if (!response.ok) {
    const where = response.url ? ` from ${response.url}` : '';
    throw new Error(`linreg-wasm: could not load the wasm module${where} (HTTP ${response.status}); `
      + 'pass init() the module, its bytes or its URL');
  }
  const type = response.headers.get('content-type') ?? '';
  if (typeof WebAssembly.compileStreaming === 'function' && /^application\/wasm\b/i.test(type)) {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

// dist/wasm/init.js → dist/linreg.wasm. Bundlers that know this pattern (Vite, webpack, Parcel)
// copy the file and rewrite the URL. Where a bundle left import.meta.url undefined (a Worker
// bundled without the workerd / worker condition), say what to do, not "Invalid URL string".
// Async, so that init() rejects rather than throws.
/** @internal The `linreg.wasm` beside this script: init()'s source when it is given none. */
export async function defaultSource(): Promise<URL> {
  try {
    return new URL('../linreg.wasm', import.meta.url);
  } catch (error) {
    // Kept short: it counts against the 12 KB core budget. The solver's own message names its file.
    throw new TypeError(`linreg-wasm: could not find linreg.wasm, import.meta.url is ${import.meta.url}: bundle the Worker `
      + "with the workerd/worker condition, or pass init() the module: import wasm from 'linreg-wasm/linreg.wasm'; await init(wasm)",
    { cause: error });
  }
}

interface NodeLike { versions?: { node?: string }; getBuiltinModule?: (id: string) => unknown }

function nodeLike(): NodeLike | undefined {
  const proc = (globalThis as { process?: NodeLike }).process;
  return typeof proc?.versions?.node === 'string' ? proc : undefined;
}

// file: URLs and (server-side) plain paths are read from disk; anything else is fetched.
async function compileLocation(location: URL | string): Promise<WebAssembly.Module> {
  const absolute = typeof location === 'string' && /^[a-z][a-z\d+.-]*:/i.test(location) && !/^[a-z]:[\\/]/i.test(location);
  const url = absolute ? new URL(location) : location;
  const isFile = typeof url === 'string' ? nodeLike() !== undefined : url.protocol === 'file:';
  if (!isFile) return compileResponse(await fetch(url));
  let bytes: Uint8Array;
  try {
    bytes = await (await readFileModule()).readFile(url);
  } catch (error) {
    throw new Error(`linreg-wasm: could not read the wasm module at ${String(url)}: ${(error as Error).message}`
      + ' (in Deno, run with --allow-read)', { cause: error });
  }
  return WebAssembly.compile(bytes as BufferSource);
}

// Kept out of bundlers' sight: browser bundles must not try to resolve node:fs.
const FS = 'node:fs/promises';

type ReadFile = { readFile(path: URL | string): Promise<Uint8Array> };

async function readFileModule(): Promise<ReadFile> {
  const viaProcess = nodeLike()?.getBuiltinModule?.(FS) as ReadFile | undefined;
  return viaProcess ?? import(/* @vite-ignore */ /* webpackIgnore: true */ FS) as Promise<ReadFile>;
}
