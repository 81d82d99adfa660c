// `linreg-wasm/wasm` where bytes may be compiled (Node, browsers, Deno, Bun): the compiled module,
// found beside the package's JS as `init()` finds it.
import { compile, defaultSource } from '../wasm/init.js';

/** The package's compiled `WebAssembly.Module`; pass it to `init()` or share it with workers. */
const module: WebAssembly.Module = await compile(defaultSource());
export default module;
