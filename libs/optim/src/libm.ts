/**
 * Correctly rounded `x ** n` (integer n ≥ 0) and `cos(x)` in double precision, as CPython gets them from
 * glibc. V8's `**` and `Math.cos` can be one ulp off, and the official schedules (`get_lr`, RAdam's step
 * size, Adam's bias corrections) are computed in Python doubles. Both use double-double arithmetic (about
 * 106 bits), then round once.
 */
type DD = readonly [hi: number, lo: number];

const SPLIT = 134217729; // 2^27 + 1

function twoSum(a: number, b: number): DD {
  const s = a + b;
  const bb = s - a;
  return [s, a - (s - bb) + (b - bb)];
}

function twoProd(a: number, b: number): DD {
  const p = a * b;
  const ca = SPLIT * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = SPLIT * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

function norm(hi: number, lo: number): DD {
  const s = hi + lo;
  return [s, lo - (s - hi)];
}

function mul(a: DD, b: DD): DD {
  const [p, e] = twoProd(a[0], b[0]);
  return norm(p, e + a[0] * b[1] + a[1] * b[0]);
}

function add(a: DD, b: DD): DD {
  const [s, e] = twoSum(a[0], b[0]);
  return norm(s, e + a[1] + b[1]);
}

function div(a: DD, b: number): DD {
  const q = a[0] / b;
  const [p, e] = twoProd(q, b);
  return norm(q, (a[0] - p - e + a[1]) / b);
}

/** x ** n for an integer n ≥ 0, correctly rounded (barring double-double ties). */
export function powInt(x: number, n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`powInt: exponent ${n}`);
  let result: DD = [1, 0];
  let base: DD = [x, 0];
  for (let k = n; k > 0; k = Math.floor(k / 2)) {
    if (k % 2 === 1) result = mul(result, base);
    if (k > 1) base = mul(base, base);
  }
  return result[0] + result[1];
}

const HALF_PI: DD = [1.5707963267948966, 6.123233995736766e-17];

/** cos(x) for |x| ≤ 4, correctly rounded: −sin(x − π/2) by its Taylor series in double-double. */
export function cosCorrect(x: number): number {
  if (!(Math.abs(x) <= 4)) return Math.cos(x);
  const y = add([x, 0], [-HALF_PI[0], -HALF_PI[1]]);
  const y2 = mul(y, y);
  let term: DD = y;
  let sum: DD = y;
  for (let k = 1; k < 30; k++) {
    term = div(mul(term, y2), -(2 * k) * (2 * k + 1));
    sum = add(sum, term);
    if (Math.abs(term[0]) < 1e-40) break;
  }
  return -(sum[0] + sum[1]);
}
