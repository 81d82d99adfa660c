// Double-double building blocks (error-free transformations without FMA: Dekker's splitting).
// A value is the unevaluated sum hi + lo with |lo| ≤ ulp(hi)/2; the second result of each
// operation is left in the module global `ddLo` (scalar) or `ddLoV` (two lanes).

const SPLIT: f64 = 134217729.0; // 2^27 + 1

/** Second result of the last scalar operation. */
export let ddLo: f64 = 0;
/** Second result of the last two-lane operation. */
export let ddLoV: v128 = f64x2.splat(0);

/** a + b = s + ddLo exactly (Knuth's TwoSum); returns s. */
// @ts-ignore: decorator
@inline export function twoSum(a: f64, b: f64): f64 {
  const s = a + b;
  const bb = s - a;
  ddLo = (a - (s - bb)) + (b - bb);
  return s;
}

/** a · b = p + ddLo exactly (Dekker's TwoProduct); returns p. */
// @ts-ignore: decorator
@inline export function twoProd(a: f64, b: f64): f64 {
  const p = a * b;
  const ca = SPLIT * a, cb = SPLIT * b;
  const ah = ca - (ca - a), al = a - ah;
  const bh = cb - (cb - b), bl = b - bh;
  ddLo = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
  return p;
}

/** (h, l) + (p, e) renormalised: returns the new hi, the new lo in ddLo. */
// @ts-ignore: decorator
@inline export function ddAdd(h: f64, l: f64, p: f64, e: f64): f64 {
  const s = twoSum(h, p);
  const t = ddLo + l + e;
  const hi = s + t;
  ddLo = t - (hi - s);
  return hi;
}

/** Lane-wise twoProd: returns p, the error in ddLoV. */
// @ts-ignore: decorator
@inline export function twoProdV(a: v128, b: v128): v128 {
  const sp = f64x2.splat(SPLIT);
  const p = f64x2.mul(a, b);
  const ca = f64x2.mul(sp, a), cb = f64x2.mul(sp, b);
  const ah = f64x2.sub(ca, f64x2.sub(ca, a)), al = f64x2.sub(a, ah);
  const bh = f64x2.sub(cb, f64x2.sub(cb, b)), bl = f64x2.sub(b, bh);
  const e0 = f64x2.add(f64x2.add(f64x2.sub(f64x2.mul(ah, bh), p), f64x2.mul(ah, bl)), f64x2.mul(al, bh));
  ddLoV = f64x2.add(e0, f64x2.mul(al, bl));
  return p;
}

/** Lane-wise ddAdd: returns the new hi, the new lo in ddLoV. */
// @ts-ignore: decorator
@inline export function ddAddV(h: v128, l: v128, p: v128, e: v128): v128 {
  const s = f64x2.add(h, p);
  const bb = f64x2.sub(s, h);
  const err = f64x2.add(f64x2.sub(h, f64x2.sub(s, bb)), f64x2.sub(p, bb));
  const t = f64x2.add(f64x2.add(err, l), e);
  const hi = f64x2.add(s, t);
  ddLoV = f64x2.sub(t, f64x2.sub(hi, s));
  return hi;
}
