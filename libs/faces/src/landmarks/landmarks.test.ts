import { describe, expect, it } from 'vitest';
import { seededRandom } from '@styleclip/testing';
import { svd } from '../detector/svd';
import { loadPhoto, models } from '../test-fixtures';
import { similarityMatrix } from './similarity';

/** Umeyama's least-squares similarity through an SVD of the cross-covariance (dlib's route), in double. */
function umeyama(from: Float32Array, to: Float32Array): number[] {
  const n = from.length / 2;
  const mean = (a: Float32Array, k: number) =>
    Array.from({ length: n }, (_, i) => a[2 * i + k]!).reduce((s, v) => s + v, 0) / n;
  const [fx, fy, tx, ty] = [mean(from, 0), mean(from, 1), mean(to, 0), mean(to, 1)];
  let sigma = 0;
  const cov = new Float64Array(4);
  for (let i = 0; i < n; i++) {
    const a = [from[2 * i]! - fx, from[2 * i + 1]! - fy];
    const b = [to[2 * i]! - tx, to[2 * i + 1]! - ty];
    sigma += a[0]! ** 2 + a[1]! ** 2;
    for (let r = 0; r < 2; r++)
      for (let c = 0; c < 2; c++) cov[r * 2 + c] = cov[r * 2 + c]! + (b[r]! * a[c]!) / n;
  }
  sigma /= n;
  const { u, s, v } = svd(cov, 2, 2);
  const det = cov[0]! * cov[3]! - cov[1]! * cov[2]!;
  const flip = det < 0 ? -1 : 1;
  // R = U·diag(1, flip)·Vᵀ, scale = (s0 + flip·s1)/σ
  const R = [0, 1, 2, 3].map((k) => {
    const r = k >> 1;
    const c = k & 1;
    return u[r * 2]! * v[c * 2]! + flip * u[r * 2 + 1]! * v[c * 2 + 1]!;
  });
  const scale = (s[0]! + flip * s[1]!) / sigma;
  return R.map((x) => x * scale);
}

describe('shape predictor', () => {
  it("the closed-form similarity equals Umeyama's SVD solution", () => {
    const rnd = seededRandom(3);
    for (let trial = 0; trial < 20; trial++) {
      const from = new Float32Array(136).map(() => rnd.next());
      const angle = rnd.next() * 6;
      const k = 0.5 + rnd.next();
      const mirror = trial % 5 === 0 ? -1 : 1; // reflections must stay rotations (dlib forbids flips)
      const to = new Float32Array(136);
      for (let i = 0; i < 68; i++) {
        const x = from[2 * i]! * mirror;
        const y = from[2 * i + 1]!;
        to[2 * i] = k * (Math.cos(angle) * x - Math.sin(angle) * y) + 3 + 0.01 * rnd.next();
        to[2 * i + 1] = k * (Math.sin(angle) * x + Math.cos(angle) * y) - 1 + 0.01 * rnd.next();
      }
      const got = new Float64Array(4);
      similarityMatrix(from, to, got);
      umeyama(from, to).forEach((v, i) => expect(Math.abs(got[i]! - v)).toBeLessThan(1e-6));
    }
  });

  it('refuses boxes that are not integers, and predicts outside the photo (zeros) without failing', async () => {
    const { predictor } = await models();
    const img = await loadPhoto('astronaut');
    expect(() => predictor.predict(img, { left: 1.5, top: 0, right: 10, bottom: 10 })).toThrow(
      /box.left must be an integer/,
    );
    const off = predictor.predict(img, { left: -500, top: -500, right: -400, bottom: -400 });
    expect(off).toHaveLength(68);
  });
});
