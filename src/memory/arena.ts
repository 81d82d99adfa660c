import type { Kernels } from '../wasm/kernels.js';

const PAGE = 65536;
const ALIGN = 16; // one v128
const MAX_BYTES = 4 * 1024 * 1024 * 1024; // wasm32 address space

interface Block { ptr: number; size: number }

/**
 * Owns the layout of wasm linear memory: a first-fit free list over the space above the module's
 * static data, with an offsets table of live blocks. Blocks are 16-byte aligned for SIMD.
 * Memory grows on demand and never shrinks (wasm cannot); freed blocks are reused and coalesced.
 */
export class Arena {
  readonly kernels: Kernels;
  private readonly live = new Map<number, number>();
  private free: Block[] = [];
  private top: number;
  private liveTotal = 0;

  constructor(kernels: Kernels) {
    this.kernels = kernels;
    this.top = kernels.heapBase() >>> 0;
  }

  get memory(): WebAssembly.Memory {
    return this.kernels.memory;
  }

  /** Allocates `bytes` (rounded up to 16) and returns the byte offset; throws RangeError if memory is full. */
  alloc(bytes: number): number {
    const size = Math.max(ALIGN, Math.ceil(bytes / ALIGN) * ALIGN);
    const ptr = this.takeFree(size) ?? this.bump(size);
    this.live.set(ptr, size);
    this.liveTotal += size;
    return ptr;
  }

  /** Returns a block from `alloc` to the free list. Freeing twice is a no-op. */
  release(ptr: number): void {
    const size = this.live.get(ptr);
    if (size === undefined) return;
    this.live.delete(ptr);
    this.liveTotal -= size;
    this.insertFree({ ptr, size });
  }

  /** A fresh Float64Array view of `length` f64 at `ptr` (views detach when memory grows). */
  f64(ptr: number, length: number): Float64Array {
    return new Float64Array(this.memory.buffer, ptr, length);
  }

  /** Size of wasm memory and of the blocks currently allocated, in bytes. */
  usage(): { wasmBytes: number; liveBytes: number } {
    return { wasmBytes: this.memory.buffer.byteLength, liveBytes: this.liveTotal };
  }

  private takeFree(size: number): number | undefined {
    const i = this.free.findIndex((b) => b.size >= size);
    if (i < 0) return undefined;
    const block = this.free[i];
    if (block.size === size) this.free.splice(i, 1);
    else this.free[i] = { ptr: block.ptr + size, size: block.size - size };
    return block.ptr;
  }

  private bump(size: number): number {
    const ptr = this.top;
    const end = ptr + size;
    const have = this.memory.buffer.byteLength;
    if (end > have) this.grow(end - have, size);
    this.top = end;
    return ptr;
  }

  private grow(missing: number, request: number): void {
    const pages = Math.ceil(missing / PAGE);
    const have = this.memory.buffer.byteLength;
    const advice = 'free unused matrices with dispose(), or process the data in chunks';
    if (have + pages * PAGE > MAX_BYTES) {
      throw new RangeError(`cannot allocate ${request} bytes: wasm memory would exceed 4 GiB (${have} bytes in use); ${advice}`);
    }
    try {
      this.memory.grow(pages);
    } catch {
      throw new RangeError(`cannot allocate ${request} bytes: the engine refused to grow wasm memory beyond ${have} bytes; ${advice}`);
    }
  }

  // Keeps the free list sorted by address and merges neighbours (and the top of the heap).
  private insertFree(block: Block): void {
    let i = this.free.findIndex((b) => b.ptr > block.ptr);
    if (i < 0) i = this.free.length;
    this.free.splice(i, 0, block);
    const next = this.free[i + 1];
    if (next && block.ptr + block.size === next.ptr) {
      block.size += next.size;
      this.free.splice(i + 1, 1);
    }
    const prev = this.free[i - 1];
    if (prev && prev.ptr + prev.size === block.ptr) {
      prev.size += block.size;
      this.free.splice(i, 1);
      block = prev;
      i -= 1;
    }
    if (block.ptr + block.size === this.top) {
      this.top = block.ptr;
      this.free.splice(i, 1);
    }
  }
}
