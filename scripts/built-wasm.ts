// The release modules of build/, as init() takes them, for code that runs from src/ (the tests, the
// bench, the scripts), where no .wasm lies beside the code as it does in dist/.
import { readFileSync } from 'node:fs';

const built = (file: string): Buffer => readFileSync(new URL(`../build/${file}`, import.meta.url));

/** `{ core, solver, optimizers }` read from build/ (run `npm run build:wasm` first). */
export function builtModules(): { core: Buffer; solver: Buffer; optimizers: Buffer } {
  return { core: built('release.wasm'), solver: built('solver.wasm'), optimizers: built('optimizers.wasm') };
}
