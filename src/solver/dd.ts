// Double-double arithmetic in JS without FMA (Dekker's split and product, Knuth's sum): a value
// is hi + lo with |lo| ≤ ulp(hi)/2, about 32 significant digits. Results go to the two-slot
// register OUT (no allocation in the loops of the mergeable state).

const SPLIT = 134217729; // 2^27 + 1

/** The result register of the operations below: [hi, lo]. */
export const OUT = new Float64Array(2);

/** OUT = a + b exactly (hi = fl(a + b)). */
export function twoSum(a: number, b: number): void {
  const s = a + b, bb = s - a;
  OUT[0] = s;
  OUT[1] = (a - (s - bb)) + (b - bb);
}

/** OUT = a·b exactly (hi = fl(a·b)). */
export function twoProd(a: number, b: number): void {
  const p = a * b;
  const ca = SPLIT * a, ah = ca - (ca - a), al = a - ah;
  const cb = SPLIT * b, bh = cb - (cb - b), bl = b - bh;
  OUT[0] = p;
  OUT[1] = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}

/** OUT = (ah + al) + (bh + bl). */
export function add(ah: number, al: number, bh: number, bl: number): void {
  twoSum(ah, bh);
  const s = OUT[0], e = OUT[1] + al + bl;
  OUT[0] = s + e;
  OUT[1] = e - (OUT[0] - s);
}

/** OUT = (ah + al)·(bh + bl). */
export function mul(ah: number, al: number, bh: number, bl: number): void {
  twoProd(ah, bh);
  const p = OUT[0], e = OUT[1] + (ah * bl + al * bh);
  OUT[0] = p + e;
  OUT[1] = e - (OUT[0] - p);
}

/** OUT = (ah + al)/(bh + bl): a quotient and one correction. */
export function div(ah: number, al: number, bh: number, bl: number): void {
  const q1 = ah / bh;
  mul(bh, bl, q1, 0);
  add(ah, al, -OUT[0], -OUT[1]);
  const q2 = OUT[0] / bh;
  twoSum(q1, q2);
}

/** OUT = √(ah + al) for ah ≥ 0: the double root and one Newton correction. */
export function sqrt(ah: number, al: number): void {
  if (!(ah > 0)) { OUT[0] = ah === 0 ? 0 : NaN; OUT[1] = 0; return; }
  const s = Math.sqrt(ah);
  twoProd(s, s);
  add(ah, al, -OUT[0], -OUT[1]);
  twoSum(s, OUT[0] / (2 * s));
}
