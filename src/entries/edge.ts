// The entry for Cloudflare workerd and Vercel edge (export conditions `workerd`, `worker`,
// `edge-light`): these runtimes refuse to compile wasm from bytes, so the module is imported
// statically and `init()` needs no argument.
import wasm from '../linreg.wasm?module';
import { initFrom, type WasmSource } from '../wasm/init.js';

export * from '../index.js';

/**
 * Instantiates the wasm module once (idempotent). With no argument it uses the module this entry
 * imported statically, so `await init()` works unchanged in Cloudflare Workers and Vercel edge.
 *
 * @example
 * import { init } from 'linreg-wasm';
 * await init();
 */
export function init(source?: WasmSource): Promise<void> {
  return initFrom(source ?? wasm);
}
