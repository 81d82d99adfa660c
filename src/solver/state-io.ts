// The mergeable state as bytes (what shards, workers and jobs send each other) and as JSON.
// Bytes: little-endian, NaN-safe (every double is stored as its bits), versioned, and checked by
// an FNV-1a checksum so a truncated or corrupted state is refused, never merged.
//
//   "LRWS" u16 version u16 flags(1 intercept, 2 weighted) u32 p
//   f64 nobs, Σlog w, tauScale | f64[p+1] shift | f64[p] column min, max
//   f64[m(m+1)/2] R hi, then lo (upper triangle by rows, m = p + 2)
//   u32 n, n bytes of UTF-8 JSON { names, targetName } | u32 checksum of everything before it

import { describe } from '../validate.js';
import type { Partial } from './partial.js';
import { Reduction } from './reduction.js';

const MAGIC = 0x5357524c; // "LRWS" read as a little-endian u32
const VERSION = 1;

/** @internal The state as bytes. */
export function stateToBytes(part: Partial): Uint8Array {
  const red = part.reduction, { p, m } = red;
  const tri = (m * (m + 1)) / 2;
  const text = new TextEncoder().encode(JSON.stringify({ names: part.names, targetName: part.targetName }));
  const size = 12 + 8 * (3 + p + 1 + 2 * p + 2 * tri) + 4 + text.length + 4;
  const bytes = new Uint8Array(size), v = new DataView(bytes.buffer);
  let o = 0;
  const u32 = (t: number) => { v.setUint32(o, t, true); o += 4; };
  const f64 = (t: number) => { v.setFloat64(o, t, true); o += 8; };
  u32(MAGIC); v.setUint16(o, VERSION, true); v.setUint16(o + 2, (red.intercept ? 1 : 0) | (red.weighted ? 2 : 0), true); o += 4; u32(p);
  [red.nobs, red.sumLogWeights, red.tauScale].forEach(f64);
  red.shift!.forEach(f64); red.colMin.forEach(f64); red.colMax.forEach(f64);
  for (const part of [red.hi, red.lo]) for (let i = 0; i < m; i++) for (let j = i; j < m; j++) f64(part[i * m + j]);
  u32(text.length); bytes.set(text, o); o += text.length;
  u32(checksum(bytes, o));
  return bytes;
}

/**
 * @internal A state from {@link stateToBytes}.
 * @throws TypeError when it is not a state; RangeError for another version, a wrong checksum
 *   (corrupt or truncated) or impossible contents.
 */
export function stateFromBytes(input: unknown): Partial {
  if (!(input instanceof Uint8Array)) throw new TypeError(`a saved state must be a Uint8Array, got ${describe(input)}`);
  const v = new DataView(input.buffer, input.byteOffset, input.byteLength);
  if (input.length < 16 || v.getUint32(0, true) !== MAGIC) throw new TypeError('these bytes are not a linreg-wasm state (they do not start with "LRWS")');
  const version = v.getUint16(4, true);
  if (version !== VERSION) throw new RangeError(`unsupported state version ${version}; this build reads version ${VERSION}`);
  if (v.getUint32(input.length - 4, true) !== checksum(input, input.length - 4)) throw new RangeError('the state is corrupt or truncated (its checksum does not match)');
  const flags = v.getUint16(6, true), p = v.getUint32(8, true), m = p + 2, tri = (m * (m + 1)) / 2;
  if (input.length < 12 + 8 * (3 + 3 * p + 1 + 2 * tri) + 8) throw new RangeError('the state is truncated');
  let o = 12;
  const f64 = () => { const t = v.getFloat64(o, true); o += 8; return t; };
  const red = new Reduction(p, (flags & 1) === 1);
  red.weighted = (flags & 2) === 2;
  red.nobs = f64(); red.sumLogWeights = f64(); red.tauScale = f64();
  red.shift = Float64Array.from({ length: p + 1 }, f64);
  red.colMin.set(Float64Array.from({ length: p }, f64)); red.colMax.set(Float64Array.from({ length: p }, f64));
  for (const part of [red.hi, red.lo]) for (let i = 0; i < m; i++) for (let j = i; j < m; j++) part[i * m + j] = f64();
  const n = v.getUint32(o, true);
  const meta = JSON.parse(new TextDecoder().decode(input.subarray(o + 4, o + 4 + n))) as { names: string[]; targetName: string };
  return checkState({ reduction: red, names: meta.names, targetName: meta.targetName });
}

