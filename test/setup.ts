// Every test file starts with the release modules loaded from build/ (tests import src/ directly,
// where there is no linreg.wasm or solver.wasm beside the code): the gradient-descent core, and
// the closed-form solver's module, which src/solver/kernels.ts registered when the index imported it.
import { readFileSync } from 'node:fs';
import { init } from '../src/index.js';

const built = (name: string): Buffer => readFileSync(new URL(`../build/${name}`, import.meta.url));
await init({ core: built('release.wasm'), solver: built('solver.wasm') });
