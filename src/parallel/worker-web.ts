// The browser worker (a module Web Worker): `{ task }` in, `{ bytes }` or `{ error }` out.
import { reduceBlock } from './reduce-block.js';
import type { BlockTask } from './types.js';

interface Scope { onmessage: ((event: MessageEvent<{ task: BlockTask }>) => void) | null; postMessage(message: unknown, transfer?: Transferable[]): void }
const scope = globalThis as unknown as Scope;

scope.onmessage = (event) => {
  reduceBlock(event.data.task).then(
    (bytes) => scope.postMessage({ bytes }, [bytes.buffer]),
    (error: unknown) => scope.postMessage({ error }),
  );
};
