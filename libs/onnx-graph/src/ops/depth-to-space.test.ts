import { describe, expect, it } from 'vitest';
import { seededRandom } from '@styleclip/testing';
import { Graph } from '../graph';
import type { Tensor } from '../tensor';
import { checkGradient, evaluate } from '../test-utils';
import { depthToSpace, spaceToDepth } from './depth-to-space';

describe('depthToSpace / spaceToDepth', () => {
  it('DCR: y[n, c, h·b+i, w·b+j] = x[n, (i·b+j)·C + c, h, w], and spaceToDepth undoes it', async () => {
    const [n, c, h, w, b] = [2, 3, 2, 3, 2];
    const dims = [n, c * b * b, h, w];
    const x = { data: seededRandom(1).fillNormal(dims.reduce((p, d) => p * d, 1)), dims };
    const g = new Graph();
    const xi = g.input('x', 'float32', ['batch', c * b * b, h, w]);
    const y = depthToSpace(xi, b);
    g.output(y, 'y');
    g.output(spaceToDepth(y, b), 'back');
    expect(y.shape).toEqual(['batch', c, h * b, w * b]);
    const out = await evaluate(g, { x });
    const at = (nn: number, cc: number, yy: number, xx: number) =>
      out['y']![((nn * c + cc) * h * b + yy) * w * b + xx]!;
    for (let nn = 0; nn < n; nn++)
      for (let cc = 0; cc < c; cc++)
        for (let i = 0; i < b; i++)
          for (let j = 0; j < b; j++)
            for (let yy = 0; yy < h; yy++)
              for (let xx = 0; xx < w; xx++)
                expect(at(nn, cc, yy * b + i, xx * b + j)).toBe(
                  x.data[((nn * c * b * b + (i * b + j) * c + cc) * h + yy) * w + xx],
                );
    expect(Array.from(out['back']!)).toEqual(Array.from(x.data));
  });

  it('gradients by finite differences', async () => {
    for (const build of [(x: Tensor) => depthToSpace(x, 2), (x: Tensor) => spaceToDepth(x, 2)]) {
      const { relErrors, norms } = await checkGradient({
        shapes: [[2, 4, 2, 2]],
        build: (_g, [x]) => build(x as Tensor),
      });
      expect(norms[0]).toBeGreaterThan(1e-3);
      expect(relErrors[0]).toBeLessThan(1e-3);
    }
  });

  it('refuses channel counts or sizes that do not fit the block', () => {
    const g = new Graph();
    expect(() => depthToSpace(g.input('a', 'float32', [1, 6, 2, 2]), 2)).toThrow(
      /6 channels of a are not a multiple of 4/,
    );
    expect(() => spaceToDepth(g.input('b', 'float32', [1, 1, 3, 4]), 2)).toThrow(/not multiples of 2/);
  });
});
