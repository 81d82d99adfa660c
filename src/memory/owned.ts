import type { Arena } from './arena.js';
import { getArena } from '../wasm/init.js';

declare global {
  interface SymbolConstructor {
    /**
     * `Symbol.dispose`, which `using` calls. TypeScript's esnext.disposable lib declares it too; this
     * keeps the package's types valid for projects without that lib.
     */
    readonly dispose: unique symbol;
  }
}

/**
 * A block of wasm memory and what else goes with it: the blocks of the objects that belong to its
 * owner (an optimizer belongs to its first model). Plain data, never the objects themselves, so
 * that holding it (the registry below does) keeps nothing reachable.
 */
interface Block { arena: Arena; ptr: number; freed?: boolean; belongings?: Block[] }

/** Frees a block once, whoever comes first (dispose, its owner's release, or the GC), and what belongs to it. */
function free(block: Block): void {
  if (block.freed) return;
  block.freed = true;
  block.arena.release(block.ptr);
  block.belongings?.forEach(free);
}

interface Registry { register(o: object, held: Block, token: object): void; unregister(token: object): void }

// Returns blocks of objects the user forgot to dispose() once they are garbage-collected. Runtimes
// without FinalizationRegistry (Workers before compatibility date 2025-05-05) rely on dispose().
const registry: Registry = typeof FinalizationRegistry === 'function' ? new FinalizationRegistry<Block>(free) : { register() {}, unregister() {} };

/**
 * Base of every object that holds a block of wasm memory: allocation, dispose() (and `using`, through
 * Symbol.dispose), the GC safety net and the use-after-dispose check.
 */
export abstract class Owned {
  /** @internal Byte offset of this object's block in wasm memory. */
  readonly ptr: number;
  /** @internal The arena (and kernels) this object's memory belongs to. */
  readonly arena: Arena;
  private readonly block: Block;

  /** @param owner whose release frees this block too (an optimizer's first model), so nothing outlives it. */
  protected constructor(bytes: number, owner?: Owned) {
    this.arena = getArena();
    this.ptr = this.arena.alloc(bytes);
    this.block = { arena: this.arena, ptr: this.ptr };
    registry.register(this, this.block, this);
    if (owner) owner.block.belongings = [...owner.block.belongings?.filter((b) => !b.freed) ?? [], this.block];
  }

  /**
   * Returns this object's wasm memory (and that of the optimizers that belong to it). Using the
   * object afterwards throws a TypeError. Idempotent. `using x = …` calls it at the end of the block.
   */
  dispose(): void {
    registry.unregister(this);
    free(this.block);
  }

  /** `using` support (TypeScript 5.2+): the same as dispose(). */
  [Symbol.dispose](): void {
    this.dispose();
  }

  /** True once `dispose()` was called (or its owner was disposed). */
  get isDisposed(): boolean {
    return this.block.freed === true;
  }

  /** @internal Throws TypeError if disposed; `what` names the object in the message. */
  assertAlive(what: string): void {
    if (this.block.freed) throw new TypeError(`${what} was disposed; create a new one`);
  }

  /** A live view of `length` f64 at byte `offset` in this block (re-created if memory grew). */
  protected view(cache: Float64Array | undefined, offset: number, length: number): Float64Array {
    if (cache && cache.buffer === this.arena.memory.buffer) return cache;
    return this.arena.f64(this.ptr + offset, length);
  }
}
