// The Node worker when linreg-wasm runs from its TypeScript sources (the tests, the bench): tsx
// compiles worker-node.ts in the worker thread. Not built: dist/ has worker-node.js itself.
import { register } from 'tsx/esm/api';

register();
const { default: reduce, csv } = await import('./worker-node.ts');
export default reduce;
export { csv };
