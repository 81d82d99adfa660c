// The entry for Cloudflare workerd and Vercel edge (export conditions `workerd`, `worker`,
// `edge-light`): these runtimes refuse to compile wasm from bytes, so the modules are imported
// statically and `init()` needs no argument. The solver's and the optimizers' modules are uploaded
// with the Worker but instantiated only when the closed form, or RMSprop / Adagrad, is imported.
import wasm from '../linreg.wasm?module';
import solver from '../solver.wasm?module';
import optimizers from '../optimizers.wasm?module';
import { initFrom, type WasmSource, type WasmSources } from '../wasm/init.js';

export * from '../index.js';

/**
 * Instantiates the wasm modules once (idempotent). With no argument it uses the modules this entry
 * imported statically, so `await init()` works unchanged in Cloudflare Workers and Vercel edge.
 *
 * @example
 * import { init } from 'linreg-wasm';
 * await init();
 */
export function init(source?: WasmSource | WasmSources): Promise<void> {
  return initFrom(source, (name) => ({ core: wasm, solver, optimizers })[name]);
}
