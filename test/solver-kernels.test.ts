// Every solver kernel against its plain-TypeScript twin, on every length 0…33 (all SIMD tails).
import { describe, expect, it } from 'vitest';
import { getArena } from '../src/wasm/init.js';
import { solverKernels } from '../src/solver/kernels.js';
import {
  applyQRef, gramAccumulateRef, gramStrideRef, householderQRRef, refineResidualRef,
} from './twins/solver.js';

const arena = () => getArena();
let seed = 12345;
function rand(): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648 * 2 - 1;
}
const randoms = (n: number, scale = 1) => Float64Array.from({ length: n }, () => rand() * scale);

/** Copies values into fresh wasm blocks, runs fn with their pointers, frees them. */
function inWasm<T>(arrays: (Float64Array | null)[], fn: (ptrs: number[]) => T): T {
  const a = arena();
  const ptrs = arrays.map((arr) => {
    if (!arr) return 0;
    const p = a.alloc(Math.max(1, arr.length) * 8);
    a.f64(p, arr.length).set(arr);
    return p;
  });
  try {
    return fn(ptrs);
  } finally {
    ptrs.forEach((p) => p && a.release(p));
  }
}

function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, tol: number): void {
  expect(got.length).toBe(want.length);
  let scale = 1e-300;
  for (let i = 0; i < want.length; i++) scale = Math.max(scale, Math.abs(want[i]));
  for (let i = 0; i < want.length; i++) {
    if (Math.abs(got[i] - want[i]) > tol * scale) expect.fail(`entry ${i}: ${got[i]} vs ${want[i]} (scale ${scale})`);
  }
}

const lengths = Array.from({ length: 34 }, (_, n) => n);

describe('gramAccumulate', () => {
  it('has the twin stride', () => {
    for (const c of lengths) expect(solverKernels().gramStride(c)).toBe(gramStrideRef(c));
  });
  it.each(lengths)('matches the twin with %i columns (75 rows: full blocks and a tail)', (cols) => {
    const rows = 75, P = gramStrideRef(cols);
    const X = randoms(rows * cols, 3), y = randoms(rows), w = randoms(rows).map(Math.abs);
    const shift = randoms(cols + 1, 0.1);
    const start = randoms(P * P);
    const want = start.slice();
    gramAccumulateRef(X, y, w, rows, cols, shift, want);
    const got = inWasm([X, y, w, shift, start, new Float64Array(64 * P)], ([x, yp, wp, s, g, sc]) => {
      solverKernels().gramAccumulate(x, yp, wp, rows, cols, s, g, sc);
      return arena().f64(g, P * P).slice();
    });
    for (let j = 0; j < P; j++) expectClose(got.subarray(j * P + j, (j + 1) * P), want.subarray(j * P + j, (j + 1) * P), 1e-13);
  });
  it('treats w = 0 (no pointer) as unit weights and accumulates across calls (mergeable chunks)', () => {
    const rows = 40, cols = 5, P = gramStrideRef(cols);
    const X = randoms(rows * cols), y = randoms(rows), shift = new Float64Array(cols + 1);
    const want = new Float64Array(P * P);
    gramAccumulateRef(X, y, null, rows, cols, shift, want);
    const got = inWasm([X, y, shift, new Float64Array(P * P), new Float64Array(64 * P)], ([x, yp, s, g, sc]) => {
      const k = solverKernels();
      k.gramAccumulate(x, yp, 0, 17, cols, s, g, sc);
      k.gramAccumulate(x + 17 * cols * 8, yp + 17 * 8, 0, rows - 17, cols, s, g, sc);
      return arena().f64(g, P * P).slice();
    });
    for (let j = 0; j < P; j++) expectClose(got.subarray(j * P + j, (j + 1) * P), want.subarray(j * P + j, (j + 1) * P), 1e-13);
  });
});

