// The closed-form solver's wasm kernels (assembly/solver/, shipped as solver.wasm): a module of its
// own over the core's memory, so that gradient-descent users never download it. Importing this file
// (as everything in the closed form does) registers it with init(), which loads it beside the core.
import { extension } from '../wasm/extension.js';

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

const solver = extension<SolverKernels>('solver', 'solver.wasm', () => new URL('../solver.wasm', import.meta.url));

/** The solver's kernels (a clear error when init() never loaded them). */
export const solverKernels = solver.kernels;
/** @internal Where init() loads the solver's module from when it is given none. */
export const solverSource = solver.source;
