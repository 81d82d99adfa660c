// exp, log, log1p, expm1, pow, tan and cbrt in plain IEEE double arithmetic, so that the
// statistics give the same bits in every runtime. Math.exp, Math.log, … are only "implementation-
// approximated" (ECMA-262 §21.3.2): V8, JavaScriptCore and SpiderMonkey round differently in the
// last bit (Node 20 and Deno disagree on ~10 % of random arguments), whereas +, −, ×, ÷, Math.sqrt,
// comparisons and integer bit operations are exact everywhere.
//
// Ports of FreeBSD's msun (Sun's fdlibm, "Copyright (C) 1993, 2004 by Sun Microsystems, Inc.
// Permission to use, copy, modify, and distribute this software is freely granted, provided that
// this notice is preserved."): e_exp.c, e_log.c, s_log1p.c, s_expm1.c, e_pow.c, s_tan.c with
// k_tan.c and the |x| < 3π/4 case of e_rem_pio2.c, s_cbrt.c (Bruce D. Evans). Same constants,
// same order of operations, so each is below 1 ulp as msun's error analyses state and V8's own
// fdlibm ports mostly give the same bits. The 32-bit words of a double are read and written
// through a DataView (big-endian by default, whatever the platform's byte order).
//
// Departures: exp(1) is Math.E (correctly rounded, as in V8's port); pow follows ECMAScript where
// C99 differs (1 ** NaN and (±1) ** ±∞ are NaN) and drops msun's |y| > 2³¹ shortcut (the general
// path handles those exponents, more accurately); tan reduces only |x| ≤ 3π/4 and is NaN beyond
// (the library needs |x| ≤ π/4).

const D = /* @__PURE__ */ new DataView(new ArrayBuffer(8));
/** The high (sign, exponent, top of the mantissa) 32-bit word of x. */
const hi = (x: number): number => (D.setFloat64(0, x), D.getInt32(0));
/** x with its high word replaced by h. */
const setHi = (x: number, h: number): number => (D.setFloat64(0, x), D.setInt32(0, h), D.getFloat64(0));
/** x with the low 32 bits of its mantissa cleared. */
const clearLo = (x: number): number => (D.setFloat64(0, x), D.setInt32(4, 0), D.getFloat64(0));
/** 2^k, −1022 ≤ k ≤ 1023. */
const pow2 = (k: number): number => setHi(0, (k + 1023) << 20);
/** y·2^k with one rounding (msun's twopk / twom1000 / 0x1p1023 and scalbn), −1075 ≤ k ≤ 1024. */
const scale = (y: number, k: number): number =>
  k > 1023 ? y * 2 * pow2(1023) : k < -1021 ? y * pow2(k + 1000) * pow2(-1000) : y * pow2(k);

const LN2_HI = 6.93147180369123816490e-01, LN2_LO = 1.90821492927058770002e-10, INVLN2 = 1.44269504088896338700e+00;
const TWO54 = 1.80143985094819840000e+16;
const O_THRESHOLD = 7.09782712893383973096e+02; // ln of the largest double
/** c = r − (P1·r² + … + P5·r¹⁰), the Remez fit with e^r = 1 + r + r·c/(2 − c), |r| ≤ ½ ln 2 (e_exp.c's R1). */
const expc = (r: number): number => {
  const t = r * r;
  return r - t * (1.66666666666666019037e-01 + t * (-2.77777777770155933842e-03 + t * (6.61375632143793436117e-05
    + t * (-1.65339022054652515390e-06 + t * 4.13813679705723846039e-08))));
};
// ln(1 + f) = 2s + s·R(s²), s = f/(2 + f) (e_log.c's Lg, s_log1p.c's Lp)
const L1 = 6.666666666666735130e-01, L2 = 3.999999999940941908e-01, L3 = 2.857142874366239149e-01,
  L4 = 2.222219843214978396e-01, L5 = 1.818357216161805012e-01, L6 = 1.531383769920937332e-01,
  L7 = 1.479819860511658591e-01;

