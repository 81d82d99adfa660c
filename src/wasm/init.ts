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

let arena: Arena | undefined;
let pending: Promise<void> | undefined;

/**
 * Compiles and instantiates the wasm module once; every other call is synchronous after it.
 * Idempotent: later calls return the first call's promise.
 *
 * @param source where the module comes from: a `WebAssembly.Module` (edge runtimes that refuse to
 *   compile bytes), bytes, a URL or path, a `Response`, or a promise of any of these. Omitted, the
 *   `linreg.wasm` file beside this script is read (Node, Deno, Bun) or fetched (browsers).
 * @example
 * await init();
 */
export function init(source?: WasmSource): Promise<void> {
  pending ??= load(source).then(
    (instance) => { arena = new Arena(instance.exports as unknown as Kernels); },
    (error: unknown) => { pending = undefined; throw error; },
  );
  return pending;
}

/** The arena over the instantiated module; throws a clear error before `init()` resolved. */
export function getArena(): Arena {
  if (!arena) throw new TypeError('linreg-wasm is not initialised: call `await init()` first');
  return arena;
}

const imports = {
  env: {
    abort(_msg: number, _file: number, line: number, column: number): never {
      throw new Error(`linreg-wasm: wasm assertion failed at ${line}:${column} (a bug: please report it)`);
    },
  },
};

async function load(source: WasmSource | undefined): Promise<WebAssembly.Instance> {
  const resolved: unknown = await (source ?? defaultSource());
  if (isModule(resolved)) return WebAssembly.instantiate(resolved as WebAssembly.Module, imports);
  if (resolved instanceof ArrayBuffer || ArrayBuffer.isView(resolved)) {
    return (await WebAssembly.instantiate(resolved as BufferSource, imports)).instance;
  }
  if (isResponse(resolved)) return instantiateResponse(resolved);
  if (typeof resolved === 'string' || resolved instanceof URL) return instantiateResponse(await fetchOrRead(resolved));
  throw new TypeError(`init: cannot load the wasm module from ${Object.prototype.toString.call(resolved)}; pass a WebAssembly.Module, bytes, a URL or a Response`);
}

// A Module from another realm (edge VMs) fails `instanceof`; its tag does not lie.
function isModule(value: unknown): boolean {
  return Object.prototype.toString.call(value) === '[object WebAssembly.Module]';
}

function isResponse(value: unknown): value is Response {
  return typeof value === 'object' && value !== null && typeof (value as Response).arrayBuffer === 'function'
    && 'headers' in value;
}

async function instantiateResponse(response: Response): Promise<WebAssembly.Instance> {
  if (!response.ok) throw new Error(`linreg-wasm: could not load the wasm module (HTTP ${response.status})`);
  const streaming = typeof WebAssembly.instantiateStreaming === 'function'
    && response.headers.get('content-type')?.startsWith('application/wasm');
  if (streaming) return (await WebAssembly.instantiateStreaming(response, imports)).instance;
  return (await WebAssembly.instantiate(await response.arrayBuffer(), imports)).instance;
}

// dist/wasm/init.js → dist/linreg.wasm
function defaultSource(): URL {
  return new URL('../linreg.wasm', import.meta.url);
}

const hasFileSystem = typeof process === 'object' && process !== null && typeof process.versions === 'object';

// file: URLs and (server-side) plain paths are read from disk; anything else is fetched.
async function fetchOrRead(location: URL | string): Promise<Response> {
  const url = typeof location === 'string' && URL.canParse?.(location) ? new URL(location) : location;
  const isFile = url instanceof URL ? url.protocol === 'file:' : hasFileSystem;
  if (!isFile) return fetch(url);
  const fs = await import(/* @vite-ignore */ 'node:fs/promises');
  const bytes = await fs.readFile(url);
  return new Response(bytes, { headers: { 'content-type': 'application/wasm' } });
}
