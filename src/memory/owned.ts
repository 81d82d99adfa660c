import type { Arena } from './arena.js';
import { getArena } from '../wasm/init.js';

interface Registry { register(o: object, held: { arena: Arena; ptr: number }, token: object): void; unregister(token: object): void }

// Returns blocks of objects the user forgot to dispose() once they are garbage-collected. Runtimes
// without FinalizationRegistry (Workers before compatibility date 2025-05-05) rely on dispose().
const registry: Registry = typeof FinalizationRegistry === 'function'
  ? new FinalizationRegistry<{ arena: Arena; ptr: number }>(({ arena, ptr }) => arena.release(ptr))
  : { register() {}, unregister() {} };

/**
 * Base of every object that holds a block of wasm memory: allocation, dispose(), the GC safety net
 * and the use-after-dispose check.
 */
export abstract class Owned {
  /** @internal Byte offset of this object's block in wasm memory. */
  readonly ptr: number;
  /** @internal The arena (and kernels) this object's memory belongs to. */
  readonly arena: Arena;
  private disposed = false;

  protected constructor(bytes: number) {
    this.arena = getArena();
    this.ptr = this.arena.alloc(bytes);
    registry.register(this, { arena: this.arena, ptr: this.ptr }, this);
  }

  /** Returns this object's wasm memory. Using the object afterwards throws a TypeError. Idempotent. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    registry.unregister(this);
    this.arena.release(this.ptr);
  }

  /** True once `dispose()` was called. */
  get isDisposed(): boolean {
    return this.disposed;
  }

  /** @internal Throws TypeError if disposed; `what` names the object in the message. */
  assertAlive(what: string): void {
    if (this.disposed) throw new TypeError(`${what} was disposed; create a new one`);
  }

  /** A live view of `length` f64 at byte `offset` in this block (re-created if memory grew). */
  protected view(cache: Float64Array | undefined, offset: number, length: number): Float64Array {
    if (cache && cache.buffer === this.arena.memory.buffer) return cache;
    return this.arena.f64(this.ptr + offset, length);
  }
}