/** e^x (e_exp.c). */
export function exp(x: number): number {
  const hx = hi(x) & 0x7fffffff;
  if (hx >= 0x40862e42) { // |x| ≥ 709.78…, ±∞, NaN
    if (x !== x) return x;
    if (x > O_THRESHOLD) return Infinity;
    if (x < -7.45133219101941108420e+02) return 0;
  }
  let k = 0, h = 0, l = 0;
  if (hx > 0x3fd62e42) { // |x| > ½ ln 2: x = k·ln 2 + h − l
    if (x === 1) return Math.E; // as V8's port: the formula is 0.67 ulp off here
    k = hx < 0x3ff0a2b2 ? (x < 0 ? -1 : 1) : (INVLN2 * x + (x < 0 ? -0.5 : 0.5)) | 0;
    h = x - k * LN2_HI;
    l = k * LN2_LO;
    x = h - l;
  } else if (hx < 0x3e300000) return 1 + x; // |x| < 2⁻²⁸
  const c = expc(x);
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  return scale(1 - ((l - (x * c) / (2 - c)) - h), k);
}

/** ln x (e_log.c). */
export function log(x: number): number {
  let hx = hi(x), k = 0;
  if (hx < 0x00100000) { // x < 2⁻¹⁰²², ≤ 0 or NaN with the sign bit
    if (x === 0) return -Infinity;
    if (!(x > 0)) return NaN;
    k = -54;
    hx = hi(x *= TWO54); // subnormal
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0xfffff;
  const i = (hx + 0x95f64) & 0x100000;
  x = setHi(x, hx | (i ^ 0x3ff00000)); // x or x/2 in [√2/2, √2)
  k += i >> 20;
  // the k = 0 forms of msun (f − …) are these with k·ln 2 = 0: 0 − (a − f) is f − a exactly
  const f = x - 1;
  if ((0xfffff & (2 + hx)) < 3) { // −2⁻²⁰ ≤ f < 2⁻²⁰
    if (f === 0) return k * LN2_HI + k * LN2_LO;
    const R = f * f * (0.5 - 0.3333333333333333 * f);
    return k * LN2_HI - ((R - k * LN2_LO) - f);
  }
  const s = f / (2 + f), z = s * s, w = z * z;
  const R = z * (L1 + w * (L3 + w * (L5 + w * L7))) + w * (L2 + w * (L4 + w * L6));
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const hfsq = 0.5 * f * f;
    return k * LN2_HI - ((hfsq - (s * (hfsq + R) + k * LN2_LO)) - f);
  }
  return k * LN2_HI - ((s * (f - R) - k * LN2_LO) - f);
}

/** ln(1 + x) (s_log1p.c). */
export function log1p(x: number): number {
  const hx = hi(x), ax = hx & 0x7fffffff;
  let k = 1, f = x, c = 0, hu = 1;
  if (hx < 0x3fda827a) { // 1 + x < √2
    if (ax >= 0x3ff00000) return x === -1 ? -Infinity : NaN; // x ≤ −1
    if (ax < 0x3e200000) return ax < 0x3c900000 ? x : x - x * x * 0.5; // |x| < 2⁻²⁹
    if (hx > 0 || hx <= (0xbfd2bec4 | 0)) k = 0; // √2/2 ≤ 1 + x < √2: f = x
  }
  if (hx >= 0x7ff00000) return x + x;
  if (k) {
    let u = x;
    if (hx < 0x43400000) {
      u = 1 + x;
      k = (hi(u) >> 20) - 1023;
      c = (k > 0 ? 1 - (u - x) : x - (u - 1)) / u; // the rounding of 1 + x
    } else k = (hx >> 20) - 1023;
    hu = hi(u) & 0xfffff;
    if (hu < 0x6a09e) u = setHi(u, hu | 0x3ff00000);
    else {
      k += 1;
      u = setHi(u, hu | 0x3fe00000);
      hu = (0x00100000 - hu) >> 2;
    }
    f = u - 1;
  }
  // with k = 0 (and c = 0) these are msun's f − … forms, as in log
  const hfsq = 0.5 * f * f;
  if (hu === 0) { // |f| < 2⁻²⁰
    if (f === 0) return k * LN2_HI + (c + k * LN2_LO);
    const R = hfsq * (1 - 0.6666666666666666 * f);
    return k * LN2_HI - ((R - (k * LN2_LO + c)) - f);
  }
  const s = f / (2 + f), z = s * s;
  const R = z * (L1 + z * (L2 + z * (L3 + z * (L4 + z * (L5 + z * (L6 + z * L7))))));
  return k * LN2_HI - ((hfsq - (s * (hfsq + R) + (k * LN2_LO + c))) - f);
}

