// The modules loaded beside the core (solver.wasm for the closed form, optimizers.wasm for RMSprop
// and Adagrad): each is registered with init() by the code that needs it, so bundles without that
// code never download it, and is instantiated over the core's memory.
import { extend, type Extension, type WasmSources } from './init.js';

/** A registered module: its exports once loaded, and where init() loads it from by default. */
export interface Loaded<K> {
  /** The exports; throws a clear error when init() ran before the code that needs them was imported (a chunk loaded later). */
  kernels(): K;
  /** The file beside the package's JS. */
  source(): Promise<URL>;
}

/**
 * Registers the module `name` (file `file`, found by `locate` beside the package's JS when init()
 * is given no source for it). `locate` must hold the literal `new URL('../file.wasm',
 * import.meta.url)` for bundlers to copy the file.
 */
export function extension<K>(
  name: Exclude<keyof WasmSources, 'core'>, file: string, locate: () => URL, extraStep?: string,
): Loaded<K> {
  const ext: Extension = {
    name,
    extraStep,
    source: async () => {
      try {
        return locate();
      } catch (error) {
        throw new TypeError(`linreg-wasm: could not find ${file}, import.meta.url is ${import.meta.url}: bundle with the workerd/worker `
          + `condition, or pass init() the modules: import ${name} from 'linreg-wasm/${file}'; await init({ core, ${name} })`, { cause: error });
      }
    },
  };
  extend(ext);
  return {
    source: ext.source as () => Promise<URL>,
    kernels() {
      if (ext.exports) return ext.exports as K;
      throw ext.error ?? new TypeError(`linreg-wasm's ${file} is not loaded: call \`await init()\` (again) after importing what needs it`);
    },
  };
}
