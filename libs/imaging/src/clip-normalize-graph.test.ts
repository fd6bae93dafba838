import { describe, expect, it } from 'vitest';
import { Graph } from '@styleclip/onnx-graph';
import { checkGradient, evaluate } from '@styleclip/onnx-graph/testing';
import { maxAbsDiff, seededRandom } from '@styleclip/testing';
import { areaDownsampleGraph } from './area-downsample';
import { CLIP_MEAN, CLIP_STD } from './clip-preprocess';
import { clipNormalizeGraph } from './clip-normalize-graph';

describe('clipNormalizeGraph', () => {
  const dims = [2, 3, 4, 5];
  const hw = 20;
  const x = seededRandom(9).fillUniform(2 * 3 * hw, -1.2, 1.2);

  for (const rescale of [true, false]) {
    it(`normalizes with the CLIP mean/std (rescale ${rescale})`, async () => {
      const g = new Graph('norm');
      g.output(clipNormalizeGraph(g, g.input('x', 'float32', dims), { rescale }), 'y');
      const y = (await evaluate(g, { x: { data: x, dims } }))['y']!;
      const expected = Array.from(x, (v, i) => {
        const c = Math.floor(i / hw) % 3;
        return ((rescale ? (v + 1) / 2 : v) - CLIP_MEAN[c]!) / CLIP_STD[c]!;
      });
      expect(maxAbsDiff(y, expected)).toBeLessThan(1e-5);
    });
  }

  it('differentiates through the corrected path (area downsample + rescale + normalize)', async () => {
    const r = await checkGradient({
      shapes: [[1, 3, 16, 16]],
      build: (g, [img]) => clipNormalizeGraph(g, areaDownsampleGraph(g, img!, 14)),
    });
    expect(r.relErrors[0]).toBeLessThan(1e-3);
  });

  it('refuses a non-RGB tensor', () => {
    const g = new Graph('bad');
    expect(() => clipNormalizeGraph(g, g.input('x', 'float32', [1, 1, 4, 4]))).toThrow(/\[N,3,H,W\]/);
  });
});