/** e^x − 1 (s_expm1.c). */
export function expm1(x: number): number {
  const neg = x < 0, hx = hi(x) & 0x7fffffff;
  if (hx >= 0x4043687a) { // |x| ≥ 56 ln 2
    if (x !== x) return x;
    if (x > O_THRESHOLD) return Infinity;
    if (neg) return -1;
  }
  let k = 0, c = 0;
  if (hx > 0x3fd62e42) { // |x| > ½ ln 2
    k = hx < 0x3ff0a2b2 ? (neg ? -1 : 1) : (INVLN2 * x + (neg ? -0.5 : 0.5)) | 0;
    const h = x - k * LN2_HI, l = k * LN2_LO;
    x = h - l;
    c = (h - x) - l;
  } else if (hx < 0x3c900000) return x; // |x| < 2⁻⁵⁴
  const hfx = 0.5 * x, hxs = x * hfx;
  const r1 = 1 + hxs * (-3.33333333333331316428e-02 + hxs * (1.58730158725481460165e-03
    + hxs * (-7.93650757867487942473e-05 + hxs * (4.00821782732936239552e-06 + hxs * -2.01099218183624371326e-07))));
  const t = 3 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6 - x * t));
  if (k === 0) return x - (x * e - hxs);
  e = x * (e - c) - c - hxs;
  if (k === -1) return 0.5 * (x - e) - 0.5;
  if (k === 1) return x < -0.25 ? -2 * (e - (x + 0.5)) : 1 + 2 * (x - e);
  if (k <= -2 || k > 56) return scale(1 - (e - x), k) - 1;
  return (k < 20 ? setHi(0, 0x3ff00000 - (0x200000 >> k)) - (e - x) : x - (e + pow2(-k)) + 1) * pow2(k);
}

