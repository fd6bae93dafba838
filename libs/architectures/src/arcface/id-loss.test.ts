import { describe, expect, it } from 'vitest';
import { Graph } from '@styleclip/onnx-graph';
import { evaluate } from '@styleclip/onnx-graph/testing';
import { relativeL2, seededRandom } from '@styleclip/testing';
import { idLossInput } from './id-loss';

/** torch AdaptiveAvgPool2d on one [H,W] plane, by the window definition. */
function pool(x: Float64Array, h: number, w: number, oh: number, ow: number): Float64Array {
  const out = new Float64Array(oh * ow);
  for (let i = 0; i < oh; i++)
    for (let j = 0; j < ow; j++) {
      const [r0, r1] = [Math.floor((i * h) / oh), Math.ceil(((i + 1) * h) / oh)];
      const [c0, c1] = [Math.floor((j * w) / ow), Math.ceil(((j + 1) * w) / ow)];
      let s = 0;
      for (let r = r0; r < r1; r++) for (let c = c0; c < c1; c++) s += x[r * w + c]!;
      out[i * ow + j] = s / ((r1 - r0) * (c1 - c0));
    }
  return out;
}

/** `extract_feats` preprocessing of one plane, as the official code: pool to 256 only when the height is not 256. */
function reference(x: Float64Array, h: number, w: number): Float64Array {
  let [p, pw] = [x, w];
  if (h !== 256) [p, pw] = [pool(x, h, w, 256, 256), 256];
  const crop = new Float64Array(188 * 188);
  for (let r = 0; r < 188; r++) for (let c = 0; c < 188; c++) crop[r * 188 + c] = p[(35 + r) * pw + 32 + c]!;
  return pool(crop, 188, 188, 112, 112);
}

describe('idLossInput (IDLoss.extract_feats before the network)', () => {
  for (const [h, w, why] of [
    [256, 300, 'height 256: no pooling, even with another width'],
    [300, 256, 'height ≠ 256: pooled to 256×256 first, even with width 256'],
    [1024, 1024, '1024: 4×4 means'],
    [64, 64, '64: pixels repeated 4×4'],
  ] as const) {
    it(`${h}×${w} (${why})`, async () => {
      const rand = seededRandom(h + w);
      const x = rand.fillNormal(h * w);
      const g = new Graph();
      g.output(idLossInput(g.input('x', 'float32', [1, 3, h, w])), 'y');
      const data = new Float32Array(3 * h * w);
      for (let c = 0; c < 3; c++) data.set(x, c * h * w);
      const y = (await evaluate(g, { x: { data, dims: [1, 3, h, w] } }))['y']!;
      expect(y.length).toBe(3 * 112 * 112);
      expect(relativeL2(y.subarray(0, 112 * 112), reference(Float64Array.from(x), h, w))).toBeLessThan(1e-6);
    });
  }
});