describe('householderQR and applyQ', () => {
  it.each(lengths)('factor a %i-row matrix like the twin (tall, square and wide shapes)', (m) => {
    for (const n of [1, 3, Math.max(1, m), m + 2]) {
      const ld = (m + 1) & ~1;
      const a = randoms(ld * n);
      const want = a.slice();
      const tauWant = householderQRRef(want, m, n, ld);
      const v = randoms(m);
      const qtWant = v.slice(), qWant = v.slice();
      applyQRef(want, m, n, ld, tauWant, qtWant, true);
      applyQRef(want, m, n, ld, tauWant, qWant, false);
      const k = Math.max(1, Math.min(m, n));
      const got = inWasm([a, new Float64Array(k), v.slice(), v.slice()], ([ap, tp, v1, v2]) => {
        const kk = solverKernels();
        kk.householderQR(ap, m, n, ld, tp);
        kk.applyQ(ap, m, n, ld, tp, v1, 1);
        kk.applyQ(ap, m, n, ld, tp, v2, 0);
        const A = arena();
        return { a: A.f64(ap, ld * n).slice(), tau: A.f64(tp, Math.min(m, n)).slice(), qt: A.f64(v1, m).slice(), q: A.f64(v2, m).slice() };
      });
      expectClose(got.tau, tauWant, 1e-12);
      for (let j = 0; j < n; j++) expectClose(got.a.subarray(j * ld, j * ld + m), want.subarray(j * ld, j * ld + m), 1e-11);
      expectClose(got.qt, qtWant, 1e-12);
      expectClose(got.q, qWant, 1e-12);
    }
  });
  it('gives Q orthogonal and Q·R = A', () => {
    const m = 9, n = 4, ld = 10;
    const a = randoms(ld * n);
    inWasm([a.slice(), new Float64Array(n), new Float64Array(m)], ([ap, tp, vp]) => {
      const k = solverKernels(), A = arena();
      k.householderQR(ap, m, n, ld, tp);
      const f = A.f64(ap, ld * n).slice();
      for (let j = 0; j < n; j++) {
        const col = new Float64Array(m);
        for (let i = 0; i <= j; i++) col[i] = f[j * ld + i];
        A.f64(vp, m).set(col);
        k.applyQ(ap, m, n, ld, tp, vp, 0);
        expectClose(A.f64(vp, m), a.subarray(j * ld, j * ld + m), 1e-14);
      }
    });
  });
});

describe('refineResidual', () => {
  it.each(lengths)('matches the exact twin with %i columns, with and without lo, weights and r', (cols) => {
    const rows = 7;
    for (const variant of [0, 1, 2, 3]) {
      const X = randoms(rows * cols, 10), y = randoms(rows, 10), beta = randoms(cols);
      const lo = variant & 1 ? randoms(rows * cols, 1e-16) : null;
      const w = variant & 2 ? randoms(rows).map((v) => Math.abs(v) + 0.1) : null;
      const r = variant === 3 ? null : randoms(rows, 0.1);
      const want = refineResidualRef(X, lo, y, w, rows, cols, beta, 0.25, r);
      const got = inWasm([X, lo, y, w, beta, r, new Float64Array(rows), new Float64Array(2 * (cols + 1))],
        ([x, l, yp, wp, b, rp, fp, gp]) => {
          const sse = solverKernels().refineResidual(x, l, yp, wp, rows, cols, b, 0.25, rp, fp, gp);
          const g = arena().f64(gp, 2 * (cols + 1));
          return { sse, f: arena().f64(fp, rows).slice(), g: g.subarray(0, cols + 1).map((h, j) => h + g[cols + 1 + j]) };
        });
      expectClose(got.f, want.f, 1e-15);
      expectClose(got.g, want.g, 1e-14);
      expect(got.sse).toBeCloseTo(want.sse, 12);
    }
  });
  it('with g = 0 returns the same Σf² and f without the Aᵀ product', () => {
    const rows = 9, cols = 5;
    const X = randoms(rows * cols, 10), y = randoms(rows, 10), beta = randoms(cols), w = randoms(rows).map((v) => Math.abs(v) + 0.1);
    const run = (withG: boolean) => inWasm([X, y, w, beta, new Float64Array(rows), new Float64Array(2 * (cols + 1))],
      ([x, yp, wp, b, fp, gp]) => ({ sse: solverKernels().refineResidual(x, 0, yp, wp, rows, cols, b, 0.5, 0, fp, withG ? gp : 0), f: arena().f64(fp, rows).slice() }));
    expect(run(false)).toEqual(run(true));
  });
  it('is exact where plain double arithmetic cancels to nothing', () => {
    // y − x·β = 1e20 − (1e20 + 1): plain doubles round x·β to 1e20 and return 0; the exact answer is −1.
    const X = Float64Array.of(1, 1), beta = Float64Array.of(1e20, 1);
    const y = Float64Array.of(1e20);
    const got = inWasm([X, y, beta, new Float64Array(1), new Float64Array(6)], ([x, yp, b, fp, gp]) => {
      solverKernels().refineResidual(x, 0, yp, 0, 1, 2, b, 0, 0, fp, gp);
      return arena().f64(fp, 1)[0];
    });
    expect(got).toBe(-1);
  });
});