/** x^y (e_pow.c), with ECMAScript's special cases (1 ** NaN and (±1) ** ±∞ are NaN). */
export function pow(x: number, y: number): number {
  if (y === 0) return 1;
  if (x !== x || y !== y) return NaN;
  const ax = Math.abs(x), ay = Math.abs(y), neg = hi(x) < 0; // x < 0 or −0
  // for x < 0: y an odd integer (1), an even one (2) or no integer (0)
  const yisint = neg ? (Math.floor(y) !== y ? 0 : Math.floor(y / 2) * 2 === y ? 2 : 1) : 0;
  if (ay === Infinity) return ax === 1 ? NaN : (ax > 1) === (y > 0) ? Infinity : 0;
  if (y === 1) return x;
  if (y === -1) return 1 / x;
  if (y === 2) return x * x;
  if (y === 0.5 && !neg) return Math.sqrt(x);
  if (ax === 0 || ax === 1 || ax === Infinity) {
    const z = y < 0 ? 1 / ax : ax;
    return neg && ax === 1 && !yisint ? NaN : yisint === 1 ? -z : z;
  }
  if (neg && !yisint) return NaN;
  const sign = yisint === 1 ? -1 : 1;

  // log2|x| = t1 + t2, t1 with 21 significant bits: |x| = 2ⁿ·a, 1 ≤ a < 2, ln a from s = (a − bp)/(a + bp)
  // with bp = 1 (a < √(3/2)) or 1.5 (a < √3), or a/2 and n + 1 (bp = 1) beyond
  let u = ax, ix = hi(u), n = 0;
  if (ix < 0x00100000) { // subnormal
    ix = hi(u *= 9007199254740992);
    n = -53;
  }
  n += (ix >> 20) - 0x3ff;
  const j0 = ix & 0xfffff;
  let k = 0;
  ix = j0 | 0x3ff00000;
  if (j0 > 0x3988e) { // |x| ≥ √(3/2)
    if (j0 < 0xbb67a) k = 1; // < √3
    else { n += 1; ix -= 0x00100000; }
  }
  const a = setHi(u, ix), bp = k ? 1.5 : 1;
  // ss = s_h + s_l = (a − bp)/(a + bp)
  u = a - bp;
  let v = 1 / (a + bp);
  const ss = u * v, s_h = clearLo(ss);
  let t_h = setHi(0, ((ix >> 1) | 0x20000000) + 0x00080000 + (k << 18)); // a + bp, high part
  let t_l = a - (t_h - bp);
  const s_l = v * ((u - s_h * t_h) - s_h * t_l);
  let s2 = ss * ss;
  let r = s2 * s2 * (5.99999999999994648725e-01 + s2 * (4.28571428578550184252e-01 + s2 * (3.33333329818377432918e-01
    + s2 * (2.72728123808534006489e-01 + s2 * (2.30660745775561754067e-01 + s2 * 2.06975017800338417784e-01)))));
  r += s_l * (s_h + ss);
  s2 = s_h * s_h;
  t_h = clearLo(3 + s2 + r);
  t_l = r - ((t_h - 3) - s2);
  u = s_h * t_h;
  v = s_l * t_h + t_l * ss;
  let p_h = clearLo(u + v), p_l = v - (p_h - u);
  // 2/(3 ln 2)·(ss + …) = z_h + z_l; log2|x| = n + dp_h + z_h + z_l
  const dp_h = k ? 5.84962487220764160156e-01 : 0;
  const z_h = 9.61796700954437255859e-01 * p_h;
  const z_l = -7.02846165095275826516e-09 * p_h + p_l * 9.61796693925975554329e-01 + (k ? 1.35003920212974897128e-08 : 0);
  const t1 = clearLo(((z_h + z_l) + dp_h) + n), t2 = z_l - (((t1 - n) - dp_h) - z_h);

  // y·log2|x| = p_h + p_l, y split into y1 (21 bits) + (y − y1)
  const y1 = clearLo(y);
  p_l = (y - y1) * t1 + y * t2;
  p_h = y1 * t1;
  let z = p_l + p_h;
  if (z >= 1024) {
    if (z > 1024 || p_l + 8.0085662595372944372e-17 > z - p_h) return sign * Infinity;
  } else if (z <= -1075) {
    if (z < -1075 || p_l <= z - p_h) return sign * 0;
  }
  // 2^(p_h + p_l) = 2^m·2^(p_h − m + p_l), m = [z + ½] computed on the bits of z
  const j = hi(z), i = j & 0x7fffffff;
  let m = 0;
  if (i > 0x3fe00000) { // |z| > ½
    m = j + (0x00100000 >> ((i >> 20) - 0x3fe));
    const e = ((m & 0x7fffffff) >> 20) - 0x3ff;
    p_h -= setHi(0, m & ~(0x000fffff >> e));
    m = ((m & 0x000fffff) | 0x00100000) >> (20 - e);
    if (j < 0) m = -m;
  }
  const t = clearLo(p_l + p_h);
  u = t * 6.93147182464599609375e-01;
  v = (p_l - (t - p_h)) * 6.93147180559945286227e-01 + t * -1.90465429995776804525e-09;
  z = u + v;
  const w = v - (z - u), c = expc(z);
  return sign * scale(1 - (((z * c) / (c - 2) - (w + z * w)) - z), m);
}

