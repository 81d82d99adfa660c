// Every test file starts with the release modules loaded from build/ (tests import src/ directly,
// where there is no .wasm beside the code): the gradient-descent core, the closed-form solver's
// module and RMSprop's and Adagrad's, which src/solver/kernels.ts and src/optim/kernels.ts
// registered when the index imported them.
import { init } from '../src/index.js';
import { builtModules } from '../scripts/built-wasm.js';

await init(builtModules());
