import { getArena } from '../wasm/init.js';

/**
 * Bytes of wasm memory: `wasmBytes` reserved by the module (it grows, never shrinks) and
 * `liveBytes` held by matrices, vectors, models and optimizers that are not disposed.
 */
export function memoryUsage(): { wasmBytes: number; liveBytes: number } {
  return getArena().usage();
}