// tan on [−π/4, π/4]: x + T0·x³ + … + T12·x²⁷ (k_tan.c)
const T = [
  3.33333333333334091986e-01, 1.33333333333201242699e-01, 5.39682539762260521377e-02, 2.18694882948595424599e-02,
  8.86323982359930005737e-03, 3.59207910759131235356e-03, 1.45620945432529025516e-03, 5.88041240820264096874e-04,
  2.46463134818469906812e-04, 7.81794442939557092300e-05, 7.14072491382608190305e-05, -1.85586374855275456654e-05,
  2.59073051863633712884e-05,
];

/** tan(x + y) (iy = 1) or −1/tan(x + y) (iy = −1) for |x + y| ≤ ~π/4, y the tail of x (k_tan.c). */
function kernelTan(x: number, y: number, iy: number): number {
  const hx = hi(x), big = (hx & 0x7fffffff) >= 0x3fe59428; // |x| ≥ 0.6744: tan(π/4 − x)
  if (big) {
    if (hx < 0) { x = -x; y = -y; }
    x = (7.85398163397448278999e-01 - x) + (3.06161699786838301793e-17 - y);
    y = 0;
  }
  let z = x * x, w = z * z;
  let r = T[1] + w * (T[3] + w * (T[5] + w * (T[7] + w * (T[9] + w * T[11]))));
  let v = z * (T[2] + w * (T[4] + w * (T[6] + w * (T[8] + w * (T[10] + w * T[12])))));
  const s = z * x;
  r = y + z * (s * (r + v) + y) + T[0] * s;
  w = x + r;
  if (big) return (1 - ((hx >> 30) & 2)) * (iy - 2 * (x - ((w * w) / (w + iy) - r)));
  if (iy === 1) return w;
  // −1/(x + r) to within an ulp
  z = clearLo(w);
  v = r - (z - x);
  const a = -1 / w, t = clearLo(a);
  return t + a * (1 + t * z + t * v);
}

/**
 * tan x for |x| ≤ 3π/4 (s_tan.c; NaN beyond): x − (±π/2) with π/2 = pio2_1 + pio2_1t (33 + 53 bits)
 * as e_rem_pio2.c does for |x| ≤ 3π/4, and a third part where x is within 2⁻³¹ of ±π/2.
 */
export function tan(x: number): number {
  const ix = hi(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return ix < 0x3e300000 ? x : kernelTan(x, 0, 1); // |x| ≲ π/4
  if (!(ix <= 0x4002d97c)) return NaN; // |x| ≳ 3π/4, ±∞, NaN
  const n = x > 0 ? 1 : -1;
  let r = x - n * 1.57079632673412561417e+00, w = n * 6.07710050650619224932e-11;
  if ((ix & 0xfffff) === 0x921fb) { // cancellation: pio2_1t = pio2_2 + pio2_2t
    const t = r;
    w = n * 6.07710050630396597660e-11;
    r = t - w;
    w = n * 2.02226624879595063154e-21 - ((t - r) - w);
  }
  const y = r - w;
  return kernelTan(y, (r - y) - w, -1);
}

/** ∛x (s_cbrt.c). */
export function cbrt(x: number): number {
  let hx = hi(x);
  const sign = hx & 0x80000000;
  hx ^= sign;
  if (hx >= 0x7ff00000 || x === 0) return x + x;
  // to 5 bits from the exponent, to 23 by a polynomial in t³/x
  let t = hx < 0x00100000
    ? setHi(0, sign | (((hi(x * TWO54) & 0x7fffffff) / 3) | 0) + 696219795) // subnormal
    : setHi(0, sign | ((hx / 3) | 0) + 715094163);
  let r = t * t * (t / x);
  t *= (1.87595182427177009643 + r * (-1.88497979543377169875 + r * 1.621429720105354466140))
    + r * r * r * (-0.758397934778766047437 + r * 0.145996192886612446982);
  // round t away from 0 to 23 bits, then one Newton step to 53 bits
  D.setFloat64(0, t);
  D.setInt32(0, D.getInt32(0) + (D.getUint32(4) >>> 31));
  D.setInt32(4, (D.getInt32(4) + 0x80000000) & 0xc0000000);
  t = D.getFloat64(0);
  r = x / (t * t);
  return t + t * ((r - t) / (t + t + r));
}
