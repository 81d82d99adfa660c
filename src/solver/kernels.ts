// The closed-form solver's wasm kernels (assembly/solver/, shipped as solver.wasm): a module of its
// own over the core's memory, so that gradient-descent users never download it. Importing this file
// (as everything in the closed form does) registers it with init(), which loads it beside the core.
import { extend, type Extension } from '../wasm/init.js';

/** Signatures of the closed-form solver's kernels (assembly/solver/). */
export interface SolverKernels {
  gramStride(cols: number): number;
  gramAccumulate(x: number, y: number, w: number, rows: number, cols: number, shift: number, g: number, scratch: number): void;
  householderQR(a: number, m: number, n: number, ld: number, tau: number): void;
  applyQ(a: number, m: number, n: number, ld: number, tau: number, v: number, transpose: number): void;
  refineResidual(
    x: number, lo: number, y: number, w: number, rows: number, cols: number,
    beta: number, beta0: number, r: number, f: number, g: number,
  ): number;
}

const solver: Extension = { name: 'solver', source: solverSource };
extend(solver);

/**
 * The solver's kernels; throws a clear error when init() ran before the closed form's code was
 * imported (a chunk loaded later) and so never loaded them.
 */
export function solverKernels(): SolverKernels {
  if (!solver.exports) {
    throw new TypeError('the closed-form solver\'s wasm module is not loaded: call `await init()` (again) after importing it');
  }
  return solver.exports as unknown as SolverKernels;
}

// dist/solver/kernels.js → dist/solver.wasm, found by bundlers as the core's linreg.wasm is.
/** @internal Where init() loads the solver's module from when it is given none. */
export async function solverSource(): Promise<URL> {
  try {
    return new URL('../solver.wasm', import.meta.url);
  } catch (error) {
    throw new TypeError(`linreg-wasm: could not find solver.wasm, import.meta.url is ${import.meta.url}: bundle with the workerd/worker `
      + "condition, or pass init() both modules: import solver from 'linreg-wasm/solver.wasm'; await init({ core, solver })", { cause: error });
  }
}
