import { describe, expect, it } from 'vitest';
import { Graph } from '@styleclip/onnx-graph';
import { checkGradient, evaluate } from '@styleclip/onnx-graph/testing';
import { relativeL2 } from '@styleclip/testing';
import type { ClipConfig } from './config';
import { buildClipImageGraph, clipImageEncoder } from './image-encoder';
import { randomClipWeights } from './init';
import { microClipConfig } from './test-helpers';

const micro: ClipConfig = microClipConfig;

describe('clipImageEncoder', () => {
  it('is differentiable w.r.t. the image (finite differences, relative error < 1e-3)', async () => {
    const weights = randomClipWeights(micro, 3);
    const { relErrors, norms } = await checkGradient(
      {
        shapes: [[2, 3, 8, 8]],
        build: (g, [x]) => clipImageEncoder(g, x!, weights, micro),
        // float32 rounding of the loss dominates the finite-difference error here (1e-2: 5e-4, 3e-2: 1.5e-4).
        eps: 3e-2,
      },
      16,
    );
    console.log(
      `image-encoder gradient: relative error ${relErrors[0]!.toExponential(2)}, norm ${norms[0]!.toExponential(2)}`,
    );
    expect(norms[0]).toBeGreaterThan(0);
    expect(relErrors[0]).toBeLessThan(1e-3);
  });

  it('encodes each batch row independently (symbolic batch)', async () => {
    const weights = randomClipWeights(micro, 4);
    const g = buildClipImageGraph(weights, micro);
    const img = new Float32Array(2 * 3 * 64).map((_, i) => Math.cos(i * 0.7));
    const both = (await evaluate(g, { image: { data: img, dims: [2, 3, 8, 8] } }))['embedding']!;
    const second = (await evaluate(g, { image: { data: img.slice(3 * 64), dims: [1, 3, 8, 8] } }))[
      'embedding'
    ]!;
    expect(relativeL2(both.subarray(4), second)).toBeLessThan(1e-6);
    expect(relativeL2(both.subarray(0, 4), second)).toBeGreaterThan(1e-2);
  });

  it('rejects an image of the wrong size', () => {
    const g = new Graph('t');
    const x = g.input('image', 'float32', [1, 3, 16, 16]);
    expect(() => clipImageEncoder(g, x, randomClipWeights(micro, 1), micro)).toThrow(
      /image must be \[N,3,8,8\], got \[1,3,16,16\]/,
    );
  });
});
