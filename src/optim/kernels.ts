// RMSprop's and Adagrad's wasm kernels (assembly/optimizers/, shipped as optimizers.wasm): a module
// of their own over the core's memory, so that users of SGD and Adam never download them. Importing
// this file (rmsprop.ts and adagrad.ts do) registers it with init(); the core's training loop calls
// its `step` through the core's env.extraStep import.
import { extension } from '../wasm/extension.js';

const optimizers = extension<{ step: unknown }>(
  'optimizers', 'optimizers.wasm', () => new URL('../optimizers.wasm', import.meta.url), 'step',
);

/** Throws a clear error unless init() loaded optimizers.wasm (the RMSprop and Adagrad constructors call it). */
export function requireOptimizerKernels(): void {
  optimizers.kernels();
}
