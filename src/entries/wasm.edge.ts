// `linreg-wasm/wasm` in Cloudflare workerd and Vercel edge: the module, imported statically.
import wasm from '../linreg.wasm?module';

/** The package's compiled `WebAssembly.Module`; pass it to `init()`. */
const module: WebAssembly.Module = wasm;
export default module;