/** @internal The state as plain JSON (arrays of numbers; R's upper triangles by rows). */
export interface SavedState {
  features: number; nobs: number; sumLogWeights: number; weighted: boolean; tauScale: number;
  shift: number[]; columnMin: number[]; columnMax: number[]; rHigh: number[]; rLow: number[];
  featureNames: string[]; targetName: string;
}

/** @internal The state's JSON. */
export function stateToJSON(part: Partial): SavedState {
  const red = part.reduction, { m } = red;
  const tri = (a: Float64Array) => { const out: number[] = []; for (let i = 0; i < m; i++) for (let j = i; j < m; j++) out.push(a[i * m + j]); return out; };
  return {
    features: red.p, nobs: red.nobs, sumLogWeights: red.sumLogWeights, weighted: red.weighted, tauScale: red.tauScale,
    shift: Array.from(red.shift!), columnMin: Array.from(red.colMin), columnMax: Array.from(red.colMax),
    rHigh: tri(red.hi), rLow: tri(red.lo), featureNames: part.names.slice(), targetName: part.targetName,
  };
}

/**
 * @internal A state from its JSON, for a model with this `intercept`.
 * @throws TypeError for wrong kinds; RangeError for wrong lengths or non-finite numbers.
 */
export function stateFromJSON(json: unknown, intercept: boolean): Partial {
  const s = json as SavedState;
  if (typeof s !== 'object' || s === null) throw new TypeError(`partial must be an object, got ${describe(json)}`);
  const p = s.features;
  if (!Number.isInteger(p) || p < 1) throw new RangeError(`partial.features must be an integer ≥ 1, got ${describe(p)}`);
  const m = p + 2, tri = (m * (m + 1)) / 2;
  const nums = (name: keyof SavedState, n: number) => {
    const a = s[name];
    if (!Array.isArray(a) || a.length !== n || a.some((t) => typeof t !== 'number')) throw new RangeError(`partial.${name} must be ${n} numbers, got ${describe(a)}`);
    return a as number[];
  };
  const red = new Reduction(p, intercept);
  red.nobs = s.nobs; red.sumLogWeights = s.sumLogWeights; red.tauScale = s.tauScale; red.weighted = s.weighted === true;
  red.shift = Float64Array.from(nums('shift', p + 1));
  red.colMin.set(nums('columnMin', p)); red.colMax.set(nums('columnMax', p));
  const hi = nums('rHigh', tri), lo = nums('rLow', tri);
  let k = 0;
  for (let i = 0; i < m; i++) for (let j = i; j < m; j++, k++) { red.hi[i * m + j] = hi[k]; red.lo[i * m + j] = lo[k]; }
  return checkState({ reduction: red, names: s.featureNames, targetName: s.targetName });
}

// Everything a merge or a fit will read, checked once.
function checkState(part: Partial): Partial {
  const red = part.reduction;
  if (!Array.isArray(part.names) || part.names.length !== red.p || part.names.some((t) => typeof t !== 'string')) {
    throw new TypeError(`the state's featureNames must be ${red.p} strings`);
  }
  if (typeof part.targetName !== 'string') throw new TypeError(`the state's targetName must be a string, got ${describe(part.targetName)}`);
  if (!Number.isInteger(red.nobs) || red.nobs < 1) throw new RangeError(`the state's row count must be an integer ≥ 1, got ${describe(red.nobs)}`);
  for (const [name, t] of [['sumLogWeights', red.sumLogWeights], ['tauScale', red.tauScale]] as const) {
    if (!Number.isFinite(t)) throw new RangeError(`the state's ${name} is ${t}: a state holds finite numbers only`);
  }
  for (const [name, a] of [['shift', red.shift!], ['R', red.hi], ['R (low parts)', red.lo], ['column min', red.colMin], ['column max', red.colMax]] as const) {
    const bad = a.findIndex((t) => !Number.isFinite(t));
    if (bad >= 0) throw new RangeError(`the state's ${name}[${bad}] is ${a[bad]}: a state holds finite numbers only`);
  }
  if (!(red.hi[0] > 0)) throw new RangeError('the state has no row of positive weight');
  return part;
}

// FNV-1a (32 bits) of bytes[0, end).
function checksum(bytes: Uint8Array, end: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < end; i++) h = Math.imul(h ^ bytes[i], 0x01000193) >>> 0;
  return h;
}
